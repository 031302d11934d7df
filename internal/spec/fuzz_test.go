package spec

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"golang.org/x/tools/txtar"
)

// FuzzLoad checks the loader on arbitrary bytes: it never panics, and it
// either returns a File or errors that each name the file and carry a
// position inside it (line 1 or more, column 1 or more, line at most one
// past the last). The same input always gives the same result, and
// checkPresentIsTyped holds.
func FuzzLoad(f *testing.F) {
	specs, _ := filepath.Glob("../../spec/*.toml")
	archives, _ := filepath.Glob("testdata/*.txtar")
	for _, name := range archives {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			f.Add(file.Data)
		}
	}
	for _, name := range specs {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		const path = "spec/fuzz.toml"
		checkPresentIsTyped(t, src)
		file, err := Parse(path, src)
		if err == nil {
			if file == nil {
				t.Fatal("Parse returned neither a File nor an error")
			}
			file.Schema.Decode(400, nil, []byte(`{"error": {"code": "a", "message": "b"}}`), time.Time{})
			return
		}
		if file != nil {
			t.Fatalf("Parse returned a File and an error: %v", err)
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("Parse error %T is not a non-empty ErrorList: %v", err, err)
		}
		lines := strings.Count(string(src), "\n") + 1
		for _, e := range list {
			if e.File != path || e.Pos.Line < 1 || e.Pos.Col < 1 || e.Pos.Line > lines+1 || e.Msg == "" {
				t.Errorf("badly placed error %q (file has %d lines)", e.Error(), lines)
			}
		}
		if _, again := Parse(path, src); again == nil || again.Error() != err.Error() {
			t.Fatalf("Parse is not deterministic:\n%v\nthen:\n%v", err, again)
		}
	})
}

// limitCases are inputs beyond the nesting limits, each with the error the
// loader must give: at once, instead of the seconds or hours the toml
// package and the position scanner would take.
var limitCases = []struct{ name, src, err string }{
	{"arrays", "a = " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
		"spec/x.toml:1:69: arrays and tables nested more than 64 deep; want at most 64"},
	{"inline tables", "a = " + strings.Repeat("{b = ", 100000) + "1" + strings.Repeat("}", 100000),
		"spec/x.toml:1:325: arrays and tables nested more than 64 deep; want at most 64"},
	{"unclosed", "\n\nx = 1\na = " + strings.Repeat("[{a=", 100000),
		"spec/x.toml:4:133: arrays and tables nested more than 64 deep; want at most 64"},
	{"dotted key", "a" + strings.Repeat(".a", 100000) + " = 1",
		"spec/x.toml:1:66: key with more than 32 dots; want at most 32"},
	{"table header", "x = 'a.b'\n[a" + strings.Repeat(".a", 100000) + "]",
		"spec/x.toml:2:67: key with more than 32 dots; want at most 32"},
	{"array of tables", "[[a" + strings.Repeat(" . a", 100000) + "]]",
		"spec/x.toml:1:133: key with more than 32 dots; want at most 32"},
	{"10 MB string", "[api]\nname = \"X\"\ndescription = \"" + strings.Repeat("ten bytes ", 1<<20) + "\"",
		"spec/x.toml:3:15: a string of more than 1048576 bytes; want at most 1048576 (1 MiB)"},
	{"long multi-line string", "x = \"\"\"\n\\\"\"\"\n" + strings.Repeat("\n", 1<<10) + "\"\"\"\ny = '''\n" + strings.Repeat("a", 1<<20) + "'''",
		"spec/x.toml:1028:5: a string of more than 1048576 bytes; want at most 1048576 (1 MiB)"},
}

// TestLimits checks that absurdly deep input is rejected at once with a
// positioned error, and that brackets and dots inside strings and comments,
// or spread over many values, do not count.
func TestLimits(t *testing.T) {
	for _, tt := range limitCases {
		_, err := Parse("spec/x.toml", []byte(tt.src))
		if err == nil || err.Error() != tt.err {
			t.Errorf("%s: Parse = %v, want %s", tt.name, err, tt.err)
		}
	}

	deep := strings.Repeat("[", 1000) + strings.Repeat(".", 1000) + strings.Repeat("{", 1000)
	ok := []struct{ name, src string }{
		{"basic string", `x = "` + deep + `"`},
		{"escaped quote", `x = "\"` + deep + `"`},
		{"literal string", `x = '` + deep + `'`},
		{"multi-line basic", "x = \"\"\"\n\\\"\"\"" + deep + "\n\"\"\""},
		{"multi-line literal", "x = '''\n''" + deep + "\n'''"},
		{"comment", "# " + deep + "\nx = 1"},
		{"floats", "x = [" + strings.Repeat("1.5, ", 1000) + "2.5]"},
		{"float lines", "x = [\n" + strings.Repeat("1.5\n,", 1000) + "2.5]"},
		{"many tables", strings.Repeat("[[x.y]]\nz = {a.b = [[1.5]]}\n", 1000)},
		{"quoted key parts", `"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h" = 1`},
		{"nested 64 deep", "x = " + strings.Repeat("[", 64) + strings.Repeat("]", 64)},
		{"32 dots", "a" + strings.Repeat(".a", 32) + " = 1"},
		{"1 MiB string", "x = '" + strings.Repeat("a", 1<<20-2) + "'"},
		{"1 MiB multi-line string", "x = \"\"\"" + strings.Repeat("\\\n", 1<<19-3) + "\"\"\"\ny = 1 # " + strings.Repeat("a", 1<<21)},
	}
	for _, tt := range ok {
		if err := checkLimits("spec/x.toml", tt.src); err != nil {
			t.Errorf("%s: checkLimits = %v, want nil", tt.name, err)
		}
	}
	if err := checkLimits("spec/x.toml", "x = \"a\nb = "+deep); err == nil || err.Pos.Line != 2 {
		t.Errorf("an unclosed one-line string: checkLimits = %v, want an error on line 2", err)
	}
}

// TestTOMLErrorPositions checks that syntax errors the toml package places
// on line 0 (a backslash that ends the input) still get a position in the
// file.
func TestTOMLErrorPositions(t *testing.T) {
	for src, want := range map[string]string{
		`"\`:     "spec/x.toml:1:2: invalid escape",
		`a = "\`: "spec/x.toml:1:6: invalid escape",
	} {
		if _, err := Parse("spec/x.toml", []byte(src)); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want %s...", src, err, want)
		}
	}
}

// TestPresentIsTyped runs checkPresentIsTyped on every spec of the
// repository and of the test cases.
func TestPresentIsTyped(t *testing.T) {
	var srcs [][]byte
	paths, _ := filepath.Glob("../../spec/*.toml")
	paths = append(paths, "../runtime/fixture/testdata/fixture.toml")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, data)
	}
	archives, _ := filepath.Glob("testdata/*.txtar")
	more, _ := filepath.Glob("../generate/testdata/*.txtar")
	for _, name := range append(archives, more...) {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range ar.Files {
			if strings.HasSuffix(file.Name, ".toml") {
				srcs = append(srcs, file.Data)
			}
		}
	}
	if len(srcs) < 50 {
		t.Fatalf("only %d specs", len(srcs))
	}
	for _, src := range srcs {
		checkPresentIsTyped(t, src)
	}
}

// checkPresentIsTyped checks what checker.present relies on: when decoding
// src into a File reports no problem, every key path in the file
// (scanPositions) is typed.
func checkPresentIsTyped(t *testing.T, src []byte) {
	t.Helper()
	text := string(normalize(src))
	if checkLimits("spec/x.toml", text) != nil {
		return
	}
	var raw map[string]any
	if _, err := toml.Decode(text, &raw); err != nil {
		return
	}
	f := &File{src: text}
	c := &checker{f: f, typed: map[string]bool{}, numeric: map[string]bool{}}
	c.table("", raw, reflect.ValueOf(f).Elem())
	if len(c.errs) > 0 {
		return
	}
	for key := range f.positions() {
		if !c.typed[key] {
			t.Errorf("key %q of a file that decodes without a problem is not typed:\n%s", key, text)
		}
	}
}
