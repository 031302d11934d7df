package generate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSpecTextVariants checks that each spec of spec/ generates the same
// bytes when converted to CRLF line endings (git's autocrlf on Windows),
// given a UTF-8 BOM, or indented and spaced with tabs.
func TestSpecTextVariants(t *testing.T) {
	specs, err := filepath.Glob(filepath.Join(cwd(t), repoRoot, "spec", "*.toml"))
	if err != nil || len(specs) == 0 {
		t.Fatalf("no specs: %v", err)
	}
	variants := map[string]func([]byte) []byte{
		"LF":   func(b []byte) []byte { return b },
		"CRLF": func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) },
		"BOM":  func(b []byte) []byte { return append([]byte("\ufeff"), b...) },
		"tabs": tabbed,
	}
	for _, s := range specs {
		data, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		name := "spec/" + filepath.Base(s)
		want := generateIn(t, name, data)
		for v, convert := range variants {
			converted := convert(data)
			if v != "LF" && bytes.Equal(converted, data) {
				t.Fatalf("%s: the %s variant changed nothing", name, v)
			}
			got := generateIn(t, name, converted)
			if len(got) != len(want) {
				t.Fatalf("%s with %s: %d files, want %d", name, v, len(got), len(want))
			}
			for i := range want {
				if got[i].Path != want[i].Path || !bytes.Equal(got[i].Bytes(), want[i].Bytes()) {
					t.Errorf("%s with %s: %s differs from the LF original's", name, v, want[i].Path)
				}
			}
		}
	}
}

// generateIn writes data to name in a fresh directory and generates it
// from there, so every variant's header names the spec alike.
func generateIn(t *testing.T, name string, data []byte) []File {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), data)
	t.Chdir(dir)
	files, err := Generate([]string{name})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// tabbed indents every line outside multi-line strings with a tab and
// spaces its first " = " with tabs.
func tabbed(data []byte) []byte {
	var out []string
	inString := false
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if !inString && strings.TrimSpace(line) != "" {
			line = "\t" + strings.Replace(line, " = ", "\t=\t", 1)
		}
		if (strings.Count(line, `"""`)+strings.Count(line, `'''`))%2 == 1 {
			inString = !inString
		}
		out = append(out, line)
	}
	return []byte(strings.Join(out, ""))
}
