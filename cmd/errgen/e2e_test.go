package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestEndToEnd runs errgen (this test binary, which testscript.Main puts
// on PATH under that name) to generate a package from
// testdata/specs/shop.toml into a fresh module that declares go 1.21, and
// runs go test on it there: the output must build and pass its own tests
// outside this module, with only the standard library. go test runs go
// vet's default checks; the full go vet, which on a cold build cache took
// most of this test's time (computing facts for net/http and its
// dependencies), is left to internal/generate's TestGeneratedCode, which
// vets the packages of every spec of spec/.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	errgen, err := exec.LookPath("errgen")
	if err != nil {
		t.Fatalf("testscript.Main put no errgen on PATH: %v", err)
	}
	tmp := t.TempDir()

	mod := filepath.Join(tmp, "shopsdk")
	if err := os.MkdirAll(mod, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"go.mod": "module example.com/shopsdk\n\ngo 1.21\n",
		// A use of the package from outside it.
		"shopsdk_test.go": `package shopsdk

import (
	"errors"
	"testing"

	"example.com/shopsdk/shop"
)

func TestOutOfStock(t *testing.T) {
	err := shop.Parse(409, nil, []byte(` + "`" + `{"error": {"code": "out_of_stock", "message": "Only 2 left.", "available": 2}}` + "`" + `))
	var e *shop.Error
	if !errors.Is(err, shop.ErrOutOfStock) || !errors.As(err, &e) {
		t.Fatalf("Parse = %#v", err)
	}
	if d, ok := e.Details.(*shop.OutOfStockDetails); !ok || d.Available != 2 {
		t.Fatalf("Details = %#v", e.Details)
	}
}
`,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(mod, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	spec, err := os.ReadFile(filepath.Join("testdata", "specs", "shop.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mod, "shop.toml"), spec, 0o644); err != nil {
		t.Fatal(err)
	}

	// As the README says: -out . puts the package next to the spec, in
	// ./shop, where the SDK's callers can import it.
	runCmd(t, mod, errgen, "-out", ".", "shop.toml")
	runCmd(t, mod, goCmd, "test", "./...")
	runCmd(t, mod, errgen, "-check", "-out", ".", "shop.toml")
	runCmd(t, filepath.Join(mod, "shop"), errgen, "-check", "-C", "..", "-out", ".", "shop.toml")
}

// runCmd runs a command in dir, outside any go.work and without toolchain
// downloads, and fails the test with its output when it fails.
func runCmd(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %q in %s: %v\n%s", filepath.Base(name), args, dir, err, out)
	}
}
