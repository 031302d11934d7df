package generate

import (
	"bytes"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/errgen/errgen/internal/golit"
	"github.com/errgen/errgen/internal/model"
	"github.com/errgen/errgen/internal/spec"
)

// FuzzGenerate runs the whole pipeline on arbitrary spec files: the loader
// and the model either accept a spec or give positioned errors, and every
// spec they accept generates the same files twice, Go files that parse, are
// marked generated, are as gofmt writes them and declare no init function
// (spec text never becomes code).
func FuzzGenerate(f *testing.F) {
	archives, _ := filepath.Glob("testdata/*.txtar")
	for _, name := range archives {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if strings.HasSuffix(file.Name, ".toml") {
				f.Add(file.Data)
			}
		}
	}
	specs, _ := filepath.Glob(filepath.Join(repoRoot, "spec", "*.toml"))
	for _, name := range specs {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(hostileSpec("hall", map[string]string{"summary": payload, "title": exprPayload, "remedy": cleanPayload}, keywordCodes, payload)))
	f.Fuzz(func(t *testing.T, src []byte) {
		const path = "spec/fuzz.toml"
		file, err := spec.Parse(path, src)
		if err != nil {
			checkPositioned(t, err, path)
			return
		}
		m, err := model.Build(file)
		if err != nil {
			checkPositioned(t, err, path)
			return
		}
		files, err := Package(m)
		if err != nil {
			t.Fatalf("a spec the loader and the model accept does not generate: %v", err)
		}
		again, err := Package(m)
		if err != nil || len(again) != len(files) {
			t.Fatalf("generating twice: %d files, then %d and %v", len(files), len(again), err)
		}
		for i, file := range files {
			if again[i].Path != file.Path || !bytes.Equal(again[i].Bytes(), file.Bytes()) {
				t.Fatalf("%s differs when generated twice", file.Path)
			}
			if !strings.HasSuffix(file.Path, ".go") {
				continue
			}
			af, err := parser.ParseFile(token.NewFileSet(), file.Path, file.Bytes(), parser.ParseComments)
			if err != nil {
				t.Fatalf("%s does not parse: %v", file.Path, err)
			}
			if !ast.IsGenerated(af) {
				t.Fatalf("%s: ast.IsGenerated is false", file.Path)
			}
			// The runtime's copies are the same for every spec but for
			// their first lines; TestGeneratedCode checks them.
			if base := file.Path[strings.LastIndexByte(file.Path, '/')+1:]; base != "runtime.go" && base != "conformance_test.go" {
				if err := golit.Formatted(file.Bytes()); err != nil {
					t.Fatalf("%s is not as gofmt writes it: %v", file.Path, err)
				}
			}
			for _, d := range af.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "init" {
					t.Fatalf("%s declares func init", file.Path)
				}
			}
		}
	})
}

// checkPositioned checks that err is a non-empty spec.ErrorList whose
// errors name the file path and a line and column.
func checkPositioned(t *testing.T, err error, path string) {
	t.Helper()
	var list spec.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error %T is not a spec.ErrorList: %v", err, err)
	}
	for _, e := range list {
		if e.File != path || e.Pos.Line < 1 || e.Pos.Col < 1 || e.Msg == "" {
			t.Fatalf("badly placed error %q", e)
		}
	}
}
