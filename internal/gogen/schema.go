package gogen

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/errgen/errgen/internal/chunked"
	"github.com/errgen/errgen/internal/decode"
	"github.com/errgen/errgen/internal/golit"
	"github.com/errgen/errgen/internal/model"
)

// schema writes the decoding tables runtime.go reads: one composite
// literal that mirrors the spec, compiled by the runtime when the package
// is initialised. It grows with every code, so it is written in gofmt's
// layout directly (package golit) and appended to errors.go after the rest
// of the file is formatted; it refers to nothing imported.
//
//	// schema is what the spec says about decoding, as the tables runtime.go
//	// reads.
//	var schema = (&apiSchema{
//		pkg:               "trace",
//		retryAfterHeader:  "Retry-After",
//		retryableStatuses: []int{429, 500, 502, 503, 504},
//		shapes: []shape{
//			// flat: {"error": "<code>", "message": ...}
//			{
//				code:    path{{"error", -1, ""}},
//				require: []path{{{"message", -1, ""}}},
//			},
//		},
//		codes: []codeInfo{
//			{
//				code:   CodeCreditExhausted,
//				delay:  -1,
//				fields: []fieldInfo{{name: "requested"}},
//				status: 402,
//			},
//		},
//		byValue:  []int{...}, // codes sorted by length, then value
//		statuses: []statusInfo{
//			{status: 402, codes: []int{5}, byStatus: 5},
//		},
//		classes:  []statusInfo{{status: 400, codes: []int{0}, byStatus: -1}}, // "4xx"
//		titles:   []title{{"Internal server error", 9}}, // sorted by length, then text
//		patterns: []pattern{{code: 0, lits: []string{"Missing: ", ""}, caps: []int{0}}},
//	}).compile()
//
// (Keys are written sorted; the sketch keeps them in reading order.)
func (g *gen) schema(b *chunked.Buffer) error {
	p := g.p
	d := dict{"pkg": golit.String(p.Name)}
	if p.RequestIDHeader != "" {
		d["requestIDHeader"] = golit.String(p.RequestIDHeader)
	}
	if p.RetryAfterHeader != "" {
		d["retryAfterHeader"] = golit.String(p.RetryAfterHeader)
	}
	sc := p.Schema
	if sc.CodeHeader != "" {
		d["codeHeader"] = golit.String(sc.CodeHeader)
	}
	if sc.ShouldRetryHeader != "" {
		d["shouldRetryHeader"] = golit.String(sc.ShouldRetryHeader)
	}
	if len(sc.DelayHeaders) > 0 {
		rows := lines("[]delayHeader")
		for _, h := range sc.DelayHeaders {
			var when []string
			for _, name := range sortedKeys(h.When) {
				when = append(when, name, h.When[name])
			}
			rows.Elems = append(rows.Elems, golit.Elem{Value: dict{"name": golit.String(h.Name), "unit": golit.String(string(h.Unit)), "when": stringsValue(when)}.line("")})
		}
		d["delayHeaders"] = rows
	}
	if sc.NumericCodes {
		d["numericCodes"] = golit.Bool(true)
	}
	if len(sc.CodeTrim) > 0 {
		var trims []string
		for _, t := range sc.CodeTrim {
			trims = append(trims, string(t))
		}
		d["codeTrim"] = stringsValue(trims)
	}
	d["commonDelay"] = golit.Int(retryAfterIndex(p.Fields))
	if len(p.Fields) > 0 {
		d["common"] = fieldInfos(p.Fields)
	}
	if t := p.ItemType; t != nil && len(t.Fields) > 0 {
		var names []string
		for _, fl := range t.Fields {
			names = append(names, fl.Wire)
		}
		d["itemFields"] = stringsValue(names)
	}
	d["retryableStatuses"] = intsValue(p.RetryableStatuses)
	shapes := lines("[]shape")
	for _, sh := range p.Shapes {
		shapes.Elems = append(shapes.Elems, golit.Elem{
			Value:   shapeValue(sh.Shape),
			Comment: commentLines(sh.Name+": "+sh.Summary, 74),
		})
	}
	d["shapes"] = shapes
	codes := lines("[]codeInfo")
	for _, c := range p.Codes {
		codes.Elems = append(codes.Elems, golit.Elem{Value: g.codeInfo(c)})
	}
	d["codes"] = codes
	byValue := make([]int, len(p.Codes))
	for i := range byValue {
		byValue[i] = i
	}
	key := func(i int) string { return p.Codes[i].Value }
	if p.Schema.CaseInsensitiveCodes {
		key = func(i int) string { return decode.LowerASCII(p.Codes[i].Value) }
	}
	sort.Slice(byValue, func(i, j int) bool { return shorterFirst(key(byValue[i]), key(byValue[j])) })
	d["byValue"] = intsValue(byValue)
	if p.Schema.CaseInsensitiveCodes {
		folded := make([]string, len(byValue))
		for k, i := range byValue {
			folded[k] = key(i)
		}
		d["folded"] = stringsValue(folded)
	}
	statuses := lines("[]statusInfo")
	for _, st := range p.Statuses {
		if len(st.Named) == 0 {
			continue // only classes document it: see classes
		}
		by := -1
		if st.ByStatus != nil {
			by = st.ByStatus.Index
		}
		statuses.Elems = append(statuses.Elems, golit.Elem{Value: statusInfo(st.Status, st.Named, by)})
	}
	d["statuses"] = statuses
	if len(p.Classes) > 0 {
		classes := lines("[]statusInfo")
		for _, cl := range p.Classes {
			classes.Elems = append(classes.Elems, golit.Elem{Value: statusInfo(cl.Class, cl.Codes, -1), Comment: []string{cl.Name()}})
		}
		d["classes"] = classes
	}
	if len(p.Titles) > 0 {
		titles := lines("[]title")
		sorted := slices.Clone(p.Titles)
		sort.SliceStable(sorted, func(i, j int) bool { return shorterFirst(sorted[i].Text, sorted[j].Text) })
		for _, t := range sorted {
			titles.Elems = append(titles.Elems, golit.Elem{Value: &golit.Composite{Elems: []golit.Elem{
				{Value: golit.String(t.Text)}, {Value: golit.Int(t.Code.Index)},
			}}})
		}
		d["titles"] = titles
	}
	if len(p.Patterns) > 0 {
		patterns := lines("[]pattern")
		for _, pt := range p.Patterns {
			var caps []int
			for _, c := range pt.Captures {
				caps = append(caps, c.Index)
			}
			patterns.Elems = append(patterns.Elems, golit.Elem{
				Value:   dict{"code": golit.Int(pt.Code.Index), "lits": stringsValue(pt.Lits), "caps": intsValue(caps)}.line(""),
				Comment: []string{pt.Code.Const + ": " + cleanLine(pt.Text)},
			})
		}
		d["patterns"] = patterns
	}
	g.safeTables(d)
	g.writeBack(d)

	// The doc comment holds no spec text: gofmt reformats doc comments
	// (a line that starts "- " becomes a list item), and this one is not
	// formatted.
	b.WriteString("// schema is what the spec says about decoding, as the tables runtime.go\n// reads.\n")
	b.WriteString("var schema = (")
	if err := golit.Write(b, d.lines("&apiSchema"), 0); err != nil {
		return err
	}
	b.WriteString(").compile()\n")
	return nil
}

// statusInfo is a row of the statuses or classes table: a status (a
// class's first), its codes and the code recognised by it alone (-1: none).
func statusInfo(status int, codes []*model.Code, byStatus int) golit.Value {
	idx := make([]int, len(codes))
	for i, c := range codes {
		idx[i] = c.Index
	}
	return dict{"status": golit.Int(status), "codes": intsValue(idx), "byStatus": golit.Int(byStatus)}.line("")
}

// dict is a keyed literal's elements by key; its literals list them sorted
// by key.
type dict map[string]golit.Value

func (d dict) elems() []golit.Elem {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	elems := make([]golit.Elem, len(keys))
	for i, k := range keys {
		elems[i] = golit.Elem{Key: k, Value: d[k]}
	}
	return elems
}

// lines is d as a literal of type typ, an element per line.
func (d dict) lines(typ string) *golit.Composite {
	return &golit.Composite{Type: typ, Elems: d.elems(), Lines: true}
}

// line is d as a literal of type typ on one line.
func (d dict) line(typ string) *golit.Composite {
	return &golit.Composite{Type: typ, Elems: d.elems()}
}

// lines starts a literal of type typ with an element per line.
func lines(typ string) *golit.Composite { return &golit.Composite{Type: typ, Lines: true} }

// shapeValue is a shape, as a shape literal.
func shapeValue(sh *decode.Shape) golit.Value {
	d := dict{}
	if len(sh.Require) > 0 {
		req := &golit.Composite{Type: "[]path"}
		for _, p := range sh.Require {
			req.Elems = append(req.Elems, golit.Elem{Value: segs("", p)})
		}
		d["require"] = req
	}
	if len(sh.SpecificCodes) > 0 {
		spec := &golit.Composite{Type: "[]path"}
		for _, p := range sh.SpecificCodes {
			spec.Elems = append(spec.Elems, golit.Elem{Value: segs("", p)})
		}
		d["specific"] = spec
	}
	if len(sh.When) > 0 {
		when := &golit.Composite{Type: "[]match"}
		for _, m := range sh.When {
			when.Elems = append(when.Elems, golit.Elem{Value: &golit.Composite{Elems: []golit.Elem{
				{Value: segs("path", m.Path)}, {Value: anyValue(m.Value)},
			}}})
		}
		d["when"] = when
	}
	if sh.Success {
		d["success"] = golit.Bool(true)
	}
	if sh.Text {
		d["text"] = golit.Bool(true)
	}
	if sh.Array {
		d["array"] = golit.Bool(true)
	}
	if len(sh.ContentTypes) > 0 {
		d["contentTypes"] = stringsValue(sh.ContentTypes)
	}
	for _, kv := range []struct {
		key  string
		path decode.Path
	}{
		{"code", sh.Code}, {"message", sh.Message}, {"requestID", sh.RequestID}, {"detail", sh.Detail},
		{"family", sh.Family}, {"retryable", sh.Retryable}, {"fields", sh.Fields}, {"errors", sh.Errors}, {"items", sh.Items},
	} {
		if kv.path != nil {
			d[kv.key] = segs("path", kv.path)
		}
	}
	return d.lines("")
}

// anyValue is a when value: a string, a bool or a float64, as the literal
// of an interface value that holds it.
func anyValue(v any) golit.Value {
	switch v := v.(type) {
	case string:
		return golit.String(v)
	case bool:
		return golit.Bool(v)
	case float64:
		return golit.Expr(formatFloat(v))
	}
	return golit.Expr("nil")
}

// formatFloat writes a finite float64 as an untyped float constant: "1.0",
// "0.5", "1e+21".
func formatFloat(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// segs is a path's segments: path{{"error", -1, ""}, {"0", 0, ""}}; "*"
// has index -2, a selector [member=value] index -3.
func segs(typ string, p decode.Path) golit.Value {
	c := &golit.Composite{Type: typ}
	for _, s := range p {
		var e []golit.Elem
		switch {
		case s.Each:
			e = []golit.Elem{{Value: golit.String(s.Key)}, {Value: golit.Int(-2)}, {Value: golit.String("")}}
		case s.Select:
			e = []golit.Elem{{Value: golit.String(s.Member)}, {Value: golit.Int(-3)}, {Value: golit.String(s.Value)}}
		default:
			e = []golit.Elem{{Value: golit.String(s.Key)}, {Value: golit.Int(s.Index)}, {Value: golit.String("")}}
		}
		c.Elems = append(c.Elems, golit.Elem{Value: &golit.Composite{Elems: e}})
	}
	return c
}

// fieldInfos is the fieldInfo rows of typed fields, on one line.
func fieldInfos(fields []*model.Field) golit.Value {
	c := &golit.Composite{Type: "[]fieldInfo"}
	for _, fl := range fields {
		d := dict{"name": golit.String(fl.Wire)}
		if fl.Path != nil {
			d["path"] = segs("path", fl.Path)
		}
		if fl.RetryAfter {
			d["unit"] = golit.String(string(fl.Unit))
			if !fl.Kind.DelayIntegral() {
				d["any"] = golit.Bool(true)
			}
		}
		c.Elems = append(c.Elems, golit.Elem{Value: d.line("")})
	}
	return c
}

// codeInfo is a code's row of the codes table.
func (g *gen) codeInfo(c *model.Code) golit.Value {
	d := dict{"code": golit.Expr(c.Const), "status": golit.Int(c.Status)}
	if c.Retryable {
		d["retryable"] = golit.Bool(true)
	}
	if c.Rule.RetryByStatus() {
		d["statusRetry"] = golit.Bool(true)
	}
	if c.Rule.DefaultDelay > 0 {
		d["delayAfter"] = nanoseconds(c.Rule.DefaultDelay)
	}
	if len(c.Rule.WhenHeaders) > 0 {
		var when []string
		for _, name := range sortedKeys(c.Rule.WhenHeaders) {
			when = append(when, name, c.Rule.WhenHeaders[name])
		}
		d["whenHeaders"] = stringsValue(when)
	}
	if len(c.Rule.WhenHeaders) > 0 || len(c.Statuses) > 1 {
		d["statuses"] = intsValue(c.Statuses)
	}
	if c.Family != nil {
		d["family"] = golit.String(c.Family.Name)
	}
	if len(c.Fields) > 0 {
		d["fields"] = fieldInfos(c.Fields)
	}
	d["delay"] = golit.Int(retryAfterIndex(c.Fields))
	g.wireLit(d, c)
	return d.lines("")
}

// retryAfterIndex is the index in fields of the one holding a retry delay
// (the last, were there several), or -1: the delay and commonDelay of the
// runtime's tables.
func retryAfterIndex(fields []*model.Field) int {
	for k := len(fields) - 1; k >= 0; k-- {
		if fields[k].RetryAfter {
			return k
		}
	}
	return -1
}

// nanoseconds is a time.Duration as an untyped constant, so that the table
// imports nothing: "60 * 1e9" for a whole number of seconds, else the
// nanoseconds.
func nanoseconds(d time.Duration) golit.Expr {
	if d%time.Second == 0 {
		return golit.Expr(fmt.Sprintf("%d * 1e9", d/time.Second))
	}
	return golit.Expr(fmt.Sprint(int64(d)))
}

func intsValue(s []int) golit.Value {
	if len(s) == 0 {
		return golit.Expr("nil")
	}
	c := &golit.Composite{Type: "[]int", Elems: make([]golit.Elem, len(s))}
	for i, v := range s {
		c.Elems[i].Value = golit.Int(v)
	}
	return c
}

func stringsValue(s []string) golit.Value {
	if s == nil {
		return golit.Expr("nil")
	}
	c := &golit.Composite{Type: "[]string", Elems: make([]golit.Elem, len(s))}
	for i, v := range s {
		c.Elems[i].Value = golit.String(v)
	}
	return c
}

// shorterFirst is the order of the runtime's byValue and titles tables
// (its function before): by length, then by value.
func shorterFirst(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}
