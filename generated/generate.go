// Package generated holds the error packages errgen generates from the specs
// in spec/, one directory per API. Do not edit them by hand: change the spec
// and run
//
//	go generate ./...
//
// at the repository root, which runs the line below from this directory.
// The -C .. makes errgen work from the root, where -out defaults to
// generated/ and `errgen -check spec/*.toml` (the CI drift check) runs.
// errgen expands the pattern itself, so a new spec is picked up without
// editing this file, and -prune removes the package of a spec that was
// deleted or renamed, and any file errgen no longer generates.
package generated

//go:generate go tool errgen -C .. -prune spec/*.toml
