package decode

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Source says where a response's code came from.
type Source int

// The sources of a code, in the order they are tried.
const (
	None      Source = iota // no code
	Body                    // sent in the body, verbatim
	Title                   // recognised by a documented title
	ByPattern               // recognised by a documented pattern
	Status                  // recognised by the status alone
)

// String names the source for docs and messages.
func (s Source) String() string {
	return [...]string{"none", "body", "title", "pattern", "status"}[s]
}

// Result is what a response means.
type Result struct {
	// JSON reports that the body (after a UTF-8 byte order mark) is a
	// valid JSON object.
	JSON bool
	// Shape is the shape that supplied code, message and fields; nil when
	// none applied.
	Shape *Shape
	// Code is the code, as sent or recognised; "" when none.
	Code string
	// Known is the documented code Code names, or nil.
	Known *Code
	By    Source
	// Message is the shape's message; for a body that is not JSON, its
	// TextMessage (the title of an HTML page, an excerpt of plain text).
	Message string
	// RequestID comes from the body, else from the request-id header.
	RequestID string
	// Errors are the detail strings, at most MaxErrors; nil when none.
	Errors []string
	// Pattern is the pattern that recognised the code, and Captures its
	// placeholders' text; nil otherwise.
	Pattern  *Pattern
	Captures []string
	// Fields holds, for a Known code with typed fields, one value per
	// field in order: as its Kind's Read gives it, and whether present.
	Fields []FieldValue
	// Retryable is the retry decision: the Known code's rule, else the
	// status's.
	Retryable bool
	// RetryAfter is the delay, HasRetryAfter whether any source gave one:
	// the retry-after header, else the Known code's retry_after field.
	RetryAfter    time.Duration
	HasRetryAfter bool
}

// FieldValue is the value of a typed field in a body.
type FieldValue struct {
	Field   *Field
	Value   any // as Field.Kind.Read returns it; its zero value when absent
	Present bool
}

// Decode interprets a non-2xx response as spec/README.md's "How a body is
// decoded" says; now is the time an HTTP-date in Retry-After is measured
// from.
//
//  1. A UTF-8 byte order mark before the body is skipped. A body that is
//     not valid JSON (as json.Valid says), or not an object, matches no
//     shape; its Message is its TextMessage.
//  2. A shape applies when every require path is present and not null.
//  3. Shapes are tried in order; the first that applies and whose code path
//     holds a non-empty string wins, and that string is the code, verbatim.
//     Message, request id, errors and fields come from the same shape.
//  4. When no shape yields a code, the first shape that applies supplies
//     the rest, and the code is recognised from the message: exact titles
//     first (any code), then patterns in spec order; then by the status
//     alone. A body that is not JSON is recognised by status alone.
//  5. Values of the wrong JSON type read as absent; keys match exactly and
//     the last of duplicate keys counts.
//  6. The request id comes from the body, else from the request-id header;
//     the retry delay from the retry-after header, else from the code's
//     retry_after field.
func (s *Schema) Decode(status int, header http.Header, body []byte, now time.Time) Result {
	var r Result
	body = bytes.TrimPrefix(body, []byte("\ufeff"))
	doc := parseObject(body)
	r.JSON = doc != nil
	if doc == nil {
		r.Message = TextMessage(body)
	} else {
		for _, sh := range s.Shapes {
			if !sh.applies(doc) {
				continue
			}
			if r.Shape == nil {
				r.Shape = sh
			}
			if code, _ := sh.Code.Lookup(doc).(string); sh.Code != nil && code != "" {
				r.Shape, r.Code, r.By = sh, code, Body
				break
			}
		}
	}
	var fields map[string]any
	if sh := r.Shape; sh != nil {
		r.Message, _ = sh.Message.Lookup(doc).(string)
		if sh.RequestID != nil {
			r.RequestID, _ = sh.RequestID.Lookup(doc).(string)
		}
		if sh.Errors != nil {
			r.Errors = sh.Errors.Strings(doc, MaxErrors)
		}
		fields, _ = sh.Fields.Lookup(doc).(map[string]any)
	}
	if r.Code == "" && r.JSON {
		s.recognize(&r)
	}
	if r.Code == "" {
		if c := s.ByStatus(status); c != nil {
			r.Code, r.By = c.Value, Status
		}
	}
	r.Known = s.Code(r.Code)
	if r.RequestID == "" && s.RequestIDHeader != "" {
		r.RequestID = first(header, s.RequestIDHeader)
	}
	r.Retryable = s.StatusRetryable(status)
	if r.Known != nil {
		r.Retryable = r.Known.Retryable
		for _, f := range r.Known.Fields {
			v, ok := f.Kind.Read(fields[f.Name])
			r.Fields = append(r.Fields, FieldValue{Field: f, Value: v, Present: ok})
		}
	}
	if s.RetryAfterHeader != "" {
		r.RetryAfter, r.HasRetryAfter = ParseRetryAfter(first(header, s.RetryAfterHeader), now)
	}
	if !r.HasRetryAfter && r.Known != nil && r.Known.RetryAfter != nil {
		r.RetryAfter, r.HasRetryAfter = fieldDelay(r.Known.RetryAfter.Kind, fields[r.Known.RetryAfter.Name])
	}
	return r
}

// parseObject decodes body when it is one valid JSON object.
func parseObject(body []byte) map[string]any {
	if !json.Valid(body) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil
	}
	m, _ := v.(map[string]any)
	return m
}

// applies reports whether every required path is present and not null.
func (sh *Shape) applies(doc map[string]any) bool {
	for _, p := range sh.Require {
		if p.Lookup(doc) == nil {
			return false
		}
	}
	return true
}

// recognize finds the code of a message without one: exact titles first,
// then patterns in spec order.
func (s *Schema) recognize(r *Result) {
	for _, c := range s.Codes {
		for _, t := range c.Titles {
			if r.Message == t {
				r.Code, r.By = c.Value, Title
				return
			}
		}
	}
	for _, c := range s.Codes {
		for _, p := range c.Patterns {
			if caps, ok := p.Match(r.Message); ok {
				r.Code, r.By, r.Pattern, r.Captures = c.Value, ByPattern, p, caps
				return
			}
		}
	}
}

// first returns the first value of a header, or "".
func first(h http.Header, name string) string {
	if v := h[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// ParseRetryAfter reads a Retry-After value as RFC 9110 section 10.2.3
// defines it, after trimming spaces and tabs: delay-seconds (one or more
// digits, no sign) or an HTTP-date in any of its three formats, measured
// from now. The delay is clamped to [0, MaxRetryAfter]; ok is false for
// anything else.
func ParseRetryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.Trim(v, " \t")
	if v == "" {
		return 0, false
	}
	if strings.Trim(v, "0123456789") == "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil || n > uint64(MaxRetryAfter/time.Second) {
			return MaxRetryAfter, true
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return clamp(t.Sub(now)), true
}

// fieldDelay reads a retry_after field's JSON value as a delay in seconds:
// for an integer kind an integer literal of any size, for float64 any
// number. Negative delays are 0, huge ones MaxRetryAfter, and a positive
// fraction of a nanosecond rounds up, never to 0.
func fieldDelay(k *Kind, v any) (time.Duration, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	if k.DelayIntegral() && strings.ContainsAny(string(n), ".eE") {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil && !math.IsInf(f, 0) { // beyond float64's range reads as ±Inf
		return 0, false
	}
	return SecondsDelay(f), true
}

// SecondsDelay turns a delay in seconds into a Duration within [0,
// MaxRetryAfter], rounding a positive fraction of a nanosecond up.
func SecondsDelay(f float64) time.Duration {
	switch {
	case f <= 0:
		return 0
	case f >= MaxRetryAfter.Seconds():
		return MaxRetryAfter
	}
	return time.Duration(math.Ceil(f * 1e9))
}

// clamp bounds a delay to [0, MaxRetryAfter].
func clamp(d time.Duration) time.Duration {
	return min(max(d, 0), MaxRetryAfter)
}

// Excerpt returns a short, single-line, valid-UTF-8 excerpt of a body that
// is not JSON: runs of white space and control characters become one
// space (none at the start or the end), each invalid UTF-8 byte becomes
// U+FFFD, and text past ExcerptMax bytes is cut on a rune boundary and
// marked with "…".
func Excerpt(body []byte) string {
	var b strings.Builder
	space := false
	for _, r := range string(body) {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = b.Len() > 0
			continue
		}
		n := utf8.RuneLen(r)
		if space {
			n++
		}
		if b.Len()+n > ExcerptMax {
			b.WriteString("…")
			break
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
