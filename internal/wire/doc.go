// Package wire holds the JSON reading that every generated error package
// needs. Generated packages import only the standard library, so the
// generator copies wire.go verbatim into each of them (rewriting only the
// package clause); this package exists to build, test, fuzz and benchmark
// that file as ordinary Go.
//
// wire.go therefore declares only unexported identifiers, imports only the
// standard library, builds with Go 1.21 and carries no package comment.
package wire

import _ "embed" // for Source

// Source is wire.go, copied into every generated package.
//
//go:embed wire.go
var Source []byte
