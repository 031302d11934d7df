package decode

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
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
//  4. For a code that is sent, every other shape whose response for the
//     code alone decodes back to it, sent through that shape, is in
//     SentIn (written with WireStatus) or SuccessIn (a success shape,
//     written with 200): an error read from a response in such a shape is
//     written back in it (Wire.Shape), so that a code an API documents in
//     two body formats keeps the format each response had.
//
// A code for which nothing works is not Writable: Encode then writes a
// plain-text body, and the code is lost.

// Wire is an error to write as a response.
type Wire struct {
	Status    int
	Code      string
	Message   string
	Detail    string
	RequestID string
	Family    string
	// Inferred says the code was recognised rather than sent: a documented
	// code is then written without it, even if its wire form sends it.
	Inferred bool
	// Retry is the response's own retry decision (the should-retry header
	// or the shape's retryable field): 1 or -1, 0 when it says nothing.
	Retry int
	// Errors are the detail strings; nil writes none.
	Errors []string
	// Items are the error objects, each a value of the shape's ItemType as
	// Kind.Decode gives it (nil for one that is not an object); nil writes
	// none.
	Items []any
	// Captures are the pattern placeholders' text, by name.
	Captures map[string]string
	// Shape is the shape of the response the error was read from (nil:
	// none, or not read from a response). A sent code is written in it
	// when it is one of the code's SentIn (SuccessIn for a 2xx Status),
	// else in its wire form.
	Shape *Shape
	// Common are the spec's common fields and Fields the code's typed
	// fields, in order; a field that is not Present, or whose value
	// encoding/json cannot write (a float64 that is not finite), is not
	// written. (WriteError gives the fields that are not zero, and a retry
	// delay field its body had.)
	Common, Fields []FieldValue
}

// Response is what Encode writes: the status, the headers it sets
// (Content-Type; the request-id header when the spec names one and the
// error has a request id; the code header, when the spec names one, the
// code is sent and the shape has no code path; the code's when headers,
// when it is not sent; the should-retry header, when the spec names one, the
// error says whether to retry and the shape cannot) and the body.
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
	// ExampleStatus is the status of that example.
	ExampleStatus int
}

// Encode writes w in its wire form: the wire form of its code when the
// code is documented (without the code, when w.Inferred), or w.Shape when
// the code is sent and it is one of the code's SentIn (SuccessIn, for a
// 2xx w.Status); else, for an
// undocumented code, the code sent in AnyWire; else, with no code, the
// message in BareWire.
//
// A text shape's body is the message itself. A JSON shape's body is an
// object (an array, for an array shape) built from the shape's paths, in
// this order: the items at the items path (the whole array, for an empty
// one), each an object of its members that are not zero and of those a
// require path names, into which everything after is written where its
// path lies inside them; the detail strings at the errors path (a "*"
// segment makes one array element per string, a path without one an array
// of them; none when it is the items path); the message and the detail,
// when not empty; the code (when sent: a number, for an API with numeric
// codes, when it is an integer; a string already there, from an item, that
// reads as the code is kept as the API spelled it), the request id, the
// family and the retry decision at theirs, each when not empty; every
// typed field, common then the code's, into
// the object at the fields path (the top-level object when none), at its
// member name or path, unless something is already there (a field whose
// path ends at a selector adds its members to the selected element, and
// one whose value is an object adds the members an object already there
// lacks, such as the rest of an object a request id was written into); the
// value each when path must hold; and an empty string at each require
// path still absent (unless a value of another kind is in the way). A key
// segment makes an object, an index segment an array (padded with nulls),
// a selector the first element whose member
// has the value (added when none has); a value of the wrong kind in the
// way is replaced. encoding/json writes it: keys sorted, no spaces. The
// Content-Type is the shape's first content type, else application/json
// (text/plain; charset=utf-8 for text).
//
// The message of a code that is not sent must recognise it: it is
// w.Message when that recognises the code, else the code's first title,
// else its first pattern filled with w.Captures ("?" for an empty one),
// else (a code with neither, known by its status or headers) w.Message
// when it recognises no code, else "".
//
// A plain-text body (no shape) is the message itself, as text/plain.
func (s *Schema) Encode(w Wire) Response {
	return s.encode(s.wireForm(w))
}

// wireForm is what Encode writes w with: its documented code (or nil), the
// shape (nil: plain text) and whether the code is sent.
func (s *Schema) wireForm(w Wire) (Wire, *Code, *Shape, bool) {
	c := s.Code(w.Code)
	sh, sent := s.BareWire, false
	switch {
	case c != nil:
		sh, sent = c.Wire, c.Sent && !w.Inferred
		in := c.SentIn
		if w.Status >= 200 && w.Status < 300 {
			in = c.SuccessIn
		}
		if sent && w.Shape != nil && slices.Contains(in, w.Shape) {
			sh = w.Shape
		}
	case w.Code != "":
		sh, sent = s.AnyWire, true
	}
	return w, c, sh, sent
}

// encode writes w in shape sh (nil: plain text), with its code when sent;
// c is its documented code, or nil.
func (s *Schema) encode(w Wire, c *Code, sh *Shape, sent bool) Response {
	resp, doc := s.encodeDoc(w, c, sh, sent)
	if doc != nil {
		resp.Body, _ = json.Marshal(doc) // every value marshals
	}
	return resp
}

// encodeDoc is encode but for a JSON body: it returns the document to
// marshal into it instead (nil for a text body, which it writes).
func (s *Schema) encodeDoc(w Wire, c *Code, sh *Shape, sent bool) (Response, any) {
	msg := w.Message
	if c != nil && !sent {
		msg = s.wireMessage(c, w, sh == nil || sh.Text)
	}
	resp := Response{Status: w.Status, Header: http.Header{}, Shape: sh}
	if s.RequestIDHeader != "" && w.RequestID != "" {
		resp.Header[s.RequestIDHeader] = []string{w.RequestID}
	}
	if sent && s.CodeHeader != "" && (sh == nil || sh.Code == nil || sh.Text) {
		resp.Header[s.CodeHeader] = []string{w.Code} // the body cannot carry it
	}
	if c != nil && !sent {
		for name, v := range c.WhenHeaders {
			resp.Header[name] = []string{v} // they recognise the code
		}
	}
	if w.Retry != 0 && s.ShouldRetryHeader != "" && (sh == nil || sh.Retryable == nil) {
		resp.Header[s.ShouldRetryHeader] = []string{strconv.FormatBool(w.Retry > 0)}
	}
	if sh == nil || sh.Text {
		ct := "text/plain; charset=utf-8"
		if sh != nil && len(sh.ContentTypes) > 0 {
			ct = sh.ContentTypes[0]
		}
		resp.Header["Content-Type"] = []string{ct}
		resp.Body = []byte(msg)
		return resp, nil
	}
	ct := "application/json"
	if len(sh.ContentTypes) > 0 {
		ct = sh.ContentTypes[0]
	}
	resp.Header["Content-Type"] = []string{ct}
	var doc any = map[string]any{}
	if sh.Array {
		doc = []any{}
	}
	items := sh.Items != nil && w.Items != nil
	if items {
		keep := requiredMembers(sh)
		arr := make([]any, len(w.Items))
		for k, v := range w.Items {
			if v == nil || reflect.ValueOf(v).IsNil() {
				v = reflect.New(sh.ItemType.reflectType()).Interface() // its zero value
			}
			arr[k] = itemTree(v, keep[k])
		}
		doc = put(doc, sh.Items, always(arr)) // what is written later goes inside
	}
	if sh.Errors != nil && w.Errors != nil && !(items && slices.Equal(sh.Errors, sh.Items)) {
		doc = putList(doc, sh.Errors, w.Errors)
	}
	if sh.Message != nil && msg != "" {
		doc = put(doc, sh.Message, always(msg))
	}
	if sh.Detail != nil && w.Detail != "" {
		doc = put(doc, sh.Detail, always(w.Detail))
	}
	if sent && sh.Code != nil {
		var code any = w.Code
		if s.NumericCodes && jsonInteger(w.Code) {
			code = json.Number(w.Code)
		}
		doc = put(doc, sh.Code, func(old any) any {
			if o, ok := leafString(old); ok && s.readsAs(o, w.Code) {
				return old // an item there has the code already, as the API spelled it
			}
			return code
		})
	}
	for _, v := range []struct {
		p    Path
		text string
	}{{sh.RequestID, w.RequestID}, {sh.Family, w.Family}} {
		if v.p != nil && v.text != "" {
			doc = put(doc, v.p, always(v.text))
		}
	}
	if sh.Retryable != nil && w.Retry != 0 {
		doc = put(doc, sh.Retryable, always(w.Retry > 0))
	}
	var fields []FieldValue
	for _, f := range append(append([]FieldValue(nil), w.Common...), w.Fields...) {
		if _, err := json.Marshal(f.Value); f.Present && err == nil {
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
				p := f.Field.Path
				if p == nil {
					p = Path{{Key: f.Field.Name, Index: -1}}
				}
				leaf := fillIn(f.Value)
				if p[len(p)-1].Select {
					leaf = mergeInto(f.Value)
				}
				put(obj, p, leaf)
			}
			return obj
		})
	}
	for _, m := range sh.When {
		doc = put(doc, m.Path, always(m.Value))
	}
	for _, r := range sh.Require {
		doc = fill(doc, r)
	}
	return resp, doc
}

// readsAs reports whether text, sent as a code, reads as code: the same
// after CodeTrim, or the same documented code (CaseInsensitiveCodes).
func (s *Schema) readsAs(text, code string) bool {
	text = s.trim(text)
	if text == code {
		return true
	}
	c := s.Code(text)
	return c != nil && c == s.Code(code)
}

// leafString is the string a value in a document Encode builds holds: a
// string, or the text json.Marshal wrote for one (an item's member).
func leafString(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case json.RawMessage:
		var s string
		err := json.Unmarshal(v, &s)
		return s, err == nil
	}
	return "", false
}

// isString reports whether v, a value in a document Encode builds, is
// the string want.
func isString(v any, want string) bool {
	s, ok := leafString(v)
	return ok && s == want
}

// requiredMembers are the members of items a require path of sh names,
// by element: "[0].line" under items "*" is member "line" of element 0.
func requiredMembers(sh *Shape) map[int]map[string]bool {
	var keep map[int]map[string]bool
	n := len(sh.Items)
	for _, r := range sh.Require {
		if len(r) < n+2 || !slices.Equal(r[:n], sh.Items) {
			continue
		}
		el, m := r[n], r[n+1]
		if el.Index < 0 || el.Each || el.Select || m.Index >= 0 || m.Each || m.Select {
			continue
		}
		if keep == nil {
			keep = map[int]map[string]bool{}
		}
		if keep[el.Index] == nil {
			keep[el.Index] = map[string]bool{}
		}
		keep[el.Index][m.Key] = true
	}
	return keep
}

// itemTree is an item (a *struct of its type's fields, or nil) as a JSON
// object put can write into: the members whose Go value is not zero, as
// typed fields are written, and those keep names (a require path's), each
// as encoding/json writes it (one it cannot write, such as a float64 that
// is not finite, is left out).
func itemTree(v any, keep map[string]bool) map[string]any {
	obj := map[string]any{}
	e := reflect.ValueOf(v)
	for (e.Kind() == reflect.Pointer || e.Kind() == reflect.Interface) && !e.IsNil() {
		e = e.Elem()
	}
	if e.Kind() != reflect.Struct {
		return obj
	}
	for j := 0; j < e.NumField(); j++ {
		name, _, _ := strings.Cut(e.Type().Field(j).Tag.Get("json"), ",")
		if name == "" || name == "-" || e.Field(j).IsZero() && !keep[name] {
			continue
		}
		if raw, err := json.Marshal(e.Field(j).Interface()); err == nil {
			obj[name] = rawTree(raw, treeDepth)
		}
	}
	return obj
}

// treeDepth is how many levels of objects and arrays inside an item's
// member itemTree opens for later writes; deeper values stay as they were
// written. The runtime's jsonTree opens as many.
const treeDepth = 32

// rawTree is a JSON value as put can write into: objects and arrays, to
// depth levels, as maps and slices (the last of duplicate members
// counting), everything else as the text json.Marshal wrote.
func rawTree(raw json.RawMessage, depth int) any {
	if string(raw) == "null" {
		return nil // absent, as the runtime's tree has it: a require path fills it
	}
	if depth == 0 || len(raw) == 0 {
		return raw
	}
	switch raw[0] {
	case '{':
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) != nil {
			return raw
		}
		out := make(map[string]any, len(m))
		for k, v := range m {
			out[k] = rawTree(v, depth-1)
		}
		return out
	case '[':
		var a []json.RawMessage
		if json.Unmarshal(raw, &a) != nil {
			return raw
		}
		out := make([]any, len(a))
		for k, v := range a {
			out[k] = rawTree(v, depth-1)
		}
		return out
	}
	return raw
}

// validNumber reports whether s is a JSON number literal.
func validNumber(s string) bool {
	i := 0
	digits := func() bool {
		j := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i > j
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case !digits():
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	return i == len(s)
}

// jsonInteger reports whether s is a JSON integer literal: a number with
// no fraction or exponent.
func jsonInteger(s string) bool {
	return validNumber(s) && !strings.ContainsAny(s, ".eE")
}

// wireMessage is the message written for a code that is not sent. When
// the body is text (a text shape or no shape), the message is judged as
// it is read back from such a body (readBackText).
func (s *Schema) wireMessage(c *Code, w Wire, text bool) string {
	read := w.Message
	if text {
		read = readBackText(w.Message)
	}
	r := Result{Message: read}
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

// readBackText is the message Decode reads from a text body that is msg,
// as a text shape reads it: markup's title or heading, else the text
// trimmed (or its excerpt). Found by a review: " Internal server error",
// kept as the message of a code recognised by its status, was read back as
// another code's title.
func readBackText(msg string) string {
	body := strings.TrimPrefix(msg, "\ufeff")
	if IsMarkup(body) {
		return MarkupMessage([]byte(body))
	}
	return textMessage([]byte(body))
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
// segments arrays padded with nulls, selectors the first element whose
// member has the value (added when none has), and a value of the wrong
// kind in the way is replaced. A "*" segment stands for element 0.
func put(v any, p Path, leaf func(old any) any) any {
	if len(p) == 0 {
		return leaf(v)
	}
	sg := p[0]
	if sg.Select {
		arr, _ := v.([]any)
		k := 0
		for k < len(arr) {
			if obj, ok := arr[k].(map[string]any); ok && isString(obj[sg.Member], sg.Value) {
				break
			}
			k++
		}
		if k == len(arr) {
			arr = append(arr, map[string]any{sg.Member: sg.Value})
		}
		arr[k] = put(arr[k], p[1:], leaf)
		return arr
	}
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

// mergeInto is a leaf for a field whose path ends at a selector: the
// selected element gets the members of v (an object) it does not have.
func mergeInto(v any) func(any) any {
	return func(old any) any {
		elem, ok := old.(map[string]any)
		raw, _ := json.Marshal(v)
		decoded, _ := DecodeJSON(raw)
		m, isObj := decoded.(map[string]any)
		if !ok || !isObj {
			return old
		}
		for k, x := range m {
			if _, taken := elem[k]; !taken {
				elem[k] = x
			}
		}
		return elem
	}
}

// fill stores "" at p below v when nothing is there, as put does, except
// that a value of another kind in the way is kept (items written whole
// stay whole) and then nothing is stored.
func fill(v any, p Path) any {
	if len(p) == 0 {
		if v == nil {
			return ""
		}
		return v
	}
	sg := p[0]
	if sg.Select || sg.Index >= 0 || sg.Each {
		arr, ok := v.([]any)
		if v != nil && !ok {
			return v
		}
		k := max(sg.Index, 0)
		if sg.Select {
			for k = 0; k < len(arr); k++ {
				if obj, ok := arr[k].(map[string]any); ok && isString(obj[sg.Member], sg.Value) {
					break
				}
			}
			if k == len(arr) {
				arr = append(arr, map[string]any{sg.Member: sg.Value})
			}
		}
		for len(arr) <= k {
			arr = append(arr, nil)
		}
		arr[k] = fill(arr[k], p[1:])
		return arr
	}
	obj, ok := v.(map[string]any)
	if v != nil && !ok {
		return v
	}
	if obj == nil {
		obj = map[string]any{}
	}
	obj[sg.Key] = fill(obj[sg.Key], p[1:])
	return obj
}

// always is a leaf that stores v.
func always(v any) func(any) any { return func(any) any { return v } }

// fillIn is the leaf of a typed field: it stores v where nothing (or
// null) is, and where an object is (one a request id or code was written
// into, say) it adds the members of v, an object, that are not there yet.
func fillIn(v any) func(any) any {
	return func(old any) any {
		if old == nil {
			return v
		}
		return mergeInto(v)(old)
	}
}

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
		if s.AnyWire == nil && sh.Code != nil && !sh.Text {
			s.AnyWire = sh
			if r := s.roundTrip(Wire{Code: Undocumented}); !r.By.Sent() || r.Shape != sh || r.Code != Undocumented {
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

// Undocumented is a code no spec may document (the loader rejects it):
// AnyWire is chosen with it, and generated tests use it as a code the
// spec does not know.
const Undocumented = "errgen_undocumented_code"

// roundTrip encodes w and decodes it.
func (s *Schema) roundTrip(w Wire) Result {
	return s.decodeWritten(s.encodeDoc(s.wireForm(w)))
}

// decodeWritten decodes a response encodeDoc wrote. A JSON object that
// json.Marshal and DecodeJSON give back unchanged (see plainJSON) is read
// as it is, neither marshalled nor unmarshalled: Decode reads the body of
// an object only through its document. Anything else is marshalled and
// decoded as Decode does. The wires are resolved with several round trips
// per code, and decoding their bodies again was a third of the generator's
// allocation for a spec of 10,000 codes. The Result may share the
// document's maps and slices: the round trips only compare it.
func (s *Schema) decodeWritten(resp Response, doc any) Result {
	if _, obj := doc.(map[string]any); obj && plainJSON(doc) {
		return s.decodeDoc(resp.Status, resp.Header, nil, doc, time.Time{})
	}
	if doc != nil {
		resp.Body, _ = json.Marshal(doc) // every value marshals
	}
	return s.Decode(resp.Status, resp.Header, resp.Body, time.Time{})
}

// plainJSON reports whether DecodeJSON(json.Marshal(v)) is v: v is made of
// objects (map[string]any) and arrays ([]any) of strings, valid numbers
// (json.Number), booleans and nulls, nested at most maxPlainDepth deep
// (encoding/json reads no document nested 10,000 deep, which a shape's
// path can ask for), and every string and key is valid UTF-8 (json.Marshal
// replaces invalid bytes).
func plainJSON(v any) bool { return plainJSONAt(v, 0) }

// maxPlainDepth bounds the nesting plainJSON accepts, well below
// encoding/json's limit.
const maxPlainDepth = 1000

func plainJSONAt(v any, depth int) bool {
	if depth > maxPlainDepth {
		return false
	}
	switch v := v.(type) {
	case nil, bool:
		return true
	case string:
		return utf8.ValidString(v)
	case json.Number:
		return validNumber(string(v))
	case map[string]any:
		for k, e := range v {
			if !utf8.ValidString(k) || !plainJSONAt(e, depth+1) {
				return false
			}
		}
		return true
	case []any:
		for _, e := range v {
			if !plainJSONAt(e, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// canSend reports whether a response in sh (nil: plain text) can send a
// code: in the shape's code path, or in the code header.
func (s *Schema) canSend(sh *Shape) bool {
	return s.CodeHeader != "" || sh != nil && sh.Code != nil && !sh.Text
}

// resolveWire chooses c's wire form, and the status it is written with
// when it has none: its first example's, else 200 for a shape that
// applies to 2xx responses, else 500.
func (s *Schema) resolveWire(c *Code, ch WireChoice) string {
	sent := s.AnyWire != nil || s.CodeHeader != ""
	if ch.Example != nil {
		sent = ch.Example.By.Sent()
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
			if sent && !s.canSend(sh) {
				continue
			}
			c.Wire, c.Sent, c.Writable = sh, sent, true
			c.WireStatus = c.Status
			switch {
			case c.Status != 0: // for a code with classes only, the first of the first
			case ch.ExampleStatus != 0:
				c.WireStatus = ch.ExampleStatus
			case sh != nil && sh.Success:
				c.WireStatus = 200
			default:
				c.WireStatus = 500
			}
			r := s.roundTrip(Wire{Status: c.WireStatus, Code: c.Value})
			if r.Known == c && r.Shape == sh && r.By.Sent() == sent && s.readsBackFull(c, sh, sent) {
				if sent {
					s.resolveSentIn(c)
				}
				return ""
			}
		}
	}
	c.Wire, c.Sent, c.Writable, c.WireStatus, c.SentIn, c.SuccessIn = nil, false, false, c.Status, nil, nil
	switch {
	case ch.Shape != nil && !s.canSend(ch.Shape) && len(sents) == 1 && sents[0]:
		return fmt.Sprintf("shape %q has no code path, so code %q cannot be sent in it (set sent = false when the API sends none)", ch.Shape.Name, c.Value)
	case ch.Shape != nil:
		return fmt.Sprintf("a response for code %q written in shape %q does not decode back to it", c.Value, ch.Shape.Name)
	case ch.Sent != nil && *ch.Sent:
		return fmt.Sprintf("no shape can send code %q", c.Value)
	case ch.Sent != nil:
		return fmt.Sprintf("code %q has sent = false, but nothing recognises it in a response without it: give it titles, patterns, when_headers or by_status", c.Value)
	}
	// Found by TestMutatedSpecs: the generated TestWriteErrorEveryCode
	// fails for such a code.
	return fmt.Sprintf("no response WriteError could write for code %q decodes back to it: no shape sends it in a code path (or a code header), and nothing recognises it in a response without it (give it titles, patterns, when_headers or by_status)", c.Value)
}

// readsBackFull reports whether c, written in its wire form sh with a
// message, a request id, two detail messages and its captures, as the
// generated FuzzWriteError's seeds write it, still decodes to c through
// sh. The code alone may read back where they do not: a member they add
// can make an earlier shape apply (TestMutatedSpecs, seed 12: a shape
// listing its detail messages at "message", which an earlier shape
// requires, read as that shape with the message for a code).
func (s *Schema) readsBackFull(c *Code, sh *Shape, sent bool) bool {
	w := Wire{Status: c.WireStatus, Code: c.Value, Message: "Something failed.", RequestID: "req_1", Errors: []string{"a", "b"}}
	for _, p := range c.Patterns {
		for _, n := range p.Names {
			if w.Captures == nil {
				w.Captures = map[string]string{}
			}
			w.Captures[n] = "x"
		}
	}
	r := s.roundTrip(w)
	return r.Known == c && r.Shape == sh && r.By.Sent() == sent
}

// resolveSentIn sets c.SentIn and c.SuccessIn: the shapes, other than its
// wire form, in which a response sending c alone, with c.WireStatus or
// (for a success shape) 200, decodes back to c, sent through that shape.
func (s *Schema) resolveSentIn(c *Code) {
	c.SentIn, c.SuccessIn = nil, nil
	readsBack := func(sh *Shape, status int) bool {
		r := s.decodeWritten(s.encodeDoc(Wire{Status: status, Code: c.Value}, c, sh, true))
		return r.Known == c && r.Shape == sh && r.By.Sent()
	}
	for _, sh := range s.Shapes {
		if sh == c.Wire || !s.canSend(sh) {
			continue
		}
		if readsBack(sh, c.WireStatus) {
			c.SentIn = append(c.SentIn, sh)
		}
		if sh.Success && readsBack(sh, 200) {
			c.SuccessIn = append(c.SuccessIn, sh)
		}
	}
}

// WireOf is the Wire of a response decoded to r with status: what a
// generated package's WriteError gives Encode for the Error Parse made of
// it. WriteError leaves out the typed fields that are zero, but for a
// retry-delay field the body had.
func WireOf(status int, r Result) Wire {
	w := Wire{Status: status, Code: r.Code, Message: r.Message, Detail: r.Detail, RequestID: r.RequestID, Family: r.Family,
		Errors: r.Errors, Items: r.Items, Inferred: !r.By.Sent(), Retry: r.RetrySaid, Shape: r.Shape}
	if r.Pattern != nil {
		w.Captures = map[string]string{}
		for k, n := range r.Pattern.Names {
			w.Captures[n] = r.Captures[k]
		}
	}
	for _, fs := range []struct {
		in  []FieldValue
		out *[]FieldValue
	}{{r.Common, &w.Common}, {r.Fields, &w.Fields}} {
		*fs.out = slices.Clone(fs.in)
		for k, f := range *fs.out {
			if f.Present && reflect.ValueOf(f.Value).IsZero() && !(f.Field.RetryAfter && r.HasRetryAfter) {
				(*fs.out)[k].Present = false
			}
		}
	}
	return w
}

// Rewrite writes r, decoded from a response with status and header, back
// as WriteError writes it (adding the response's headers that the written
// one lacks, as WriteError copies an Error's headers), and decodes what it
// wrote, measuring delays from now: the round trip every generated package
// tests on its documented examples (TestWriteErrorDocumented).
func (s *Schema) Rewrite(status int, header http.Header, r Result, now time.Time) (Response, Result) {
	resp := s.Encode(WireOf(status, r))
	for k, v := range header {
		if resp.Header.Get(k) == "" {
			resp.Header[k] = v
		}
	}
	return resp, s.Decode(resp.Status, resp.Header, resp.Body, now)
}

// Lost names what differs between the reading a of a response and the
// reading b of what WriteError wrote for it, comparing what
// TestWriteErrorDocumented compares: "" when nothing does, else a phrase
// such as `the request id "req-1" reads back as ""`. Typed fields compare
// by value (an absent field reads as its zero value, as it does in a
// generated Error).
func Lost(a, b Result) string {
	if !b.Error {
		return "what is written does not decode as an error (a 2xx status outside the success shapes)"
	}
	// Fact by fact, in this order, without boxing the ones that agree: the
	// loader calls Lost for every documented example.
	switch {
	case a.Code != b.Code:
		return lostFact("the code", a.Code, b.Code)
	case a.By.Sent() != b.By.Sent():
		return lostFact("whether the code is sent", a.By.Sent(), b.By.Sent())
	case a.Message != b.Message:
		return lostFact("the message", a.Message, b.Message)
	case a.Detail != b.Detail:
		return lostFact("the detail", a.Detail, b.Detail)
	case a.Family != b.Family:
		return lostFact("the family", a.Family, b.Family)
	case a.RequestID != b.RequestID:
		return lostFact("the request id", a.RequestID, b.RequestID)
	case !slices.Equal(a.Errors, b.Errors): // an empty list and none are equal
		return lostFact("the detail messages", a.Errors, b.Errors)
	case !slices.Equal(a.Captures, b.Captures):
		return lostFact("the captures", a.Captures, b.Captures)
	case len(a.Items)+len(b.Items) > 0 && !reflect.DeepEqual(a.Items, b.Items):
		return lostFact("the items", a.Items, b.Items)
	case a.Retryable != b.Retryable:
		return lostFact("whether to retry", a.Retryable, b.Retryable)
	case a.RetryAfter != b.RetryAfter:
		return lostFact("the retry delay", a.RetryAfter, b.RetryAfter)
	case a.HasRetryAfter != b.HasRetryAfter:
		return lostFact("whether there is a retry delay", a.HasRetryAfter, b.HasRetryAfter)
	}
	for _, fs := range [][2][]FieldValue{{a.Common, b.Common}, {a.Fields, b.Fields}} {
		for k := range fs[0] {
			if k < len(fs[1]) && !same(fs[0][k].Value, fs[1][k].Value) {
				return lostFact("field "+strconv.Quote(fs[0][k].Field.Name), fs[0][k].Value, fs[1][k].Value)
			}
		}
	}
	return ""
}

// lostFact is Lost's phrase for a fact that reads back as another value.
func lostFact(name string, a, b any) string {
	return fmt.Sprintf("%s %s reads back as %s", name, shown(a), shown(b))
}

// same reports whether two typed field values Lost compares are equal; an
// empty list and none are.
func same(a, b any) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if va.IsValid() && vb.IsValid() && va.Kind() == reflect.Slice && vb.Kind() == reflect.Slice && va.Len() == 0 && vb.Len() == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

// shown writes a fact for Lost: strings and lists of them quoted, other
// values as fmt's %v writes them.
func shown(v any) string {
	switch v := v.(type) {
	case string, []string:
		return fmt.Sprintf("%q", v)
	case nil:
		return "none"
	case []any: // items: as JSON
		raw, err := json.Marshal(v)
		if err == nil {
			return string(raw)
		}
	}
	return fmt.Sprintf("%v", v)
}
