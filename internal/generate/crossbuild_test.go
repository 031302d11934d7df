package generate

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestCrossBuilds builds errgen for windows/amd64 and linux/arm64, and when
// qemu-aarch64 is installed (apt-get install qemu-user) runs the arm64
// build on spec/ and checks that it writes exactly the bytes this process
// generates: no map order, word size or byte order shows in the output.
//
// Cross-compiling the standard library twice takes most of a minute on a
// cold cache, so the test runs only when ERRGEN_CROSSBUILD=1, as CI
// (.ci/run) sets it.
func TestCrossBuilds(t *testing.T) {
	if os.Getenv("ERRGEN_CROSSBUILD") != "1" {
		t.Skip("set ERRGEN_CROSSBUILD=1 to cross-compile errgen for windows/amd64 and linux/arm64 (CI does)")
	}
	if testing.Short() {
		t.Skip("cross-compiles errgen with the go command")
	}
	t.Chdir(repoRoot)
	bin := t.TempDir()
	for _, target := range []string{"windows/amd64", "linux/arm64"} {
		goos, goarch, _ := strings.Cut(target, "/")
		cmd := exec.Command("go", "build", "-o", filepath.Join(bin, goos+"-"+goarch), "./cmd/errgen")
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0", "GOTOOLCHAIN=local", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("GOOS=%s GOARCH=%s go build ./cmd/errgen: %v\n%s", goos, goarch, err, out)
		}
	}

	qemu, err := exec.LookPath("qemu-aarch64")
	if runtime.GOARCH != "arm64" && err != nil {
		t.Skip("no qemu-aarch64 to run the linux/arm64 build (apt-get install qemu-user)")
	}
	specs := repoSpecs(t)
	want, err := Generate(specs)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	args := append([]string{filepath.Join(bin, "linux-arm64"), "-out", out}, specs...)
	if runtime.GOARCH != "arm64" {
		args = append([]string{qemu}, args...)
	}
	if b, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
		t.Fatalf("errgen built for linux/arm64: %v\n%s", err, b)
	}
	got := map[string][]byte{}
	err = filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		got[filepath.ToSlash(rel)], err = os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range want {
		if !bytes.Equal(got[f.Path], f.Bytes()) {
			t.Errorf("%s: the linux/arm64 build wrote other bytes than %s/%s", f.Path, runtime.GOOS, runtime.GOARCH)
		}
		delete(got, f.Path)
	}
	for path := range got {
		t.Errorf("%s: written only by the linux/arm64 build", path)
	}
}

// TestWindowsPaths checks, on Windows, that a spec named with backslashes
// gives the same bytes as with forward slashes: file headers say
// spec/x.toml either way.
func TestWindowsPaths(t *testing.T) {
	if runtime.GOOS != "windows" {
		t.Skip(`only Windows reads spec\x.toml as spec/x.toml`)
	}
	t.Chdir(repoRoot)
	specs := repoSpecs(t)
	want, err := Generate(specs)
	if err != nil {
		t.Fatal(err)
	}
	var back []string
	for _, s := range specs {
		back = append(back, strings.ReplaceAll(filepath.ToSlash(s), "/", `\`))
	}
	got, err := Generate(back)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if got[i].Path != want[i].Path || !bytes.Equal(got[i].Bytes(), want[i].Bytes()) {
			t.Errorf("%s: other bytes when the specs are named %s", want[i].Path, strings.Join(back, " "))
		}
	}
}
