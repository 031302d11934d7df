package decode

import (
	"fmt"
	"strings"
)

// A Path locates a value in a JSON document: a list of segments read from
// the top-level object down. The spec writes it dot-separated:
// "error.code", "detail.0.msg", "detail.*.msg".
type Path []Seg

// Seg is one segment of a path.
type Seg struct {
	// Key is the segment as written. On an object it is the member name,
	// matched exactly (case-sensitive, after decoding escapes).
	Key string
	// Index is the array index the segment also stands for: a decimal
	// without sign or leading zeros, of at most 9 digits ("0", "12"), so
	// that the segment selects that element of an array. It is -1 for any
	// other segment ("00", "-1", "code"), which on an array selects nothing.
	Index int
	// Each marks "*": every element of an array. Only errors paths use it.
	Each bool
}

// ParsePath parses a dot-separated path. It rejects the empty path and
// empty segments; where "*" and indexes may appear is the loader's rule
// (see Path.Each and Path.Indexed).
func ParsePath(s string) (Path, error) {
	if s == "" {
		return nil, fmt.Errorf("empty path")
	}
	var p Path
	for _, k := range strings.Split(s, ".") {
		if k == "" {
			return nil, fmt.Errorf("path %q has an empty segment", s)
		}
		p = append(p, Seg{Key: k, Index: index(k), Each: k == "*"})
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

// String returns the path as a spec writes it.
func (p Path) String() string {
	keys := make([]string, len(p))
	for i, s := range p {
		keys[i] = s.Key
	}
	return strings.Join(keys, ".")
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

// child returns the value s selects below v, or nil.
func (s Seg) child(v any) any {
	switch v := v.(type) {
	case map[string]any:
		if !s.Each {
			return v[s.Key]
		}
	case []any:
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
