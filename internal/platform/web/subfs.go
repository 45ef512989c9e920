package web

import "io/fs"

// SubFS returns the subtree dir of an embedded file system, for a module's
// templates or static files. A missing directory is a build mistake, so it
// panics at start-up rather than serving nothing.
func SubFS(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return sub
}
