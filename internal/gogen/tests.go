package gogen

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/errgen/errgen/internal/decode"
	"github.com/errgen/errgen/internal/model"
)

// testFile emits errors_test.go but its tables (testTables, appended to
// it): the data conformance_test.go runs on, as the decoding core reads the
// spec. Nothing here is computed by the package under test. n says
// whether the tables used the ptr helper.
//
//	var exampleTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
//	func errorsOf(e *Error) []string { return e.Errors }
//	func captureValues(e *Error) []string { return []string{e.Param} }
//	func ptr[T any](v T) *T { return &v }
func (g *gen) testFile(n *namer) *jen.File {
	p := g.p
	f := g.newFile()
	t := model.ExampleTime
	f.Add(newDoc("exampleTime is the clock the expected retry delays were computed with.").
		decl(jen.Var().Id("exampleTime").Op("=").Qual(timePkg, "Date").Call(
			jen.Lit(t.Year()), jen.Qual(timePkg, t.Month().String()), jen.Lit(t.Day()), jen.Lit(t.Hour()), jen.Lit(t.Minute()), jen.Lit(t.Second()), jen.Lit(0), jen.Qual(timePkg, "UTC"))))

	f.Add(newDoc("errorsOf returns the detail messages of e; the Error of this package has them only when a shape lists some.").
		decl(jen.Func().Id("errorsOf").Params(jen.Id("e").Op("*").Id("Error")).Index().String().BlockFunc(func(b *jen.Group) {
			if p.HasErrorsList() {
				b.Return(jen.Id("e").Dot("Errors"))
			} else {
				b.Return(jen.Nil())
			}
		})))
	f.Add(newDoc("detailOf returns the detail of e; the Error of this package has one only when a shape reads it.").
		decl(jen.Func().Id("detailOf").Params(jen.Id("e").Op("*").Id("Error")).String().BlockFunc(func(b *jen.Group) {
			if p.HasDetail() {
				b.Return(jen.Id("e").Dot("Detail"))
			} else {
				b.Return(jen.Lit(""))
			}
		})))
	f.Add(newDoc("familyOf returns the family of e's code; the Error of this package has one only when the spec has families.").
		decl(jen.Func().Id("familyOf").Params(jen.Id("e").Op("*").Id("Error")).String().BlockFunc(func(b *jen.Group) {
			if p.HasFamilies() {
				b.Return(jen.String().Call(jen.Id("e").Dot("Family")))
			} else {
				b.Return(jen.Lit(""))
			}
		})))
	f.Add(newDoc("itemsOf returns the errors e lists, or nil; the Error of this package has them only when a shape lists items.").
		decl(jen.Func().Id("itemsOf").Params(jen.Id("e").Op("*").Id("Error")).Any().BlockFunc(func(b *jen.Group) {
			if t := p.ItemType; t != nil {
				b.If(jen.Len(jen.Id("e").Dot("Items")).Op("==").Lit(0)).Block(jen.Return(jen.Nil()))
				b.Return(jen.Id("e").Dot("Items"))
			} else {
				b.Return(jen.Nil())
			}
		})))
	f.Add(newDoc("commonOf returns the common typed fields of e, in the spec's order, or nil when the spec has none.").
		decl(jen.Func().Id("commonOf").Params(jen.Id("e").Op("*").Id("Error")).Index().Any().BlockFunc(func(b *jen.Group) {
			if len(p.Fields) > 0 {
				var vals []jen.Code
				for _, fl := range p.Fields {
					vals = append(vals, jen.Id("e").Dot(fl.GoName))
				}
				b.Return(jen.Index().Any().Values(vals...))
			} else {
				b.Return(jen.Nil())
			}
		})))
	if n.used {
		f.Add(newDoc("ptr returns a pointer to a copy of v.").
			decl(jen.Func().Id("ptr").Types(jen.Id("T").Any()).Params(jen.Id("v").Id("T")).Op("*").Id("T").Block(jen.Return(jen.Op("&").Id("v")))))
	}
	f.Add(newDoc("captureValues returns the placeholders a pattern captured into e, in the order of their fields; nil when no pattern matched.").
		decl(jen.Func().Id("captureValues").Params(jen.Id("e").Op("*").Id("Error")).Index().String().BlockFunc(func(b *jen.Group) {
			var vals []jen.Code
			cond := jen.Null()
			for i, cp := range p.Captures {
				vals = append(vals, jen.Id("e").Dot(cp.GoName))
				if i > 0 {
					cond.Op("&&")
				}
				cond.Id("e").Dot(cp.GoName).Op("==").Lit("")
			}
			if len(vals) > 0 {
				b.If(cond).Block(jen.Return(jen.Nil()))
				b.Return(jen.Index().String().Values(vals...))
			} else {
				b.Return(jen.Nil())
			}
		})))
	g.docURLTest(f)
	return f
}

// docURLTest emits TestDocURL, when some code names its page: every
// code's DocURL is the spec's, and an undocumented code has none.
//
//	func TestDocURL(t *testing.T) {
//		for c, want := range map[Code]string{CodeNotFound: "https://...", CodeOther: ""} { ... }
//	}
func (g *gen) docURLTest(f *jen.File) {
	if !g.p.HasDocURLs() {
		return
	}
	want := jen.Dict{jen.Id("Code").Call(jen.Lit(decode.Undocumented)): jen.Lit("")}
	for _, c := range g.p.Codes {
		want[jen.Id(c.Const)] = jen.Lit(c.DocURL)
	}
	f.Add(newDoc("TestDocURL checks that Code.DocURL gives every code's documented page, and none for a code the spec does not document.").
		decl(jen.Func().Id("TestDocURL").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
			jen.For(jen.List(jen.Id("c"), jen.Id("want")).Op(":=").Range().Map(jen.Id("Code")).String().Values(want)).Block(
				jen.If(jen.Id("got").Op(":=").Id("c").Dot("DocURL").Call(), jen.Id("got").Op("!=").Id("want")).Block(
					jen.Id("t").Dot("Errorf").Call(jen.Lit("%s.DocURL() = %q, want %q"), jen.Id("c"), jen.Id("got"), jen.Id("want")),
				),
			),
		)))
}

// codeIndex is the index of a documented code in p.Codes.
func codeIndex(p *model.Package, c *decode.Code) int {
	for i, r := range p.Schema.Codes {
		if r == c {
			return i
		}
	}
	return -1
}

// namer gives the decoding core the Go names of named types and their
// fields, and writes pointers with the ptr helper of errors_test.go
// (used reports that it did).
type namer struct {
	p    *model.Package
	used bool
}

func (n *namer) TypeName(t *decode.Type) string { return n.p.TypeOf(t).GoName }

func (n *namer) FieldName(f *decode.Field) string {
	for _, t := range n.p.Types {
		for _, fl := range t.Fields {
			if fl.Field == f {
				return fl.GoName
			}
		}
	}
	return f.Name
}

func (n *namer) Pointer(goType, lit string) string {
	n.used = true
	return "ptr(" + goType + "(" + lit + "))"
}

// testStatuses are the statuses statusAlone covers: every status a code
// names, the first and last of every class, every retryable one, 418 and
// 503.
func (g *gen) testStatuses() []int {
	seen := map[int]bool{}
	var out []int
	add := func(s int) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, st := range g.p.Statuses {
		if len(st.Named) > 0 {
			add(st.Status)
		}
	}
	for _, cl := range g.p.Classes {
		add(cl.Class)      // a class stands for a hundred statuses:
		add(cl.Class + 99) // its first and last
	}
	for _, s := range g.p.RetryableStatuses {
		add(s)
	}
	add(418)
	add(503)
	return out
}

func headerLit(h []model.HeaderValue) jen.Code {
	if len(h) == 0 {
		return jen.Nil()
	}
	return jen.Qual(httpPkg, "Header").Values(jen.DictFunc(func(d jen.Dict) {
		for _, hv := range h {
			d[jen.Lit(hv.Name)] = jen.Values(jen.Lit(hv.Value))
		}
	}))
}

// exampleFile emits example_test.go: runnable examples of Parse,
// IsRetryable and RetryAfter on the spec's own responses.
func (g *gen) exampleFile() *jen.File {
	p := g.p
	f := g.newFile()
	c, ex := g.exampleCode()
	if ex != nil {
		out := []string{g.errorString(c, ex), "true"}
		// func ExampleParse() {
		// 	err := Parse(402, nil, []byte(`...`))
		// 	fmt.Println(err)
		// 	fmt.Println(errors.Is(err, ErrX))
		// 	var e *Error
		// 	if errors.As(err, &e) {
		// 		if d, ok := e.Details.(*XDetails); ok { fmt.Println(d.F) }
		// 	}
		// 	// Output: ...
		// }
		body := []jen.Code{
			jen.Id("body").Op(":=").Index().Byte().Call(jen.Lit(ex.Body)),
			jen.Id("err").Op(":=").Id("Parse").Call(jen.Lit(ex.Status), headerLit(ex.Header), jen.Id("body")),
			jen.Qual("fmt", "Println").Call(jen.Id("err")),
			jen.Qual("fmt", "Println").Call(jen.Qual(errorsPkg, "Is").Call(jen.Id("err"), jen.Id(c.Err))),
		}
		if c.Details != "" && hasPrinted(c) {
			var prints []jen.Code
			for k, fv := range ex.Want.Fields {
				if !printed(c.Fields[k]) {
					continue
				}
				prints = append(prints, jen.Qual("fmt", "Println").Call(jen.Lit(c.Fields[k].GoName+":"), jen.Id("d").Dot(c.Fields[k].GoName)))
				out = append(out, c.Fields[k].GoName+": "+fmt.Sprint(goValue(fv.Value)))
			}
			body = append(body,
				jen.Var().Id("e").Op("*").Id("Error"),
				jen.If(jen.Qual(errorsPkg, "As").Call(jen.Id("err"), jen.Op("&").Id("e"))).Block(
					jen.If(jen.List(jen.Id("d"), jen.Id("ok")).Op(":=").Id("e").Dot("Details").Assert(jen.Op("*").Id(c.Details)), jen.Id("ok")).Block(prints...),
				),
			)
		}
		body = append(body, outputComment(out))
		f.Add(newDoc("ExampleParse decodes a documented response and inspects it with errors.Is and errors.As.").
			decl(jen.Func().Id("ExampleParse").Params().Block(body...)))
	}

	// func ExampleIsRetryable() {
	// 	err := fmt.Errorf("list widgets: %w", Parse(503, nil, nil))
	// 	fmt.Println(IsRetryable(err))
	// 	// Output: true
	// }
	want := p.Schema.Decode(503, nil, nil, model.ExampleTime).Retryable
	f.Add(newDoc("ExampleIsRetryable decides whether to retry a wrapped error from a response with no body.").
		decl(jen.Func().Id("ExampleIsRetryable").Params().Block(
			jen.Id("err").Op(":=").Qual("fmt", "Errorf").Call(jen.Lit("list items: %w"), jen.Id("Parse").Call(jen.Lit(503), jen.Nil(), jen.Nil())),
			jen.Qual("fmt", "Println").Call(jen.Id("IsRetryable").Call(jen.Id("err"))),
			outputComment([]string{strconv.FormatBool(want)}),
		)))
	if p.RetryAfterHeader != "" {
		f.Add(newDoc("ExampleRetryAfter reads the delay the API asks for before a retry.").
			decl(jen.Func().Id("ExampleRetryAfter").Params().Block(
				jen.Id("header").Op(":=").Qual(httpPkg, "Header").Values(jen.Dict{jen.Lit(p.RetryAfterHeader): jen.Values(jen.Lit("7"))}),
				jen.List(jen.Id("delay"), jen.Id("ok")).Op(":=").Id("RetryAfter").Call(jen.Id("Parse").Call(jen.Lit(429), jen.Id("header"), jen.Nil())),
				jen.Qual("fmt", "Println").Call(jen.Id("delay"), jen.Id("ok")),
				outputComment([]string{"7s true"}),
			)))
	}
	g.safeExamples(f)
	return f
}

// hasPrinted reports whether ExampleParse prints some field of c.
func hasPrinted(c *model.Code) bool {
	for _, fl := range c.Fields {
		if printed(fl) {
			return true
		}
	}
	return false
}

// printed reports whether ExampleParse prints a field: fmt prints the
// built-in kinds the same on every run, but a pointer as an address.
func printed(fl *model.Field) bool {
	return fl.Kind.GoType != "" && !fl.Kind.Optional
}

// goValue converts a value as decode.Kind.Read returns it to what the Go
// field holds, for printing: []int64 becomes []int.
func goValue(v any) any {
	if s, ok := v.([]int64); ok {
		out := make([]int, len(s))
		for i, n := range s {
			out[i] = int(n)
		}
		return out
	}
	return v
}

// outputComment is an example's "// Output:" block. jennifer writes a
// function's body unindented, so in render's go/format pass the block
// stands at column 1 right before the closing brace, where go/printer
// takes it for a top-level doc comment and reformats it as go/doc/comment
// does (two single quotes become a curly one, "- x" a list item): the
// expected output would no longer be what the example prints. When that
// would change it, a blank line before the brace keeps the block from
// being one.
func outputComment(lines []string) jen.Code {
	s := jen.Comment("Output:")
	for _, l := range lines {
		s.Line().Comment(l)
	}
	if block := append([]string{"Output:"}, lines...); !slices.Equal(topDocLines(block), block) {
		s.Line()
	}
	return s
}

// exampleCode picks the example shown by ExampleParse: the first whose
// printed output is plain single-line text (so it can be an Output
// comment), preferring a code with typed fields.
func (g *gen) exampleCode() (*model.Code, *model.Example) {
	var first *model.Code
	var firstEx *model.Example
	for _, c := range g.p.Codes {
		for _, ex := range c.Examples {
			if !g.printable(c, ex) {
				continue
			}
			if c.Details != "" {
				return c, ex
			}
			if first == nil {
				first, firstEx = c, ex
			}
		}
	}
	return first, firstEx
}

// printable reports whether every line ExampleParse would print survives
// as a comment unchanged.
func (g *gen) printable(c *model.Code, ex *model.Example) bool {
	lines := []string{g.errorString(c, ex)}
	for k, fv := range ex.Want.Fields {
		if printed(c.Fields[k]) {
			lines = append(lines, c.Fields[k].GoName+": "+fmt.Sprint(goValue(fv.Value)))
		}
	}
	for _, l := range lines {
		if cl := commentLines(l, 1<<30); len(cl) != 1 || cl[0] != l || strings.HasSuffix(l, " ") {
			return false
		}
	}
	return true
}

// errorString is what (*Error).Error returns for an example.
func (g *gen) errorString(c *model.Code, ex *model.Example) string {
	s := fmt.Sprintf("%s: %s (HTTP %d)", g.p.Name, decode.Display(c.Value, decode.MaxShownValue), ex.Status)
	msg := ex.Want.Message
	if msg == "" && (ex.Status < 200 || ex.Status > 299) {
		msg = http.StatusText(ex.Status) // as (*Error).Error
	}
	if msg != "" {
		s += ": " + decode.Display(msg, decode.MaxShownMessage)
	}
	if ex.Want.RequestID != "" {
		s += " [" + decode.Display(ex.Want.RequestID, decode.MaxShownValue) + "]"
	}
	return s
}
