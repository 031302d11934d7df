package errgenvet_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/errgen/errgen/errgenvet"
	"github.com/errgen/errgen/internal/generate"
)

// tree returns a GOPATH-style tree for analysistest: a copy of testdata/src
// with the package errgen generates from testdata/shop.toml written into
// src/shop (its Go files less the tests), beside the hand-written
// src/shop/a_local.go.
func tree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir("testdata/src", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, strings.TrimPrefix(path, "testdata"+string(filepath.Separator)))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	files, err := generate.Generate([]string{"testdata/shop.toml"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".go") || strings.HasSuffix(f.Path, "_test.go") {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, "src", filepath.FromSlash(f.Path)), f.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n == 0 {
		t.Fatal("errgen generated no Go file from testdata/shop.toml")
	}
	return dir
}

// TestAnalyzer checks every rule's diagnostics (the want comments of
// testdata/src/user), the fixes (the .golden files beside them), the
// silence on correct code (testdata/src/clean) and on the generated package
// (testdata/src/shop, whose hand-written file also compares strings), and
// the fact exported for the generated package.
func TestAnalyzer(t *testing.T) {
	dir := tree(t)
	results := analysistest.RunWithSuggestedFixes(t, dir, errgenvet.Analyzer, "shop", "user", "clean", "tableuser")

	var got *errgenvet.PackageFact
	for _, r := range results {
		if r.Pass != nil && r.Pass.Pkg.Path() == "shop" {
			for _, f := range r.Facts[nil] {
				got = f.(*errgenvet.PackageFact)
			}
		}
	}
	want := &errgenvet.PackageFact{
		Spec: "errgenvet/testdata/shop.toml",
		Codes: []errgenvet.CodeFact{
			{
				Const: "CodeOutOfStock", Value: "out_of_stock", Sentinel: "ErrOutOfStock", Details: "OutOfStockDetails",
				Messages: []string{"Only 2 items left in stock."},
			},
			{
				Const: "CodePaymentDeclined", Value: "payment_declined", Sentinel: "ErrPaymentDeclined", Details: "PaymentDeclinedDetails",
				Titles: []string{"Card declined"},
			},
			{
				Const: "CodeMissingParameter", Value: "missing_parameter", Sentinel: "ErrMissingParameter",
				Patterns: []string{"Missing required parameter: {param}"},
				Messages: []string{"Missing required parameter: sku"},
			},
			{Const: "CodeRateLimited", Value: "rate_limited", Sentinel: "ErrRateLimited"},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fact of shop (-want +got):\n%s", diff)
	}

	// RunWithSuggestedFixes checked all fixes applied together, then
	// formatted with unused imports removed, as errgen-vet -fix does. An
	// editor applies one fix at a time and neither formats nor removes
	// imports: each fix alone must keep the package compiling.
	fixes := 0
	for _, r := range results {
		if r.Pass == nil {
			continue
		}
		for _, d := range r.Diagnostics {
			for _, fix := range d.SuggestedFixes {
				fixes++
				if err := typeCheckWith(r.Pass, fix.TextEdits); err != nil {
					t.Errorf("%s: fix %q of %q: %v", r.Pass.Fset.Position(d.Pos), fix.Message, d.Message, err)
				}
			}
		}
	}
	if fixes < 20 {
		t.Errorf("%d fixes checked; the testdata has more", fixes)
	}
}

// typeCheckWith type-checks the package of pass again, with edits applied
// to its files, and returns the first error.
func typeCheckWith(pass *analysis.Pass, edits []analysis.TextEdit) error {
	byFile := make(map[string][]analysis.TextEdit)
	for _, e := range edits {
		name := pass.Fset.File(e.Pos).Name()
		byFile[name] = append(byFile[name], e)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		src, err := os.ReadFile(tf.Name())
		if err != nil {
			return err
		}
		es := byFile[tf.Name()]
		sort.SliceStable(es, func(i, j int) bool { return es[i].Pos < es[j].Pos })
		var out []byte
		last := 0
		for _, e := range es {
			start, end := tf.Offset(e.Pos), tf.Offset(e.End)
			out = append(append(out, src[last:start]...), e.NewText...)
			last = end
		}
		out = append(out, src[last:]...)
		parsed, err := parser.ParseFile(fset, tf.Name(), out, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files = append(files, parsed)
	}
	imports := make(map[string]*types.Package)
	var add func(p *types.Package)
	add = func(p *types.Package) {
		if _, ok := imports[p.Path()]; !ok {
			imports[p.Path()] = p
			for _, q := range p.Imports() {
				add(q)
			}
		}
	}
	for _, p := range pass.Pkg.Imports() {
		add(p)
	}
	conf := types.Config{Importer: importerFunc(func(path string) (*types.Package, error) {
		if p, ok := imports[path]; ok {
			return p, nil
		}
		return nil, fmt.Errorf("package %q not imported before the fix", path)
	})}
	_, err := conf.Check(pass.Pkg.Path(), fset, files, nil)
	return err
}

// importerFunc is a types.Importer.
type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
