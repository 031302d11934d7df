package generate

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Write writes files under dir, creating directories as needed, and returns
// the paths (as in File.Path) of the files whose bytes changed. A file whose
// bytes are already on disk is not touched, so it keeps its modification
// time and builds that depend on it stay cached.
//
// Write never replaces a file errgen did not write: when a target exists,
// is not empty and does not start with errgen's header (a hand-written
// file where a generated package goes), it writes nothing at all and
// returns a *ForeignFilesError naming every such target.
//
// Writing is as close to all or nothing as a file system allows: every
// changed file is first written to a temporary file beside its target, and
// only when all of them are written are they renamed into place. When any
// step before the renames fails, Write removes its temporary files and the
// directories it created, leaves every target as it was and returns the
// error. Temporary files that a killed run left in the target directories
// are removed first.
func Write(dir string, files []File) (changed []string, err error) {
	return WriteContext(context.Background(), dir, files, WriteOptions{})
}

// ErrInterrupted is returned by WriteContext when ctx is done before the
// renames start: every temporary file is removed and no target is changed.
var ErrInterrupted = errors.New("interrupted; no file was changed")

// WriteOptions adjust WriteContext.
type WriteOptions struct {
	// Pause, when not nil, is called at the points where WriteContext
	// looks at its context: ("write", i) before the temporary file of the
	// i-th changed file is written and ("rename", i) before the i-th
	// rename, counting from 0. errgen's tests use it to interrupt a run at
	// a known point.
	Pause func(step string, i int)
}

// WriteContext is Write, interruptible: when ctx is done while temporary
// files are being written, it removes them and returns ErrInterrupted,
// leaving every target as it was. Once the renames have started it ignores
// ctx and finishes them, so that no package is left half old, half new;
// the caller can then tell from ctx.Err that it was interrupted.
func WriteContext(ctx context.Context, dir string, files []File, opt WriteOptions) (changed []string, err error) {
	type pending struct {
		path, tmp, target string
	}
	var todo []pending
	var made []string // the directories this write creates, parents first
	defer func() {
		if err != nil {
			for _, p := range todo {
				os.Remove(p.tmp)
			}
			for i := len(made) - 1; i >= 0; i-- {
				os.Remove(made[i]) // only if still empty
			}
		}
	}()
	pause := func(step string, i int) {
		if opt.Pause != nil {
			opt.Pause(step, i)
		}
	}
	if ctx.Err() != nil {
		return nil, ErrInterrupted
	}
	cleaned := map[string]bool{}
	var others []string // targets errgen did not write, which it will not replace
	for _, f := range files {
		target, err := targetPath(dir, f.Path)
		if err != nil {
			return nil, err
		}
		if d := filepath.Dir(target); !cleaned[d] {
			cleaned[d] = true
			removeTemps(d)
		}
		old, err := os.ReadFile(target)
		switch {
		case err == nil && f.Equal(old):
			continue
		case err == nil && foreign(old):
			others = append(others, target)
			continue
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return nil, writeError(target, err)
		}
		if len(others) > 0 {
			continue // nothing will be written: only the other such files are looked for
		}
		pause("write", len(todo))
		if ctx.Err() != nil {
			return nil, ErrInterrupted
		}
		mode := fs.FileMode(0o644)
		if fi, err := os.Stat(target); err == nil {
			mode = fi.Mode().Perm()
		}
		made = append(made, missingDirs(filepath.Dir(target))...)
		tmp, err := writeTemp(target, f, mode)
		if err != nil {
			return nil, writeError(target, err)
		}
		todo = append(todo, pending{f.Path, tmp, target})
	}
	if len(others) > 0 {
		return nil, &ForeignFilesError{Paths: others}
	}
	if ctx.Err() != nil {
		return nil, ErrInterrupted
	}
	for i, p := range todo {
		pause("rename", i)
		if err := os.Rename(p.tmp, p.target); err != nil {
			// The renames done so far stay: the temporaries of the rest
			// are removed, and the next run rewrites what differs.
			return changed, writeError(p.target, err)
		}
		changed = append(changed, p.path)
	}
	return changed, nil
}

// ForeignFilesError is returned by Write and WriteContext when a file they
// would replace is not empty and has no errgen header on its first line: a
// hand-written file, perhaps its only copy, where a generated package now
// goes (a package named like an existing directory of the SDK). Nothing is
// written.
type ForeignFilesError struct {
	Paths []string // the files, as joined with the output directory, in the order of the files written
}

func (e *ForeignFilesError) Error() string {
	if len(e.Paths) == 1 {
		return fmt.Sprintf("will not replace %s: errgen did not write it (its first line is not errgen's header); move it away, or give the spec's package another name", e.Paths[0])
	}
	return fmt.Sprintf("will not replace %d files errgen did not write (their first line is not errgen's header): %s; move them away, or give the spec's package another name", len(e.Paths), strings.Join(e.Paths, ", "))
}

// foreign reports whether data, the contents of a file where errgen would
// write one, is not errgen's to replace: not empty, and without errgen's
// header on its first line.
func foreign(data []byte) bool {
	_, ok := headerOf(data)
	return len(data) > 0 && !ok
}

// isTemp reports whether name is that of a temporary file writeTemp makes:
// ".errors.go.tmp123456".
func isTemp(name string) bool {
	i := strings.LastIndex(name, ".tmp")
	if !strings.HasPrefix(name, ".") || i < 2 || i+len(".tmp") == len(name) {
		return false
	}
	for _, c := range name[i+len(".tmp"):] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// missingDirs returns dir and those of its parents that do not exist,
// parents first.
func missingDirs(dir string) []string {
	var missing []string
	for {
		if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
			break
		}
		missing = append([]string{dir}, missing...)
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return missing
}

// removeTemps removes the temporary files that a killed run left in dir.
// It does its best: a directory it cannot read is reported by the write
// that follows, and a temporary file it cannot remove by errgen -check.
func removeTemps(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Type().IsRegular() && isTemp(e.Name()) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// writeTemp writes file's contents to a new temporary file in target's
// directory, creating the directory if needed, and returns its name. The
// name starts with a dot so that the go command ignores a file left by a
// crash.
func writeTemp(target string, file File, mode fs.FileMode) (name string, err error) {
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
	if _, err := f.Write(file.Data); err != nil {
		return "", err
	}
	for _, p := range file.More {
		if _, err := f.Write(p); err != nil {
			return "", err
		}
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

// Drift is a generated file that differs from what is on disk, or that a
// file errgen did not write stands in the place of.
type Drift struct {
	Path    string // as in File.Path
	Missing bool   // the file is not on disk
	Foreign bool   // the file on disk is not errgen's (no header): Write will not replace it
	Err     error  // the file could not be read (other than missing)
	Diff    string // for a stale file: a unified diff from disk to generated, at most about 40 lines
}

// Problem says what is wrong with the file: "missing", "stale", that
// errgen did not write the file on disk, or why it could not be read.
func (d Drift) Problem() string {
	switch {
	case d.Missing:
		return "missing"
	case d.Foreign:
		return "exists, but errgen did not write it (its first line is not errgen's header), so errgen will not replace it"
	case d.Err != nil:
		return d.Err.Error()
	}
	return "stale"
}

// Check compares files with what is under dir and returns, in the order of
// files, every file that is missing, unreadable or stale, or whose place a
// file errgen did not write holds (Foreign: Write would not replace it).
// It writes nothing.
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
		case f.Equal(old):
		case foreign(old):
			drift = append(drift, Drift{Path: f.Path, Foreign: true})
		default:
			name := filepath.ToSlash(target)
			drift = append(drift, Drift{Path: f.Path,
				Diff: unifiedDiff(name+" (on disk)", name+" (generated)", old, f.Bytes(), maxDiffLines)})
		}
	}
	return drift
}
