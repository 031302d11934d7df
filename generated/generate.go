// Package generated holds the error packages errgen generates from the specs
// in spec/, one directory per API. Do not edit them by hand: change the spec
// and run
//
//	go generate ./...
//
// at the repository root, which runs the line below from this directory.
// The -C .. makes errgen work from the root, so each file's header names its
// spec as spec/<name>.toml, exactly as `errgen -check spec/*.toml` (the CI
// drift check) expects. errgen expands the pattern itself, so a new spec is
// picked up without editing this file.
package generated

//go:generate go tool errgen -C .. spec/*.toml
