package decode

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// decodeJSONRef is what DecodeJSON must equal: a json.Decoder with
// UseNumber, on data that json.Valid accepts.
func decodeJSONRef(data []byte) (any, bool) {
	if !json.Valid(data) {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil, false
	}
	return v, true
}

func TestDecodeJSON(t *testing.T) {
	for _, tc := range []struct {
		in     string
		number bool
	}{
		{`{"a": "b"}`, false},
		{`{"a": "-1", "b": ["2"]}`, false},
		{`{"a": -1}`, true},
		{`[1.5e3]`, true},
		{`"\"1"`, false},
		{`["a\\", 1]`, true},
		{`["a\"", "1"]`, false},
		{`{"a": true, "b": null}`, false},
		{`{"a": "b"} x`, false},
		{`{"a": 1} x`, true},
		{`{"a": 12345678901234567890}`, true},
		{``, false},
	} {
		if got := hasNumber([]byte(tc.in)); got != tc.number {
			t.Errorf("hasNumber(%s) = %v, want %v", tc.in, got, tc.number)
		}
		checkDecodeJSON(t, []byte(tc.in))
	}
}

func checkDecodeJSON(t *testing.T, data []byte) {
	t.Helper()
	got, err := DecodeJSON(data)
	want, ok := decodeJSONRef(data)
	if (err == nil) != ok {
		t.Fatalf("DecodeJSON(%q) error = %v, want an error: %v", data, err, !ok)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DecodeJSON(%q) = %#v, want %#v", data, got, want)
	}
}

// FuzzDecodeJSON holds DecodeJSON, whose shortcut skips the Decoder for
// values without numbers, to a Decoder with UseNumber.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{"error": {"code": "x", "n": 1}}`, `["\"", -0.5]`, `{"a": "\u00e9\\"}`, `nul`, `[1] [2]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkDecodeJSON(t, data) })
}
