package templates

import (
	"fmt"
	"iter"
	"time"

	"github.com/errgen/errgen/internal/model"
)

// codeView is what code.md.tmpl renders of one code: the facts its
// sentences choose between, and the spec's text already escaped for where
// it goes (code spans, Markdown text, table cells). They are computed
// here once rather than by template functions, which text/template calls
// through reflection: with thousands of codes, those calls were most of
// ERRORS.md's time. The template prints every string field as it is:
// each is escaped here, but DocURL, which the loader accepts only as a
// URL Markdown and godoc show whole.
type codeView struct {
	Anchor, Value, Summary, Remedy string
	Statuses                       string // the documented statuses as a phrase; "" for none
	Status                         int    // the first documented status
	FamilyName, FamilyConst        string // code spans; FamilyConst "" for no family

	RetryByStatus, Retryable, RetryDocumented bool
	DefaultDelay                              time.Duration
	RetryAfter                                *retryAfterView

	DocURL              string // as the spec gives it (validated as a URL)
	Const, Err, Details string // code spans; Details "" for none
	DetailsPtr          string // "*XDetails" as a code span
	HasWire             bool   // WriteError writes a shape, not plain text
	Wire                string // that shape's name, a code span
	Sent                bool
	SentIn, SuccessIn   string // phrases naming shapes; "" for none
	Recognised          bool   // titles, patterns, headers or the status recognise it
	Titles              []string
	Patterns            []patternView
	WhenHeaders         []string // "Name: value" code spans
	ByStatus            bool
	Fields              []fieldView
	Examples            []exampleView
}

// retryAfterView is a code's retry-delay field.
type retryAfterView struct{ Wire, Path, Unit string }

// patternView is a message pattern and the Error fields it sets.
type patternView struct {
	Text     string
	Captures []string
}

// fieldView is a row of a typed-fields table: every string a table cell.
type fieldView struct {
	Wire, Path, GoName, GoType, Summary string
	RetryAfter                          bool
	SingleValue                         bool     // the document lists one value
	FirstConst                          string   // the first documented value's constant
	Values                              []string // the documented values
}

// exampleView is what example.md.tmpl renders of a documented response.
type exampleView struct {
	HasTitle                   bool
	Title, Status, Fence, Body string
	Header                     []string // "Name: value" code spans
	Code, Source               string   // Code "" when it decodes to none
	Message, RequestID         string   // "" for none
	Retryable, HasRetryAfter   bool
	RetryAfter                 time.Duration
}

// viewCode computes c's codeView.
func viewCode(c *model.Code) codeView {
	v := codeView{
		Anchor:          anchor(c),
		Value:           code(c.Value),
		Summary:         md(c.Summary),
		Remedy:          md(c.Remedy),
		Status:          c.Status,
		RetryByStatus:   c.Rule.RetryByStatus(),
		Retryable:       c.Retryable,
		RetryDocumented: c.RetryDocumented,
		DefaultDelay:    c.Rule.DefaultDelay,
		DocURL:          c.DocURL,
		Const:           code(c.Const),
		Err:             code(c.Err),
		Sent:            c.Rule.Sent,
		ByStatus:        c.ByStatus,
		Recognised:      len(c.Titles) > 0 || len(c.Patterns) > 0 || c.ByStatus || len(c.WhenHeaders) > 0,
	}
	if len(c.Statuses) > 0 {
		v.Statuses = c.StatusPhrase(statusText)
	}
	if c.Family != nil {
		v.FamilyName, v.FamilyConst = code(c.Family.Name), code(c.Family.Const)
	}
	if f := c.RetryAfter; f != nil {
		v.RetryAfter = &retryAfterView{Wire: code(f.Wire), Unit: f.Unit.Describe()}
		if f.Path != nil {
			v.RetryAfter.Path = code(f.Path.String())
		}
	}
	if c.Details != "" {
		v.Details, v.DetailsPtr = code(c.Details), code("*"+c.Details)
	}
	if c.Rule.Wire != nil {
		v.HasWire, v.Wire = true, code(c.Rule.Wire.Name)
	}
	if len(c.Rule.SentIn) > 0 {
		v.SentIn = shapeNames(c.Rule.SentIn)
	}
	if len(c.Rule.SuccessIn) > 0 {
		v.SuccessIn = shapeNames(c.Rule.SuccessIn)
	}
	for _, t := range c.Titles {
		v.Titles = append(v.Titles, code(t))
	}
	for _, p := range c.Patterns {
		pv := patternView{Text: code(p.Text)}
		for _, cp := range p.Captures {
			pv.Captures = append(pv.Captures, code("Error."+cp.GoName))
		}
		v.Patterns = append(v.Patterns, pv)
	}
	for _, h := range c.WhenHeaders {
		v.WhenHeaders = append(v.WhenHeaders, code(h.Shown+": "+h.Value))
	}
	for _, f := range c.Fields {
		fv := fieldView{
			Wire:       cellCode(f.Wire),
			GoName:     cellCode(f.GoName),
			GoType:     cellCode(f.GoType),
			Summary:    md(f.Summary),
			RetryAfter: f.RetryAfter,
		}
		if f.Path != nil {
			fv.Path = cellCode(f.Path.String())
		}
		for i, val := range f.Values {
			if i == 0 {
				fv.FirstConst = cellCode(val.Const)
			}
			fv.Values = append(fv.Values, cellCode(val.Value))
		}
		fv.SingleValue = len(f.Values) == 1
		v.Fields = append(v.Fields, fv)
	}
	for _, ex := range c.Examples {
		v.Examples = append(v.Examples, viewExample(ex))
	}
	return v
}

// viewExample computes ex's exampleView.
func viewExample(ex *model.Example) exampleView {
	w := ex.Want
	v := exampleView{
		HasTitle:      ex.Title != "",
		Title:         md(ex.Title),
		Status:        statusText(ex.Status),
		Fence:         fence(ex.Body),
		Body:          body(ex.Body),
		Message:       code(w.Message),
		RequestID:     code(w.RequestID),
		Retryable:     w.Retryable,
		HasRetryAfter: w.HasRetryAfter,
		RetryAfter:    w.RetryAfter,
	}
	for _, h := range ex.Header {
		v.Header = append(v.Header, code(fmt.Sprintf("%s: %s", h.Shown, h.Value)))
	}
	if w.Code != "" {
		v.Code, v.Source = code(w.Code), sourceText(w.By)
	}
	return v
}

// viewCodes yields the codeView of each of p's codes, computed as the
// template reaches it: the views of thousands of codes are never all held
// at once.
func viewCodes(p *model.Package) iter.Seq[codeView] {
	return func(yield func(codeView) bool) {
		for _, c := range p.Codes {
			if !yield(viewCode(c)) {
				return
			}
		}
	}
}
