package generate

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Write writes files under dir, creating directories as needed, and returns
// the paths (as in File.Path) of the files whose bytes changed. A file whose
// bytes are already on disk is not touched, so it keeps its modification
// time and builds that depend on it stay cached.
//
// Writing is as close to all or nothing as a file system allows: every
// changed file is first written to a temporary file beside its target, and
// only when all of them are written are they renamed into place. When any
// step before the renames fails, Write removes its temporary files, leaves
// every target as it was and returns the error.
func Write(dir string, files []File) (changed []string, err error) {
	type pending struct {
		path, tmp, target string
	}
	var todo []pending
	defer func() {
		if err != nil {
			for _, p := range todo {
				os.Remove(p.tmp)
			}
		}
	}()
	for _, f := range files {
		target, err := targetPath(dir, f.Path)
		if err != nil {
			return nil, err
		}
		old, err := os.ReadFile(target)
		switch {
		case err == nil && bytes.Equal(old, f.Data):
			continue
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return nil, writeError(target, err)
		}
		mode := fs.FileMode(0o644)
		if fi, err := os.Stat(target); err == nil {
			mode = fi.Mode().Perm()
		}
		tmp, err := writeTemp(target, f.Data, mode)
		if err != nil {
			return nil, writeError(target, err)
		}
		todo = append(todo, pending{f.Path, tmp, target})
	}
	for _, p := range todo {
		if err := os.Rename(p.tmp, p.target); err != nil {
			return changed, writeError(p.target, err)
		}
		changed = append(changed, p.path)
	}
	return changed, nil
}

// writeTemp writes data to a new temporary file in target's directory,
// creating the directory if needed, and returns its name. The name starts
// with a dot so that the go command ignores a file left by a crash.
func writeTemp(target string, data []byte, mode fs.FileMode) (name string, err error) {
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp*")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(data); err != nil {
		return "", err
	}
	if err := f.Chmod(mode); err != nil {
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	return f.Name(), nil
}

// writeError says which file could not be written. The target is named
// once: the cause drops the path of a temporary file or directory.
func writeError(target string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	return fmt.Errorf("cannot write %s: %w", target, err)
}

// targetPath joins dir and a File.Path, refusing a path that would leave
// dir.
func targetPath(dir, p string) (string, error) {
	local := filepath.FromSlash(p)
	if !filepath.IsLocal(local) {
		return "", fmt.Errorf("generated file path %q is not inside the output directory", p)
	}
	return filepath.Join(dir, local), nil
}

// Drift is a generated file that differs from what is on disk.
type Drift struct {
	Path    string // as in File.Path
	Missing bool   // the file is not on disk
	Err     error  // the file could not be read (other than missing)
	Diff    string // for a stale file: a unified diff from disk to generated, at most about 40 lines
}

// Problem says what is wrong with the file: "missing", "stale" or why it
// could not be read.
func (d Drift) Problem() string {
	switch {
	case d.Missing:
		return "missing"
	case d.Err != nil:
		return d.Err.Error()
	}
	return "stale"
}

// Check compares files with what is under dir and returns, in the order of
// files, every file that is missing, unreadable or stale. It writes
// nothing.
func Check(dir string, files []File) []Drift {
	var drift []Drift
	for _, f := range files {
		target, err := targetPath(dir, f.Path)
		if err != nil {
			drift = append(drift, Drift{Path: f.Path, Err: err})
			continue
		}
		old, err := os.ReadFile(target)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			drift = append(drift, Drift{Path: f.Path, Missing: true})
		case err != nil:
			drift = append(drift, Drift{Path: f.Path, Err: err})
		case !bytes.Equal(old, f.Data):
			name := filepath.ToSlash(target)
			drift = append(drift, Drift{Path: f.Path,
				Diff: unifiedDiff(name+" (on disk)", name+" (generated)", old, f.Data, maxDiffLines)})
		}
	}
	return drift
}
