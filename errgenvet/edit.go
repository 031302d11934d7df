package errgenvet

import (
	"bytes"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// This file holds what the fixes share: naming a package from the current
// file (adding its import when needed), printing expressions, and moving
// the rest of a block into an if statement.

// qualifier returns the name by which code at pos in the current file can
// refer to pkg, with the edits that add its import when the file lacks
// one. It reports false when no name is safe there (the package is imported
// with _ or ., or its name is taken).
func (c *checker) qualifier(pos token.Pos, pkg *types.Package) (string, []analysis.TextEdit, bool) {
	return c.importName(pos, pkg.Path(), pkg.Name())
}

// errorsName is qualifier for the standard errors package.
func (c *checker) errorsName(pos token.Pos) (string, []analysis.TextEdit, bool) {
	return c.importName(pos, "errors", "errors")
}

// importName is qualifier for the package path whose name is name.
func (c *checker) importName(pos token.Pos, path, name string) (string, []analysis.TextEdit, bool) {
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return "", nil, false
	}
	for _, spec := range c.file.Imports {
		pn := c.pass.TypesInfo.PkgNameOf(spec)
		if pn == nil || pn.Imported().Path() != path || pn.Name() == "_" || pn.Name() == "." {
			continue
		}
		if _, obj := scope.LookupParent(pn.Name(), pos); obj == pn {
			return pn.Name(), []analysis.TextEdit{}, true
		}
	}
	if _, obj := scope.LookupParent(name, pos); obj != nil {
		return "", nil, false
	}
	return name, c.addImport(path), true
}

// addImport returns the edits that add an import of path to the current
// file: in the first group of its first parenthesised import declaration,
// in order, or as a declaration of its own.
func (c *checker) addImport(path string) []analysis.TextEdit {
	quoted := strconv.Quote(path)
	insert := func(pos token.Pos, text string) []analysis.TextEdit {
		return []analysis.TextEdit{{Pos: pos, End: pos, NewText: []byte(text)}}
	}
	for _, decl := range c.file.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		if !gd.Lparen.IsValid() || len(gd.Specs) == 0 {
			return insert(gd.Pos(), "import "+quoted+"\n\n")
		}
		line := func(p token.Pos) int { return c.pass.Fset.Position(p).Line }
		var last *ast.ImportSpec
		for i, s := range gd.Specs {
			spec := s.(*ast.ImportSpec)
			if i > 0 && line(spec.Pos()) > line(last.End())+1 {
				break // a blank line ends the first group
			}
			if spec.Path.Value > quoted {
				return insert(spec.Pos(), quoted+"\n\t")
			}
			last = spec
		}
		return insert(last.End(), "\n\t"+quoted)
	}
	return insert(c.file.Name.End(), "\n\nimport "+quoted)
}

// dropImports returns the edits that delete the imports of the current
// file whose every use lies between pos and end, text a fix removes,
// unless the fix's new text refers to them by one of the names in keep.
func (c *checker) dropImports(pos, end token.Pos, keep ...string) []analysis.TextEdit {
	var edits []analysis.TextEdit
	for _, spec := range c.file.Imports {
		pn := c.pass.TypesInfo.PkgNameOf(spec)
		if pn == nil || slices.Contains(keep, pn.Name()) {
			continue
		}
		uses := c.usesOf(pn)
		if len(uses) == 0 || slices.ContainsFunc(uses, func(id *ast.Ident) bool { return id.Pos() < pos || id.Pos() >= end }) {
			continue
		}
		del := analysis.TextEdit{Pos: spec.Pos(), End: spec.End()}
		for _, d := range c.file.Decls {
			if gd, ok := d.(*ast.GenDecl); ok && !gd.Lparen.IsValid() && len(gd.Specs) == 1 && gd.Specs[0] == spec {
				del = analysis.TextEdit{Pos: gd.Pos(), End: gd.End()}
			}
		}
		edits = append(edits, del)
	}
	return edits
}

// render prints e as Go source.
func (c *checker) render(e ast.Expr) string {
	var b bytes.Buffer
	if err := printer.Fprint(&b, c.pass.Fset, e); err != nil {
		return types.ExprString(e)
	}
	return b.String()
}

// pure reports whether e is an identifier or a chain of field selections
// on one, so that a fix may evaluate it more than once.
func pure(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return pure(e.X)
	}
	return false
}

// stmtList returns the statement list that holds the statement at cur and
// the statement's index in it.
func stmtList(cur inspector.Cursor) ([]ast.Stmt, int, bool) {
	k, i := cur.ParentEdge()
	switch k {
	case edge.BlockStmt_List:
		return cur.Parent().Node().(*ast.BlockStmt).List, i, true
	case edge.CaseClause_Body:
		return cur.Parent().Node().(*ast.CaseClause).Body, i, true
	case edge.CommClause_Body:
		return cur.Parent().Node().(*ast.CommClause).Body, i, true
	}
	return nil, 0, false
}

// wrapRest returns the edits that replace the statement at cur with the
// header of an if statement ("if cond" without the brace) whose body is
// every statement after it in its block. It reports false when that could
// change whether the code compiles: when nothing follows, when the last
// statement may be terminating (the block would then lack a return) or is
// a fallthrough, or when a statement that follows is labelled (a goto
// before it would jump into a block).
func wrapRest(cur inspector.Cursor, header string) ([]analysis.TextEdit, bool) {
	list, i, ok := stmtList(cur)
	if !ok || i+1 >= len(list) {
		return nil, false
	}
	rest := list[i+1:]
	for _, s := range rest {
		if _, ok := s.(*ast.LabeledStmt); ok {
			return nil, false
		}
	}
	last := rest[len(rest)-1]
	if !nonTerminating(last) {
		return nil, false
	}
	// Several fixes may close a brace after the same statement; drivers
	// merge identical insertions into one, so each indents its brace with a
	// different number of tabs (gofmt corrects them).
	n := 1
	for _, s := range list[:i] {
		switch s.(type) {
		case *ast.ExprStmt, *ast.AssignStmt:
			n++
		}
	}
	s := list[i]
	return []analysis.TextEdit{
		{Pos: s.Pos(), End: s.End(), NewText: []byte(header + " {")},
		{Pos: last.End(), End: last.End(), NewText: []byte("\n" + strings.Repeat("\t", n) + "}")},
	}, true
}

// nonTerminating reports whether s is certainly not a terminating
// statement (Go spec, "Terminating statements") nor a fallthrough.
func nonTerminating(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.AssignStmt, *ast.IncDecStmt, *ast.SendStmt, *ast.DeclStmt,
		*ast.GoStmt, *ast.DeferStmt, *ast.RangeStmt, *ast.EmptyStmt:
		return true
	case *ast.ExprStmt:
		call, ok := s.X.(*ast.CallExpr)
		if !ok {
			return true
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		return !ok || id.Name != "panic"
	case *ast.IfStmt:
		return s.Else == nil
	case *ast.ForStmt:
		return s.Cond != nil
	}
	return false
}

// usesOf returns the identifiers that refer to obj in the package.
func (c *checker) usesOf(obj types.Object) []*ast.Ident {
	if c.uses == nil {
		c.uses = make(map[types.Object][]*ast.Ident)
		for id, o := range c.pass.TypesInfo.Uses {
			c.uses[o] = append(c.uses[o], id)
		}
	}
	return c.uses[obj]
}

// initOf returns the expression a variable is declared with (var v = x or
// v := x), or nil.
func (c *checker) initOf(obj types.Object) ast.Expr {
	if c.defs == nil {
		c.defs = make(map[types.Object]ast.Expr)
		for _, f := range c.pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.ValueSpec:
					if len(n.Names) == len(n.Values) {
						for i, id := range n.Names {
							c.defs[c.pass.TypesInfo.Defs[id]] = n.Values[i]
						}
					}
				case *ast.AssignStmt:
					if n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) {
						for i, l := range n.Lhs {
							if id, ok := l.(*ast.Ident); ok && c.pass.TypesInfo.Defs[id] != nil {
								c.defs[c.pass.TypesInfo.Defs[id]] = n.Rhs[i]
							}
						}
					}
				}
				return true
			})
		}
	}
	return c.defs[obj]
}

// assigned reports whether obj is assigned anywhere but its declaration.
func (c *checker) assigned(obj types.Object) bool {
	found := false
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok {
				for _, l := range as.Lhs {
					if id, ok := ast.Unparen(l).(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == obj {
						found = true
					}
				}
			}
			return !found
		})
	}
	return found
}
