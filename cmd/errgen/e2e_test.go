package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestEndToEnd builds the errgen binary, generates a package from
// testdata/specs/shop.toml into a fresh module that declares go 1.21, and
// runs go vet and go test on it there: the output must build, vet and pass
// its own tests outside this module, with only the standard library.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds errgen and runs the go command")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	tmp := t.TempDir()
	errgen := filepath.Join(tmp, "errgen")
	runCmd(t, ".", goCmd, "build", "-o", errgen, ".")

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

	"example.com/shopsdk/internal/shop"
)

func TestOutOfStock(t *testing.T) {
	err := shop.Parse(409, nil, []byte(` + "`" + `{"error": {"code": "out_of_stock", "message": "Only 2 left.", "available": 2}}` + "`" + `))
	var e *shop.Error
	if !errors.Is(err, shop.ErrOutOfStock) || !errors.As(err, &e) || e.Details.(*shop.OutOfStockDetails).Available != 2 {
		t.Fatalf("Parse = %#v", err)
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

	runCmd(t, mod, errgen, "-out", "internal", "shop.toml")
	runCmd(t, mod, goCmd, "vet", "./...")
	runCmd(t, mod, goCmd, "test", "./...")
	runCmd(t, mod, errgen, "-check", "-out", "internal", "shop.toml")
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
