// Package files keeps uploaded documents (application materials, photos)
// in the database, encrypted with the data keyring: they often show ID
// cards and faces, and the database is the one store every stateless node
// shares. It checks what a file really is by its first bytes, never by the
// name or the type the browser claims.
//
// The store does not decide who may read a file; the module that owns the
// file checks that before calling Open.
package files
