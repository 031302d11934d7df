package spec

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/errgen/errgen/internal/decode"
)

// locate sets the Pos of every entity from the positions of its keys.
func (f *File) locate() {
	for i := range f.Headers.Info {
		f.Headers.Info[i].Pos = f.Pos(fmt.Sprintf("headers.info.%d.name", i))
	}
	for i := range f.Shapes {
		f.Shapes[i].Pos = f.Pos(fmt.Sprintf("shapes.%d.name", i))
	}
	for i := range f.Errors {
		e := &f.Errors[i]
		key := fmt.Sprintf("errors.%d", i)
		e.Pos = f.Pos(key + ".code")
		e.PatternPos = make([]Pos, len(e.Patterns))
		for j := range e.Patterns {
			e.PatternPos[j] = f.Pos(fmt.Sprintf("%s.patterns.%d", key, j))
		}
		for j := range e.Fields {
			e.Fields[j].Pos = f.Pos(fmt.Sprintf("%s.fields.%d.name", key, j))
		}
		for j := range e.Examples {
			e.Examples[j].Pos = f.Pos(fmt.Sprintf("%s.examples.%d.body", key, j))
		}
	}
}

// compile builds the decoding schema of a validated file: the core's
// parsers read every path and pattern, once; and chooses every code's wire
// form, returning for each code why the one its keys ask for cannot be
// written ("" when it can).
func (f *File) compile() (*decode.Schema, []string) {
	s := &decode.Schema{
		RetryableStatuses: slices.Compact(slices.Sorted(slices.Values(f.API.RetryableStatuses))),
	}
	if len(s.RetryableStatuses) == 0 {
		s.RetryableStatuses = decode.DefaultRetryableStatuses
	}
	if h := f.Headers.RequestID; h != "" {
		s.RequestIDHeader = http.CanonicalHeaderKey(h)
	}
	if h := f.Headers.RetryAfter; h != "" {
		s.RetryAfterHeader = http.CanonicalHeaderKey(h)
	}
	path := func(p string) decode.Path {
		if p == "" {
			return nil
		}
		parsed, _ := decode.ParsePath(p) // validated
		return parsed
	}
	for _, sh := range f.Shapes {
		d := &decode.Shape{
			Name: sh.Name, Summary: sh.Summary,
			Code: path(sh.Code), Message: path(sh.Message), RequestID: path(sh.RequestID),
			Fields: path(sh.Fields), Errors: path(sh.Errors),
		}
		for _, r := range sh.Require {
			d.Require = append(d.Require, path(r))
		}
		s.Shapes = append(s.Shapes, d)
	}
	for _, e := range f.Errors {
		c := &decode.Code{Value: e.Code, Status: e.Status, Titles: e.Titles, ByStatus: e.ByStatus}
		if e.Retryable != nil {
			c.Retryable, c.RetryDocumented = *e.Retryable, true
		} else {
			c.Retryable = decode.DefaultRetryable(e.Status)
		}
		for _, text := range e.Patterns {
			if p, err := decode.ParsePattern(text); err == nil {
				c.Patterns = append(c.Patterns, p)
			}
		}
		for _, fd := range e.Fields {
			if fd.Type.Kind() == nil {
				continue // reported by validate
			}
			fl := &decode.Field{Name: fd.Name, Kind: fd.Type.Kind(), RetryAfter: fd.RetryAfter}
			if fl.RetryAfter {
				c.RetryAfter = fl
			}
			c.Fields = append(c.Fields, fl)
		}
		s.Codes = append(s.Codes, c)
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
			ex := e.Examples[0]
			status := e.Status
			if ex.Status != 0 {
				status = ex.Status
			}
			header := http.Header{}
			for k, v := range ex.Headers {
				header.Set(k, v)
			}
			r := s.Decode(status, header, []byte(ex.Body), ExampleTime)
			ch.Example = &r
		}
	}
	return s, s.ResolveWires(choices)
}

// ExampleTime is the clock examples are decoded with: a Retry-After
// HTTP-date in an example is measured from it.
var ExampleTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// examples checks every documented example with the decoding core: valid
// JSON, decoding to its own code, typed fields of their kinds.
func (c *checker) examples() {
	for i, e := range c.f.Errors {
		for j, ex := range e.Examples {
			key := fmt.Sprintf("errors.%d.examples.%d.body", i, j)
			if !c.typed[key] {
				continue
			}
			status := e.Status
			if ex.Status != 0 {
				status = ex.Status
			}
			var v any
			if err := json.Unmarshal([]byte(ex.Body), &v); err != nil {
				c.errorf(key, "example body is not valid JSON: %v", err)
				continue
			}
			header := http.Header{}
			for k, v := range ex.Headers {
				header.Set(k, v)
			}
			d := c.f.Schema.Decode(status, header, []byte(ex.Body), ExampleTime)
			switch d.Code {
			case e.Code:
				if e.Sent != nil && !*e.Sent && d.By == decode.Body {
					c.errorf(key, "example body sends code %q, which has sent = false", e.Code)
				}
			case "":
				c.errorf(key, "example body decodes to no code, want %q", e.Code)
				continue
			default:
				c.errorf(key, "example body decodes to code %q, want %q", d.Code, e.Code)
				continue
			}
			var fields map[string]any
			if d.Shape != nil {
				fields, _ = d.Shape.Fields.Lookup(decodeNumbers(ex.Body)).(map[string]any)
			}
			for _, fv := range d.Fields {
				raw, ok := fields[fv.Field.Name]
				switch {
				case !ok || raw == nil:
				case !fv.Present:
					c.errorf(key, "example field %q %s, want %s", fv.Field.Name, describe(fv.Field.Kind, raw), fv.Field.Kind)
				case !fv.Field.Kind.Fits(fv.Value):
					c.errorf(key, "example field %q does not fit a Go int on 32-bit platforms; declare it %s", fv.Field.Name, "int64")
				}
			}
		}
	}
}

// wires reports the codes whose shape or sent key asks for a wire form
// that cannot be written (problems from compile), and examples that send
// a code marked sent = false.
func (c *checker) wires(problems []string) {
	for i, msg := range problems {
		key := fmt.Sprintf("errors.%d", i)
		if msg == "" || !c.typed[key] {
			continue
		}
		if c.typed[key+".shape"] {
			c.errorf(key+".shape", "%s", msg)
		} else {
			c.errorf(key+".sent", "%s", msg)
		}
	}
}

// decodeNumbers decodes a JSON text with numbers as json.Number.
func decodeNumbers(s string) any {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	_ = dec.Decode(&v)
	return v
}

// describe says how a JSON value fails to have kind k: "is a string", "has
// a string at index 2".
func describe(k *decode.Kind, v any) string {
	if arr, ok := v.([]any); ok && strings.HasPrefix(k.Name, "[]") {
		elem := decode.KindNamed(strings.TrimPrefix(k.Name, "[]"))
		for i, x := range arr {
			if _, ok := elem.Read(x); !ok && x != nil {
				return fmt.Sprintf("has %s at index %d", jsonType(x), i)
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
