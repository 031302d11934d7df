// Package gogen emits the Go files of a generated error package from a
// model.Package, with github.com/dave/jennifer, formatted once with
// go/format; what grows with every code is written in gofmt's layout
// directly and added after formatting, since formatting it was most of
// the generator's time: the data tables (errors.go's schema,
// errors_test.go's examples and rows, with package golit) and errors.go's
// declarations per code (constants, sentinels, details types and the
// hooks that reach them: percode.go). It sees only the
// model and the decoding core, never a spec.
//
// A generated package is two halves. The spec's half is emitted here:
// doc.go (the package documentation), errors.go (codes, sentinels, typed
// details, the Error type, and the decoding tables the runtime reads),
// errors_test.go (the documented examples and code tables as data) and
// example_test.go. The other half is errgen's runtime, copied verbatim
// from internal/runtime: runtime.go (Parse, FromResponse, the JSON
// reader, retry helpers) and conformance_test.go (the tests that run on
// the data).
package gogen

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"sync"

	"github.com/dave/jennifer/jen"

	"github.com/errgen/errgen/internal/chunked"
	"github.com/errgen/errgen/internal/model"
	"github.com/errgen/errgen/internal/runtime"
)

// Version names the errgen release the runtime files come from; their
// header says it.
const Version = "v0.2.0"

// File is one generated file: a name within the package directory and its
// contents, Data followed by each of More in order.
//
// The parts are what the emitters wrote, as they wrote them: errors.go and
// errors_test.go are written in chunks (package chunked), which need no
// estimate of their size and are never copied to grow; the runtime files
// are their header and package clause, then the rest of the runtime's
// source, shared by every package (not a copy of it). No part may be
// modified.
type File struct {
	Name string
	Data []byte
	More [][]byte
}

// Bytes returns the file's contents: Data when there is nothing More, else
// a new slice holding every part.
func (f File) Bytes() []byte {
	if len(f.More) == 0 {
		return f.Data
	}
	out := make([]byte, 0, f.Len())
	out = append(out, f.Data...)
	for _, p := range f.More {
		out = append(out, p...)
	}
	return out
}

// Len is the length of the file's contents.
func (f File) Len() int {
	n := len(f.Data)
	for _, p := range f.More {
		n += len(p)
	}
	return n
}

// Equal reports whether the file's contents are b.
func (f File) Equal(b []byte) bool {
	if len(b) != f.Len() || !bytes.HasPrefix(b, f.Data) {
		return false
	}
	b = b[len(f.Data):]
	for _, p := range f.More {
		if !bytes.HasPrefix(b, p) {
			return false
		}
		b = b[len(p):]
	}
	return true
}

// Concurrent reports whether p is large enough (ConcurrentCodes) that its
// files are generated concurrently.
func Concurrent(p *model.Package) bool { return len(p.Codes) >= ConcurrentCodes }

// ConcurrentCodes is the number of codes from which a package's files are
// generated concurrently, and package generate generates the package
// beside others. Below it the goroutines cost more CPU than they save
// time: BenchmarkGenerateSynthetic on 2 cores took 15 ms of CPU for 100
// codes concurrently against 12.5 ms sequentially, in the same 10.5 ms of
// wall time, and 114 ms for 1,000 codes either way, but 78 ms of wall time
// concurrently against 89 ms.
const ConcurrentCodes = 256

// Tasks runs functions, each in a goroutine of its own or in the caller,
// as asked (see Concurrent), and waits for the goroutines it started. The
// zero value is ready to use.
type Tasks struct{ wg sync.WaitGroup }

// Go calls f in a new goroutine when concurrent, else before it returns.
func (t *Tasks) Go(concurrent bool, f func()) {
	if !concurrent {
		f()
		return
	}
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		f()
	}()
}

// Wait waits for the goroutines Go started.
func (t *Tasks) Wait() { t.wg.Wait() }

// Generate returns the Go files of p's package, in a fixed order: doc.go,
// errors.go, runtime.go, errors_test.go, conformance_test.go and
// example_test.go. The emitted files are rendered concurrently when p is
// large (Concurrent); the runtime files get their header and package
// clause, and the rest of the runtime's source as it is (File.More).
func Generate(p *model.Package) ([]File, error) {
	g := &gen{p: p, pkg: p.Name}
	render := func(emit func() *jen.File) func() (File, error) {
		return func() (File, error) {
			out, err := g.render(emit())
			return File{Data: out}, err
		}
	}
	builders := []struct {
		name    string
		build   func() (File, error)
		runtime []byte // instead of build: a runtime source to copy
	}{
		{name: "doc.go", build: render(g.docFile)},
		{name: "errors.go", build: func() (File, error) {
			out, err := g.render(g.errorsFile())
			if err != nil {
				return File{}, err
			}
			// The declarations that grow with every code are written as
			// gofmt writes them (percode.go): the constants and sentinels
			// after the Code type, the details types and the hooks after
			// the rest; the schema table, also in gofmt's layout, at the end.
			i := bytes.Index(out, codeTypeDecl)
			if i < 0 {
				return File{}, fmt.Errorf("errors.go has no line %q", bytes.TrimSpace(codeTypeDecl))
			}
			i += len(codeTypeDecl)
			var b chunked.Buffer
			g.codeDecls(&b)
			b.Write(out[i:])
			g.codeDetails(&b)
			g.codeHooks(&b)
			b.WriteByte('\n')
			if err := g.schema(&b); err != nil {
				return File{}, err
			}
			return File{Data: out[:i:i], More: b.Chunks()}, nil
		}},
		{name: "runtime.go", runtime: runtime.Source},
		{name: "errors_test.go", build: func() (File, error) {
			n := &namer{p: g.p}
			tables := g.testTables(n) // first: it decides whether ptr is needed
			out, err := g.render(g.testFile(n))
			if err != nil {
				return File{}, err
			}
			var b chunked.Buffer
			b.WriteByte('\n')
			if err := tables(&b); err != nil {
				return File{}, err
			}
			return File{Data: out, More: b.Chunks()}, nil
		}},
		{name: "conformance_test.go", runtime: runtime.ConformanceSource},
		{name: "example_test.go", build: render(g.exampleFile)},
	}
	files := make([]File, len(builders))
	errs := make([]error, len(builders))
	var tasks Tasks
	for i, b := range builders {
		if b.build == nil {
			files[i], errs[i] = g.copyRuntime(b.runtime)
			files[i].Name = b.name
			continue
		}
		tasks.Go(Concurrent(p), func() {
			files[i], errs[i] = b.build()
			files[i].Name = b.name
		})
	}
	tasks.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %v", p.SpecPath, files[i].Name, err)
		}
	}
	return files, nil
}

// gen holds what every emitter needs.
type gen struct {
	p   *model.Package
	pkg string
}

// Header is the first line of every generated file.
func Header(specPath string) string {
	return "Code generated by errgen from " + cleanLine(specPath) + ". DO NOT EDIT."
}

func (g *gen) newFile() *jen.File {
	f := jen.NewFile(g.pkg)
	f.HeaderComment(Header(g.p.SpecPath))
	return f
}

// render writes f out and formats it once, as gofmt would. jennifer's
// own formatting pass is off (NoFormat): it would be a second one.
// jennifer builds the file in buffers of its own and writes it to buf
// once, so buf is allocated once, at the file's size.
func (g *gen) render(f *jen.File) ([]byte, error) {
	f.NoFormat = true
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, err
	}
	out, err := format.Source(buf.Bytes())
	if err != nil && debugRender {
		return buf.Bytes(), nil
	}
	return out, err
}

var debugRender = os.Getenv("ERRGEN_DEBUG_RENDER") != ""

// codeTypeDecl is the line of errors.go after which codeDecls go.
var codeTypeDecl = []byte("\ntype Code string\n")

// runtimeClause is the package clause of the runtime sources.
var runtimeClause = []byte("\n" + runtime.Clause + "\n")

// copyRuntime copies a runtime source into the package: the errgen header
// and the version go on top, and the package clause is renamed; nothing
// else changes. The sources are gofmt'ed (CI checks them), so the copy is
// formatted too. The file's Data is the header and the clause, its More
// the source after the clause, not copied.
func (g *gen) copyRuntime(src []byte) (File, error) {
	i := bytes.Index(src, runtimeClause)
	if i < 0 {
		return File{}, fmt.Errorf("internal/runtime source has no line %q", bytes.TrimSpace(runtimeClause))
	}
	var b bytes.Buffer
	b.Grow(i + 256)
	fmt.Fprintf(&b, "// %s\n// errgen runtime %s.\n\n", Header(g.p.SpecPath), Version)
	b.Write(src[:i])
	fmt.Fprintf(&b, "\npackage %s\n", g.pkg)
	tail := src[i+len(runtimeClause):]
	return File{Data: b.Bytes(), More: [][]byte{tail[:len(tail):len(tail)]}}, nil
}
