package decode

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

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

// ClassName spells the class of statuses that starts at first (400 or
// 500) as a spec writes it: "4xx", "5xx".
func ClassName(first int) string { return strconv.Itoa(first/100) + "xx" }

// ParseClass reads a class of statuses as a spec writes it, "4xx" or
// "5xx", and returns its first status.
func ParseClass(s string) (first int, ok bool) {
	switch s {
	case "4xx":
		return 400, true
	case "5xx":
		return 500, true
	}
	return 0, false
}

// StatusTerms spells ascending, distinct statuses as a spec writes them:
// each status, but "4xx" or "5xx" for a whole class (the hundred statuses
// from 400 or from 500 on). [409, 429, 500, 501, …, 599] is ["409", "429",
// "5xx"].
func StatusTerms(statuses []int) []string {
	var out []string
	for i := 0; i < len(statuses); i++ {
		s := statuses[i]
		if s%100 == 0 && i+99 < len(statuses) && statuses[i+99] == s+99 {
			out = append(out, ClassName(s))
			i += 99
			continue
		}
		out = append(out, strconv.Itoa(s))
	}
	return out
}

// DefaultRetryable is the retry rule of a code whose document says nothing
// about retrying: 429 and 5xx are retryable. A code documented with no
// status is not.
func DefaultRetryable(status int) bool { return status == 429 || status >= 500 }

// Schema is a spec compiled for decoding: everything that decides what a
// response means, and nothing about Go.
type Schema struct {
	// RequestIDHeader is the canonical name of the header that carries the
	// request id when the body has none; "" when the spec names none.
	RequestIDHeader string
	// RetryAfterHeader is the canonical name of the header that carries a
	// retry delay as RFC 9110 defines Retry-After; "" when none.
	RetryAfterHeader string
	// DelayHeaders are further headers carrying a retry delay, tried in
	// order after RetryAfterHeader.
	DelayHeaders []*DelayHeader
	// CodeHeader is the canonical name of a header that carries the code;
	// when a response has it, it wins over the body. "" when none.
	CodeHeader string
	// ShouldRetryHeader is the canonical name of a header whose "true" or
	// "false" decides whether to retry, over every other rule; "" when none.
	ShouldRetryHeader string
	// CodeTrim are the transformations applied, in order, to every code
	// read from a response (see Trim).
	CodeTrim []Trim
	// NumericCodes says the API sends numeric codes: an integer at a code
	// path is a code (its digits as written). Otherwise a number there
	// reads as absent, as any value of the wrong type does.
	NumericCodes bool
	// CaseInsensitiveCodes says codes compare ignoring ASCII case: a code
	// read from a response (after CodeTrim) that equals a documented one
	// so is that code, and reads as its documented spelling.
	CaseInsensitiveCodes bool
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
	// Fields are the typed fields common to every code, read for unknown
	// codes too.
	Fields []*Field
	// Types are the named object types typed fields may have.
	Types []*Type

	// byValue indexes Codes by value once IndexCodes has run (see Code).
	byValue map[string]*Code
}

// IndexCodes indexes Codes by value, so that Code takes constant time: a
// spec of 10,000 codes looks each one up while its examples are checked.
// Call it once Codes and CaseInsensitiveCodes are set and will not
// change: Code notices only that Codes has grown or shrunk since (it then
// scans), not that an entry was replaced.
func (s *Schema) IndexCodes() {
	s.byValue = make(map[string]*Code, len(s.Codes))
	for _, c := range s.Codes {
		if _, dup := s.byValue[s.codeKey(c.Value)]; !dup {
			s.byValue[s.codeKey(c.Value)] = c
		}
	}
}

// codeKey is how a code is compared: as it is, or with ASCII letters in
// lower case when CaseInsensitiveCodes.
func (s *Schema) codeKey(v string) string {
	if s.CaseInsensitiveCodes {
		return LowerASCII(v)
	}
	return v
}

// LowerASCII returns s with the ASCII letters A to Z in lower case and
// every other byte as it is: how CaseInsensitiveCodes compares codes.
func LowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// DelayHeader is a header carrying a retry delay in some unit, read when
// every header in When has the value given (X-RateLimit-Reset only when
// X-RateLimit-Remaining is "0").
type DelayHeader struct {
	Name string // canonical
	Unit Unit
	When map[string]string // canonical header name -> value
}

// Unit is how a retry delay is written.
type Unit string

// The units of retry delays.
const (
	// Seconds is a number of seconds; a header takes digits only.
	Seconds Unit = "seconds"
	// Milliseconds is a number of milliseconds.
	Milliseconds Unit = "milliseconds"
	// EpochSeconds is the Unix time to wait until, in seconds.
	EpochSeconds Unit = "epoch_seconds"
	// HTTPDate is the time to wait until, as an HTTP-date.
	HTTPDate Unit = "http_date"
	// RetryAfterUnit is Retry-After's form: seconds or an HTTP-date.
	RetryAfterUnit Unit = "retry_after"
	// Duration is a string of seconds ending in "s", as the JSON form of
	// google.protobuf.Duration writes it: "30s", "1.5s".
	Duration Unit = "duration"
)

// Describe says how a delay in unit u is written, for documentation:
// "in milliseconds", "an HTTP date".
func (u Unit) Describe() string {
	switch u {
	case Milliseconds:
		return "in milliseconds"
	case EpochSeconds:
		return "the Unix time to wait until, in seconds"
	case HTTPDate:
		return "an HTTP date"
	case RetryAfterUnit:
		return "in seconds or as an HTTP date"
	case Duration:
		return `a duration such as "30s"`
	}
	return "in seconds"
}

// Units lists the units a spec may name, in documentation order.
var Units = []Unit{Seconds, Milliseconds, EpochSeconds, HTTPDate, RetryAfterUnit, Duration}

// Trim is a transformation of a code read from a response.
type Trim string

// The code transformations.
const (
	// Namespace drops everything up to the first '#', as Smithy's AWS
	// JSON protocols say:
	// "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException" =>
	// "ResourceNotFoundException".
	Namespace Trim = "namespace"
	// URISuffix drops everything from the first ':' on:
	// "ResourceNotFoundException:http://internal.amazon.com/..." =>
	// "ResourceNotFoundException".
	URISuffix Trim = "uri_suffix"
	// LastSegment keeps what follows the last '/' or '#':
	// "https://example.com/probs/out-of-credit" => "out-of-credit".
	LastSegment Trim = "last_segment"
)

// Trims lists the transformations a spec may name.
var Trims = []Trim{Namespace, URISuffix, LastSegment}

// Shape is one envelope shape.
type Shape struct {
	Name    string
	Summary string
	// Require lists paths that must be present and not null for the shape
	// to apply, and When values that paths must hold.
	Require []Path
	When    []Match
	// Success marks a shape that also applies to a 2xx response: an API
	// that reports errors in successful responses.
	Success bool
	// ContentTypes, when set, limit the shape to responses of these media
	// types (lower case, without parameters).
	ContentTypes []string
	// Text marks a shape for a body that is not a JSON object: the whole
	// body is the message.
	Text bool
	// Array marks a shape for a body that is a JSON array (every other
	// JSON shape applies to a JSON object only): its paths start at the
	// array, and an empty, non-nil Items path is the array itself.
	Array bool
	// Code, Message, Detail, RequestID and Family locate strings (Code an
	// integer too); Retryable a boolean; nil when the shape has none.
	Code, Message, Detail, RequestID, Family, Retryable Path
	// SpecificCodes locate more specific codes than Code, most specific
	// first: the first that holds a documented code (after CodeTrim) gives
	// the code, else Code does. Code is then not nil.
	SpecificCodes []Path
	// Fields locates the object of typed fields; nil is the top-level
	// object.
	Fields Path
	// Errors locates the detail strings (see Path.Strings); nil when none.
	Errors Path
	// Items locates an array of error objects of type ItemType; nil when
	// none.
	Items    Path
	ItemType *Type
}

// Match is a value a path must hold for a shape to apply: a string, a
// bool, or a number (float64).
type Match struct {
	Path  Path
	Value any
}

// Code is one documented code and its rules.
type Code struct {
	Value string // as on the wire
	// Status is the documented status, the first of Statuses; 0 when the
	// code is documented with none.
	Status int
	// Statuses are every status documented for the code: the Named ones it
	// names, in the document's order, then the statuses of its Classes
	// (400 for "4xx", 500 for "5xx"; ascending) that it does not name,
	// ascending. A code documented as "400 or 412, or any other 4xx" has
	// Statuses 400, 412, 401, 402, 403, ..., 499, Named 2, Classes [400].
	Statuses []int
	Named    int
	Classes  []int
	// Retryable is the retry rule: as documented when RetryDocumented;
	// else, for a code documented with classes of statuses only, whether
	// RetryableStatuses hold Status; else DefaultRetryable(Status).
	Retryable       bool
	RetryDocumented bool
	// Family is the documented family (a second classification over the
	// code, such as Stripe's error type); "" when none.
	Family string
	// Titles are exact messages that identify the code when a body names
	// none; Patterns are tried after every code's titles.
	Titles   []string
	Patterns []*Pattern
	// ByStatus says the code is recognised by its status alone when
	// nothing else names a code.
	ByStatus bool
	// WhenHeaders recognise the code, when nothing names one, in a
	// response with one of its statuses (any, for a code with none) whose
	// headers (canonical names) have these values.
	WhenHeaders map[string]string
	Fields      []*Field
	// RetryAfter is the field holding a retry delay, or nil.
	RetryAfter *Field
	// DefaultDelay is the delay the document says to wait when the
	// response gives none; 0 when it says nothing.
	DefaultDelay time.Duration

	// Wire is the shape the code's responses are written in (nil: a
	// plain-text body), and Sent whether the response sends the code;
	// Writable reports that a response so written decodes back to the code;
	// WireStatus is the status it is written with by default (Status, the
	// first status of its first class for a code documented with classes
	// only; or, for a code with none, its first example's, else 200 for a
	// shape that applies to 2xx responses, else 500). ResolveWires sets them (see
	// wire.go).
	Wire       *Shape
	Sent       bool
	Writable   bool
	WireStatus int
	// SentIn are the other shapes, in spec order, in which a response
	// sending the code with WireStatus decodes back to it (empty unless
	// Sent), and SuccessIn the success shapes in which a 200 response
	// sending it does: an error read from a response in one of them is
	// written back in it (see Wire.Shape), SuccessIn for a 2xx status.
	SentIn, SuccessIn []*Shape
}

// ItemsAt is where the shape's items are, as the spec writes it: the items
// path, or "*" for the elements of a top-level array (an array shape's
// empty path); "" when the shape has none.
func (sh *Shape) ItemsAt() string {
	switch {
	case sh.Items == nil:
		return ""
	case len(sh.Items) == 0:
		return "*"
	}
	return sh.Items.String()
}

// RetryByStatus reports that a code documents no retry rule and no
// status, or only classes of them ("4xx"), so that whether to retry
// follows the response's status.
func (c *Code) RetryByStatus() bool { return c.Named == 0 && !c.RetryDocumented }

// StatusTerms returns the code's statuses as the document gives them: the
// named ones, then the classes: ["400", "412", "4xx"].
func (c *Code) StatusTerms() []string {
	var out []string
	for _, s := range c.Statuses[:c.Named] {
		out = append(out, strconv.Itoa(s))
	}
	for _, s := range c.Classes {
		out = append(out, ClassName(s))
	}
	return out
}

// Field is a typed field of a code, of a named type, or common to all
// codes.
type Field struct {
	Name string // as on the wire
	// Path locates the field's value from the object of typed fields; nil
	// for the member Name (fields of named types have no path).
	Path       Path
	Kind       *Kind
	RetryAfter bool
	Unit       Unit // the unit of a retry_after field
}

// ByHeaders returns the first code, in spec order, that its WhenHeaders
// recognise in a response, or nil.
func (s *Schema) ByHeaders(status int, header http.Header) *Code {
	for _, c := range s.Codes {
		if len(c.WhenHeaders) == 0 || len(c.Statuses) > 0 && !slices.Contains(c.Statuses, status) {
			continue
		}
		ok := true
		for name, want := range c.WhenHeaders {
			ok = ok && strings.Trim(firstValue(header, name), " \t") == want
		}
		if ok {
			return c
		}
	}
	return nil
}

// Code returns the documented code with value v, or nil.
func (s *Schema) Code(v string) *Code {
	if len(s.byValue) == len(s.Codes) && len(s.Codes) > 0 {
		return s.byValue[s.codeKey(v)]
	}
	for _, c := range s.Codes {
		if s.codeKey(c.Value) == s.codeKey(v) {
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

// HasSuccessShapes reports whether some shape applies to 2xx responses.
func (s *Schema) HasSuccessShapes() bool {
	for _, sh := range s.Shapes {
		if sh.Success {
			return true
		}
	}
	return false
}

// RetryFields returns the fields that may hold a retry delay: the code's,
// then the common ones.
func (s *Schema) RetryFields(c *Code) []*Field {
	var out []*Field
	if c != nil && c.RetryAfter != nil {
		out = append(out, c.RetryAfter)
	}
	for _, f := range s.Fields {
		if f.RetryAfter {
			out = append(out, f)
		}
	}
	return out
}
