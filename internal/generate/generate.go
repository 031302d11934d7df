// Package generate runs errgen's pipeline: load specs, build their models,
// emit each package's Go files and reference docs, and write or check them
// against an output directory, finding and pruning what no spec produces
// there any more (see Leftovers).
package generate

import (
	"fmt"
	"path"
	"sort"

	"github.com/errgen/errgen/internal/gogen"
	"github.com/errgen/errgen/internal/model"
	"github.com/errgen/errgen/internal/spec"
	"github.com/errgen/errgen/templates"
)

// File is one generated file; Path is relative to the output directory and
// uses forward slashes ("trace/errors.go"). Its contents are Data followed
// by each of More, the parts the emitters wrote (see gogen.File); no part
// may be modified.
type File struct {
	Path string
	Data []byte
	More [][]byte
}

// gogen is f as a gogen.File, whose methods handle the parts.
func (f File) gogen() gogen.File { return gogen.File{Data: f.Data, More: f.More} }

// Bytes returns the file's contents: Data when there is nothing More, else
// a new slice holding every part.
func (f File) Bytes() []byte { return f.gogen().Bytes() }

// Len is the length of the file's contents.
func (f File) Len() int { return f.gogen().Len() }

// Equal reports whether the file's contents are b.
func (f File) Equal(b []byte) bool { return f.gogen().Equal(b) }

// Generate loads every spec and returns the files of all their packages,
// sorted by path, so the result does not depend on the order of specs. When
// any spec has problems it returns all of them as a spec.ErrorList (sorted;
// each names its file as given) and no files.
func Generate(specPaths []string) ([]File, error) {
	var errs spec.ErrorList
	var pkgs []*model.Package
	firstPkg := map[string]string{}
	for _, p := range specPaths {
		// A file with problems still goes to the model, which finds what
		// only Go names reveal (collisions), so that one run reports all.
		f, loadErrs := spec.LoadPartial(p)
		errs = append(errs, loadErrs...)
		if f == nil {
			continue
		}
		m, err := model.Build(f)
		if err != nil {
			errs = append(errs, newErrors(asList(p, err), loadErrs)...)
		}
		if len(loadErrs) > 0 || err != nil {
			continue
		}
		if first, ok := firstPkg[m.Name]; ok {
			errs = append(errs, &spec.PosError{File: p, Pos: f.Pos("api.package"),
				Msg: fmt.Sprintf("package %q is also generated from %s", m.Name, first)})
			continue
		}
		firstPkg[m.Name] = p
		pkgs = append(pkgs, m)
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	// Large packages (gogen.Concurrent) are generated concurrently, the
	// others one after another; each keeps its place in pkgs, so the first
	// error and the files do not depend on scheduling.
	perPkg := make([][]File, len(pkgs))
	errsPkg := make([]error, len(pkgs))
	var tasks gogen.Tasks
	for i, m := range pkgs {
		tasks.Go(gogen.Concurrent(m), func() { perPkg[i], errsPkg[i] = Package(m) })
	}
	tasks.Wait()
	var files []File
	for i := range pkgs {
		if errsPkg[i] != nil {
			return nil, errsPkg[i]
		}
		files = append(files, perPkg[i]...)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// Package returns the files of one package: its Go files and ERRORS.md,
// which is rendered while the Go files are when the package is large
// (gogen.Concurrent).
func Package(m *model.Package) ([]File, error) {
	var md [][]byte
	var mdErr error
	var tasks gogen.Tasks
	tasks.Go(gogen.Concurrent(m), func() { md, mdErr = templates.ErrorsMD(m) })
	goFiles, err := gogen.Generate(m)
	tasks.Wait()
	if err != nil {
		return nil, err
	}
	var files []File
	for _, g := range goFiles {
		files = append(files, File{Path: path.Join(m.Name, g.Name), Data: g.Data, More: g.More})
	}
	if err := mdErr; err != nil {
		return nil, err
	}
	files = append(files, File{Path: path.Join(m.Name, "ERRORS.md"), More: md})
	return files, nil
}

// newErrors returns the errors of found that are not at the position of
// one already reported: a key the loader rejected needs no second message
// from the model.
func newErrors(found, reported spec.ErrorList) spec.ErrorList {
	at := map[spec.Pos]bool{}
	for _, e := range reported {
		at[e.Pos] = true
	}
	var out spec.ErrorList
	for _, e := range found {
		if !at[e.Pos] {
			out = append(out, e)
		}
	}
	return out
}

// asList turns a loader error into positioned errors.
func asList(file string, err error) spec.ErrorList {
	if l, ok := err.(spec.ErrorList); ok {
		return l
	}
	return spec.ErrorList{&spec.PosError{File: file, Pos: spec.Pos{Line: 1, Col: 1}, Msg: err.Error()}}
}
