package gogen

import (
	"sort"

	"github.com/dave/jennifer/jen"
)

// hooks emits the functions through which runtime.go reaches the spec's
// own Error fields (newError and field, which grow with every code, are
// written by codeHooks).
func (g *gen) hooks(f *jen.File) {
	p := g.p
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
