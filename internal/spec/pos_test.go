package spec

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// posDoc exercises the scanner: multi-line strings holding things that look
// like headers and keys, comments holding brackets, arrays over several
// lines, inline tables (one spanning lines, as TOML 1.1 allows), quoted
// keys and indentation.
const posDoc = `#:schema ./errgen.schema.json
# [[errors]] in a comment is not a header

[api] # the api
name = "X"
  package = "x"
sources = [
  "doc one", # a comment with ] and [
  "doc two",
]
description = """
[[errors]]
code = "not a key"
\"""still inside"""

[headers]
request_id = "X-Request-Id"

[[headers.info]] # info 0
name = "X-A"

[[headers.info]] # info 1
name = "X-B-*"

[[shapes]] # shape 0
name = "nested"
code = "error.code"

[[shapes]] # shape 1
name = "flat"
require = ['message', "error"]
    code    =    "error"

[[errors]] # 0
code = "a"
status = 400
summary = '''
'quoted' lines with code = "x"
[[errors.fields]]'''
remedy = "Fix."
fields = [{ name = "f0", type = "int" }, { name = "f1", type = "string" }]

[[errors]] # 1
code = "b"

[[errors]] # 2
code = "c"
fields = [
  { name = "g0", type = "int" },
  {
    name = "g1",
    type = "bool", # TOML 1.1: inline tables may span lines
  },
]

[[errors]] # 3
code = "d"
titles = ["T0", "T1"]

[[errors.fields]] # 3.0
name = "h0"

[[errors.fields]] # 3.1
"name" = "h1"
type = "int"

[[errors.examples]] # 3.0
headers = { "X-Request-Id" = "req_1", 'X-Other' = "o" }
body = '{"error": "d"}'

[[errors]] # 4
code = "e"
status = 401
`

func TestPos(t *testing.T) {
	f := &File{pos: scanPositions(posDoc)}
	tests := []struct {
		key  string
		want string // a text that occurs once in posDoc, at the wanted position
	}{
		{"api", "[api] # the api"},
		{"api.name", `name = "X"`},
		{"api.package", `package = "x"`},
		{"api.sources", "sources = ["},
		{"api.sources.1", `"doc two"`},
		{"api.description", "description"},
		{"headers", "[headers]"},
		{"headers.request_id", "request_id ="},
		{"headers.info", "[[headers.info]] # info 0"},
		{"headers.info.0", "[[headers.info]] # info 0"},
		{"headers.info.0.name", `name = "X-A"`},
		{"headers.info.1.name", `name = "X-B-*"`},
		{"shapes.0", "[[shapes]] # shape 0"},
		{"shapes.1", "[[shapes]] # shape 1"},
		{"shapes.1.code", `code    =`},
		{"shapes.1.require.0", `'message'`},
		{"shapes.1.require.1", `"error"]`},
		{"errors", "[[errors]] # 0"},
		{"errors.0.summary", "summary = '''"},
		{"errors.0.remedy", `remedy = "Fix."`},
		{"errors.0.fields.0", `{ name = "f0"`},
		{"errors.0.fields.1.name", `name = "f1"`},
		{"errors.0.fields.1.type", `type = "string"`},
		{"errors.1", "[[errors]] # 1"},
		{"errors.1.code", `code = "b"`},
		{"errors.2.fields.1", "{\n    name"},
		{"errors.2.fields.1.name", `name = "g1"`},
		{"errors.2.fields.1.type", `type = "bool"`},
		{"errors.3", "[[errors]] # 3"},
		{"errors.3.code", `code = "d"`},
		{"errors.3.titles", "titles"},
		{"errors.3.titles.1", `"T1"`},
		{"errors.3.fields", "[[errors.fields]] # 3.0"},
		{"errors.3.fields.0.name", `name = "h0"`},
		{"errors.3.fields.1", "[[errors.fields]] # 3.1"},
		{"errors.3.fields.1.name", `"name" = "h1"`},
		{"errors.3.examples.0", "[[errors.examples]] # 3.0"},
		{"errors.3.examples.0.headers.X-Request-Id", `"X-Request-Id" = "req_1"`},
		{"errors.3.examples.0.headers.X-Other", `'X-Other'`},
		{"errors.3.examples.0.body", "body ="},
		{"errors.4.code", `code = "e"`},
		{"errors.4.status", "status = 401"},
		// Missing keys fall back to their nearest parent.
		{"errors.1.status", "[[errors]] # 1"},
		{"errors.3.fields.0.type", "[[errors.fields]] # 3.0"},
		{"errors.3.examples.0.body.x.y", "body ="},
		{"headers.retry_after", "[headers]"},
	}
	for _, tt := range tests {
		if strings.Count(posDoc, tt.want) != 1 {
			t.Fatalf("%q occurs %d times in posDoc, want once", tt.want, strings.Count(posDoc, tt.want))
		}
		if got, want := f.Pos(tt.key), posOf(posDoc, tt.want); got != want {
			t.Errorf("Pos(%q) = %v, want %v", tt.key, got, want)
		}
	}
	// Nothing at all gives 1:1; so does a File that was not parsed.
	for _, key := range []string{"nothing", "errors5", ""} {
		if got := f.Pos(key); got != (Pos{1, 1}) {
			t.Errorf("Pos(%q) = %v, want 1:1", key, got)
		}
	}
	if got := new(File).Pos("api"); got != (Pos{1, 1}) {
		t.Errorf("File{}.Pos(%q) = %v, want 1:1", "api", got)
	}
	// The text inside strings adds no keys.
	for _, key := range []string{"api.code", "errors.5", "errors.0.fields.2", "api.description.code"} {
		if _, ok := f.pos[key]; ok {
			t.Errorf("scanner recorded %q, which is inside a string", key)
		}
	}
}

// posOf returns the position of the first occurrence of sub in doc.
func posOf(doc, sub string) Pos {
	i := strings.Index(doc, sub)
	line := strings.Count(doc[:i], "\n") + 1
	return Pos{line, i - strings.LastIndex(doc[:i], "\n")}
}

func TestPosErrorsInParse(t *testing.T) {
	// Parse positions errors with the same scanner; a BOM is skipped as the
	// toml package skips it.
	src := "\ufeff[api]\n  name = 1\n"
	_, err := Parse("spec/bom.toml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), `spec/bom.toml:2:3: "api.name" is an integer`) {
		t.Errorf("Parse with BOM: %v", err)
	}
}

// FuzzUnescapeKey holds unescapeKey to the toml package: the key of a
// document `"<raw>" = 1` that the toml package reads is unescapeKey(raw).
func FuzzUnescapeKey(f *testing.F) {
	for _, raw := range []string{`a`, `a\tb`, `\e`, `\xe9`, `\u00e9`, `\U0001F600`, `\"\\`, `\x`, `\u12`, `\q`, `a\`, `\uD800`} {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if strings.ContainsAny(raw, "\"\n\r") && !strings.Contains(raw, `\"`) {
			return
		}
		var doc map[string]any
		if _, err := toml.Decode(`"`+raw+`" = 1`, &doc); err != nil || len(doc) != 1 {
			return
		}
		for key := range doc {
			if got := unescapeKey(raw); got != key {
				t.Errorf("unescapeKey(%q) = %q, want %q (as the toml package reads it)", raw, got, key)
			}
		}
	})
}
