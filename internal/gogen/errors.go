package gogen

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/errgen/errgen/internal/model"
)

const (
	httpPkg   = "net/http"
	timePkg   = "time"
	errorsPkg = "errors"
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

// errorsFile emits errors.go: codes, sentinels, typed details, the Error
// type, and the tables and hooks runtime.go reads.
func (g *gen) errorsFile() *jen.File {
	f := g.newFile()
	g.codeType(f) // then codeDecls, inserted after formatting
	g.headerConsts(f)
	g.families(f)
	g.docURLs(f)
	g.types(f)
	g.fieldValues(f)
	g.errorType(f)
	g.hooks(f)
	g.safeHooks(f)
	g.headerReaders(f)
	return f
}

// codeType emits the Code type.
//
//	type Code string
func (g *gen) codeType(f *jen.File) {
	f.Add(newDoc(fmt.Sprintf("Code is a %s error code: as sent in a response body, or recognised by errgen from the message or status when the API sends none. Codes the spec documents have constants; any other code is kept verbatim (Known reports false).", g.p.API)).
		decl(jen.Type().Id("Code").String()))
}

// codeDoc is the godoc of a code constant: summary, status, retry rule and
// its provenance, remedy, typed fields and how the code is recognised.
func codeDoc(c *model.Code) *doc {
	d := newDoc(fmt.Sprintf("%s is %s: %s", c.Const, strconv.Quote(c.Value), c.Summary))
	d.para().text(statusText(c) + " " + retryText(c))
	if c.Rule.DefaultDelay > 0 {
		d.para().text(fmt.Sprintf("When the response gives no delay, RetryAfter reports %v, as the document says.", c.Rule.DefaultDelay))
	}
	if c.Family != nil {
		d.para().text(fmt.Sprintf("Family: %s (%s).", strconv.Quote(c.Family.Name), c.Family.Const))
	}
	if c.Remedy != "" {
		d.para().text("What to do: " + c.Remedy)
	}
	if c.DocURL != "" {
		d.para().text("Documentation: " + c.DocURL)
	}
	if c.Details != "" {
		var fields []string
		for _, fl := range c.Fields {
			fields = append(fields, fmt.Sprintf("%s (%s %s)", strconv.Quote(fl.Wire), fl.GoName, fl.GoType))
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
			d.code(h.Shown + ": " + h.Value)
		}
		d.block(ex.Body)
	}
	return d
}

// statusText gives a code's documented statuses: "HTTP status: 400, 412
// or any other 4xx."
func statusText(c *model.Code) string {
	if len(c.Statuses) == 0 {
		return "HTTP status: not documented."
	}
	return "HTTP status: " + c.StatusPhrase(strconv.Itoa) + "."
}

// retryText says whether a code is retryable and who says so.
func retryText(c *model.Code) string {
	yes := "no"
	if c.Retryable {
		yes = "yes"
	}
	if c.Rule.RetryByStatus() && c.Status == 0 {
		return "Retryable: as the response's status says (the document says nothing of retrying, and gives no status); Code.Retryable reports false."
	}
	if c.Rule.RetryByStatus() {
		return fmt.Sprintf("Retryable: as the response's status says (the document says nothing of retrying, and gives only a class of statuses); Code.Retryable reports %t, as for a response with status %d.", c.Retryable, c.Status)
	}
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
	if len(c.WhenHeaders) > 0 {
		var hs []string
		for _, h := range c.WhenHeaders {
			hs = append(hs, h.Shown+": "+h.Value)
		}
		parts = append(parts, "the headers "+strconv.Quote(strings.Join(hs, ", ")))
	}
	if c.ByStatus {
		parts = append(parts, fmt.Sprintf("status %d alone", c.Status))
	}
	if len(parts) == 0 {
		return ""
	}
	return "When the body names no code, it is recognised by " + strings.Join(parts, ", or ") + "."
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
			doc := newDoc(sentence(fmt.Sprintf("%s %s", h.Const, what), h.Summary))
			if h.Prefix {
				doc.text(fmt.Sprintf("Go stores header names in canonical form (%s...), so match names with Headers(h).WithPrefix(%s), which ignores case, or read one with Headers(h).%s.", http.CanonicalHeaderKey(h.Name), h.Const, h.Reader))
			} else {
				doc.text(fmt.Sprintf("Headers(h).%s reads it.", h.Reader))
			}
			d.Add(doc.inner(jen.Id(h.Const).Op("=").Lit(h.Name)).Line())
		}
	})
}

// fieldDecl is a struct field of a typed field, with its godoc; tagged
// with its wire name for the generated struct of a named type, which the
// runtime decodes with encoding/json.
//
//	// Reason is "reason" on the wire: <summary>
//	Reason string `json:"reason"`
func fieldDecl(fl *model.Field, tagged bool) jen.Code {
	decl := jen.Id(fl.GoName).Op(fl.GoType)
	if tagged {
		decl.Tag(map[string]string{"json": fl.Wire})
	}
	return newDoc(fieldText(fl)).inner(decl)
}

// fieldText is the godoc of a typed field's struct field.
func fieldText(fl *model.Field) string {
	text := sentence(fmt.Sprintf("%s is %s on the wire", fl.GoName, strconv.Quote(fl.Wire)), fl.Summary)
	if fl.Path != nil {
		text = sentence(fmt.Sprintf("%s is at %s on the wire", fl.GoName, strconv.Quote(fl.Path.String())), fl.Summary)
	}
	switch {
	case fl.Kind.Optional:
		text += " It is nil when the body lacks it."
	case fl.Kind.Type != nil && !fl.Kind.List:
		text += " It is nil when the body lacks it."
	}
	if fl.RetryAfter {
		text += fmt.Sprintf(" It is a retry delay (%s): RetryAfter uses it when no header gives one.", fl.Unit.Describe())
	}
	if len(fl.Values) > 0 {
		if len(fl.Values) == 1 {
			text += fmt.Sprintf(" The document lists one value, the constant %s. A response may send others; they are kept as sent.", fl.Values[0].Const)
		} else {
			text += fmt.Sprintf(" The document lists %d values, each a constant named %s and the value (%s, ...). A response may send others; they are kept as sent.", len(fl.Values), fl.GoName, fl.Values[0].Const)
		}
	}
	return text
}

// fieldValues emits the constants of documented values (model's
// ValueDecls: each once, in spec order), a const block per field.
//
//	// DeclineCodeAuthenticationRequired, ... are the values the document
//	// lists for Error.DeclineCode ("decline_code").
//	const (
//		DeclineCodeAuthenticationRequired = "authentication_required"
//	)
func (g *gen) fieldValues(f *jen.File) {
	decls := g.p.ValueDecls()
	for len(decls) > 0 {
		// One block per field: the decls of a field are consecutive.
		n := 1
		for n < len(decls) && decls[n].Field == decls[0].Field {
			n++
		}
		block, fl := decls[:n], decls[0].Field
		decls = decls[n:]
		what := fmt.Sprintf("%s, ... are values", block[0].Const)
		if len(block) == 1 {
			what = fmt.Sprintf("%s is a value", block[0].Const)
		}
		f.Add(newDoc(fmt.Sprintf("%s the document lists for %s.%s (%s on the wire); a response may send others.", what, block[0].Owner, fl.GoName, strconv.Quote(fl.Wire))).
			decl(jen.Const().DefsFunc(func(d *jen.Group) {
				for _, v := range block {
					d.Id(v.Const).Op("=").Lit(v.Value.Value)
				}
			})))
	}
}

// types emits a struct per named type.
//
//	// ErrorInfo is "error_info" of the spec: <summary>
//	type ErrorInfo struct {
//		Reason string `json:"reason"`
//	}
func (g *gen) types(f *jen.File) {
	for _, t := range g.p.Types {
		f.Add(newDoc(sentence(fmt.Sprintf("%s is the type %s of the spec", t.GoName, strconv.Quote(t.Name)), t.Summary)).
			decl(jen.Type().Id(t.GoName).StructFunc(func(s *jen.Group) {
				for _, fl := range t.Fields {
					s.Add(fieldDecl(fl, true))
				}
			})))
	}
}

// families emits the Family type and a constant per documented family.
//
//	type Family string
//	const FamilyCardError Family = "card_error"
//	func (c Code) Family() Family
func (g *gen) families(f *jen.File) {
	p := g.p
	if !p.HasFamilies() {
		return
	}
	f.Add(newDoc(fmt.Sprintf("Family is a family of %s error codes: a classification over the code, as the body sends it or as the code's documentation gives it.", p.API)).
		decl(jen.Type().Id("Family").String()))
	for _, fm := range p.Families {
		f.Add(newDoc(sentence(fmt.Sprintf("%s is %s", fm.Const, strconv.Quote(fm.Name)), fm.Summary)).
			decl(jen.Const().Id(fm.Const).Id("Family").Op("=").Lit(fm.Name)))
	}
	f.Add(newDoc("Family returns the family c is documented in, or \"\" when it has none or is not a documented code.").
		decl(jen.Func().Params(jen.Id("c").Id("Code")).Id("Family").Params().Id("Family").Block(
			jen.If(jen.Id("i").Op(":=").Id("schema").Dot("index").Call(jen.Id("c")), jen.Id("i").Op(">=").Lit(0)).Block(
				jen.Return(jen.Id("Family").Call(jen.Id("schema").Dot("codes").Index(jen.Id("i")).Dot("family"))),
			),
			jen.Return(jen.Lit("")),
		)))
}

// docURLs emits Code.DocURL and its table, when some code names its page.
//
//	func (c Code) DocURL() string
//	var docURLs = [...]string{"https://...", "", ...} // by index in schema.codes
func (g *gen) docURLs(f *jen.File) {
	if !g.p.HasDocURLs() {
		return
	}
	f.Add(newDoc(fmt.Sprintf("DocURL returns the page the %s documentation gives for c, or \"\" when it gives none or c is not a documented code.", g.p.API)).
		decl(jen.Func().Params(jen.Id("c").Id("Code")).Id("DocURL").Params().String().Block(
			jen.If(jen.Id("i").Op(":=").Id("schema").Dot("index").Call(jen.Id("c")), jen.Id("i").Op(">=").Lit(0)).Block(
				jen.Return(jen.Id("docURLs").Index(jen.Id("i"))),
			),
			jen.Return(jen.Lit("")),
		)))
	urls := make([]jen.Code, len(g.p.Codes))
	for i, c := range g.p.Codes {
		urls[i] = jen.Line().Lit(c.DocURL)
	}
	urls = append(urls, jen.Line())
	f.Add(newDoc("docURLs are the pages documenting the codes, by index in schema.codes (\"\" for none).").
		decl(jen.Var().Id("docURLs").Op("=").Index(jen.Op("...")).String().Values(urls...)))
}

// errorType emits the Error struct; its methods are the runtime's.
func (g *gen) errorType(f *jen.File) {
	p := g.p
	f.Add(newDoc(fmt.Sprintf("Error is an error response from the %s API. Parse and FromResponse return it; use errors.Is with the Err values to test its code, and errors.As to read its fields.", p.API)).
		decl(jen.Type().Id("Error").StructFunc(func(s *jen.Group) {
			s.Add(newDoc("Status is the HTTP status of the response.").inner(jen.Id("Status").Int()))
			codeDoc := "Code is the error code as the body sent it, known or not; or, when the body names none, the code recognised from the message or the status (Inferred is then true). It is empty when neither gives one."
			if p.Schema.CaseInsensitiveCodes {
				codeDoc = "Code is the error code the body sent, known or not (the API's codes are case-insensitive: a documented code, whatever the case of its ASCII letters, is its constant, spelled as documented); or, when the body names none, the code recognised from the message or the status (Inferred is then true). It is empty when neither gives one."
			}
			s.Add(newDoc(codeDoc).inner(jen.Id("Code").Id("Code")))
			s.Add(newDoc("Inferred reports that Code was recognised from the message or the status rather than sent in the body.").
				inner(jen.Id("Inferred").Bool()))
			// The unexported fields that fit in the padding after Inferred
			// go there: Error is then 160 bytes, a smaller size class.
			s.Add(newDoc("retry is 1 or -1 when the response says whether to retry, 0 when it does not.").inner(jen.Id("retry").Int8()))
			s.Add(newDoc("shape is 1 + the index of the shape the body was read in, 0 for none: WriteError writes the code in it when it can.").inner(jen.Id("shape").Uint16()))
			s.Add(newDoc("delayOK and delayEpoch are the ok and epoch of delay (see bodyDelay).").inner(jen.List(jen.Id("delayOK"), jen.Id("delayEpoch")).Bool()))
			s.Add(newDoc("Message is the human-readable message of the body; for a body no shape applies to that is not a JSON object (text, an array, a bare string or number), a short single-line excerpt of it, or an HTML page's title or first heading.").
				inner(jen.Id("Message").String()))
			rid := "RequestID is the request id from the body"
			if p.RequestIDHeader != "" {
				rid += ", else from the " + p.RequestIDHeader + " header"
			}
			s.Add(newDoc(rid + "; quote it to support.").inner(jen.Id("RequestID").String()))
			if p.HasDetail() {
				s.Add(newDoc("Detail is the body's detail beside its message, such as problem+json's \"detail\" beside its \"title\".").inner(jen.Id("Detail").String()))
			}
			if p.HasFamilies() {
				s.Add(newDoc("Family is the family of the code: as the body sends it, else as the code's documentation gives it.").inner(jen.Id("Family").Id("Family")))
			}
			if p.HasErrorsList() {
				s.Add(newDoc("Errors are the detail messages the body lists, in order (at most MaxErrors).").inner(jen.Id("Errors").Index().String()))
			}
			if t := p.ItemType; t != nil {
				s.Add(newDoc(fmt.Sprintf("Items are the errors the body lists, each with its own fields, in order (at most MaxErrors); an element that does not decode as %s is its zero value.", t.GoName)).
					inner(jen.Id("Items").Index().Id(t.GoName)))
			}
			for _, fl := range p.Fields {
				s.Add(fieldDecl(fl, false))
			}
			for _, cp := range p.Captures {
				s.Add(newDoc(fmt.Sprintf("%s is the {%s} captured from the message by a documented pattern.", cp.GoName, cp.Name)).
					inner(jen.Id(cp.GoName).String()))
			}
			s.Add(newDoc("Details holds the typed extra fields of codes that document them (see Details); nil otherwise.").
				inner(jen.Id("Details").Id("Details")))
			s.Add(newDoc("Header is the response header, as given to Parse. It may hold secrets, such as cookies (Set-Cookie) and credentials: do not log it whole. The Error's own views (Error, LogValue, MarshalJSON, GoString) never show it.").inner(jen.Id("Header").Qual(httpPkg, "Header")))
			s.Add(newDoc("Body is the response body, cut to its first 64 KiB. It may hold secrets too: do not log it whole.").inner(jen.Id("Body").String()))
			s.Add(newDoc("delay is the retry delay of a documented body field, with delayOK and delayEpoch: savedDelay returns the three.").inner(jen.Id("delay").Qual("time", "Duration")))
		})))
}
