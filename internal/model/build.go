package model

import (
	"fmt"
	"go/token"
	"net/http"
	"sort"
	"strings"

	"github.com/errgen/errgen/internal/decode"
	"github.com/errgen/errgen/internal/spec"
)

// Build turns a loaded, valid spec into a Package. It reports, with
// positions, what only Go naming can find: codes, fields, placeholders and
// headers whose Go names collide or are not identifiers. The error is a
// spec.ErrorList.
func Build(f *spec.File) (*Package, error) {
	b := &builder{f: f, seen: map[string]decl{}}
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
	// seen maps each exported identifier to what declared it.
	seen map[string]decl
	// values are the constants of documented values, by name: the same
	// value of a field with the same Go name (one per code, say) shares its
	// constant.
	values map[string]*Value
}

// decl is what declared an identifier: its description and the key path
// of the spec that declares it (spec.File.Pos finds its position when an
// error needs it; "" for 1:1); the zero decl for the identifiers errgen
// itself declares.
type decl struct {
	what string
	key  string
}

// errorf reports a problem at the key path key of the spec.
func (b *builder) errorf(key string, format string, args ...any) {
	b.errs = append(b.errs, &spec.PosError{File: b.f.Path, Pos: b.f.Pos(key), Msg: fmt.Sprintf(format, args...)})
}

// declare records a package-level identifier; it reports a collision, or
// a name that is not an identifier, and returns false.
func (b *builder) declare(id string, d decl) bool {
	if !token.IsIdentifier(id) || !token.IsExported(id) {
		b.errorf(d.key, "%s becomes %q, which is not a Go identifier", d.what, id)
		return false
	}
	if first, ok := b.seen[id]; ok {
		if first == (decl{}) {
			b.errorf(d.key, "%s becomes Go name %s, which errgen itself declares", d.what, id)
		} else {
			b.errorf(d.key, "%s becomes Go name %s, like %s (first defined at %s)", d.what, id, first.what, b.f.Pos(first.key))
		}
		return false
	}
	b.seen[id] = d
	return true
}

func (b *builder) pkg() *Package {
	f := b.f
	for _, id := range fixedIdentifiers {
		b.seen[id] = decl{}
	}
	s := f.Schema
	p := &Package{
		Name:              f.API.Package,
		API:               f.API.Name,
		SpecPath:          slashPath(f.Path),
		BaseURLs:          f.API.BaseURLs,
		Sources:           f.API.Sources,
		Description:       trimSpace(f.API.Description),
		Schema:            s,
		RequestIDHeader:   s.RequestIDHeader,
		RetryAfterHeader:  s.RetryAfterHeader,
		RetryableStatuses: s.RetryableStatuses,
	}
	secret := map[string]bool{}
	for _, h := range f.Headers.Secret {
		canon := http.CanonicalHeaderKey(h)
		if !secret[canon] {
			secret[canon] = true
			p.SecretHeaders = append(p.SecretHeaders, canon)
		}
	}
	readers := map[string]decl{}
	for _, m := range headersMethods {
		readers[m] = decl{}
	}
	for i, h := range f.Headers.Info {
		ih := &InfoHeader{Summary: h.Summary, Type: string(h.Type)}
		if ih.Type == "" {
			ih.Type = "string"
		}
		name := h.Name
		if strings.HasSuffix(name, "*") {
			ih.Prefix = true
			name = strings.TrimSuffix(name, "*")
			ih.Const = "Header" + GoName(name) + "Prefix"
		} else {
			ih.Const = "Header" + GoName(name)
		}
		ih.Name = name // as documented: http.Header.Get canonicalises
		ih.Reader = GoName(name)
		if !token.IsIdentifier(ih.Reader) || !token.IsExported(ih.Reader) {
			ih.Reader = "Header" + ih.Reader // "1-Up" reads as Headers.Header1Up
		}
		ih.Secret = secret[http.CanonicalHeaderKey(name)]
		what := fmt.Sprintf("header %q", h.Name)
		d := decl{what, fmt.Sprintf("headers.info.%d.name", i)}
		if b.declare(ih.Const, d) {
			b.reader(ih, readers, d)
		}
		p.InfoHeaders = append(p.InfoHeaders, ih)
	}
	for _, sh := range s.Shapes {
		p.Shapes = append(p.Shapes, &Shape{sh})
		if sh.ItemType != nil && sh.Items != nil {
			p.ItemType = nil // set below, once the types have Go names
		}
	}
	for i, t := range f.Types {
		mt := &Type{Type: s.Types[i], GoName: GoName(t.Name), Summary: trimSpace(t.Summary)}
		b.declare(mt.GoName, decl{fmt.Sprintf("type %q", t.Name), fmt.Sprintf("types.%d.name", i)})
		p.Types = append(p.Types, mt)
	}
	for i, t := range f.Types {
		p.Types[i].Fields = b.fields(p, fmt.Sprintf("types.%d.fields", i), fmt.Sprintf("type %q", t.Name), t.Fields, s.Types[i].Fields, nil)
	}
	for _, sh := range s.Shapes {
		if sh.ItemType != nil && sh.Items != nil {
			p.ItemType = p.TypeOf(sh.ItemType)
		}
	}
	for i, fm := range f.Families {
		mf := &Family{Name: fm.Name, Const: "Family" + GoName(fm.Name), Summary: trimSpace(fm.Summary)}
		b.declare(mf.Const, decl{fmt.Sprintf("family %q", fm.Name), fmt.Sprintf("families.%d.name", i)})
		p.Families = append(p.Families, mf)
	}
	if p.HasFamilies() {
		b.declare("Family", decl{"the families", ""}) // at 1:1: no key declares it
	}
	// Error's own fields: the fixed ones, those the shapes ask for, then
	// the common fields and the placeholders, which must not collide.
	errorSeen := map[string]decl{}
	for _, n := range errorFields {
		errorSeen[n] = decl{}
	}
	if p.HasDetail() {
		errorSeen["Detail"] = decl{}
	}
	if p.ItemType != nil {
		errorSeen["Items"] = decl{}
	}
	if p.HasFamilies() {
		errorSeen["Family"] = decl{}
	}
	p.Fields = b.fields(p, "fields", "the common fields", f.Fields, s.Fields, errorSeen)
	captures := map[string]*Capture{}
	for i := range f.Errors {
		p.Codes = append(p.Codes, b.code(p, i, captures, errorSeen))
	}
	byStatus := map[int]*Status{}
	byClass := map[int]*Class{}
	for _, c := range p.Codes {
		for i, status := range c.Statuses {
			st := byStatus[status]
			if st == nil {
				st = &Status{Status: status}
				byStatus[status] = st
				p.Statuses = append(p.Statuses, st)
			}
			st.Codes = append(st.Codes, c)
			if i < c.Rule.Named {
				st.Named = append(st.Named, c)
			}
			if c.ByStatus {
				st.ByStatus = c
			}
		}
		for _, class := range c.Rule.Classes {
			cl := byClass[class]
			if cl == nil {
				cl = &Class{Class: class}
				byClass[class] = cl
				p.Classes = append(p.Classes, cl)
			}
			cl.Codes = append(cl.Codes, c)
		}
		for _, t := range c.Titles {
			p.Titles = append(p.Titles, Title{Text: t, Code: c})
		}
	}
	sort.Slice(p.Statuses, func(i, j int) bool { return p.Statuses[i].Status < p.Statuses[j].Status })
	sort.Slice(p.Classes, func(i, j int) bool { return p.Classes[i].Class < p.Classes[j].Class })
	return p
}

func (b *builder) code(p *Package, i int, captures map[string]*Capture, errorSeen map[string]decl) *Code {
	e := b.f.Errors[i]
	rule := p.Schema.Codes[i]
	name := string(e.Code)
	if e.Name != "" {
		name = e.Name
	}
	c := &Code{
		Rule:            rule,
		Index:           i,
		Value:           string(e.Code),
		GoName:          GoName(name),
		Status:          rule.Status,
		Statuses:        rule.Statuses,
		Retryable:       rule.Retryable,
		RetryDocumented: rule.RetryDocumented,
		Summary:         trimSpace(e.Summary),
		Remedy:          trimSpace(e.Remedy),
		DocURL:          e.DocURL,
		Titles:          rule.Titles,
		ByStatus:        rule.ByStatus,
		WhenHeaders:     headerValues(e.WhenHeaders),
	}
	c.Const, c.Err = "Code"+c.GoName, "Err"+c.GoName
	for _, fm := range p.Families {
		if fm.Name == rule.Family {
			c.Family = fm
		}
	}
	what := fmt.Sprintf("code %q", e.Code)
	key := fmt.Sprintf("errors.%d.code", i)
	if e.Code == "" {
		return c // missing: the loader said so
	}
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
	d := decl{what, key}
	_ = b.declare(c.Const, d) && b.declare(c.Err, d) && (c.Details == "" || b.declare(c.Details, d))
	c.Fields = b.fields(p, fmt.Sprintf("errors.%d.fields", i), fmt.Sprintf("code %q", e.Code), e.Fields, rule.Fields, nil)
	for _, fl := range c.Fields {
		if fl.RetryAfter {
			c.RetryAfter = fl
		}
	}
	for _, pt := range rule.Patterns {
		at := key // the pattern's own key, else the code's
		for j, text := range e.Patterns {
			if text == pt.Text {
				at = fmt.Sprintf("errors.%d.patterns.%d", i, j)
			}
		}
		mp := &Pattern{Pattern: pt, Code: c, Index: len(p.Patterns)}
		for _, n := range pt.Names {
			cp := captures[n]
			if cp == nil {
				cp = b.capture(p, n, at, errorSeen)
				captures[n] = cp
			}
			mp.Captures = append(mp.Captures, cp)
		}
		c.Patterns = append(c.Patterns, mp)
		p.Patterns = append(p.Patterns, mp)
	}
	for j, ex := range e.Examples {
		status, _ := e.Response(ex)
		m := &Example{Title: ex.Title, Status: status, Body: ex.Body, Header: headerValues(ex.Headers)}
		m.Want = b.f.ExampleResult(i, j)
		c.Examples = append(c.Examples, m)
	}
	return c
}

// reader checks the name of a header's Headers method against the
// runtime's methods and the other headers' readers.
func (b *builder) reader(ih *InfoHeader, seen map[string]decl, d decl) {
	if first, ok := seen[ih.Reader]; ok {
		if first == (decl{}) {
			b.errorf(d.key, "%s becomes method Headers.%s, which errgen itself declares", d.what, ih.Reader)
		} else {
			b.errorf(d.key, "%s becomes method Headers.%s, like %s (first defined at %s)", d.what, ih.Reader, first.what, b.f.Pos(first.key))
		}
		return
	}
	seen[ih.Reader] = d
}

// capture declares the Error field of a new placeholder name, found at
// the key path key.
func (b *builder) capture(p *Package, name string, key string, errorSeen map[string]decl) *Capture {
	cp := &Capture{Name: name, GoName: GoName(name), Index: len(p.Captures)}
	what := fmt.Sprintf("placeholder {%s}", name)
	switch first, seen := errorSeen[cp.GoName]; {
	case !token.IsIdentifier(cp.GoName) || !token.IsExported(cp.GoName):
		b.errorf(key, "%s becomes %q, which is not a Go identifier", what, cp.GoName)
	case seen && first == (decl{}):
		b.errorf(key, "%s becomes Go name %s, which the Error type already has", what, cp.GoName)
	case seen:
		b.errorf(key, "%s becomes Go name %s, like %s (first defined at %s)", what, cp.GoName, first.what, b.f.Pos(first.key))
	default:
		errorSeen[cp.GoName] = decl{what, key}
	}
	p.Captures = append(p.Captures, cp)
	return cp
}

// fields builds typed fields. Their Go names must be identifiers and
// distinct from one another, and, for the fields of Error (errorSeen not
// nil), from Error's other fields.
func (b *builder) fields(p *Package, key, owner string, fields []spec.Field, rules []*decode.Field, errorSeen map[string]decl) []*Field {
	seen := errorSeen
	if seen == nil {
		seen = map[string]decl{}
	}
	var out []*Field
	for j, fd := range fields {
		if j >= len(rules) || rules[j].Name != fd.Name {
			continue // a field the loader left out; it reported why
		}
		rule := rules[j]
		fkey := fmt.Sprintf("%s.%d.name", key, j)
		fl := &Field{Field: rule, Wire: fd.Name, GoName: GoName(fd.Name), Kind: rule.Kind, Summary: trimSpace(fd.Summary), RetryAfter: fd.RetryAfter}
		if fd.GoName != "" {
			fl.GoName = fd.GoName
		}
		fl.GoType = p.goType(rule.Kind)
		for k, v := range fd.Values {
			fv := &Value{Value: v, Const: fl.GoName + ValueName(v)}
			if first := b.values[fv.Const]; first != nil && first.Value == v {
				fl.Values = append(fl.Values, first) // the same constant
				continue
			}
			if b.declare(fv.Const, decl{fmt.Sprintf("value %q of field %q (%s)", v, fd.Name, owner), fmt.Sprintf("%s.%d.values.%d", key, j, k)}) {
				if b.values == nil {
					b.values = map[string]*Value{}
				}
				b.values[fv.Const] = fv
				fl.Values = append(fl.Values, fv)
			}
		}
		what := fmt.Sprintf("field %q", fd.Name)
		switch first, dup := seen[fl.GoName]; {
		case !token.IsIdentifier(fl.GoName) || !token.IsExported(fl.GoName):
			b.errorf(fkey, "%s becomes %q, which is not a Go identifier", what, fl.GoName)
		case dup && first == (decl{}):
			b.errorf(fkey, "%s becomes Go name %s, which the Error type already has; give the field a go_name", what, fl.GoName)
		case dup:
			b.errorf(fkey, "%s becomes Go name %s, like %s (first defined at %s)", what, fl.GoName, first.what, b.f.Pos(first.key))
		default:
			seen[fl.GoName] = decl{what, fkey}
		}
		out = append(out, fl)
	}
	return out
}

// goType is the Go spelling of a kind, with the Go names of named types.
func (p *Package) goType(k *decode.Kind) string {
	switch {
	case k.Type != nil && k.List:
		return "[]" + p.typeName(k.Type)
	case k.Type != nil:
		return "*" + p.typeName(k.Type)
	}
	return k.GoType
}

func (p *Package) typeName(t *decode.Type) string {
	if mt := p.TypeOf(t); mt != nil {
		return mt.GoName
	}
	return GoName(t.Name)
}
