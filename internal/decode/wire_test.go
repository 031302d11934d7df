package decode_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/errgen/errgen/internal/decode"
	"github.com/errgen/errgen/internal/spec"
)

// allSpecs loads the four APIs' specs and the runtime's fixture.
func allSpecs(t testing.TB) []*spec.File {
	paths, _ := filepath.Glob("../../spec/*.toml")
	paths = append(paths, "../runtime/fixture/testdata/fixture.toml")
	var out []*spec.File
	for _, p := range paths {
		f, err := spec.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	if len(out) < 5 {
		t.Fatalf("found %d specs", len(out))
	}
	return out
}

// TestEncodeDocumentedExamples writes every documented example of every
// spec back in its code's wire form and decodes it again: the reading is
// the same (the property WriteError promises), and the code is sent or
// recognised as its wire form says.
func TestEncodeDocumentedExamples(t *testing.T) {
	for _, f := range allSpecs(t) {
		s := f.Schema
		for i, e := range f.Errors {
			for _, ex := range e.Examples {
				status, header := e.Response(ex)
				want := s.Decode(status, header, []byte(ex.Body), now)
				resp, got := s.Rewrite(status, header, want, now)
				if diff := cmp.Diff(project(want), project(got)); diff != "" {
					t.Errorf("%s: %s/%s: written as %s, decodes differently (-documented +written):\n%s", f.Path, e.Code, ex.Title, resp.Body, diff)
				}
				if lost := decode.Lost(want, got); lost != "" {
					t.Errorf("%s: %s/%s: written as %s, loses %s", f.Path, e.Code, ex.Title, resp.Body, lost)
				}
				c := s.Codes[i]
				wantShape := c.Wire
				if in := map[bool][]*decode.Shape{false: c.SentIn, true: c.SuccessIn}[status < 300]; want.By.Sent() && slices.Contains(in, want.Shape) {
					wantShape = want.Shape
				}
				if resp.Shape != wantShape || got.By.Sent() != (c.Sent && !want.By.Sent() == false) || !c.Writable {
					t.Errorf("%s: %s: written in shape %v (sent %v), want %v; its wire form is %v (sent %v, writable %v)", f.Path, e.Code, resp.Shape, got.By.Sent(), wantShape, c.Wire, c.Sent, c.Writable)
				}
			}
		}
	}
}

// TestEncodeEveryCode writes every code of every spec with a message, a
// request id and a value in each typed field, and checks what decodes.
func TestEncodeEveryCode(t *testing.T) {
	samples := []string{`"v"`, `-3`, `1099511627776`, `0.5`, `true`, `["a",""]`, `[1,2]`, `{"k":"v"}`, `[1,"x",null]`, `{"reason":"r","count":2}`, `[{"msg":"m"}]`, `"1.5s"`}
	value := func(k *decode.Kind) any {
		for _, raw := range samples {
			if v, ok := k.Decode([]byte(raw)); ok {
				return v
			}
		}
		return nil
	}
	for _, f := range allSpecs(t) {
		s := f.Schema
		for _, c := range s.Codes {
			if !c.Writable {
				t.Errorf("%s: code %q has no wire form", f.Path, c.Value)
				continue
			}
			w := decode.Wire{Status: c.Status, Code: c.Value, Message: "Something <failed> & \u2028 \"here\".", RequestID: "req_1"}
			for _, fl := range c.Fields {
				w.Fields = append(w.Fields, decode.FieldValue{Field: fl, Value: value(fl.Kind), Present: true})
			}
			resp := s.Encode(w)
			r := s.Decode(resp.Status, resp.Header, resp.Body, now)
			if r.Known != c || r.By.Sent() != c.Sent {
				t.Errorf("%s: %s written as %s decodes to %q by %s", f.Path, c.Value, resp.Body, r.Code, r.By)
				continue
			}
			if c.Sent && c.Wire != nil && c.Wire.Message != nil && !c.Wire.Text && r.Message != w.Message {
				t.Errorf("%s: %s: Message %q, want %q", f.Path, c.Value, r.Message, w.Message)
			}
			carried := s.RequestIDHeader != "" || c.Wire != nil && c.Wire.RequestID != nil
			if carried && r.RequestID != "req_1" {
				t.Errorf("%s: %s: RequestID %q, want req_1", f.Path, c.Value, r.RequestID)
			}
			for k, fv := range r.Fields {
				if !fv.Present || !cmp.Equal(fv.Value, w.Fields[k].Value) {
					t.Errorf("%s: %s: field %s = %v (present %v), want %v", f.Path, c.Value, fv.Field.Name, fv.Value, fv.Present, w.Fields[k].Value)
				}
			}
			if ct := resp.Header.Get("Content-Type"); !strings.Contains(ct, "json") && c.Wire != nil && !c.Wire.Text {
				t.Errorf("%s: %s: Content-Type %q", f.Path, c.Value, ct)
			}
		}
	}
}

// TestEncodeBodies checks bodies Encode writes for decodeSpec: errors
// through "*", a message at an index, fields in their object, require
// placeholders, undocumented codes and errors with no code.
func TestEncodeBodies(t *testing.T) {
	s := schema(t)
	field := func(code string, k int, v any) decode.FieldValue {
		return decode.FieldValue{Field: s.Code(code).Fields[k], Value: v, Present: true}
	}
	for _, tt := range []struct {
		name string
		w    decode.Wire
		want string
	}{
		{"sent, with fields", decode.Wire{Status: 402, Code: "credit_exhausted", Message: "m", RequestID: "r",
			Fields: []decode.FieldValue{field("credit_exhausted", 0, int64(5)), field("credit_exhausted", 1, 1e-7)}},
			`{"error":{"code":"credit_exhausted","message":"m","ratio":1e-7,"requestId":"r","requested":5}}`},
		{"a field that is not finite is left out", decode.Wire{Status: 402, Code: "credit_exhausted",
			Fields: []decode.FieldValue{{Field: s.Code("credit_exhausted").Fields[1], Value: 1.0 / zero(), Present: true}}},
			`{"error":{"code":"credit_exhausted"}}`},
		{"undocumented code", decode.Wire{Status: 418, Code: "teapot", Message: "short and stout"},
			`{"error":{"code":"teapot","message":"short and stout"}}`},
		{"no code", decode.Wire{Status: 418, Message: "m"},
			`{"error":{"code":"","message":"m"}}`},
	} {
		resp := s.Encode(tt.w)
		if string(resp.Body) != tt.want {
			t.Errorf("%s: body %s, want %s", tt.name, resp.Body, tt.want)
		}
	}

	f, err := spec.Parse("spec/w.toml", []byte(wireSpec))
	if err != nil {
		t.Fatal(err)
	}
	s = f.Schema
	for _, tt := range []struct {
		name string
		w    decode.Wire
		want string
	}{
		{"FastAPI: a list through '*', the message at index 0", decode.Wire{Status: 422, Code: "validation_error", Message: "too big", Errors: []string{"too big", "missing"}},
			`{"detail":[{"msg":"too big"},{"msg":"missing"}]}`},
		{"FastAPI: the message alone", decode.Wire{Status: 422, Code: "validation_error", Message: "m"},
			`{"detail":[{"msg":"m"}]}`},
		{"a title recognises the code", decode.Wire{Status: 500, Code: "internal_error", Message: "whatever"},
			`{"error":"Internal server error"}`},
		{"a message that recognises the code is kept", decode.Wire{Status: 400, Code: "missing_param", Message: "Missing: brand"},
			`{"error":"Missing: brand"}`},
		{"else the pattern, filled", decode.Wire{Status: 400, Code: "missing_param", Message: "x", Captures: map[string]string{"param": "q"}},
			`{"error":"Missing: q"}`},
		{"an empty capture is ?", decode.Wire{Status: 400, Code: "missing_param"},
			`{"error":"Missing: ?"}`},
		{"by status, in the shape the spec names", decode.Wire{Status: 404, Code: "not_found", Message: "Nothing <here>"},
			`{"meta":{"code":""},"ok":"","text":"Nothing \u003chere\u003e"}`},
		{"sent in the shape the spec names, require filled in", decode.Wire{Status: 409, Code: "conflict", Message: "m"},
			`{"meta":{"code":"conflict"},"ok":"","text":"m"}`},
	} {
		resp := s.Encode(tt.w)
		if string(resp.Body) != tt.want {
			t.Errorf("%s: body %s, want %s", tt.name, resp.Body, tt.want)
		}
		r := s.Decode(resp.Status, resp.Header, resp.Body, now)
		if r.Code != tt.w.Code {
			t.Errorf("%s: decodes to %q, want %q", tt.name, r.Code, tt.w.Code)
		}
	}

	// With no shape, a code known by its status is written as plain text.
	f, err = spec.Parse("spec/t.toml", []byte(strings.Replace(wireSpec[:strings.Index(wireSpec, "[[shapes]]")], `"W"`, `"T"`, 1)+`
[[errors]]
code = "not_found"
status = 404
summary = "S."
remedy = "R."
by_status = true
`))
	if err != nil {
		t.Fatal(err)
	}
	resp := f.Schema.Encode(decode.Wire{Status: 404, Code: "not_found", Message: "Nothing <here>"})
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") || string(resp.Body) != "Nothing <here>" {
		t.Errorf("plain text: Content-Type %q, body %q", ct, resp.Body)
	}
	if r := f.Schema.Decode(404, resp.Header, resp.Body, now); r.Code != "not_found" || r.Message != "Nothing <here>" {
		t.Errorf("plain text decodes to %q, %q", r.Code, r.Message)
	}
}

func zero() float64 { return 0 }

// wireSpec has codes of every wire form.
const wireSpec = `
[api]
name = "W"
package = "w"
sources = ["test"]
description = "W."

[[shapes]]
name = "minimal"
require = ["error"]
message = "error"

[[shapes]]
name = "fastapi"
require = ["detail"]
message = "detail.0.msg"
errors = "detail.*.msg"

[[shapes]]
name = "meta"
require = ["ok", "meta.code"]
code = "meta.code"
message = "text"

[[errors]]
code = "validation_error"
status = 422
summary = "S."
remedy = "R."
by_status = true
sent = false
shape = "fastapi"

[[errors]]
code = "internal_error"
status = 500
summary = "S."
remedy = "R."
titles = ["Internal server error"]
sent = false

[[errors]]
code = "missing_param"
status = 400
summary = "S."
remedy = "R."
patterns = ["Missing: {param}"]
sent = false

[[errors]]
code = "not_found"
status = 404
summary = "S."
remedy = "R."
by_status = true
sent = false
shape = "meta"

[[errors]]
code = "conflict"
status = 409
summary = "S."
remedy = "R."
shape = "meta"
`

// TestFill checks that a filled pattern matches its pattern, giving back
// the captures.
func TestFill(t *testing.T) {
	p, _ := decode.ParsePattern("{a} is {b} (x{c})")
	msg := p.Fill(map[string]string{"a": "one", "c": "3"})
	if msg != "one is ? (x3)" {
		t.Errorf("Fill = %q", msg)
	}
	if caps, ok := p.Match(msg); !ok || !cmp.Equal(caps, []string{"one", "?", "3"}) {
		t.Errorf("Match(Fill) = %q, %v", caps, ok)
	}
}

// TestEncodeKeepsShape writes a code documented in two shapes: an error
// read in either is written back in it (SentIn, SuccessIn for a 200), one
// made by hand or read in a shape that cannot carry the code in its wire
// form, and one whose code is recognised rather than sent in its wire form
// without the code.
func TestEncodeKeepsShape(t *testing.T) {
	f, err := spec.Parse("two.toml", []byte(`
[api]
name = "Two"
package = "two"
sources = ["a fictional API"]
description = "Two formats."

[[shapes]]
name = "odata"
summary = "odata"
require = ["error.code"]
code = "error.code"
message = "error.message"

[[shapes]]
name = "operation"
summary = "a failed operation, in a 200 response too"
success = true
when = { "status" = "failed" }
require = ["error.code"]
code = "error.code"
message = "error.message"

[[shapes]]
name = "list"
summary = "a list"
require = ["errors"]
code = "errors[0].code"
message = "errors[0].message"

[[shapes]]
name = "bare"
summary = "a message alone"
require = ["msg"]
message = "msg"

[[errors]]
code = "badRequest"
status = 400
titles = ["Bad."]
summary = "Bad request."
remedy = "Fix it."
`))
	if err != nil {
		t.Fatal(err)
	}
	s := f.Schema
	c := s.Code("badRequest")
	shape := map[string]*decode.Shape{}
	for _, sh := range s.Shapes {
		shape[sh.Name] = sh
	}
	names := func(shapes []*decode.Shape) []string {
		var out []string
		for _, sh := range shapes {
			out = append(out, sh.Name)
		}
		return out
	}
	if c.Wire != shape["odata"] || !c.Sent {
		t.Fatalf("wire form %v (sent %v), want odata, sent", c.Wire, c.Sent)
	}
	// At 400 the odata shape reads an operation body first; a 200 is an
	// error only in the success shape.
	if diff := cmp.Diff([]string{"list"}, names(c.SentIn)); diff != "" {
		t.Errorf("SentIn (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"operation"}, names(c.SuccessIn)); diff != "" {
		t.Errorf("SuccessIn (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		status   int
		body     string
		want     string // the shape written
		inferred bool
	}{
		{400, `{"errors": [{"code": "badRequest", "message": "m"}]}`, "list", false},
		{400, `{"error": {"code": "badRequest", "message": "m"}}`, "odata", false},
		{200, `{"status": "failed", "error": {"code": "badRequest", "message": "m"}}`, "operation", false},
		{400, `{"msg": "Bad."}`, "odata", true}, // recognised: written without the code, in the wire form
	} {
		r := s.Decode(tt.status, http.Header{}, []byte(tt.body), now)
		if r.Known != c || r.By.Sent() == tt.inferred {
			t.Fatalf("%s: decodes to %q (sent %v)", tt.body, r.Code, r.By.Sent())
		}
		resp, back := s.Rewrite(tt.status, http.Header{}, r, now)
		if resp.Shape == nil || resp.Shape.Name != tt.want {
			t.Errorf("%s: written in %v (%s), want shape %q", tt.body, resp.Shape, resp.Body, tt.want)
		}
		if lost := decode.Lost(r, back); lost != "" {
			t.Errorf("%s: written as %s: %s", tt.body, resp.Body, lost)
		}
	}
	// By hand (no shape), or in a shape the code cannot be sent in.
	for _, sh := range []*decode.Shape{nil, shape["bare"]} {
		resp := s.Encode(decode.Wire{Status: 400, Code: "badRequest", Shape: sh})
		if resp.Shape != c.Wire {
			t.Errorf("read in %v: written in %v, want the wire form", sh, resp.Shape)
		}
	}
	// In the list shape with a 200: not a success shape, so the wire form.
	if resp := s.Encode(decode.Wire{Status: 200, Code: "badRequest", Shape: shape["list"]}); resp.Shape != c.Wire {
		t.Errorf("200 read in list: written in %v, want the wire form", resp.Shape)
	}
}

// TestEncodeItemsRoundTrip writes back bodies whose items carry what a
// later path reads (found by review): an empty detail message among the
// items, a required member whose value is zero, and a code inside the
// items spelled otherwise than documented. Each reads back the same.
func TestEncodeItemsRoundTrip(t *testing.T) {
	f, err := spec.Parse("items.toml", []byte(`
[api]
name = "Items"
package = "items"
sources = ["a fictional API"]
description = "Lists."
case_insensitive_codes = true

[[types]]
name = "item"
summary = "An item."

[[types.fields]]
name = "code"
type = "string"
summary = "Its code."

[[types.fields]]
name = "msg"
type = "string"
summary = "Its message."

[[types.fields]]
name = "line"
type = "int"
summary = "Its line."

[[shapes]]
name = "list"
summary = "an array"
array = true
require = ["[0].line"]
code = "[0].code"
message = "[0].msg"
errors = "*.msg"
items = "*"
item_type = "item"

[[shapes]]
name = "validation"
summary = "an object"
require = ["detail"]
message = "detail.0.msg"
errors = "detail.*.msg"
items = "detail"
item_type = "item"

[[errors]]
code = "bad"
status = 400
summary = "Bad."
remedy = "Fix."
`))
	if err != nil {
		t.Fatal(err)
	}
	s := f.Schema
	for _, body := range []string{
		`{"detail": [{"line": 1, "msg": ""}, {"line": 2, "msg": "x"}]}`,
		`[{"code": "bad", "msg": "", "line": 0}, {"msg": ""}]`,
		`[{"code": "BAD", "msg": "m", "line": 0}]`,
	} {
		r := s.Decode(400, http.Header{}, []byte(body), now)
		resp, back := s.Rewrite(400, http.Header{}, r, now)
		if lost := decode.Lost(r, back); lost != "" {
			t.Errorf("%s: written as %s: %s", body, resp.Body, lost)
		}
	}
}

// TestEncodeRequiredNilMember writes back an item whose member a require
// path names is nil (helper-20): it is written as absent, and the require
// path filled, so the shape still applies (encoding/json's null would not
// count as present).
func TestEncodeRequiredNilMember(t *testing.T) {
	f, err := spec.Parse("tags.toml", []byte(`
[api]
name = "Tags"
package = "tags"
sources = ["a fictional API"]
description = "Tags."

[[types]]
name = "item"
summary = "An item."

[[types.fields]]
name = "code"
type = "string"
summary = "Its code."

[[types.fields]]
name = "tags"
type = "[]string"
summary = "Its tags."

[[shapes]]
name = "s"
summary = "s"
require = ["errors.0.tags"]
code = "errors.0.code"
items = "errors"
item_type = "item"

[[errors]]
code = "bad"
status = 400
summary = "Bad."
remedy = "Fix."
`))
	if err != nil {
		t.Fatal(err)
	}
	s := f.Schema
	body := `{"errors": [{"code": "bad", "tags": "x"}]}`
	r := s.Decode(400, http.Header{}, []byte(body), now)
	resp, back := s.Rewrite(400, http.Header{}, r, now)
	if back.Code != "bad" || back.Shape == nil {
		t.Errorf("%s: written as %s, reads back as code %q in shape %v", body, resp.Body, back.Code, back.Shape)
	}
}

// TestSpecificCodesNeedCode: a shape holds a code only when its code path
// does; a documented specific code alone does not make it win (helper-20).
func TestSpecificCodesNeedCode(t *testing.T) {
	f, err := spec.Parse("spec.toml", []byte(`
[api]
name = "Spec"
package = "spec"
sources = ["a fictional API"]
description = "Specific codes."

[[shapes]]
name = "a"
summary = "a"
require = ["error"]
code = "error.code"
specific_codes = ["error.inner.code"]

[[shapes]]
name = "b"
summary = "b"
require = ["error"]
code = "error.type"

[[errors]]
code = "badRequest"
status = 400
summary = "Bad."
remedy = "Fix."

[[errors]]
code = "invalidRange"
status = 416
summary = "Range."
remedy = "Fix."
`))
	if err != nil {
		t.Fatal(err)
	}
	for body, want := range map[string]string{
		`{"error": {"type": "badRequest", "inner": {"code": "invalidRange"}}}`:                         "badRequest",
		`{"error": {"code": "general", "type": "x", "inner": {"code": "invalidRange"}}}`:               "invalidRange",
		`{"error": {"code": "general", "inner": {"code": "undocumented"}}}`:                            "general",
		`{"error": {"code": "invalidrange", "inner": {"code": "badRequest", "inner": {"code": "x"}}}}`: "badRequest",
	} {
		if r := f.Schema.Decode(400, http.Header{}, []byte(body), now); r.Code != want {
			t.Errorf("%s: code %q, want %q", body, r.Code, want)
		}
	}
}

// TestRoundTripFromDocument holds the shortcut the wires are resolved with
// (decodeWritten) to Decode: every code of every spec, and codes no spec
// documents, written alone, with a message, a request id, detail messages
// and captures, with and without a status, decode the same from the
// document Encode marshalled as from the body it wrote.
func TestRoundTripFromDocument(t *testing.T) {
	plain := 0
	for _, f := range allSpecs(t) {
		s := f.Schema
		codes := []string{"", decode.Undocumented, "0", "-12", "x\xffy"}
		for _, c := range s.Codes {
			codes = append(codes, c.Value)
		}
		for _, code := range codes {
			for _, w := range roundTripWires(code) {
				fromDoc, fromBody, ok := s.RoundTrips(w)
				if ok {
					plain++
				}
				if !reflect.DeepEqual(fromDoc, fromBody) {
					t.Errorf("%s: %+v decodes from its document as\n%+v\nand from its body as\n%+v", f.Path, w, fromDoc, fromBody)
				}
			}
		}
	}
	if plain == 0 {
		t.Error("no response was decoded from its document")
	}
}

// roundTripWires are the wires TestRoundTripFromDocument and
// FuzzRoundTripFromDocument write for a code.
func roundTripWires(code string) []decode.Wire {
	return []decode.Wire{
		{Code: code},
		{Status: 429, Code: code},
		{Status: 200, Code: code, Message: "ok"},
		{Status: 503, Code: code, Message: "Something failed.", RequestID: "req_1", Errors: []string{"a", "b"}, Captures: map[string]string{"id": "x"}},
		{Status: 400, Code: code, Message: "bad \xff byte", Detail: "d", Family: "f", Inferred: true},
	}
}

// FuzzRoundTripFromDocument is TestRoundTripFromDocument with any code and
// message.
func FuzzRoundTripFromDocument(f *testing.F) {
	specs := allSpecs(f)
	f.Add(0, "invalid_api_key", "Invalid API key.", 401)
	f.Add(1, "42", "", 200)
	f.Add(2, "x\xff", "\u2028<b>", 500)
	f.Fuzz(func(t *testing.T, k int, code, message string, status int) {
		s := specs[uint(k)%uint(len(specs))].Schema
		for _, w := range roundTripWires(code) {
			w.Message += message
			if status != 0 {
				w.Status = status
			}
			fromDoc, fromBody, _ := s.RoundTrips(w)
			if !reflect.DeepEqual(fromDoc, fromBody) {
				t.Errorf("%+v decodes from its document as\n%+v\nand from its body as\n%+v", w, fromDoc, fromBody)
			}
		}
	})
}

// FuzzValidNumber holds validNumber to encoding/json's grammar of numbers.
func FuzzValidNumber(f *testing.F) {
	for _, s := range []string{"0", "-0", "01", "1.", ".5", "1e5", "1E+5", "-1.5e-3", "", "-", "1e", "0x1", " 1", "1 ", "+1", "1.5.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := json.Valid([]byte(s)) && s != "" && (s[0] == '-' || '0' <= s[0] && s[0] <= '9') && strings.TrimSpace(s) == s
		if got := decode.ValidNumber(s); got != want {
			t.Errorf("validNumber(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestLost checks each fact Lost compares, in its order, and that empty
// lists equal none.
func TestLost(t *testing.T) {
	base := decode.Result{Error: true, Code: "c", By: decode.Body, Message: "m", RequestID: "r", Errors: []string{"a"}}
	for _, c := range []struct {
		change func(*decode.Result)
		want   string
	}{
		{func(r *decode.Result) {}, ""},
		{func(r *decode.Result) { r.Errors = nil; r.Captures = []string{} }, `the detail messages ["a"] reads back as []`},
		{func(r *decode.Result) { r.Error = false }, "what is written does not decode as an error (a 2xx status outside the success shapes)"},
		{func(r *decode.Result) { r.Code, r.Message = "d", "n" }, `the code "c" reads back as "d"`},
		{func(r *decode.Result) { r.By = decode.Status }, "whether the code is sent true reads back as false"},
		{func(r *decode.Result) { r.Message = "n" }, `the message "m" reads back as "n"`},
		{func(r *decode.Result) { r.Detail = "x" }, `the detail "" reads back as "x"`},
		{func(r *decode.Result) { r.Family = "x" }, `the family "" reads back as "x"`},
		{func(r *decode.Result) { r.RequestID = "" }, `the request id "r" reads back as ""`},
		{func(r *decode.Result) { r.Errors = []string{"a", "b"} }, `the detail messages ["a"] reads back as ["a" "b"]`},
		{func(r *decode.Result) { r.Captures = []string{"x"} }, `the captures [] reads back as ["x"]`},
		{func(r *decode.Result) { r.Items = []any{map[string]any{"k": "v"}} }, `the items null reads back as [{"k":"v"}]`},
		{func(r *decode.Result) { r.Retryable = true }, "whether to retry false reads back as true"},
		{func(r *decode.Result) { r.RetryAfter = time.Second }, "the retry delay 0s reads back as 1s"},
		{func(r *decode.Result) { r.HasRetryAfter = true }, "whether there is a retry delay false reads back as true"},
	} {
		b := base
		c.change(&b)
		if got := decode.Lost(base, b); got != c.want {
			t.Errorf("Lost = %q, want %q", got, c.want)
		}
	}
	f := &decode.Field{Name: "limit"}
	a := base
	a.Fields = []decode.FieldValue{{Field: f, Value: int64(1), Present: true}}
	b := base
	b.Fields = []decode.FieldValue{{Field: f, Value: int64(2), Present: true}}
	if got, want := decode.Lost(a, b), `field "limit" 1 reads back as 2`; got != want {
		t.Errorf("Lost = %q, want %q", got, want)
	}
}

// TestRoundTripDeepDocument: a shape's path may nest the code deeper than
// encoding/json reads (10,000 levels); the round trip must then read the
// body as Decode does, not the document (found by review: the loader
// accepted such a spec, whose package failed its own tests).
func TestRoundTripDeepDocument(t *testing.T) {
	for _, depth := range []int{10000} {
		src := fmt.Sprintf(`[api]
name = "Mini"
package = "mini"
sources = ["x"]
description = "Mini."

[[shapes]]
name = "nested"
summary = "s"
code = "%s.code"
message = "message"

[[errors]]
code = "bad_request"
status = 400
summary = "The request is malformed."
remedy = "Fix the request."
`, strings.Repeat("e.", depth-1)+"e")
		f, _ := spec.ParsePartial("spec/deep.toml", []byte(src))
		if f == nil || f.Schema == nil {
			t.Fatalf("depth %d: no schema", depth)
		}
		fromDoc, fromBody, _ := f.Schema.RoundTrips(decode.Wire{Status: 400, Code: "bad_request"})
		if !reflect.DeepEqual(fromDoc, fromBody) {
			t.Errorf("depth %d: decodes from its document as code %q (shape %v), from its body as %q (shape %v)", depth, fromDoc.Code, fromDoc.Shape, fromBody.Code, fromBody.Shape)
		}
	}
}
