package gogen

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/errgen/errgen/internal/chunked"
	"github.com/errgen/errgen/internal/decode"
	"github.com/errgen/errgen/internal/golit"
	"github.com/errgen/errgen/internal/model"
)

// testTables builds the data tables of errors_test.go, which grow with
// every code and example, and returns the function that writes them in
// gofmt's layout (package golit), after the formatted rest of the file.
// They refer to no package but time, which the rest of the file imports
// (exampleTime); headers are map[string][]string, which an http.Header
// field takes. n records whether a value needed the ptr helper.
//
//	var documentedExamples = []documentedExample{
//		{
//			body:    "{\"error\": \"credit_exhausted\", ...}",
//			code:    CodeCreditExhausted,
//			details: &CreditExhaustedDetails{Requested: 50, Shortfall: 12},
//			is:      ErrCreditExhausted,
//			message: "Insufficient credits to complete this request.",
//			name:    "credit_exhausted/",
//			status:  402,
//		},
//	}
//	var codeTable = []codeRow{
//		{CodeCreditExhausted, ErrCreditExhausted, 402, false, true, true, 402},
//	}
//	var statusAlone = []statusRow{
//		{402, "", false},
//	}
//	var builtBodies = []bodyRow{
//		{
//			body: "{\"error\": \"errgen_undocumented_code\", \"message\": \"\"}",
//			...
//		},
//	}
func (g *gen) testTables(n *namer) func(b *chunked.Buffer) error {
	p := g.p
	examples := lines("[]documentedExample")
	for _, c := range p.Codes {
		for _, ex := range c.Examples {
			examples.Elems = append(examples.Elems, golit.Elem{Value: g.exampleRow(c, ex, n)})
		}
	}
	codes := lines("[]codeRow")
	for _, c := range p.Codes {
		codes.Elems = append(codes.Elems, golit.Elem{Value: &golit.Composite{Elems: []golit.Elem{
			{Value: golit.Expr(c.Const)}, {Value: golit.Expr(c.Err)}, {Value: golit.Int(c.Status)},
			{Value: golit.Bool(c.Retryable)}, {Value: golit.Bool(c.Details != "")}, {Value: golit.Bool(c.Rule.Writable)},
			{Value: golit.Int(c.Rule.WireStatus)},
		}}})
	}
	alone := lines("[]statusRow")
	for _, status := range g.testStatuses() {
		r := p.Schema.Decode(status, nil, nil, model.ExampleTime)
		code := golit.String("")
		if r.Known != nil {
			code = golit.Expr(p.Codes[codeIndex(p, r.Known)].Const)
		}
		alone.Elems = append(alone.Elems, golit.Elem{Value: &golit.Composite{Elems: []golit.Elem{
			{Value: golit.Int(status)}, {Value: code}, {Value: golit.Bool(r.Retryable)},
		}}})
	}
	bodies := lines("[]bodyRow")
	for _, row := range g.builtBodies(n) {
		bodies.Elems = append(bodies.Elems, golit.Elem{Value: row})
	}

	tables := []struct {
		name, doc string
		table     *golit.Composite
	}{
		{"documentedExamples", "documentedExamples are the responses the spec documents, each with what decoding it gives, as errgen's decoding core read it.", examples},
		{"codeTable", "codeTable lists every documented code with its sentinel, status, retry rule, whether it has typed fields, whether its wire form decodes back to it, and the status it is written with.", codes},
		{"statusAlone", "statusAlone gives, for every documented status and a few others, the code a response with no code in its body gets, and whether it is retryable.", alone},
		{"builtBodies", "builtBodies are bodies errgen built from the shapes: an undocumented code, which is kept verbatim, and every typed field of a code sent with the wrong JSON type, which reads as absent.", bodies},
	}
	return func(b *chunked.Buffer) error {
		for i, t := range tables {
			if i > 0 {
				b.WriteByte('\n')
			}
			for _, l := range docLines(commentLines(t.doc, 74)) {
				b.WriteString(l)
				b.WriteByte('\n')
			}
			b.WriteString("var " + t.name + " = ")
			if err := golit.Write(b, t.table, 0); err != nil {
				return err
			}
			b.WriteByte('\n')
		}
		return nil
	}
}

// exampleRow is a documentedExample literal: the example and its Want.
func (g *gen) exampleRow(c *model.Code, ex *model.Example, n *namer) golit.Value {
	w := ex.Want
	d := dict{
		"name":   golit.String(c.Value + "/" + ex.Title),
		"status": golit.Int(ex.Status),
		"body":   golit.String(ex.Body),
		"code":   golit.Expr(c.Const),
		"is":     golit.Expr(c.Err),
	}
	if len(ex.Header) > 0 {
		d["header"] = headerValue(ex.Header)
	}
	if !w.By.Sent() {
		d["inferred"] = golit.Bool(true)
	}
	if w.Message != "" {
		d["message"] = golit.String(w.Message)
	}
	if w.RequestID != "" {
		d["requestID"] = golit.String(w.RequestID)
	}
	if w.Errors != nil && g.p.HasErrorsList() {
		d["errors"] = stringsValue(w.Errors)
	}
	if w.Pattern != nil {
		d["captures"] = captures(g.p, w)
	}
	if c.Details != "" {
		d["details"] = g.detailsValue(c, w.Fields, n)
	}
	if w.Detail != "" && g.p.HasDetail() {
		d["detail"] = golit.String(w.Detail)
	}
	if w.Family != "" && g.p.HasFamilies() {
		d["family"] = golit.String(w.Family)
	}
	if len(w.Items) > 0 && g.p.ItemType != nil {
		d["items"] = g.items(w.Items, n)
	}
	if len(g.p.Fields) > 0 {
		d["common"] = g.common(w.Common, n)
	}
	if w.Retryable {
		d["retryable"] = golit.Bool(true)
	}
	if w.HasRetryAfter {
		d["retryAfter"] = duration(w.RetryAfter)
		d["hasRetryAfter"] = golit.Bool(true)
	}
	return d.lines("")
}

// headerValue is a header as a map[string][]string literal on one line.
func headerValue(h []model.HeaderValue) golit.Value {
	c := &golit.Composite{Type: "map[string][]string"}
	for _, hv := range h {
		c.Elems = append(c.Elems, golit.Elem{Key: golit.String(hv.Name).String(), Value: &golit.Composite{Elems: []golit.Elem{{Value: golit.String(hv.Value)}}}})
	}
	return c
}

// duration is a delay as Go source: "30 * time.Second" when whole.
func duration(d time.Duration) golit.Expr {
	switch {
	case d == decode.MaxRetryAfter:
		return golit.Expr("MaxRetryAfter")
	case d%time.Second == 0:
		return golit.Expr(fmt.Sprintf("%d * time.Second", d/time.Second))
	case d%time.Millisecond == 0:
		return golit.Expr(fmt.Sprintf("%d * time.Millisecond", d/time.Millisecond))
	}
	return golit.Expr(fmt.Sprintf("time.Duration(%d)", int64(d)))
}

// captures is what captureValues returns for a result: every capture
// field, set where the matched pattern has the placeholder.
func captures(p *model.Package, w decode.Result) golit.Value {
	vals := make([]string, len(p.Captures))
	for k, name := range w.Pattern.Names {
		for _, cp := range p.Captures {
			if cp.Name == name {
				vals[cp.Index] = w.Captures[k]
			}
		}
	}
	return stringsValue(vals)
}

// detailsValue is a *XDetails literal of the present fields.
func (g *gen) detailsValue(c *model.Code, fields []decode.FieldValue, n *namer) golit.Value {
	d := dict{}
	for k, fv := range fields {
		if fv.Present && !reflect.ValueOf(fv.Value).IsZero() {
			d[c.Fields[k].GoName] = golit.Expr(fv.Field.Kind.Literal(fv.Value, n))
		}
	}
	lines := len(d) > 1
	for k := range d {
		lines = lines && len(k) <= golit.MaxKey // golit aligns only short keys
	}
	if lines {
		return d.lines("&" + c.Details)
	}
	return d.line("&" + c.Details)
}

// common is what commonOf returns: the value of every common field, as
// typed literals.
func (g *gen) common(fields []decode.FieldValue, n *namer) golit.Value {
	c := &golit.Composite{Type: "[]any"}
	for k, fv := range fields {
		c.Elems = append(c.Elems, golit.Elem{Value: golit.Expr(typedLit(g.p.Fields[k], fv.Value, n))})
	}
	return c
}

// typedLit is a value of a field as an expression of the field's exact
// Go type, so that it compares equal to the field in an any.
func typedLit(fl *model.Field, v any, n *namer) string {
	lit := fl.Kind.Literal(v, n)
	switch {
	case lit == "nil":
		return "(" + fl.GoType + ")(nil)"
	case fl.Kind.Scalar():
		return fl.GoType + "(" + lit + ")"
	}
	return lit
}

// items is the Items a result lists, as a []T literal on one line.
func (g *gen) items(items []any, n *namer) golit.Value {
	t := g.p.ItemType
	var elems []string
	for _, it := range items {
		v := reflect.ValueOf(it)
		if v.IsNil() {
			elems = append(elems, "{}")
			continue
		}
		elems = append(elems, strings.TrimPrefix(decode.ObjectKind(t.Type).Literal(it, n), "&"+t.GoName))
	}
	return golit.Expr("[]" + t.GoName + "{" + strings.Join(elems, ", ") + "}")
}

// builtBodies are the rows of builtBodies: a body with an undocumented
// code for every status a code names (and the first of every class), and
// for every code with typed fields a body whose fields all have the wrong
// JSON type.
func (g *gen) builtBodies(n *namer) []golit.Value {
	p := g.p
	var rows []golit.Value
	const unknown = decode.Undocumented
	for _, st := range p.Statuses {
		if len(st.Named) == 0 && st.Status%100 != 0 {
			continue // a status only a class ("4xx") documents: its first stands for it
		}
		if body, _, ok := p.Schema.Build(st.Status, unknown, nil); ok {
			rows = append(rows, dict{
				"name":   golit.String(fmt.Sprintf("undocumented code, status %d", st.Status)),
				"status": golit.Int(st.Status),
				"body":   golit.String(string(body)),
				"code":   golit.String(unknown),
			}.lines(""))
		}
	}
	for _, c := range p.Codes {
		if c.Details == "" {
			continue
		}
		wrong := map[string]any{}
		for _, fl := range c.Fields {
			if fl.Kind.Wrong != "" { // an any field takes every value
				wrong[fl.Wire] = json.RawMessage(fl.Kind.Wrong)
			}
		}
		body, r, ok := p.Schema.Build(c.Status, c.Value, wrong) // r.Fields do not depend on the time
		if !ok {
			continue
		}
		rows = append(rows, dict{
			"name":    golit.String(c.Value + ": every field of the wrong type"),
			"status":  golit.Int(c.Status),
			"body":    golit.String(string(body)),
			"code":    golit.Expr(c.Const),
			"details": g.detailsValue(c, r.Fields, n),
		}.lines(""))
	}
	return rows
}
