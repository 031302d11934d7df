package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/errgen/errgen/internal/model"
	"github.com/errgen/errgen/internal/spec"
	"github.com/errgen/errgen/internal/specdiff"
)

const diffUsage = `usage: errgen diff [-C dir] old.toml new.toml
       errgen diff [-C dir] -rev rev spec.toml
Run 'go doc github.com/errgen/errgen/cmd/errgen' for details.
`

// runDiff is errgen diff: it compares two versions of a spec and returns
// 1 when a change breaks callers, 0 when none does, 2 when the specs
// cannot be compared.
func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("errgen diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, diffUsage)
		fs.PrintDefaults()
	}
	chdir := fs.String("C", "", "change to `dir` before doing anything else")
	rev := fs.String("rev", "", "compare the spec with its version at git `revision`")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if msg := flagAfterSpecs(args, fs.Args()); msg != "" {
		fmt.Fprint(stderr, "errgen diff: "+msg+"\n"+diffUsage)
		return 2
	}
	var oldArg, newArg string
	switch {
	case *rev != "" && fs.NArg() == 1:
		newArg = fs.Arg(0)
	case *rev == "" && fs.NArg() == 2:
		oldArg, newArg = fs.Arg(0), fs.Arg(1)
	case *rev != "":
		fmt.Fprint(stderr, "errgen diff: -rev takes exactly one spec\n"+diffUsage)
		return 2
	default:
		fmt.Fprint(stderr, "errgen diff: want two specs, or -rev and one spec\n"+diffUsage)
		return 2
	}
	if *chdir != "" {
		if err := os.Chdir(*chdir); err != nil {
			fmt.Fprintln(stderr, "errgen diff:", err)
			return 2
		}
	}
	if *rev != "" {
		var err error
		if oldArg, err = revPath(*rev, newArg); err != nil {
			fmt.Fprintln(stderr, "errgen diff:", err)
			return 2
		}
	}
	old, err := loadModel(oldArg)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	new, err := loadModel(newArg)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	r := specdiff.Compare(old, new)
	if err := r.Write(stdout); err != nil {
		fmt.Fprintln(stderr, "errgen diff:", err)
		return 2
	}
	if r.Breaking() {
		return 1
	}
	return 0
}

// revPath names the version of the spec at path in git revision rev, as
// git understands it from the working directory: "HEAD:./spec/trace.toml".
func revPath(rev, path string) (string, error) {
	if filepath.IsAbs(path) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		if path, err = filepath.Rel(wd, path); err != nil {
			return "", err
		}
	}
	p := filepath.ToSlash(filepath.Clean(path))
	if !strings.HasPrefix(p, "../") {
		p = "./" + p
	}
	return rev + ":" + p, nil
}

// loadModel loads the spec named by arg, a file or, when no such file
// exists, a git object "rev:path" (path from the repository's root, or
// from the working directory when it starts with ./ or ../), and builds
// its model. Errors name the spec as arg.
func loadModel(arg string) (*model.Package, error) {
	data, err := readSpec(arg)
	if err != nil {
		return nil, fmt.Errorf("errgen diff: %v", err)
	}
	f, err := spec.Parse(arg, data)
	if err != nil {
		return nil, err
	}
	return model.Build(f)
}

// readSpec reads a spec file, or a spec from git when arg is rev:path and
// names no file.
func readSpec(arg string) ([]byte, error) {
	data, err := os.ReadFile(arg)
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		return data, err
	}
	rev, path, ok := strings.Cut(arg, ":")
	if !ok || rev == "" || path == "" || filepath.VolumeName(arg) != "" {
		return nil, err
	}
	cmd := exec.Command("git", "cat-file", "blob", arg)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	data, err = cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("no file %s, and git cannot read it: %s", arg, strings.TrimPrefix(msg, "fatal: "))
	}
	return data, nil
}
