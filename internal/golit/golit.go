// Package golit writes Go composite literals directly in the layout gofmt
// gives them, so that the large data tables of a generated file (one entry
// per documented code or example) need not go through go/format, which
// measures every element of a composite literal to align its keys and
// costs several times more per byte than the rest of a file.
//
// The layout is the one go/printer produces for a literal written one
// element per line: in a run of consecutive keyed elements whose values
// fit on one line, the values are aligned one space after the longest
// "key:"; an element whose value spans several lines stands alone, with
// one space after its colon. A literal on one line gets ", " between its
// elements and ": " after each key. Comments go on lines of their own
// above an element. Test any new use with Formatted: the package's tests
// hold the layout to go/format on generated trees, and errgen's tests hold
// every generated file to it.
//
//	v := &golit.Composite{Type: "[]codeInfo", Lines: true, Elems: []golit.Elem{
//		{Value: &golit.Composite{Lines: true, Elems: []golit.Elem{
//			{Key: "code", Value: golit.Expr("CodeRateLimited")},
//			{Key: "status", Value: golit.Int(429)},
//		}}},
//	}}
//
// writes
//
//	[]codeInfo{
//		{
//			code:   CodeRateLimited,
//			status: 429,
//		},
//	}
package golit

import (
	"bytes"
	"fmt"
	"go/format"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/errgen/errgen/internal/chunked"
)

// Value is a Go expression: an Expr or a *Composite.
type Value interface {
	multiline() bool
	write(b *chunked.Buffer, depth int)
	size() int // bytes on one line
}

// Expr is an expression written as is; it must be a single line of Go
// that gofmt leaves unchanged (an identifier, a literal, a call).
type Expr string

// Int is an integer literal.
func Int(n int) Expr { return Expr(strconv.Itoa(n)) }

// String is a string literal, quoted as strconv.Quote does.
func String(s string) Expr { return Expr(strconv.Quote(s)) }

// Bool is true or false.
func Bool(v bool) Expr { return Expr(strconv.FormatBool(v)) }

func (e Expr) size() int { return len(e) }

func (c *Composite) size() int {
	n := len(c.Type) + 2
	for i, e := range c.Elems {
		if i > 0 {
			n += 2 // ", "
		}
		if e.Key != "" {
			n += len(e.Key) + 2 // ": "
		}
		n += e.Value.size()
	}
	return n
}

func (Expr) multiline() bool                  { return false }
func (e Expr) write(b *chunked.Buffer, _ int) { b.WriteString(string(e)) }
func (e Expr) String() string                 { return string(e) }
func (c *Composite) multiline() bool          { return c.Lines && len(c.Elems) > 0 }

// Composite is a composite literal: Type (such as "[]codeInfo" or
// "&exampleResponse"; "" where Go lets it be elided) and its elements. With
// Lines, each element goes on a line of its own; otherwise all go on one
// line, and no element may span several.
type Composite struct {
	Type  string
	Elems []Elem
	Lines bool
}

// Elem is an element of a composite literal: a value, with its key in a
// keyed literal (a field name or an expression, at most 40 bytes: gofmt
// aligns longer keys by other rules) and, in a literal with Lines, comment
// lines written above it (each without "//").
type Elem struct {
	Key     string
	Value   Value
	Comment []string
}

// MaxKey is the longest key a literal with Lines may have: go/printer
// aligns keys of up to 40 bytes in one run (its smallSize), the one rule
// this package implements, and weighs longer ones against the others.
const MaxKey = 40

func (c *Composite) write(b *chunked.Buffer, depth int) {
	b.WriteString(c.Type)
	b.WriteByte('{')
	if !c.multiline() {
		for i, e := range c.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			if e.Key != "" {
				b.WriteString(e.Key)
				b.WriteString(": ")
			}
			e.Value.write(b, depth)
		}
		b.WriteByte('}')
		return
	}
	b.WriteByte('\n')
	for i := 0; i < len(c.Elems); {
		// A run: consecutive keyed elements on one line each, whose values
		// are aligned; any other element is a run of its own.
		// Widths are in runes, as text/tabwriter counts them (gofmt's
		// 40-byte limit on keys is in bytes).
		j, width := i+1, utf8.RuneCountInString(c.Elems[i].Key)
		if c.aligned(i) {
			for j < len(c.Elems) && c.aligned(j) && len(c.Elems[j].Comment) == 0 {
				width = max(width, utf8.RuneCountInString(c.Elems[j].Key))
				j++
			}
		}
		for k := i; k < j; k++ {
			e := c.Elems[k]
			for _, l := range e.Comment {
				indent(b, depth+1)
				// go/printer trims every space (unicode.IsSpace) at the end.
				b.WriteString(strings.TrimRightFunc("// "+l, unicode.IsSpace))
				b.WriteByte('\n')
			}
			indent(b, depth+1)
			if e.Key != "" {
				b.WriteString(e.Key)
				b.WriteByte(':')
				pad := 1
				if len(c.Elems) > 1 && c.aligned(k) {
					pad += width - utf8.RuneCountInString(e.Key)
				}
				b.WriteString(strings.Repeat(" ", pad))
			}
			e.Value.write(b, depth+1)
			b.WriteString(",\n")
		}
		i = j
	}
	indent(b, depth)
	b.WriteByte('}')
}

// aligned reports whether element i takes part in a run of aligned keys:
// it has a key and it fits on one line, as go/printer's exprList measures
// it: at most a million bytes (its "infinity"), "key: value" included.
func (c *Composite) aligned(i int) bool {
	e := c.Elems[i]
	return e.Key != "" && !e.Value.multiline() && len(e.Key)+2+e.Value.size() <= maxLine
}

// maxLine is go/printer's infinity: a longer element is laid out as one
// that spans several lines.
const maxLine = 1e6

func indent(b *chunked.Buffer, depth int) {
	for range depth {
		b.WriteByte('\t')
	}
}

// Write appends v to b as it stands at depth tabs of indentation (the
// indentation of the line it starts on; the first line is not indented).
// It reports an error for a key longer than 40 bytes in a literal with
// Lines, or a literal on one line that holds one with Lines.
func Write(b *chunked.Buffer, v Value, depth int) error {
	if err := check(v, false); err != nil {
		return err
	}
	v.write(b, depth)
	return nil
}

func check(v Value, inLine bool) error {
	c, ok := v.(*Composite)
	if !ok {
		return nil
	}
	if inLine && c.multiline() {
		return fmt.Errorf("golit: %s{...} with Lines inside a literal on one line", c.Type)
	}
	for _, e := range c.Elems {
		if c.Lines && len(e.Key) > MaxKey {
			return fmt.Errorf("golit: key %.20q... longer than %d bytes", e.Key, MaxKey)
		}
		if !c.Lines && len(e.Comment) > 0 {
			return fmt.Errorf("golit: a comment inside a literal on one line")
		}
		if err := check(e.Value, inLine || !c.Lines); err != nil {
			return err
		}
	}
	return nil
}

// Formatted reports whether src, a Go source file, is as gofmt writes it;
// when it is not, the error shows the first line that differs. Tests use
// it; generation does not (that is the point of this package).
func Formatted(src []byte) error {
	out, err := format.Source(src)
	if err != nil {
		return err
	}
	if bytes.Equal(out, src) {
		return nil
	}
	got, want := strings.Split(string(src), "\n"), strings.Split(string(out), "\n")
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Errorf("line %d is %q, gofmt writes %q", i+1, got[i], want[i])
		}
	}
	return fmt.Errorf("%d lines, gofmt writes %d", len(got), len(want))
}
