package spec

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/tools/txtar"
)

// crlf returns data with CRLF line endings.
func crlf(data []byte) []byte {
	return bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
}

// TestParseLineEndings parses every spec of testdata/*.txtar and
// spec/*.toml as written, with CRLF line endings and with a UTF-8 BOM:
// each variant must give the same File, or the same errors at the same
// positions.
func TestParseLineEndings(t *testing.T) {
	type input struct {
		name string
		data []byte
	}
	var inputs []input
	archives, _ := filepath.Glob("testdata/*.txtar")
	for _, a := range archives {
		ar, err := txtar.ParseFile(a)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if strings.HasSuffix(f.Name, ".toml") {
				inputs = append(inputs, input{filepath.Base(a) + ":" + f.Name, f.Data})
			}
		}
	}
	specs, _ := filepath.Glob("../../spec/*.toml")
	for _, s := range specs {
		data, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{s, data})
	}
	if len(archives) == 0 || len(specs) == 0 {
		t.Fatal("no specs")
	}
	parse := func(data []byte) (*File, string) {
		f, err := Parse("x.toml", data)
		if err != nil {
			return nil, err.Error()
		}
		return f, ""
	}
	for _, in := range inputs {
		if bytes.ContainsAny(in.data, "\r\ufeff") {
			continue // written to test those bytes
		}
		wantFile, wantErr := parse(in.data)
		for variant, data := range map[string][]byte{
			"CRLF":         crlf(in.data),
			"BOM":          append([]byte("\ufeff"), in.data...),
			"BOM and CRLF": append([]byte("\ufeff"), crlf(in.data)...),
		} {
			f, err := parse(data)
			if err != wantErr {
				t.Errorf("%s with %s: errors\n%s\nwant\n%s", in.name, variant, err, wantErr)
				continue
			}
			if wantFile != nil && f != nil {
				wantFile.positions() // found when asked for: compare them too
				f.positions()
			}
			if diff := cmp.Diff(wantFile, f, cmp.AllowUnexported(File{}), cmpopts.IgnoreFields(File{}, "Schema", "results", "posOnce")); diff != "" {
				t.Errorf("%s with %s: File differs (-LF +%s):\n%s", in.name, variant, variant, diff)
			}
		}
	}
}

// TestParseCRLFPositions checks the positions of errors in CRLF specs
// directly, so that TestParseLineEndings cannot pass with both wrong.
func TestParseCRLFPositions(t *testing.T) {
	tests := []struct{ src, want string }{
		{"[api]\nname = \"A\"\n  package = 7\n", `x.toml:3:3: "api.package" is an integer, want a string`},
		{"[api]\nname = \"A\"\nbad line\n", "x.toml:3:5: expected '.' or '=', but got 'l' instead"},
		{"[api]\ndescription = \"\"\"\nd\n\"\"\"\n  bad line\n", "x.toml:5:7: expected '.' or '=', but got 'l' instead"},
	}
	for _, tt := range tests {
		for _, data := range [][]byte{[]byte(tt.src), crlf([]byte(tt.src)), append([]byte("\ufeff"), crlf([]byte(tt.src))...)} {
			_, err := Parse("x.toml", data)
			if err == nil || !strings.Contains(err.Error()+"\n", tt.want+"\n") {
				t.Errorf("Parse(%q) = %v, want %s", data, err, tt.want)
			}
		}
	}
}
