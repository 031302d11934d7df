// Package specdiff compares two versions of an API's error package, as
// their models, and reports the changes that break the SDK callers of the
// generated code, as apidiff or buf breaking do for Go and protobuf APIs.
//
// Incompatible changes are those after which a caller's code may no longer
// compile or may behave differently: the package renamed; a code removed,
// or its constant, sentinel or details type renamed, or its wire value
// changed under the same Go name; a details field, a common field of Error,
// a named type or one of its fields removed, renamed or retyped; a code's
// statuses, family or retryability changed, or the statuses retried when no
// known code is found; a family constant, a pattern placeholder (a field of
// Error) or an informational header constant removed or renamed; the type
// of Error.Items changed or removed. Compatible changes are additions:
// codes, details types, fields, named types, families, placeholders and
// headers.
// Summaries, remedies, patterns, shapes and examples change no identifier
// and are not reported.
package specdiff

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/errgen/errgen/internal/decode"
	"github.com/errgen/errgen/internal/model"
)

// Change is one difference between the two packages.
type Change struct {
	// Breaking reports an incompatible change.
	Breaking bool
	// Subject is the Go identifier concerned, as callers write it:
	// "CodeRateLimited", "CreditExhaustedDetails.Shortfall", "package".
	Subject string
	// Text says what changed.
	Text string
}

// Report lists the changes from an old package to a new one: the
// incompatible ones in the old spec's order, then the additions in the new
// spec's order.
type Report struct {
	Changes []Change
}

// Breaking reports whether any change is incompatible.
func (r Report) Breaking() bool {
	return slices.ContainsFunc(r.Changes, func(c Change) bool { return c.Breaking })
}

// Write writes the report as two lists, "Incompatible changes:" and
// "Compatible changes:", each item on a line "- Subject: Text", leaving out
// an empty list; it writes nothing when there is no change.
func (r Report) Write(w io.Writer) error {
	var b strings.Builder
	for _, breaking := range []bool{true, false} {
		title := "Compatible changes:"
		if breaking {
			title = "Incompatible changes:"
		}
		first := true
		for _, c := range r.Changes {
			if c.Breaking != breaking {
				continue
			}
			if first {
				if b.Len() > 0 {
					b.WriteString("\n")
				}
				b.WriteString(title + "\n")
				first = false
			}
			fmt.Fprintf(&b, "- %s: %s\n", c.Subject, c.Text)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Compare returns the changes from old to new. Codes are matched by their
// wire value, then (for a code whose value changed) by Go name; details
// fields by their wire name; placeholders and headers by name.
func Compare(old, new *model.Package) Report {
	d := &differ{}
	if old.Name != new.Name {
		d.breaking("package", "renamed from %s to %s (callers change their import path)", old.Name, new.Name)
	}
	d.codes(old.Codes, new.Codes)
	if !slices.Equal(old.RetryableStatuses, new.RetryableStatuses) {
		d.breaking("IsRetryable", "statuses retried when no known code is found changed from %v to %v (behaviour)",
			decode.StatusTerms(old.RetryableStatuses), decode.StatusTerms(new.RetryableStatuses))
	}
	switch o, n := old.HasDocURLs(), new.HasDocURLs(); {
	case o && !n:
		d.breaking("Code.DocURL", "removed (no code names its page any more)")
	case !o && n:
		d.added("Code.DocURL", "added (codes name their pages)")
	}
	folds := func(p *model.Package) bool { return p.Schema != nil && p.Schema.CaseInsensitiveCodes }
	switch o, n := folds(old), folds(new); {
	case o && !n:
		d.breaking("Parse", "codes now match exactly, no longer ignoring case (behaviour: a code sent in another case than documented is no longer its constant)")
	case !o && n:
		d.breaking("Parse", "codes now match ignoring case (behaviour: a code sent in another case than documented becomes its constant, spelled as documented)")
	}
	d.captures(old.Captures, new.Captures)
	d.headers(old.InfoHeaders, new.InfoHeaders)
	d.fields("Error", old.Fields, "Error", new.Fields)
	d.types(old.Types, new.Types)
	d.families(old.Families, new.Families)
	d.values(old, new)
	switch o, n := old.ItemType, new.ItemType; {
	case o != nil && n == nil:
		d.breaking("Error.Items", "removed (items of type %s)", o.GoName)
	case o != nil && o.GoName != n.GoName:
		d.breaking("Error.Items", "type changed from []%s to []%s", o.GoName, n.GoName)
	case o == nil && n != nil:
		d.added("Error.Items", "added (items of type %s)", n.GoName)
	}
	// Breaking changes first, each group in the order found.
	slices.SortStableFunc(d.changes, func(a, b Change) int {
		switch {
		case a.Breaking == b.Breaking:
			return 0
		case a.Breaking:
			return -1
		}
		return 1
	})
	return Report{Changes: d.changes}
}

type differ struct {
	changes []Change
}

func (d *differ) breaking(subject, format string, args ...any) {
	d.changes = append(d.changes, Change{true, subject, fmt.Sprintf(format, args...)})
}

func (d *differ) added(subject, format string, args ...any) {
	d.changes = append(d.changes, Change{false, subject, fmt.Sprintf(format, args...)})
}

// codes compares the codes, matched by wire value, else by constant name.
func (d *differ) codes(old, new []*model.Code) {
	byValue := map[string]*model.Code{}
	byConst := map[string]*model.Code{}
	for _, c := range new {
		byValue[c.Value] = c
		byConst[c.Const] = c
	}
	matched := map[*model.Code]bool{}
	for _, o := range old {
		n := byValue[o.Value]
		if n == nil {
			if c := byConst[o.Const]; c != nil && !hasValue(old, c.Value) {
				n = c
				d.breaking(o.Const, "value changed from %q to %q (behaviour: a response with code %q no longer matches it)", o.Value, n.Value, o.Value)
			}
		}
		if n == nil {
			ids := o.Const + ", " + o.Err
			d.breaking(ids, "removed (code %q)", o.Value)
			if o.Details != "" {
				d.breaking(o.Details, "removed (the details of code %q)", o.Value)
			}
			continue
		}
		matched[n] = true
		d.code(o, n)
	}
	for _, n := range new {
		if matched[n] {
			continue
		}
		status := n.StatusPhrase(strconv.Itoa)
		if status == "" {
			status = "none documented"
		}
		d.added(n.Const+", "+n.Err, "added (code %q, status %s)", n.Value, status)
		if n.Details != "" {
			d.added(n.Details, "added (the details of code %q: %s)", n.Value, fieldList(n.Fields))
		}
	}
}

func hasValue(codes []*model.Code, value string) bool {
	return slices.ContainsFunc(codes, func(c *model.Code) bool { return c.Value == value })
}

// code compares one code in both versions.
func (d *differ) code(o, n *model.Code) {
	if o.Const != n.Const {
		d.breaking(o.Const, "renamed to %s (code %q)", n.Const, n.Value)
	}
	if o.Err != n.Err {
		d.breaking(o.Err, "renamed to %s (code %q)", n.Err, n.Value)
	}
	classes := len(o.Rule.Classes) > 0 || len(n.Rule.Classes) > 0
	switch {
	case o.Status != n.Status && !classes:
		d.breaking(n.Const, "status changed from %d to %d (behaviour: Code.Status, CodesForStatus)", o.Status, n.Status)
	case o.Status != n.Status || !slices.Equal(o.Statuses, n.Statuses) || !slices.Equal(o.Rule.StatusTerms(), n.Rule.StatusTerms()):
		d.breaking(n.Const, "statuses changed from %v to %v (behaviour: Code.Statuses, CodesForStatus)", o.Rule.StatusTerms(), n.Rule.StatusTerms())
	}
	if ob, nb := o.Rule.RetryByStatus(), n.Rule.RetryByStatus(); ob != nb {
		if nb {
			d.breaking(n.Const, "now retried as the response's status says, not by a rule of the code (behaviour: IsRetryable)")
		} else {
			d.breaking(n.Const, "now retried by a rule of the code, not as the response's status says (behaviour: IsRetryable)")
		}
	}
	if of, nf := familyName(o.Family), familyName(n.Family); of != nf {
		d.breaking(n.Const, "family changed from %q to %q (behaviour: Code.Family, Error.Family)", of, nf)
	}
	if o.Retryable != n.Retryable {
		if n.Retryable {
			d.breaking(n.Const, "now retryable (behaviour: IsRetryable, Code.Retryable)")
		} else {
			d.breaking(n.Const, "no longer retryable (behaviour: IsRetryable, Code.Retryable)")
		}
	}
	switch {
	case o.Details == "" && n.Details != "":
		d.added(n.Details, "added (the details of code %q: %s)", n.Value, fieldList(n.Fields))
		return
	case o.Details != "" && n.Details == "":
		d.breaking(o.Details, "removed (code %q has no fields any more)", n.Value)
		return
	case o.Details == "":
		return
	case o.Details != n.Details:
		d.breaking(o.Details, "renamed to %s (the details of code %q)", n.Details, n.Value)
	}
	d.fields(o.Details, o.Fields, n.Details, n.Fields)
}

// fields compares the fields of a details type, matched by wire name.
func (d *differ) fields(oldType string, old []*model.Field, newType string, new []*model.Field) {
	byWire := map[string]*model.Field{}
	for _, f := range new {
		byWire[f.Wire] = f
	}
	for _, o := range old {
		subject := oldType + "." + o.GoName
		n := byWire[o.Wire]
		if n == nil {
			d.breaking(subject, "removed (field %q)", o.Wire)
			continue
		}
		delete(byWire, o.Wire)
		if o.GoName != n.GoName {
			d.breaking(subject, "renamed to %s (field %q)", n.GoName, o.Wire)
		}
		if o.GoType != n.GoType {
			d.breaking(subject, "type changed from %s to %s (field %q)", o.GoType, n.GoType, o.Wire)
		}
	}
	for _, n := range new {
		if byWire[n.Wire] != nil {
			d.added(newType+"."+n.GoName, "added (field %q, %s)", n.Wire, n.GoType)
		}
	}
}

// values compares the constants of documented field values, across the
// package: a constant gone breaks callers (its field removed, renamed, or
// the value dropped), one whose value changed too; a new one is an
// addition. Constants are package-level names, shared by the fields of
// several codes, so they are compared by name, whatever field holds them.
func (d *differ) values(old, new *model.Package) {
	oldDecls, newDecls := old.ValueDecls(), new.ValueDecls()
	renamed := map[string]bool{} // new constants that are old ones renamed
	for _, o := range oldDecls {
		n := valueNamed(newDecls, o.Const)
		switch {
		case n != nil && n.Value.Value != o.Value.Value:
			d.breaking(o.Const, "value changed from %q to %q (field %q)", o.Value.Value, n.Value.Value, n.Field.Wire)
		case n != nil:
		default:
			if r := valueOf(newDecls, o.Field.Wire, o.Value.Value); r != nil {
				renamed[r.Const] = true
				d.breaking(o.Const, "renamed to %s (documented value %q of field %q)", r.Const, o.Value.Value, o.Field.Wire)
			} else {
				d.breaking(o.Const, "removed (documented value %q of field %q)", o.Value.Value, o.Field.Wire)
			}
		}
	}
	for _, n := range newDecls {
		if valueNamed(oldDecls, n.Const) == nil && !renamed[n.Const] {
			d.added(n.Const, "added (documented value %q of field %q)", n.Value.Value, n.Field.Wire)
		}
	}
}

// valueNamed returns the decl of the constant name, or nil.
func valueNamed(decls []model.ValueDecl, name string) *model.ValueDecl {
	for i := range decls {
		if decls[i].Const == name {
			return &decls[i]
		}
	}
	return nil
}

// valueOf returns the decl of value of the field with wire name field, or
// nil.
func valueOf(decls []model.ValueDecl, field, value string) *model.ValueDecl {
	for i := range decls {
		if decls[i].Field.Wire == field && decls[i].Value.Value == value {
			return &decls[i]
		}
	}
	return nil
}

// identified is something callers name by a Go identifier and a spec
// identifies by a key: a named type, a family, a placeholder, a header.
type identified[T any] struct {
	key    func(T) string // what identifies it in the spec
	goName func(T) string // its Go identifier
	prefix string         // what callers write before it: "Error." for a placeholder
	what   func(T) string // how the report names it: `type "issue"`
	inside func(o, n T)   // compares what a matched one holds, or nil
}

// compare matches old and new things by key: one removed or renamed
// breaks callers, a new one is an addition; inside compares each matched
// pair, in the old order, before the additions are listed.
func (id identified[T]) compare(d *differ, old, new []T) {
	byKey := map[string]T{}
	for _, n := range new {
		byKey[id.key(n)] = n
	}
	for _, o := range old {
		n, ok := byKey[id.key(o)]
		switch {
		case !ok:
			d.breaking(id.prefix+id.goName(o), "removed (%s)", id.what(o))
			continue
		case id.goName(n) != id.goName(o):
			d.breaking(id.prefix+id.goName(o), "renamed to %s (%s)", id.goName(n), id.what(o))
		}
		delete(byKey, id.key(o))
		if id.inside != nil {
			id.inside(o, n)
		}
	}
	for _, n := range new {
		if _, ok := byKey[id.key(n)]; ok {
			d.added(id.prefix+id.goName(n), "added (%s)", id.what(n))
		}
	}
}

// types compares the named types, each a struct callers may name and
// build, and their fields.
func (d *differ) types(old, new []*model.Type) {
	identified[*model.Type]{
		key:    func(t *model.Type) string { return t.Name },
		goName: func(t *model.Type) string { return t.GoName },
		what:   func(t *model.Type) string { return fmt.Sprintf("type %q", t.Name) },
		inside: func(o, n *model.Type) { d.fields(o.GoName, o.Fields, n.GoName, n.Fields) },
	}.compare(d, old, new)
}

// families compares the documented families, each a constant.
func (d *differ) families(old, new []*model.Family) {
	identified[*model.Family]{
		key:    func(f *model.Family) string { return f.Name },
		goName: func(f *model.Family) string { return f.Const },
		what:   func(f *model.Family) string { return fmt.Sprintf("family %q", f.Name) },
	}.compare(d, old, new)
}

// captures compares the pattern placeholders, each a field of Error.
func (d *differ) captures(old, new []*model.Capture) {
	identified[*model.Capture]{
		key:    func(c *model.Capture) string { return c.Name },
		goName: func(c *model.Capture) string { return c.GoName },
		prefix: "Error.",
		what:   func(c *model.Capture) string { return "placeholder {" + c.Name + "}" },
	}.compare(d, old, new)
}

// headers compares the constants of the documented informational headers.
func (d *differ) headers(old, new []*model.InfoHeader) {
	key := func(h *model.InfoHeader) string {
		if h.Prefix {
			return h.Name + "*"
		}
		return h.Name
	}
	identified[*model.InfoHeader]{
		key:    key,
		goName: func(h *model.InfoHeader) string { return h.Const },
		what:   func(h *model.InfoHeader) string { return fmt.Sprintf("header %q", key(h)) },
	}.compare(d, old, new)
}

// familyName is the name of a code's family, "" for none.
func familyName(f *model.Family) string {
	if f == nil {
		return ""
	}
	return f.Name
}

// fieldList describes fields as "Shortfall int, Requested int".
func fieldList(fields []*model.Field) string {
	var s []string
	for _, f := range fields {
		s = append(s, f.GoName+" "+f.GoType)
	}
	return strings.Join(s, ", ")
}
