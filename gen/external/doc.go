// Package external tests streamc the way another module uses it: a module
// in a temporary directory requires this checkout through a replace
// directive, runs `go generate ./...` and builds the programs, offline from
// the module cache. Its tests run the steps of the README's "Using streamc
// in another repository" as written.
package external
