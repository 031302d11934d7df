package errgenvet

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// This file holds rules 4 (an unchecked type assertion on Details) and 5
// (the result of errors.As ignored).

// assertDetails checks a type assertion for rule 4. An assertion in the
// body of an if whose condition tests the code the asserted type belongs
// to (e.Code == trace.CodeX, errors.Is(err, trace.ErrX)), or in the case
// of a switch on a Code that lists that code alone, is not reported: the
// generated decoder sets Details to that type for that code.
func (c *checker) assertDetails(cur inspector.Cursor, n *ast.TypeAssertExpr) {
	if n.Type == nil {
		return // a type switch
	}
	g, ok := c.named(c.typeOf(n.X), "Details")
	if !ok {
		return
	}
	parent := cur.Parent().Node()
	switch p := parent.(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) == 2 && len(p.Rhs) == 1 {
			return // v, ok = x.(T)
		}
	case *ast.ValueSpec:
		if len(p.Names) == 2 && len(p.Values) == 1 {
			return // var v, ok = x.(T)
		}
	}
	var code *CodeFact
	if named, ok := types.Unalias(deref(c.typeOf(n.Type))).(*types.Named); ok && named.Obj().Pkg() == g.pkg {
		for i := range g.fact.Codes {
			if g.fact.Codes[i].Details == named.Obj().Name() {
				code = &g.fact.Codes[i]
			}
		}
	}
	if code != nil && c.guarded(cur, g, code) {
		return
	}

	// The fix needs v := x.(T); the message names v when there is one.
	v := "d"
	as, _ := parent.(*ast.AssignStmt)
	if as != nil && as.Tok == token.DEFINE && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
		if id, ok := as.Lhs[0].(*ast.Ident); ok && id.Name != "_" {
			v = id.Name
		} else {
			as = nil
		}
	} else {
		as = nil
		if vs, ok := parent.(*ast.ValueSpec); ok && len(vs.Names) == 1 && vs.Names[0].Name != "_" {
			v = vs.Names[0].Name
		}
	}
	when := fmt.Sprintf("when %s holds another type", types.ExprString(n.X))
	if code != nil {
		when = fmt.Sprintf("for every code but %s.%s", g.pkg.Name(), code.Const)
	}
	msg := fmt.Sprintf("unchecked type assertion %s panics %s: use the comma-ok form, %s, ok := %s",
		types.ExprString(n), when, v, types.ExprString(n))
	if as == nil {
		c.report(n, msg, "", nil)
		return
	}
	stmt := cur.Parent()
	list, i, inList := stmtList(stmt)
	if !inList {
		c.report(n, msg, "", nil)
		return
	}
	okName := "ok"
	for k := 2; k < 10 && mentions(list[i:], okName); k++ {
		okName = fmt.Sprintf("ok%d", k)
	}
	if mentions(list[i:], okName) {
		c.report(n, msg, "", nil)
		return
	}
	edits, fixable := wrapRest(stmt, fmt.Sprintf("if %s, %s := %s; %s", v, okName, c.render(n), okName))
	if !fixable {
		c.report(n, msg, "", nil)
		return
	}
	c.report(n, msg, "Use the comma-ok form", edits)
}

// mentions reports whether an identifier called name appears in stmts.
func mentions(stmts []ast.Stmt, name string) bool {
	found := false
	for _, s := range stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && id.Name == name {
				found = true
			}
			return !found
		})
	}
	return found
}

// guarded reports whether the node at cur only runs when the code of the
// error is code: in the body of an if whose condition has a conjunct
// X.Code == pkg.CodeX or errors.Is(err, pkg.ErrX), or in a switch case
// that lists only that code (or only such a condition).
func (c *checker) guarded(cur inspector.Cursor, g gen, code *CodeFact) bool {
	child := cur
	for p := cur.Parent(); ; child, p = p, p.Parent() {
		switch n := p.Node().(type) {
		case *ast.File, *ast.FuncDecl, *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if k, _ := child.ParentEdge(); k == edge.IfStmt_Body && c.condGuards(n.Cond, g, code) {
				return true
			}
		case *ast.CaseClause:
			k, _ := child.ParentEdge()
			sw, ok := p.Parent().Parent().Node().(*ast.SwitchStmt)
			if !ok || k != edge.CaseClause_Body || len(n.List) != 1 {
				break
			}
			if sw.Tag == nil && c.condGuards(n.List[0], g, code) {
				return true
			}
			if sw.Tag != nil {
				tg, tok := c.codeOperand(sw.Tag)
				cg, cc, cok := c.codeConst(n.List[0])
				if tok && cok && tg.pkg == g.pkg && cg.pkg == g.pkg && cc.Const == code.Const {
					return true
				}
			}
		}
	}
}

// condGuards reports whether cond, or one of its && conjuncts, holds only
// for errors of code.
func (c *checker) condGuards(cond ast.Expr, g gen, code *CodeFact) bool {
	switch x := ast.Unparen(cond).(type) {
	case *ast.BinaryExpr:
		switch x.Op {
		case token.LAND:
			return c.condGuards(x.X, g, code) || c.condGuards(x.Y, g, code)
		case token.EQL:
			for _, ab := range [2][2]ast.Expr{{x.X, x.Y}, {x.Y, x.X}} {
				og, ok := c.codeOperand(ab[0])
				cg, cc, cok := c.codeConst(ab[1])
				if ok && cok && og.pkg == g.pkg && cg.pkg == g.pkg && cc.Const == code.Const {
					return true
				}
			}
		}
	case *ast.CallExpr:
		if c.callee(x) == "errors.Is" && len(x.Args) == 2 {
			sg, sc, ok := c.sentinel(x.Args[1])
			return ok && sg.pkg == g.pkg && sc.Const == code.Const
		}
	}
	return false
}

// ignoredAs checks an expression statement for rule 5: errors.As(err, &e),
// with e a variable of a generated package's type, whose result is dropped
// although e is used after it.
func (c *checker) ignoredAs(cur inspector.Cursor, n *ast.ExprStmt) {
	call, ok := ast.Unparen(n.X).(*ast.CallExpr)
	if !ok || c.callee(call) != "errors.As" || len(call.Args) != 2 {
		return
	}
	u, ok := ast.Unparen(call.Args[1]).(*ast.UnaryExpr)
	if !ok || u.Op != token.AND {
		return
	}
	id, ok := ast.Unparen(u.X).(*ast.Ident)
	if !ok {
		return
	}
	obj, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return
	}
	named, ok := types.Unalias(deref(obj.Type())).(*types.Named)
	if !ok || c.fact(named.Obj().Pkg()) == nil {
		return
	}
	// Later uses of e, in the same function.
	body := enclosingBody(cur)
	if body == nil {
		return
	}
	var later []*ast.Ident
	for _, use := range c.usesOf(obj) {
		if use.Pos() > n.End() && use.Pos() < body.End() {
			later = append(later, use)
		}
	}
	if len(later) == 0 {
		return
	}
	qual := func(p *types.Package) string { return p.Name() }
	msg := fmt.Sprintf("result of %s ignored: %s is not set when %s holds no %s; use if %s { ... }",
		types.ExprString(call), id.Name, types.ExprString(call.Args[0]), types.TypeString(obj.Type(), qual), types.ExprString(call))
	list, i, ok := stmtList(cur)
	if !ok || i+1 >= len(list) {
		c.report(n, msg, "", nil)
		return
	}
	for _, use := range later {
		if use.Pos() >= list[len(list)-1].End() {
			c.report(n, msg, "", nil) // e is used after the block too
			return
		}
	}
	edits, fixable := wrapRest(cur, "if "+c.render(call))
	if !fixable {
		c.report(n, msg, "", nil)
		return
	}
	c.report(n, msg, "Test the result of errors.As", edits)
}

// enclosingBody returns the body of the function that holds cur, or nil.
func enclosingBody(cur inspector.Cursor) *ast.BlockStmt {
	for p := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch f := p.Node().(type) {
		case *ast.FuncDecl:
			return f.Body
		case *ast.FuncLit:
			return f.Body
		}
	}
	return nil
}
