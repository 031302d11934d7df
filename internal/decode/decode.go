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
	Header                  // sent in the code header
	Title                   // recognised by a documented title
	ByPattern               // recognised by a documented pattern
	Headers                 // recognised by documented header values
	Status                  // recognised by the status alone
)

// String names the source for docs and messages.
func (s Source) String() string {
	return [...]string{"none", "body", "header", "title", "pattern", "headers", "status"}[s]
}

// Sent reports whether the response named the code (in its body or a
// header), rather than errgen recognising it.
func (s Source) Sent() bool { return s == Body || s == Header }

// Result is what a response means.
type Result struct {
	// Error reports that the response is an error: any non-2xx response,
	// and a 2xx one that a success shape applies to.
	Error bool
	// JSON reports that the body (after a UTF-8 byte order mark) is a
	// valid JSON object.
	JSON bool
	// Shape is the shape that supplied code, message and fields; nil when
	// none applied.
	Shape *Shape
	// Code is the code, as sent (transformed by the spec's code_trim) or
	// recognised; "" when none.
	Code string
	// Known is the documented code Code names, or nil.
	Known *Code
	By    Source
	// Message is the shape's message; for a body that is not JSON and
	// that no text shape reads, an excerpt of it (Excerpt); for markup,
	// its MarkupMessage.
	Message string
	// Detail is the shape's detail, beside its message (problem+json's
	// "detail" beside its "title").
	Detail string
	// RequestID comes from the body, else from the request-id header.
	RequestID string
	// Family is the family the body sends, else the Known code's.
	Family string
	// Errors are the detail strings, at most MaxErrors; nil when none.
	Errors []string
	// Items are the error objects the shape lists, at most MaxErrors: each
	// a value of the shape's ItemType (a struct of Kind.ReflectType's
	// making), the zero value where an element is not one.
	Items []any
	// Pattern is the pattern that recognised the code, and Captures its
	// placeholders' text; nil otherwise.
	Pattern  *Pattern
	Captures []string
	// Fields holds, for a Known code with typed fields, one value per
	// field in order; Common one per common field of the spec.
	Fields []FieldValue
	Common []FieldValue
	// Retryable is the retry decision: the should-retry header, else the
	// shape's retryable field, else the Known code's rule, else the
	// status's.
	Retryable bool
	// RetryAfter is the delay, HasRetryAfter whether any source gave one:
	// the retry-after header, the delay headers in order, then the Known
	// code's retry_after field, then a common one.
	RetryAfter    time.Duration
	HasRetryAfter bool
	// RetrySaid is 1 or -1 when the response itself says whether to retry
	// (the should-retry header, the shape's retryable field), else 0.
	RetrySaid int
}

// FieldValue is the value of a typed field in a body.
type FieldValue struct {
	Field   *Field
	Value   any // as Field.Kind.Decode returns it; its zero value when absent
	Present bool
}

// Decode interprets a response as spec/README.md's "How a body is
// decoded" says; now is the time an HTTP-date or epoch time in a delay
// header is measured from.
//
//  1. A 2xx response is an error only when a success shape applies to it.
//     A UTF-8 byte order mark before the body is skipped. A JSON shape
//     matches only a body that is a valid JSON object (as json.Valid
//     says), an array shape only one that is an array. A body that is not
//     a JSON object is read whole by a text shape; with no shape, its
//     Message is an Excerpt, or for markup (an HTML page) its
//     MarkupMessage: its title or first heading.
//  2. A shape applies when its content types (if any) include the
//     response's, every require path is present and not null, and every
//     when path holds its value.
//  3. Shapes are tried in order; the first that applies and whose code
//     path holds a non-empty string (or an integer, for an API with
//     numeric codes) wins, and that is the code, unless one of its
//     specific codes is documented (the first such is). Message and everything else come from the same shape. The
//     code header, when the response has it, gives the code instead. A
//     sent code is trimmed as code_trim says, then kept verbatim.
//  4. When nothing sends a code, the first shape that applies supplies the
//     rest, and the code is recognised from the message: exact titles
//     first (any code), then patterns in spec order; then by documented
//     header values; then by the status.
//  5. Typed fields read as json.Unmarshal reads their values into their Go
//     types; a value it rejects reads as absent. Keys match exactly and the
//     last of duplicate keys counts.
//  6. The request id comes from the body, else from the request-id header.
//     The retry decision is the should-retry header's, else the shape's
//     retryable field's, else the code's, else the status's. The retry
//     delay comes from the retry-after header, the delay headers in order,
//     then a retry_after field, then the code's documented default.
func (s *Schema) Decode(status int, header http.Header, body []byte, now time.Time) Result {
	if s.noError(status) {
		return Result{}
	}
	body = bytes.TrimPrefix(body, []byte("\ufeff"))
	return s.decodeDoc(status, header, body, parseDoc(body), now)
}

// noError reports whether a response with status is no error whatever its
// body: a 2xx status when no shape applies to 2xx responses.
func (s *Schema) noError(status int) bool {
	return status >= 200 && status <= 299 && !s.HasSuccessShapes()
}

// decodeDoc is Decode of body (without a byte order mark), whose reading
// by parseDoc is doc.
func (s *Schema) decodeDoc(status int, header http.Header, body []byte, doc any, now time.Time) Result {
	var r Result
	if s.noError(status) {
		return r
	}
	success := status >= 200 && status <= 299
	_, r.JSON = doc.(map[string]any)
	media := mediaType(header)
	var first *Shape
	for _, sh := range s.Shapes {
		if !sh.applies(doc, success, media) {
			continue
		}
		if first == nil {
			first = sh
		}
		if code := s.codeIn(sh, doc); sh.Code != nil && code != "" {
			r.Shape, r.Code, r.By = sh, code, Body
			break
		}
	}
	if r.Shape == nil {
		r.Shape = first
	}
	if success && r.Shape == nil {
		return r
	}
	r.Error = true
	if s.CodeHeader != "" {
		if v := strings.TrimSpace(firstValue(header, s.CodeHeader)); v != "" {
			r.Code, r.By = v, Header
		}
	}
	if r.By.Sent() {
		r.Code = s.trim(r.Code)
	}
	var fields map[string]any
	switch sh := r.Shape; {
	case !r.JSON && (sh == nil || sh.Text) && IsMarkup(string(body)):
		r.Message = MarkupMessage(body)
	case sh == nil && !r.JSON:
		r.Message = Excerpt(body)
	case sh != nil && sh.Text:
		r.Message = textMessage(body)
	case sh != nil:
		r.Message, _ = sh.Message.Lookup(doc).(string)
		r.Detail, _ = sh.Detail.Lookup(doc).(string)
		r.RequestID, _ = sh.RequestID.Lookup(doc).(string)
		r.Family, _ = sh.Family.Lookup(doc).(string)
		if sh.Errors != nil {
			r.Errors = sh.Errors.Strings(doc, MaxErrors)
		}
		if sh.Items != nil {
			r.Items = items(sh, doc)
		}
		fields, _ = sh.Fields.Lookup(doc).(map[string]any)
	}
	if r.Code == "" && r.Shape != nil {
		s.recognize(&r)
	}
	if r.Code == "" {
		if c := s.ByHeaders(status, header); c != nil {
			r.Code, r.By = c.Value, Headers
		}
	}
	if r.Code == "" {
		if c := s.ByStatus(status); c != nil {
			r.Code, r.By = c.Value, Status
		}
	}
	r.Known = s.Code(r.Code)
	if r.Known != nil {
		r.Code = r.Known.Value // its documented spelling, for CaseInsensitiveCodes
	}
	if r.Family == "" && r.Known != nil {
		r.Family = r.Known.Family
	}
	if r.RequestID == "" && s.RequestIDHeader != "" {
		r.RequestID = firstValue(header, s.RequestIDHeader)
	}
	r.Common = readFields(s.Fields, fields)
	if r.Known != nil {
		r.Fields = readFields(r.Known.Fields, fields)
	}
	r.Retryable = s.retryable(&r, status, header, doc)
	r.RetryAfter, r.HasRetryAfter = s.delay(&r, header, fields, now)
	return r
}

// codeIn is the code a shape holds: none when its code path holds none;
// else the first of its specific codes that is documented, else the one
// at its code path.
func (s *Schema) codeIn(sh *Shape, doc any) string {
	code := codeText(sh.Code.Lookup(doc), s.NumericCodes)
	if code == "" {
		return ""
	}
	for _, p := range sh.SpecificCodes {
		if c := codeText(p.Lookup(doc), s.NumericCodes); c != "" && s.Code(s.trim(c)) != nil {
			return c
		}
	}
	return code
}

// parseDoc decodes body when it is one valid JSON object or array (numbers
// as json.Number); nil otherwise.
func parseDoc(body []byte) any {
	v, err := DecodeJSON(body)
	if err != nil {
		return nil
	}
	switch v.(type) {
	case map[string]any, []any:
		return v
	}
	return nil
}

// mediaType returns the response's media type: its Content-Type up to any
// ';', without surrounding white space, in lower case.
func mediaType(h http.Header) string {
	mt, _, _ := strings.Cut(firstValue(h, "Content-Type"), ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// applies reports whether sh applies to a response.
func (sh *Shape) applies(doc any, success bool, media string) bool {
	if success && !sh.Success {
		return false
	}
	if len(sh.ContentTypes) > 0 {
		ok := false
		for _, ct := range sh.ContentTypes {
			ok = ok || ct == media
		}
		if !ok {
			return false
		}
	}
	_, obj := doc.(map[string]any)
	_, arr := doc.([]any)
	if sh.Text {
		return !obj
	}
	if sh.Array && !arr || !sh.Array && !obj {
		return false
	}
	for _, p := range sh.Require {
		if p.Lookup(doc) == nil {
			return false
		}
	}
	for _, m := range sh.When {
		if !matches(m.Path.Lookup(doc), m.Value) {
			return false
		}
	}
	return true
}

// matches reports whether a JSON value equals a spec value: the same
// string or bool, or the same number.
func matches(v, want any) bool {
	switch w := want.(type) {
	case float64:
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		f, err := strconv.ParseFloat(string(n), 64)
		return err == nil && f == w
	default:
		return v == want
	}
}

// trim applies the spec's code transformations.
func (s *Schema) trim(code string) string {
	for _, t := range s.CodeTrim {
		code = t.Apply(code)
	}
	return code
}

// Apply transforms a code; a code the transformation does not concern is
// returned as it is.
func (t Trim) Apply(code string) string {
	switch t {
	case Namespace:
		if i := strings.IndexByte(code, '#'); i >= 0 {
			return code[i+1:]
		}
	case URISuffix:
		if i := strings.IndexByte(code, ':'); i >= 0 {
			return code[:i]
		}
	case LastSegment:
		if i := strings.LastIndexAny(code, "/#"); i >= 0 {
			return code[i+1:]
		}
	}
	return code
}

// textMessage is the message of a text shape: the body with surrounding
// white space trimmed when it is valid UTF-8, one line, at most ExcerptMax
// bytes and without control characters; otherwise its Excerpt.
func textMessage(body []byte) string {
	t := strings.TrimSpace(string(body))
	if len(t) <= ExcerptMax && utf8.ValidString(t) && strings.IndexFunc(t, unicode.IsControl) < 0 {
		return t
	}
	return Excerpt(body)
}

// items reads a shape's list of error objects.
func items(sh *Shape, doc any) []any {
	arr, ok := sh.Items.Lookup(doc).([]any)
	if !ok {
		return nil
	}
	k := ObjectKind(sh.ItemType)
	var out []any
	for _, e := range arr {
		if len(out) == MaxErrors {
			break
		}
		raw, _ := json.Marshal(e)
		v, _ := k.Decode(raw) // a *struct, nil for an element that is not one
		out = append(out, v)
	}
	return out
}

// readFields reads typed fields from the object of fields.
func readFields(fields []*Field, obj map[string]any) []FieldValue {
	var out []FieldValue
	for _, f := range fields {
		v, ok := f.Kind.Decode(f.raw(obj))
		out = append(out, FieldValue{Field: f, Value: v, Present: ok})
	}
	return out
}

// raw returns the JSON text of f's value in the object of fields, or nil.
func (f *Field) raw(obj map[string]any) []byte {
	if obj == nil {
		return nil
	}
	if f.Path != nil {
		return f.Path.Raw(obj)
	}
	v, ok := obj[f.Name]
	if !ok {
		return nil
	}
	raw, _ := json.Marshal(v)
	return raw
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

// retryable decides whether the request may be retried.
func (s *Schema) retryable(r *Result, status int, header http.Header, doc any) bool {
	if s.ShouldRetryHeader != "" {
		switch strings.TrimSpace(firstValue(header, s.ShouldRetryHeader)) {
		case "true":
			r.RetrySaid = 1
			return true
		case "false":
			r.RetrySaid = -1
			return false
		}
	}
	if r.Shape != nil {
		if b, ok := r.Shape.Retryable.Lookup(doc).(bool); ok && r.Shape.Retryable != nil {
			r.RetrySaid = map[bool]int{true: 1, false: -1}[b]
			return b
		}
	}
	return s.CodeRetryable(r.Known, status)
}

// CodeRetryable reports whether a response with a documented code (nil for
// none) and a status is retried when nothing in it says: by the code's
// rule, or, for a code retried by status and for none, by the status.
func (s *Schema) CodeRetryable(c *Code, status int) bool {
	if c != nil && !c.RetryByStatus() {
		return c.Retryable
	}
	return s.StatusRetryable(status)
}

// delay finds the retry delay.
func (s *Schema) delay(r *Result, header http.Header, fields map[string]any, now time.Time) (time.Duration, bool) {
	if s.RetryAfterHeader != "" {
		if d, ok := ParseRetryAfter(firstValue(header, s.RetryAfterHeader), now); ok {
			return d, true
		}
	}
	for _, h := range s.DelayHeaders {
		if !h.applies(header) {
			continue
		}
		if d, ok := HeaderDelay(h.Unit, firstValue(header, h.Name), now); ok {
			return d, true
		}
	}
	for _, f := range s.RetryFields(r.Known) {
		var v any
		if raw := f.raw(fields); raw != nil {
			v = numberValue(raw)
		}
		if d, ok := FieldDelay(f.Kind, f.Unit, v, now); ok {
			return d, true
		}
	}
	if r.Known != nil && r.Known.DefaultDelay > 0 {
		return r.Known.DefaultDelay, true
	}
	return 0, false
}

// numberValue decodes a JSON value as json.Decoder does with UseNumber:
// numbers as json.Number. A lone number, the usual case, is read without
// decoding.
func numberValue(raw json.RawMessage) any {
	if t := bytes.TrimSpace(raw); len(t) > 0 && (t[0] == '-' || '0' <= t[0] && t[0] <= '9') && json.Valid(t) {
		return json.Number(t)
	}
	v, _ := DecodeJSON(raw)
	return v
}

// applies reports whether every header h's When names has its value.
func (h *DelayHeader) applies(header http.Header) bool {
	for name, want := range h.When {
		if strings.TrimSpace(firstValue(header, name)) != want {
			return false
		}
	}
	return true
}

// firstValue returns the first value of a header by its canonical name,
// or "".
func firstValue(h http.Header, name string) string {
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
		return 0, false // most responses have none: no date parsing to fail
	}
	if d, ok := digitSeconds(v); ok {
		return d, true
	}
	return HeaderDelay(HTTPDate, v, now)
}

// digitSeconds reads one or more digits as seconds, saturating.
func digitSeconds(v string) (time.Duration, bool) {
	if v == "" || strings.Trim(v, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil || n > uint64(MaxRetryAfter/time.Second) {
		return MaxRetryAfter, true
	}
	return time.Duration(n) * time.Second, true
}

// fractionSeconds reads seconds with a decimal fraction, as Discord's
// X-RateLimit-Reset-After ("64.57") and Microsoft Graph's Retry-After
// ("2.128") write them: digits, a point, digits. The delay is rounded up to
// the nanosecond (a positive delay never reads as 0) and at most
// MaxRetryAfter.
func fractionSeconds(v string) (time.Duration, bool) {
	whole, frac, _ := strings.Cut(v, ".")
	if whole == "" || frac == "" || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" {
		return 0, false
	}
	f, _ := strconv.ParseFloat(v, 64) // well-formed, so at worst out of range: +Inf
	return SecondsDelay(f), true
}

// HeaderDelay reads a delay header in unit u, after trimming spaces and
// tabs: seconds as digits with an optional decimal fraction, milliseconds
// as digits only, epoch seconds as digits
// (a time, measured from now), an HTTP-date in any of RFC 9110's three
// formats. Delays are clamped to [0, MaxRetryAfter].
func HeaderDelay(u Unit, v string, now time.Time) (time.Duration, bool) {
	v = strings.Trim(v, " \t")
	switch u {
	case RetryAfterUnit:
		return ParseRetryAfter(v, now)
	case Seconds:
		if strings.Contains(v, ".") {
			return fractionSeconds(v)
		}
		return digitSeconds(v)
	case Milliseconds:
		if v == "" || strings.Trim(v, "0123456789") != "" {
			return 0, false
		}
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil || n > uint64(MaxRetryAfter/time.Millisecond) {
			return MaxRetryAfter, true
		}
		return time.Duration(n) * time.Millisecond, true
	case EpochSeconds:
		if v == "" || strings.Trim(v, "0123456789") != "" {
			return 0, false
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n > now.Unix()+int64(MaxRetryAfter/time.Second) {
			return MaxRetryAfter, true
		}
		return clamp(time.Unix(n, 0).Sub(now)), true
	case HTTPDate:
		t, err := http.ParseTime(v)
		if err != nil {
			return 0, false
		}
		return clamp(t.Sub(now)), true
	}
	return 0, false
}

// FieldDelay reads a retry_after field's JSON value (as encoding/json
// decodes into any with UseNumber) in unit u. Seconds and milliseconds are
// numbers (an integer literal of any size for an integer kind, any number
// for float64); epoch seconds a number, measured from now; a duration a
// string of seconds ending in "s". Negative delays are 0, huge ones
// MaxRetryAfter, and a positive fraction of a nanosecond rounds up.
func FieldDelay(k *Kind, u Unit, v any, now time.Time) (time.Duration, bool) {
	if u == Duration {
		s, ok := v.(string)
		if !ok {
			return 0, false
		}
		return DurationDelay(s)
	}
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
	switch u {
	case Milliseconds:
		f /= 1000
	case EpochSeconds:
		return clamp(time.Unix(0, int64(epochNanos(f))).Sub(now)), true
	}
	return SecondsDelay(f), true
}

// epochNanos turns a Unix time in seconds into nanoseconds since the
// epoch, rounded up and saturating.
func epochNanos(f float64) time.Duration {
	switch {
	case f != f || f <= 0:
		return 0
	case f >= 9e9:
		return math.MaxInt64
	}
	return time.Duration(math.Ceil(f * 1e9))
}

// DurationDelay reads a duration string as protobuf's JSON mapping writes
// google.protobuf.Duration: an optional '-', digits, an optional fraction,
// and "s" ("30s", "1.5s", "0.000000001s").
func DurationDelay(s string) (time.Duration, bool) {
	num, ok := strings.CutSuffix(s, "s")
	if !ok || num == "" {
		return 0, false
	}
	digits := strings.TrimPrefix(num, "-")
	whole, frac, _ := strings.Cut(digits, ".")
	if whole == "" || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" || strings.HasSuffix(digits, ".") {
		return 0, false
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil && !math.IsInf(f, 0) {
		return 0, false
	}
	return SecondsDelay(f), true
}

// SecondsDelay turns a delay in seconds into a Duration within [0,
// MaxRetryAfter], rounding a positive fraction of a nanosecond up.
func SecondsDelay(f float64) time.Duration {
	switch {
	case f <= 0 || f != f:
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
