// Package decode is errgen's decoding core: the one home of every rule that
// says what an HTTP error response means under a spec. It owns
//
//   - paths and their segments: member names, array indexes, "*"
//     (ParsePath, Path.Lookup);
//   - message patterns, parsed once (ParsePattern, Pattern.Match);
//   - the kinds of typed fields and how a JSON value reads as each (Kinds);
//   - shapes and the order they are tried, code recognition by title,
//     pattern and status, header fallbacks for the request id, the retry
//     default by status and every source of a retry delay
//     (Schema.Decode, Rules).
//
// The loader (internal/spec) compiles a spec into a Schema with these
// parsers and checks every documented example with Schema.Decode; the
// model's expected values, the generated tests and ERRORS.md take their
// answers from Schema.Decode too. Decode is a reference implementation:
// plain, built on encoding/json, and unconcerned with speed. The fast
// decoder every generated package carries (internal/runtime) implements
// the same rules and is held to them by a differential test over every
// documented example and over fuzzed bodies.
//
// The package knows nothing of TOML or of Go names.
package decode
