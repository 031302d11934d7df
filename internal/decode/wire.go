package decode

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"
)

// The wire form of an error: the response WriteError writes for it in a
// generated package, and DocumentedResponse's fakes. It is a rule of the
// spec like decoding is, so it lives here; internal/runtime writes the
// same bodies (a differential test holds it to Encode).
//
// Every code has a wire form (Code.Wire, Code.Sent): the shape its
// responses are written in, and whether the body sends the code or leaves
// it to be recognised from the message or status. ResolveWires chooses
// them when a spec is compiled:
//
//  1. Sent is what the spec says (sent = false marks errgen's name for an
//     error the API documents without a code); else whether the code's
//     first documented example sends it; else whether some shape has a
//     code path.
//  2. The shape is the one the spec names (shape = "..."); else the shape
//     of the code's first example, then every shape in order; for a code
//     that is not sent, a plain-text body comes last.
//  3. The first of those whose response for the code alone (no message,
//     no fields) decodes back to the code, sent through that shape or
//     recognised as Sent says, is the wire form. When Sent was not given
//     and none works, the other value of Sent is tried the same way.
//
// A code for which nothing works is not Writable: Encode then writes a
// plain-text body, and the code is lost.

// Wire is an error to write as a response.
type Wire struct {
	Status    int
	Code      string
	Message   string
	RequestID string
	// Inferred says the code was recognised rather than sent: a documented
	// code is then written without it, even if its wire form sends it.
	Inferred bool
	// Errors are the detail strings; nil writes none.
	Errors []string
	// Captures are the pattern placeholders' text, by name.
	Captures map[string]string
	// Fields are the typed fields of the code, in order; a field that is
	// not Present, or a float64 that is not finite, is not written.
	Fields []FieldValue
}

// Response is what Encode writes: the status, the headers it sets
// (Content-Type, and the request-id header when the spec names one and
// the error has a request id) and the body.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	// Shape is the shape of the body; nil for a plain-text body.
	Shape *Shape
}

// WireChoice is what a spec says about a code's wire form, and its first
// documented example; nil leaves each to ResolveWires.
type WireChoice struct {
	Shape   *Shape
	Sent    *bool
	Example *Result // the decoding of the code's first documented example
}

// Encode writes w in its wire form: the wire form of its code when the
// code is documented (without the code, when w.Inferred); else, for an
// undocumented code, the code sent in AnyWire; else, with no code, the
// message in BareWire.
//
// The body is a JSON object built from the shape's paths, in this order:
// the detail strings at the errors path (a "*" segment makes one array
// element per string, a path without one an array of them); the message
// at the message path; the code at the code path, when sent; the request
// id at the request_id path, when not empty; each typed field into the
// object at the fields path (the top-level object when none), unless a
// member of that name is already there; and an empty string at each
// require path still absent. A key segment makes an object, an index
// segment an array (padded with nulls); a value of the wrong kind in the
// way is replaced. encoding/json writes it: keys sorted, no spaces.
//
// The message of a code that is not sent must recognise it: it is
// w.Message when that recognises the code (or recognises none, for a code
// known by its status), else the code's first title, else its first
// pattern filled with w.Captures ("?" for an empty one), else "".
//
// A plain-text body is the message itself, as text/plain.
func (s *Schema) Encode(w Wire) Response {
	c := s.Code(w.Code)
	sh, sent := s.BareWire, false
	switch {
	case c != nil:
		sh, sent = c.Wire, c.Sent && !w.Inferred
	case w.Code != "":
		sh, sent = s.AnyWire, true
	}
	msg := w.Message
	if c != nil && !sent {
		msg = s.wireMessage(c, w)
	}
	resp := Response{Status: w.Status, Header: http.Header{}, Shape: sh}
	if s.RequestIDHeader != "" && w.RequestID != "" {
		resp.Header[s.RequestIDHeader] = []string{w.RequestID}
	}
	if sh == nil {
		resp.Header["Content-Type"] = []string{"text/plain; charset=utf-8"}
		resp.Body = []byte(msg)
		return resp
	}
	resp.Header["Content-Type"] = []string{"application/json"}
	var doc any = map[string]any{}
	if sh.Errors != nil && w.Errors != nil {
		doc = putList(doc, sh.Errors, w.Errors)
	}
	if sh.Message != nil {
		doc = put(doc, sh.Message, always(msg))
	}
	if sent {
		doc = put(doc, sh.Code, always(w.Code))
	}
	if sh.RequestID != nil && w.RequestID != "" {
		doc = put(doc, sh.RequestID, always(w.RequestID))
	}
	var fields []FieldValue
	for _, f := range w.Fields {
		if x, ok := f.Value.(float64); ok && (math.IsNaN(x) || math.IsInf(x, 0)) {
			continue
		}
		if f.Present {
			fields = append(fields, f)
		}
	}
	if len(fields) > 0 {
		doc = put(doc, sh.Fields, func(old any) any {
			obj, ok := old.(map[string]any)
			if !ok {
				if old != nil {
					return old // something else is there: no fields
				}
				obj = map[string]any{}
			}
			for _, f := range fields {
				if _, taken := obj[f.Field.Name]; !taken {
					obj[f.Field.Name] = f.Value
				}
			}
			return obj
		})
	}
	for _, r := range sh.Require {
		doc = put(doc, r, ifAbsent(""))
	}
	resp.Body, _ = json.Marshal(doc) // every value marshals
	return resp
}

// wireMessage is the message written for a code that is not sent.
func (s *Schema) wireMessage(c *Code, w Wire) string {
	r := Result{Message: w.Message}
	s.recognize(&r)
	switch {
	case r.Code == c.Value:
		return w.Message
	case len(c.Titles) > 0:
		return c.Titles[0]
	case len(c.Patterns) > 0:
		return c.Patterns[0].Fill(w.Captures)
	case r.Code == "":
		return w.Message
	}
	return ""
}

// Fill writes a message the pattern matches: its literal parts around the
// placeholders' text from captures, by name ("?" for one empty or
// missing).
func (p *Pattern) Fill(captures map[string]string) string {
	var b strings.Builder
	b.WriteString(p.Lits[0])
	for k, name := range p.Names {
		v := captures[name]
		if v == "" {
			v = "?"
		}
		b.WriteString(v)
		b.WriteString(p.Lits[k+1])
	}
	return b.String()
}

// put stores at p below v the value leaf returns for what is there (nil
// when nothing), and returns v with it: key segments make objects, index
// segments arrays padded with nulls, and a value of the wrong kind in the
// way is replaced. A "*" segment stands for element 0.
func put(v any, p Path, leaf func(old any) any) any {
	if len(p) == 0 {
		return leaf(v)
	}
	sg := p[0]
	if sg.Index >= 0 || sg.Each {
		k := max(sg.Index, 0)
		arr, _ := v.([]any)
		for len(arr) <= k {
			arr = append(arr, nil)
		}
		arr[k] = put(arr[k], p[1:], leaf)
		return arr
	}
	obj, ok := v.(map[string]any)
	if !ok {
		obj = map[string]any{}
	}
	obj[sg.Key] = put(obj[sg.Key], p[1:], leaf)
	return obj
}

// putList stores a list of strings at an errors path: through its "*"
// segment, element k of the array there gets list[k] at the rest of the
// path; a path without one gets the array of strings.
func putList(doc any, p Path, list []string) any {
	for j, sg := range p {
		if !sg.Each {
			continue
		}
		return put(doc, p[:j], func(old any) any {
			arr, ok := old.([]any)
			if !ok {
				arr = []any{}
			}
			for len(arr) < len(list) {
				arr = append(arr, nil)
			}
			for k, s := range list {
				arr[k] = put(arr[k], p[j+1:], always(s))
			}
			return arr
		})
	}
	arr := make([]any, len(list))
	for k, s := range list {
		arr[k] = s
	}
	return put(doc, p, always(arr))
}

// always is a leaf that stores v.
func always(v any) func(any) any { return func(any) any { return v } }

// ifAbsent is a leaf that stores v where nothing (or null) is.
func ifAbsent(v any) func(any) any {
	return func(old any) any {
		if old != nil {
			return old
		}
		return v
	}
}

// ResolveWires chooses the wire form of every code (choices[i] is what the
// spec says about code i), and AnyWire and BareWire; see the comment at
// the top of this file. It returns, for each code, why the wire form the
// spec asks for cannot be written ("" when it can, or when the spec asks
// for nothing).
func (s *Schema) ResolveWires(choices []WireChoice) []string {
	s.AnyWire, s.BareWire = nil, nil
	for _, sh := range s.Shapes {
		if s.AnyWire == nil && sh.Code != nil {
			s.AnyWire = sh
			if r := s.roundTrip(Wire{Code: undocumented}); r.By != Body || r.Shape != sh || r.Code != undocumented {
				s.AnyWire = nil
			}
		}
		if s.BareWire == nil {
			s.BareWire = sh
			if r := s.roundTrip(Wire{}); r.Shape != sh || r.By != None {
				s.BareWire = nil
			}
		}
	}
	problems := make([]string, len(s.Codes))
	for i, c := range s.Codes {
		var ch WireChoice
		if i < len(choices) {
			ch = choices[i]
		}
		problems[i] = s.resolveWire(c, ch)
	}
	return problems
}

// undocumented is the code AnyWire is chosen with.
const undocumented = "errgen_undocumented_code"

// roundTrip encodes w at status 0 (which no code has) and decodes it.
func (s *Schema) roundTrip(w Wire) Result {
	resp := s.Encode(w)
	return s.Decode(resp.Status, resp.Header, resp.Body, time.Time{})
}

// resolveWire chooses c's wire form.
func (s *Schema) resolveWire(c *Code, ch WireChoice) string {
	sent := s.AnyWire != nil
	if ch.Example != nil {
		sent = ch.Example.By == Body
	}
	sents := []bool{sent, !sent}
	if ch.Sent != nil {
		sents = []bool{*ch.Sent}
	}
	for _, sent := range sents {
		cands := []*Shape{ch.Shape}
		if ch.Shape == nil {
			cands = cands[:0]
			if ch.Example != nil && ch.Example.Shape != nil {
				cands = append(cands, ch.Example.Shape)
			}
			cands = append(cands, s.Shapes...)
			if !sent {
				cands = append(cands, nil)
			}
		}
		for _, sh := range cands {
			if sent && (sh == nil || sh.Code == nil) {
				continue
			}
			c.Wire, c.Sent, c.Writable = sh, sent, true
			r := s.roundTrip(Wire{Status: c.Status, Code: c.Value})
			if r.Known == c && r.Shape == sh && (r.By == Body) == sent {
				return ""
			}
		}
	}
	c.Wire, c.Sent, c.Writable = nil, false, false
	switch {
	case ch.Shape != nil && ch.Shape.Code == nil && len(sents) == 1 && sents[0]:
		return fmt.Sprintf("shape %q has no code path, so code %q cannot be sent in it (set sent = false when the API sends none)", ch.Shape.Name, c.Value)
	case ch.Shape != nil:
		return fmt.Sprintf("a response for code %q written in shape %q does not decode back to it", c.Value, ch.Shape.Name)
	case ch.Sent != nil && *ch.Sent:
		return fmt.Sprintf("no shape can send code %q", c.Value)
	case ch.Sent != nil:
		return fmt.Sprintf("code %q has sent = false, but nothing recognises it in a body without it: give it titles, patterns or by_status", c.Value)
	}
	return ""
}
