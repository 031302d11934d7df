package errgenvet

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// This file holds rules 1 (a Code compared with a string) and 2 (an error
// compared with a sentinel).

// codeOperand returns the generated package whose Code e is: a value of
// type Code, or string(x) of one.
func (c *checker) codeOperand(e ast.Expr) (gen, bool) {
	if c.pass.TypesInfo.Types[e].Value != nil {
		return gen{}, false // a constant converted to Code by the comparison
	}
	if g, ok := c.named(c.typeOf(e), "Code"); ok {
		return g, true
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || !c.pass.TypesInfo.Types[call.Fun].IsType() || !isString(c.typeOf(call)) {
		return gen{}, false
	}
	return c.named(c.typeOf(call.Args[0]), "Code")
}

// compareCode checks a == or != comparison for rule 1.
func (c *checker) compareCode(n *ast.BinaryExpr) {
	for _, xy := range [2][2]ast.Expr{{n.X, n.Y}, {n.Y, n.X}} {
		if g, ok := c.codeOperand(xy[0]); ok {
			c.checkCode(g, xy[1])
			return
		}
	}
}

// switchCode checks the cases of a switch on a Code for rule 1.
func (c *checker) switchCode(n *ast.SwitchStmt) {
	if n.Tag == nil {
		return
	}
	g, ok := c.codeOperand(n.Tag)
	if !ok {
		return
	}
	for _, s := range n.Body.List {
		for _, e := range s.(*ast.CaseClause).List {
			c.checkCode(g, e)
		}
	}
}

// checkCode reports e, compared with a Code of g, when it is a string
// constant other than one of g's code constants.
func (c *checker) checkCode(g gen, e ast.Expr) {
	tv := c.pass.TypesInfo.Types[e]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return
	}
	if c.isCodeConst(e) {
		return
	}
	v := constant.StringVal(tv.Value)
	if v == "" {
		return // the Code of an *Error whose code is not known
	}
	name := g.pkg.Name()
	code := codeByValue(g.fact, v)
	if code == nil {
		msg := fmt.Sprintf("%q is not a documented code of %s", v, name)
		if near := nearest(g.fact, v); near != nil {
			msg += fmt.Sprintf(" (did you mean %s.%s?)", name, near.Const)
		}
		c.report(e, msg, "", nil)
		return
	}
	q, edits, ok := c.qualifier(e.Pos(), g.pkg)
	if !ok {
		c.report(e, fmt.Sprintf("%s.Code compared with %q: use %s.%s", name, v, name, code.Const), "", nil)
		return
	}
	repl := q + "." + code.Const
	switch t := tv.Type; {
	case types.Identical(t, g.pkg.Scope().Lookup("Code").Type()):
	case types.Identical(t, types.Typ[types.String]):
		repl = "string(" + repl + ")"
	default:
		edits = nil // another string type: leave the conversion to the reader
	}
	msg := fmt.Sprintf("%s.Code compared with %q: use %s.%s", name, v, q, code.Const)
	if edits == nil {
		c.report(e, msg, "", nil)
		return
	}
	edits = append(edits, c.dropImports(e.Pos(), e.End(), q)...)
	edits = append(edits, analysis.TextEdit{Pos: e.Pos(), End: e.End(), NewText: []byte(repl)})
	c.report(e, msg, "Use "+q+"."+code.Const, edits)
}

// isCodeConst reports whether e is a code constant of a generated package,
// possibly converted (string(trace.CodeX), trace.Code(trace.CodeX)).
func (c *checker) isCodeConst(e ast.Expr) bool {
	for {
		if _, _, ok := c.codeConst(e); ok {
			return true
		}
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || !c.pass.TypesInfo.Types[call.Fun].IsType() {
			return false
		}
		e = call.Args[0]
	}
}

// codeByValue returns the code of f whose value is v, or nil.
func codeByValue(f *PackageFact, v string) *CodeFact {
	for i := range f.Codes {
		if f.Codes[i].Value == v {
			return &f.Codes[i]
		}
	}
	return nil
}

// nearest returns the one code of f that v is probably a misspelling of:
// equal but for case, or within an edit distance of 2 (1 for short
// codes); nil when there is none or more than one.
func nearest(f *PackageFact, v string) *CodeFact {
	var best *CodeFact
	bestDist := 3
	if len(v) < 6 {
		bestDist = 2
	}
	tie := false
	for i := range f.Codes {
		code := &f.Codes[i]
		d := distance(strings.ToLower(v), strings.ToLower(code.Value))
		switch {
		case d < bestDist:
			best, bestDist, tie = code, d, false
		case d == bestDist && best != nil:
			tie = true
		}
	}
	if tie {
		return nil
	}
	return best
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// compareSentinel checks a == or != comparison for rule 2.
func (c *checker) compareSentinel(n *ast.BinaryExpr) {
	for _, xy := range [2][2]ast.Expr{{n.X, n.Y}, {n.Y, n.X}} {
		x, s := xy[0], xy[1]
		g, _, ok := c.sentinel(s)
		if !ok || c.pass.TypesInfo.Types[x].IsNil() || !c.isError(x) {
			continue
		}
		if _, _, ok := c.sentinel(x); ok {
			return // two sentinels
		}
		never, not := "never true", ""
		if n.Op == token.NEQ {
			never, not = "always true", "!"
		}
		call := fmt.Sprintf("errors.Is(%s, %s)", c.render(x), c.render(s))
		msg := fmt.Sprintf("%s is %s for the *%s.Error values %s returns: use %s%s",
			types.ExprString(n), never, g.pkg.Name(), g.pkg.Name(), not, call)
		q, edits, ok := c.errorsName(n.Pos())
		if !ok {
			c.report(n, msg, "", nil)
			return
		}
		call = fmt.Sprintf("%s%s.Is(%s, %s)", not, q, c.render(x), c.render(s))
		edits = append(edits, analysis.TextEdit{Pos: n.Pos(), End: n.End(), NewText: []byte(call)})
		c.report(n, msg, "Use errors.Is", edits)
		return
	}
}

// switchSentinel checks the cases of a switch on an error for rule 2. When
// the tag is a variable, the fix turns the switch into one without a tag
// whose cases call errors.Is for sentinels and compare the others.
func (c *checker) switchSentinel(n *ast.SwitchStmt) {
	if n.Tag == nil || !c.isError(n.Tag) {
		return
	}
	type hit struct {
		e    ast.Expr
		name string
	}
	var hits []hit
	for _, s := range n.Body.List {
		for _, e := range s.(*ast.CaseClause).List {
			if g, _, ok := c.sentinel(e); ok {
				hits = append(hits, hit{e, g.pkg.Name()})
			}
		}
	}
	if len(hits) == 0 {
		return
	}
	tag := c.render(n.Tag)
	q, edits, ok := c.errorsName(n.Pos())
	if ok && pure(n.Tag) {
		edits = append(edits, analysis.TextEdit{Pos: n.Tag.Pos(), End: n.Tag.End()})
		for _, s := range n.Body.List {
			for _, e := range s.(*ast.CaseClause).List {
				text := fmt.Sprintf("%s == %s", tag, c.render(e))
				if _, _, ok := c.sentinel(e); ok {
					text = fmt.Sprintf("%s.Is(%s, %s)", q, tag, c.render(e))
				}
				edits = append(edits, analysis.TextEdit{Pos: e.Pos(), End: e.End(), NewText: []byte(text)})
			}
		}
	} else {
		edits = nil
	}
	for _, h := range hits {
		msg := fmt.Sprintf("switch case %s never matches the *%s.Error values %s returns: use errors.Is(%s, %s)",
			types.ExprString(h.e), h.name, h.name, types.ExprString(n.Tag), types.ExprString(h.e))
		c.report(h.e, msg, "Use errors.Is in a switch without a tag", edits)
	}
}
