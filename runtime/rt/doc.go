// Package rt is the runtime API of code streamc generates, and only of it:
// generated packages and programs import rt (and runtime/sqltypes, the Go
// forms of SQL values), never the runtime's implementation, which is
// internal to streamc's module. Like protobuf-go's protoimpl, rt may change
// in any release: generated code and rt agree through EnforceVersion, and
// code written by hand must not call it.
//
// rt.go is generated from templates/internal/genutil's Facade table: aliases of the
// internal types, and one-call wrappers of the functions, which the
// compiler inlines.
package rt

//go:generate go run ../../templates/internal/facadegen -o rt.go -templates ../../templates
