package decode

import "time"

// Limits every generated package shares; internal/runtime declares the
// same values (a test holds them equal).
const (
	// MaxBodySize is the most FromResponse reads of a body: 1 MiB.
	MaxBodySize = 1 << 20
	// MaxKeptBody is how much of a body Error.Body keeps: 64 KiB.
	MaxKeptBody = 64 << 10
	// MaxRetryAfter bounds every retry delay: 24 hours.
	MaxRetryAfter = 24 * time.Hour
	// MaxErrors bounds every list read from a body.
	MaxErrors = 1000
	// ExcerptMax is the most bytes the excerpt of a body that is not JSON
	// keeps before "…".
	ExcerptMax = 200
)

// DefaultRetryableStatuses are retried, when no documented code is found,
// unless the spec lists its own.
var DefaultRetryableStatuses = []int{429, 502, 503, 504}

// DefaultRetryable is the retry rule of a code whose document says nothing
// about retrying: 429 and 5xx are retryable.
func DefaultRetryable(status int) bool { return status == 429 || status >= 500 }

// Schema is a spec compiled for decoding: everything that decides what a
// response means, and nothing about Go.
type Schema struct {
	// RequestIDHeader is the canonical name of the header that carries the
	// request id when the body has none; "" when the spec names none.
	RequestIDHeader string
	// RetryAfterHeader is the canonical name of the header that carries a
	// retry delay; "" when the spec names none.
	RetryAfterHeader string
	// RetryableStatuses are retried when no documented code is found,
	// ascending.
	RetryableStatuses []int
	// Shapes are the envelope shapes, in the order they are tried.
	Shapes []*Shape
	// Codes are the documented codes, in spec order.
	Codes []*Code

	// AnyWire is the shape an undocumented code is written in (sent), and
	// BareWire the shape of an error with no code; nil writes a plain-text
	// body. ResolveWires sets them.
	AnyWire, BareWire *Shape
}

// Shape is one envelope shape.
type Shape struct {
	Name    string
	Summary string
	// Require lists paths that must be present and not null for the shape
	// to apply.
	Require []Path
	// Code, Message and RequestID locate strings; nil when the shape has
	// none.
	Code, Message, RequestID Path
	// Fields locates the object of typed fields; nil is the top-level
	// object.
	Fields Path
	// Errors locates the detail strings (see Path.Strings); nil when none.
	Errors Path
}

// Code is one documented code and its rules.
type Code struct {
	Value  string // as on the wire
	Status int    // the documented status
	// Retryable is the retry rule: as documented when RetryDocumented,
	// else DefaultRetryable(Status).
	Retryable       bool
	RetryDocumented bool
	// Titles are exact messages that identify the code when a body names
	// none; Patterns are tried after every code's titles.
	Titles   []string
	Patterns []*Pattern
	// ByStatus says the code is recognised by its status alone when
	// nothing else names a code.
	ByStatus bool
	Fields   []*Field
	// RetryAfter is the field holding a delay in seconds, or nil.
	RetryAfter *Field

	// Wire is the shape the code's responses are written in (nil: a
	// plain-text body), and Sent whether the body sends the code; Writable
	// reports that a response so written decodes back to the code.
	// ResolveWires sets them (see wire.go).
	Wire     *Shape
	Sent     bool
	Writable bool
}

// Field is a typed extra field of a code.
type Field struct {
	Name       string // as on the wire
	Kind       *Kind
	RetryAfter bool
}

// Code returns the documented code with value v, or nil.
func (s *Schema) Code(v string) *Code {
	for _, c := range s.Codes {
		if c.Value == v {
			return c
		}
	}
	return nil
}

// ByStatus returns the code recognised by status alone, or nil.
func (s *Schema) ByStatus(status int) *Code {
	for _, c := range s.Codes {
		if c.ByStatus && c.Status == status {
			return c
		}
	}
	return nil
}

// StatusRetryable reports whether a response whose code is not documented
// may be retried.
func (s *Schema) StatusRetryable(status int) bool {
	for _, st := range s.RetryableStatuses {
		if st == status {
			return true
		}
	}
	return false
}
