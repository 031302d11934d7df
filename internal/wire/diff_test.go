package wire

// Differential tests: wire.go against encoding/json on tricky bodies, and
// the fuzz targets that extend the same comparisons to generated input.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// corpus holds bodies that are hard to read right.
var corpus = []string{
	``,
	`{}`,
	`[]`,
	`null`,
	`"error"`,
	`{"error": {"code": "insufficient_credits", "message": "Not enough credits.", "requestId": "req_01HZ…"}}`,
	`{"error":{"code":"a","message":"m"},"error":{"code":"b"}}`,
	`{"error":{"code":"a"},"error":null}`,
	`{"error":null,"error":{"code":"late"}}`,
	`{"error":{"code":"a","code":"b","code":7}}`,
	`{"error":{"code":"a","code":""}}`,
	`{"\u0065rror":{"\u0063ode":"esc\u0061ped"}}`,
	`{"error":{"code":"\ud83d\ude00","message":"\ud83d","requestId":"\ude00\ud83d"}}`,
	`{"error":{"code":"\ud800\u0041","message":"\udbff\udfff"}}`,
	`{"error":{"code":"\"\\\/\b\f\n\r\t","message":"a\\"}}`,
	"{\"error\":{\"code\":\"\xff\",\"message\":\"\xc3\",\"requestId\":\"\xed\xa0\x80\"}}",
	"{\"err\xffor\":{\"code\":\"x\"},\"err\uFFFDor\":{\"code\":\"y\"}}",
	"{\"error\":{\"code\":\"\uFFFD\",\"message\":\"\xef\xbf\xbd\"}}",
	" \t\r\n{ \"error\" : { \"code\" : \"ws\" , \"message\" : \"m\" } } \n",
	`{"error":{"code":"c"}} x`,
	`{"error":{"code":"c"}`,
	`{"error":{"code":"c",}}`,
	`{"error":{"code":1,"message":2,"requestId":3}}`,
	`{"error":{"code":true,"message":false,"requestId":null}}`,
	`{"error":{"code":["a"],"message":{"m":1}}}`,
	`{"error":"title","errors":["a",1,null,"b",["c"],{"d":"e"}]}`,
	`{"error":"title","errors":"not a list"}`,
	`{"error":"title","errors":[]}`,
	`{"error":"","errors":null}`,
	`{"error":["x"]}`,
	`{"detail":[{"loc":["body","q"],"msg":"field required","type":"missing"},{"msg":"second"}]}`,
	`{"detail":[[{"msg":"nested"}],{"msg":null},"x",{"msg":["a","b"]}]}`,
	`{"detail":{"0":{"msg":"object with key 0"}}}`,
	`{"detail":[]}`,
	`{"code":"top","message":"flat","retry_after":3}`,
	`{"code":"top","code":null}`,
	`{"error":{"code":"c","n":[1,-0,0.5,1e3,1E-3,-1.5e+10,123456789012345678901234567890]}}`,
	`{"a":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]],"code":"deep"}`,
	`{"a":"}]\"{[","code":"tricky\\"}`,
	`{"a":"\\\\\"","code":"c"}`,
	`{"error":{"code":"c","message":"m"}}{}`,
	`{"error":{"code":"c"},}`,
	`{"error":{"code":"c"} "x":1}`,
	`{"error":{"code":"c"},"x":01}`,
	`{"error":{"code":"c"},"x":1.}`,
	`{"error":{"code":"c"},"x":tru}`,
	`{"error":{"code":"c"},"x":"\u12"}`,
	`{"error":{"code":"c"},"x":"` + "\x01" + `"}`,
	`{"error":{"code":"c\u0000d","message":"nul"}}`,
	`{"Error":{"Code":"case"}}`,
	`{"error":{"code":"c","fields":{"retry":1,"retry":2}},"message":"outer"}`,
}

// testShapes cover every kind of path: required, indexed, starred, nil.
var testShapes = []shape{
	nested,
	{
		require: [][]string{{"detail"}},
		message: []string{"detail", "0", "msg"},
		errors:  []string{"detail", "*", "msg"},
		fields:  []string{"detail", "0"},
	},
	title,
	{
		require:   [][]string{{"code"}, {"message"}},
		code:      []string{"code"},
		message:   []string{"message"},
		requestID: []string{"request_id"},
	},
	{
		code:    []string{"error", "fields", "code"},
		message: []string{"error", "message"},
		errors:  []string{"a"},
	},
}

// refEnvelope is readEnvelope written with encoding/json: the body decoded
// into any (with UseNumber), then the paths walked through maps and slices.
func refEnvelope(body string, shapes []shape) (env envelope, ok bool, fields any) {
	env.shape = -1
	if !json.Valid([]byte(body)) {
		return env, false, nil
	}
	d := json.NewDecoder(strings.NewReader(body))
	d.UseNumber()
	var root any
	if err := d.Decode(&root); err != nil {
		panic(fmt.Sprintf("json.Valid accepted %q, but: %v", body, err))
	}
	if _, isObject := root.(map[string]any); !isObject {
		return env, false, nil
	}
	first := -1
	for k, sh := range shapes {
		applies := true
		for _, path := range sh.require {
			if v, found := refFind(root, path); !found || v == nil {
				applies = false
			}
		}
		if !applies {
			continue
		}
		if first < 0 {
			first = k
		}
		if code := refString(root, sh.code); code != "" {
			env.shape, env.code = k, code
			break
		}
	}
	if env.shape < 0 {
		env.shape = first
	}
	if env.shape < 0 {
		return env, true, nil
	}
	sh := shapes[env.shape]
	env.message = refString(root, sh.message)
	env.requestID = refString(root, sh.requestID)
	env.errors = refStrings(root, sh.errors)
	if v, found := refFind(root, sh.fields); found {
		if m, isObject := v.(map[string]any); isObject {
			fields = m
		}
	}
	return env, true, fields
}

func refFind(v any, path []string) (any, bool) {
	for _, seg := range path {
		switch c := v.(type) {
		case map[string]any:
			var found bool
			if v, found = c[seg]; !found {
				return nil, false
			}
		case []any:
			n, err := strconv.Atoi(seg)
			if err != nil || strconv.Itoa(n) != seg || n < 0 || n >= len(c) {
				return nil, false
			}
			v = c[n]
		default:
			return nil, false
		}
	}
	return v, true
}

func refString(root any, path []string) string {
	v, _ := refFind(root, path)
	s, _ := v.(string)
	return s
}

func refStrings(root any, path []string) []string {
	var out []string
	var walk func(v any, path []string)
	walk = func(v any, path []string) {
		for k, seg := range path {
			if seg == "*" {
				if list, isList := v.([]any); isList {
					for _, e := range list {
						walk(e, path[k+1:])
					}
				}
				return
			}
			var found bool
			if v, found = refFind(v, []string{seg}); !found {
				return
			}
		}
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, e := range v {
				if s, isString := e.(string); isString {
					out = append(out, s)
				}
			}
		}
	}
	walk(root, path)
	return out
}

// checkEnvelope compares readEnvelope with refEnvelope on body.
func checkEnvelope(t *testing.T, body string, shapes []shape) {
	t.Helper()
	got, ok := readEnvelope(body, shapes)
	want, wantOK, wantFields := refEnvelope(body, shapes)
	var gotFields any
	if got.fields != "" {
		if !strings.Contains(body, got.fields) {
			t.Fatalf("body %q: fields %q are not part of the body", body, got.fields)
		}
		d := json.NewDecoder(strings.NewReader(got.fields))
		d.UseNumber()
		if err := d.Decode(&gotFields); err != nil {
			t.Fatalf("body %q: fields %q: %v", body, got.fields, err)
		}
	}
	fieldsText := got.fields
	got.fields = ""
	if ok != wantOK || !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotFields, wantFields) {
		t.Fatalf("body %q:\nreadEnvelope: %+v %v fields %s\nencoding/json: %+v %v fields %v",
			body, got, ok, fieldsText, want, wantOK, wantFields)
	}
}

func TestReadEnvelopeCorpus(t *testing.T) {
	for _, body := range corpus {
		checkEnvelope(t, body, testShapes)
		// Every shape alone, so that later shapes are exercised too.
		for k := range testShapes {
			checkEnvelope(t, body, testShapes[k:k+1])
		}
	}
}

func TestValidJSONCorpus(t *testing.T) {
	for _, body := range append(corpus, valueCorpus...) {
		for n := 0; n <= len(body); n++ {
			if got, want := validJSON(body[:n]), json.Valid([]byte(body[:n])); got != want {
				t.Errorf("validJSON(%q) = %v, json.Valid says %v", body[:n], got, want)
			}
		}
	}
}

// valueCorpus holds JSON values to read as fields.
var valueCorpus = []string{
	`"plain"`, `""`, `"caf\u00e9"`, `"\ud83d\ude00"`, `"\ud83d"`, `"\udc00\ud800"`, `"a\"b"`, `"\\"`,
	"\"\xff\"", "\"\xe2\x82\xac\"", "\"\xe2\x82\"", `"\u0000"`, `"/\/"`,
	`0`, `-0`, `7`, `-7`, `7.0`, `1e2`, `1E2`, `-1.5e-3`, `0.1`, `9223372036854775807`,
	`9223372036854775808`, `-9223372036854775808`, `-9223372036854775809`, `1e400`, `-1e400`, `1e-400`,
	`4.9e-324`, `2.2250738585072014e-308`, `1.7976931348623157e308`, `1.7976931348623159e308`,
	`123456789012345678901234567890`, `0.000000000000000000000000000001`,
	`true`, `false`, `null`,
	`[]`, `[ ]`, `["a","b"]`, `["a",null]`, `[null]`, `["a",1]`, `[1,"a"]`, `[1,2,3]`, `[1,null,-2]`,
	`[1.5]`, `[1e2]`, `[9223372036854775808]`, `[true]`, `[[1]]`, `[{"a":1}]`, `["\u00e9","\ud800"]`,
	`{}`, `{"a":1}`,
}

// refField reads key from obj the way the generated code's contract says:
// json.Unmarshal into map[string]json.RawMessage, then into the target.
func refField(obj, key string, target any) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal([]byte(obj), &m) != nil {
		return false
	}
	raw, found := m[key]
	if !found || string(bytes.TrimSpace(raw)) == "null" {
		return false
	}
	return json.Unmarshal(raw, target) == nil
}

func refAll(obj, key string) [6]any {
	var r [6]any
	var s string
	if refField(obj, key, &s) {
		r[0] = s
	}
	var i int64
	if refField(obj, key, &i) {
		r[1] = i
	}
	var f float64
	if refField(obj, key, &f) {
		r[2] = f
	}
	var b bool
	if refField(obj, key, &b) {
		r[3] = b
	}
	var ss []string
	if refField(obj, key, &ss) {
		r[4] = ss
	}
	var is []int64
	if refField(obj, key, &is) {
		r[5] = is
	}
	return r
}

// checkFields compares the field readers with encoding/json on obj, which
// must be valid JSON; on other text it only checks they do not panic.
func checkFields(t *testing.T, obj, key string) {
	t.Helper()
	got := readAll(obj, key)
	if !json.Valid([]byte(obj)) {
		return
	}
	if want := refAll(obj, key); !sameResults(got, want) {
		t.Fatalf("fields of %q, key %q:\nwire:          %#v\nencoding/json: %#v", obj, key, got, want)
	}
}

func TestFieldsCorpus(t *testing.T) {
	for _, v := range valueCorpus {
		checkFields(t, `{"k":`+v+`}`, "k")
		checkFields(t, `{"k": "shadowed", "k" : `+v+` , "x": 1}`, "k")
		checkFields(t, `{"k":`+v+`,"k":null}`, "k")
		checkFields(t, v, "k")
	}
	for _, body := range corpus {
		for _, key := range []string{"code", "error", "a", "x", "errors", "detail"} {
			checkFields(t, body, key)
		}
	}
}

// refPattern matches s with the regular expression that a pattern means:
// literals quoted, each placeholder a lazy (.+?), anchored at both ends.
func refPattern(s string, lits []string) ([]string, bool) {
	expr := "(?s)^" + regexp.QuoteMeta(lits[0])
	for _, lit := range lits[1:] {
		expr += "(.+?)" + regexp.QuoteMeta(lit)
	}
	m := regexp.MustCompile(expr + "$").FindStringSubmatch(s)
	if m == nil {
		return nil, false
	}
	return m[1:], true
}

func TestMatchPatternRegexp(t *testing.T) {
	patterns := [][]string{
		{"Missing required parameter: ", ""},
		{"", ": ", ""},
		{"", "-", "-end"},
		{"a", "b", "c"},
		{"", "ab", "b", ""},
		{"x", "", ""},
		{"", ""},
	}
	inputs := []string{"", "a", "ab", "abc", "aabbcc", "abbc", "abbbbc", "a-b-c-end", "1-2-3-end", "x: y: z",
		"Missing required parameter: q", "Missing required parameter: ", "xabbab", "abab", "ééé-é-end"}
	for _, lits := range patterns {
		for _, s := range inputs {
			got, ok := matchPattern(s, lits)
			want, wantOK := refPattern(s, lits)
			if ok != wantOK || ok && !reflect.DeepEqual(got, want) {
				t.Errorf("matchPattern(%q, %q) = %q, %v; regexp says %q, %v", s, lits, got, ok, want, wantOK)
			}
		}
	}
}

func FuzzValidJSON(f *testing.F) {
	for _, s := range append(corpus, valueCorpus...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := validJSON(s), json.Valid([]byte(s)); got != want {
			t.Fatalf("validJSON(%q) = %v, json.Valid says %v", s, got, want)
		}
	})
}

func FuzzReadEnvelope(f *testing.F) {
	for _, s := range corpus {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		checkEnvelope(t, body, testShapes)
	})
}

func FuzzFields(f *testing.F) {
	for _, v := range valueCorpus {
		f.Add(v, "k")
	}
	for _, s := range corpus {
		f.Add(s, "code")
	}
	f.Fuzz(func(t *testing.T, text, key string) {
		checkFields(t, text, key)
		checkFields(t, `{"k":`+text+`}`, "k")
	})
}

func FuzzMatchPattern(f *testing.F) {
	f.Add("Missing required parameter: q", "Missing required parameter: {}")
	f.Add("1-2-3-end", "{}-{}-end")
	f.Add("abbbbc", "a{}b{}c")
	f.Fuzz(func(t *testing.T, s, pattern string) {
		// "{}" marks a placeholder; adjacent placeholders are not patterns.
		lits := strings.Split(pattern, "{}")
		for k := 1; k < len(lits)-1; k++ {
			if lits[k] == "" {
				return
			}
		}
		if !utf8.ValidString(s) || !utf8.ValidString(pattern) {
			return
		}
		got, ok := matchPattern(s, lits)
		want, wantOK := refPattern(s, lits)
		if ok != wantOK || ok && !reflect.DeepEqual(got, want) {
			t.Fatalf("matchPattern(%q, %q) = %q, %v; regexp says %q, %v", s, lits, got, ok, want, wantOK)
		}
	})
}

// TestReadEnvelopeLarge compares with encoding/json on big and deeply
// nested bodies: none may panic, recurse on the input or differ.
func TestReadEnvelopeLarge(t *testing.T) {
	n := 1 << 14
	bodies := []string{
		`{"error":` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `}`,
		`{"error":` + strings.Repeat(`{"a":`, 5000) + "1" + strings.Repeat("}", 5000) + `}`,
		`{"error":` + strings.Repeat("[", 5000),
		`{"errors":[` + strings.Repeat(`"x",`, n) + `"y"],"error":"t"}`,
		`{"detail":[` + strings.Repeat(`{"msg":"m","a":[1,2,{"b":null}]},`, n) + `{}]}`,
		`{` + strings.Repeat(`"error":1,`, n) + `"error":{"code":"c"}}`,
		`{"error":{"code":"` + strings.Repeat(`\\`, n) + `"}}`,
		`{"error":{"code":"` + strings.Repeat(`\"`, n) + `"}}`,
		`{"err\u006fr":{"code":"` + strings.Repeat(`\u00e9\ud83d\ude00`, n) + `"}}`,
		`{"error":{"code":"` + strings.Repeat("a", n),
	}
	for _, body := range bodies {
		checkEnvelope(t, body, testShapes)
	}
}
