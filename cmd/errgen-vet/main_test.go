package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errgen/errgen/internal/generate"
)

// asErrgenVet is the environment variable that makes the test binary run
// as errgen-vet: run sets it, so the tests need not build errgen-vet.
const asErrgenVet = "ERRGEN_VET_TEST_AS_MAIN"

// TestMain runs errgen-vet's main (which exits) instead of the tests when
// asErrgenVet is 1.
func TestMain(m *testing.M) {
	if os.Getenv(asErrgenVet) == "1" {
		main()
	}
	os.Exit(m.Run())
}

// TestErrgenVet runs errgen-vet (this test binary, as TestMain says), as a
// command and as a vet tool, on the module's example SDK (which must be
// clean) and on testdata/bad (which breaks every rule). The go vet runs,
// and the errgen-vet runs that only check what earlier ones did (on the
// example SDK, whose dependencies and theirs it loads from source, and on
// testdata/bad after -fix), need ERRGEN_GOCMD=1 (see goCommandTests).
func TestErrgenVet(t *testing.T) {
	if testing.Short() {
		t.Skip("runs errgen-vet and go vet")
	}
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}

	t.Run("example", func(t *testing.T) {
		// .ci/run's vet_example step runs errgen-vet on example/ too.
		if !goCommandTests(t) {
			t.Skip("errgen-vet on example/ needs ERRGEN_GOCMD=1")
		}
		t.Parallel()
		code, stdout, stderr := run(t, "../..", bin, "./example/...")
		if code != 0 || stdout != "" || stderr != "" {
			t.Errorf("errgen-vet ./example/... = exit %d, stdout %q, stderr:\n%s\nwant exit 0 and no output", code, stdout, stderr)
		}
	})

	// Each rule's finding in testdata/bad/bad.go, in order; the typo has
	// no fix.
	findings := []string{
		`bad.go:17:2: result of errors.As(err, &e) ignored: e is not set when err holds no *shop.Error; use if errors.As(err, &e) { ... }`,
		`bad.go:18:15: shop.Code compared with "out_of_stock": use shop.CodeOutOfStock`,
		`bad.go:21:15: "out_of_stok" is not a documented code of shop (did you mean shop.CodeOutOfStock?)`,
		`bad.go:24:5: err == shop.ErrRateLimited is never true for the *shop.Error values shop returns: use errors.Is(err, shop.ErrRateLimited)`,
		`bad.go:27:5: err.Error() matched against "Card declined", a documented title of shop.CodePaymentDeclined: use errors.Is(err, shop.ErrPaymentDeclined)`,
		`bad.go:30:7: unchecked type assertion e.Details.(*shop.OutOfStockDetails) panics for every code but shop.CodeOutOfStock: use the comma-ok form, d, ok := e.Details.(*shop.OutOfStockDetails)`,
	}

	t.Run("bad", func(t *testing.T) {
		t.Parallel()
		dir := badModule(t)
		code, _, stderr := run(t, dir, bin, "./...")
		if code != 3 {
			t.Errorf("errgen-vet ./... = exit %d, want 3 (findings)", code)
		}
		checkFindings(t, stderr, findings)
	})

	t.Run("vettool", func(t *testing.T) {
		if !goCommandTests(t) {
			t.Skip("go vet -vettool needs ERRGEN_GOCMD=1")
		}
		t.Parallel()
		dir := badModule(t)
		code, _, stderr := run(t, dir, "go", "vet", "-vettool="+bin, "./...")
		if code == 0 {
			t.Errorf("go vet -vettool=errgen-vet ./... = exit 0, want failure")
		}
		checkFindings(t, stderr, findings)

		if code, stdout, stderr := run(t, dir, "go", "vet", "-vettool="+bin, "-fix", "./..."); code != 0 {
			t.Fatalf("go vet -vettool=errgen-vet -fix ./... = exit %d\n%s%s", code, stdout, stderr)
		}
		fixed, err := os.ReadFile(filepath.Join(dir, "bad.go"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(fixed, []byte("errors.Is(err, shop.ErrRateLimited)")) {
			t.Errorf("bad.go after go vet -fix:\n%s\nwant errors.Is(err, shop.ErrRateLimited)", fixed)
		}
	})

	t.Run("fix", func(t *testing.T) {
		t.Parallel()
		dir := badModule(t)
		if code, stdout, stderr := run(t, dir, bin, "-fix", "./..."); code != 0 {
			t.Fatalf("errgen-vet -fix ./... = exit %d\n%s%s", code, stdout, stderr)
		}
		fixed, err := os.ReadFile(filepath.Join(dir, "bad.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			"if errors.As(err, &e) {",
			"e.Code == shop.CodeOutOfStock",
			`e.Code == "out_of_stok"`,
			"errors.Is(err, shop.ErrRateLimited)",
			"errors.Is(err, shop.ErrPaymentDeclined)",
			"if d, ok := e.Details.(*shop.OutOfStockDetails); ok {",
		} {
			if !bytes.Contains(fixed, []byte(want)) {
				t.Errorf("bad.go after -fix lacks %q:\n%s", want, fixed)
			}
		}
		// With ERRGEN_GOCMD=1, the fixed code passes go vet, and errgen-vet
		// finds only the typo, which has no fix. Without it, the fixes'
		// text is checked above, and errgenvet's TestAnalyzer compares
		// each fixed file with its golden file.
		if !goCommandTests(t) {
			return
		}
		if code, stdout, stderr := run(t, dir, "go", "vet", "./..."); code != 0 {
			t.Errorf("go vet ./... after -fix = exit %d\n%s%s", code, stdout, stderr)
		}
		// Only the typo, which has no fix, is left.
		code, _, stderr := run(t, dir, bin, "./...")
		if code != 3 {
			t.Errorf("errgen-vet ./... after -fix = exit %d, want 3", code)
		}
		checkFindings(t, stderr, []string{`bad.go:20:16: "out_of_stok" is not a documented code of shop (did you mean shop.CodeOutOfStock?)`})
	})
}

// goCommandTests reports whether ERRGEN_GOCMD=1 asks for the checks that
// run go vet on a module, or errgen-vet on one only to check again what an
// earlier run checked: go vet computes facts for the standard library
// afresh for every vet tool (errgen-vet's -vettool run alone costs more
// than ten seconds on a cold cache), and each errgen-vet run type-checks
// net/http's dependencies from source (about 2.5 s of CPU), so a plain go
// test ./... leaves them to CI, whose go test ./... step sets
// ERRGEN_GOCMD=1.
func goCommandTests(t *testing.T) bool {
	t.Helper()
	if os.Getenv("ERRGEN_GOCMD") == "1" {
		return true
	}
	t.Log("set ERRGEN_GOCMD=1 to also run go vet (CI does)")
	return false
}

// badModule returns a copy of testdata/bad with the package errgen
// generates from errgenvet's test spec in its shop directory.
func badModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir("testdata/bad", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel("testdata/bad", path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	files, err := generate.Generate([]string{"../../errgenvet/testdata/shop.toml"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".go") || strings.HasSuffix(f.Path, "_test.go") {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// run runs name with args in dir, offline, and returns its exit code and
// output.
func run(t *testing.T, dir, name string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off", asErrgenVet+"=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, stdout.String(), stderr.String()
	case errors.As(err, &exit):
		return exit.ExitCode(), stdout.String(), stderr.String()
	}
	t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	return 0, "", ""
}

// checkFindings checks that output has exactly the findings want (each
// a line ending with one of them), in order.
func checkFindings(t *testing.T, output string, want []string) {
	t.Helper()
	var got []string
	for line := range strings.Lines(output) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue // go vet's "# package" headers
		}
		got = append(got, line)
	}
	ok := len(got) == len(want)
	for i := 0; ok && i < len(got); i++ {
		ok = strings.HasSuffix(got[i], want[i])
	}
	if !ok {
		t.Errorf("findings:\n%s\nwant lines ending with:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
