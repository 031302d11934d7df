package gogen

import (
	"fmt"
	"sort"

	"github.com/dave/jennifer/jen"

	"github.com/errgen/errgen/internal/decode"
	"github.com/errgen/errgen/internal/model"
)

// schema emits the decoding tables runtime.go reads: one composite literal
// that mirrors the spec, compiled by the runtime when the package is
// initialised.
//
//	var schema = (&apiSchema{
//		pkg:               "trace",
//		retryAfterHeader:  "Retry-After",
//		retryableStatuses: []int{429, 500, 502, 503, 504},
//		shapes: []shape{
//			// flat: {"error": "<code>", "message": ...}
//			{require: []path{{{"message", -1, false}}}, code: path{{"error", -1, false}}, ...},
//		},
//		codes: []codeInfo{
//			{code: CodeCreditExhausted, status: 402, fields: []string{"requested"}, delay: -1},
//		},
//		byValue:  []int{...},    // codes sorted by value
//		statuses: []statusInfo{{status: 402, codes: []int{5}, byStatus: 5}},
//		classes:  []statusInfo{{status: 400, codes: []int{0}, byStatus: -1}}, // "4xx"
//		titles:   []title{{"Internal server error", 9}},   // sorted by text
//		patterns: []pattern{{code: 0, lits: []string{"Missing: ", ""}, caps: []int{0}}},
//	}).compile()
func (g *gen) schema(f *jen.File) {
	p := g.p
	d := jen.Dict{jen.Id("pkg"): jen.Lit(p.Name)}
	if p.RequestIDHeader != "" {
		d[jen.Id("requestIDHeader")] = jen.Lit(p.RequestIDHeader)
	}
	if p.RetryAfterHeader != "" {
		d[jen.Id("retryAfterHeader")] = jen.Lit(p.RetryAfterHeader)
	}
	sc := p.Schema
	if sc.CodeHeader != "" {
		d[jen.Id("codeHeader")] = jen.Lit(sc.CodeHeader)
	}
	if sc.ShouldRetryHeader != "" {
		d[jen.Id("shouldRetryHeader")] = jen.Lit(sc.ShouldRetryHeader)
	}
	if len(sc.DelayHeaders) > 0 {
		d[jen.Id("delayHeaders")] = jen.Index().Id("delayHeader").ValuesFunc(func(v *jen.Group) {
			for _, h := range sc.DelayHeaders {
				var when []string
				for _, name := range sortedKeys(h.When) {
					when = append(when, name, h.When[name])
				}
				v.Line().Values(jen.Dict{jen.Id("name"): jen.Lit(h.Name), jen.Id("unit"): jen.Lit(string(h.Unit)), jen.Id("when"): stringsLit(when)})
			}
			v.Line()
		})
	}
	if sc.NumericCodes {
		d[jen.Id("numericCodes")] = jen.True()
	}
	if len(sc.CodeTrim) > 0 {
		var trims []string
		for _, t := range sc.CodeTrim {
			trims = append(trims, string(t))
		}
		d[jen.Id("codeTrim")] = stringsLit(trims)
	}
	commonDelay := -1
	for k, fl := range p.Fields {
		if fl.RetryAfter {
			commonDelay = k
		}
	}
	d[jen.Id("commonDelay")] = jen.Lit(commonDelay)
	if len(p.Fields) > 0 {
		d[jen.Id("common")] = fieldInfosLit(p.Fields)
	}
	if t := p.ItemType; t != nil && len(t.Fields) > 0 {
		var names []string
		for _, fl := range t.Fields {
			names = append(names, fl.Wire)
		}
		d[jen.Id("itemFields")] = stringsLit(names)
	}
	d[jen.Id("retryableStatuses")] = intsLit(p.RetryableStatuses)
	d[jen.Id("shapes")] = jen.Index().Id("shape").ValuesFunc(func(v *jen.Group) {
		for _, sh := range p.Shapes {
			v.Add(jen.Line().Add(newDoc(sh.Name + ": " + sh.Summary).decl(shapeLit(sh.Shape))))
		}
		v.Line()
	})
	d[jen.Id("codes")] = jen.Index().Id("codeInfo").ValuesFunc(func(v *jen.Group) {
		for _, c := range p.Codes {
			v.Line().Add(g.codeInfoLit(c))
		}
		v.Line()
	})
	byValue := make([]int, len(p.Codes))
	for i := range byValue {
		byValue[i] = i
	}
	sort.Slice(byValue, func(i, j int) bool { return p.Codes[byValue[i]].Value < p.Codes[byValue[j]].Value })
	d[jen.Id("byValue")] = intsLit(byValue)
	d[jen.Id("statuses")] = jen.Index().Id("statusInfo").ValuesFunc(func(v *jen.Group) {
		for _, st := range p.Statuses {
			if len(st.Named) == 0 {
				continue // only classes document it: see classes
			}
			by := -1
			if st.ByStatus != nil {
				by = st.ByStatus.Index
			}
			var codes []int
			for _, c := range st.Named {
				codes = append(codes, c.Index)
			}
			v.Line().Values(jen.Dict{jen.Id("status"): jen.Lit(st.Status), jen.Id("codes"): intsLit(codes), jen.Id("byStatus"): jen.Lit(by)})
		}
		v.Line()
	})
	if len(p.Classes) > 0 {
		d[jen.Id("classes")] = jen.Index().Id("statusInfo").ValuesFunc(func(v *jen.Group) {
			for _, cl := range p.Classes {
				var codes []int
				for _, c := range cl.Codes {
					codes = append(codes, c.Index)
				}
				v.Line().Values(jen.Dict{jen.Id("status"): jen.Lit(cl.Class), jen.Id("codes"): intsLit(codes), jen.Id("byStatus"): jen.Lit(-1)})
			}
			v.Line()
		})
	}
	if len(p.Titles) > 0 {
		d[jen.Id("titles")] = jen.Index().Id("title").ValuesFunc(func(v *jen.Group) {
			for _, t := range p.Titles {
				v.Line().Values(jen.Lit(t.Text), jen.Lit(t.Code.Index))
			}
			v.Line()
		})
	}
	if len(p.Patterns) > 0 {
		d[jen.Id("patterns")] = jen.Index().Id("pattern").ValuesFunc(func(v *jen.Group) {
			for _, pt := range p.Patterns {
				var caps []int
				for _, c := range pt.Captures {
					caps = append(caps, c.Index)
				}
				v.Line().Add(jen.Comment(pt.Code.Const + ": " + cleanLine(pt.Text)).Line().Values(jen.Dict{
					jen.Id("code"): jen.Lit(pt.Code.Index),
					jen.Id("lits"): stringsLit(pt.Lits),
					jen.Id("caps"): intsLit(caps),
				}))
			}
			v.Line()
		})
	}
	g.safeTables(d)
	f.Add(newDoc(fmt.Sprintf("schema is what the %s spec says about decoding, as the tables runtime.go reads.", p.API)).
		decl(jen.Var().Id("schema").Op("=").Parens(jen.Op("&").Id("apiSchema").Values(d)).Dot("compile").Call()))
}

// shapeLit is a shape, as a shape literal.
func shapeLit(sh *decode.Shape) jen.Code {
	d := jen.Dict{}
	if len(sh.Require) > 0 {
		d[jen.Id("require")] = jen.Index().Id("path").ValuesFunc(func(v *jen.Group) {
			for _, p := range sh.Require {
				v.Add(segsLit(p))
			}
		})
	}
	if len(sh.When) > 0 {
		d[jen.Id("when")] = jen.Index().Id("match").ValuesFunc(func(v *jen.Group) {
			for _, m := range sh.When {
				v.Values(jen.Id("path").Add(segsLit(m.Path)), jen.Lit(m.Value))
			}
		})
	}
	if sh.Success {
		d[jen.Id("success")] = jen.True()
	}
	if sh.Text {
		d[jen.Id("text")] = jen.True()
	}
	if len(sh.ContentTypes) > 0 {
		d[jen.Id("contentTypes")] = stringsLit(sh.ContentTypes)
	}
	for _, kv := range []struct {
		key  string
		path decode.Path
	}{
		{"code", sh.Code}, {"message", sh.Message}, {"requestID", sh.RequestID}, {"detail", sh.Detail},
		{"family", sh.Family}, {"retryable", sh.Retryable}, {"fields", sh.Fields}, {"errors", sh.Errors}, {"items", sh.Items},
	} {
		if kv.path != nil {
			d[jen.Id(kv.key)] = jen.Id("path").Add(segsLit(kv.path))
		}
	}
	return jen.Values(d)
}

// segsLit is a path's segments: {{"error", -1, ""}, {"0", 0, ""}}; "*"
// has index -2, a selector [member=value] index -3.
func segsLit(p decode.Path) jen.Code {
	return jen.ValuesFunc(func(v *jen.Group) {
		for _, s := range p {
			switch {
			case s.Each:
				v.Values(jen.Lit(s.Key), jen.Lit(-2), jen.Lit(""))
			case s.Select:
				v.Values(jen.Lit(s.Member), jen.Lit(-3), jen.Lit(s.Value))
			default:
				v.Values(jen.Lit(s.Key), jen.Lit(s.Index), jen.Lit(""))
			}
		}
	})
}

// fieldInfosLit is the fieldInfo rows of typed fields.
func fieldInfosLit(fields []*model.Field) jen.Code {
	return jen.Index().Id("fieldInfo").ValuesFunc(func(v *jen.Group) {
		for _, fl := range fields {
			d := jen.Dict{jen.Id("name"): jen.Lit(fl.Wire)}
			if fl.Path != nil {
				d[jen.Id("path")] = jen.Id("path").Add(segsLit(fl.Path))
			}
			if fl.RetryAfter {
				d[jen.Id("unit")] = jen.Lit(string(fl.Unit))
				if !fl.Kind.DelayIntegral() {
					d[jen.Id("any")] = jen.True()
				}
			}
			v.Values(d)
		}
	})
}

// codeInfoLit is a code's row of the codes table.
func (g *gen) codeInfoLit(c *model.Code) jen.Code {
	d := jen.Dict{jen.Id("code"): jen.Id(c.Const), jen.Id("status"): jen.Lit(c.Status)}
	delay := -1
	if c.Retryable {
		d[jen.Id("retryable")] = jen.True()
	}
	if c.Rule.RetryByStatus() {
		d[jen.Id("statusRetry")] = jen.True()
	}
	if c.Rule.DefaultDelay > 0 {
		d[jen.Id("delayAfter")] = durationLit(c.Rule.DefaultDelay)
	}
	if len(c.Rule.WhenHeaders) > 0 {
		var when []string
		for _, name := range sortedKeys(c.Rule.WhenHeaders) {
			when = append(when, name, c.Rule.WhenHeaders[name])
		}
		d[jen.Id("whenHeaders")] = stringsLit(when)
	}
	if len(c.Rule.WhenHeaders) > 0 || len(c.Statuses) > 1 {
		d[jen.Id("statuses")] = intsLit(c.Statuses)
	}
	if c.Family != nil {
		d[jen.Id("family")] = jen.Lit(c.Family.Name)
	}
	if len(c.Fields) > 0 {
		for k, fl := range c.Fields {
			if fl.RetryAfter {
				delay = k
			}
		}
		d[jen.Id("fields")] = fieldInfosLit(c.Fields)
	}
	d[jen.Id("delay")] = jen.Lit(delay)
	g.wireLit(d, c)
	return jen.Values(d)
}

func intsLit(s []int) jen.Code {
	if len(s) == 0 {
		return jen.Nil()
	}
	var elems []jen.Code
	for _, v := range s {
		elems = append(elems, jen.Lit(v))
	}
	return jen.Index().Int().Values(elems...)
}

func stringsLit(s []string) jen.Code {
	if s == nil {
		return jen.Nil()
	}
	var elems []jen.Code
	for _, v := range s {
		elems = append(elems, jen.Lit(v))
	}
	return jen.Index().String().Values(elems...)
}

// hooks emits the functions through which runtime.go reaches what only the
// spec knows: how to allocate an Error with its Details, where each typed
// field lives, and the spec's own Error fields.
func (g *gen) hooks(f *jen.File) {
	p := g.p
	// func newError(code int) *Error {
	// 	switch code {
	// 	case 5: // CodeCreditExhausted
	// 		x := new(struct { e Error; d CreditExhaustedDetails })
	// 		x.e.Details = &x.d
	// 		return &x.e
	// 	}
	// 	return new(Error)
	// }
	f.Add(newDoc("newError returns a new Error for the code at index code of schema.codes (-1 for none); a code with typed fields gets its Details allocated with it, in one allocation.").
		decl(jen.Func().Id("newError").Params(jen.Id("code").Int()).Op("*").Id("Error").BlockFunc(func(b *jen.Group) {
			if p.HasDetails() {
				b.Switch(jen.Id("code")).BlockFunc(func(sw *jen.Group) {
					for _, c := range p.Codes {
						if c.Details == "" {
							continue
						}
						sw.Case(jen.Lit(c.Index)).Block(
							jen.Comment(c.Const),
							jen.Id("x").Op(":=").New(jen.Struct(jen.Id("e").Id("Error"), jen.Id("d").Id(c.Details))),
							jen.Id("x").Dot("e").Dot("Details").Op("=").Op("&").Id("x").Dot("d"),
							jen.Return(jen.Op("&").Id("x").Dot("e")),
						)
					}
				})
			}
			b.Return(jen.New(jen.Id("Error")))
		})))
	// func (e *Error) field(k int) any {
	// 	switch d := e.Details.(type) {
	// 	case *CreditExhaustedDetails:
	// 		switch k { case 0: return &d.Requested }
	// 	}
	// 	return nil
	// }
	f.Add(newDoc("field returns a pointer to typed field k of e's code (the order of schema.codes[i].fields), or nil.").
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("field").Params(jen.Id("k").Int()).Any().BlockFunc(func(b *jen.Group) {
			if p.HasDetails() {
				b.Switch(jen.Id("d").Op(":=").Id("e").Dot("Details").Assert(jen.Type())).BlockFunc(func(sw *jen.Group) {
					for _, c := range p.Codes {
						if c.Details == "" {
							continue
						}
						sw.Case(jen.Op("*").Id(c.Details)).Block(jen.Switch(jen.Id("k")).BlockFunc(func(ks *jen.Group) {
							for k, fl := range c.Fields {
								ks.Case(jen.Lit(k)).Return(jen.Op("&").Id("d").Dot(fl.GoName))
							}
						}))
					}
				})
			}
			b.Return(jen.Nil())
		})))
	f.Add(newDoc("commonField returns a pointer to Error's field for the common typed field k, or nil.").
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("commonField").Params(jen.Id("k").Int()).Any().BlockFunc(func(b *jen.Group) {
			if len(p.Fields) > 0 {
				b.Switch(jen.Id("k")).BlockFunc(func(sw *jen.Group) {
					for k, fl := range p.Fields {
						sw.Case(jen.Lit(k)).Return(jen.Op("&").Id("e").Dot(fl.GoName))
					}
				})
			}
			b.Return(jen.Nil())
		})))
	/*
		func (e *Error) item(n int) any {
			if e.Items == nil {
				e.Items = make([]ValidationIssue, 0, n)
			}
			e.Items = append(e.Items, ValidationIssue{})
			return &e.Items[len(e.Items)-1]
		}
	*/
	f.Add(newDoc("item appends a zero item to e.Items, the first time making room for n in all, and returns a pointer to it; it returns nil when Error has no Items.").
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("item").Params(jen.Id("n").Int()).Any().BlockFunc(func(b *jen.Group) {
			if t := p.ItemType; t != nil {
				b.If(jen.Id("e").Dot("Items").Op("==").Nil()).Block(
					jen.Id("e").Dot("Items").Op("=").Make(jen.Index().Id(t.GoName), jen.Lit(0), jen.Id("n")),
				)
				b.Id("e").Dot("Items").Op("=").Append(jen.Id("e").Dot("Items"), jen.Id(t.GoName).Values())
				b.Return(jen.Op("&").Id("e").Dot("Items").Index(jen.Len(jen.Id("e").Dot("Items")).Op("-").Lit(1)))
			} else {
				b.Return(jen.Nil())
			}
		})))
	/*
		func (e *Error) itemField(k int) any {
			switch k {
			case 0:
				return &e.Items[len(e.Items)-1].Loc
			...
			}
			return nil
		}
	*/
	f.Add(newDoc("itemField returns a pointer to field k of the last of e.Items, in the order of itemFields, or nil.").
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("itemField").Params(jen.Id("k").Int()).Any().BlockFunc(func(b *jen.Group) {
			if t := p.ItemType; t != nil && len(t.Fields) > 0 {
				last := jen.Id("e").Dot("Items").Index(jen.Len(jen.Id("e").Dot("Items")).Op("-").Lit(1))
				b.Switch(jen.Id("k")).BlockFunc(func(sw *jen.Group) {
					for k, fl := range t.Fields {
						sw.Case(jen.Lit(k)).Return(jen.Op("&").Add(last.Clone()).Dot(fl.GoName))
					}
				})
			}
			b.Return(jen.Nil())
		})))
	f.Add(newDoc("setDetail stores the detail of a body.").
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("setDetail").Params(jen.Id("v").String()).BlockFunc(func(b *jen.Group) {
			if p.HasDetail() {
				b.Id("e").Dot("Detail").Op("=").Id("v")
			}
		})))
	f.Add(newDoc("setFamily stores the family of the code.").
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("setFamily").Params(jen.Id("v").String()).BlockFunc(func(b *jen.Group) {
			if p.HasFamilies() {
				b.Id("e").Dot("Family").Op("=").Id("Family").Call(jen.Id("v"))
			}
		})))
	if p.HasSeveralStatuses() {
		f.Add(newDoc("Statuses returns every HTTP status documented for c: those it names, in the document's order, then the other statuses of the classes it is documented with (\"4xx\"), ascending; or nil when c is not a documented code or has none. The slice is new on every call.").
			/*
				func (c Code) Statuses() []int {
					i := schema.index(c)
					switch {
					case i < 0 || schema.codes[i].status == 0:
						return nil
					case len(schema.codes[i].statuses) > 0:
						return append([]int(nil), schema.codes[i].statuses...)
					}
					return []int{schema.codes[i].status}
				}
			*/
			decl(jen.Func().Params(jen.Id("c").Id("Code")).Id("Statuses").Params().Index().Int().Block(
				jen.Id("i").Op(":=").Id("schema").Dot("index").Call(jen.Id("c")),
				jen.Switch().Block(
					jen.Case(jen.Id("i").Op("<").Lit(0).Op("||").Id("schema").Dot("codes").Index(jen.Id("i")).Dot("status").Op("==").Lit(0)).Block(
						jen.Return(jen.Nil())),
					jen.Case(jen.Len(jen.Id("schema").Dot("codes").Index(jen.Id("i")).Dot("statuses")).Op(">").Lit(0)).Block(
						jen.Return(jen.Append(jen.Index().Int().Parens(jen.Nil()), jen.Id("schema").Dot("codes").Index(jen.Id("i")).Dot("statuses").Op("...")))),
				),
				jen.Return(jen.Index().Int().Values(jen.Id("schema").Dot("codes").Index(jen.Id("i")).Dot("status"))),
			)))
	}
	f.Add(newDoc("setErrors stores the detail messages of a body.").
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("setErrors").Params(jen.Id("v").Index().String()).BlockFunc(func(b *jen.Group) {
			if p.HasErrorsList() {
				b.Id("e").Dot("Errors").Op("=").Id("v")
			}
		})))
	f.Add(newDoc("setCapture stores the text of placeholder k (the order of first appearance in the spec's patterns).").
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("setCapture").Params(jen.Id("k").Int(), jen.Id("v").String()).BlockFunc(func(b *jen.Group) {
			if len(p.Captures) > 0 {
				b.Switch(jen.Id("k")).BlockFunc(func(sw *jen.Group) {
					for _, cp := range p.Captures {
						sw.Case(jen.Lit(cp.Index)).Id("e").Dot(cp.GoName).Op("=").Id("v")
					}
				})
			}
		})))
}

// sortedKeys returns the keys of m, sorted.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
