// Package model turns a loaded spec into what the emitters need: Go names,
// resolved retry rules, per-status tables, and the expected result of
// every documented example. Emitters see only this package, never TOML;
// the spec package knows no Go names.
package model

import (
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Package is one generated Go package: one API.
type Package struct {
	Name        string   // Go package name, e.g. "trace"
	API         string   // display name, e.g. "Trace"
	SpecPath    string   // the spec's path from its module's root, with forward slashes (see slashPath)
	BaseURLs    []string // documented base URLs
	Sources     []string // the documents the spec was transcribed from
	Description string   // a paragraph for the package doc

	RequestIDHeader  string // canonical header name, or ""
	RetryAfterHeader string // canonical header name, or ""
	InfoHeaders      []*InfoHeader

	// RetryableStatuses are retried when no known code is found, ascending.
	RetryableStatuses []int

	Shapes   []*Shape
	Codes    []*Code   // spec order
	Statuses []*Status // ascending status
	// Captures are the distinct pattern placeholders of all codes, in the
	// order they first appear; each becomes a field of Error.
	Captures []*Capture

	// HasErrorsList is true when some shape reads a list of detail strings.
	HasErrorsList bool
}

// InfoHeader is a documented informational response header.
type InfoHeader struct {
	Name    string // canonical name; for a prefix, without the "*"
	Prefix  bool   // Name is a prefix ("X-RateLimit-")
	Const   string // Go constant name, e.g. "HeaderXCreditsRemaining"
	Summary string
}

// Shape is one envelope shape; paths are lists of keys (and, in Message and
// Errors, array indexes or "*").
type Shape struct {
	Name      string
	Summary   string
	Require   [][]string
	Code      []string // nil when the shape carries no code
	Message   []string
	RequestID []string
	Fields    []string // nil: the top-level object
	Errors    []string
	// RoundTrip reports that a body built from the shape's code, message,
	// request-id and require paths decodes back through this shape, whatever
	// the (non-empty) code: the generated round-trip fuzz test uses it.
	RoundTrip bool
}

// Status lists the codes documented for one HTTP status.
type Status struct {
	Status int
	Codes  []*Code // spec order
	// ByStatus is the code recognised by this status alone, or nil.
	ByStatus *Code
}

// Code is one documented error code.
type Code struct {
	Value   string // as on the wire, e.g. "credit_exhausted"
	GoName  string // e.g. "CreditExhausted"
	Const   string // e.g. "CodeCreditExhausted"
	Err     string // e.g. "ErrCreditExhausted"
	Details string // e.g. "CreditExhaustedDetails"; "" when the code has no fields

	Status          int
	Retryable       bool
	RetryDocumented bool // the document states Retryable; else errgen's default
	Summary         string
	Remedy          string

	Titles   []string
	Patterns []*Pattern
	ByStatus bool

	Fields     []*Field
	RetryAfter *Field // the field holding a retry delay in seconds, or nil

	Examples []*Example
}

// Pattern is a message pattern with placeholders.
type Pattern struct {
	Text     string     // as written, e.g. "Invalid {param} format"
	Literals []string   // the text around the placeholders: len(Captures)+1
	Captures []*Capture // the placeholders, in order
}

// Capture is a pattern placeholder, captured into a field of Error.
type Capture struct {
	Name   string // as written in the pattern, e.g. "param"
	GoName string // e.g. "Param"
}

// Kind is the type of a typed extra field.
type Kind int

// The kinds of typed fields.
const (
	String Kind = iota
	Int
	Int64
	Float64
	Bool
	StringSlice
	IntSlice
)

// GoType is the Go spelling of k.
func (k Kind) GoType() string {
	return [...]string{"string", "int", "int64", "float64", "bool", "[]string", "[]int"}[k]
}

// Field is a typed extra field of a code.
type Field struct {
	Wire       string // as on the wire, e.g. "retry_after_seconds"
	GoName     string // e.g. "RetryAfterSeconds"
	Kind       Kind
	Summary    string
	RetryAfter bool // holds a retry delay in seconds
}

// Example is a documented response and what decoding it must give.
type Example struct {
	Title  string
	Status int
	Header []HeaderValue // sorted by name
	Body   string
	Want   Want
}

// HeaderValue is one response header of an example.
type HeaderValue struct{ Name, Value string }

// Want is the decoding of an example, computed from the spec's semantics
// with encoding/json, independently of the generated decoder.
type Want struct {
	Code      *Code
	Message   string
	RequestID string // from the body, else the request-id header
	Errors    []string
	Captures  []CaptureValue
	Fields    []FieldValue // one per field of Code, in field order
	Retryable bool
	// RetryAfter is the delay in seconds, from the header or a body field;
	// HasRetryAfter is false when neither gives one.
	RetryAfter    int64
	HasRetryAfter bool
}

// CaptureValue is a captured placeholder.
type CaptureValue struct {
	Capture *Capture
	Value   string
}

// FieldValue is the expected value of a typed field: a string, int64,
// float64, bool, []string or []int64 by the field's Kind; the zero value
// when the body lacks the field.
type FieldValue struct {
	Field *Field
	Value any
}

// fixedIdentifiers are the exported names every generated package declares.
var fixedIdentifiers = []string{
	"Code", "Error", "Details", "Parse", "FromResponse", "IsRetryable",
	"RetryAfter", "CodesForStatus", "MaxBodySize", "MaxRetryAfter",
}

// errorFields are the fields of the generated Error type; captures must not
// collide with them.
var errorFields = []string{
	"Status", "Code", "Message", "RequestID", "Details", "Errors", "Inferred",
	"Header", "Body", "Retryable", "RetryAfter", "Error", "Is",
}

// canonicalHeader canonicalises a header name as net/http does.
func canonicalHeader(name string) string { return http.CanonicalHeaderKey(name) }

// slashPath is the spec path as generated headers name it: relative to the
// root of the module that holds the spec (the nearest directory above it with
// a go.mod file), with forward slashes, so that the headers are the same
// whatever the working directory and however the path is spelled
// ("./errors.toml" in acme/, "acme/errors.toml" at the root, or absolute) and
// on every OS. A spec outside any module is named relative to the working
// directory instead, cleaned ("./spec/x.toml" => "spec/x.toml").
func slashPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		if root, ok := moduleRoot(filepath.Dir(abs)); ok {
			if rel, err := filepath.Rel(root, abs); err == nil {
				return filepath.ToSlash(rel)
			}
		}
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil {
				return filepath.ToSlash(rel)
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(path))
}

// moduleRoot returns the nearest of dir and its parents that holds a go.mod
// file, as the go command finds a module's root.
func moduleRoot(dir string) (string, bool) {
	for {
		if fi, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil && !fi.IsDir() {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// splitPath splits a spec path ("error.code") into its segments; "" is nil.
func splitPath(p string) []string {
	if p == "" {
		return nil
	}
	return strings.Split(p, ".")
}

// sortedInts returns a sorted copy of s without duplicates.
func sortedInts(s []int) []int {
	out := append([]int(nil), s...)
	sort.Ints(out)
	j := 0
	for i, v := range out {
		if i == 0 || v != out[j-1] {
			out[j] = v
			j++
		}
	}
	return out[:j]
}

// parseDelaySeconds reads a Retry-After value in delta-seconds.
func parseDelaySeconds(v string) (int64, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	return n, err == nil && n >= 0
}
