package spec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Decoded is what a response means under a spec.
type Decoded struct {
	Shape     string            // name of the shape that supplied the data; "" when none applied
	Code      string            // "" when none
	By        string            // "body", "title", "pattern", "status", or "" when no code
	Message   string            // the shape's message; "" when absent
	RequestID string            // from the body only ("" when absent)
	Errors    []string          // nil when none
	Captures  map[string]string // placeholder -> captured text; nil when none
	Fields    map[string]any    // the fields object as decoded by encoding/json with UseNumber; nil when absent
}

// Decode interprets a response's status and body as the spec's "How a body
// is decoded" section says, which is what the generated Parse does.
func (f *File) Decode(status int, body []byte) Decoded {
	var d Decoded
	var doc map[string]any
	if json.Valid(body) {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) == nil {
			doc, _ = v.(map[string]any)
		}
	}

	var shape *Shape
	if doc != nil {
		for i := range f.Shapes {
			sh := &f.Shapes[i]
			if !sh.applies(doc) {
				continue
			}
			if shape == nil {
				shape = sh
			}
			if code, _ := lookup(doc, sh.Code).(string); sh.Code != "" && code != "" {
				shape, d.Code, d.By = sh, code, "body"
				break
			}
		}
	}
	if shape != nil {
		d.Shape = shape.Name
		d.Message, _ = lookup(doc, shape.Message).(string)
		if shape.RequestID != "" {
			d.RequestID, _ = lookup(doc, shape.RequestID).(string)
		}
		if shape.Errors != "" {
			d.Errors = lookupStrings(doc, shape.Errors)
		}
		d.Fields, _ = lookup(doc, shape.Fields).(map[string]any)
	}
	if d.Code == "" {
		d.Code, d.By, d.Captures = f.recognise(status, d.Message)
	}
	return d
}

// applies reports whether every required path is present and not null.
func (sh *Shape) applies(doc map[string]any) bool {
	for _, p := range sh.Require {
		if lookup(doc, p) == nil {
			return false
		}
	}
	return true
}

// recognise finds the code of a message without one: exact titles first,
// then patterns in spec order, then the by_status code for the status.
func (f *File) recognise(status int, message string) (code, by string, captures map[string]string) {
	for _, e := range f.Errors {
		for _, t := range e.Titles {
			if message == t {
				return e.Code, "title", nil
			}
		}
	}
	for _, e := range f.Errors {
		for _, p := range e.Patterns {
			if caps, ok := MatchPattern(p, message); ok {
				return e.Code, "pattern", caps
			}
		}
	}
	for _, e := range f.Errors {
		if e.ByStatus && e.Status == status {
			return e.Code, "status", nil
		}
	}
	return "", "", nil
}

// lookup returns the value at a dot-separated path in a decoded JSON
// document, or nil when there is none. The empty path is the document
// itself. A segment of digits indexes an array.
func lookup(v any, path string) any {
	if path == "" {
		return v
	}
	for _, seg := range strings.Split(path, ".") {
		v = child(v, seg)
	}
	return v
}

func child(v any, seg string) any {
	switch v := v.(type) {
	case map[string]any:
		return v[seg]
	case []any:
		if i, err := strconv.Atoi(seg); err == nil && isIndex(seg) && i < len(v) {
			return v[i]
		}
	}
	return nil
}

// isIndex reports whether a path segment is an array index: a decimal
// number without sign or leading zeros, of at most nine digits (the
// generated code reads the same).
func isIndex(seg string) bool {
	if seg == "" || len(seg) > 9 || len(seg) > 1 && seg[0] == '0' {
		return false
	}
	for _, c := range []byte(seg) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// lookupStrings returns the detail strings an errors path names: a "*"
// segment stands for every element of the array at that point, and a path
// ending at an array stands for its elements. Values that are not strings
// are skipped; the result is nil when there are none.
func lookupStrings(doc any, path string) []string {
	vals := []any{doc}
	for _, seg := range strings.Split(path, ".") {
		var next []any
		for _, v := range vals {
			if seg != "*" {
				if c := child(v, seg); c != nil {
					next = append(next, c)
				}
			} else if arr, ok := v.([]any); ok {
				next = append(next, arr...)
			}
		}
		vals = next
	}
	var out []string
	for _, v := range vals {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, elem := range v {
				if s, ok := elem.(string); ok {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// part is a piece of a parsed pattern: literal text or a placeholder name.
type part struct {
	text        string
	placeholder bool
}

// parsePattern splits a pattern into literal text and placeholders.
func parsePattern(pattern string) ([]part, error) {
	var parts []part
	seen := make(map[string]bool)
	rest := pattern
	for rest != "" {
		open, close := strings.IndexByte(rest, '{'), strings.IndexByte(rest, '}')
		switch {
		case close >= 0 && (open < 0 || close < open):
			return nil, fmt.Errorf("pattern %q has a '}' without a '{'", pattern)
		case open < 0:
			parts = append(parts, part{text: rest})
			rest = ""
			continue
		case close < 0:
			return nil, fmt.Errorf("pattern %q has a '{' without a '}'", pattern)
		}
		name := rest[open+1 : close]
		if strings.IndexByte(name, '{') >= 0 {
			return nil, fmt.Errorf("pattern %q has a '{' without a '}'", pattern)
		}
		if name == "" {
			return nil, fmt.Errorf("pattern %q has an empty placeholder {}", pattern)
		}
		if open > 0 {
			parts = append(parts, part{text: rest[:open]})
		}
		if n := len(parts); n > 0 && parts[n-1].placeholder {
			return nil, fmt.Errorf("pattern %q has placeholders {%s} and {%s} next to each other (want literal text between them)",
				pattern, parts[n-1].text, name)
		}
		if seen[name] {
			return nil, fmt.Errorf("pattern %q has placeholder {%s} twice", pattern, name)
		}
		seen[name] = true
		parts = append(parts, part{text: name, placeholder: true})
		rest = rest[close+1:]
	}
	return parts, nil
}

// MatchPattern matches s against a pattern with {placeholder}s and returns
// the captured text of each placeholder. A placeholder matches at least one
// character and takes the shortest text that lets the next literal part
// match; the last literal part must end s; a trailing placeholder takes the
// rest. The map is nil when the pattern has no placeholders; an invalid
// pattern matches nothing.
func MatchPattern(pattern, s string) (map[string]string, bool) {
	parts, err := parsePattern(pattern)
	if err != nil {
		return nil, false
	}
	var caps map[string]string
	for i, p := range parts {
		if !p.placeholder {
			if !strings.HasPrefix(s, p.text) {
				return nil, false
			}
			s = s[len(p.text):]
			continue
		}
		if s == "" {
			return nil, false
		}
		end := len(s) // a trailing placeholder takes the rest
		if i+1 < len(parts) {
			lit := parts[i+1].text
			if i+2 == len(parts) { // the last literal must end s
				end = len(s) - len(lit)
				if end < 1 || !strings.HasSuffix(s, lit) {
					return nil, false
				}
			} else if j := strings.Index(s[1:], lit); j >= 0 {
				end = j + 1
			} else {
				return nil, false
			}
		}
		if caps == nil {
			caps = make(map[string]string)
		}
		caps[p.text] = s[:end]
		s = s[end:]
	}
	if s != "" {
		return nil, false
	}
	return caps, true
}
