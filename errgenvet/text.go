package errgenvet

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// This file holds rule 3: the text of an error (err.Error(), an *Error's
// Message) compared with, or searched for, a documented code, title or
// message.

// errText is an expression that is the text of an error.
type errText struct {
	err     ast.Expr // the error: err in err.Error(), e in e.Message
	desc    string   // the text as written, for messages: "err.Error()"
	fold    bool     // the text went through strings.ToLower or ToUpper
	gens    []gen    // the generated packages whose texts it is matched against
	fixable bool     // err may be given to errors.Is
}

// callee returns the full name of the function or method call calls
// ("strings.Contains", "(*regexp.Regexp).MatchString"), or "".
func (c *checker) callee(call *ast.CallExpr) string {
	if fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func); ok {
		return fn.FullName()
	}
	return ""
}

// errText returns what e is when it is the text of an error: x.Error() for
// an x that implements error, or the Message field of a generated
// package's Error, possibly through strings.ToLower, ToUpper or TrimSpace.
func (c *checker) errText(e ast.Expr) (*errText, bool) {
	fold := false
unwrap:
	for {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			break
		}
		switch c.callee(call) {
		case "strings.ToLower", "strings.ToUpper":
			fold = true
		case "strings.TrimSpace":
		default:
			break unwrap
		}
		e = call.Args[0]
	}
	gens := c.fileGens()
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
		if !ok || len(x.Args) != 0 || sel.Sel.Name != "Error" {
			return nil, false
		}
		s := c.pass.TypesInfo.Selections[sel]
		if s == nil || s.Kind() != types.MethodVal || !c.isError(sel.X) {
			return nil, false
		}
		if g, ok := c.named(deref(c.typeOf(sel.X)), "Error"); ok {
			gens = addGen(gens, g)
		}
		return &errText{err: sel.X, desc: types.ExprString(x), fold: fold, gens: gens, fixable: true}, len(gens) > 0
	case *ast.SelectorExpr:
		s := c.pass.TypesInfo.Selections[x]
		if s == nil || s.Kind() != types.FieldVal || s.Obj().Name() != "Message" {
			return nil, false
		}
		g, ok := c.fieldOfError(s.Obj())
		if !ok {
			return nil, false
		}
		gens = addGen(gens, g)
		return &errText{err: x.X, desc: types.ExprString(x), fold: fold, gens: gens, fixable: c.isError(x.X)}, true
	}
	return nil, false
}

// fieldOfError returns the generated package whose Error struct has the
// field obj.
func (c *checker) fieldOfError(obj types.Object) (gen, bool) {
	f := c.fact(obj.Pkg())
	if f == nil {
		return gen{}, false
	}
	tn, ok := obj.Pkg().Scope().Lookup("Error").(*types.TypeName)
	if !ok {
		return gen{}, false
	}
	st, ok := tn.Type().Underlying().(*types.Struct)
	if !ok {
		return gen{}, false
	}
	for i := range st.NumFields() {
		if st.Field(i) == obj {
			return gen{obj.Pkg(), f}, true
		}
	}
	return gen{}, false
}

// deref returns what t points to, or t.
func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// addGen adds g to gens unless it holds it already.
func addGen(gens []gen, g gen) []gen {
	for _, h := range gens {
		if h.pkg == g.pkg {
			return gens
		}
	}
	return append(gens, g)
}

// stringConst returns the value of e when it is a non-empty string constant.
func (c *checker) stringConst(e ast.Expr) (string, bool) {
	tv := c.pass.TypesInfo.Types[e]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	s := constant.StringVal(tv.Value)
	return s, s != ""
}

// compareText checks a == or != comparison for rule 3.
func (c *checker) compareText(n *ast.BinaryExpr) {
	for _, xy := range [2][2]ast.Expr{{n.X, n.Y}, {n.Y, n.X}} {
		t, ok := c.errText(xy[0])
		if !ok {
			continue
		}
		if lit, ok := c.stringConst(xy[1]); ok {
			c.reportText(n, t, fmt.Sprintf("%q", lit), t.match(lit, matchEqual, nil), n, n.Op == token.NEQ)
		}
		return
	}
}

// switchText checks the cases of a switch on the text of an error for
// rule 3. It offers no fix.
func (c *checker) switchText(n *ast.SwitchStmt) {
	if n.Tag == nil {
		return
	}
	t, ok := c.errText(n.Tag)
	if !ok {
		return
	}
	for _, s := range n.Body.List {
		for _, e := range s.(*ast.CaseClause).List {
			if lit, ok := c.stringConst(e); ok {
				c.reportText(e, t, fmt.Sprintf("%q", lit), t.match(lit, matchEqual, nil), nil, false)
			}
		}
	}
}

// searchText checks a call of a strings or regexp function for rule 3.
func (c *checker) searchText(call *ast.CallExpr) {
	name := c.callee(call)
	var (
		text, arg ast.Expr
		mode      matchMode
		re        *regexp.Regexp
		fixable   = true
	)
	switch name {
	case "strings.Contains", "strings.HasPrefix", "strings.HasSuffix":
		if len(call.Args) != 2 {
			return
		}
		text, arg = call.Args[0], call.Args[1]
		mode = map[string]matchMode{"strings.Contains": matchContains, "strings.HasPrefix": matchPrefix, "strings.HasSuffix": matchSuffix}[name]
	case "strings.EqualFold":
		if len(call.Args) != 2 {
			return
		}
		text, arg, mode = call.Args[0], call.Args[1], matchFold
		if _, ok := c.errText(text); !ok {
			text, arg = arg, text
		}
	case "regexp.MatchString":
		if len(call.Args) != 2 {
			return
		}
		// It returns (bool, error): no expression replaces it.
		text, arg, mode, fixable = call.Args[1], call.Args[0], matchRegexp, false
	case "(*regexp.Regexp).MatchString":
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || len(call.Args) != 1 {
			return
		}
		pattern, removable, ok := c.regexpOf(sel.X)
		if !ok {
			return
		}
		r, err := regexp.Compile(pattern)
		if err != nil {
			return
		}
		text, re, mode, fixable = call.Args[0], r, matchRegexp, removable
	default:
		return
	}
	t, ok := c.errText(text)
	if !ok {
		return
	}
	var s, lit string
	if re != nil {
		lit = fmt.Sprintf("regexp %q", re.String())
	} else {
		if s, ok = c.stringConst(arg); !ok {
			return
		}
		lit = fmt.Sprintf("%q", s)
		if mode == matchRegexp {
			r, err := regexp.Compile(s)
			if err != nil {
				return
			}
			re, lit = r, "regexp "+lit
		}
	}
	var replace ast.Node
	if fixable {
		replace = call
	}
	c.reportText(call, t, lit, t.match(s, mode, re), replace, false)
}

// regexpOf returns the pattern of e, a regexp.MustCompile of a constant or
// a variable declared with one and never assigned, and whether a fix may
// drop the reference to it (false for the last use of a local variable).
func (c *checker) regexpOf(e ast.Expr) (string, bool, bool) {
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if n := c.callee(x); (n == "regexp.MustCompile" || n == "regexp.MustCompilePOSIX") && len(x.Args) == 1 {
			s, ok := c.stringConst(x.Args[0])
			return s, true, ok
		}
	case *ast.Ident:
		obj, ok := c.pass.TypesInfo.Uses[x].(*types.Var)
		if !ok || obj.Pkg() != c.pass.Pkg {
			return "", false, false
		}
		init := c.initOf(obj)
		if init == nil || c.assigned(obj) {
			return "", false, false
		}
		if _, ok := ast.Unparen(init).(*ast.CallExpr); !ok {
			return "", false, false
		}
		s, _, ok := c.regexpOf(init)
		removable := obj.Parent() == c.pass.Pkg.Scope() || len(c.usesOf(obj)) > 1
		return s, removable, ok
	}
	return "", false, false
}

// matchMode is how a constant is matched against the text of an error.
type matchMode int

const (
	matchEqual    matchMode = iota // ==, != or a switch case
	matchFold                      // strings.EqualFold
	matchContains                  // strings.Contains
	matchPrefix                    // strings.HasPrefix
	matchSuffix                    // strings.HasSuffix
	matchRegexp                    // a regular expression
)

// minPart is the length a string must have to count when it is only part
// of a documented text: shorter ones ("error", "invalid") match too much.
const minPart = 10

// hit is a documented text that a constant matches.
type hit struct {
	g    gen
	code *CodeFact
	what string // "the code", "a documented title", ...
	how  string // "" (equal), "from " (part of it) or "which matches " (a regexp)
}

// match returns the documented texts of t's packages that lit (or re)
// matches as mode says: every text lit equals, else every text lit is part
// of (at least minPart bytes), or that re matches. A regexp that matches
// the empty string matches nothing.
func (t *errText) match(lit string, mode matchMode, re *regexp.Regexp) []hit {
	fold := t.fold || mode == matchFold
	norm := func(s string) string {
		if fold {
			return strings.ToLower(s)
		}
		return s
	}
	lit = norm(lit)
	if mode == matchRegexp && re.MatchString("") {
		return nil
	}
	var exact, part []hit
	for _, g := range t.gens {
		for i := range g.fact.Codes {
			code := &g.fact.Codes[i]
			type text struct{ s, what string }
			texts := []text{{code.Value, "the code"}, {g.pkg.Name() + ": " + code.Value, "the code"}}
			for _, s := range code.Titles {
				texts = append(texts, text{s, "a documented title"})
			}
			for _, s := range code.Messages {
				texts = append(texts, text{s, "a documented message"})
			}
			for _, s := range code.Patterns {
				texts = append(texts, text{s, "a documented message pattern"})
			}
			var e, p *hit
			for _, tx := range texts {
				isPattern := tx.what == "a documented message pattern"
				s := norm(tx.s)
				switch {
				case mode == matchRegexp:
					if p == nil && !isPattern && re.MatchString(s) {
						p = &hit{g, code, tx.what, "which matches "}
					}
				case isPattern:
					if e == nil && patternRegexp(s).MatchString(lit) {
						e = &hit{g, code, tx.what, ""}
					} else if p == nil && mode != matchEqual && mode != matchFold && len(lit) >= minPart {
						for _, frag := range placeholderRE.Split(s, -1) {
							if strings.Contains(frag, lit) {
								p = &hit{g, code, tx.what, "from "}
								break
							}
						}
					}
				case lit == s:
					if e == nil {
						e = &hit{g, code, tx.what, ""}
					}
				case mode == matchEqual || mode == matchFold || len(lit) < minPart || p != nil:
				case mode == matchContains && strings.Contains(s, lit),
					mode == matchPrefix && strings.HasPrefix(s, lit),
					mode == matchSuffix && strings.HasSuffix(s, lit):
					p = &hit{g, code, tx.what, "from "}
				}
			}
			if e != nil {
				exact = append(exact, *e)
			} else if p != nil {
				part = append(part, *p)
			}
		}
	}
	if len(exact) > 0 {
		return exact
	}
	if len(part) == 1 {
		return part
	}
	return nil // a part of several codes' texts says nothing
}

// placeholderRE matches the {name} placeholders of a message pattern.
var placeholderRE = regexp.MustCompile(`\{[^{}]*\}`)

// patternRegexp returns a regexp matching exactly the messages of pattern.
func patternRegexp(pattern string) *regexp.Regexp {
	frags := placeholderRE.Split(pattern, -1)
	for i, f := range frags {
		frags[i] = regexp.QuoteMeta(f)
	}
	return regexp.MustCompile(`^` + strings.Join(frags, `.+`) + `$`)
}

// reportText reports the matching of t against lit (a quoted constant, or
// "regexp ..."), when hits is not empty. With one code, and replace not
// nil, the fix replaces replace with errors.Is (negated when negate).
func (c *checker) reportText(n ast.Node, t *errText, lit string, hits []hit, replace ast.Node, negate bool) {
	if len(hits) == 0 {
		return
	}
	if len(hits) > 1 {
		var whats, uses []string
		for _, h := range hits {
			whats = append(whats, fmt.Sprintf("%s%s of %s.%s", h.how, h.what, h.g.pkg.Name(), h.code.Const))
			uses = append(uses, h.g.pkg.Name()+"."+sentinelOrConst(h.code))
		}
		c.report(n, fmt.Sprintf("%s matched against %s, %s: use errors.Is with %s",
			t.desc, lit, strings.Join(whats, " and "), strings.Join(uses, " or ")), "", nil)
		return
	}
	h := hits[0]
	name := h.g.pkg.Name()
	what := fmt.Sprintf("%s matched against %s, %s%s of %s.%s", t.desc, lit, h.how, h.what, name, h.code.Const)
	if h.code.Sentinel == "" {
		c.report(n, fmt.Sprintf("%s: compare the Code of the *%s.Error with %s.%s", what, name, name, h.code.Const), "", nil)
		return
	}
	not := ""
	if negate {
		not = "!"
	}
	msg := fmt.Sprintf("%s: use %serrors.Is(%s, %s.%s)", what, not, types.ExprString(t.err), name, h.code.Sentinel)
	if replace == nil || !t.fixable {
		c.report(n, msg, "", nil)
		return
	}
	q, edits, ok := c.qualifier(n.Pos(), h.g.pkg)
	eq, edits2, ok2 := c.errorsName(n.Pos())
	if !ok || !ok2 {
		c.report(n, msg, "", nil)
		return
	}
	edits = append(edits, edits2...)
	edits = append(edits, c.dropImports(replace.Pos(), replace.End(), q, eq)...)
	edits = append(edits, analysis.TextEdit{
		Pos:     replace.Pos(),
		End:     replace.End(),
		NewText: fmt.Appendf(nil, "%s%s.Is(%s, %s.%s)", not, eq, c.render(t.err), q, h.code.Sentinel),
	})
	c.report(n, msg, "Use errors.Is", edits)
}

// sentinelOrConst names the sentinel of code, or its constant when it has
// none.
func sentinelOrConst(code *CodeFact) string {
	if code.Sentinel != "" {
		return code.Sentinel
	}
	return code.Const
}
