// Package runtime holds errgen's runtime: the Go source every generated
// package carries besides what errgen emits for its spec. The source
// lives, compiled and tested, in the fixture package below this one;
// errgen copies it from here.
package runtime

import _ "embed"

// Source is fixture/runtime.go, which errgen copies into every generated
// package as runtime.go: everything the package does that does not depend
// on the spec.
//
//go:embed fixture/runtime.go
var Source []byte

// ConformanceSource is fixture/conformance_test.go, which errgen copies
// into every generated package: the tests it runs against its own tables.
//
//go:embed fixture/conformance_test.go
var ConformanceSource []byte

// Clause is the package clause of both sources; errgen replaces it.
const Clause = "package fixture"
