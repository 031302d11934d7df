package spec

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/errgen/errgen/internal/decode"
)

// compile builds the decoding schema of a file (of its valid parts: a
// path, pattern or type that does not parse is left out): the core's
// parsers read every path and pattern, once; decodes every example with
// it, once, into f.results; and chooses every code's wire form, returning
// for each code why the one its keys ask for cannot be written ("" when it
// can).
func (f *File) compile() (*decode.Schema, []string) {
	s := &decode.Schema{
		RetryableStatuses: retryableStatuses(f.API.RetryableStatuses),
	}
	if len(s.RetryableStatuses) == 0 {
		s.RetryableStatuses = decode.DefaultRetryableStatuses
	}
	canon := func(h string) string {
		if h == "" {
			return ""
		}
		return http.CanonicalHeaderKey(h)
	}
	s.RequestIDHeader = canon(f.Headers.RequestID)
	s.RetryAfterHeader = canon(f.Headers.RetryAfter)
	s.CodeHeader = canon(f.Headers.Code)
	s.ShouldRetryHeader = canon(f.Headers.ShouldRetry)
	for _, d := range f.Headers.Delay {
		dh := &decode.DelayHeader{Name: canon(d.Name), Unit: decode.Unit(d.Unit)}
		for name, v := range d.When {
			if dh.When == nil {
				dh.When = map[string]string{}
			}
			dh.When[canon(name)] = v
		}
		s.DelayHeaders = append(s.DelayHeaders, dh)
	}
	for _, t := range f.API.CodeTrim {
		s.CodeTrim = append(s.CodeTrim, decode.Trim(t))
	}
	s.CaseInsensitiveCodes = f.API.CaseInsensitiveCodes
	// Named types first, so that fields can refer to them in any order.
	types := map[string]*decode.Type{}
	for _, t := range f.Types {
		dt := &decode.Type{Name: t.Name}
		types[t.Name] = dt
		s.Types = append(s.Types, dt)
	}
	for name := range cyclicTypes(f.Types) {
		delete(types, name) // the checker reports it; no field or item may have it
	}
	for i, t := range f.Types {
		s.Types[i].Fields = compileFields(t.Fields, types)
	}
	s.Fields = compileFields(f.Fields, types)
	for _, sh := range f.Shapes {
		d := &decode.Shape{
			Name: sh.Name, Summary: sh.Summary,
			Code: path(sh.Code), Message: path(sh.Message), RequestID: path(sh.RequestID),
			Fields: path(sh.Fields), Errors: path(sh.Errors), Detail: path(sh.Detail),
			Family: path(sh.Family), Retryable: path(sh.Retryable), Items: path(sh.Items),
			ItemType: types[sh.ItemType], Success: sh.Success, ContentTypes: sh.ContentType,
			Text: sh.Format == "text", Array: sh.Array,
		}
		for _, p := range sh.SpecificCodes {
			if p := path(p); p != nil {
				d.SpecificCodes = append(d.SpecificCodes, p)
			}
		}
		if d.ItemType == nil {
			d.Items = nil
		} else if len(d.Items) > 0 && d.Items[len(d.Items)-1].Each {
			d.Items = d.Items[:len(d.Items)-1] // "errors.*" is "errors", and "*" the top-level array
		}
		for _, r := range sh.Require {
			if p := path(r); p != nil {
				d.Require = append(d.Require, p)
			}
		}
		for _, k := range sortedKeys(sh.When) {
			v := sh.When[k]
			if n, ok := v.(int64); ok {
				v = float64(n) // numbers compare as numbers
			}
			if p := path(k); p != nil {
				d.When = append(d.When, decode.Match{Path: p, Value: v})
			}
		}
		s.Shapes = append(s.Shapes, d)
	}
	for _, e := range f.Errors {
		s.NumericCodes = s.NumericCodes || e.Numeric
		c := &decode.Code{Value: string(e.Code), Statuses: e.allStatuses(), Named: e.named(), Classes: e.classes(),
			Titles: e.Titles, ByStatus: e.ByStatus, Family: e.Family}
		if d := e.RetryAfterDefault; d != nil && *d > 0 && *d <= decode.MaxRetryAfter.Seconds() {
			c.DefaultDelay = decode.SecondsDelay(*d)
		}
		for name, v := range e.WhenHeaders {
			if c.WhenHeaders == nil {
				c.WhenHeaders = map[string]string{}
			}
			c.WhenHeaders[canon(name)] = v
		}
		if len(c.Statuses) > 0 {
			c.Status = c.Statuses[0]
		}
		switch {
		case e.Retryable != nil:
			c.Retryable, c.RetryDocumented = *e.Retryable, true
		case c.Named == 0 && c.Status != 0:
			// Only classes ("5xx"): a response is retried as its status
			// says (RetryByStatus); Code.Retryable says what that gives for
			// the first status of the first class.
			c.Retryable = slices.Contains(s.RetryableStatuses, c.Status)
		default:
			c.Retryable = c.Status != 0 && decode.DefaultRetryable(c.Status)
		}
		for _, text := range e.Patterns {
			if p, err := decode.ParsePattern(text); err == nil {
				c.Patterns = append(c.Patterns, p)
			}
		}
		c.Fields = compileFields(e.Fields, types)
		for _, fl := range c.Fields {
			if fl.RetryAfter {
				c.RetryAfter = fl
			}
		}
		s.Codes = append(s.Codes, c)
	}
	s.IndexCodes() // before the examples are decoded, each looking up its code
	// Every example is decoded here, once: the wire forms below, the
	// checker and the model read f.results (ExampleResult).
	f.results = make([][]decode.Result, len(f.Errors))
	for i, e := range f.Errors {
		f.results[i] = make([]decode.Result, len(e.Examples))
		for j, ex := range e.Examples {
			status, header := e.Response(ex)
			f.results[i][j] = s.Decode(status, header, []byte(ex.Body), ExampleTime)
		}
	}
	choices := make([]decode.WireChoice, len(f.Errors))
	for i, e := range f.Errors {
		ch := &choices[i]
		ch.Sent = e.Sent
		for k, sh := range f.Shapes {
			if e.Shape != "" && sh.Name == e.Shape {
				ch.Shape = s.Shapes[k]
			}
		}
		if len(e.Examples) > 0 {
			r := f.results[i][0] // a copy: ResolveWires holds a pointer
			ch.Example = &r
			ch.ExampleStatus, _ = e.Response(e.Examples[0])
		}
	}
	return s, s.ResolveWires(choices)
}

// path parses a path the checker validated; an invalid or empty one is
// nil.
func path(p string) decode.Path {
	if p == "" {
		return nil
	}
	parsed, _ := decode.ParsePath(p)
	return parsed
}

// compileFields compiles typed fields; a field of an unknown type is left
// out (the checker reports it).
func compileFields(fields []Field, types map[string]*decode.Type) []*decode.Field {
	var out []*decode.Field
	for _, fd := range fields {
		k := fieldKind(fd, types)
		if k == nil {
			continue
		}
		fl := &decode.Field{Name: fd.Name, Path: path(fd.Path), Kind: k, RetryAfter: fd.RetryAfter, Unit: decode.Unit(fd.Unit)}
		if fl.RetryAfter && fl.Unit == "" {
			fl.Unit = decode.Seconds
		}
		out = append(out, fl)
	}
	return out
}

// fieldKind resolves a field's type to a kind, or nil.
func fieldKind(fd Field, types map[string]*decode.Type) *decode.Kind {
	k := decode.KindNamed(string(fd.Type))
	switch {
	case k != nil && fd.Optional && k.Scalar():
		return decode.OptionalKind(k)
	case k != nil:
		return k
	}
	name, list := strings.CutPrefix(string(fd.Type), "[]")
	t := types[name]
	switch {
	case t == nil:
		return nil
	case list:
		return decode.ListKind(t)
	}
	return decode.ObjectKind(t)
}

// ExampleTime is the clock examples are decoded with: a Retry-After
// HTTP-date in an example is measured from it.
var ExampleTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// examples checks every documented example with the decoding core: valid
// JSON, decoding to its own code, typed fields of their kinds, and written
// back by WriteError (the code's wire form) as the same reading.
func (c *checker) examples() {
	for i, e := range c.f.Errors {
		for j, ex := range e.Examples {
			key := fmt.Sprintf("errors.%d.examples.%d.body", i, j)
			if !c.typed[key] {
				continue
			}
			if !json.Valid([]byte(ex.Body)) {
				c.jsonError(key, ex.Body)
				continue
			}
			d := c.f.ExampleResult(i, j)
			bad := false // the example has an error reported below
			switch d.Code {
			case string(e.Code):
				if e.Sent != nil && !*e.Sent && d.By == decode.Body {
					c.errorf(key, "example body sends code %q, which has sent = false", e.Code)
					bad = true
				}
			case "":
				c.errorf(key, "example body decodes to no code, want %q", e.Code)
				continue
			default:
				c.errorf(key, "example body decodes to code %q, want %q", d.Code, e.Code)
				continue
			}
			// A typed field's raw value is looked up only when some field
			// did not decode, or does not fit: decoding the body again for
			// every example with fields was 1% of the allocation at
			// 10,000 codes.
			if d.Shape != nil && (slices.ContainsFunc(d.Common, misfit) || slices.ContainsFunc(d.Fields, misfit)) {
				bad = c.exampleFields(key, d, ex.Body) || bad
			}
			// The generated TestWriteErrorDocumented writes the example
			// back with WriteError and wants the same reading.
			s := c.f.Schema
			if bad || i >= len(s.Codes) || !s.Codes[i].Writable {
				continue // reported above, or by c.wires
			}
			status, header := e.Response(ex)
			resp, back := s.Rewrite(status, header, d, ExampleTime)
			if lost := decode.Lost(d, back); lost != "" {
				in, hint := "as plain text", "name a shape that carries it (shape = \"...\" on the code), or leave the example out"
				if code := s.Codes[i]; d.By != decode.Body && back.Error && back.Known == d.Known && back.Message != d.Message && (len(code.Titles) > 0 || len(code.Patterns) > 0) {
					// Found by a spec-authoring trial: the shape was not the trouble.
					hint = "WriteError writes a code it does not send with a message that recognises it: the error's own when it does, else the code's first title or pattern; give the code a pattern the example's message matches, or leave the example out"
				} else if sh := resp.Shape; sh != nil && sh.Items != nil && len(d.Items) > 0 {
					hint = fmt.Sprintf("the shape writes its items (at %s) with the members its item_type declares, and what it reads inside them comes back only from those; declare the others, or %s", sh.ItemsAt(), hint)
				}
				if sh := resp.Shape; sh != nil {
					in = fmt.Sprintf("in shape %q", sh.Name)
				}
				form := "the code's wire form"
				if resp.Shape != s.Codes[i].Wire {
					form = "the shape the example was read in"
				}
				c.errorf(key, "WriteError cannot write this example back unchanged: written %s (%s), %s; %s", in, form, lost, hint)
			}
		}
	}
}

// jsonError reports that body, the string at key, is not valid JSON: at
// the offending byte when the file holds the body as it is (a literal
// string, as bodies usually are), else at the key, saying where in the
// body.
func (c *checker) jsonError(key, body string) {
	var v any
	err := json.Unmarshal([]byte(body), &v) // for its message and offset
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		c.errorf(key, "example body is not valid JSON: %v", err)
		return
	}
	i := int(se.Offset) - 1 // the byte json complains of ("invalid character ...")
	if int(se.Offset) >= len(body) && strings.HasPrefix(se.Error(), "unexpected end") {
		i = len(body)
	}
	i = max(i, 0)
	// encoding/json/v2 counts the offset one byte shorter: find the
	// character its message names.
	if c, ok := strings.CutPrefix(se.Error(), "invalid character '"); ok && len(c) > 1 && c[1] == '\'' &&
		i < len(body) && body[i] != c[0] && i+1 < len(body) && body[i+1] == c[0] {
		i++
	}
	if p, ok := c.f.stringPos(key, i); ok {
		c.errorAt(p, "example body is not valid JSON: %v", err)
		return
	}
	in := offsetPos(body, i)
	c.errorf(key, "example body is not valid JSON at line %d, column %d of the body: %v", in.Line, in.Col, err)
}

// misfit reports whether a typed field of an example did not decode, or
// does not fit its Go type.
func misfit(fv decode.FieldValue) bool { return !fv.Present || !fv.Field.Kind.Fits(fv.Value) }

// exampleFields reports the typed fields of the example at key, read as d,
// whose raw values in body are not of their kinds or do not fit; it
// returns whether it reported any.
func (c *checker) exampleFields(key string, d decode.Result, body string) bool {
	doc, _ := decode.DecodeJSON([]byte(body))
	fields, _ := d.Shape.Fields.Lookup(doc).(map[string]any)
	bad := false
	for _, fv := range slices.Concat(d.Common, d.Fields) {
		var raw any
		at := fv.Field.Path
		if at != nil {
			raw = at.Lookup(fields)
		} else {
			raw = fields[fv.Field.Name]
			at = decode.Path{{Key: fv.Field.Name, Index: -1}}
		}
		at = slices.Concat(d.Shape.Fields, at) // from the body's top
		switch {
		case raw == nil:
		case !fv.Present:
			c.errorInBody(key, body, at, "example field %q %s, want %s", fv.Field.Name, describe(fv.Field.Kind, raw), fv.Field.Kind)
			bad = true
		case !fv.Field.Kind.Fits(fv.Value):
			c.errorInBody(key, body, at, "example field %q does not fit a Go int on 32-bit platforms; declare it %s", fv.Field.Name, "int64")
			bad = true
		}
	}
	return bad
}

// errorInBody reports a problem with the value at path p of body, the
// example body at key: at that value in the file when the file holds the
// body as it is (see File.stringPos), else at the key.
func (c *checker) errorInBody(key, body string, p decode.Path, format string, args ...any) {
	if off, ok := p.Offset([]byte(body)); ok {
		if pos, ok := c.f.stringPos(key, off); ok {
			c.errorAt(pos, format, args...)
			return
		}
	}
	c.errorf(key, format, args...)
}

// wires reports the codes whose shape or sent key asks for a wire form
// that cannot be written (problems from compile), and examples that send
// a code marked sent = false.
func (c *checker) wires(problems []string) {
	seen := map[string]bool{}
	for i, msg := range problems {
		key := fmt.Sprintf("errors.%d", i)
		code := string(c.f.Errors[i].Code)
		if c.f.API.CaseInsensitiveCodes {
			code = decode.LowerASCII(code) // as the duplicate check folds
		}
		dup := seen[code] // reported as a duplicate: its wire form is the first's
		seen[code] = true
		if msg == "" || !c.typed[key] || dup {
			continue
		}
		switch {
		case c.typed[key+".shape"]:
			c.errorf(key+".shape", "%s", msg)
		case c.typed[key+".sent"]:
			c.errorf(key+".sent", "%s", msg)
		default:
			c.errorf(key, "%s", msg)
		}
	}
}

// describe says how a JSON value fails to have kind k: "is a string", "has
// a string at index 2".
func describe(k *decode.Kind, v any) string {
	_, isObj := v.(map[string]any)
	_, isArr := v.([]any)
	switch {
	case k.Type != nil && !k.List && isObj:
		return "has a member of the wrong type"
	case k.Type != nil && k.List && isArr:
		return "has an element that does not decode as " + k.Type.Name
	}
	if arr, ok := v.([]any); ok && strings.HasPrefix(k.Name, "[]") {
		if elem := decode.KindNamed(strings.TrimPrefix(k.Name, "[]")); elem != nil {
			for i, x := range arr {
				raw, _ := json.Marshal(x)
				if _, ok := elem.Decode(raw); !ok && x != nil {
					return fmt.Sprintf("has %s at index %d", jsonType(x), i)
				}
			}
		}
	}
	return "is " + jsonType(v)
}

// jsonType describes a JSON value decoded with UseNumber.
func jsonType(v any) string {
	switch v := v.(type) {
	case string:
		return "a string"
	case json.Number:
		if _, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return "an integer"
		}
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "null"
}

// retryableStatuses returns the statuses rs stand for, ascending, each once.
func retryableStatuses(rs []StatusTerm) []int {
	var out []int
	for _, r := range rs {
		out = append(out, r.Statuses()...)
	}
	return slices.Compact(slices.Sorted(slices.Values(out)))
}
