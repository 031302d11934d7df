package spec

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

// decodeSpec has one shape of each kind the documents use, in an order
// where several apply to some bodies.
const decodeSpec = `
[api]
name = "D"
package = "d"
sources = ["test"]
description = "D."

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

func TestDecode(t *testing.T) {
	f, err := Parse("spec/d.toml", []byte(decodeSpec))
	if err != nil {
		t.Fatal(err)
	}
	num := func(s string) json.Number { return json.Number(s) }
	tests := []struct {
		name   string
		status int
		body   string
		want   Decoded
	}{{
		name:   "nested",
		status: 401,
		body:   `{"error": {"code": "invalid_api_key", "message": "Bad key.", "requestId": "req_1"}}`,
		want: Decoded{Shape: "nested", Code: "invalid_api_key", By: "body", Message: "Bad key.", RequestID: "req_1",
			Fields: map[string]any{"code": "invalid_api_key", "message": "Bad key.", "requestId": "req_1"}},
	}, {
		name:   "an unknown code is kept verbatim, never replaced by a title",
		status: 401,
		body:   `{"error": {"code": "brand_new", "message": "Missing API key"}}`,
		want: Decoded{Shape: "nested", Code: "brand_new", By: "body", Message: "Missing API key",
			Fields: map[string]any{"code": "brand_new", "message": "Missing API key"}},
	}, {
		name:   "flat, fields at the top level",
		status: 402,
		body:   `{"error": "credit_exhausted", "message": "Out.", "requested": 50, "ratio": 0.5, "request_id": 7}`,
		want: Decoded{Shape: "flat", Code: "credit_exhausted", By: "body", Message: "Out.",
			Fields: map[string]any{"error": "credit_exhausted", "message": "Out.", "requested": num("50"), "ratio": num("0.5"), "request_id": num("7")}},
	}, {
		name:   "meta",
		status: 429,
		body:   `{"data": null, "error": "Rate limit exceeded", "meta": {"code": "rate_limit_exceeded", "retryAfter": 7}}`,
		want: Decoded{Shape: "meta", Code: "rate_limit_exceeded", By: "body", Message: "Rate limit exceeded",
			Fields: map[string]any{"code": "rate_limit_exceeded", "retryAfter": num("7")}},
	}, {
		name:   "title with an errors list",
		status: 401,
		body:   `{"error": "Missing API key", "errors": ["a", 1, null, "b"]}`,
		want: Decoded{Shape: "title", Code: "missing_api_key", By: "title", Message: "Missing API key", Errors: []string{"a", "b"},
			Fields: map[string]any{"error": "Missing API key", "errors": []any{"a", num("1"), nil, "b"}}},
	}, {
		name:   "errors: arrays under the path stand for their elements, a string for itself",
		status: 418,
		body:   `{"error": "Teapot", "errors": ["a", ["b", 2], {"c": "d"}, "e"]}`,
		want: Decoded{Shape: "title", Message: "Teapot", Errors: []string{"a", "b", "e"},
			Fields: map[string]any{"error": "Teapot", "errors": []any{"a", []any{"b", num("2")}, map[string]any{"c": "d"}, "e"}}},
	}, {
		name:   "errors: not a list",
		status: 418,
		body:   `{"error": "Teapot", "errors": {"a": "b"}}`,
		want:   Decoded{Shape: "title", Message: "Teapot", Fields: map[string]any{"error": "Teapot", "errors": map[string]any{"a": "b"}}},
	}, {
		name:   "minimal body recognised by title",
		status: 500,
		body:   `{"error": "Internal server error"}`,
		want: Decoded{Shape: "title", Code: "internal_error", By: "title", Message: "Internal server error",
			Fields: map[string]any{"error": "Internal server error"}},
	}, {
		name:   "pattern",
		status: 400,
		body:   `{"error": "Missing required parameter: brand", "errors": ["brand parameter is required"]}`,
		want: Decoded{Shape: "title", Code: "missing_required_parameter", By: "pattern", Message: "Missing required parameter: brand",
			Errors: []string{"brand parameter is required"}, Captures: map[string]string{"param": "brand"},
			Fields: map[string]any{"error": "Missing required parameter: brand", "errors": []any{"brand parameter is required"}}},
	}, {
		name:   "an exact title beats an earlier pattern",
		status: 400,
		body:   `{"error": "Missing required parameter: everything"}`,
		want: Decoded{Shape: "title", Code: "missing_everything", By: "title", Message: "Missing required parameter: everything",
			Fields: map[string]any{"error": "Missing required parameter: everything"}},
	}, {
		name:   "fastapi",
		status: 422,
		body: `{"detail": [{"loc": ["query", "limit"], "msg": "Input should be a valid integer", "type": "int_parsing"},
		                 {"loc": ["query", "q"], "msg": "Field required", "type": "missing"}]}`,
		want: Decoded{Shape: "fastapi", Code: "validation_error", By: "pattern", Message: "Input should be a valid integer",
			Errors: []string{"Input should be a valid integer", "Field required"}, Captures: map[string]string{"what": "a valid integer"},
			Fields: map[string]any{"detail": []any{
				map[string]any{"loc": []any{"query", "limit"}, "msg": "Input should be a valid integer", "type": "int_parsing"},
				map[string]any{"loc": []any{"query", "q"}, "msg": "Field required", "type": "missing"},
			}}},
	}, {
		name:   "duplicate keys: the last counts",
		status: 400,
		body:   `{"error": {"code": "a"}, "error": {"code": "b", "code": "c"}}`,
		want:   Decoded{Shape: "nested", Code: "c", By: "body", Fields: map[string]any{"code": "c"}},
	}, {
		name:   "a code of the wrong type is absent; the first shape that applies supplies the message",
		status: 401,
		body:   `{"error": {"code": 5, "message": "Missing API key", "requestId": ["x"]}}`,
		want: Decoded{Shape: "nested", Code: "missing_api_key", By: "title", Message: "Missing API key",
			Fields: map[string]any{"code": num("5"), "message": "Missing API key", "requestId": []any{"x"}}},
	}, {
		name:   "an empty code is no code",
		status: 500,
		body:   `{"error": {"code": "", "message": "Internal server error"}}`,
		want: Decoded{Shape: "nested", Code: "internal_error", By: "title", Message: "Internal server error",
			Fields: map[string]any{"code": "", "message": "Internal server error"}},
	}, {
		name:   "a null required path does not apply",
		status: 418,
		body:   `{"error": {"code": null}, "detail": "x"}`,
		want:   Decoded{Shape: "title", Fields: map[string]any{"error": map[string]any{"code": nil}, "detail": "x"}},
	}, {
		name:   "fields from a nested object",
		status: 418,
		body:   `{"error": "Oops", "meta": {"code": "m"}, "x": 1}`,
		want:   Decoded{Shape: "meta", Code: "m", By: "body", Message: "Oops", Fields: map[string]any{"code": "m"}},
	}, {
		name:   "a fields path that is not an object gives no fields",
		status: 418,
		body:   `{"odd": 1, "extra": [1]}`,
		want:   Decoded{Shape: "odd"},
	}, {
		name:   "by status",
		status: 402,
		body:   `{}`,
		want:   Decoded{Code: "credit_exhausted", By: "status"},
	}, {
		name:   "by status, body not JSON",
		status: 402,
		body:   `<html>Payment Required</html>`,
		want:   Decoded{Code: "credit_exhausted", By: "status"},
	}, {
		name:   "a shape with a message but no code still beats by_status",
		status: 402,
		body:   `{"error": "Missing API key"}`,
		want:   Decoded{Shape: "title", Code: "missing_api_key", By: "title", Message: "Missing API key", Fields: map[string]any{"error": "Missing API key"}},
	}, {
		name:   "nothing",
		status: 418,
		body:   `{"error": "Teapot"}`,
		want:   Decoded{Shape: "title", Message: "Teapot", Fields: map[string]any{"error": "Teapot"}},
	}}
	for _, body := range []string{``, `null`, `"Missing API key"`, `["Missing API key"]`, `42`, `{"error": "Missing API key"} x`, `{"error":`} {
		tests = append(tests, struct {
			name   string
			status int
			body   string
			want   Decoded
		}{"not an object: " + body, 401, body, Decoded{}})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Decode(tt.status, []byte(tt.body))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Decode(%d, %s) mismatch (-want +got):\n%s", tt.status, tt.body, diff)
			}
		})
	}
}

func TestLookup(t *testing.T) {
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
		{"a.-1", nil},
		{"a.+1", nil},
		{"a.1234567890", nil},
		{"a.x", nil},
		{"o.0", "key zero"}, // an index segment names a member of an object
		{"o.01", "key 01"},
		{"o.0.x", nil},
		{"missing.x", nil},
	}
	for _, tt := range tests {
		if got := lookup(doc, tt.path); !cmp.Equal(got, tt.want) {
			t.Errorf("lookup(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
	if got := lookupStrings(doc, "a"); !cmp.Equal(got, []string{"zero", "one"}) {
		t.Errorf("lookupStrings(%q) = %q, want the string elements", "a", got)
	}
	if got := lookupStrings(doc, "o.0"); !cmp.Equal(got, []string{"key zero"}) {
		t.Errorf("lookupStrings(%q) = %q, want the string", "o.0", got)
	}
	if got := lookupStrings(doc, "a.*.x"); !cmp.Equal(got, []string{"y"}) {
		t.Errorf("lookupStrings(%q) = %q, want [y]", "a.*.x", got)
	}
}

func TestMatchPattern(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       map[string]string // nil with ok false means no match
		ok         bool
	}{
		{"Missing required parameter: {param}", "Missing required parameter: brand", map[string]string{"param": "brand"}, true},
		{"Missing required parameter: {param}", "Missing required parameter: ", nil, false},
		{"Missing required parameter: {param}", "Missing parameter: brand", nil, false},
		{"{a}: {b}", "x: y: z", map[string]string{"a": "x", "b": "y: z"}, true},
		{"{a} is {b}.", "x is y. z is w.", map[string]string{"a": "x", "b": "y. z is w"}, true},
		{"{a}.txt", "a.txt.txt", map[string]string{"a": "a.txt"}, true},
		{"{a}.txt", ".txt", nil, false},
		{"{a}-{b}", "x-y-z", map[string]string{"a": "x", "b": "y-z"}, true},
		{"{a}-{b}", "--", nil, false},
		{"{a}-{b}", "x-", nil, false},
		{"Limit reached: {key} ({n} of {max})", "Limit reached: max_creators_per_org (5 of 5)",
			map[string]string{"key": "max_creators_per_org", "n": "5", "max": "5"}, true},
		{"Exact", "Exact", nil, true},
		{"Exact", "Exact!", nil, false},
		{"Exact", "exact", nil, false},
		{"{a}", "", nil, false},
		{"{a}", "anything at all", map[string]string{"a": "anything at all"}, true},
		{"{a", "{a", nil, false},
		{"{a}{b}", "xy", nil, false},
		{"é {a} ü", "é ñ ü", map[string]string{"a": "ñ"}, true},
	}
	for _, tt := range tests {
		got, ok := MatchPattern(tt.pattern, tt.s)
		if ok != tt.ok || !cmp.Equal(got, tt.want) {
			t.Errorf("MatchPattern(%q, %q) = %v, %v; want %v, %v", tt.pattern, tt.s, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzParse checks that no input makes Parse panic, and that a file that
// loads can decode any body and position any key.
func FuzzParse(f *testing.F) {
	archives, _ := filepath.Glob("testdata/*.txtar")
	for _, name := range archives {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			f.Add(file.Data, []byte(`{"error": {"code": "a"}}`))
		}
	}
	f.Add([]byte(decodeSpec), []byte(`{"detail": [{"msg": "Input should be x"}]}`))
	f.Fuzz(func(t *testing.T, src, body []byte) {
		file, err := Parse("spec/fuzz.toml", src)
		if err != nil {
			return
		}
		file.Decode(400, body)
		for key := range file.pos {
			file.Pos(key + ".x")
		}
	})
}

// FuzzScan checks that the position scanner stops on any input, including
// input the toml package rejects.
func FuzzScan(f *testing.F) {
	f.Add(posDoc)
	f.Add(`a = """x\`)
	f.Add(`[[a.b] c = [{d = '''`)
	f.Fuzz(func(t *testing.T, src string) {
		scanPositions(src)
	})
}
