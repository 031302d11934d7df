package decode

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// A Path locates a value in a JSON document: a list of segments read from
// the top-level object down. The spec writes it dot-separated, with
// brackets for array elements: "error.code", "detail.0.msg",
// "errors[0].code", "detail.*.msg",
// "details[@type=type.googleapis.com/google.rpc.ErrorInfo].reason".
type Path []Seg

// Seg is one segment of a path.
type Seg struct {
	// Key is the segment's member name. On an object it is matched
	// exactly (case-sensitive, after decoding escapes).
	Key string
	// Index is the array index the segment also stands for: a decimal
	// without sign or leading zeros, of at most 9 digits ("0", "12"), so
	// that the segment selects that element of an array. It is -1 for any
	// other segment ("00", "-1", "code"), which on an array selects nothing.
	Index int
	// Each marks "*": every element of an array. Only errors paths use it.
	Each bool
	// Select marks a selector, "[member=value]": the first element of an
	// array that is an object whose Member is the string Value.
	Select        bool
	Member, Value string
}

// ParsePath parses a path: a member name, "[N]" or "[member=value]" (the
// last two for a body that is an array), then any number of ".name", "[N]"
// and "[member=value]". It rejects the empty path, empty segments and
// malformed brackets; where "*", indexes and selectors may appear is the
// loader's rule (see Path.Each, Path.Indexed and Path.Selects).
func ParsePath(s string) (Path, error) {
	if s == "" {
		return nil, fmt.Errorf("empty path")
	}
	var p Path
	for i := 0; i < len(s); {
		if len(p) > 0 || s[i] == '[' {
			switch s[i] {
			case '[':
				closing := strings.IndexByte(s[i:], ']')
				if closing < 0 {
					return nil, fmt.Errorf("path %q has a '[' without a ']'", s)
				}
				inner := s[i+1 : i+closing]
				if member, value, ok := strings.Cut(inner, "="); ok && member != "" {
					p = append(p, Seg{Key: inner, Index: -1, Select: true, Member: member, Value: value})
				} else if n := index(inner); n >= 0 {
					p = append(p, Seg{Key: inner, Index: n})
				} else {
					return nil, fmt.Errorf("path %q: [%s] is neither an index nor a [member=value] selector", s, inner)
				}
				i += closing + 1
				continue
			case '.':
				i++
			default:
				return nil, fmt.Errorf("path %q: want '.' or '[' after ']'", s)
			}
		}
		end := i + strings.IndexAny(s[i:]+".", ".[")
		if end == i {
			return nil, fmt.Errorf("path %q has an empty segment", s)
		}
		key := s[i:end]
		p = append(p, Seg{Key: key, Index: index(key), Each: key == "*"})
		i = end
	}
	return p, nil
}

// index returns the array index a segment stands for, or -1.
func index(k string) int {
	if k == "" || len(k) > 9 || len(k) > 1 && k[0] == '0' {
		return -1
	}
	n := 0
	for i := 0; i < len(k); i++ {
		if k[i] < '0' || k[i] > '9' {
			return -1
		}
		n = n*10 + int(k[i]-'0')
	}
	return n
}

// String returns the path as a spec writes it, with indexes dotted.
func (p Path) String() string {
	var b strings.Builder
	for i, s := range p {
		if s.Select {
			b.WriteString("[" + s.Key + "]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.Key)
	}
	return b.String()
}

// Each reports how many "*" segments p has.
func (p Path) Each() int {
	n := 0
	for _, s := range p {
		if s.Each {
			n++
		}
	}
	return n
}

// Indexed returns the first segment of p that is an array index, or "".
func (p Path) Indexed() string {
	for _, s := range p {
		if s.Index >= 0 {
			return s.Key
		}
	}
	return ""
}

// Selects reports whether p has a selector.
func (p Path) Selects() bool {
	for _, s := range p {
		if s.Select {
			return true
		}
	}
	return false
}

// Lookup returns the value at p in a document decoded by encoding/json
// (objects as map[string]any, arrays as []any), or nil when there is none.
// The nil path is the document itself. A "*" segment selects nothing:
// use Strings for paths that have one.
func (p Path) Lookup(v any) any {
	for _, s := range p {
		v = s.child(v)
	}
	return v
}

// Offset returns the byte offset in the JSON document body of the value p
// reaches, for messages that point into a document: for a path of member
// and index segments (a selector or "*" gives false), in a document that
// holds it; a member named twice is found at its first occurrence.
func (p Path) Offset(body []byte) (int, bool) {
	dec := json.NewDecoder(strings.NewReader(string(body)))
	for _, sg := range p {
		if sg.Select || sg.Each {
			return 0, false
		}
		tok, err := dec.Token()
		if err != nil {
			return 0, false
		}
		switch tok {
		case json.Delim('['):
			if sg.Index < 0 {
				return 0, false
			}
			for range sg.Index {
				if !dec.More() || !skipValue(dec) {
					return 0, false
				}
			}
			if !dec.More() {
				return 0, false
			}
		case json.Delim('{'):
			for {
				if !dec.More() {
					return 0, false
				}
				k, err := dec.Token()
				if err != nil {
					return 0, false
				}
				if k == sg.Key {
					break
				}
				if !skipValue(dec) {
					return 0, false
				}
			}
		default:
			return 0, false
		}
	}
	off := int(dec.InputOffset())
	for off < len(body) && strings.IndexByte(" \t\r\n:,", body[off]) >= 0 {
		off++
	}
	return off, off < len(body)
}

// skipValue reads the next value of dec, whole.
func skipValue(dec *json.Decoder) bool {
	depth := 0
	for {
		t, err := dec.Token()
		if err != nil {
			return false
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return true
		}
	}
}

// child returns the value s selects below v, or nil.
func (s Seg) child(v any) any {
	switch v := v.(type) {
	case map[string]any:
		if !s.Each && !s.Select {
			return v[s.Key]
		}
	case []any:
		if s.Select {
			for _, e := range v {
				if m, ok := e.(map[string]any); ok && m[s.Member] == s.Value {
					return e
				}
			}
			return nil
		}
		if s.Index >= 0 && s.Index < len(v) {
			return v[s.Index]
		}
	}
	return nil
}

// Strings returns the detail strings an errors path names: a "*" segment
// stands for every element of the array at that point, and a path ending
// at an array stands for its elements. Values that are not strings are
// skipped; at most max strings are returned (nil when there are none).
func (p Path) Strings(doc any, max int) []string {
	vals := []any{doc}
	for _, s := range p {
		var next []any
		for _, v := range vals {
			if !s.Each {
				if c := s.child(v); c != nil {
					next = append(next, c)
				}
			} else if arr, ok := v.([]any); ok {
				next = append(next, arr...)
			}
		}
		vals = next
	}
	var out []string
	add := func(v any) {
		if s, ok := v.(string); ok && len(out) < max {
			out = append(out, s)
		}
	}
	for _, v := range vals {
		if arr, ok := v.([]any); ok {
			for _, e := range arr {
				add(e)
			}
		} else {
			add(v)
		}
	}
	return out
}

// Raw returns the JSON text of the value at p in doc (re-encoded: escapes
// and spacing may differ from the body's, the value does not), or nil.
func (p Path) Raw(doc any) []byte {
	v := p.Lookup(doc)
	if v == nil {
		return nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return raw
}

// codeText returns the code a JSON value holds: a non-empty string, or,
// with numeric codes, an integer literal's digits as written (20404).
func codeText(v any, numeric bool) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		if _, err := strconv.ParseInt(string(v), 10, 64); err == nil && numeric {
			return string(v)
		}
	}
	return ""
}
