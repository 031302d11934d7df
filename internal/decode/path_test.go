package decode

import (
	"strings"
	"testing"
)

// TestPathOffset checks the offset of the value a path reaches in a JSON
// document, which positions a problem with an example body's field.
func TestPathOffset(t *testing.T) {
	const doc = ` {"error": {"code" :  "a", "n": 5, "list": [1, {"x": true}, "z"], "0": "key", "a\u0062": null},
  "error": {"dup": 1}}`
	for _, tt := range []struct {
		path string
		want string // the document from the offset on, as much as is given; "" for none
	}{
		{"", `{"error"`},
		{"error", `{"code"`},
		{"error.code", `"a", "n"`},
		{"error.n", `5,`},
		{"error.list.0", `1,`},
		{"error.list.1", `{"x"`},
		{"error.list.1.x", `true}`},
		{"error.list.2", `"z"]`},
		{"error.list.3", ""},
		{"error.0", `"key"`},
		{"error.ab", `null}`},
		{"error.missing", ""},
		{"error.code.x", ""},
		{"error.list[x=1]", ""},
		{"error.list.*", ""},
	} {
		var p Path
		if tt.path != "" {
			var err error
			if p, err = ParsePath(tt.path); err != nil {
				t.Fatal(err)
			}
		}
		off, ok := p.Offset([]byte(doc))
		switch {
		case tt.want == "" && ok:
			t.Errorf("%q: offset %d (%.10q), want none", tt.path, off, doc[off:])
		case tt.want != "" && (!ok || !strings.HasPrefix(doc[off:], tt.want)):
			t.Errorf("%q: offset %d, %v, want the document at %q", tt.path, off, ok, tt.want)
		}
	}
	for _, bad := range []string{"", "{", `{"b": 1}`, "nul", `[1]`} {
		if _, ok := (Path{{Key: "a", Index: -1}}).Offset([]byte(bad)); ok {
			t.Errorf("Offset in %q found a value", bad)
		}
	}
}
