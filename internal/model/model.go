// Package model turns a loaded spec into what the emitters need: Go names,
// positions, per-status tables, and the decoding of every documented
// example. Emitters see only this package and the decoding core
// (internal/decode), never TOML; the spec package knows no Go names.
package model

import (
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/errgen/errgen/internal/decode"
	"github.com/errgen/errgen/internal/spec"
)

// Package is one generated Go package: one API.
type Package struct {
	Name        string   // Go package name, e.g. "trace"
	API         string   // display name, e.g. "Trace"
	SpecPath    string   // the spec's path from its module's root, with forward slashes (see slashPath)
	BaseURLs    []string // documented base URLs
	Sources     []string // the documents the spec was transcribed from
	Description string   // a paragraph for the package doc

	// Schema is the spec's decoding rules; the fields below that repeat
	// parts of it are views with Go names attached.
	Schema *decode.Schema

	RequestIDHeader  string // canonical header name, or ""
	RetryAfterHeader string // canonical header name, or ""
	InfoHeaders      []*InfoHeader
	// SecretHeaders are the canonical names of the headers the spec marks
	// secret, in spec order.
	SecretHeaders []string

	// RetryableStatuses are retried when no known code is found, ascending.
	RetryableStatuses []int

	Shapes   []*Shape
	Codes    []*Code   // spec order
	Statuses []*Status // ascending status
	// Classes are the classes of statuses codes are documented with,
	// ascending; their codes are also in Statuses, under each status of the
	// class.
	Classes []*Class
	// Captures are the distinct pattern placeholders of all codes, in the
	// order they first appear; each becomes a field of Error.
	Captures []*Capture
	// Titles are every code's titles, in spec order.
	Titles []Title
	// Patterns are every code's patterns, in spec order.
	Patterns []*Pattern
	// Types are the named object types, in spec order.
	Types []*Type
	// Fields are the typed fields common to every code: fields of Error.
	Fields []*Field
	// Families are the documented families of codes.
	Families []*Family
	// ItemType is the type of Error.Items, or nil when no shape lists
	// items.
	ItemType *Type
}

// Type is a named object type: a generated struct.
type Type struct {
	*decode.Type
	GoName  string // e.g. "ErrorInfo"
	Summary string
	Fields  []*Field
}

// Family is a documented family of codes.
type Family struct {
	Name    string // as on the wire, e.g. "card_error"
	Const   string // e.g. "FamilyCardError"
	Summary string
}

// InfoHeader is a documented informational response header.
type InfoHeader struct {
	Name    string // as documented; for a prefix, without the "*"
	Prefix  bool   // Name is a prefix ("X-RateLimit-")
	Const   string // Go constant name, e.g. "HeaderXCreditsRemaining"
	Summary string
	// Type is its kind (one of decode.HeaderKinds; "string" when the spec
	// gives none), Reader the Headers method that reads it by that type
	// ("XCreditsRemaining"), and Secret whether the spec marks it secret.
	Type   string
	Reader string
	Secret bool
}

// ReaderMethod is the Headers method of the runtime that reads a header
// of the given kind (one of decode.HeaderKinds).
func ReaderMethod(kind string) string {
	switch kind {
	case "int":
		return "Int"
	case "number":
		return "Number"
	case "time":
		return "Time"
	}
	return "Text"
}

// Shape is one envelope shape.
type Shape struct {
	*decode.Shape
}

// Status lists the codes documented for one HTTP status.
type Status struct {
	Status int
	Codes  []*Code // spec order
	// Named are the Codes that name the status, not only a class of it
	// ("4xx"): the codes the documentation lists under it.
	Named []*Code
	// ByStatus is the code recognised by this status alone, or nil.
	ByStatus *Code
}

// StatusPhrase spells c's documented statuses out, each named one as
// status gives it: "400 or 412", "400, 412 or any other 4xx", "503 or any
// 4xx", "any 5xx"; "" when c documents none.
func (c *Code) StatusPhrase(status func(int) string) string {
	var terms []string
	for _, st := range c.Statuses[:c.Rule.Named] {
		terms = append(terms, status(st))
	}
	for _, class := range c.Rule.Classes {
		name := "any " + decode.ClassName(class)
		for _, st := range c.Statuses[:c.Rule.Named] {
			if st/100*100 == class {
				name = "any other " + name[len("any "):] // it names a status of the class
				break
			}
		}
		terms = append(terms, name)
	}
	switch len(terms) {
	case 0:
		return ""
	case 1:
		return terms[0]
	}
	return strings.Join(terms[:len(terms)-1], ", ") + " or " + terms[len(terms)-1]
}

// Class lists the codes documented with a class of statuses ("any 4xx").
type Class struct {
	Class int     // its first status: 400 for "4xx"
	Codes []*Code // spec order
}

// Name returns the class as a spec writes it: "4xx".
func (c *Class) Name() string { return decode.ClassName(c.Class) }

// Code is one documented error code.
type Code struct {
	Rule  *decode.Code // its decoding rules
	Index int          // its place in Package.Codes

	Value   string // as on the wire, e.g. "credit_exhausted"
	GoName  string // e.g. "CreditExhausted"
	Const   string // e.g. "CodeCreditExhausted"
	Err     string // e.g. "ErrCreditExhausted"
	Details string // e.g. "CreditExhaustedDetails"; "" when the code has no fields

	Status          int   // the first documented status; 0 for none
	Statuses        []int // every documented status
	Family          *Family
	Retryable       bool
	RetryDocumented bool // the document states Retryable; else errgen's default
	Summary         string
	Remedy          string
	DocURL          string // the page documenting the code, or ""

	Titles   []string
	Patterns []*Pattern
	ByStatus bool
	// WhenHeaders are the headers that recognise the code (Rule.WhenHeaders,
	// whose keys are canonical) with their names as the document writes
	// them, sorted by canonical name, for docs.
	WhenHeaders []HeaderValue

	Fields     []*Field
	RetryAfter *Field // the field holding a retry delay in seconds, or nil

	Examples []*Example
}

// Title is an exact message that identifies a code.
type Title struct {
	Text string
	Code *Code
}

// Pattern is a message pattern with placeholders.
type Pattern struct {
	*decode.Pattern
	Code     *Code
	Index    int        // its place in Package.Patterns
	Captures []*Capture // the placeholders, in order
}

// Capture is a pattern placeholder, captured into a field of Error.
type Capture struct {
	Name   string // as written in the pattern, e.g. "param"
	GoName string // e.g. "Param"
	Index  int    // its place in Package.Captures
}

// Field is a typed field of a code, of a named type, or common to every
// code.
type Field struct {
	*decode.Field
	Wire       string // as on the wire, e.g. "retry_after_seconds"
	GoName     string // e.g. "RetryAfterSeconds"
	GoType     string // e.g. "int", "*ErrorInfo", "[]FieldViolation"
	Kind       *decode.Kind
	Summary    string
	RetryAfter bool // holds a retry delay
	// Values are the values the document lists for a string field, each
	// with the constant that names it; nil for most fields.
	Values []*Value
}

// Value is a documented value of a string field and the untyped string
// constant that names it: "insufficient_funds" of the field DeclineCode
// is DeclineCodeInsufficientFunds.
type Value struct {
	Value string
	Const string
}

// ValueDecl is a documented value's constant as the package declares it:
// once, beside the first field that lists it, which Owner (the Go type:
// "Error", a Details type or a named type) holds.
type ValueDecl struct {
	*Value
	Field *Field
	Owner string
}

// ValueDecls returns the constant of every documented value once, in spec
// order: the common fields', each code's, each named type's. Fields with
// the same Go name share the constant of a value they both list.
func (p *Package) ValueDecls() []ValueDecl {
	var out []ValueDecl
	seen := map[*Value]bool{}
	add := func(owner string, fields []*Field) {
		for _, fl := range fields {
			for _, v := range fl.Values {
				if !seen[v] {
					seen[v] = true
					out = append(out, ValueDecl{v, fl, owner})
				}
			}
		}
	}
	add("Error", p.Fields)
	for _, c := range p.Codes {
		add(c.Details, c.Fields)
	}
	for _, t := range p.Types {
		add(t.GoName, t.Fields)
	}
	return out
}

// Example is a documented response and what decoding it gives.
type Example struct {
	Title  string
	Status int
	Header []HeaderValue // sorted by name
	Body   string
	// Want is the decoding core's reading of the example, at ExampleTime.
	Want decode.Result
}

// HeaderValue is one response header of an example: Name in canonical
// form (as http.Header keys it), Shown as the document writes it
// ("X-RateLimit-Scope", where Name is "X-Ratelimit-Scope"), for docs.
type HeaderValue struct{ Name, Shown, Value string }

// ExampleTime is the clock examples are decoded with: a Retry-After
// HTTP-date in an example is measured from it.
var ExampleTime = spec.ExampleTime

// headerValues returns headers as HeaderValues, sorted by canonical name
// (then as written: names that differ only in case are rejected, but the
// order stays fixed while a spec with errors is modelled).
func headerValues(headers map[string]string) []HeaderValue {
	var out []HeaderValue
	for name, v := range headers {
		out = append(out, HeaderValue{Name: http.CanonicalHeaderKey(name), Shown: name, Value: v})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return a.Name < b.Name || a.Name == b.Name && a.Shown < b.Shown
	})
	return out
}

// HTTPHeader returns the example's headers as an http.Header.
func (ex *Example) HTTPHeader() http.Header {
	h := http.Header{}
	for _, v := range ex.Header {
		h[v.Name] = []string{v.Value}
	}
	return h
}

// HasErrorsList reports whether some shape reads a list of detail
// strings, so that Error has an Errors field.
func (p *Package) HasErrorsList() bool {
	for _, sh := range p.Shapes {
		if sh.Errors != nil {
			return true
		}
	}
	return false
}

// SendsCodes reports whether some shape carries a machine code.
func (p *Package) SendsCodes() bool {
	for _, sh := range p.Shapes {
		if sh.Code != nil {
			return true
		}
	}
	return false
}

// HasDetail reports whether some shape reads a detail beside the message,
// so that Error has a Detail field.
func (p *Package) HasDetail() bool {
	for _, sh := range p.Shapes {
		if sh.Detail != nil {
			return true
		}
	}
	return false
}

// HasDocURLs reports whether some code names the page it is documented
// on, so that the package gets Code.DocURL.
func (p *Package) HasDocURLs() bool {
	for _, c := range p.Codes {
		if c.DocURL != "" {
			return true
		}
	}
	return false
}

// HasFamilies reports whether the spec documents families or reads them,
// so that the package has a Family type and Error a Family field.
func (p *Package) HasFamilies() bool {
	if len(p.Families) > 0 {
		return true
	}
	for _, sh := range p.Shapes {
		if sh.Family != nil {
			return true
		}
	}
	return false
}

// HasSeveralStatuses reports whether some code is documented with more
// than one status, so that Code has a Statuses method.
func (p *Package) HasSeveralStatuses() bool {
	for _, c := range p.Codes {
		if len(c.Statuses) > 1 {
			return true
		}
	}
	return false
}

// TypeOf returns the model of a named type.
func (p *Package) TypeOf(t *decode.Type) *Type {
	for _, mt := range p.Types {
		if mt.Type == t {
			return mt
		}
	}
	return nil
}

// HasDetails reports whether some code has typed fields.
func (p *Package) HasDetails() bool {
	for _, c := range p.Codes {
		if c.Details != "" {
			return true
		}
	}
	return false
}

// fixedIdentifiers are the exported names every generated package declares
// besides the spec's: the runtime's (see internal/runtime), the types
// errors.go declares, and the tests and examples of its test files
// (conformance_test.go, example_test.go). TestFixedIdentifiers holds the
// list to the runtime's sources.
var fixedIdentifiers = []string{
	"Code", "Error", "Details", "Parse", "FromResponse", "IsRetryable",
	"RetryAfter", "CodesForStatus", "MaxBodySize", "MaxRetryAfter", "MaxErrors",
	"WriteError", "DocumentedResponse", "CheckRetry", "Backoff", "Headers",
	// conformance_test.go
	"TestDocumentedExamples", "TestCodes", "TestStatusAlone", "TestBuiltBodies",
	"TestSuccessIsNil", "FuzzParse", "TestWriteErrorDocumented",
	"TestWriteErrorEveryCode", "FuzzWriteError", "TestDocumentedResponse",
	"TestSafeView", "TestCheckRetryDocumented", "TestBackoffHTTPRetryAfter",
	// example_test.go
	"ExampleParse", "ExampleIsRetryable", "ExampleRetryAfter", "ExampleWriteError",
	"ExampleError_LogValue", "ExampleCheckRetry", "ExampleDocumentedResponse",
	"ExampleHeaders",
}

// headersMethods are the methods the runtime declares on Headers; a
// documented header's reader must not take one of their names.
var headersMethods = []string{"Text", "Int", "Number", "Time", "WithPrefix"}

// errorFields are the fields and methods of the generated Error type;
// captures must not collide with them.
var errorFields = []string{
	"Status", "Code", "Message", "RequestID", "Details", "Errors", "Inferred",
	"Header", "Body", "Retryable", "RetryAfter", "Error", "Is", "As",
	"LogValue", "MarshalJSON", "GoString", "String",
}

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

// trimSpace trims a summary or remedy.
func trimSpace(s string) string { return strings.TrimSpace(s) }

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
