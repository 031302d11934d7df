package spec

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the stderr sections of testdata/*.txtar")

// TestParse parses every spec/*.toml file in each testdata/*.txtar archive
// and compares the errors with the archive's stderr section.
func TestParse(t *testing.T) {
	archives, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(archives) == 0 {
		t.Fatal("no testdata/*.txtar")
	}
	for _, name := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			stderr := -1
			for i, file := range ar.Files {
				if file.Name == "stderr" {
					stderr = i
					continue
				}
				if !strings.HasSuffix(file.Name, ".toml") {
					t.Fatalf("unexpected file %q in archive", file.Name)
				}
				f, err := Parse(file.Name, file.Data)
				if err == nil {
					if f == nil {
						t.Errorf("Parse(%q) returned a nil File and no error", file.Name)
					}
					continue
				}
				var list ErrorList
				if !errors.As(err, &list) {
					t.Errorf("Parse(%q) returned %T, want ErrorList", file.Name, err)
				}
				if f != nil {
					t.Errorf("Parse(%q) returned a File with errors", file.Name)
				}
				got.WriteString(err.Error() + "\n")
			}
			if *update {
				if stderr < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "stderr"})
					stderr = len(ar.Files) - 1
				}
				ar.Files[stderr].Data = []byte(got.String())
				if err := os.WriteFile(name, txtar.Format(ar), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			if stderr < 0 {
				t.Fatal("no stderr section (run go test -update)")
			}
			if want := string(ar.Files[stderr].Data); got.String() != want {
				t.Errorf("errors differ\ngot:\n%s\nwant:\n%s", got.String(), want)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	f, err := Load(filepath.Join(t.TempDir(), "missing.toml"))
	if f != nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load(missing) = %v, %v; want nil, a not-exist error", f, err)
	}
}

func TestLoad(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/valid.txtar")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "valid.toml")
	if err := os.WriteFile(path, ar.Files[0].Data, 0o666); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if f.Path != path || f.API.Package != "example" {
		t.Errorf("Load: Path %q, package %q; want %q, %q", f.Path, f.API.Package, path, "example")
	}
}

// TestStatusClasses checks that a class in retryable_statuses stands for
// its hundred statuses, next to the statuses given one by one.
func TestStatusClasses(t *testing.T) {
	src := `[api]
name = "X"
package = "x"
sources = ["doc"]
description = "X."
retryable_statuses = [409, "5xx", 503, "4xx"]

[[shapes]]
name = "s"
summary = "s"
code = "code"

[[errors]]
code = "a"
status = 400
summary = "A."
remedy = "Fix."
`
	f, err := Parse("spec/x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var want []int
	for s := 400; s <= 599; s++ {
		want = append(want, s)
	}
	if got := f.Schema.RetryableStatuses; !slices.Equal(got, want) {
		t.Errorf("RetryableStatuses = %v, want 400 to 599", got)
	}
	written := []StatusTerm{{Status: 409}, {Status: 500, Class: true}, {Status: 503}, {Status: 400, Class: true}}
	if got := f.API.RetryableStatuses; !slices.Equal(got, written) {
		t.Errorf("API.RetryableStatuses = %v, want %v (as written)", got, written)
	}
}

// TestCodeStatusClasses checks what a class in a code's statuses stands
// for: the statuses the code names first, in the document's order, then
// the rest of each class, ascending; a code documented with classes only
// is retried as the response's status says unless its retry rule is
// documented.
func TestCodeStatusClasses(t *testing.T) {
	src := `[api]
name = "X"
package = "x"
sources = ["doc"]
description = "X."

[[shapes]]
name = "s"
summary = "s"
code = "code"

[[errors]]
code = "named_and_class"
statuses = [412, "4xx", 400, 412]
summary = "A."
remedy = "Fix."

[[errors]]
code = "classes"
statuses = ["5xx", "4xx"]
summary = "B."
remedy = "Fix."

[[errors]]
code = "class_documented"
statuses = ["4xx"]
retryable = true
summary = "C."
remedy = "Fix."

[[errors]]
code = "plain"
status = 404
summary = "D."
remedy = "Fix."
`
	f, err := Parse("spec/x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	span := func(from, to int, skip ...int) []int {
		var out []int
		for s := from; s <= to; s++ {
			if !slices.Contains(skip, s) {
				out = append(out, s)
			}
		}
		return out
	}
	tests := []struct {
		code          string
		statuses      []int
		named         int
		classes       []int
		status        int
		retryable     bool
		retryByStatus bool
		terms         []string
	}{
		{"named_and_class", append([]int{412, 400}, span(400, 499, 400, 412)...), 2, []int{400}, 412, false, false, []string{"412", "400", "4xx"}},
		{"classes", span(400, 599), 0, []int{400, 500}, 400, false, true, []string{"4xx", "5xx"}},
		{"class_documented", span(400, 499), 0, []int{400}, 400, true, false, []string{"4xx"}},
		{"plain", []int{404}, 1, nil, 404, false, false, []string{"404"}},
	}
	for _, tc := range tests {
		c := f.Schema.Code(tc.code)
		if c == nil {
			t.Fatalf("no code %q", tc.code)
		}
		if !slices.Equal(c.Statuses, tc.statuses) {
			t.Errorf("%s: Statuses = %v, want %v", tc.code, c.Statuses, tc.statuses)
		}
		if c.Named != tc.named || !slices.Equal(c.Classes, tc.classes) || c.Status != tc.status {
			t.Errorf("%s: Named %d, Classes %v, Status %d; want %d, %v, %d", tc.code, c.Named, c.Classes, c.Status, tc.named, tc.classes, tc.status)
		}
		if c.Retryable != tc.retryable || c.RetryByStatus() != tc.retryByStatus {
			t.Errorf("%s: Retryable %t, RetryByStatus %t; want %t, %t", tc.code, c.Retryable, c.RetryByStatus(), tc.retryable, tc.retryByStatus)
		}
		if got := c.StatusTerms(); !slices.Equal(got, tc.terms) {
			t.Errorf("%s: StatusTerms = %q, want %q", tc.code, got, tc.terms)
		}
	}
}
