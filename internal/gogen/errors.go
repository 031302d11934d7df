package gogen

import (
	"fmt"
	"net/textproto"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/errgen/errgen/internal/model"
)

const (
	httpPkg    = "net/http"
	ioPkg      = "io"
	stringsPkg = "strings"
	strconvPkg = "strconv"
	timePkg    = "time"
	errorsPkg  = "errors"
)

// sentence joins a generated lead ("X is ...") and spec text into one
// sentence or two: "X is y: the text." or "X is y."
func sentence(lead, text string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return lead + "."
	}
	r := []rune(text)
	if len(r) > 1 && r[0] >= 'A' && r[0] <= 'Z' && !(r[1] >= 'A' && r[1] <= 'Z') {
		r[0] += 'a' - 'A'
	}
	text = string(r)
	if !strings.HasSuffix(text, ".") {
		text += "."
	}
	return lead + ": " + text
}

// errorsFile emits errors.go: codes, sentinels, details, Error, Parse,
// FromResponse and the retry helpers.
func (g *gen) errorsFile() *jen.File {
	f := g.newFile()
	g.codeType(f)
	g.codeConsts(f)
	g.sentinels(f)
	g.codeMethods(f)
	g.headerConsts(f)
	g.details(f)
	g.errorType(f)
	g.parse(f)
	g.retry(f)
	return f
}

// codeType emits the Code type.
//
//	type Code string
func (g *gen) codeType(f *jen.File) {
	f.Add(newDoc(fmt.Sprintf("Code is a %s error code: as sent in a response body, or recognised by errgen from the message or status when the API sends none. Codes the spec documents have constants; any other code is kept verbatim (Known reports false).", g.p.API)).
		decl(jen.Type().Id("Code").String()))
}

// codeConsts emits one constant per code, with everything the document
// says in its godoc.
//
//	const (
//		// CodeX is "x": <summary> ...
//		CodeX Code = "x"
//	)
//
// Each constant is its own declaration, so that `go doc pkg CodeX` shows
// that code alone.
func (g *gen) codeConsts(f *jen.File) {
	for _, c := range g.p.Codes {
		f.Add(codeDoc(c).decl(jen.Const().Id(c.Const).Id("Code").Op("=").Lit(c.Value)))
	}
}

// codeDoc is the godoc of a code constant: summary, status, retry rule and
// its provenance, remedy, typed fields and how the code is recognised.
func codeDoc(c *model.Code) *doc {
	d := newDoc(fmt.Sprintf("%s is %s: %s", c.Const, strconv.Quote(c.Value), c.Summary))
	d.para().text(fmt.Sprintf("HTTP status: %d. %s", c.Status, retryText(c)))
	if c.Remedy != "" {
		d.para().text("What to do: " + c.Remedy)
	}
	if c.Details != "" {
		var fields []string
		for _, fl := range c.Fields {
			fields = append(fields, fmt.Sprintf("%s (%s %s)", strconv.Quote(fl.Wire), fl.GoName, fl.Kind.GoType()))
		}
		d.para().text(fmt.Sprintf("Extra fields: Error.Details is a *%s with %s.", c.Details, strings.Join(fields, ", ")))
	}
	if r := recognition(c); r != "" {
		d.para().text(r)
	}
	for _, ex := range c.Examples {
		title := "Documented response"
		if ex.Title != "" {
			title += " (" + ex.Title + ")"
		}
		d.para().text(fmt.Sprintf("%s, HTTP %d:", title, ex.Status)).para()
		for _, h := range ex.Header {
			d.code(h.Name + ": " + h.Value)
		}
		d.block(ex.Body)
	}
	return d
}

// retryText says whether a code is retryable and who says so.
func retryText(c *model.Code) string {
	yes := map[bool]string{true: "yes", false: "no"}[c.Retryable]
	if c.RetryDocumented {
		return "Retryable: " + yes + " (as documented)."
	}
	return "Retryable: " + yes + " (errgen's default for this status; the document does not say)."
}

// recognition says how a code is found when the body does not name it.
func recognition(c *model.Code) string {
	var parts []string
	for _, t := range c.Titles {
		parts = append(parts, "the message "+strconv.Quote(t))
	}
	for _, p := range c.Patterns {
		parts = append(parts, "a message matching "+strconv.Quote(p.Text))
	}
	if c.ByStatus {
		parts = append(parts, fmt.Sprintf("status %d alone", c.Status))
	}
	if len(parts) == 0 {
		return ""
	}
	return "When the body names no code, it is recognised by " + strings.Join(parts, ", or ") + "."
}

// sentinels emits the Err values and their unexported type.
//
//	type sentinel Code
//	func (s sentinel) Error() string { return "p: " + string(s) }
//	var ErrX error = sentinel(CodeX)
func (g *gen) sentinels(f *jen.File) {
	f.Add(newDoc("sentinel is the type of the Err values: an immutable code that (*Error).Is compares with.").
		decl(jen.Type().Id("sentinel").Id("Code")))
	f.Add(newDoc("Error returns the package name and the code.").
		decl(jen.Func().Params(jen.Id("s").Id("sentinel")).Id("Error").Params().String().Block(
			jen.Return(jen.Lit(g.pkg + ": ").Op("+").String().Parens(jen.Id("s"))),
		)))
	f.Var().DefsFunc(func(d *jen.Group) {
		for _, c := range g.p.Codes {
			d.Add(newDoc(fmt.Sprintf("%s matches, with errors.Is, every *Error whose Code is %s, however deeply wrapped.", c.Err, c.Const)).
				decl(jen.Id(c.Err).Error().Op("=").Id("sentinel").Call(jen.Id(c.Const))).Line())
		}
	})
}

// codeMethods emits Status, Retryable, Known and CodesForStatus as
// switches, so they cost no allocation and no map.
//
//	func (c Code) Status() int {
//		switch c {
//		case CodeA, CodeB:
//			return 401
//		}
//		return 0
//	}
func (g *gen) codeMethods(f *jen.File) {
	recv := jen.Id("c").Id("Code")
	f.Add(newDoc("Status returns the HTTP status documented for c, or 0 when c is not a documented code.").
		decl(jen.Func().Params(recv.Clone()).Id("Status").Params().Int().Block(
			jen.Switch(jen.Id("c")).BlockFunc(func(sw *jen.Group) {
				for _, s := range g.p.Statuses {
					sw.Case(codeIDs(s.Codes)...).Return(jen.Lit(s.Status))
				}
			}),
			jen.Return(jen.Lit(0)),
		)))
	var retryable []*model.Code
	for _, c := range g.p.Codes {
		if c.Retryable {
			retryable = append(retryable, c)
		}
	}
	f.Add(newDoc("Retryable reports whether a request that failed with c may be retried, as the document says or, where it is silent, by errgen's default (429 and 5xx retryable). It is false for codes the spec does not document.").
		decl(jen.Func().Params(recv.Clone()).Id("Retryable").Params().Bool().BlockFunc(func(b *jen.Group) {
			if len(retryable) > 0 {
				b.Switch(jen.Id("c")).Block(jen.Case(codeIDs(retryable)...).Return(jen.True()))
			}
			b.Return(jen.False())
		})))
	f.Add(newDoc("Known reports whether c is a code the spec documents.").
		decl(jen.Func().Params(recv.Clone()).Id("Known").Params().Bool().Block(
			jen.Switch(jen.Id("c")).Block(jen.Case(codeIDs(g.p.Codes)...).Return(jen.True())),
			jen.Return(jen.False()),
		)))
	f.Add(newDoc("CodesForStatus returns the codes documented for an HTTP status, in document order, or nil when there are none. The slice is new on every call.").
		decl(jen.Func().Id("CodesForStatus").Params(jen.Id("status").Int()).Index().Id("Code").Block(
			jen.Switch(jen.Id("status")).BlockFunc(func(sw *jen.Group) {
				for _, s := range g.p.Statuses {
					sw.Case(jen.Lit(s.Status)).Return(jen.Index().Id("Code").Values(codeIDs(s.Codes)...))
				}
			}),
			jen.Return(jen.Nil()),
		)))
}

func codeIDs(codes []*model.Code) []jen.Code {
	var ids []jen.Code
	for _, c := range codes {
		ids = append(ids, jen.Id(c.Const))
	}
	return ids
}

// headerConsts emits the documented header names.
//
//	const HeaderXCreditsRemaining = "X-Credits-Remaining"
func (g *gen) headerConsts(f *jen.File) {
	if len(g.p.InfoHeaders) == 0 {
		return
	}
	f.Const().DefsFunc(func(d *jen.Group) {
		for _, h := range g.p.InfoHeaders {
			what := "is the documented response header " + strconv.Quote(h.Name)
			if h.Prefix {
				what = "is the prefix of the documented response headers " + strconv.Quote(h.Name+"*")
			}
			d.Add(newDoc(sentence(fmt.Sprintf("%s %s", h.Const, what), h.Summary)).decl(jen.Id(h.Const).Op("=").Lit(h.Name)).Line())
		}
	})
}

// details emits the Details interface and one struct per code with fields.
//
//	type Details interface{ isDetails() }
//	type XDetails struct {
//		// F is "f" on the wire: <summary>
//		F int
//	}
//	func (*XDetails) isDetails() {}
func (g *gen) details(f *jen.File) {
	var names []string
	for _, c := range g.p.Codes {
		if c.Details != "" {
			names = append(names, "*"+c.Details)
		}
	}
	text := "Details holds the typed extra fields some codes carry; Error.Details is nil for the other codes."
	if len(names) > 0 {
		text = fmt.Sprintf("Details holds the typed extra fields some codes carry: Error.Details is one of %s, by code, and nil for the other codes.", strings.Join(names, ", "))
	}
	f.Add(newDoc(text).decl(jen.Type().Id("Details").Interface(jen.Id("isDetails").Params())))
	for _, c := range g.p.Codes {
		if c.Details == "" {
			continue
		}
		f.Add(newDoc(fmt.Sprintf("%s are the extra fields of %s. A field the body lacks, or sends with another JSON type, is the zero value.", c.Details, c.Const)).
			decl(jen.Type().Id(c.Details).StructFunc(func(s *jen.Group) {
				for _, fl := range c.Fields {
					text := sentence(fmt.Sprintf("%s is %s on the wire", fl.GoName, strconv.Quote(fl.Wire)), fl.Summary)
					if fl.RetryAfter {
						text += " It is a retry delay in seconds: RetryAfter uses it when the response has no Retry-After header."
					}
					s.Add(newDoc(text).decl(jen.Id(fl.GoName).Op(fl.Kind.GoType())))
				}
			})))
		f.Add(newDoc("isDetails marks the type as a Details.").
			decl(jen.Func().Params(jen.Op("*").Id(c.Details)).Id("isDetails").Params().Block()))
	}
}

// errorType emits the Error struct and its methods.
func (g *gen) errorType(f *jen.File) {
	p := g.p
	f.Add(newDoc(fmt.Sprintf("Error is an error response from the %s API. Parse and FromResponse return it; use errors.Is with the Err values to test its code, and errors.As to read its fields.", p.API)).
		decl(jen.Type().Id("Error").StructFunc(func(s *jen.Group) {
			s.Add(newDoc("Status is the HTTP status of the response.").decl(jen.Id("Status").Int()))
			s.Add(newDoc("Code is the error code as the body sent it, known or not; or, when the body names none, the code recognised from the message or the status (Inferred is then true). It is empty when neither gives one.").
				decl(jen.Id("Code").Id("Code")))
			s.Add(newDoc("Inferred reports that Code was recognised from the message or the status rather than sent in the body.").
				decl(jen.Id("Inferred").Bool()))
			s.Add(newDoc("Message is the human-readable message of the body; for a body that is not JSON, a short single-line excerpt of it.").
				decl(jen.Id("Message").String()))
			rid := "RequestID is the request id from the body"
			if p.RequestIDHeader != "" {
				rid += ", else from the " + p.RequestIDHeader + " header"
			}
			s.Add(newDoc(rid + "; quote it to support.").decl(jen.Id("RequestID").String()))
			if p.HasErrorsList {
				s.Add(newDoc("Errors are the detail messages the body lists, in order.").decl(jen.Id("Errors").Index().String()))
			}
			for _, cp := range p.Captures {
				s.Add(newDoc(fmt.Sprintf("%s is the {%s} captured from the message by a documented pattern.", cp.GoName, cp.Name)).
					decl(jen.Id(cp.GoName).String()))
			}
			s.Add(newDoc("Details holds the typed extra fields of codes that document them (see Details); nil otherwise.").
				decl(jen.Id("Details").Id("Details")))
			s.Add(newDoc("Header is the response header, as given to Parse.").decl(jen.Id("Header").Qual(httpPkg, "Header")))
			s.Add(newDoc("Body is the response body, cut to its first 64 KiB.").decl(jen.Id("Body").String()))
			s.Add(newDoc("retryAfter is the delay from a documented body field; hasRetryAfter reports one was present.").
				decl(jen.Id("retryAfter").Qual(timePkg, "Duration")))
			s.Add(jen.Id("hasRetryAfter").Bool())
		})))

	// func (e *Error) Error() string {
	// 	b := make([]byte, 0, 64) ...
	// 	"p: code (HTTP n): message [request id]"
	// }
	f.Add(newDoc(fmt.Sprintf("Error describes the response: the package, the code and status, the message and the request id, as in %q.", p.Name+": some_code (HTTP 400): Some message. [req_123]")).
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("Error").Params().String().Block(
			jen.If(jen.Id("e").Op("==").Nil()).Block(jen.Return(jen.Lit(p.Name+": <nil>"))),
			jen.Id("b").Op(":=").Make(jen.Index().Byte(), jen.Lit(0), jen.Lit(64).Op("+").Len(jen.Id("e").Dot("Message"))),
			jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit(p.Name+": ").Op("...")),
			jen.If(jen.Id("e").Dot("Code").Op("!=").Lit("")).Block(
				jen.Id("b").Op("=").Append(jen.Id("b"), jen.Id("e").Dot("Code").Op("...")),
				jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit(" (HTTP ").Op("...")),
				jen.Id("b").Op("=").Qual(strconvPkg, "AppendInt").Call(jen.Id("b"), jen.Int64().Call(jen.Id("e").Dot("Status")), jen.Lit(10)),
				jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(')')),
			).Else().Block(
				jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit("HTTP ").Op("...")),
				jen.Id("b").Op("=").Qual(strconvPkg, "AppendInt").Call(jen.Id("b"), jen.Int64().Call(jen.Id("e").Dot("Status")), jen.Lit(10)),
			),
			jen.Id("msg").Op(":=").Id("e").Dot("Message"),
			jen.If(jen.Id("msg").Op("==").Lit("")).Block(jen.Id("msg").Op("=").Qual(httpPkg, "StatusText").Call(jen.Id("e").Dot("Status"))),
			jen.If(jen.Id("msg").Op("!=").Lit("")).Block(
				jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit(": ").Op("...")),
				jen.Id("b").Op("=").Append(jen.Id("b"), jen.Id("msg").Op("...")),
			),
			jen.If(jen.Id("e").Dot("RequestID").Op("!=").Lit("")).Block(
				jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit(" [").Op("...")),
				jen.Id("b").Op("=").Append(jen.Id("b"), jen.Id("e").Dot("RequestID").Op("...")),
				jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(']')),
			),
			jen.Return(jen.String().Call(jen.Id("b"))),
		)))

	// func (e *Error) Is(target error) bool {
	// 	s, ok := target.(sentinel)
	// 	return ok && e != nil && e.Code == Code(s)
	// }
	f.Add(newDoc("Is reports whether target is the Err value of e's code, so that errors.Is(err, ErrX) holds exactly when the *Error in err's chain has Code X.").
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("Is").Params(jen.Id("target").Error()).Bool().Block(
			jen.List(jen.Id("s"), jen.Id("ok")).Op(":=").Id("target").Assert(jen.Id("sentinel")),
			jen.Return(jen.Id("ok").Op("&&").Id("e").Op("!=").Nil().Op("&&").Id("e").Dot("Code").Op("==").Id("Code").Call(jen.Id("s"))),
		)))

	var statuses []jen.Code
	var names []string
	for _, s := range p.RetryableStatuses {
		statuses = append(statuses, jen.Lit(s))
		names = append(names, strconv.Itoa(s))
	}
	// func (e *Error) Retryable() bool {
	// 	if e.Code.Known() { return e.Code.Retryable() }
	// 	switch e.Status { case 429, 502, 503, 504: return true }
	// 	return false
	// }
	f.Add(newDoc(fmt.Sprintf("Retryable reports whether the request may be retried: by the code's documented rule when the code is known, else by the status (%s are retried).", strings.Join(names, ", "))).
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("Retryable").Params().Bool().BlockFunc(func(b *jen.Group) {
			b.If(jen.Id("e").Op("==").Nil()).Block(jen.Return(jen.False()))
			b.If(jen.Id("e").Dot("Code").Dot("Known").Call()).Block(jen.Return(jen.Id("e").Dot("Code").Dot("Retryable").Call()))
			if len(statuses) > 0 {
				b.Switch(jen.Id("e").Dot("Status")).Block(jen.Case(statuses...).Return(jen.True()))
			}
			b.Return(jen.False())
		})))

	// func (e *Error) RetryAfter() (time.Duration, bool)
	ra := "RetryAfter returns how long to wait before retrying"
	var from []string
	if p.RetryAfterHeader != "" {
		from = append(from, "the "+p.RetryAfterHeader+" header (delta-seconds or an HTTP-date)")
	}
	from = append(from, "a documented body field in seconds")
	ra += ": from " + strings.Join(from, ", else from ") + ". It reports false when neither is present or readable. The delay is clamped to [0, MaxRetryAfter]: a negative value or a date in the past gives 0, an absurdly large one MaxRetryAfter."
	f.Add(newDoc(ra).decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("RetryAfter").Params().Params(jen.Qual(timePkg, "Duration"), jen.Bool()).BlockFunc(func(b *jen.Group) {
		b.If(jen.Id("e").Op("==").Nil()).Block(jen.Return(jen.Lit(0), jen.False()))
		if p.RetryAfterHeader != "" {
			// Indexing the map and passing time.Now unread each save about
			// 100 ns over Header.Get and time.Now().
			b.Comment("Header.Get would canonicalize the key on every call; it is canonical already.")
			b.If(
				jen.Id("v").Op(":=").Id("e").Dot("Header").Index(jen.Lit(textproto.CanonicalMIMEHeaderKey(p.RetryAfterHeader))),
				jen.Len(jen.Id("v")).Op(">").Lit(0),
			).Block(
				jen.If(
					jen.List(jen.Id("d"), jen.Id("ok")).Op(":=").Id("parseRetryAfter").Call(jen.Id("v").Index(jen.Lit(0)), jen.Qual(timePkg, "Now")),
					jen.Id("ok"),
				).Block(jen.Return(jen.Id("d"), jen.True())),
			)
		}
		b.Return(jen.Id("e").Dot("retryAfter"), jen.Id("e").Dot("hasRetryAfter"))
	})))
}

// parse emits the shapes table, Parse, FromResponse and the decoding steps.
func (g *gen) parse(f *jen.File) {
	p := g.p
	f.Const().Defs(
		newDoc("MaxBodySize is the most FromResponse reads of a response body: 1 MiB.").
			decl(jen.Id("MaxBodySize").Op("=").Lit(1<<20)),
		newDoc("MaxRetryAfter bounds the delay RetryAfter returns: 24 hours.").
			decl(jen.Id("MaxRetryAfter").Op("=").Lit(24).Op("*").Qual(timePkg, "Hour")),
		newDoc("maxKeptBody is how much of a body Error.Body keeps.").
			decl(jen.Id("maxKeptBody").Op("=").Lit(64<<10)),
	)

	// var shapes = [...]shape{
	// 	// nested: {"error": {"code", ...}}
	// 	{require: [][]string{{"error", "code"}}, code: []string{"error", "code"}, ...},
	// }
	f.Add(newDoc(fmt.Sprintf("shapes are the envelope shapes of the %s API, in the order they are tried.", p.API)).
		decl(jen.Var().Id("shapes").Op("=").Index(jen.Op("...")).Id("shape").ValuesFunc(func(v *jen.Group) {
			for _, s := range p.Shapes {
				d := newDoc(s.Name + ": " + s.Summary)
				v.Add(jen.Line().Add(d.decl(jen.ValuesFunc(func(fields *jen.Group) {
					if len(s.Require) > 0 {
						fields.Id("require").Op(":").Index().Index().String().ValuesFunc(func(r *jen.Group) {
							for _, path := range s.Require {
								r.Add(pathLit(path, false))
							}
						})
					}
					for _, kv := range []struct {
						key  string
						path []string
					}{{"code", s.Code}, {"message", s.Message}, {"requestID", s.RequestID}, {"fields", s.Fields}, {"errors", s.Errors}} {
						if kv.path != nil {
							fields.Id(kv.key).Op(":").Add(pathLit(kv.path, true))
						}
					}
				}))))
			}
			v.Line()
		})))

	// func Parse(status int, header http.Header, body []byte) error {
	// 	if status >= 200 && status <= 299 { return nil }
	// 	return parse(status, header, string(body))
	// }
	f.Add(newDoc(fmt.Sprintf("Parse decodes a %s error response. It returns nil for a 2xx status and a *Error otherwise, whatever the body holds: a body that is empty, not JSON, truncated or hostile still gives a *Error with the status, and Parse never panics. The body is copied; Parse keeps no reference to it.", p.API)).
		decl(jen.Func().Id("Parse").Params(jen.Id("status").Int(), jen.Id("header").Qual(httpPkg, "Header"), jen.Id("body").Index().Byte()).Error().Block(
			jen.If(jen.Id("status").Op(">=").Lit(200).Op("&&").Id("status").Op("<=").Lit(299)).Block(jen.Return(jen.Nil())),
			jen.Return(jen.Id("parse").Call(jen.Id("status"), jen.Id("header"), jen.String().Call(jen.Id("body")))),
		)))

	// func FromResponse(resp *http.Response) error {
	// 	... body, _ := io.ReadAll(io.LimitReader(resp.Body, MaxBodySize)) ...
	// }
	f.Add(newDoc("FromResponse is Parse for an *http.Response: nil for a 2xx status, else a *Error. It reads at most MaxBodySize bytes of the body and neither closes it nor drains the rest; a nil Body reads as empty, and a body that fails mid-read is decoded from what was read. A nil resp gives a non-nil error.").
		decl(jen.Func().Id("FromResponse").Params(jen.Id("resp").Op("*").Qual(httpPkg, "Response")).Error().Block(
			jen.If(jen.Id("resp").Op("==").Nil()).Block(jen.Return(jen.Qual(errorsPkg, "New").Call(jen.Lit(p.Name+": FromResponse called with a nil *http.Response")))),
			jen.If(jen.Id("resp").Dot("StatusCode").Op(">=").Lit(200).Op("&&").Id("resp").Dot("StatusCode").Op("<=").Lit(299)).Block(jen.Return(jen.Nil())),
			jen.Var().Id("body").Index().Byte(),
			jen.If(jen.Id("resp").Dot("Body").Op("!=").Nil()).Block(
				jen.Comment("A read error keeps what was read: the status and any partial body still say more than the error would."),
				jen.List(jen.Id("body"), jen.Id("_")).Op("=").Qual(ioPkg, "ReadAll").Call(jen.Qual(ioPkg, "LimitReader").Call(jen.Id("resp").Dot("Body"), jen.Id("MaxBodySize"))),
			),
			jen.Return(jen.Id("parse").Call(jen.Id("resp").Dot("StatusCode"), jen.Id("resp").Dot("Header"), jen.String().Call(jen.Id("body")))),
		)))

	g.parseFunc(f)
	g.canonical(f)
	g.recognize(f)
	g.decodeDetails(f)
}

// pathLit is a path as a []string literal (or its bare {...} element form).
func pathLit(path []string, typed bool) *jen.Statement {
	var elems []jen.Code
	for _, s := range path {
		elems = append(elems, jen.Lit(s))
	}
	if typed {
		return jen.Index().String().Values(elems...)
	}
	return jen.Values(elems...)
}

// parseFunc emits parse, the decoding steps shared by Parse and FromResponse.
//
//	func parse(status int, header http.Header, body string) *Error {
//		e := &Error{Status: status, Header: header, Body: body}
//		env, ok := readEnvelope(body, shapes[:])
//		... code from the body, else recognised, else by status ...
//	}
func (g *gen) parseFunc(f *jen.File) {
	p := g.p
	var byStatus []jen.Code
	for _, s := range p.Statuses {
		if s.ByStatus != nil {
			byStatus = append(byStatus, jen.Case(jen.Lit(s.Status)).Block(
				jen.Id("e").Dot("Code").Op(",").Id("e").Dot("Inferred").Op("=").Id(s.ByStatus.Const).Op(",").True(),
			))
		}
	}
	f.Add(newDoc("parse decodes a non-2xx response; body is the whole body read.").
		decl(jen.Func().Id("parse").Params(jen.Id("status").Int(), jen.Id("header").Qual(httpPkg, "Header"), jen.Id("body").String()).Op("*").Id("Error").BlockFunc(func(b *jen.Group) {
			b.Id("e").Op(":=").Op("&").Id("Error").Values(jen.Dict{
				jen.Id("Status"): jen.Id("status"),
				jen.Id("Header"): jen.Id("header"),
				jen.Id("Body"):   jen.Id("body"),
			})
			b.If(jen.Len(jen.Id("body")).Op(">").Id("maxKeptBody")).Block(
				jen.Id("e").Dot("Body").Op("=").Qual(stringsPkg, "Clone").Call(jen.Id("body").Index(jen.Empty(), jen.Id("maxKeptBody"))),
			)
			b.List(jen.Id("env"), jen.Id("ok")).Op(":=").Id("readEnvelope").Call(jen.Id("body"), jen.Id("shapes").Index(jen.Empty(), jen.Empty()))
			b.If(jen.Op("!").Id("ok")).Block(
				jen.Id("e").Dot("Message").Op("=").Id("excerpt").Call(jen.Id("body")),
			).Else().BlockFunc(func(ok *jen.Group) {
				ok.Id("e").Dot("Code").Op("=").Id("Code").Call(jen.Id("env").Dot("code")).Dot("canonical").Call()
				ok.Id("e").Dot("Message").Op("=").Id("env").Dot("message")
				ok.Id("e").Dot("RequestID").Op("=").Id("env").Dot("requestID")
				if p.HasErrorsList {
					ok.Id("e").Dot("Errors").Op("=").Id("env").Dot("errors")
				}
				ok.If(jen.Id("e").Dot("Code").Op("==").Lit("")).Block(jen.Id("e").Dot("recognize").Call())
			})
			if len(byStatus) > 0 {
				b.If(jen.Id("e").Dot("Code").Op("==").Lit("")).Block(
					jen.Switch(jen.Id("status")).Block(byStatus...),
				)
			}
			if p.RequestIDHeader != "" {
				b.If(jen.Id("e").Dot("RequestID").Op("==").Lit("").Op("&&").Id("header").Op("!=").Nil()).Block(
					jen.Id("e").Dot("RequestID").Op("=").Id("header").Dot("Get").Call(jen.Lit(p.RequestIDHeader)),
				)
			}
			b.Id("e").Dot("decodeDetails").Call(jen.Id("env").Dot("fields"))
			b.Return(jen.Id("e"))
		})))
}

// canonical emits Code.canonical, which parse applies to a code read from a
// body: a documented code becomes its constant, whose bytes the Err value
// shares, so that (*Error).Is finds them equal by pointer instead of
// comparing them byte by byte (errors.Is is about a fifth faster).
//
//	func (c Code) canonical() Code {
//		switch c {
//		case CodeX:
//			return CodeX
//		...
//		}
//		return c
//	}
func (g *gen) canonical(f *jen.File) {
	f.Add(newDoc("canonical returns the constant of a documented code, so that its bytes are the ones its Err value holds and (*Error).Is compares them by pointer; any other code is returned as it is.").
		decl(jen.Func().Params(jen.Id("c").Id("Code")).Id("canonical").Params().Id("Code").BlockFunc(func(b *jen.Group) {
			if len(g.p.Codes) > 0 {
				b.Switch(jen.Id("c")).BlockFunc(func(sw *jen.Group) {
					for _, c := range g.p.Codes {
						sw.Case(jen.Id(c.Const)).Block(jen.Return(jen.Id(c.Const)))
					}
				})
			}
			b.Return(jen.Id("c"))
		})))
}

// recognize emits the title and pattern matching.
//
//	func (e *Error) recognize() {
//		switch e.Message {
//		case "Exact title":
//			e.Code = CodeX
//		default:
//			if m, ok := matchPattern(e.Message, []string{"Missing: ", ""}); ok {
//				e.Code = CodeY
//				e.Param = m[0]
//				break
//			}
//			... one if per pattern
//		}
//		e.Inferred = e.Code != ""
//	}
func (g *gen) recognize(f *jen.File) {
	var cases []jen.Code
	for _, c := range g.p.Codes {
		if len(c.Titles) == 0 {
			continue
		}
		var lits []jen.Code
		for _, t := range c.Titles {
			lits = append(lits, jen.Lit(t))
		}
		cases = append(cases, jen.Case(lits...).Block(jen.Id("e").Dot("Code").Op("=").Id(c.Const)))
	}
	// The patterns are a flat list of ifs that break out of the switch, not
	// an else-if chain: go/parser refuses more than 1000 nested scopes, so a
	// chain of some hundreds of patterns could not even be formatted.
	var chain []jen.Code
	for _, c := range g.p.Codes {
		for _, pt := range c.Patterns {
			var lits []jen.Code
			for _, l := range pt.Literals {
				lits = append(lits, jen.Lit(l))
			}
			body := []jen.Code{jen.Id("e").Dot("Code").Op("=").Id(c.Const)}
			for i, cp := range pt.Captures {
				body = append(body, jen.Id("e").Dot(cp.GoName).Op("=").Id("m").Index(jen.Lit(i)))
			}
			chain = append(chain, jen.If(
				jen.List(jen.Id("m"), jen.Id("ok")).Op(":=").Id("matchPattern").Call(jen.Id("e").Dot("Message"), jen.Index().String().Values(lits...)),
				jen.Id("ok"),
			).BlockFunc(func(g *jen.Group) {
				for _, st := range body {
					g.Add(st)
				}
				g.Break()
			}))
		}
	}
	f.Add(newDoc("recognize finds the code of a body that names none from its message: exact titles first, then patterns in document order.").
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("recognize").Params().BlockFunc(func(b *jen.Group) {
			if len(cases) > 0 || len(chain) > 0 {
				b.Switch(jen.Id("e").Dot("Message")).BlockFunc(func(sw *jen.Group) {
					for _, c := range cases {
						sw.Add(c)
					}
					if len(chain) > 0 {
						sw.Default().Block(chain...)
					}
				})
			}
			b.Id("e").Dot("Inferred").Op("=").Id("e").Dot("Code").Op("!=").Lit("")
		})))
}

// decodeDetails emits the typed-field decoding, one case per code with fields.
//
//	func (e *Error) decodeDetails(obj string) {
//		switch e.Code {
//		case CodeX:
//			d := &XDetails{}
//			if v, ok := intField(obj, "requested"); ok && v == int64(int(v)) {
//				d.Requested = int(v)
//			}
//			e.Details = d
//		}
//	}
func (g *gen) decodeDetails(f *jen.File) {
	var cases []jen.Code
	for _, c := range g.p.Codes {
		if c.Details == "" {
			continue
		}
		body := []jen.Code{jen.Id("d").Op(":=").Op("&").Id(c.Details).Values()}
		for _, fl := range c.Fields {
			body = append(body, fieldDecode(fl))
		}
		body = append(body, jen.Id("e").Dot("Details").Op("=").Id("d"))
		cases = append(cases, jen.Case(jen.Id(c.Const)).Block(body...))
	}
	f.Add(newDoc("decodeDetails reads the typed fields of e's code from obj, the raw JSON text of the fields object (empty when the body has none).").
		decl(jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("decodeDetails").Params(jen.Id("obj").String()).BlockFunc(func(b *jen.Group) {
			if len(cases) == 0 {
				b.Id("_").Op("=").Id("obj")
				return
			}
			b.Switch(jen.Id("e").Dot("Code")).Block(cases...)
		})))
}

// fieldDecode reads one typed field into d.
func fieldDecode(fl *model.Field) jen.Code {
	target := jen.Id("d").Dot(fl.GoName)
	key := jen.Lit(fl.Wire)
	read := func(fn string) *jen.Statement {
		return jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id(fn).Call(jen.Id("obj"), key)
	}
	var retry []jen.Code
	if fl.RetryAfter {
		retry = []jen.Code{jen.List(jen.Id("e").Dot("retryAfter"), jen.Id("e").Dot("hasRetryAfter")).Op("=").Id("clampSeconds").Call(jen.Id("v")).Op(",").True()}
	}
	switch fl.Kind {
	case model.Int:
		return jen.If(read("intField"), jen.Id("ok")).BlockFunc(func(b *jen.Group) {
			b.If(jen.Id("v").Op("==").Int64().Call(jen.Int().Call(jen.Id("v")))).Block(target.Clone().Op("=").Int().Call(jen.Id("v")))
			for _, r := range retry {
				b.Add(r)
			}
		})
	case model.Int64:
		return jen.If(read("intField"), jen.Id("ok")).BlockFunc(func(b *jen.Group) {
			b.Add(target.Clone().Op("=").Id("v"))
			for _, r := range retry {
				b.Add(r)
			}
		})
	case model.Float64:
		return jen.If(read("floatField"), jen.Id("ok")).BlockFunc(func(b *jen.Group) {
			b.Add(target.Clone().Op("=").Id("v"))
			if fl.RetryAfter {
				b.List(jen.Id("e").Dot("retryAfter"), jen.Id("e").Dot("hasRetryAfter")).Op("=").Id("clampSeconds").Call(jen.Int64().Call(jen.Id("v"))).Op(",").True()
			}
		})
	case model.Bool:
		return jen.If(read("boolField"), jen.Id("ok")).Block(target.Clone().Op("=").Id("v"))
	case model.StringSlice:
		return jen.If(read("stringsField"), jen.Id("ok")).Block(target.Clone().Op("=").Id("v"))
	case model.IntSlice:
		return jen.If(read("intsField"), jen.Id("ok")).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("n")).Op(":=").Range().Id("v")).Block(
				jen.If(jen.Id("n").Op("!=").Int64().Call(jen.Int().Call(jen.Id("n")))).Block(jen.Return()),
			),
			target.Clone().Op("=").Make(jen.Index().Int(), jen.Len(jen.Id("v"))),
			jen.For(jen.List(jen.Id("i"), jen.Id("n")).Op(":=").Range().Id("v")).Block(
				target.Clone().Index(jen.Id("i")).Op("=").Int().Call(jen.Id("n")),
			),
		)
	}
	return jen.If(read("stringField"), jen.Id("ok")).Block(target.Clone().Op("=").Id("v"))
}

// retry emits IsRetryable, RetryAfter, asError and the Retry-After parsing.
func (g *gen) retry(f *jen.File) {
	// func parseRetryAfter(v string, now func() time.Time) (time.Duration, bool) {
	// 	v = strings.TrimSpace(v)
	// 	if c := v[0]; c is a sign or digit {
	// 		if n, err := strconv.ParseInt(v, 10, 64); err == nil { return clampSeconds(n), true }
	// 		... out of range digits: clamp by sign
	// 	}
	// 	... else an HTTP-date; else false
	// }
	f.Add(newDoc("parseRetryAfter reads a Retry-After value: delta-seconds or an HTTP-date, relative to now(), clamped to [0, MaxRetryAfter]. now is called only for an HTTP-date.").
		decl(jen.Func().Id("parseRetryAfter").Params(jen.Id("v").String(), jen.Id("now").Func().Params().Qual(timePkg, "Time")).Params(jen.Qual(timePkg, "Duration"), jen.Bool()).Block(
			jen.Id("v").Op("=").Qual(stringsPkg, "TrimSpace").Call(jen.Id("v")),
			jen.If(jen.Id("v").Op("==").Lit("")).Block(jen.Return(jen.Lit(0), jen.False())),
			jen.If(
				jen.Id("c").Op(":=").Id("v").Index(jen.Lit(0)),
				jen.Id("c").Op("==").LitRune('+').Op("||").Id("c").Op("==").LitRune('-').Op("||").LitRune('0').Op("<=").Id("c").Op("&&").Id("c").Op("<=").LitRune('9'),
			).Block(
				jen.Comment("Delta-seconds: only these go to ParseInt, whose error for an HTTP-date allocates."),
				jen.List(jen.Id("n"), jen.Id("err")).Op(":=").Qual(strconvPkg, "ParseInt").Call(jen.Id("v"), jen.Lit(10), jen.Lit(64)),
				jen.If(jen.Id("err").Op("==").Nil()).Block(jen.Return(jen.Id("clampSeconds").Call(jen.Id("n")), jen.True())),
				jen.If(
					jen.List(jen.Id("ne"), jen.Id("ok")).Op(":=").Id("err").Assert(jen.Op("*").Qual(strconvPkg, "NumError")),
					jen.Id("ok").Op("&&").Id("ne").Dot("Err").Op("==").Qual(strconvPkg, "ErrRange"),
				).Block(
					jen.If(jen.Id("c").Op("==").LitRune('-')).Block(jen.Return(jen.Lit(0), jen.True())),
					jen.Return(jen.Id("MaxRetryAfter"), jen.True()),
				),
			),
			jen.List(jen.Id("t"), jen.Id("err")).Op(":=").Qual(httpPkg, "ParseTime").Call(jen.Id("v")),
			jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Return(jen.Lit(0), jen.False())),
			jen.Id("d").Op(":=").Id("t").Dot("Sub").Call(jen.Id("now").Call()),
			jen.If(jen.Id("d").Op("<").Lit(0)).Block(jen.Id("d").Op("=").Lit(0)),
			jen.If(jen.Id("d").Op(">").Id("MaxRetryAfter")).Block(jen.Id("d").Op("=").Id("MaxRetryAfter")),
			jen.Return(jen.Id("d"), jen.True()),
		)))
	f.Add(newDoc("clampSeconds turns a delay in seconds into a Duration within [0, MaxRetryAfter].").
		decl(jen.Func().Id("clampSeconds").Params(jen.Id("n").Int64()).Qual(timePkg, "Duration").Block(
			jen.If(jen.Id("n").Op("<=").Lit(0)).Block(jen.Return(jen.Lit(0))),
			jen.If(jen.Id("n").Op(">=").Int64().Call(jen.Id("MaxRetryAfter").Op("/").Qual(timePkg, "Second"))).Block(jen.Return(jen.Id("MaxRetryAfter"))),
			jen.Return(jen.Qual(timePkg, "Duration").Call(jen.Id("n")).Op("*").Qual(timePkg, "Second")),
		)))
	f.Add(newDoc("IsRetryable reports whether err holds a *Error (however wrapped) whose request may be retried; see (*Error).Retryable. Other errors, such as network failures, give false: decide about those yourself.").
		decl(jen.Func().Id("IsRetryable").Params(jen.Id("err").Error()).Bool().Block(
			jen.Return(jen.Id("asError").Call(jen.Id("err")).Dot("Retryable").Call()),
		)))
	f.Add(newDoc("RetryAfter returns the retry delay of the *Error err holds, however wrapped; see (*Error).RetryAfter. It reports false when err holds no *Error or the response gave no delay.").
		decl(jen.Func().Id("RetryAfter").Params(jen.Id("err").Error()).Params(jen.Qual(timePkg, "Duration"), jen.Bool()).Block(
			jen.Return(jen.Id("asError").Call(jen.Id("err")).Dot("RetryAfter").Call()),
		)))
	// func asError(err error) *Error {
	// 	for err != nil {
	// 		switch x := err.(type) {
	// 		case *Error: return x
	// 		case interface{ Unwrap() error }: err = x.Unwrap()
	// 		case interface{ Unwrap() []error }: ... each ...
	// 		default: return nil
	// 		}
	// 	}
	// 	return nil
	// }
	f.Add(newDoc("asError finds the first *Error in err's chain as errors.As would, without allocating.").
		decl(jen.Func().Id("asError").Params(jen.Id("err").Error()).Op("*").Id("Error").Block(
			jen.For(jen.Id("err").Op("!=").Nil()).Block(
				jen.Switch(jen.Id("x").Op(":=").Id("err").Assert(jen.Type())).Block(
					jen.Case(jen.Op("*").Id("Error")).Block(jen.Return(jen.Id("x"))),
					jen.Case(jen.Interface(jen.Id("Unwrap").Params().Error())).Block(jen.Id("err").Op("=").Id("x").Dot("Unwrap").Call()),
					jen.Case(jen.Interface(jen.Id("Unwrap").Params().Index().Error())).Block(
						jen.For(jen.List(jen.Id("_"), jen.Id("inner")).Op(":=").Range().Id("x").Dot("Unwrap").Call()).Block(
							jen.If(jen.Id("e").Op(":=").Id("asError").Call(jen.Id("inner")), jen.Id("e").Op("!=").Nil()).Block(jen.Return(jen.Id("e"))),
						),
						jen.Return(jen.Nil()),
					),
					jen.Default().Block(jen.Return(jen.Nil())),
				),
			),
			jen.Return(jen.Nil()),
		)))
}
