package model

import (
	"encoding/json"
	"fmt"
	"go/token"
	"sort"
	"strconv"
	"strings"

	"github.com/errgen/errgen/internal/spec"
)

// defaultRetryableStatuses are retried, when no known code is found, unless
// the spec says otherwise.
var defaultRetryableStatuses = []int{429, 502, 503, 504}

// Build turns a loaded, valid spec into a Package. It reports, with
// positions, what only Go naming can find: codes, fields, placeholders and
// headers whose Go names collide or are not identifiers. The error is a
// spec.ErrorList.
func Build(f *spec.File) (*Package, error) {
	b := &builder{f: f, seen: map[string]string{}}
	p := b.pkg()
	if len(b.errs) > 0 {
		b.errs.Sort()
		return nil, b.errs
	}
	return p, nil
}

type builder struct {
	f    *spec.File
	errs spec.ErrorList
	// seen maps each exported identifier to the key path that declared it.
	seen map[string]string
}

func (b *builder) errorf(key, format string, args ...any) {
	b.errs = append(b.errs, &spec.PosError{File: b.f.Path, Pos: b.f.Pos(key), Msg: fmt.Sprintf(format, args...)})
}

// declare records a package-level identifier; it reports a collision, or
// a name that is not an identifier, and returns false.
func (b *builder) declare(id, key, what string) bool {
	if !token.IsIdentifier(id) || !token.IsExported(id) {
		b.errorf(key, "%s becomes %q, which is not a Go identifier", what, id)
		return false
	}
	if first, ok := b.seen[id]; ok {
		pos := b.f.Pos(first)
		if first == "" {
			b.errorf(key, "%s becomes Go name %s, which errgen itself declares", what, id)
			return false
		}
		b.errorf(key, "%s becomes Go name %s, like %s (first defined at %d:%d)", what, id, b.describe(first), pos.Line, pos.Col)
		return false
	}
	b.seen[id] = key
	return true
}

// describe names the entry at key for an error message.
func (b *builder) describe(key string) string {
	var i, j int
	if _, err := fmt.Sscanf(key, "errors.%d.fields.%d.name", &i, &j); err == nil {
		return fmt.Sprintf("field %q", b.f.Errors[i].Fields[j].Name)
	}
	if _, err := fmt.Sscanf(key, "errors.%d.code", &i); err == nil {
		return fmt.Sprintf("code %q", b.f.Errors[i].Code)
	}
	if _, err := fmt.Sscanf(key, "headers.info.%d.name", &i); err == nil {
		return fmt.Sprintf("header %q", b.f.Headers.Info[i].Name)
	}
	return key
}

func (b *builder) pkg() *Package {
	f := b.f
	for _, id := range fixedIdentifiers {
		b.seen[id] = ""
	}
	p := &Package{
		Name:              f.API.Package,
		API:               f.API.Name,
		SpecPath:          slashPath(f.Path),
		BaseURLs:          f.API.BaseURLs,
		Sources:           f.API.Sources,
		Description:       strings.TrimSpace(f.API.Description),
		RetryableStatuses: sortedInts(f.API.RetryableStatuses),
	}
	if len(p.RetryableStatuses) == 0 {
		p.RetryableStatuses = defaultRetryableStatuses
	}
	if f.Headers.RequestID != "" {
		p.RequestIDHeader = canonicalHeader(f.Headers.RequestID)
	}
	if f.Headers.RetryAfter != "" {
		p.RetryAfterHeader = canonicalHeader(f.Headers.RetryAfter)
	}
	for i, h := range f.Headers.Info {
		ih := &InfoHeader{Summary: h.Summary}
		name := h.Name
		if strings.HasSuffix(name, "*") {
			ih.Prefix = true
			name = strings.TrimSuffix(name, "*")
			ih.Const = "Header" + GoName(name) + "Prefix"
		} else {
			ih.Const = "Header" + GoName(name)
		}
		ih.Name = name // as documented: http.Header.Get canonicalises
		b.declare(ih.Const, fmt.Sprintf("headers.info.%d.name", i), fmt.Sprintf("header %q", h.Name))
		p.InfoHeaders = append(p.InfoHeaders, ih)
	}
	for _, s := range f.Shapes {
		sh := &Shape{
			Name: s.Name, Summary: s.Summary,
			Code: splitPath(s.Code), Message: splitPath(s.Message), RequestID: splitPath(s.RequestID),
			Fields: splitPath(s.Fields), Errors: splitPath(s.Errors),
		}
		for _, r := range s.Require {
			sh.Require = append(sh.Require, splitPath(r))
		}
		if sh.Errors != nil {
			p.HasErrorsList = true
		}
		sh.RoundTrip = b.roundTrips(sh)
		p.Shapes = append(p.Shapes, sh)
	}
	captures := map[string]*Capture{}
	for i := range f.Errors {
		p.Codes = append(p.Codes, b.code(p, i, captures))
	}
	byStatus := map[int]*Status{}
	for _, c := range p.Codes {
		s := byStatus[c.Status]
		if s == nil {
			s = &Status{Status: c.Status}
			byStatus[c.Status] = s
			p.Statuses = append(p.Statuses, s)
		}
		s.Codes = append(s.Codes, c)
		if c.ByStatus {
			s.ByStatus = c
		}
	}
	sort.Slice(p.Statuses, func(i, j int) bool { return p.Statuses[i].Status < p.Statuses[j].Status })
	if len(b.errs) == 0 {
		for i, c := range p.Codes {
			for j, ex := range c.Examples {
				b.want(p, c, ex, fmt.Sprintf("errors.%d.examples.%d.body", i, j))
			}
		}
	}
	return p
}

func (b *builder) code(p *Package, i int, captures map[string]*Capture) *Code {
	e := b.f.Errors[i]
	key := fmt.Sprintf("errors.%d.code", i)
	c := &Code{
		Value:    e.Code,
		GoName:   GoName(e.Code),
		Status:   e.Status,
		Summary:  strings.TrimSpace(e.Summary),
		Remedy:   strings.TrimSpace(e.Remedy),
		Titles:   e.Titles,
		ByStatus: e.ByStatus,
	}
	c.Const, c.Err = "Code"+c.GoName, "Err"+c.GoName
	if e.Retryable != nil {
		c.Retryable, c.RetryDocumented = *e.Retryable, true
	} else {
		c.Retryable = e.Status == 429 || e.Status >= 500
	}
	what := fmt.Sprintf("code %q", e.Code)
	if c.GoName == "" {
		b.errorf(key, "%s cannot become a Go identifier (want letters or digits)", what)
		return c
	}
	if len(e.Fields) > 0 {
		c.Details = c.GoName + "Details"
		if c.GoName[0] >= '0' && c.GoName[0] <= '9' {
			c.Details = "Code" + c.Details
		}
	}
	// One message per code: the constant's collision implies the sentinel's.
	_ = b.declare(c.Const, key, what) && b.declare(c.Err, key, what) &&
		(c.Details == "" || b.declare(c.Details, key, what))
	fieldSeen := map[string]string{}
	for j, fd := range e.Fields {
		fkey := fmt.Sprintf("errors.%d.fields.%d.name", i, j)
		fl := &Field{Wire: fd.Name, GoName: GoName(fd.Name), Kind: kindOf(fd.Type), Summary: strings.TrimSpace(fd.Summary), RetryAfter: fd.RetryAfter}
		if !token.IsIdentifier(fl.GoName) || !token.IsExported(fl.GoName) {
			b.errorf(fkey, "field %q becomes %q, which is not a Go identifier", fd.Name, fl.GoName)
		} else if first, ok := fieldSeen[fl.GoName]; ok {
			pos := b.f.Pos(first)
			b.errorf(fkey, "field %q becomes Go name %s, like %s (first defined at %d:%d)", fd.Name, fl.GoName, b.describe(first), pos.Line, pos.Col)
		} else {
			fieldSeen[fl.GoName] = fkey
		}
		if fl.RetryAfter {
			c.RetryAfter = fl
		}
		c.Fields = append(c.Fields, fl)
	}
	for _, text := range e.Patterns {
		pkey := fmt.Sprintf("errors.%d.patterns", i)
		pt := &Pattern{Text: text}
		lits, names := splitPattern(text)
		pt.Literals = lits
		for _, n := range names {
			cp := captures[n]
			if cp == nil {
				cp = &Capture{Name: n, GoName: GoName(n)}
				if !token.IsIdentifier(cp.GoName) || !token.IsExported(cp.GoName) {
					b.errorf(pkey, "placeholder {%s} becomes %q, which is not a Go identifier", n, cp.GoName)
				}
				for _, fixed := range errorFields {
					if cp.GoName == fixed {
						b.errorf(pkey, "placeholder {%s} becomes Go name %s, which the Error type already has", n, cp.GoName)
					}
				}
				captures[n] = cp
				p.Captures = append(p.Captures, cp)
			}
			pt.Captures = append(pt.Captures, cp)
		}
		c.Patterns = append(c.Patterns, pt)
	}
	for _, ex := range e.Examples {
		st := ex.Status
		if st == 0 {
			st = e.Status
		}
		m := &Example{Title: ex.Title, Status: st, Body: ex.Body}
		for name, v := range ex.Headers {
			m.Header = append(m.Header, HeaderValue{Name: canonicalHeader(name), Value: v})
		}
		sort.Slice(m.Header, func(i, j int) bool { return m.Header[i].Name < m.Header[j].Name })
		c.Examples = append(c.Examples, m)
	}
	return c
}

// roundTrips reports whether a body built from sh's paths decodes back
// through sh with the code, message and request id it was built with.
func (b *builder) roundTrips(sh *Shape) bool {
	if sh.Code == nil {
		return false
	}
	const code, msg, rid = "errgen_sample_code", "sample message", "sample-request-id"
	body, ok := BuildBody(sh, code, msg, rid)
	if !ok {
		return false
	}
	d := b.f.Decode(400, body)
	return d.Shape == sh.Name && d.Code == code &&
		(sh.Message == nil || d.Message == msg) && (sh.RequestID == nil || d.RequestID == rid)
}

// BuildBody builds a JSON body that holds code, message and requestID at
// sh's paths (code only when sh carries one), and a placeholder string at
// each required path not yet present. It reports false when sh has neither
// a code nor a message path, or its paths conflict or use array segments.
func BuildBody(sh *Shape, code, message, requestID string) ([]byte, bool) {
	root := map[string]any{}
	set := func(path []string, v string, onlyIfAbsent bool) bool {
		m := root
		for i, seg := range path {
			if seg == "*" || (seg != "" && strings.Trim(seg, "0123456789") == "") {
				return false
			}
			if i == len(path)-1 {
				if _, ok := m[seg]; ok && onlyIfAbsent {
					return true
				}
				if _, isObj := m[seg].(map[string]any); isObj {
					return false
				}
				m[seg] = v
				return true
			}
			next, ok := m[seg].(map[string]any)
			if !ok {
				if _, exists := m[seg]; exists {
					return false
				}
				next = map[string]any{}
				m[seg] = next
			}
			m = next
		}
		return len(path) > 0
	}
	if sh.Code == nil && sh.Message == nil {
		return nil, false
	}
	if sh.Code != nil && !set(sh.Code, code, false) {
		return nil, false
	}
	if sh.Message != nil && !set(sh.Message, message, false) {
		return nil, false
	}
	if sh.RequestID != nil && !set(sh.RequestID, requestID, false) {
		return nil, false
	}
	for _, r := range sh.Require {
		if !set(r, "x", true) {
			return nil, false
		}
	}
	body, err := json.Marshal(root)
	return body, err == nil
}

// splitPattern splits "Invalid {param} format" into its literal parts
// ("Invalid ", " format") and its placeholder names ("param"). The loader
// has checked that braces balance and placeholders are not adjacent.
func splitPattern(s string) (lits, names []string) {
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			return append(lits, s), names
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 {
			return append(lits, s), names
		}
		lits = append(lits, s[:open])
		names = append(names, s[open+1:open+end])
		s = s[open+end+1:]
	}
}

func kindOf(t spec.FieldType) Kind {
	switch t {
	case spec.TypeInt:
		return Int
	case spec.TypeInt64:
		return Int64
	case spec.TypeFloat64:
		return Float64
	case spec.TypeBool:
		return Bool
	case spec.TypeStringSlice:
		return StringSlice
	case spec.TypeIntSlice:
		return IntSlice
	}
	return String
}

// want computes what decoding ex must give, from the spec's semantics.
func (b *builder) want(p *Package, c *Code, ex *Example, key string) {
	d := b.f.Decode(ex.Status, []byte(ex.Body))
	if d.Code != c.Value {
		b.errorf(key, "example body decodes to code %q, want %q", d.Code, c.Value)
		return
	}
	w := Want{Code: c, Message: d.Message, RequestID: d.RequestID, Errors: d.Errors, Retryable: c.Retryable}
	header := func(name string) string {
		for _, h := range ex.Header {
			if h.Name == name {
				return h.Value
			}
		}
		return ""
	}
	if w.RequestID == "" && p.RequestIDHeader != "" {
		w.RequestID = header(p.RequestIDHeader)
	}
	for _, cp := range p.Captures {
		if v, ok := d.Captures[cp.Name]; ok {
			w.Captures = append(w.Captures, CaptureValue{Capture: cp, Value: v})
		}
	}
	for _, fl := range c.Fields {
		w.Fields = append(w.Fields, FieldValue{Field: fl, Value: fieldValue(fl.Kind, d.Fields[fl.Wire])})
	}
	if p.RetryAfterHeader != "" {
		if n, ok := parseDelaySeconds(header(p.RetryAfterHeader)); ok {
			w.RetryAfter, w.HasRetryAfter = n, true
		}
	}
	if !w.HasRetryAfter && c.RetryAfter != nil {
		if n, ok := toInt(d.Fields[c.RetryAfter.Wire]); ok {
			w.RetryAfter, w.HasRetryAfter = max(n, 0), true
		}
	}
	ex.Want = w
}

// fieldValue converts a value decoded by encoding/json (with UseNumber) to
// the Go value of kind k, as json.Unmarshal into that type would; a value of
// the wrong type gives the zero value.
func fieldValue(k Kind, v any) any {
	switch k {
	case String:
		s, _ := v.(string)
		return s
	case Int, Int64:
		i, _ := toInt(v)
		return i
	case Float64:
		n, _ := v.(json.Number)
		x, _ := strconv.ParseFloat(string(n), 64)
		return x
	case Bool:
		x, _ := v.(bool)
		return x
	case StringSlice:
		arr, ok := v.([]any)
		if !ok {
			return []string(nil)
		}
		out := []string{}
		for _, e := range arr {
			s, ok := e.(string)
			if !ok && e != nil {
				return []string(nil)
			}
			out = append(out, s)
		}
		return out
	case IntSlice:
		arr, ok := v.([]any)
		if !ok {
			return []int64(nil)
		}
		out := []int64{}
		for _, e := range arr {
			i, ok := toInt(e)
			if !ok && e != nil {
				return []int64(nil)
			}
			out = append(out, i)
		}
		return out
	}
	return nil
}

// toInt reads an integer JSON number, as json.Unmarshal into int64 would.
func toInt(v any) (int64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	return i, err == nil
}
