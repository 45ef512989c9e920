// Package check validates identifiers that residents and organisations type
// into the Shanzhi government services platform: resident ID numbers
// (GB 11643-1999), unified social credit codes (GB 32100-2015) and phone
// numbers.
//
// Validators return a *FieldError carrying a stable machine code (for API
// clients and tests) and a Chinese message that can be shown to residents
// as is. Normalising helpers return the canonical form that should be
// stored, indexed and compared.
//
// MakeIDNumber and MakeCreditCode build valid identifiers for demo data and
// tests of other packages.
package check
