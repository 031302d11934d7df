package gogen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/errgen/errgen/internal/chunked"
)

// The declarations of errors.go that grow with every code are written
// here as gofmt writes them, not built with jennifer and formatted: with
// thousands of codes, formatting them was most of the generator's time.
// They refer to nothing imported, and their layout is fixed: gofmt aligns
// nothing in them differently (every field of a details type has a doc
// comment of its own, which ends go/printer's alignment block, and
// newError's two-field structs have one-letter names), and doc comments of
// top-level declarations go through topDocLines, as go/printer reformats
// them. Spec text reaches them only through commentLines (comments) and
// strconv.Quote (the constants' values); names are Go identifiers the
// model checked. TestGeneratedCode and golit.Formatted hold the output to
// gofmt.

// codeDecls writes one constant per code, with everything the document
// says in its godoc, then a sentinel per code; errors.go has them right
// after the Code type.
//
//	// CodeX is "x": <summary> ...
//	const CodeX Code = "x"
//
//	var (
//		// ErrX matches, with errors.Is, every *Error whose Code is CodeX,
//		// however deeply wrapped.
//		ErrX error = sentinel(CodeX)
//	)
//
// Each constant is its own declaration, so that `go doc pkg CodeX` shows
// that code alone.
func (g *gen) codeDecls(b *chunked.Buffer) {
	for _, c := range g.p.Codes {
		b.WriteByte('\n')
		writeDocLines(b, topDocLines(codeDoc(c).lines))
		b.WriteString("const " + c.Const + " Code = " + strconv.Quote(c.Value) + "\n")
	}
	if len(g.p.Codes) == 0 {
		return
	}
	b.WriteString("\nvar (\n")
	for i, c := range g.p.Codes {
		if i > 0 {
			b.WriteByte('\n')
		}
		writeIndentedDoc(b, 1, fmt.Sprintf("%s matches, with errors.Is, every *Error whose Code is %s, however deeply wrapped.", c.Err, c.Const))
		b.WriteString("\t" + c.Err + " error = sentinel(" + c.Const + ")\n")
	}
	b.WriteString(")\n")
}

// codeDetails writes the Details interface and, for each code with typed
// fields, its struct; each declaration starts with a blank line.
//
//	type Details interface {
//		isDetails()
//	}
//
//	// XDetails are the extra fields of CodeX. ...
//	type XDetails struct {
//		// F is "f" on the wire: <summary>
//		F string
//	}
//
//	// isDetails marks the type as a Details.
//	func (*XDetails) isDetails() {}
func (g *gen) codeDetails(b *chunked.Buffer) {
	var names []string
	for _, c := range g.p.Codes {
		if c.Details != "" {
			names = append(names, "*"+c.Details)
		}
	}
	text := "Details holds the typed extra fields some codes carry; Error.Details is nil for the other codes."
	if len(names) > 0 {
		text = fmt.Sprintf("Details holds the typed extra fields some codes carry: Error.Details is one of %s, by code, and nil for the other codes.", strings.Join(names, ", "))
	}
	writeTopDecl(b, text, "type Details interface {\n\tisDetails()\n}\n")
	for _, c := range g.p.Codes {
		if c.Details == "" {
			continue
		}
		b.WriteByte('\n')
		writeDocLines(b, topDocLines(newDoc(fmt.Sprintf("%s are the extra fields of %s. A field the body lacks, or sends with another JSON type, is the zero value.", c.Details, c.Const)).lines))
		b.WriteString("type " + c.Details + " struct {\n")
		for _, fl := range c.Fields {
			writeIndentedDoc(b, 1, fieldText(fl))
			b.WriteString("\t" + fl.GoName + " " + fl.GoType + "\n")
		}
		b.WriteString("}\n")
		writeTopDecl(b, "isDetails marks the type as a Details.", "func (*"+c.Details+") isDetails() {}\n")
	}
}

// codeHooks writes the functions through which runtime.go reaches each
// code's typed fields; each starts with a blank line.
//
//	func newError(code int) *Error {
//		switch code {
//		case 5:
//			// CodeCreditExhausted
//			x := new(struct {
//				e Error
//				d CreditExhaustedDetails
//			})
//			x.e.Details = &x.d
//			return &x.e
//		}
//		return new(Error)
//	}
//
//	func (e *Error) field(k int) any {
//		switch d := e.Details.(type) {
//		case *CreditExhaustedDetails:
//			switch k {
//			case 0:
//				return &d.Requested
//			}
//		}
//		return nil
//	}
//
//	func detailsOf(d Details) int {
//		switch d.(type) {
//		case *CreditExhaustedDetails:
//			return 5
//		}
//		return -1
//	}
func (g *gen) codeHooks(b *chunked.Buffer) {
	p := g.p
	writeTopDecl(b, "newError returns a new Error for the code at index code of schema.codes (-1 for none); a code with typed fields gets its Details allocated with it, in one allocation.",
		"func newError(code int) *Error {\n")
	if p.HasDetails() {
		b.WriteString("\tswitch code {\n")
		for _, c := range p.Codes {
			if c.Details != "" {
				b.WriteString("\tcase " + strconv.Itoa(c.Index) + ":\n\t\t// " + c.Const + "\n")
				b.WriteString("\t\tx := new(struct {\n\t\t\te Error\n\t\t\td " + c.Details + "\n\t\t})\n")
				b.WriteString("\t\tx.e.Details = &x.d\n\t\treturn &x.e\n")
			}
		}
		b.WriteString("\t}\n")
	}
	b.WriteString("\treturn new(Error)\n}\n")

	writeTopDecl(b, "field returns a pointer to typed field k of e's code (the order of schema.codes[i].fields), or nil.",
		"func (e *Error) field(k int) any {\n")
	if p.HasDetails() {
		b.WriteString("\tswitch d := e.Details.(type) {\n")
		for _, c := range p.Codes {
			if c.Details == "" {
				continue
			}
			b.WriteString("\tcase *" + c.Details + ":\n\t\tswitch k {\n")
			for k, fl := range c.Fields {
				b.WriteString("\t\tcase " + strconv.Itoa(k) + ":\n\t\t\treturn &d." + fl.GoName + "\n")
			}
			b.WriteString("\t\t}\n")
		}
		b.WriteString("\t}\n")
	}
	b.WriteString("\treturn nil\n}\n")

	writeTopDecl(b, "detailsOf returns the index in schema.codes of the code whose Details d is, or -1.",
		"func detailsOf(d Details) int {\n")
	if p.HasDetails() {
		b.WriteString("\tswitch d.(type) {\n")
		for _, c := range p.Codes {
			if c.Details != "" {
				b.WriteString("\tcase *" + c.Details + ":\n\t\treturn " + strconv.Itoa(c.Index) + "\n")
			}
		}
		b.WriteString("\t}\n")
	}
	b.WriteString("\treturn -1\n}\n")
}

// writeTopDecl writes a blank line, the doc comment text (a top-level
// one, as gofmt reformats it) and a declaration.
func writeTopDecl(b *chunked.Buffer, text, decl string) {
	b.WriteByte('\n')
	writeDocLines(b, topDocLines(newDoc(text).lines))
	b.WriteString(decl)
}

// writeIndentedDoc writes text as the doc comment of a declaration
// indented by depth tabs (a struct field, a spec in a var block), which
// gofmt indents but does not reformat.
func writeIndentedDoc(b *chunked.Buffer, depth int, text string) {
	for _, l := range commentLines(text, 74) {
		for range depth {
			b.WriteByte('\t')
		}
		b.WriteString(docPrefix(l))
		b.WriteString(l)
		b.WriteByte('\n')
	}
}
