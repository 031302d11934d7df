package wire

import (
	"bytes"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"
)

func TestSource(t *testing.T) {
	onDisk, err := os.ReadFile("wire.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(Source, onDisk) {
		t.Fatal("Source differs from wire.go")
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "wire.go", Source, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	if f.Doc != nil {
		t.Errorf("wire.go has a package comment; put it in doc.go")
	}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") || path == "unsafe" || path == "C" {
			t.Errorf("wire.go imports %q; only the standard library (without unsafe) may be used", path)
		}
	}
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Name.IsExported() {
				t.Errorf("wire.go exports %s", d.Name.Name)
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					if s.Name.IsExported() {
						t.Errorf("wire.go exports %s", s.Name.Name)
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.IsExported() {
							t.Errorf("wire.go exports %s", n.Name)
						}
					}
				}
			}
		}
	}
	// The generated packages may be built with Go 1.21.
	conf := types.Config{GoVersion: "go1.21", Importer: importer.Default()}
	if _, err := conf.Check("wire", fset, []*ast.File{f}, nil); err != nil {
		t.Errorf("wire.go does not type-check as Go 1.21: %v", err)
	}
}

func TestValidJSON(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{``, false},
		{` `, false},
		{`{}`, true},
		{` {} `, true},
		{"\t[\r\n]\n", true},
		{`{"a":1}`, true},
		{`{"a":1,}`, false},
		{`{"a" 1}`, false},
		{`{"a":}`, false},
		{`{1:1}`, false},
		{`{"a":1 "b":2}`, false},
		{`[1,2,]`, false},
		{`[,]`, false},
		{`[1 2]`, false},
		{`[}`, false},
		{`{]`, false},
		{`[[]]]`, false},
		{`[[]`, false},
		{`"abc"`, true},
		{`"abc`, false},
		{`"a\"b"`, true},
		{`"a\\"`, true},
		{`"a\\\"`, false},
		{`"\u00e9\uD83D\uDE00"`, true},
		{`"\u00g9"`, false},
		{`"\u00e"`, false},
		{`"\x"`, false},
		{"\"a\tb\"", false},
		{"\"\x7f\"", true},
		{"\"\xff\xfe\"", true},
		{"\xef\xbb\xbf{}", false},
		{`true`, true},
		{`tru`, false},
		{`truex`, false},
		{`false`, true},
		{`null`, true},
		{`nul`, false},
		{`NULL`, false},
		{`0`, true},
		{`-0`, true},
		{`01`, false},
		{`-`, false},
		{`+1`, false},
		{`1.`, false},
		{`.5`, false},
		{`1.5`, true},
		{`1e5`, true},
		{`1E+5`, true},
		{`1e-05`, true},
		{`1e`, false},
		{`1e+`, false},
		{`-1.5e-3`, true},
		{`1 2`, false},
		{`{} {}`, false},
		{`NaN`, false},
		{`Infinity`, false},
		{strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth), true},
		{strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1), false},
		{strings.Repeat(`{"a":`, maxDepth) + "1" + strings.Repeat("}", maxDepth), true},
		{strings.Repeat("[", maxDepth) + "[]" + strings.Repeat("]", maxDepth), false},
		{strings.Repeat("[", 5000), false},
	}
	for _, tt := range tests {
		if got := validJSON(tt.in); got != tt.want {
			t.Errorf("validJSON(%.40q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// nested is the envelope most APIs use.
var nested = shape{
	require:   [][]string{{"error", "code"}},
	code:      []string{"error", "code"},
	message:   []string{"error", "message"},
	requestID: []string{"error", "requestId"},
	fields:    []string{"error"},
}

// title is an envelope without a code.
var title = shape{
	require: [][]string{{"error"}},
	message: []string{"error"},
	errors:  []string{"errors", "*"},
}

func TestReadEnvelope(t *testing.T) {
	detail := shape{
		require: [][]string{{"detail"}},
		message: []string{"detail", "0", "msg"},
		errors:  []string{"detail", "*", "msg"},
	}
	flat := shape{
		code:    []string{"code"},
		message: []string{"message"},
	}
	tests := []struct {
		name   string
		body   string
		shapes []shape
		want   envelope
		ok     bool
	}{
		{"not JSON", `{"error":`, []shape{nested}, envelope{shape: -1}, false},
		{"not an object", `["error"]`, []shape{nested}, envelope{shape: -1}, false},
		{"string", `"error"`, []shape{nested}, envelope{shape: -1}, false},
		{"no shape applies", `{"message":"x"}`, []shape{nested, title}, envelope{shape: -1}, true},
		{"no shapes", `{}`, nil, envelope{shape: -1}, true},
		{
			"nested",
			`{"error": {"code": "insufficient_credits", "message": "Not enough credits.", "requestId": "req_1", "shortfall": 12}}`,
			[]shape{nested, title},
			envelope{shape: 0, code: "insufficient_credits", message: "Not enough credits.", requestID: "req_1",
				fields: `{"code": "insufficient_credits", "message": "Not enough credits.", "requestId": "req_1", "shortfall": 12}`},
			true,
		},
		{
			"title after nested",
			`{"error": "Missing required parameter: q", "errors": ["q is required", 7, null, "q must be set"]}`,
			[]shape{nested, title},
			envelope{shape: 1, message: "Missing required parameter: q", errors: []string{"q is required", "q must be set"},
				fields: `{"error": "Missing required parameter: q", "errors": ["q is required", 7, null, "q must be set"]}`},
			true,
		},
		{
			"require null",
			`{"error": {"code": null, "message": "m"}}`,
			[]shape{nested, title},
			envelope{shape: 1, fields: `{"error": {"code": null, "message": "m"}}`},
			true,
		},
		{
			"applies without code: first applying shape supplies data",
			`{"error": {"code": "", "message": "m", "requestId": "r"}}`,
			[]shape{nested, title},
			envelope{shape: 0, message: "m", requestID: "r", fields: `{"code": "", "message": "m", "requestId": "r"}`},
			true,
		},
		{
			"code of wrong type",
			`{"error": {"code": 42, "message": "m"}}`,
			[]shape{nested},
			envelope{shape: 0, message: "m", fields: `{"code": 42, "message": "m"}`},
			true,
		},
		{
			"later shape with a code wins over an earlier one without",
			`{"error": "oops", "code": "later"}`,
			[]shape{title, flat},
			envelope{shape: 1, code: "later", fields: `{"error": "oops", "code": "later"}`},
			true,
		},
		{
			"wrong types read as absent",
			`{"error": {"code": "c", "message": ["m"], "requestId": {"id": 1}}}`,
			[]shape{nested},
			envelope{shape: 0, code: "c", fields: `{"code": "c", "message": ["m"], "requestId": {"id": 1}}`},
			true,
		},
		{
			"fields not an object",
			`{"error": {"code": "c"}, "x": 1}`,
			[]shape{{code: []string{"error", "code"}, fields: []string{"x"}}},
			envelope{shape: 0, code: "c"},
			true,
		},
		{
			"top-level fields",
			" \n{\"code\": \"c\", \"retry\": 3} \n",
			[]shape{flat},
			envelope{shape: 0, code: "c", fields: `{"code": "c", "retry": 3}`},
			true,
		},
		{
			"duplicates: last wins, whole values",
			`{"error": {"code": "a", "message": "first"}, "error": {"code": "b"}}`,
			[]shape{nested},
			envelope{shape: 0, code: "b", fields: `{"code": "b"}`},
			true,
		},
		{
			"duplicate null hides the earlier value",
			`{"error": {"code": "a"}, "error": null}`,
			[]shape{nested},
			envelope{shape: -1},
			true,
		},
		{
			"escaped key and value",
			`{"\u0065rror": {"code": "a\u00e9\n", "message": "\ud83d\ude00 \ud800"}}`,
			[]shape{nested},
			envelope{shape: 0, code: "a\u00e9\n", message: "\U0001F600 \uFFFD",
				fields: `{"code": "a\u00e9\n", "message": "\ud83d\ude00 \ud800"}`},
			true,
		},
		{
			"invalid UTF-8",
			"{\"error\": {\"code\": \"a\xffb\", \"message\": \"\xe2\x82\"}}",
			[]shape{nested},
			envelope{shape: 0, code: "a\uFFFDb", message: "\uFFFD\uFFFD",
				fields: "{\"code\": \"a\xffb\", \"message\": \"\xe2\x82\"}"},
			true,
		},
		{
			"keys match exactly",
			`{"Error": {"Code": "c"}}`,
			[]shape{nested},
			envelope{shape: -1},
			true,
		},
		{
			"array index and star",
			`{"detail": [{"loc": ["body"], "msg": "field required"}, {"msg": 5}, {"msg": "too long"}, "x"]}`,
			[]shape{detail},
			envelope{shape: 0, message: "field required", errors: []string{"field required", "too long"},
				fields: `{"detail": [{"loc": ["body"], "msg": "field required"}, {"msg": 5}, {"msg": "too long"}, "x"]}`},
			true,
		},
		{
			"index out of range",
			`{"detail": []}`,
			[]shape{detail},
			envelope{shape: 0, fields: `{"detail": []}`},
			true,
		},
		{
			"errors path at a single string or an array",
			`{"e": "one", "l": ["two", "three"]}`,
			[]shape{{errors: []string{"e"}}, {errors: []string{"l"}}},
			envelope{shape: 0, errors: []string{"one"}, fields: `{"e": "one", "l": ["two", "three"]}`},
			true,
		},
		{
			"deep nesting elsewhere",
			`{"x": ` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `, "code": "c"}`,
			[]shape{flat},
			envelope{shape: 0, code: "c", fields: `{"x": ` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `, "code": "c"}`},
			true,
		},
		{
			"too deep",
			`{"x": ` + strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth) + `, "code": "c"}`,
			[]shape{flat},
			envelope{shape: -1},
			false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := readEnvelope(tt.body, tt.shapes)
			if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("readEnvelope(%.60q) =\n%+v, %v\nwant\n%+v, %v", tt.body, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestReadEnvelopeTruncated(t *testing.T) {
	body := `{"error": {"code": "c\u00e9", "message": "m", "list": [1, 2.5e3, true, null, {"a": [""]}]}}`
	shapes := []shape{nested, title}
	for n := 0; n < len(body); n++ {
		if env, ok := readEnvelope(body[:n], shapes); ok || env.shape != -1 {
			t.Errorf("readEnvelope(%q) = %+v, %v; want no shape, false", body[:n], env, ok)
		}
	}
}

func TestReadEnvelopeSubstrings(t *testing.T) {
	body := `{"error": {"code": "c", "message": "caf` + "\u00e9" + `", "requestId": "r"}}`
	env, ok := readEnvelope(body, []shape{nested})
	if !ok {
		t.Fatal("not ok")
	}
	for _, s := range []string{env.code, env.message, env.requestID, env.fields} {
		if !within(body, s) {
			t.Errorf("%q is a copy, want a substring of the body", s)
		}
	}
}

// within reports whether s shares memory with body.
func within(body, s string) bool {
	if s == "" {
		return true
	}
	b, p := uintptrOf(body), uintptrOf(s)
	return b <= p && p+uintptr(len(s)) <= b+uintptr(len(body))
}

func uintptrOf(s string) uintptr {
	return uintptr(unsafe.Pointer(unsafe.StringData(s)))
}

func TestReadEnvelopeAllocs(t *testing.T) {
	body := benchBody
	shapes := []shape{nested, title}
	allocs := testing.AllocsPerRun(100, func() {
		if env, ok := readEnvelope(body, shapes); !ok || env.code != "insufficient_credits" {
			t.Fatal("benchmark body not read")
		}
	})
	if allocs != 0 {
		t.Errorf("readEnvelope allocates %v times per call, want 0", allocs)
	}
}

func TestFields(t *testing.T) {
	obj := `{"s": "a\u00e9", "i": -42, "big": 9223372036854775807, "min": -9223372036854775808,
		"over": 9223372036854775808, "f": 2.5e-3, "fi": 7, "inf": 1e400, "neg0": -0, "b": true, "nb": false,
		"ss": ["x", null, "y"], "ssbad": ["x", 1], "is": [1, null, -3], "isbad": [1, 2.5], "empty": [],
		"n": null, "real": 7.0, "exp": 1e2, "dup": 1, "dup": "two", "o": {"s": "inner"}}`
	tests := []struct {
		key  string
		want [6]any // string, int, float, bool, strings, ints results (nil: absent)
	}{
		{"s", [6]any{"a\u00e9", nil, nil, nil, nil, nil}},
		{"i", [6]any{nil, int64(-42), float64(-42), nil, nil, nil}},
		{"big", [6]any{nil, int64(math.MaxInt64), float64(math.MaxInt64), nil, nil, nil}},
		{"min", [6]any{nil, int64(math.MinInt64), float64(math.MinInt64), nil, nil, nil}},
		{"over", [6]any{nil, nil, float64(9223372036854775808), nil, nil, nil}},
		{"f", [6]any{nil, nil, 2.5e-3, nil, nil, nil}},
		{"fi", [6]any{nil, int64(7), float64(7), nil, nil, nil}},
		{"inf", [6]any{nil, nil, nil, nil, nil, nil}},
		{"neg0", [6]any{nil, int64(0), math.Copysign(0, -1), nil, nil, nil}},
		{"b", [6]any{nil, nil, nil, true, nil, nil}},
		{"nb", [6]any{nil, nil, nil, false, nil, nil}},
		{"ss", [6]any{nil, nil, nil, nil, []string{"x", "", "y"}, nil}},
		{"ssbad", [6]any{nil, nil, nil, nil, nil, nil}},
		{"is", [6]any{nil, nil, nil, nil, nil, []int64{1, 0, -3}}},
		{"isbad", [6]any{nil, nil, nil, nil, nil, nil}},
		{"empty", [6]any{nil, nil, nil, nil, []string{}, []int64{}}},
		{"n", [6]any{nil, nil, nil, nil, nil, nil}},
		{"real", [6]any{nil, nil, 7.0, nil, nil, nil}},
		{"exp", [6]any{nil, nil, 100.0, nil, nil, nil}},
		{"dup", [6]any{"two", nil, nil, nil, nil, nil}},
		{"missing", [6]any{nil, nil, nil, nil, nil, nil}},
		{"o", [6]any{nil, nil, nil, nil, nil, nil}},
	}
	for _, tt := range tests {
		if got := readAll(obj, tt.key); !sameResults(got, tt.want) {
			t.Errorf("fields %q: got %#v, want %#v", tt.key, got, tt.want)
		}
	}
	for _, notObject := range []string{``, `[]`, `"s"`, `null`, `{`} {
		if got := readAll(notObject, "s"); !sameResults(got, [6]any{}) {
			t.Errorf("fields of %q: got %#v, want all absent", notObject, got)
		}
	}
}

// readAll returns every field reader's result for key in obj, nil where one
// reports false.
func readAll(obj, key string) [6]any {
	var r [6]any
	if v, ok := stringField(obj, key); ok {
		r[0] = v
	}
	if v, ok := intField(obj, key); ok {
		r[1] = v
	}
	if v, ok := floatField(obj, key); ok {
		r[2] = v
	}
	if v, ok := boolField(obj, key); ok {
		r[3] = v
	}
	if v, ok := stringsField(obj, key); ok {
		r[4] = v
	}
	if v, ok := intsField(obj, key); ok {
		r[5] = v
	}
	return r
}

// sameResults compares readAll results, floats bit for bit.
func sameResults(a, b [6]any) bool {
	fa, aok := a[2].(float64)
	fb, bok := b[2].(float64)
	if aok != bok || aok && math.Float64bits(fa) != math.Float64bits(fb) {
		return false
	}
	a[2], b[2] = nil, nil
	return reflect.DeepEqual(a, b)
}

func TestParseInt(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true},
		{"-0", 0, true},
		{"123", 123, true},
		{"-123", -123, true},
		{"9223372036854775807", math.MaxInt64, true},
		{"9223372036854775808", 0, false},
		{"-9223372036854775808", math.MinInt64, true},
		{"-9223372036854775809", 0, false},
		{"18446744073709551616", 0, false},
		{"99999999999999999999", 0, false},
		{"", 0, false},
		{"-", 0, false},
		{"1.0", 0, false},
		{"1e2", 0, false},
		{"true", 0, false},
	}
	for _, tt := range tests {
		if got, ok := parseInt(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("parseInt(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestMatchPattern(t *testing.T) {
	tests := []struct {
		s    string
		lits []string
		want []string // nil: no match
	}{
		{"Missing required parameter: q", []string{"Missing required parameter: ", ""}, []string{"q"}},
		{"Missing required parameter: ", []string{"Missing required parameter: ", ""}, nil},
		{"Missing required parameter", []string{"Missing required parameter: ", ""}, nil},
		{"exact", []string{"exact"}, []string{}},
		{"exact!", []string{"exact"}, nil},
		{"", []string{""}, []string{}},
		{"x", nil, nil},
		{"a: b: c", []string{"", ": ", ""}, []string{"a", "b: c"}},
		{"1-2-3-end", []string{"", "-", "-end"}, []string{"1", "2-3"}},
		{"x--y-z", []string{"", "-", "-", ""}, []string{"x", "-y", "z"}},
		{"Rate limit of 10 per 60s exceeded", []string{"Rate limit of ", " per ", "s exceeded"}, []string{"10", "60"}},
		{"Rate limit of 10 per s exceeded", []string{"Rate limit of ", " per ", "s exceeded"}, nil},
		{"ab", []string{"a", "b"}, nil},
		{"axb", []string{"a", "b"}, []string{"x"}},
		{"abb", []string{"a", "b"}, []string{"b"}},
		{"abbb", []string{"a", "b", ""}, []string{"b", "b"}},
		{"café au lait", []string{"caf", " au ", ""}, []string{"é", "lait"}},
		{"ab", []string{"", "", ""}, []string{"a", "b"}},
		{"éb", []string{"", "", ""}, []string{"é", "b"}},
	}
	for _, tt := range tests {
		got, ok := matchPattern(tt.s, tt.lits)
		if ok != (tt.want != nil) || ok && !reflect.DeepEqual(got, tt.want) {
			t.Errorf("matchPattern(%q, %q) = %q, %v; want %q", tt.s, tt.lits, got, ok, tt.want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("abcdefghij", 30)
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"  \n\t ", ""},
		{"<html>\n  <body>Bad Gateway</body>\r\n</html>\n", "<html> <body>Bad Gateway</body> </html>"},
		{"a\x00\x1bb", "a b"},
		{"bad \xff\xfe utf8", "bad \uFFFD\uFFFD utf8"},
		{"line\u2028sep", "line sep"},
		{long[:200], long[:200]},
		{long[:200] + "  \n", long[:200]},
		{long[:201], long[:200] + "…"},
		{long[:199] + " x", long[:199] + "…"},
		{long[:199] + "é", long[:199] + "…"},
		{long[:198] + "é", long[:198] + "é"},
	}
	for _, tt := range tests {
		if got := excerpt(tt.in); got != tt.want {
			t.Errorf("excerpt(%.40q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	huge := strings.Repeat("é \n", 1<<20)
	got := excerpt(huge)
	if !utf8.ValidString(got) || strings.ContainsAny(got, "\n\r\t") || len(got) > excerptMax+len("…") || !strings.HasSuffix(got, "…") {
		t.Errorf("excerpt of a huge body = %q", got)
	}
}
