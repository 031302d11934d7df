package generate

import (
	"bytes"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/errgen/errgen/internal/gogen"
	"github.com/errgen/errgen/internal/golit"
)

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/*.txtar")

// repoRoot is where spec/ and generated/ live, relative to this package.
const repoRoot = "../.."

// TestCases runs the txtar cases in testdata: each holds spec/*.toml
// inputs and either the expected generated files (by path, e.g.
// "mini/errors.go") or the expected "stderr" of a failing generation.
// runtime.go and conformance_test.go are left out of the archives: they
// are internal/runtime's sources, copied verbatim (TestRuntimeCopied).
// Run with -update to rewrite the expected sections.
func TestCases(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test cases: %v", err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var specs []string
			for _, f := range ar.Files {
				if strings.HasPrefix(f.Name, "spec/") {
					specs = append(specs, f.Name)
					writeFile(t, filepath.Join(dir, f.Name), f.Data)
				}
			}
			t.Chdir(dir)
			got := map[string][]byte{}
			files, err := Generate(specs)
			if err != nil {
				got["stderr"] = []byte(err.Error() + "\n")
			}
			for _, f := range files {
				if !copied[filepath.Base(f.Path)] {
					got[f.Path] = f.Bytes()
				}
			}
			if *update {
				var kept []txtar.File
				for _, f := range ar.Files {
					if strings.HasPrefix(f.Name, "spec/") {
						kept = append(kept, f)
					}
				}
				for _, name := range sortedKeys(got) {
					kept = append(kept, txtar.File{Name: name, Data: got[name]})
				}
				ar.Files = kept
				if err := os.WriteFile(filepath.Join(cwd(t), path), txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want := map[string][]byte{}
			for _, f := range ar.Files {
				if !strings.HasPrefix(f.Name, "spec/") {
					want[f.Name] = f.Data
				}
			}
			if diff := cmp.Diff(stringMap(want), stringMap(got)); diff != "" {
				t.Errorf("generated files differ from %s (-want +got; -update to accept):\n%s", path, diff)
			}
		})
	}
}

// copied are the files every package gets from internal/runtime.
var copied = map[string]bool{"runtime.go": true, "conformance_test.go": true}

var startDir, _ = os.Getwd()

// cwd is the package directory, whatever t.Chdir did since.
func cwd(t *testing.T) string {
	t.Helper()
	return startDir
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func stringMap(m map[string][]byte) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = string(v)
	}
	return out
}

// repoSpecs returns spec/*.toml, relative to the repository root.
func repoSpecs(t *testing.T) []string {
	t.Helper()
	specs, err := filepath.Glob("spec/*.toml")
	if err != nil || len(specs) == 0 {
		t.Fatalf("no specs in spec/: %v", err)
	}
	return specs
}

// TestCommittedFilesAreFresh regenerates all of generated/ in memory from
// spec/ and compares it with what is committed.
func TestCommittedFilesAreFresh(t *testing.T) {
	t.Run("generated", func(t *testing.T) {
		t.Chdir(repoRoot)
		checkFresh(t, repoSpecs(t), "generated", "generated/")
	})
}

// fixtureDir is the package the runtime is compiled and tested in.
const fixtureDir = "internal/runtime/fixture"

// TestRuntimeFixture checks that internal/runtime/fixture holds what errgen
// generates from its testdata/fixture.toml: the spec's half of a package,
// beside the runtime's sources. -update rewrites it.
func TestRuntimeFixture(t *testing.T) {
	t.Chdir(repoRoot)
	files, err := Generate([]string{fixtureDir + "/testdata/fixture.toml"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := strings.TrimPrefix(f.Path, "fixture/")
		if name != "errors.go" && name != "errors_test.go" {
			continue
		}
		path := filepath.Join(fixtureDir, name)
		if *update {
			writeFile(t, path, f.Bytes())
			continue
		}
		if have, err := os.ReadFile(path); err != nil || !bytes.Equal(have, f.Bytes()) {
			t.Errorf("%s is stale: run go test ./internal/generate -run TestRuntimeFixture -update", path)
		}
	}
}

// TestRuntimeCopied checks that runtime.go and conformance_test.go of a
// generated package are the runtime's sources, with only the header on top
// and the package clause changed.
func TestRuntimeCopied(t *testing.T) {
	t.Chdir(repoRoot)
	files, err := Generate([]string{"spec/trace.toml"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		base := filepath.Base(f.Path)
		if !copied[base] {
			continue
		}
		n++
		src, err := os.ReadFile(filepath.Join(fixtureDir, base))
		if err != nil {
			t.Fatal(err)
		}
		head, rest, ok := bytes.Cut(f.Bytes(), []byte("\n\n"))
		if !ok || !bytes.HasPrefix(head, []byte("// Code generated by errgen from spec/trace.toml. DO NOT EDIT.\n// errgen runtime v")) {
			t.Errorf("%s: header %q", f.Path, head)
		}
		want := bytes.Replace(src, []byte("\npackage fixture\n"), []byte("\npackage trace\n"), 1)
		if !bytes.Equal(rest, want) {
			t.Errorf("%s is not %s/%s with its package clause renamed", f.Path, fixtureDir, base)
		}
	}
	if n != len(copied) {
		t.Errorf("%d copied files generated, want %d", n, len(copied))
	}
}

// checkFresh generates specs in memory and reports every file under dir
// that is missing or differs.
func checkFresh(t *testing.T, specs []string, dir, shown string) {
	t.Helper()
	files, err := Generate(specs)
	if err != nil {
		t.Fatal(err)
	}
	var stale []string
	for _, f := range files {
		have, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil || !bytes.Equal(have, f.Bytes()) {
			stale = append(stale, shown+f.Path)
		}
	}
	if len(stale) > 0 {
		t.Fatalf("stale generated files (run go generate ./...):\n\t%s", strings.Join(stale, "\n\t"))
	}
}

// TestDeterministic checks that the same specs give the same bytes, twice
// and in any order on the command line. A synthetic spec large enough that
// its package is generated concurrently (gogen.Concurrent) is among them.
func TestDeterministic(t *testing.T) {
	t.Chdir(repoRoot)
	large := filepath.Join(t.TempDir(), "large.toml")
	writeFile(t, large, syntheticSpec(gogen.ConcurrentCodes))
	specs := append(repoSpecs(t), large)
	first, err := Generate(specs)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 3; i++ {
		shuffled := append([]string(nil), specs...)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, err := Generate(shuffled)
		if err != nil {
			t.Fatal(err)
		}
		if len(again) != len(first) {
			t.Fatalf("order %v: %d files, want %d", shuffled, len(again), len(first))
		}
		for j := range first {
			if again[j].Path != first[j].Path || !bytes.Equal(again[j].Bytes(), first[j].Bytes()) {
				t.Fatalf("order %v: %s differs from the first run", shuffled, again[j].Path)
			}
		}
	}
}

// TestGeneratedCode checks that every spec errgen accepts generates code
// that works: every generated Go file carries the errgen header (so
// ast.IsGenerated holds), is as gofmt writes it, imports only the standard library, and the
// packages build, vet and pass their own tests in a module that says go
// 1.21, the oldest Go they promise to support. The specs are the
// repository's, the runtime's fixture (which uses every key of the format)
// and every test case that generates, each set in its own directory. The
// go vet and go test runs need ERRGEN_GOCMD=1 (see goCommandTests).
func TestGeneratedCode(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module with the go command")
	}
	t.Chdir(repoRoot)
	sets := map[string][]File{}
	add := func(dir string, specs []string) {
		files, err := Generate(specs)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		sets[dir] = files
	}
	add("repo", repoSpecs(t))
	add("fixture", []string{fixtureDir + "/testdata/fixture.toml"})
	synthetic := filepath.Join(t.TempDir(), "synthetic.toml")
	writeFile(t, synthetic, syntheticSpec(100))
	add("synthetic", []string{synthetic})
	cases, _ := filepath.Glob("internal/generate/testdata/*.txtar")
	for _, path := range cases {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		tmp := t.TempDir()
		var specs []string
		fails := false
		for _, f := range ar.Files {
			switch {
			case strings.HasPrefix(f.Name, "spec/"):
				writeFile(t, filepath.Join(tmp, f.Name), f.Data)
				specs = append(specs, filepath.Join(tmp, f.Name))
			case f.Name == "stderr":
				fails = true
			}
		}
		if !fails {
			add("cases/"+strings.TrimSuffix(filepath.Base(path), ".txtar"), specs)
		}
	}
	// .ci/run keeps the module (ERRGEN_GENERATED_MODULE=dir) to run
	// staticcheck on it with the generated headers removed: linters skip
	// generated files.
	mod := os.Getenv("ERRGEN_GENERATED_MODULE")
	if mod == "" {
		mod = t.TempDir()
	}
	writeFile(t, filepath.Join(mod, "go.mod"), []byte("module example.com/sdk\n\ngo 1.21\n"))
	fset := token.NewFileSet()
	for dir, files := range sets {
		for _, f := range files {
			writeFile(t, filepath.Join(mod, dir, filepath.FromSlash(f.Path)), f.Bytes())
			if !strings.HasSuffix(f.Path, ".go") {
				continue
			}
			af, err := parser.ParseFile(fset, f.Path, f.Bytes(), parser.ParseComments|parser.ImportsOnly)
			if err != nil {
				t.Fatalf("%s/%s: %v", dir, f.Path, err)
			}
			if !ast.IsGenerated(af) {
				t.Errorf("%s/%s: ast.IsGenerated is false", dir, f.Path)
			}
			// The tables written in gofmt's layout (package golit) and
			// the rest, formatted by go/format, make a formatted file.
			if err := golit.Formatted(f.Bytes()); err != nil {
				t.Errorf("%s/%s is not as gofmt writes it: %v", dir, f.Path, err)
			}
			for _, imp := range af.Imports {
				if p := strings.Trim(imp.Path.Value, `"`); strings.Contains(strings.Split(p, "/")[0], ".") {
					t.Errorf("%s/%s imports %s, not the standard library", dir, f.Path, p)
				}
			}
		}
	}
	if !goCommandTests(t) {
		return
	}
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s in a go 1.21 module: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// goCommandTests reports whether ERRGEN_GOCMD=1 asks for the checks that
// run go vet and go test on a separate module of generated packages, and
// logs how to ask when it does not. They cost about half of a cold go test
// ./... on two cores (go vet computes facts for the standard library
// afresh in every module), so a plain go test ./... leaves them to CI:
// .ci/run sets ERRGEN_GOCMD=1 for its go test ./... step.
func goCommandTests(t *testing.T) bool {
	t.Helper()
	if os.Getenv("ERRGEN_GOCMD") == "1" {
		return true
	}
	t.Log("set ERRGEN_GOCMD=1 to also go vet and go test the generated module (CI does)")
	return false
}
