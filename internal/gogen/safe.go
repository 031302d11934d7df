package gogen

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/errgen/errgen/internal/decode"
	"github.com/errgen/errgen/internal/golit"
	"github.com/errgen/errgen/internal/model"
)

// This file emits what issue 11 added to every package: the tables and
// hooks of the safe view, of WriteError and DocumentedResponse, the
// readers of documented headers, and their examples.

// shapeIndex is the index of sh in the schema's shapes; -1 for nil.
func (g *gen) shapeIndex(sh *decode.Shape) int {
	for i, s := range g.p.Schema.Shapes {
		if s == sh {
			return i
		}
	}
	return -1
}

// wireLit adds a code's wire form and first documented response to its
// row of the codes table.
//
//	wire: 0, sent: true, title: "Internal server error",
//	example: &exampleResponse{status: 402, header: []string{"X-Request-Id", "req_1"}, body: "..."},
func (g *gen) wireLit(d dict, c *model.Code) {
	d["wire"] = golit.Int(g.shapeIndex(c.Rule.Wire))
	if c.Rule.Sent {
		d["sent"] = golit.Bool(true)
	}
	if c.Rule.Status == 0 {
		d["wireStatus"] = golit.Int(c.Rule.WireStatus)
	}
	if len(c.Titles) > 0 {
		d["title"] = golit.String(c.Titles[0])
	}
	if len(c.Examples) > 0 {
		ex := c.Examples[0]
		e := dict{"status": golit.Int(ex.Status), "body": golit.String(ex.Body)}
		if len(ex.Header) > 0 {
			var pairs []string
			for _, h := range ex.Header {
				pairs = append(pairs, h.Name, h.Value)
			}
			e["header"] = stringsValue(pairs)
		}
		d["example"] = e.lines("&exampleResponse")
	}
}

// writeBack adds to the schema's literal the shapes, besides their wire
// form, that codes are written back in (Code.SentIn, SuccessIn), when any
// code has some.
//
//	writeBack: map[int][2][]int{
//		0: {[]int{2}, nil},
//	},
func (g *gen) writeBack(d dict) {
	m := lines("map[int][2][]int")
	for i, c := range g.p.Codes {
		if len(c.Rule.SentIn)+len(c.Rule.SuccessIn) == 0 {
			continue
		}
		pair := &golit.Composite{}
		for _, shapes := range [][]*decode.Shape{c.Rule.SentIn, c.Rule.SuccessIn} {
			in := make([]int, len(shapes))
			for k, sh := range shapes {
				in[k] = g.shapeIndex(sh)
			}
			pair.Elems = append(pair.Elems, golit.Elem{Value: intsValue(in)})
		}
		m.Elems = append(m.Elems, golit.Elem{Key: strconv.Itoa(i), Value: pair})
	}
	if len(m.Elems) > 0 {
		d["writeBack"] = m
	}
}

// safeTables adds the schema's wire shapes and headers to its literal.
//
//	anyWire: 0, bareWire: 0,
//	infoHeaders: []infoHeader{{"X-Credits-Remaining", false}, {"X-Ratelimit-", true}},
//	secretHeaders: []string{"X-Session-Token"},
func (g *gen) safeTables(d dict) {
	p := g.p
	d["anyWire"] = golit.Int(g.shapeIndex(p.Schema.AnyWire))
	d["bareWire"] = golit.Int(g.shapeIndex(p.Schema.BareWire))
	if len(p.InfoHeaders) > 0 {
		c := &golit.Composite{Type: "[]infoHeader"}
		for _, h := range p.InfoHeaders {
			c.Elems = append(c.Elems, golit.Elem{Value: &golit.Composite{Elems: []golit.Elem{
				{Value: golit.String(canonical(h.Name))}, {Value: golit.Bool(h.Prefix)},
			}}})
		}
		d["infoHeaders"] = c
	}
	if len(p.SecretHeaders) > 0 {
		d["secretHeaders"] = stringsValue(p.SecretHeaders)
	}
}

// canonical is a header name or prefix in Go's canonical form.
func canonical(name string) string {
	return http.CanonicalHeaderKey(name)
}

// safeHooks emits the hooks WriteError reads an Error through: its detail
// messages, its captures, and the code its Details belong to.
func (g *gen) safeHooks(f *jen.File) {
	p := g.p
	// func (e *Error) errorList() []string { return e.Errors }
	f.Add(newDoc("errorList returns the detail messages of e; nil when the Error has none.").
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("errorList").Params().Index().String().BlockFunc(func(b *jen.Group) {
			if p.HasErrorsList() {
				b.Return(jen.Id("e").Dot("Errors"))
			} else {
				b.Return(jen.Nil())
			}
		})))
	// func (e *Error) capture(k int) string { switch k { case 0: return e.Param }; return "" }
	f.Add(newDoc("capture returns the text of placeholder k (the order of setCapture), or \"\".").
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("capture").Params(jen.Id("k").Int()).String().BlockFunc(func(b *jen.Group) {
			if len(p.Captures) > 0 {
				b.Switch(jen.Id("k")).BlockFunc(func(sw *jen.Group) {
					for _, cp := range p.Captures {
						sw.Case(jen.Lit(cp.Index)).Return(jen.Id("e").Dot(cp.GoName))
					}
				})
			}
			b.Return(jen.Lit(""))
		})))
	f.Add(newDoc("detailOf returns the detail of e's body; \"\" when the Error has none.").
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("detailOf").Params().String().BlockFunc(func(b *jen.Group) {
			if p.HasDetail() {
				b.Return(jen.Id("e").Dot("Detail"))
			} else {
				b.Return(jen.Lit(""))
			}
		})))
	f.Add(newDoc("familyOf returns the family of e's code; \"\" when the Error has none.").
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("familyOf").Params().String().BlockFunc(func(b *jen.Group) {
			if p.HasFamilies() {
				b.Return(jen.String().Call(jen.Id("e").Dot("Family")))
			} else {
				b.Return(jen.Lit(""))
			}
		})))
	f.Add(newDoc("itemsOf returns e.Items, or nil when there are none.").
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("itemsOf").Params().Any().BlockFunc(func(b *jen.Group) {
			if p.ItemType != nil {
				b.If(jen.Id("e").Dot("Items").Op("==").Nil()).Block(jen.Return(jen.Nil()))
				b.Return(jen.Id("e").Dot("Items"))
			} else {
				b.Return(jen.Nil())
			}
		})))
}

// headerReaders emits a Headers method per documented informational
// header, reading it by its declared type.
//
//	func (h Headers) XCreditsRemaining() (int, bool) { return h.Int(HeaderXCreditsRemaining) }
//	func (h Headers) XRateLimit(name string) (string, bool) { return h.Text(HeaderXRateLimitPrefix + name) }
func (g *gen) headerReaders(f *jen.File) {
	for _, h := range g.p.InfoHeaders {
		method := model.ReaderMethod(h.Type)
		var result jen.Code = jen.Id(decode.HeaderGoType(h.Type))
		if h.Type == "time" {
			result = jen.Qual(timePkg, "Time")
		}
		how := map[string]string{
			"string": "its first value as sent",
			"int":    "a decimal integer",
			"number": "a decimal number",
			"time":   "a time (an HTTP-date or Unix seconds)",
		}[h.Type]
		fails := map[string]string{
			"string": "it is absent",
			"int":    "it is absent or not an integer",
			"number": "it is absent or not a number",
			"time":   "it is absent or not a time",
		}[h.Type]
		var text string
		params := jen.Params()
		key := jen.Id(h.Const)
		if h.Prefix {
			text = fmt.Sprintf("%s reads the header %s<name> as %s", h.Reader, h.Name, how)
			params = jen.Params(jen.Id("name").String())
			key = jen.Id(h.Const).Op("+").Id("name")
		} else {
			text = fmt.Sprintf("%s reads the %s header as %s", h.Reader, h.Name, how)
		}
		d := newDoc(sentence(text, h.Summary))
		d.text(fmt.Sprintf("It reports false when %s.", fails))
		if h.Prefix {
			d.text(fmt.Sprintf("Headers(h).WithPrefix(%s) lists every such header.", h.Const))
		}
		if h.Secret {
			d.text("The spec marks it secret: the safe view of an Error never shows it.")
		}
		f.Add(d.decl(jen.Func().Params(jen.Id("h").Id("Headers")).Id(h.Reader).Add(params).Params(result, jen.Bool()).Block(
			jen.Return(jen.Id("h").Dot(method).Call(key)),
		)))
	}
}

// safeExamples emits the examples of WriteError, DocumentedResponse,
// LogValue, CheckRetry and Backoff, and Headers.
func (g *gen) safeExamples(f *jen.File) {
	p := g.p
	c, ex := g.exampleCode()
	if c == nil && len(p.Codes) > 0 {
		c = p.Codes[0]
	}
	if c != nil {
		g.exampleWriteError(f, c, ex)
		g.exampleLogValue(f, g.retryableCode())
		g.exampleCheckRetry(f)
	}
	if c != nil && ex != nil {
		// func ExampleDocumentedResponse() {
		// 	resp, ok := DocumentedResponse(CodeX)
		// 	fmt.Println(ok, resp.StatusCode)
		// 	fmt.Println(errors.Is(FromResponse(resp), ErrX))
		// }
		f.Add(newDoc("ExampleDocumentedResponse fakes the API with a documented response, as an http.RoundTripper could.").
			decl(jen.Func().Id("ExampleDocumentedResponse").Params().Block(
				jen.List(jen.Id("resp"), jen.Id("ok")).Op(":=").Id("DocumentedResponse").Call(jen.Id(c.Const)),
				jen.Qual("fmt", "Println").Call(jen.Id("ok"), jen.Id("resp").Dot("StatusCode")),
				jen.Qual("fmt", "Println").Call(jen.Qual(errorsPkg, "Is").Call(jen.Id("FromResponse").Call(jen.Id("resp")), jen.Id(c.Err))),
				outputComment([]string{fmt.Sprintf("true %d", c.Examples[0].Status), "true"}),
			)))
	}
	g.exampleHeaders(f)
}

// exampleMessage is the message the examples give an Error of c: the
// example's when plain ASCII text that JSON writes unescaped, else a
// fixed one.
func exampleMessage(ex *model.Example) string {
	if ex != nil && plainText(ex.Want.Message) {
		return ex.Want.Message
	}
	return "Request failed."
}

// plainText reports whether s is non-empty printable ASCII that JSON and
// Go comments keep as it is.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || strings.IndexByte(`"\<>&`, c) >= 0 {
			return false
		}
	}
	return s != "" && len(s) <= decode.MaxShownMessage && strings.TrimSpace(s) == s
}

// exampleWriteError emits ExampleWriteError: a fake's response for c, and
// what Parse makes of it.
func (g *gen) exampleWriteError(f *jen.File, c *model.Code, ex *model.Example) {
	msg := exampleMessage(ex)
	resp := g.p.Schema.Encode(decode.Wire{Status: c.Rule.WireStatus, Code: c.Value, Message: msg})
	body := string(resp.Body)
	if cl := commentLines(body, 1<<30); len(cl) != 1 || cl[0] != body {
		return
	}
	f.Add(newDoc("ExampleWriteError writes a documented error as the API would, for a fake of the API in tests, and decodes it back.").
		decl(jen.Func().Id("ExampleWriteError").Params().Block(
			jen.Id("rec").Op(":=").Qual("net/http/httptest", "NewRecorder").Call(),
			jen.Id("WriteError").Call(jen.Id("rec"), jen.Op("&").Id("Error").Values(jen.Dict{
				jen.Id("Code"):    jen.Id(c.Const),
				jen.Id("Message"): jen.Lit(msg),
			})),
			jen.Qual("fmt", "Println").Call(jen.Id("rec").Dot("Code"), jen.Id("rec").Dot("Header").Call().Dot("Get").Call(jen.Lit("Content-Type"))),
			jen.Qual("fmt", "Println").Call(jen.Id("rec").Dot("Body").Dot("String").Call()),
			jen.Id("err").Op(":=").Id("Parse").Call(jen.Id("rec").Dot("Code"), jen.Id("rec").Dot("Header").Call(), jen.Id("rec").Dot("Body").Dot("Bytes").Call()),
			jen.Qual("fmt", "Println").Call(jen.Qual(errorsPkg, "Is").Call(jen.Id("err"), jen.Id(c.Err))),
			outputComment([]string{fmt.Sprintf("%d %s", c.Rule.WireStatus, resp.Header.Get("Content-Type")), body, strconv.FormatBool(c.Rule.Writable)}),
		)))
}

// exampleLogValue emits ExampleError_LogValue: slog's JSON output of an
// Error whose response set a cookie, with no cookie in it.
func (g *gen) exampleLogValue(f *jen.File, c *model.Code) {
	p := g.p
	var ex *model.Example
	if len(c.Examples) > 0 {
		ex = c.Examples[0]
	}
	msg := exampleMessage(ex)
	retry := p.Schema.CodeRetryable(c.Rule, c.Rule.WireStatus)
	header := jen.Dict{jen.Lit("Set-Cookie"): jen.Values(jen.Lit("session=SECRET; HttpOnly"))}
	attrs := []string{
		`"error.type":` + jsonLit(c.Value),
		fmt.Sprintf(`"http.response.status_code":%d`, c.Rule.WireStatus),
		`"message":` + jsonLit(msg),
		`"request_id":"req_123"`,
		fmt.Sprintf(`"retryable":%v`, retry),
	}
	if p.RetryAfterHeader != "" && retry {
		header[jen.Lit(p.RetryAfterHeader)] = jen.Values(jen.Lit("7"))
		attrs = append(attrs, fmt.Sprintf(`"retry_after":%d`, int64(7*time.Second)))
	}
	if !plainText(c.Value) {
		return
	}
	out := `{"level":"ERROR","msg":"request failed","err":{` + strings.Join(attrs, ",") + `}}`
	f.Add(newDoc("ExampleError_LogValue logs an error with log/slog: the code, status, message, request id and retry rule, and not the cookie its response set (nor any other header that may hold a credential).").
		decl(jen.Func().Id("ExampleError_LogValue").Params().Block(
			jen.Var().Id("err").Error().Op("=").Op("&").Id("Error").Values(jen.Dict{
				jen.Id("Status"):    jen.Lit(c.Rule.WireStatus),
				jen.Id("Code"):      jen.Id(c.Const),
				jen.Id("Message"):   jen.Lit(msg),
				jen.Id("RequestID"): jen.Lit("req_123"),
				jen.Id("Header"):    jen.Qual(httpPkg, "Header").Values(header),
			}),
			jen.Id("logger").Op(":=").Qual("log/slog", "New").Call(jen.Qual("log/slog", "NewJSONHandler").Call(jen.Qual("os", "Stdout"), jen.Op("&").Qual("log/slog", "HandlerOptions").Values(jen.Dict{
				jen.Id("ReplaceAttr"): jen.Func().Params(jen.Id("groups").Index().String(), jen.Id("a").Qual("log/slog", "Attr")).Qual("log/slog", "Attr").Block(
					jen.If(jen.Id("a").Dot("Key").Op("==").Qual("log/slog", "TimeKey")).Block(jen.Return(jen.Qual("log/slog", "Attr").Values())),
					jen.Return(jen.Id("a")),
				),
			}))),
			jen.Id("logger").Dot("Error").Call(jen.Lit("request failed"), jen.Lit("err"), jen.Id("err")),
			outputComment([]string{out}),
		)))
}

// jsonLit is s as a JSON string.
func jsonLit(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// exampleCheckRetry emits ExampleCheckRetry: the retry decision and the
// wait for a response of the first retryable code, through a fake.
func (g *gen) exampleCheckRetry(f *jen.File) {
	p := g.p
	c := g.retryableCode()
	e := jen.Dict{jen.Id("Code"): jen.Id(c.Const)}
	lo, hi := jen.Qual(timePkg, "Second"), jen.Qual(timePkg, "Second")
	// What WriteError writes, as the decoding core reads it back: its
	// delay is what Backoff waits (found by a review: a code's documented
	// default delay was not foreseen); without one, min at attempt 0.
	resp := p.Schema.Encode(decode.Wire{Status: c.Rule.WireStatus, Code: c.Value})
	if p.RetryAfterHeader != "" {
		e[jen.Id("Header")] = jen.Qual(httpPkg, "Header").Values(jen.Dict{jen.Lit(p.RetryAfterHeader): jen.Values(jen.Lit("7"))})
		resp.Header.Set(p.RetryAfterHeader, "7")
		hi = jen.Lit(30).Op("*").Qual(timePkg, "Second")
	}
	wait := time.Second.String()
	if r := p.Schema.Decode(resp.Status, resp.Header, resp.Body, time.Unix(0, 0)); r.HasRetryAfter {
		wait = r.RetryAfter.String()
	}
	doc := "ExampleCheckRetry decides, as go-retryablehttp's Client.CheckRetry, whether to retry a response of the API, and how long to wait, as its Client.Backoff, by the documented delay."
	if p.RetryAfterHeader == "" {
		doc = "ExampleCheckRetry decides, as go-retryablehttp's Client.CheckRetry, whether to retry a response of the API; Backoff, as its Client.Backoff, waits within [min, max] when the response gives no delay."
	}
	f.Add(newDoc(doc).
		decl(jen.Func().Id("ExampleCheckRetry").Params().Block(
			jen.Id("rec").Op(":=").Qual("net/http/httptest", "NewRecorder").Call(),
			jen.Id("WriteError").Call(jen.Id("rec"), jen.Op("&").Id("Error").Values(e)),
			jen.Id("resp").Op(":=").Id("rec").Dot("Result").Call(),
			jen.List(jen.Id("retry"), jen.Id("err")).Op(":=").Id("CheckRetry").Call(jen.Qual("context", "Background").Call(), jen.Id("resp"), jen.Nil()),
			jen.Qual("fmt", "Println").Call(jen.Id("retry"), jen.Qual(errorsPkg, "Is").Call(jen.Id("err"), jen.Id(c.Err))),
			jen.Qual("fmt", "Println").Call(jen.Id("Backoff").Call(lo, hi, jen.Lit(0), jen.Id("resp"))),
			outputComment([]string{fmt.Sprintf("%v true", p.Schema.CodeRetryable(c.Rule, c.Rule.WireStatus)), wait}),
		)))
}

// retryableCode is the first retryable code, else the first code.
func (g *gen) retryableCode() *model.Code {
	for _, c := range g.p.Codes {
		if c.Retryable {
			return c
		}
	}
	return g.p.Codes[0]
}

// exampleHeaders emits ExampleHeaders: a documented header read by its
// type, or, without one, a header read as an int.
func (g *gen) exampleHeaders(f *jen.File) {
	values := map[string]string{"string": "42", "int": "42", "number": "0.25", "time": "1767225600"}
	shown := map[string]string{"string": "42", "int": "42", "number": "0.25", "time": "2026-01-01 00:00:00 +0000 UTC"}
	var body []jen.Code
	var out []string
	body = append(body, jen.Id("h").Op(":=").Qual(httpPkg, "Header").Values())
	var h *model.InfoHeader
	if len(g.p.InfoHeaders) > 0 {
		h = g.p.InfoHeaders[0]
	}
	switch {
	case h == nil:
		body = append(body,
			jen.Id("h").Dot("Set").Call(jen.Lit("X-Request-Count"), jen.Lit("42")),
			jen.Qual("fmt", "Println").Call(jen.Id("Headers").Call(jen.Id("h")).Dot("Int").Call(jen.Lit("X-Request-Count"))))
		out = append(out, "42 true")
	case h.Prefix:
		name := h.Name + "Remaining"
		body = append(body,
			jen.Id("h").Dot("Set").Call(jen.Lit(name), jen.Lit(values[h.Type])),
			jen.Qual("fmt", "Println").Call(jen.Id("Headers").Call(jen.Id("h")).Dot(h.Reader).Call(jen.Lit("Remaining"))),
			jen.Qual("fmt", "Println").Call(jen.Id("Headers").Call(jen.Id("h")).Dot("WithPrefix").Call(jen.Id(h.Const))))
		out = append(out, shown[h.Type]+" true", fmt.Sprintf("map[%s:[%s]]", canonical(name), values[h.Type]))
	default:
		body = append(body,
			jen.Id("h").Dot("Set").Call(jen.Id(h.Const), jen.Lit(values[h.Type])),
			jen.Qual("fmt", "Println").Call(jen.Id("Headers").Call(jen.Id("h")).Dot(h.Reader).Call()))
		out = append(out, shown[h.Type]+" true")
	}
	body = append(body, outputComment(out))
	f.Add(newDoc("ExampleHeaders reads a response header by its documented type; it works on successful responses too.").
		decl(jen.Func().Id("ExampleHeaders").Params().Block(body...)))
}
