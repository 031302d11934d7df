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
	var oldArg, newArg string // oldArg "" with -rev
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
	var oldSrc, newSrc specSource
	if *rev != "" {
		oldSrc = revSource(*rev, newArg)
	} else {
		oldSrc = argSource(oldArg)
	}
	newSrc = argSource(newArg)
	// Both specs are read and checked before either is reported, so that
	// every problem of both is listed at once.
	old, oldErr := oldSrc.model()
	new, newErr := newSrc.model()
	if oldErr != nil || newErr != nil {
		for _, err := range []error{oldErr, newErr} {
			if err != nil {
				fmt.Fprintln(stderr, err)
			}
		}
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

// specSource is a version of a spec: its name in messages and how to read
// it.
type specSource struct {
	name string
	read func() ([]byte, error)
}

// argSource is the spec named by arg, a file or, when no such file exists,
// a git object "rev:path" (path from the repository's root, or from the
// working directory when it starts with ./ or ../).
func argSource(arg string) specSource {
	return specSource{name: arg, read: func() ([]byte, error) { return readSpec(arg) }}
}

// revSource is the version of the spec file path at git revision rev, read
// by git in the spec's own directory, so that the working directory need
// not be in the spec's repository. It is named as git would name it from
// the working directory: "HEAD:./spec/trace.toml".
func revSource(rev, path string) specSource {
	name := path
	if filepath.IsAbs(path) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, path); err == nil {
				name = rel
			}
		}
	}
	name = filepath.ToSlash(filepath.Clean(name))
	if !strings.HasPrefix(name, "../") && !filepath.IsAbs(name) {
		name = "./" + name
	}
	name = rev + ":" + name
	return specSource{name: name, read: func() ([]byte, error) {
		data, err := gitBlob(filepath.Dir(path), rev+":./"+filepath.Base(path))
		if err != nil {
			return nil, fmt.Errorf("git cannot read %s at %s: %v", path, rev, err)
		}
		return data, nil
	}}
}

// model reads the spec and builds its model. Errors name the spec as the
// source is named.
func (src specSource) model() (*model.Package, error) {
	data, err := src.read()
	if err != nil {
		return nil, fmt.Errorf("errgen diff: %v", err)
	}
	f, err := spec.Parse(src.name, data)
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
	data, err = gitBlob("", arg)
	if err != nil {
		return nil, fmt.Errorf("no file %s, and git cannot read it: %v", arg, err)
	}
	return data, nil
}

// gitBlob reads the git object named obj ("rev:path") with git cat-file,
// run in dir ("" for the working directory). Its error is git's message.
func gitBlob(dir, obj string) ([]byte, error) {
	cmd := exec.Command("git", "cat-file", "blob", obj)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	data, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, errors.New(strings.TrimPrefix(msg, "fatal: "))
	}
	return data, nil
}
