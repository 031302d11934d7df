package gogen

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/errgen/errgen/internal/model"
)

// testFile emits errors_test.go: the documents' examples as a conformance
// suite, plus checks of the code tables, status inference, success and
// malformed bodies.
func (g *gen) testFile() *jen.File {
	p := g.p
	f := g.newFile()

	// tests := []struct{ name string; status int; ... }{ {...}, ... }
	rows := jen.Index().StructFunc(func(s *jen.Group) {
		s.Id("name").String()
		s.Id("status").Int()
		s.Id("header").Qual(httpPkg, "Header")
		s.Id("body").String()
		s.Id("is").Error()
		s.Id("code").Id("Code")
		s.Id("message").String()
		s.Id("requestID").String()
		if p.HasErrorsList {
			s.Id("errors").Index().String()
		}
		for _, cp := range p.Captures {
			s.Id("capture" + cp.GoName).String()
		}
		s.Id("details").Id("Details")
		s.Id("retryable").Bool()
		s.Id("retryAfter").Qual(timePkg, "Duration")
		s.Id("hasRetryAfter").Bool()
	}).ValuesFunc(func(v *jen.Group) {
		for _, c := range p.Codes {
			for i, ex := range c.Examples {
				v.Add(g.exampleRow(c, i, ex))
			}
		}
	})

	checks := []jen.Code{
		jen.Id("err").Op(":=").Id("Parse").Call(jen.Id("tt").Dot("status"), jen.Id("tt").Dot("header"), jen.Index().Byte().Call(jen.Id("tt").Dot("body"))),
		jen.Var().Id("e").Op("*").Id("Error"),
		jen.If(jen.Op("!").Qual(errorsPkg, "As").Call(jen.Id("err"), jen.Op("&").Id("e"))).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("Parse = %v, want a *Error"), jen.Id("err")),
		),
		jen.If(jen.Op("!").Qual(errorsPkg, "Is").Call(jen.Qual("fmt", "Errorf").Call(jen.Lit("wrapped: %w"), jen.Id("err")), jen.Id("tt").Dot("is"))).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("errors.Is(wrapped, %v) = false"), jen.Id("tt").Dot("is")),
		),
		checkEq("Status", jen.Id("e").Dot("Status"), jen.Id("tt").Dot("status")),
		checkEq("Code", jen.Id("e").Dot("Code"), jen.Id("tt").Dot("code")),
		jen.If(jen.Op("!").Id("e").Dot("Code").Dot("Known").Call()).Block(jen.Id("t").Dot("Errorf").Call(jen.Lit("Code %q is not Known"), jen.Id("e").Dot("Code"))),
		checkEq("Message", jen.Id("e").Dot("Message"), jen.Id("tt").Dot("message")),
		checkEq("RequestID", jen.Id("e").Dot("RequestID"), jen.Id("tt").Dot("requestID")),
	}
	if p.HasErrorsList {
		checks = append(checks, jen.If(
			jen.Id("got").Op(",").Id("want").Op(":=").Qual("fmt", "Sprintf").Call(jen.Lit("%q"), jen.Id("e").Dot("Errors")).Op(",").Qual("fmt", "Sprintf").Call(jen.Lit("%q"), jen.Id("tt").Dot("errors")),
			jen.Id("got").Op("!=").Id("want"),
		).Block(jen.Id("t").Dot("Errorf").Call(jen.Lit("Errors = %s, want %s"), jen.Id("got"), jen.Id("want"))))
	}
	for _, cp := range p.Captures {
		checks = append(checks, checkEq(cp.GoName, jen.Id("e").Dot(cp.GoName), jen.Id("tt").Dot("capture"+cp.GoName)))
	}
	checks = append(checks,
		jen.If(jen.Op("!").Qual("reflect", "DeepEqual").Call(jen.Id("e").Dot("Details"), jen.Id("tt").Dot("details"))).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("Details = %#v, want %#v"), jen.Id("e").Dot("Details"), jen.Id("tt").Dot("details")),
		),
		checkEq("IsRetryable", jen.Id("IsRetryable").Call(jen.Id("err")), jen.Id("tt").Dot("retryable")),
		jen.If(
			jen.List(jen.Id("d"), jen.Id("ok")).Op(":=").Id("RetryAfter").Call(jen.Id("err")),
			jen.Id("d").Op("!=").Id("tt").Dot("retryAfter").Op("||").Id("ok").Op("!=").Id("tt").Dot("hasRetryAfter"),
		).Block(jen.Id("t").Dot("Errorf").Call(jen.Lit("RetryAfter = %v, %v; want %v, %v"), jen.Id("d"), jen.Id("ok"), jen.Id("tt").Dot("retryAfter"), jen.Id("tt").Dot("hasRetryAfter"))),
		jen.Id("resp").Op(":=").Op("&").Qual(httpPkg, "Response").Values(jen.Dict{
			jen.Id("StatusCode"): jen.Id("tt").Dot("status"),
			jen.Id("Header"):     jen.Id("tt").Dot("header"),
			jen.Id("Body"):       jen.Qual(ioPkg, "NopCloser").Call(jen.Qual(stringsPkg, "NewReader").Call(jen.Id("tt").Dot("body"))),
		}),
		jen.If(jen.Id("got").Op(":=").Id("FromResponse").Call(jen.Id("resp")), jen.Op("!").Qual("reflect", "DeepEqual").Call(jen.Id("got"), jen.Id("err"))).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("FromResponse = %#v, want %#v (as Parse)"), jen.Id("got"), jen.Id("err")),
		),
	)

	// func TestDocumentedExamples(t *testing.T) {
	// 	tests := []struct{...}{...}
	// 	for _, tt := range tests { t.Run(tt.name, func(t *testing.T) { ... }) }
	// }
	f.Add(newDoc("TestDocumentedExamples checks that every example response in the spec decodes to its own code, status, message, request id, typed fields and retry rule, through Parse and FromResponse. The expected values were computed by errgen from the spec with encoding/json, independently of this package's decoder.").
		decl(jen.Func().Id("TestDocumentedExamples").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
			jen.Id("tests").Op(":=").Add(rows),
			jen.If(jen.Len(jen.Id("tests")).Op("==").Lit(0)).Block(jen.Id("t").Dot("Skip").Call(jen.Lit("the spec documents no example responses"))),
			jen.For(jen.List(jen.Id("_"), jen.Id("tt")).Op(":=").Range().Id("tests")).Block(
				jen.Id("t").Dot("Run").Call(jen.Id("tt").Dot("name"), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(checks...)),
			),
		)))

	g.codeTableTest(f)
	g.statusTest(f)
	g.edgeTests(f)
	g.hostileTests(f)
	return f
}

func checkEq(name string, got, want jen.Code) jen.Code {
	return jen.If(jen.List(jen.Id("got"), jen.Id("want")).Op(":=").List(got, want), jen.Id("got").Op("!=").Id("want")).Block(
		jen.Id("t").Dot("Errorf").Call(jen.Lit(name+" = %#v, want %#v"), jen.Id("got"), jen.Id("want")),
	)
}

// exampleRow is one row of TestDocumentedExamples.
func (g *gen) exampleRow(c *model.Code, i int, ex *model.Example) jen.Code {
	w := ex.Want
	name := c.Value + "/" + strconv.Itoa(i)
	if ex.Title != "" {
		name = c.Value + "/" + ex.Title
	}
	d := jen.Dict{
		jen.Id("name"):      jen.Lit(name),
		jen.Id("status"):    jen.Lit(ex.Status),
		jen.Id("body"):      jen.Lit(ex.Body),
		jen.Id("is"):        jen.Id(c.Err),
		jen.Id("code"):      jen.Id(c.Const),
		jen.Id("retryable"): jen.Lit(w.Retryable),
	}
	if len(ex.Header) > 0 {
		d[jen.Id("header")] = jen.Qual(httpPkg, "Header").Values(jen.DictFunc(func(h jen.Dict) {
			for _, hv := range ex.Header {
				h[jen.Lit(hv.Name)] = jen.Values(jen.Lit(hv.Value))
			}
		}))
	}
	if w.Message != "" {
		d[jen.Id("message")] = jen.Lit(w.Message)
	}
	if w.RequestID != "" {
		d[jen.Id("requestID")] = jen.Lit(w.RequestID)
	}
	if len(w.Errors) > 0 {
		d[jen.Id("errors")] = stringsLit(w.Errors)
	}
	for _, cv := range w.Captures {
		d[jen.Id("capture"+cv.Capture.GoName)] = jen.Lit(cv.Value)
	}
	if c.Details != "" {
		d[jen.Id("details")] = jen.Op("&").Id(c.Details).Values(jen.DictFunc(func(fd jen.Dict) {
			for _, fv := range w.Fields {
				if lit := valueLit(fv.Field.Kind, fv.Value); lit != nil {
					fd[jen.Id(fv.Field.GoName)] = lit
				}
			}
		}))
	}
	if w.HasRetryAfter {
		d[jen.Id("retryAfter")] = durationLit(w.RetryAfter)
		d[jen.Id("hasRetryAfter")] = jen.True()
	}
	return jen.Values(d)
}

// durationLit is n seconds, clamped as the generated code clamps.
func durationLit(n int64) jen.Code {
	if max := int64(24 * time.Hour / time.Second); n > max {
		return jen.Id("MaxRetryAfter")
	}
	return jen.Lit(int(n)).Op("*").Qual(timePkg, "Second")
}

func stringsLit(s []string) jen.Code {
	var elems []jen.Code
	for _, v := range s {
		elems = append(elems, jen.Lit(v))
	}
	return jen.Index().String().Values(elems...)
}

// valueLit is the Go literal of a field value, or nil for the zero value.
func valueLit(k model.Kind, v any) jen.Code {
	switch x := v.(type) {
	case string:
		if x != "" {
			return jen.Lit(x)
		}
	case int64:
		if x == 0 {
			return nil
		}
		if k == model.Int {
			return jen.Lit(int(x))
		}
		return jen.Lit(x)
	case float64:
		if x != 0 {
			return jen.Lit(x)
		}
	case bool:
		if x {
			return jen.True()
		}
	case []string:
		if x != nil {
			return stringsLit(x)
		}
	case []int64:
		if x != nil {
			var elems []jen.Code
			for _, n := range x {
				elems = append(elems, jen.Lit(int(n)))
			}
			return jen.Index().Int().Values(elems...)
		}
	}
	return nil
}

// codeTableTest emits TestCodes: every code's Known, Status, Retryable,
// sentinel and CodesForStatus entry, against the values in the spec.
func (g *gen) codeTableTest(f *jen.File) {
	// for _, tt := range []struct{...}{{CodeX, ErrX, 402, false}, ...} { ... }
	rows := jen.Index().Struct(
		jen.Id("code").Id("Code"),
		jen.Id("err").Error(),
		jen.Id("status").Int(),
		jen.Id("retryable").Bool(),
	).ValuesFunc(func(v *jen.Group) {
		for _, c := range g.p.Codes {
			v.Values(jen.Id(c.Const), jen.Id(c.Err), jen.Lit(c.Status), jen.Lit(c.Retryable))
		}
	})
	f.Add(newDoc("TestCodes checks the code tables against the spec: status, retry rule, sentinel and CodesForStatus for every code, and that an undocumented code is unknown.").
		decl(jen.Func().Id("TestCodes").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("tt")).Op(":=").Range().Add(rows)).Block(
				jen.If(jen.Op("!").Id("tt").Dot("code").Dot("Known").Call()).Block(jen.Id("t").Dot("Errorf").Call(jen.Lit("%s: Known() = false"), jen.Id("tt").Dot("code"))),
				jen.If(jen.Id("got").Op(":=").Id("tt").Dot("code").Dot("Status").Call(), jen.Id("got").Op("!=").Id("tt").Dot("status")).Block(
					jen.Id("t").Dot("Errorf").Call(jen.Lit("%s: Status() = %d, want %d"), jen.Id("tt").Dot("code"), jen.Id("got"), jen.Id("tt").Dot("status"))),
				jen.If(jen.Id("got").Op(":=").Id("tt").Dot("code").Dot("Retryable").Call(), jen.Id("got").Op("!=").Id("tt").Dot("retryable")).Block(
					jen.Id("t").Dot("Errorf").Call(jen.Lit("%s: Retryable() = %v, want %v"), jen.Id("tt").Dot("code"), jen.Id("got"), jen.Id("tt").Dot("retryable"))),
				jen.Id("e").Op(":=").Op("&").Id("Error").Values(jen.Dict{jen.Id("Status"): jen.Id("tt").Dot("status"), jen.Id("Code"): jen.Id("tt").Dot("code")}),
				jen.If(jen.Op("!").Qual(errorsPkg, "Is").Call(jen.Id("e"), jen.Id("tt").Dot("err"))).Block(jen.Id("t").Dot("Errorf").Call(jen.Lit("%s: errors.Is(e, its sentinel) = false"), jen.Id("tt").Dot("code"))),
				jen.If(jen.Id("e").Dot("Retryable").Call().Op("!=").Id("tt").Dot("retryable")).Block(jen.Id("t").Dot("Errorf").Call(jen.Lit("%s: (*Error).Retryable() = %v"), jen.Id("tt").Dot("code"), jen.Id("e").Dot("Retryable").Call())),
				jen.Id("found").Op(":=").False(),
				jen.For(jen.List(jen.Id("_"), jen.Id("c")).Op(":=").Range().Id("CodesForStatus").Call(jen.Id("tt").Dot("status"))).Block(
					jen.Id("found").Op("=").Id("found").Op("||").Id("c").Op("==").Id("tt").Dot("code"),
				),
				jen.If(jen.Op("!").Id("found")).Block(jen.Id("t").Dot("Errorf").Call(jen.Lit("%s: missing from CodesForStatus(%d)"), jen.Id("tt").Dot("code"), jen.Id("tt").Dot("status"))),
			),
			jen.Id("unknown").Op(":=").Id("Code").Call(jen.Lit("errgen_undocumented_code")),
			jen.If(jen.Id("unknown").Dot("Known").Call().Op("||").Id("unknown").Dot("Status").Call().Op("!=").Lit(0).Op("||").Id("unknown").Dot("Retryable").Call()).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("an undocumented code is Known, has a status or is retryable")),
			),
			jen.If(jen.Id("CodesForStatus").Call(jen.Lit(200)).Op("!=").Nil()).Block(jen.Id("t").Dot("Errorf").Call(jen.Lit("CodesForStatus(200) is not nil"))),
		)))
}

// statusTest emits TestStatusAlone: a bodyless response of each documented
// status gets the one code recognised by status alone, or no code.
func (g *gen) statusTest(f *jen.File) {
	p := g.p
	rows := jen.Index().Struct(
		jen.Id("status").Int(),
		jen.Id("code").Id("Code"),
		jen.Id("retryable").Bool(),
	).ValuesFunc(func(v *jen.Group) {
		seen := map[int]bool{}
		for _, s := range p.Statuses {
			seen[s.Status] = true
			if s.ByStatus != nil {
				v.Values(jen.Lit(s.Status), jen.Id(s.ByStatus.Const), jen.Lit(s.ByStatus.Retryable))
			} else {
				v.Values(jen.Lit(s.Status), jen.Lit(""), jen.Lit(inInts(p.RetryableStatuses, s.Status)))
			}
		}
		var extra []int
		for _, st := range append([]int{418}, p.RetryableStatuses...) {
			if !seen[st] {
				seen[st] = true
				extra = append(extra, st)
			}
		}
		sort.Ints(extra)
		for _, st := range extra {
			v.Values(jen.Lit(st), jen.Lit(""), jen.Lit(inInts(p.RetryableStatuses, st)))
		}
	})
	f.Add(newDoc("TestStatusAlone checks decoding rule 3: a response whose body names no code gets the code documented as recognisable by its status alone, and otherwise no code; retryability then follows the code or the status.").
		decl(jen.Func().Id("TestStatusAlone").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("tt")).Op(":=").Range().Add(rows)).Block(
				jen.For(jen.List(jen.Id("_"), jen.Id("body")).Op(":=").Range().Index().String().Values(jen.Lit(""), jen.Lit("<html><body>Bad gateway</body></html>"), jen.Lit("{}"))).Block(
					jen.List(jen.Id("e"), jen.Id("ok")).Op(":=").Id("Parse").Call(jen.Id("tt").Dot("status"), jen.Nil(), jen.Index().Byte().Call(jen.Id("body"))).Assert(jen.Op("*").Id("Error")),
					jen.If(jen.Op("!").Id("ok")).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("Parse(%d, %q) did not give a *Error"), jen.Id("tt").Dot("status"), jen.Id("body"))),
					jen.If(jen.Id("e").Dot("Code").Op("!=").Id("tt").Dot("code").Op("||").Id("e").Dot("Inferred").Op("!=").Parens(jen.Id("tt").Dot("code").Op("!=").Lit(""))).Block(
						jen.Id("t").Dot("Errorf").Call(jen.Lit("Parse(%d, %q): Code %q (inferred %v), want %q"), jen.Id("tt").Dot("status"), jen.Id("body"), jen.Id("e").Dot("Code"), jen.Id("e").Dot("Inferred"), jen.Id("tt").Dot("code"))),
					jen.If(jen.Id("IsRetryable").Call(jen.Id("e")).Op("!=").Id("tt").Dot("retryable")).Block(
						jen.Id("t").Dot("Errorf").Call(jen.Lit("Parse(%d, %q): IsRetryable = %v, want %v"), jen.Id("tt").Dot("status"), jen.Id("body"), jen.Op("!").Id("tt").Dot("retryable"), jen.Id("tt").Dot("retryable"))),
				),
			),
		)))
}

func inInts(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// edgeTests emits the checks every package gets whatever its spec: success
// is a true nil, malformed bodies still give a *Error, unknown codes are
// kept verbatim, and Retry-After is read and clamped.
func (g *gen) edgeTests(f *jen.File) {
	p := g.p
	f.Add(newDoc("TestSuccessIsNil checks that a 2xx response gives a true nil error, whatever the body.").
		decl(jen.Func().Id("TestSuccessIsNil").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("status")).Op(":=").Range().Index().Int().Values(jen.Lit(200), jen.Lit(201), jen.Lit(204), jen.Lit(299))).Block(
				jen.If(jen.Id("err").Op(":=").Id("Parse").Call(jen.Id("status"), jen.Nil(), jen.Index().Byte().Call(jen.Lit(`{"error": "x"}`))), jen.Id("err").Op("!=").Nil()).Block(
					jen.Id("t").Dot("Errorf").Call(jen.Lit("Parse(%d) = %#v, want nil"), jen.Id("status"), jen.Id("err"))),
				jen.If(jen.Id("err").Op(":=").Id("FromResponse").Call(jen.Op("&").Qual(httpPkg, "Response").Values(jen.Dict{jen.Id("StatusCode"): jen.Id("status")})), jen.Id("err").Op("!=").Nil()).Block(
					jen.Id("t").Dot("Errorf").Call(jen.Lit("FromResponse(%d) = %#v, want nil"), jen.Id("status"), jen.Id("err"))),
			),
			jen.If(jen.Id("FromResponse").Call(jen.Nil()).Op("==").Nil()).Block(jen.Id("t").Dot("Error").Call(jen.Lit("FromResponse(nil) = nil, want an error"))),
		)))

	// bodies that are not a documented envelope
	f.Add(newDoc("TestMalformedBodies checks decoding rule 6: bodies that are empty, not JSON, truncated, of the wrong type or absurdly nested still give a *Error with the status, a non-empty Error() and no panic; a non-JSON body shows in Message.").
		decl(jen.Func().Id("TestMalformedBodies").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
			jen.Id("bodies").Op(":=").Index().String().Values(
				jen.Lit(""), jen.Lit("{"), jen.Lit(`{"error": {"code": "x"`), jen.Lit("[]"), jen.Lit(`[{"error": "x"}]`), jen.Lit(`"error"`),
				jen.Lit("null"), jen.Lit("42"), jen.Lit(`{"error": 42, "message": ["x"], "meta": "y", "detail": {}}`),
				jen.Lit("\xff\xfe{\"error\": \"\xff\"}"), jen.Lit("<html><head><title>502 Bad Gateway</title></head></html>"),
				jen.Qual(stringsPkg, "Repeat").Call(jen.Lit("["), jen.Lit(5000)), jen.Qual(stringsPkg, "Repeat").Call(jen.Lit("["), jen.Lit(5000)).Op("+").Qual(stringsPkg, "Repeat").Call(jen.Lit("]"), jen.Lit(5000)),
				jen.Qual(stringsPkg, "Repeat").Call(jen.Lit(`{"a":`), jen.Lit(20000)),
			),
			jen.For(jen.List(jen.Id("_"), jen.Id("body")).Op(":=").Range().Id("bodies")).Block(
				jen.List(jen.Id("e"), jen.Id("ok")).Op(":=").Id("Parse").Call(jen.Lit(502), jen.Nil(), jen.Index().Byte().Call(jen.Id("body"))).Assert(jen.Op("*").Id("Error")),
				jen.If(jen.Op("!").Id("ok").Op("||").Id("e").Dot("Status").Op("!=").Lit(502).Op("||").Id("e").Dot("Error").Call().Op("==").Lit("")).Block(
					jen.Id("t").Dot("Fatalf").Call(jen.Lit("Parse(502, %.40q) = %#v"), jen.Id("body"), jen.Id("e"))),
				jen.If(jen.Id("e").Dot("Code").Op("!=").Lit("").Op("&&").Op("!").Id("e").Dot("Code").Dot("Known").Call()).Block(
					jen.Id("t").Dot("Errorf").Call(jen.Lit("Parse(502, %.40q): made-up code %q"), jen.Id("body"), jen.Id("e").Dot("Code"))),
			),
			jen.Id("e").Op(":=").Id("Parse").Call(jen.Lit(502), jen.Nil(), jen.Index().Byte().Call(jen.Lit("<html>\n  <title>Bad   gateway</title>\n</html>"))).Assert(jen.Op("*").Id("Error")),
			jen.If(jen.Op("!").Qual(stringsPkg, "Contains").Call(jen.Id("e").Dot("Message"), jen.Lit("Bad gateway"))).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("Message = %q, want an excerpt of the HTML body"), jen.Id("e").Dot("Message"))),
		)))

	// unknown codes, through a shape that carries one
	for _, s := range p.Shapes {
		if !s.RoundTrip {
			continue
		}
		const code = "errgen_undocumented_code"
		body, _ := model.BuildBody(s, code, "An undocumented error.", "")
		f.Add(newDoc("TestUnknownCodeKept checks decoding rule 1: a code the spec does not document is kept verbatim, never replaced by a guess, even for a status that has a code recognised by status alone.").
			decl(jen.Func().Id("TestUnknownCodeKept").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
				jen.For(jen.List(jen.Id("_"), jen.Id("status")).Op(":=").Range().Index().Int().Values(statusLits(p)...)).Block(
					jen.Id("e").Op(":=").Id("Parse").Call(jen.Id("status"), jen.Nil(), jen.Index().Byte().Call(jen.Lit(string(body)))).Assert(jen.Op("*").Id("Error")),
					jen.If(jen.Id("e").Dot("Code").Op("!=").Lit(code).Op("||").Id("e").Dot("Code").Dot("Known").Call().Op("||").Id("e").Dot("Inferred").Op("||").Id("e").Dot("Details").Op("!=").Nil()).Block(
						jen.Id("t").Dot("Errorf").Call(jen.Lit("Parse(%d): Code %q, Known %v, Inferred %v, Details %v"), jen.Id("status"), jen.Id("e").Dot("Code"), jen.Id("e").Dot("Code").Dot("Known").Call(), jen.Id("e").Dot("Inferred"), jen.Id("e").Dot("Details"))),
				),
			)))
		break
	}

	if p.RetryAfterHeader != "" {
		h := p.RetryAfterHeader
		// header value -> want
		type ra struct {
			value string
			want  jen.Code
			ok    bool
		}
		cases := []ra{
			{"7", jen.Lit(7).Op("*").Qual(timePkg, "Second"), true},
			{" 30 ", jen.Lit(30).Op("*").Qual(timePkg, "Second"), true},
			{"0", jen.Lit(0), true},
			{"-5", jen.Lit(0), true},
			{"99999999999", jen.Id("MaxRetryAfter"), true},
			{"99999999999999999999999", jen.Id("MaxRetryAfter"), true},
			{"Wed, 21 Oct 2015 07:28:00 GMT", jen.Lit(0), true},
			{"soon", jen.Lit(0), false},
			{"", jen.Lit(0), false},
		}
		f.Add(newDoc("TestRetryAfterHeader checks that the " + h + " header is read as delta-seconds or an HTTP-date and clamped to [0, MaxRetryAfter], and that garbage is ignored.").
			decl(jen.Func().Id("TestRetryAfterHeader").Params(jen.Id("t").Op("*").Qual("testing", "T")).BlockFunc(func(b *jen.Group) {
				b.For(jen.List(jen.Id("_"), jen.Id("tt")).Op(":=").Range().Index().Struct(
					jen.Id("value").String(), jen.Id("want").Qual(timePkg, "Duration"), jen.Id("ok").Bool(),
				).ValuesFunc(func(v *jen.Group) {
					for _, c := range cases {
						v.Values(jen.Lit(c.value), c.want, jen.Lit(c.ok))
					}
				})).Block(
					jen.Id("err").Op(":=").Id("Parse").Call(jen.Lit(429), jen.Qual(httpPkg, "Header").Values(jen.Dict{jen.Lit(h): jen.Values(jen.Id("tt").Dot("value"))}), jen.Nil()),
					jen.List(jen.Id("d"), jen.Id("ok")).Op(":=").Id("RetryAfter").Call(jen.Qual("fmt", "Errorf").Call(jen.Lit("wrapped: %w"), jen.Id("err"))),
					jen.If(jen.Id("d").Op("!=").Id("tt").Dot("want").Op("||").Id("ok").Op("!=").Id("tt").Dot("ok")).Block(
						jen.Id("t").Dot("Errorf").Call(jen.Lit("RetryAfter with %q = %v, %v; want %v, %v"), jen.Id("tt").Dot("value"), jen.Id("d"), jen.Id("ok"), jen.Id("tt").Dot("want"), jen.Id("tt").Dot("ok"))),
				)
				b.Id("future").Op(":=").Qual(timePkg, "Now").Call().Dot("Add").Call(jen.Lit(2).Op("*").Qual(timePkg, "Hour")).Dot("UTC").Call().Dot("Format").Call(jen.Qual(httpPkg, "TimeFormat"))
				b.List(jen.Id("d"), jen.Id("ok")).Op(":=").Id("RetryAfter").Call(jen.Id("Parse").Call(jen.Lit(429), jen.Qual(httpPkg, "Header").Values(jen.Dict{jen.Lit(h): jen.Values(jen.Id("future"))}), jen.Nil()))
				b.If(jen.Op("!").Id("ok").Op("||").Id("d").Op("<=").Qual(timePkg, "Hour").Op("||").Id("d").Op(">").Lit(2).Op("*").Qual(timePkg, "Hour")).Block(
					jen.Id("t").Dot("Errorf").Call(jen.Lit("RetryAfter with an HTTP-date 2h ahead = %v, %v"), jen.Id("d"), jen.Id("ok")))
				b.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("RetryAfter").Call(jen.Qual(errorsPkg, "New").Call(jen.Lit("not an API error"))), jen.Id("ok")).Block(
					jen.Id("t").Dot("Error").Call(jen.Lit("RetryAfter of a plain error reports a delay")))
			})))
	}
}

func statusLits(p *model.Package) []jen.Code {
	var out []jen.Code
	for _, s := range p.Statuses {
		out = append(out, jen.Lit(s.Status))
	}
	return out
}

// exampleFile emits example_test.go: runnable examples for pkg.go.dev.
func (g *gen) exampleFile() *jen.File {
	p := g.p
	f := g.newFile()
	c, ex := g.exampleCode()
	if ex != nil {
		w := ex.Want
		out := []string{g.errorString(c, ex), "true"}
		// func ExampleParse() {
		// 	err := Parse(402, nil, []byte(`...`))
		// 	fmt.Println(err)
		// 	fmt.Println(errors.Is(err, ErrX))
		// 	var e *Error
		// 	if errors.As(err, &e) { d := e.Details.(*XDetails); fmt.Println(d.F) }
		// 	// Output: ...
		// }
		body := []jen.Code{
			jen.Id("body").Op(":=").Index().Byte().Call(jen.Lit(ex.Body)),
			jen.Id("err").Op(":=").Id("Parse").Call(jen.Lit(ex.Status), headerLit(ex.Header), jen.Id("body")),
			jen.Qual("fmt", "Println").Call(jen.Id("err")),
			jen.Qual("fmt", "Println").Call(jen.Qual(errorsPkg, "Is").Call(jen.Id("err"), jen.Id(c.Err))),
		}
		if c.Details != "" {
			var prints []jen.Code
			for _, fv := range w.Fields {
				prints = append(prints, jen.Qual("fmt", "Println").Call(jen.Lit(fv.Field.GoName+":"), jen.Id("d").Dot(fv.Field.GoName)))
				out = append(out, fv.Field.GoName+": "+fmt.Sprint(fv.Value))
			}
			body = append(body,
				jen.Var().Id("e").Op("*").Id("Error"),
				jen.If(jen.Qual(errorsPkg, "As").Call(jen.Id("err"), jen.Op("&").Id("e"))).Block(
					append([]jen.Code{jen.Id("d").Op(":=").Id("e").Dot("Details").Assert(jen.Op("*").Id(c.Details))}, prints...)...,
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
	want := inInts(p.RetryableStatuses, 503)
	for _, s := range p.Statuses {
		if s.Status == 503 && s.ByStatus != nil {
			want = s.ByStatus.Retryable
		}
	}
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
	return f
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

// outputComment is an example's "// Output:" block.
func outputComment(lines []string) jen.Code {
	s := jen.Comment("Output:")
	for _, l := range lines {
		s.Line().Comment(l)
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
	for _, fv := range ex.Want.Fields {
		lines = append(lines, fv.Field.GoName+": "+fmt.Sprint(fv.Value))
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
	s := fmt.Sprintf("%s: %s (HTTP %d)", g.p.Name, c.Value, ex.Status)
	if ex.Want.Message != "" {
		s += ": " + ex.Want.Message
	}
	if ex.Want.RequestID != "" {
		s += " [" + ex.Want.RequestID + "]"
	}
	return s
}

// fuzzFile emits fuzz_test.go: FuzzParse over arbitrary responses and
// FuzzRoundTrip over bodies built from each shape.
func (g *gen) fuzzFile() *jen.File {
	p := g.p
	f := g.newFile()
	var seeds []jen.Code
	for _, c := range p.Codes {
		for _, ex := range c.Examples {
			seeds = append(seeds, jen.Id("f").Dot("Add").Call(jen.Lit(ex.Status), jen.Index().Byte().Call(jen.Lit(ex.Body))))
		}
	}
	seeds = append(seeds,
		jen.Id("f").Dot("Add").Call(jen.Lit(502), jen.Index().Byte().Call(jen.Lit("<html>Bad gateway</html>"))),
		jen.Id("f").Dot("Add").Call(jen.Lit(200), jen.Index().Byte().Call(jen.Lit("{}"))),
	)
	e := func(name string) *jen.Statement { return jen.Id("e").Dot(name) }
	fatalf := func(format string, args ...jen.Code) jen.Code {
		return jen.Id("t").Dot("Fatalf").Call(append([]jen.Code{jen.Lit(format)}, args...)...)
	}
	// func FuzzParse(f *testing.F) { ...seeds...; f.Fuzz(func(t *testing.T, status int, body []byte) {...}) }
	f.Add(newDoc("FuzzParse checks Parse and FromResponse on arbitrary responses: they never panic and agree; a 2xx gives nil and anything else a *Error with that status and a non-empty Error(); a code is either a string the JSON body holds or, when inferred, a documented code; Body is a bounded prefix of the body; the retry delay is within [0, MaxRetryAfter].").
		decl(jen.Func().Id("FuzzParse").Params(jen.Id("f").Op("*").Qual("testing", "F")).Block(append(seeds,
			jen.Id("f").Dot("Fuzz").Call(jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T"), jen.Id("status").Int(), jen.Id("body").Index().Byte()).Block(
				jen.Id("err").Op(":=").Id("Parse").Call(jen.Id("status"), jen.Nil(), jen.Id("body")),
				jen.If(jen.Len(jen.Id("body")).Op("<=").Id("MaxBodySize")).Block(
					jen.Id("resp").Op(":=").Op("&").Qual(httpPkg, "Response").Values(jen.Dict{
						jen.Id("StatusCode"): jen.Id("status"),
						jen.Id("Body"):       jen.Qual(ioPkg, "NopCloser").Call(jen.Qual("bytes", "NewReader").Call(jen.Id("body"))),
					}),
					jen.If(jen.Id("got").Op(":=").Id("FromResponse").Call(jen.Id("resp")), jen.Op("!").Qual("reflect", "DeepEqual").Call(jen.Id("got"), jen.Id("err"))).Block(
						fatalf("FromResponse = %#v, Parse = %#v", jen.Id("got"), jen.Id("err"))),
				),
				jen.If(jen.Id("status").Op(">=").Lit(200).Op("&&").Id("status").Op("<=").Lit(299)).Block(
					jen.If(jen.Id("err").Op("!=").Nil()).Block(fatalf("Parse(%d) = %v, want nil", jen.Id("status"), jen.Id("err"))),
					jen.Return(),
				),
				jen.List(jen.Id("e"), jen.Id("ok")).Op(":=").Id("err").Assert(jen.Op("*").Id("Error")),
				jen.If(jen.Op("!").Id("ok").Op("||").Add(e("Status")).Op("!=").Id("status")).Block(fatalf("Parse(%d) = %#v", jen.Id("status"), jen.Id("err"))),
				jen.If(e("Error").Call().Op("==").Lit("")).Block(jen.Id("t").Dot("Fatal").Call(jen.Lit("empty Error()"))),
				jen.If(jen.Len(e("Body")).Op(">").Id("maxKeptBody").Op("||").Op("!").Qual(stringsPkg, "HasPrefix").Call(jen.String().Call(jen.Id("body")), e("Body"))).Block(
					fatalf("Body %.40q is not a prefix of at most %d bytes of the body", e("Body"), jen.Id("maxKeptBody"))),
				jen.If(e("Inferred").Op("&&").Op("!").Add(e("Code")).Dot("Known").Call()).Block(fatalf("inferred an undocumented code %q", e("Code"))),
				jen.If(jen.Op("!").Add(e("Inferred")).Op("&&").Add(e("Code")).Op("!=").Lit("").Op("&&").Op("!").Id("hasString").Call(jen.Id("body"), jen.String().Call(e("Code")))).Block(
					fatalf("code %q is not a string in the body", e("Code"))),
				jen.If(e("Code").Dot("Known").Call().Op("&&").Add(e("Details")).Op("==").Nil().Op("&&").Id("hasDetails").Call(e("Code"))).Block(
					fatalf("code %q without its Details", e("Code"))),
				jen.If(jen.List(jen.Id("d"), jen.Id("ok")).Op(":=").Id("RetryAfter").Call(jen.Id("err")), jen.Id("d").Op("<").Lit(0).Op("||").Id("d").Op(">").Id("MaxRetryAfter").Op("||").Op("!").Id("ok").Op("&&").Id("d").Op("!=").Lit(0)).Block(
					fatalf("RetryAfter = %v, %v", jen.Id("d"), jen.Id("ok"))),
				jen.Id("IsRetryable").Call(jen.Id("err")),
			)),
		)...)))
	var withDetails []jen.Code
	for _, c := range p.Codes {
		if c.Details != "" {
			withDetails = append(withDetails, jen.Id(c.Const))
		}
	}
	f.Add(newDoc("hasDetails reports whether c documents typed fields.").
		decl(jen.Func().Id("hasDetails").Params(jen.Id("c").Id("Code")).Bool().BlockFunc(func(b *jen.Group) {
			if len(withDetails) > 0 {
				b.Switch(jen.Id("c")).Block(jen.Case(withDetails...).Return(jen.True()))
			}
			b.Return(jen.False())
		})))
	// func hasString(body []byte, s string) bool { var v any; ...; return containsString(v, s) }
	f.Add(newDoc("hasString reports whether s is a string anywhere in the JSON body as encoding/json decodes it (with duplicate keys, the last); numbers are kept as text, so that one too large for a float64 does not fail the decoding.").
		decl(jen.Func().Id("hasString").Params(jen.Id("body").Index().Byte(), jen.Id("s").String()).Bool().Block(
			jen.If(jen.Op("!").Qual("encoding/json", "Valid").Call(jen.Id("body"))).Block(jen.Return(jen.False())),
			jen.Id("d").Op(":=").Qual("encoding/json", "NewDecoder").Call(jen.Qual("bytes", "NewReader").Call(jen.Id("body"))),
			jen.Id("d").Dot("UseNumber").Call(),
			jen.Var().Id("v").Any(),
			jen.If(jen.Id("d").Dot("Decode").Call(jen.Op("&").Id("v")).Op("!=").Nil()).Block(jen.Return(jen.False())),
			jen.Return(jen.Id("containsString").Call(jen.Id("v"), jen.Id("s"))),
		)))
	f.Add(newDoc("containsString reports whether the decoded JSON value v is or holds the string s.").
		decl(jen.Func().Id("containsString").Params(jen.Id("v").Any(), jen.Id("s").String()).Bool().Block(
			jen.Switch(jen.Id("v").Op(":=").Id("v").Assert(jen.Type())).Block(
				jen.Case(jen.String()).Return(jen.Id("v").Op("==").Id("s")),
				jen.Case(jen.Index().Any()).For(jen.List(jen.Id("_"), jen.Id("x")).Op(":=").Range().Id("v")).Block(
					jen.If(jen.Id("containsString").Call(jen.Id("x"), jen.Id("s"))).Block(jen.Return(jen.True()))),
				jen.Case(jen.Map(jen.String()).Any()).For(jen.List(jen.Id("_"), jen.Id("x")).Op(":=").Range().Id("v")).Block(
					jen.If(jen.Id("containsString").Call(jen.Id("x"), jen.Id("s"))).Block(jen.Return(jen.True()))),
			),
			jen.Return(jen.False()),
		)))

	// FuzzRoundTrip: bodies built from each round-trip shape with arbitrary strings.
	var builders []jen.Code
	for _, s := range p.Shapes {
		if !s.RoundTrip {
			continue
		}
		const code, msg, rid = "\x00code", "\x00message", "\x00requestID"
		body, _ := model.BuildBody(s, code, msg, rid)
		var tree map[string]any
		_ = json.Unmarshal(body, &tree)
		builders = append(builders, jen.Line().Values(jen.Dict{
			jen.Id("name"): jen.Lit(s.Name),
			jen.Id("build"): jen.Func().Params(jen.List(jen.Id("code"), jen.Id("message"), jen.Id("requestID")).String()).Map(jen.String()).Any().Block(
				jen.Return(mapLit(tree, map[string]string{code: "code", msg: "message", rid: "requestID"})),
			),
			jen.Id("message"):   jen.Lit(s.Message != nil),
			jen.Id("requestID"): jen.Lit(s.RequestID != nil),
		}))
	}
	if len(builders) == 0 {
		return f
	}
	f.Add(newDoc("FuzzRoundTrip checks that bodies built from each envelope shape that carries a code, with arbitrary strings (quotes, escapes, unicode, invalid UTF-8, long text), parse back to exactly that code, and to that message and request id where the shape has them.").
		decl(jen.Func().Id("FuzzRoundTrip").Params(jen.Id("f").Op("*").Qual("testing", "F")).Block(
			jen.Id("f").Dot("Add").Call(jen.Lit("some_code"), jen.Lit("A message."), jen.Lit("req_1")),
			jen.Id("f").Dot("Add").Call(jen.Lit(`quo"te\`), jen.Lit("line\nbreak \u2028 \U0001F600 </script> */"), jen.Lit("\u202e")),
			jen.Id("f").Dot("Add").Call(jen.Lit(" "), jen.Lit("\x00\xff\xfe"), jen.Lit("\xc3")),
			jen.Id("f").Dot("Add").Call(jen.Qual(stringsPkg, "Repeat").Call(jen.Lit("long_code"), jen.Lit(30)), jen.Qual(stringsPkg, "Repeat").Call(jen.Lit(`é"\`), jen.Lit(100)), jen.Qual(stringsPkg, "Repeat").Call(jen.Lit("\u202e"), jen.Lit(10))),
			jen.Id("shapes").Op(":=").Index().Struct(
				jen.Id("name").String(),
				jen.Id("build").Func().Params(jen.List(jen.Id("code"), jen.Id("message"), jen.Id("requestID")).String()).Map(jen.String()).Any(),
				jen.List(jen.Id("message"), jen.Id("requestID")).Bool(),
			).Values(append(builders, jen.Line())...),
			jen.Id("f").Dot("Fuzz").Call(jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T"), jen.List(jen.Id("code"), jen.Id("message"), jen.Id("requestID")).String()).Block(
				jen.Comment("encoding/json writes each byte of invalid UTF-8 as U+FFFD, as the conversion to []rune does."),
				jen.List(jen.Id("code"), jen.Id("message"), jen.Id("requestID")).Op("=").List(
					jen.String().Call(jen.Index().Rune().Call(jen.Id("code"))),
					jen.String().Call(jen.Index().Rune().Call(jen.Id("message"))),
					jen.String().Call(jen.Index().Rune().Call(jen.Id("requestID")))),
				jen.If(jen.Id("code").Op("==").Lit("")).Block(
					jen.Id("t").Dot("Skip").Call(jen.Lit("an empty code is no code")),
				),
				jen.For(jen.List(jen.Id("_"), jen.Id("s")).Op(":=").Range().Id("shapes")).Block(
					jen.List(jen.Id("body"), jen.Id("err")).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("s").Dot("build").Call(jen.Id("code"), jen.Id("message"), jen.Id("requestID"))),
					jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Id("err"))),
					jen.Id("e").Op(":=").Id("Parse").Call(jen.Lit(400), jen.Nil(), jen.Id("body")).Assert(jen.Op("*").Id("Error")),
					jen.If(e("Code").Op("!=").Id("Code").Call(jen.Id("code")).Op("||").Add(e("Inferred"))).Block(
						fatalf("shape %s: %s: Code = %q, want %q", jen.Id("s").Dot("name"), jen.Id("body"), e("Code"), jen.Id("code"))),
					jen.If(jen.Id("s").Dot("message").Op("&&").Add(e("Message")).Op("!=").Id("message")).Block(
						fatalf("shape %s: %s: Message = %q, want %q", jen.Id("s").Dot("name"), jen.Id("body"), e("Message"), jen.Id("message"))),
					jen.If(jen.Id("s").Dot("requestID").Op("&&").Add(e("RequestID")).Op("!=").Id("requestID")).Block(
						fatalf("shape %s: %s: RequestID = %q, want %q", jen.Id("s").Dot("name"), jen.Id("body"), e("RequestID"), jen.Id("requestID"))),
				),
			)),
		)))
	return f
}

// mapLit is the Go literal of a JSON object decoded into a map, with the
// marker strings replaced by the named variables.
func mapLit(m map[string]any, vars map[string]string) jen.Code {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return jen.Map(jen.String()).Any().Values(jen.DictFunc(func(d jen.Dict) {
		for _, k := range keys {
			switch v := m[k].(type) {
			case map[string]any:
				d[jen.Lit(k)] = mapLit(v, vars)
			case string:
				if name, ok := vars[v]; ok {
					d[jen.Lit(k)] = jen.Id(name)
				} else {
					d[jen.Lit(k)] = jen.Lit(v)
				}
			}
		}
	}))
}

// hostileTests emits the checks of responses a server, a proxy or an
// attacker might send: an endless body, a body that fails mid-read, no body,
// invalid UTF-8, duplicate keys and values of the wrong JSON type.
func (g *gen) hostileTests(f *jen.File) {
	p := g.p
	errorf := func(format string, args ...jen.Code) jen.Code {
		return jen.Id("t").Dot("Errorf").Call(append([]jen.Code{jen.Lit(format)}, args...)...)
	}
	resp := func(status jen.Code, body jen.Code) jen.Code {
		d := jen.Dict{jen.Id("StatusCode"): status}
		if body != nil {
			d[jen.Id("Body")] = body
		}
		return jen.Op("&").Qual(httpPkg, "Response").Values(d)
	}
	e := func(name string) *jen.Statement { return jen.Id("e").Dot(name) }

	// type endlessReader struct{ fill byte; n int64 }
	f.Add(newDoc("endlessReader is a response body that never ends; n counts the bytes read from it.").
		decl(jen.Type().Id("endlessReader").Struct(jen.Id("fill").Byte(), jen.Id("n").Int64())))
	f.Add(jen.Func().Params(jen.Id("r").Op("*").Id("endlessReader")).Id("Read").Params(jen.Id("p").Index().Byte()).Params(jen.Int(), jen.Error()).Block(
		jen.For(jen.Id("i").Op(":=").Range().Id("p")).Block(jen.Id("p").Index(jen.Id("i")).Op("=").Id("r").Dot("fill")),
		jen.Id("r").Dot("n").Op("+=").Int64().Call(jen.Len(jen.Id("p"))),
		jen.Return(jen.Len(jen.Id("p")), jen.Nil()),
	))
	f.Add(newDoc("TestEndlessBody checks that FromResponse returns on a body that never ends, having read at most MaxBodySize bytes, and keeps at most 64 KiB of it.").
		decl(jen.Func().Id("TestEndlessBody").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("fill")).Op(":=").Range().Lit("x[{\" ")).Block(
				jen.Id("r").Op(":=").Op("&").Id("endlessReader").Values(jen.Dict{jen.Id("fill"): jen.Byte().Call(jen.Id("fill"))}),
				jen.List(jen.Id("e"), jen.Id("ok")).Op(":=").Id("FromResponse").Call(resp(jen.Lit(503), jen.Qual(ioPkg, "NopCloser").Call(jen.Id("r")))).Assert(jen.Op("*").Id("Error")),
				jen.If(jen.Op("!").Id("ok")).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("fill %q: FromResponse did not give a *Error"), jen.Id("fill"))),
				jen.If(jen.Id("r").Dot("n").Op(">").Id("MaxBodySize").Op("||").Len(e("Body")).Op(">").Id("maxKeptBody").Op("||").Add(e("Status")).Op("!=").Lit(503).Op("||").Add(e("Error")).Call().Op("==").Lit("")).Block(
					errorf("fill %q: read %d bytes, kept %d; Status %d; Error() %.80q", jen.Id("fill"), jen.Id("r").Dot("n"), jen.Len(e("Body")), e("Status"), e("Error").Call())),
			),
		)))

	// a documented example, to be cut by a read error and read in pieces
	var exStatus int
	var exBody string
	for _, c := range p.Codes {
		if len(c.Examples) > 0 {
			exStatus, exBody = c.Examples[0].Status, c.Examples[0].Body
			break
		}
	}
	if exBody == "" {
		exStatus, exBody = 502, `{"error": "Bad gateway"}`
	}
	readErr := jen.Qual("testing/iotest", "ErrReader").Call(jen.Qual(errorsPkg, "New").Call(jen.Lit("connection reset")))
	f.Add(newDoc("TestBodyReadError checks that a body that fails mid-read, or comes a byte at a time, is decoded from what was read, as Parse would decode it.").
		decl(jen.Func().Id("TestBodyReadError").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
			jen.Id("body").Op(":=").Lit(exBody),
			jen.For(jen.List(jen.Id("_"), jen.Id("n")).Op(":=").Range().Index().Int().Values(jen.Lit(0), jen.Lit(1), jen.Len(jen.Id("body")).Op("/").Lit(2), jen.Len(jen.Id("body")))).Block(
				jen.Id("r").Op(":=").Qual(ioPkg, "MultiReader").Call(jen.Qual(stringsPkg, "NewReader").Call(jen.Id("body").Index(jen.Empty(), jen.Id("n"))), readErr),
				jen.Id("got").Op(":=").Id("FromResponse").Call(resp(jen.Lit(exStatus), jen.Qual(ioPkg, "NopCloser").Call(jen.Id("r")))),
				jen.If(jen.Id("want").Op(":=").Id("Parse").Call(jen.Lit(exStatus), jen.Nil(), jen.Index().Byte().Call(jen.Id("body").Index(jen.Empty(), jen.Id("n")))), jen.Op("!").Qual("reflect", "DeepEqual").Call(jen.Id("got"), jen.Id("want"))).Block(
					errorf("read error after %d bytes: FromResponse = %v, want %v", jen.Id("n"), jen.Id("got"), jen.Id("want"))),
			),
			jen.Id("got").Op(":=").Id("FromResponse").Call(resp(jen.Lit(exStatus), jen.Qual(ioPkg, "NopCloser").Call(jen.Qual("testing/iotest", "OneByteReader").Call(jen.Qual(stringsPkg, "NewReader").Call(jen.Id("body")))))),
			jen.If(jen.Id("want").Op(":=").Id("Parse").Call(jen.Lit(exStatus), jen.Nil(), jen.Index().Byte().Call(jen.Id("body"))), jen.Op("!").Qual("reflect", "DeepEqual").Call(jen.Id("got"), jen.Id("want"))).Block(
				errorf("a byte at a time: FromResponse = %v, want %v", jen.Id("got"), jen.Id("want"))),
		)))

	f.Add(newDoc("TestNilBody checks that a response without a Body decodes as an empty body.").
		decl(jen.Func().Id("TestNilBody").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("status")).Op(":=").Range().Index().Int().Values(append(statusLits(p), jen.Lit(418), jen.Lit(503))...)).Block(
				jen.Id("got").Op(":=").Id("FromResponse").Call(resp(jen.Id("status"), nil)),
				jen.If(jen.Id("want").Op(":=").Id("Parse").Call(jen.Id("status"), jen.Nil(), jen.Nil()), jen.Op("!").Qual("reflect", "DeepEqual").Call(jen.Id("got"), jen.Id("want"))).Block(
					errorf("FromResponse(%d, nil Body) = %#v, want %#v", jen.Id("status"), jen.Id("got"), jen.Id("want"))),
			),
		)))

	// The shape the bodies below are built from: one that carries a code,
	// else the first shape when it carries a message (the first shape that
	// applies supplies the message of a body without a code).
	var s *model.Shape
	for _, sh := range p.Shapes {
		if sh.RoundTrip {
			s = sh
			break
		}
	}
	if s == nil && len(p.Shapes) > 0 {
		if _, ok := messageBody(p.Shapes[0], "m"); ok {
			s = p.Shapes[0]
		}
	}
	if s == nil {
		return
	}
	hasCode := s.RoundTrip
	// raw builds a body from s with raw JSON text in place of the code,
	// message and request id; "" gives a plain string.
	raw := func(code, message, requestID string) string {
		const mc, mm, mr = "\x00code", "\x00message", "\x00requestID"
		body, _ := model.BuildBody(s, mc, mm, mr)
		if !hasCode {
			body, _ = messageBody(s, mm)
		}
		out := string(body)
		for _, r := range [][3]string{{mc, code, `"errgen_code"`}, {mm, message, `"A message."`}, {mr, requestID, `"req-1"`}} {
			if r[1] == "" {
				r[1] = r[2]
			}
			q, _ := json.Marshal(r[0])
			out = strings.Replace(out, string(q), r[1], 1)
		}
		return out
	}
	lastKey := func(path []string) string {
		q, _ := json.Marshal(path[len(path)-1])
		return string(q)
	}
	checkMsg := func(want string) jen.Code {
		if s.Message == nil {
			return jen.Null()
		}
		return jen.If(e("Message").Op("!=").Lit(want)).Block(errorf("Message = %q, want %q", e("Message"), jen.Lit(want)))
	}
	checkRID := func(want string) jen.Code {
		if s.RequestID == nil {
			return jen.Null()
		}
		return jen.If(e("RequestID").Op("!=").Lit(want)).Block(errorf("RequestID = %q, want %q", e("RequestID"), jen.Lit(want)))
	}

	// invalid UTF-8 reads as encoding/json reads it: U+FFFD for each bad byte
	f.Add(newDoc("TestInvalidUTF8 checks that invalid UTF-8 in a string of the body reads as encoding/json reads it: each bad byte becomes U+FFFD.").
		decl(jen.Func().Id("TestInvalidUTF8").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
			jen.Id("e").Op(":=").Id("Parse").Call(jen.Lit(400), jen.Nil(), jen.Index().Byte().Call(jen.Lit(raw("\"bad\xffcode\"", "\"caf\xe9 \xff\xfe\"", "\"req\xc3\"")))).Assert(jen.Op("*").Id("Error")),
			when(hasCode, jen.If(e("Code").Op("!=").Lit("bad\uFFFDcode")).Block(errorf("Code = %q, want %q", e("Code"), jen.Lit("bad\uFFFDcode")))),
			checkMsg("caf\uFFFD \uFFFD\uFFFD"),
			checkRID("req\uFFFD"),
		)))

	// duplicate keys: the last counts, as in encoding/json
	var codeDup, codeWrong string
	if hasCode {
		codeKey := lastKey(s.Code)
		codeDup, codeWrong = `"errgen_first_code",`+codeKey+`:"errgen_second_code"`, `"errgen_first_code",`+codeKey+`:42`
	}
	dup := []jen.Code{
		jen.Id("e").Op(":=").Id("Parse").Call(jen.Lit(400), jen.Nil(), jen.Index().Byte().Call(jen.Lit(raw(codeDup, messageDup(s), requestIDDup(s))))).Assert(jen.Op("*").Id("Error")),
		when(hasCode, jen.If(e("Code").Op("!=").Lit("errgen_second_code")).Block(errorf("Code = %q, want the last, %q", e("Code"), jen.Lit("errgen_second_code")))),
		checkMsg("second message"),
		checkRID("second-id"),
	}
	if hasCode {
		dup = append(dup,
			jen.Id("e").Op("=").Id("Parse").Call(jen.Lit(400), jen.Nil(), jen.Index().Byte().Call(jen.Lit(raw(codeWrong, "", "")))).Assert(jen.Op("*").Id("Error")),
			jen.If(e("Code").Op("==").Lit("errgen_first_code").Op("||").Add(e("Code")).Op("!=").Lit("").Op("&&").Op("!").Add(e("Inferred"))).Block(
				errorf("Code = %q (inferred %v), want none or an inferred one: the last value is not a string", e("Code"), e("Inferred"))))
	}
	dupDoc := "TestDuplicateKeys checks that with duplicate keys the last one counts, as in encoding/json."
	if hasCode {
		dupDoc = "TestDuplicateKeys checks that with duplicate keys the last one counts, as in encoding/json, even when its value is of the wrong type."
	}
	f.Add(newDoc(dupDoc).
		decl(jen.Func().Id("TestDuplicateKeys").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(dup...)))

	// wrong JSON types: read as absent
	type row struct {
		name, body string
		status     int
		code       *model.Code
	}
	var rows []row
	first := row{name: "code, message and request id", body: raw("42", `["x"]`, "{}"), status: 400}
	if !hasCode {
		first.name = "message"
	}
	rows = append(rows, first)
	for _, c := range p.Codes {
		if c.Details == "" || !hasCode {
			continue
		}
		if body, ok := wrongFields(s, c); ok {
			rows = append(rows, row{name: c.Value, body: body, status: c.Status, code: c})
		}
	}
	f.Add(newDoc("TestWrongTypes checks that values of the wrong JSON type (a number where a string belongs, a string where a number or a boolean belongs) read as absent: no code is made up, typed fields keep their zero value and no retry delay is read.").
		decl(jen.Func().Id("TestWrongTypes").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("tt")).Op(":=").Range().Index().Struct(
				jen.Id("name").String(), jen.Id("status").Int(), jen.Id("body").String(), jen.Id("code").Id("Code"), jen.Id("details").Id("Details"),
			).ValuesFunc(func(v *jen.Group) {
				for _, r := range rows {
					d := jen.Dict{jen.Id("name"): jen.Lit(r.name), jen.Id("status"): jen.Lit(r.status), jen.Id("body"): jen.Lit(r.body)}
					if r.code != nil {
						d[jen.Id("code")] = jen.Id(r.code.Const)
						d[jen.Id("details")] = jen.Op("&").Id(r.code.Details).Values()
					}
					v.Values(d)
				}
			})).Block(
				jen.Id("e").Op(":=").Id("Parse").Call(jen.Id("tt").Dot("status"), jen.Nil(), jen.Index().Byte().Call(jen.Id("tt").Dot("body"))).Assert(jen.Op("*").Id("Error")),
				jen.If(jen.Id("tt").Dot("code").Op("==").Lit("").Op("&&").Add(e("Code")).Op("!=").Lit("").Op("&&").Op("!").Add(e("Inferred"))).Block(
					errorf("%s: Code = %q, want none or an inferred one", jen.Id("tt").Dot("name"), e("Code"))),
				// without a code, the first shape supplies the message: here, none
				when(!hasCode, jen.If(e("Message").Op("!=").Lit("")).Block(
					errorf("%s: Message = %q, want none", jen.Id("tt").Dot("name"), e("Message")))),
				jen.If(jen.Id("tt").Dot("code").Op("!=").Lit("")).Block(
					jen.If(e("Code").Op("!=").Id("tt").Dot("code").Op("||").Op("!").Qual("reflect", "DeepEqual").Call(e("Details"), jen.Id("tt").Dot("details"))).Block(
						errorf("%s: Code %q, Details %#v; want %q, %#v", jen.Id("tt").Dot("name"), e("Code"), e("Details"), jen.Id("tt").Dot("code"), jen.Id("tt").Dot("details"))),
					jen.If(jen.List(jen.Id("d"), jen.Id("ok")).Op(":=").Id("RetryAfter").Call(jen.Id("e")), jen.Id("ok")).Block(
						errorf("%s: RetryAfter = %v, true; want none", jen.Id("tt").Dot("name"), jen.Id("d"))),
				),
			),
		)))

	// retry delays in body fields are clamped like the header's
	var delays []jen.Code
	for _, c := range p.Codes {
		if c.RetryAfter == nil || !hasCode {
			continue
		}
		for _, v := range []struct {
			value any
			want  jen.Code
			ok    bool
		}{
			{-5, jen.Lit(0), true},
			{int64(99999999999), jen.Id("MaxRetryAfter"), true},
			{"30", jen.Lit(0), false},
		} {
			body, ok := fieldBody(s, c, map[string]any{c.RetryAfter.Wire: v.value})
			if !ok {
				break
			}
			delays = append(delays, jen.Values(jen.Dict{
				jen.Id("name"): jen.Lit(c.Value + ": " + fmt.Sprintf("%#v", v.value)), jen.Id("status"): jen.Lit(c.Status),
				jen.Id("body"): jen.Lit(body), jen.Id("want"): v.want, jen.Id("ok"): jen.Lit(v.ok),
			}))
		}
	}
	if len(delays) == 0 {
		return
	}
	f.Add(newDoc("TestRetryAfterField checks that a retry delay in a body field is clamped to [0, MaxRetryAfter] and that one of the wrong type is ignored.").
		decl(jen.Func().Id("TestRetryAfterField").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("tt")).Op(":=").Range().Index().Struct(
				jen.Id("name").String(), jen.Id("status").Int(), jen.Id("body").String(), jen.Id("want").Qual(timePkg, "Duration"), jen.Id("ok").Bool(),
			).Values(delays...)).Block(
				jen.List(jen.Id("d"), jen.Id("ok")).Op(":=").Id("RetryAfter").Call(jen.Id("Parse").Call(jen.Id("tt").Dot("status"), jen.Nil(), jen.Index().Byte().Call(jen.Id("tt").Dot("body")))),
				jen.If(jen.Id("d").Op("!=").Id("tt").Dot("want").Op("||").Id("ok").Op("!=").Id("tt").Dot("ok")).Block(
					errorf("%s: RetryAfter = %v, %v; want %v, %v", jen.Id("tt").Dot("name"), jen.Id("d"), jen.Id("ok"), jen.Id("tt").Dot("want"), jen.Id("tt").Dot("ok"))),
			),
		)))
}

// when is code when cond holds, else nothing.
func when(cond bool, code jen.Code) jen.Code {
	if !cond {
		return jen.Null()
	}
	return code
}

// messageBody is a body holding message at the message path of sh, and a
// placeholder at each required path, but no code even when sh has a code
// path. It reports false when sh has no message or its paths use array
// segments or conflict.
func messageBody(sh *model.Shape, message string) ([]byte, bool) {
	noCode := *sh
	noCode.Code = nil
	return model.BuildBody(&noCode, "", message, "")
}

// messageDup is the raw JSON that gives s's message key twice, or "" when s
// has no message.
func messageDup(s *model.Shape) string {
	if s.Message == nil {
		return ""
	}
	q, _ := json.Marshal(s.Message[len(s.Message)-1])
	return `"first message",` + string(q) + `:"second message"`
}

// requestIDDup is messageDup for the request id.
func requestIDDup(s *model.Shape) string {
	if s.RequestID == nil {
		return ""
	}
	q, _ := json.Marshal(s.RequestID[len(s.RequestID)-1])
	return `"first-id",` + string(q) + `:"second-id"`
}

// wrongFields is a body of code c built from shape s in which every typed
// field holds a value of the wrong JSON type.
func wrongFields(s *model.Shape, c *model.Code) (string, bool) {
	values := map[string]any{}
	for _, fd := range c.Fields {
		switch fd.Kind {
		case model.String:
			values[fd.Wire] = 42
		case model.Int, model.Int64, model.Float64:
			values[fd.Wire] = "7"
		case model.Bool:
			values[fd.Wire] = "true"
		case model.StringSlice, model.IntSlice:
			values[fd.Wire] = "x"
		}
	}
	return fieldBody(s, c, values)
}

// fieldBody is a body of code c built from shape s with the given values in
// its fields object; values whose key the shape already uses are left out.
// It reports false when the fields object cannot be placed.
func fieldBody(s *model.Shape, c *model.Code, values map[string]any) (string, bool) {
	body, ok := model.BuildBody(s, c.Value, "A message.", "req-1")
	if !ok {
		return "", false
	}
	var root map[string]any
	if json.Unmarshal(body, &root) != nil {
		return "", false
	}
	obj := root
	for _, seg := range s.Fields {
		next, ok := obj[seg].(map[string]any)
		if !ok {
			if _, exists := obj[seg]; exists {
				return "", false
			}
			next = map[string]any{}
			obj[seg] = next
		}
		obj = next
	}
	for k, v := range values {
		if _, exists := obj[k]; !exists {
			obj[k] = v
		}
	}
	out, err := json.Marshal(root)
	return string(out), err == nil
}
