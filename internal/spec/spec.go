// Package spec loads and validates errgen spec files: TOML documents that
// transcribe one HTTP API's error documentation (its codes, statuses,
// retryability, envelope shapes, headers and example bodies).
//
// The package knows the format and its meaning, never Go names: turning a
// code into a Go identifier is the model's business (internal/model).
package spec

import (
	"strconv"
	"sync"

	"github.com/errgen/errgen/internal/decode"
)

// File is one loaded spec file. It finds positions once, when first asked
// (Pos), so it must not be copied.
type File struct {
	// Path is the file's path as given to Load; every error names it.
	Path string

	API      API      `toml:"api"`
	Headers  Headers  `toml:"headers"`
	Types    []Type   `toml:"types"`
	Fields   []Field  `toml:"fields"`
	Families []Family `toml:"families"`
	Shapes   []Shape  `toml:"shapes"`
	Errors   []Error  `toml:"errors"`

	// Schema is the file compiled for decoding (internal/decode): paths
	// and patterns parsed, retry rules resolved. Parse sets it for a valid
	// file.
	Schema *decode.Schema

	// src is the file's text (normalized), and pos the position of each
	// key path in it (see Pos), found from src the first time a position
	// is asked for: only error messages need positions, and finding them
	// scans the whole file.
	src     string
	posOnce sync.Once
	pos     map[string]Pos

	// results holds each example's reading by the decoding core,
	// results[i][j] for Errors[i].Examples[j]; see ExampleResult.
	results [][]decode.Result
}

// ExampleResult returns how the decoding core reads example j of error i
// (Errors[i].Examples[j], with the status and headers Error.Response
// gives it) at ExampleTime. Parse decodes every example once, as it
// compiles the Schema; the choice of wire forms, the checker and the model
// all read the result from here.
func (f *File) ExampleResult(i, j int) decode.Result {
	return f.results[i][j]
}

// API describes the API as a whole.
type API struct {
	// Name is the display name, e.g. "Trendtrack".
	Name string `toml:"name"`
	// Package is the Go package name the generator writes, e.g. "trendtrack".
	Package string `toml:"package"`
	// BaseURLs lists the API's documented base URLs (may be empty).
	BaseURLs []string `toml:"base_urls"`
	// Sources names the document(s) the spec was transcribed from.
	Sources []string `toml:"sources"`
	// Description is a paragraph for the package documentation.
	Description string `toml:"description"`
	// RetryableStatuses are the statuses retried when the code is unknown
	// or absent: statuses, or classes of them ("5xx"). Default: 429, 502,
	// 503, 504.
	RetryableStatuses []StatusTerm `toml:"retryable_statuses"`
	// CodeTrim lists transformations applied, in order, to every code read
	// from a response: "namespace", "uri_suffix", "last_segment".
	CodeTrim []string `toml:"code_trim"`
	// CaseInsensitiveCodes says the API's codes compare ignoring ASCII
	// case (Microsoft Graph: "The error code is case insensitive").
	CaseInsensitiveCodes bool `toml:"case_insensitive_codes"`
}

// Headers names the response headers the documents describe.
type Headers struct {
	// RequestID is the header carrying the request id, e.g. "X-Request-Id".
	RequestID string `toml:"request_id"`
	// RetryAfter is the header carrying the retry delay, e.g. "Retry-After".
	RetryAfter string `toml:"retry_after"`
	// Code is the header carrying the error code; when a response has it,
	// it wins over the body ("X-Amzn-ErrorType").
	Code string `toml:"code"`
	// ShouldRetry is a header whose "true" or "false" decides whether to
	// retry, over every other rule ("Stripe-Should-Retry").
	ShouldRetry string `toml:"should_retry"`
	// Delay lists further headers carrying a retry delay, tried in order
	// after RetryAfter.
	Delay []DelayHeader `toml:"delay"`
	// Info lists documented informational headers.
	Info []Header `toml:"info"`
	// Secret names headers that carry credentials (a session token, an
	// echoed API key): errgen's safe view of an error never shows them,
	// like Authorization, Proxy-Authorization, Cookie and Set-Cookie.
	Secret []string `toml:"secret"`
}

// DelayHeader is a header carrying a retry delay.
type DelayHeader struct {
	// Name is the header name, e.g. "X-RateLimit-Reset".
	Name string `toml:"name"`
	// Unit is how the delay is written: "seconds", "milliseconds",
	// "epoch_seconds", "http_date" or "retry_after".
	Unit string `toml:"unit"`
	// When lists headers that must have the given values for this one to
	// count ({ "X-RateLimit-Remaining" = "0" }).
	When map[string]string `toml:"when"`
	// Summary says what the document says of it.
	Summary string `toml:"summary"`
}

// Type is a named object type that typed fields may have.
type Type struct {
	// Name names the type in field types ("error_info", "[]error_info");
	// its Go name derives from it.
	Name string `toml:"name"`
	// Summary says what it is.
	Summary string `toml:"summary"`
	// Fields are its members.
	Fields []Field `toml:"fields"`
}

// Family is a documented family of codes: a second classification over
// the code, such as Stripe's error type.
type Family struct {
	// Name is the family as on the wire, e.g. "card_error".
	Name string `toml:"name"`
	// Summary says what its codes have in common.
	Summary string `toml:"summary"`
}

// Header is one documented informational response header.
type Header struct {
	// Name is the header name; a trailing "*" makes it a prefix
	// ("X-RateLimit-*").
	Name string `toml:"name"`
	// Summary says what it carries.
	Summary string `toml:"summary"`
	// Type is how its value reads: string (the default), int, or time (an
	// HTTP-date or Unix seconds); see decode.HeaderKinds.
	Type HeaderType `toml:"type"`
}

// Shape is one documented envelope shape. Paths are dot-separated keys
// ("error.code"); in Message a segment may be an array index ("detail.0.msg");
// in Errors one segment may be "*" for every element ("detail.*.msg").
type Shape struct {
	// Name identifies the shape in docs and errors, e.g. "nested".
	Name string `toml:"name"`
	// Summary describes the shape (one line).
	Summary string `toml:"summary"`
	// Require lists paths that must be present for the shape to apply.
	Require []string `toml:"require"`
	// Code is the path of the machine code (a string); empty when the shape
	// carries none.
	Code string `toml:"code"`
	// SpecificCodes are paths of more specific codes than Code, most
	// specific first (Microsoft Graph's innerError chain): the first that
	// holds a documented code gives the code; else Code does.
	SpecificCodes []string `toml:"specific_codes"`
	// Message is the path of the human message or title.
	Message string `toml:"message"`
	// RequestID is the path of the request id; empty when none.
	RequestID string `toml:"request_id"`
	// Fields is the path of the object holding the typed extra fields; empty
	// means the top-level object.
	Fields string `toml:"fields"`
	// Errors is the path of a list of detail strings; empty when none.
	Errors string `toml:"errors"`
	// Detail is the path of a detail string kept beside the message
	// (problem+json's "detail" beside its "title").
	Detail string `toml:"detail"`
	// Family is the path of the code's family, e.g. "error.type".
	Family string `toml:"family"`
	// Retryable is the path of a boolean that decides whether to retry.
	Retryable string `toml:"retryable"`
	// Items is the path of an array of error objects of type ItemType.
	Items    string `toml:"items"`
	ItemType string `toml:"item_type"`
	// When lists values paths must hold for the shape to apply
	// ({ "ok" = false }).
	When map[string]any `toml:"when"`
	// Success makes the shape apply to 2xx responses too.
	Success bool `toml:"success"`
	// ContentType limits the shape to responses of these media types.
	ContentType []string `toml:"content_type"`
	// Format is "json" (the default) or "text": the body is not JSON and
	// the whole of it is the message.
	Format string `toml:"format"`
	// Array makes the shape apply to a body that is a JSON array (other
	// JSON shapes apply to a JSON object): its paths start at the array,
	// with an index or selector ("[0].errorCode"), or "*" in errors
	// ("*.message"); items = "*" are the array's elements.
	Array bool `toml:"array"`
}

// Error is one documented error code.
type Error struct {
	// Code is the API's code, or errgen's name for it when the API sends
	// none; an integer in the file for a numeric code.
	Code CodeValue `toml:"code"`
	// Name, when set, is what the code's Go names derive from instead of
	// the code (for numeric or long codes).
	Name string `toml:"name"`
	// Status is the documented HTTP status (400–599).
	Status int `toml:"status"`
	// Statuses are the statuses of a code documented with several, in the
	// document's order; a class ("4xx") stands for every status of it that
	// the list does not name ("400 or 412, or any other 4xx" is [400, 412,
	// "4xx"]).
	Statuses []StatusTerm `toml:"statuses"`
	// Family is the code's documented family.
	Family string `toml:"family"`
	// Retryable is the document's retry statement; nil when the document says
	// nothing and errgen's default applies (429 and 5xx retryable).
	Retryable *bool `toml:"retryable"`
	// Summary says when the error happens (one line, our words).
	Summary string `toml:"summary"`
	// Remedy says what the caller should do (our words).
	Remedy string `toml:"remedy"`
	// DocURL is the page the API documents the code on (Twilio's
	// https://www.twilio.com/docs/errors/20404).
	DocURL string `toml:"doc_url"`
	// Titles are exact messages that identify the code when none is sent.
	Titles []string `toml:"titles"`
	// Patterns are messages with {placeholders} that identify the code and
	// capture the placeholders, e.g. "Missing required parameter: {param}".
	Patterns []string `toml:"patterns"`
	// ByStatus says the code is recognised by its status alone when the body
	// names no code; valid only when no other code shares the status.
	ByStatus bool `toml:"by_status"`
	// RetryAfterDefault is the delay in seconds the document says to wait
	// when the response gives none ("wait for at least one minute").
	RetryAfterDefault *float64 `toml:"retry_after_default"`
	// WhenHeaders recognises the code, when nothing names one, by header
	// values of a response with one of its statuses
	// ({ "X-RateLimit-Remaining" = "0" }).
	WhenHeaders map[string]string `toml:"when_headers"`
	// Sent says whether the API sends the code in the body; false marks
	// errgen's name for an error the API documents without a code, which
	// fakes then write without it. Default: whether the first example
	// sends it, else whether some shape has a code path.
	Sent *bool `toml:"sent"`
	// Shape names the shape the code's responses are written in (by
	// WriteError); default: the shape of its first example, else the first
	// that carries it.
	Shape string `toml:"shape"`
	// Fields are the typed extra fields the error carries.
	Fields []Field `toml:"fields"`
	// Examples are documented responses, verbatim.
	Examples []Example `toml:"examples"`

	// Numeric reports that the file wrote the code as an integer.
	Numeric bool
}

// Field is one typed extra field of an error.
type Field struct {
	// Name is the field's name on the wire, e.g. "retry_after_seconds".
	Name string `toml:"name"`
	// Type is one of string, int, int64, float64, bool, []string, []int.
	Type FieldType `toml:"type"`
	// Summary says what it holds.
	Summary string `toml:"summary"`
	// RetryAfter marks a field holding a retry delay.
	RetryAfter bool `toml:"retry_after"`
	// Unit is the unit of a retry_after field: "seconds" (the default),
	// "milliseconds", "epoch_seconds", or "duration" (a string like "30s").
	Unit string `toml:"unit"`
	// Path, when set, locates the value from the object of typed fields
	// instead of the member Name ("details[@type=...RetryInfo].retryDelay").
	Path string `toml:"path"`
	// GoName, when set, is the Go field name instead of one derived from
	// Name.
	GoName string `toml:"go_name"`
	// Optional makes a scalar field a pointer, nil when absent.
	Optional bool `toml:"optional"`
	// Values are the values the document lists for a string field that is
	// a code space of its own (Stripe's decline_code: "insufficient_funds",
	// ...): each becomes a constant named after the field and the value.
	Values []string `toml:"values"`
}

// Example is one documented response for an error.
type Example struct {
	// Title names the example, e.g. "per-key sliding window".
	Title string `toml:"title"`
	// Status defaults to the error's status.
	Status int `toml:"status"`
	// Headers are response headers sent with the body.
	Headers map[string]string `toml:"headers"`
	// Body is the JSON body, verbatim from the document.
	Body string `toml:"body"`
}

// HeaderType is the type of an informational header: one of
// decode.HeaderKinds.
type HeaderType string

// FieldType is the type of a typed field: the Name of one of decode.Kinds,
// or a named type of the file, or a list of one ("[]error_info").
type FieldType string

// StatusTerm is an entry of retryable_statuses or of an error's statuses:
// a status, such as 503, or a class of statuses written "4xx" or "5xx",
// which stands for the hundred statuses from 400 or from 500 on.
type StatusTerm struct {
	Status int  // the status; for a class, its first (400 or 500)
	Class  bool // a class: Status to Status+99
}

// String returns r as a spec writes it: "503", or "5xx" for a class.
func (r StatusTerm) String() string {
	if r.Class {
		return decode.ClassName(r.Status)
	}
	return strconv.Itoa(r.Status)
}

// Statuses returns the statuses r stands for, ascending.
func (r StatusTerm) Statuses() []int {
	if !r.Class {
		return []int{r.Status}
	}
	out := make([]int, 100)
	for i := range out {
		out[i] = r.Status + i
	}
	return out
}

// CodeValue is a code as the file writes it: a string, or an integer for
// a numeric code (kept as its decimal text).
type CodeValue string
