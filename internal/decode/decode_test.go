package decode_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/errgen/errgen/internal/decode"
	"github.com/errgen/errgen/internal/spec"
)

// decodeSpec has one shape of each kind the documents use, in an order
// where several apply to some bodies.
const decodeSpec = `
[api]
name = "D"
package = "d"
sources = ["test"]
description = "D."

[headers]
request_id = "x-request-id"
retry_after = "retry-after"

[[shapes]]
name = "nested"
require = ["error.code"]
code = "error.code"
message = "error.message"
request_id = "error.requestId"
fields = "error"

[[shapes]]
name = "flat"
require = ["message"]
code = "error"
message = "message"
request_id = "request_id"

[[shapes]]
name = "meta"
require = ["meta.code"]
code = "meta.code"
message = "error"
fields = "meta"

[[shapes]]
name = "title"
require = ["error"]
message = "error"
errors = "errors.*"

[[shapes]]
name = "fastapi"
require = ["detail"]
message = "detail.0.msg"
errors = "detail.*.msg"

[[shapes]]
name = "odd"
require = ["odd"]
fields = "extra"

[[errors]]
code = "missing_required_parameter"
status = 400
summary = "S."
remedy = "R."
patterns = ["Missing required parameter: {param}"]

[[errors]]
code = "missing_everything"
status = 400
summary = "S."
remedy = "R."
titles = ["Missing required parameter: everything"]

[[errors]]
code = "missing_api_key"
status = 401
summary = "S."
remedy = "R."
titles = ["Missing API key"]

[[errors]]
code = "credit_exhausted"
status = 402
summary = "S."
remedy = "R."
by_status = true

[[errors.fields]]
name = "requested"
type = "int"

[[errors.fields]]
name = "ratio"
type = "float64"

[[errors]]
code = "rate_limit_exceeded"
status = 429
summary = "S."
remedy = "R."

[[errors.fields]]
name = "retryAfter"
type = "int"
retry_after = true

[[errors]]
code = "internal_error"
status = 500
summary = "S."
remedy = "R."
titles = ["Internal server error"]

[[errors]]
code = "validation_error"
status = 422
summary = "S."
remedy = "R."
patterns = ["Input should be {what}"]
`

// got is the part of a Result a test compares.
type got struct {
	Shape, Code, By, Message, RequestID string
	Errors, Captures                    []string
	Fields                              map[string]any // present fields only
	Retryable, HasRetryAfter            bool
	RetryAfter                          time.Duration
}

func project(r decode.Result) got {
	g := got{Code: r.Code, By: r.By.String(), Message: r.Message, RequestID: r.RequestID, Errors: r.Errors, Captures: r.Captures,
		Retryable: r.Retryable, RetryAfter: r.RetryAfter, HasRetryAfter: r.HasRetryAfter}
	if r.Shape != nil {
		g.Shape = r.Shape.Name
	}
	for _, f := range r.Fields {
		if f.Present {
			if g.Fields == nil {
				g.Fields = map[string]any{}
			}
			g.Fields[f.Field.Name] = f.Value
		}
	}
	return g
}

func schema(t testing.TB) *decode.Schema {
	f, err := spec.Parse("spec/d.toml", []byte(decodeSpec))
	if err != nil {
		t.Fatal(err)
	}
	return f.Schema
}

var now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestDecode(t *testing.T) {
	s := schema(t)
	tests := []struct {
		name   string
		status int
		header http.Header
		body   string
		want   got
	}{{
		name:   "nested",
		status: 401,
		body:   `{"error": {"code": "invalid_api_key", "message": "Bad key.", "requestId": "req_1"}}`,
		want:   got{Shape: "nested", Code: "invalid_api_key", By: "body", Message: "Bad key.", RequestID: "req_1"},
	}, {
		name:   "an unknown code is kept verbatim, never replaced by a title",
		status: 401,
		body:   `{"error": {"code": "brand_new", "message": "Missing API key"}}`,
		want:   got{Shape: "nested", Code: "brand_new", By: "body", Message: "Missing API key"},
	}, {
		name:   "flat, fields at the top level",
		status: 402,
		body:   `{"error": "credit_exhausted", "message": "Out.", "requested": 50, "ratio": 0.5, "request_id": 7}`,
		want: got{Shape: "flat", Code: "credit_exhausted", By: "body", Message: "Out.",
			Fields: map[string]any{"requested": int(50), "ratio": 0.5}},
	}, {
		name:   "fields of the wrong type are absent",
		status: 402,
		body:   `{"error": "credit_exhausted", "message": "Out.", "requested": 5.5, "ratio": "0.5"}`,
		want:   got{Shape: "flat", Code: "credit_exhausted", By: "body", Message: "Out."},
	}, {
		name:   "meta, a retry delay from a field",
		status: 429,
		body:   `{"data": null, "error": "Rate limit exceeded", "meta": {"code": "rate_limit_exceeded", "retryAfter": 7}}`,
		want: got{Shape: "meta", Code: "rate_limit_exceeded", By: "body", Message: "Rate limit exceeded",
			Fields: map[string]any{"retryAfter": int(7)}, Retryable: true, RetryAfter: 7 * time.Second, HasRetryAfter: true},
	}, {
		name:   "the Retry-After header beats the field",
		status: 429,
		header: http.Header{"Retry-After": {"3"}},
		body:   `{"data": null, "error": "Rate limit exceeded", "meta": {"code": "rate_limit_exceeded", "retryAfter": 7}}`,
		want: got{Shape: "meta", Code: "rate_limit_exceeded", By: "body", Message: "Rate limit exceeded",
			Fields: map[string]any{"retryAfter": int(7)}, Retryable: true, RetryAfter: 3 * time.Second, HasRetryAfter: true},
	}, {
		name:   "an unreadable Retry-After header falls back to the field",
		status: 429,
		header: http.Header{"Retry-After": {"-3"}},
		body:   `{"meta": {"code": "rate_limit_exceeded", "retryAfter": 7}}`,
		want: got{Shape: "meta", Code: "rate_limit_exceeded", By: "body",
			Fields: map[string]any{"retryAfter": int(7)}, Retryable: true, RetryAfter: 7 * time.Second, HasRetryAfter: true},
	}, {
		name:   "a huge delay field saturates",
		status: 429,
		body:   `{"meta": {"code": "rate_limit_exceeded", "retryAfter": 99999999999999999999}}`,
		want: got{Shape: "meta", Code: "rate_limit_exceeded", By: "body",
			Retryable: true, RetryAfter: decode.MaxRetryAfter, HasRetryAfter: true},
	}, {
		name:   "the request id from the header when the body has none",
		status: 401,
		header: http.Header{"X-Request-Id": {"req_h"}},
		body:   `{"error": {"code": "invalid_api_key", "message": "Bad key."}}`,
		want:   got{Shape: "nested", Code: "invalid_api_key", By: "body", Message: "Bad key.", RequestID: "req_h"},
	}, {
		name:   "the body's request id beats the header",
		status: 401,
		header: http.Header{"X-Request-Id": {"req_h"}},
		body:   `{"error": {"code": "invalid_api_key", "message": "Bad key.", "requestId": "req_b"}}`,
		want:   got{Shape: "nested", Code: "invalid_api_key", By: "body", Message: "Bad key.", RequestID: "req_b"},
	}, {
		name:   "title with an errors list",
		status: 401,
		body:   `{"error": "Missing API key", "errors": ["a", 1, null, "b"]}`,
		want:   got{Shape: "title", Code: "missing_api_key", By: "title", Message: "Missing API key", Errors: []string{"a", "b"}},
	}, {
		name:   "errors: arrays under the path stand for their elements, a string for itself",
		status: 418,
		body:   `{"error": "Teapot", "errors": ["a", ["b", 2], {"c": "d"}, "e"]}`,
		want:   got{Shape: "title", By: "none", Message: "Teapot", Errors: []string{"a", "b", "e"}},
	}, {
		name:   "errors: not a list",
		status: 418,
		body:   `{"error": "Teapot", "errors": {"a": "b"}}`,
		want:   got{Shape: "title", By: "none", Message: "Teapot"},
	}, {
		name:   "minimal body recognised by title",
		status: 500,
		body:   `{"error": "Internal server error"}`,
		want:   got{Shape: "title", Code: "internal_error", By: "title", Message: "Internal server error", Retryable: true},
	}, {
		name:   "pattern",
		status: 400,
		body:   `{"error": "Missing required parameter: brand", "errors": ["brand parameter is required"]}`,
		want: got{Shape: "title", Code: "missing_required_parameter", By: "pattern", Message: "Missing required parameter: brand",
			Errors: []string{"brand parameter is required"}, Captures: []string{"brand"}},
	}, {
		name:   "an exact title beats an earlier pattern",
		status: 400,
		body:   `{"error": "Missing required parameter: everything"}`,
		want:   got{Shape: "title", Code: "missing_everything", By: "title", Message: "Missing required parameter: everything"},
	}, {
		name:   "fastapi",
		status: 422,
		body: `{"detail": [{"loc": ["query", "limit"], "msg": "Input should be a valid integer", "type": "int_parsing"},
		                 {"loc": ["query", "q"], "msg": "Field required", "type": "missing"}]}`,
		want: got{Shape: "fastapi", Code: "validation_error", By: "pattern", Message: "Input should be a valid integer",
			Errors: []string{"Input should be a valid integer", "Field required"}, Captures: []string{"a valid integer"}},
	}, {
		name:   "duplicate keys: the last counts",
		status: 400,
		body:   `{"error": {"code": "a"}, "error": {"code": "b", "code": "c"}}`,
		want:   got{Shape: "nested", Code: "c", By: "body"},
	}, {
		name:   "keys match exactly, escapes decoded",
		status: 400,
		body:   `{"Error": {"code": "a"}, "\u0065rror": {"\u0063ode": "b"}}`,
		want:   got{Shape: "nested", Code: "b", By: "body"},
	}, {
		name:   "a code of the wrong type is absent; the first shape that applies supplies the message",
		status: 401,
		body:   `{"error": {"code": 5, "message": "Missing API key", "requestId": ["x"]}}`,
		want:   got{Shape: "nested", Code: "missing_api_key", By: "title", Message: "Missing API key"},
	}, {
		name:   "an empty code is no code",
		status: 500,
		body:   `{"error": {"code": "", "message": "Internal server error"}}`,
		want:   got{Shape: "nested", Code: "internal_error", By: "title", Message: "Internal server error", Retryable: true},
	}, {
		name:   "a null required path does not apply",
		status: 418,
		body:   `{"error": {"code": null}, "detail": "x"}`,
		want:   got{Shape: "title", By: "none"},
	}, {
		name:   "by status",
		status: 402,
		body:   `{}`,
		want:   got{Code: "credit_exhausted", By: "status"},
	}, {
		name:   "by status, body not JSON",
		status: 402,
		body:   `<html>Payment Required</html>`,
		want:   got{Code: "credit_exhausted", By: "status", Message: "Payment Required"},
	}, {
		name:   "a byte order mark is skipped",
		status: 401,
		body:   "\ufeff" + `{"error": "Missing API key"}`,
		want:   got{Shape: "title", Code: "missing_api_key", By: "title", Message: "Missing API key"},
	}, {
		name:   "a shape with a message but no code still beats by_status",
		status: 402,
		body:   `{"error": "Missing API key"}`,
		want:   got{Shape: "title", Code: "missing_api_key", By: "title", Message: "Missing API key"},
	}, {
		name:   "nothing; 503 is retryable by status",
		status: 503,
		body:   `{"error": "Teapot"}`,
		want:   got{Shape: "title", By: "none", Message: "Teapot", Retryable: true},
	}}
	for _, body := range []string{``, `null`, `"Missing API key"`, `["Missing API key"]`, `42`, `{"error": "Missing API key"} x`, `{"error":`} {
		tests = append(tests, struct {
			name   string
			status int
			header http.Header
			body   string
			want   got
		}{"not an object: " + body, 401, nil, body, got{By: "none", Message: decode.Excerpt([]byte(body))}})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := project(s.Decode(tt.status, tt.header, []byte(tt.body), now))
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("Decode(%d, %s) mismatch (-want +got):\n%s", tt.status, tt.body, diff)
			}
		})
	}
}

func TestPathLookup(t *testing.T) {
	doc := map[string]any{
		"a": []any{"zero", "one", map[string]any{"x": "y"}},
		"o": map[string]any{"0": "key zero", "01": "key 01"},
	}
	tests := []struct {
		path string
		want any
	}{
		{"a.0", "zero"},
		{"a.1", "one"},
		{"a.2.x", "y"},
		{"a.3", nil},
		{"a.01", nil}, // not an index: leading zero
		{"a.00", nil},
		{"a.-1", nil},
		{"a.+1", nil},
		{"a.1234567890", nil}, // ten digits: not an index
		{"a.x", nil},
		{"o.0", "key zero"}, // an index segment names a member of an object
		{"o.01", "key 01"},
		{"o.0.x", nil},
		{"missing.x", nil},
	}
	for _, tt := range tests {
		p, err := decode.ParsePath(tt.path)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Lookup(doc); !cmp.Equal(got, tt.want) {
			t.Errorf("Lookup(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
	strs := func(path string, max int) []string {
		p, err := decode.ParsePath(path)
		if err != nil {
			t.Fatal(err)
		}
		return p.Strings(doc, max)
	}
	if got := strs("a", 10); !cmp.Equal(got, []string{"zero", "one"}) {
		t.Errorf("Strings(a) = %q, want the string elements", got)
	}
	if got := strs("a", 1); !cmp.Equal(got, []string{"zero"}) {
		t.Errorf("Strings(a, max 1) = %q, want one", got)
	}
	if got := strs("o.0", 10); !cmp.Equal(got, []string{"key zero"}) {
		t.Errorf("Strings(o.0) = %q, want the string", got)
	}
	if got := strs("a.*.x", 10); !cmp.Equal(got, []string{"y"}) {
		t.Errorf("Strings(a.*.x) = %q, want [y]", got)
	}
}

func TestParsePath(t *testing.T) {
	for _, tt := range []struct {
		path    string
		err     string
		indexed string
		each    int
	}{
		{path: "error.code"},
		{path: "detail.0.msg", indexed: "0"},
		{path: "error.00"}, // "00" is a member name, not an index
		{path: "detail.*.msg", each: 1},
		{path: "", err: "empty path"},
		{path: "a..b", err: `path "a..b" has an empty segment`},
		{path: ".a", err: `path ".a" has an empty segment`},
	} {
		p, err := decode.ParsePath(tt.path)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParsePath(%q) error = %v, want %q", tt.path, err, tt.err)
			}
			continue
		}
		if err != nil || p.String() != tt.path || p.Indexed() != tt.indexed || p.Each() != tt.each {
			t.Errorf("ParsePath(%q) = %v (%v): indexed %q, each %d", tt.path, p, err, p.Indexed(), p.Each())
		}
	}
}

func TestPattern(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       []string
		ok         bool
	}{
		{"Missing required parameter: {param}", "Missing required parameter: brand", []string{"brand"}, true},
		{"Missing required parameter: {param}", "Missing required parameter: ", nil, false},
		{"Missing required parameter: {param}", "Missing parameter: brand", nil, false},
		{"{a}: {b}", "x: y: z", []string{"x", "y: z"}, true},
		{"{a} is {b}.", "x is y. z is w.", []string{"x", "y. z is w"}, true},
		{"{a}.txt", "a.txt.txt", []string{"a.txt"}, true},
		{"{a}.txt", ".txt", nil, false},
		{"{a}-{b}", "x-y-z", []string{"x", "y-z"}, true},
		{"{a}-{b}", "--", nil, false},
		{"{a}-{b}", "x-", nil, false},
		{"Limit reached: {key} ({n} of {max})", "Limit reached: max_creators_per_org (5 of 5)",
			[]string{"max_creators_per_org", "5", "5"}, true},
		{"Exact", "Exact", []string{}, true},
		{"Exact", "Exact!", nil, false},
		{"Exact", "exact", nil, false},
		{"{a}", "", nil, false},
		{"{a}", "anything at all", []string{"anything at all"}, true},
		{"é {a} ü", "é ñ ü", []string{"ñ"}, true},
	}
	for _, tt := range tests {
		p, err := decode.ParsePattern(tt.pattern)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := p.Match(tt.s)
		if !ok {
			got = nil
		}
		if ok != tt.ok || !cmp.Equal(got, tt.want) {
			t.Errorf("Match(%q, %q) = %q, %v; want %q, %v", tt.pattern, tt.s, got, ok, tt.want, tt.ok)
		}
	}
	for _, tt := range []struct{ pattern, err string }{
		{"", "empty pattern"},
		{"{a", `pattern "{a" has a '{' without a '}'`},
		{"a}", `pattern "a}" has a '}' without a '{'`},
		{"{a{b}", `pattern "{a{b}" has a '{' without a '}'`},
		{"x {} y", `pattern "x {} y" has an empty placeholder {}`},
		{"{a}{b}", `pattern "{a}{b}" has placeholders {a} and {b} next to each other (want literal text between them)`},
		{"{a} and {a}", `pattern "{a} and {a}" has placeholder {a} twice`},
	} {
		if _, err := decode.ParsePattern(tt.pattern); err == nil || err.Error() != tt.err {
			t.Errorf("ParsePattern(%q) error = %v, want %q", tt.pattern, err, tt.err)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	for _, tt := range []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"7", 7 * time.Second, true},
		{" 30\t", 30 * time.Second, true},
		{"0", 0, true},
		{"007", 7 * time.Second, true},
		{"86400", decode.MaxRetryAfter, true},
		{"99999999999", decode.MaxRetryAfter, true},
		{"99999999999999999999999", decode.MaxRetryAfter, true},
		{"-5", 0, false}, // delay-seconds has no sign
		{"+5", 0, false},
		{"5.5", 0, false},
		{"1e3", 0, false},
		{"", 0, false},
		{"soon", 0, false},
		{"Thu, 01 Jan 2026 00:01:00 GMT", time.Minute, true},          // IMF-fixdate
		{"Thursday, 01-Jan-26 00:01:00 GMT", time.Minute, true},       // obsolete RFC 850
		{"Thu Jan  1 00:01:00 2026", time.Minute, true},               // asctime
		{"Wed, 31 Dec 2025 00:00:00 GMT", 0, true},                    // in the past
		{"Fri, 01 Jan 2027 00:00:00 GMT", decode.MaxRetryAfter, true}, // far ahead
	} {
		d, ok := decode.ParseRetryAfter(tt.v, now)
		if d != tt.want || ok != tt.ok {
			t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tt.v, d, ok, tt.want, tt.ok)
		}
	}
}

func TestSecondsDelay(t *testing.T) {
	for _, tt := range []struct {
		f    float64
		want time.Duration
	}{
		{0.5, 500 * time.Millisecond},
		{1e-12, 1}, // a positive delay never becomes 0
		{-3, 0},
		{30, 30 * time.Second},
		{1e19, decode.MaxRetryAfter},
	} {
		if got := decode.SecondsDelay(tt.f); got != tt.want {
			t.Errorf("SecondsDelay(%v) = %v, want %v", tt.f, got, tt.want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	long := ""
	for len(long) < 300 {
		long += "abcdefghij"
	}
	for _, tt := range []struct{ body, want string }{
		{"", ""},
		{"  <html>\n\t<title>Bad   gateway</title>\r\n</html>  ", "<html> <title>Bad gateway</title> </html>"},
		{"caf\xe9", "caf\ufffd"},
		{"a\x00\x01b", "a b"},
		{long, long[:decode.ExcerptMax] + "…"},
	} {
		if got := decode.Excerpt([]byte(tt.body)); got != tt.want {
			t.Errorf("Excerpt(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
}

// TestStatusTerms checks that whole classes of statuses are spelled as a
// spec writes them, and partial ones status by status.
func TestStatusTerms(t *testing.T) {
	var fives []int
	for s := 500; s <= 599; s++ {
		fives = append(fives, s)
	}
	for _, tc := range []struct {
		statuses []int
		want     string
	}{
		{nil, "[]"},
		{[]int{429, 502, 503}, "[429 502 503]"},
		{append([]int{409, 429}, fives...), "[409 429 5xx]"},
		{fives[1:], fmt.Sprint(fives[1:])},   // 501 to 599: not a class
		{fives[:99], fmt.Sprint(fives[:99])}, // 500 to 598
		{[]int{400, 500}, "[400 500]"},
	} {
		if got := fmt.Sprint(decode.StatusTerms(tc.statuses)); got != tc.want {
			t.Errorf("StatusTerms(%v) = %s, want %s", tc.statuses, got, tc.want)
		}
	}
}

// TestLowerASCII folds the ASCII letters A to Z and nothing else, without
// copying a string that has none.
func TestLowerASCII(t *testing.T) {
	for in, want := range map[string]string{
		"":                "",
		"tooManyRequests": "toomanyrequests",
		"BADREQUEST":      "badrequest",
		"already_lower-1": "already_lower-1",
		"STRASSE Straße":  "strasse straße",
		"ÉCOLE@[`{Z":      "École@[`{z",
		"\xffA":           "\xffa",
	} {
		if got := decode.LowerASCII(in); got != want {
			t.Errorf("LowerASCII(%q) = %q, want %q", in, got, want)
		}
	}
	if n := testing.AllocsPerRun(10, func() { _ = decode.LowerASCII("already_lower") }); n != 0 {
		t.Errorf("LowerASCII of a lower-case string allocates %v times", n)
	}
}

// TestCaseInsensitiveCodes looks codes up ignoring ASCII case only when
// the schema says so.
func TestCaseInsensitiveCodes(t *testing.T) {
	s := &decode.Schema{Codes: []*decode.Code{{Value: "tooManyRequests"}, {Value: "Straße"}}}
	for _, indexed := range []bool{false, true} {
		s.CaseInsensitiveCodes = false
		if indexed {
			s.IndexCodes()
		}
		if s.Code("TooManyRequests") != nil || s.Code("tooManyRequests") != s.Codes[0] {
			t.Errorf("indexed %v: exact codes fold case", indexed)
		}
		s.CaseInsensitiveCodes = true
		if indexed {
			s.IndexCodes()
		}
		if s.Code("TOOMANYREQUESTS") != s.Codes[0] || s.Code("straße") != s.Codes[1] || s.Code("STRASSE") != nil {
			t.Errorf("indexed %v: case-insensitive lookups wrong", indexed)
		}
	}
}
