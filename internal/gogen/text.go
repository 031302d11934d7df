package gogen

import (
	"go/doc/comment"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
	"github.com/errgen/errgen/internal/chunked"
)

// commentLines turns spec text into safe comment lines: it splits at line
// breaks, drops control and format characters (NUL, bidi overrides, ...),
// replaces invalid UTF-8, and wraps at width columns. A line never holds a
// newline, so each becomes one "//" comment and spec text can never end a
// comment or start code.
func commentLines(text string, width int) []string {
	var out []string
	for _, para := range strings.Split(strings.ToValidUTF8(text, "\uFFFD"), "\n") {
		if para = cleanLine(para); !singleSpaced(para) {
			para = strings.Join(strings.Fields(para), " ")
		}
		if para == "" {
			continue
		}
		out = append(out, wrap(para, width)...)
	}
	return out
}

// singleSpaced reports whether strings.Join(strings.Fields(s), " ") is s:
// s is ASCII, and its only white space is single spaces between words.
func singleSpaced(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' '):
			return false
		}
	}
	return true
}

// cleanLine replaces every rune that could change how a comment line is
// read (control characters, Unicode format characters such as U+202E,
// line and paragraph separators) with a space.
func cleanLine(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return strings.Map(cleanRune, s)
		}
	}
	return s // printable ASCII, the usual case: nothing to replace
}

// cleanRune is cleanLine's replacement of one rune.
func cleanRune(r rune) rune {
	if r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) ||
		unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r) {
		if r == utf8.RuneError {
			return r
		}
		return ' '
	}
	return r
}

// wrap breaks s at spaces into lines of at most width bytes where it can.
func wrap(s string, width int) []string {
	var lines []string
	for len(s) > width {
		cut := strings.LastIndexByte(s[:width+1], ' ')
		if cut <= 0 {
			cut = strings.IndexByte(s, ' ')
			if cut < 0 {
				break
			}
		}
		lines = append(lines, s[:cut])
		s = strings.TrimLeft(s[cut:], " ")
	}
	return append(lines, s)
}

// doc is a doc comment built a line at a time.
type doc struct{ lines []string }

// text adds spec text as one or more wrapped lines.
func (d *doc) text(format string) *doc {
	d.lines = append(d.lines, commentLines(format, 74)...)
	return d
}

// para starts a new paragraph.
func (d *doc) para() *doc {
	if len(d.lines) > 0 && d.lines[len(d.lines)-1] != "" {
		d.lines = append(d.lines, "")
	}
	return d
}

// item adds a list item ("  - text"), wrapped with its continuation lines
// indented under the text, as gofmt writes a doc comment's list.
func (d *doc) item(text string) *doc {
	for i, l := range commentLines(text, 70) {
		if i == 0 {
			d.lines = append(d.lines, "  - "+l)
		} else {
			d.lines = append(d.lines, "    "+l)
		}
	}
	return d
}

// code adds a preformatted line (indented in godoc), keeping its leading
// tabs; anything else that could break the comment is cleaned as in
// commentLines.
func (d *doc) code(s string) *doc {
	body := strings.TrimLeft(s, "\t")
	indent := strings.Repeat("\t", 1+len(s)-len(body))
	for _, l := range commentLines(body, 1<<30) {
		d.lines = append(d.lines, indent+l)
	}
	return d
}

// block adds verbatim text, such as a JSON body, as preformatted lines:
// leading spaces and inner spacing stay; control and format characters
// become spaces, as in commentLines.
func (d *doc) block(text string) *doc {
	for _, l := range strings.Split(strings.ToValidUTF8(text, "\uFFFD"), "\n") {
		// go/printer trims every Unicode space from the end of a comment
		// line (a plain-text body's line may end in U+00A0).
		if l = strings.TrimRightFunc(cleanLine(l), unicode.IsSpace); l != "" {
			d.lines = append(d.lines, "\t"+l)
		}
	}
	return d
}

// decl returns the comment followed by code, as one statement, for a
// top-level declaration: the comment as gofmt leaves it, reformatted by
// go/doc/comment (topDocLines). go/format would not reformat it in
// render's one pass, because jennifer writes a space before the
// declaration's keyword, so gofmt would on the generated file: a summary
// with two single quotes in a row became a curly quote there.
func (d *doc) decl(code jen.Code) *jen.Statement {
	return commented(topDocLines(d.lines), code)
}

// inner is decl for one item of a group (a struct field, a const or var
// spec in a block): gofmt indents such a comment but does not reformat it.
func (d *doc) inner(code jen.Code) *jen.Statement {
	lines := d.lines
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return commented(lines, code)
}

// commented returns comment lines followed by code, as one statement.
func commented(lines []string, code jen.Code) *jen.Statement {
	s := jen.Null()
	for _, l := range docLines(lines) {
		s.Comment(l).Line()
	}
	return s.Add(code)
}

// newDoc starts a doc comment with a line of text.
func newDoc(text string) *doc { return (&doc{}).text(text) }

// docLines renders comment lines as gofmt writes them (docPrefix).
func docLines(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = docPrefix(l) + l
	}
	return out
}

// docPrefix is what goes before a comment line, as gofmt writes it: "//"
// alone for a blank line, "//" before a preformatted line (which starts
// with a tab), "// " before the rest.
func docPrefix(l string) string {
	if l == "" || l[0] == '\t' {
		return "//"
	}
	return "// "
}

// topDocLines returns the lines of the doc comment of a top-level
// declaration (without their "//") as gofmt writes them: go/printer
// reformats such a comment with go/doc/comment (so that spec text such as
// "- a" becomes a list item), and this does the same, for text that is not
// formatted afterwards. It follows go/printer's formatDocComment: the
// text, parsed and printed with the zero comment.Parser and
// comment.Printer. Our lines are never directives ("//go:..."): they
// start "// ". Lines that plainDoc accepts are returned as they are,
// without the round trip, which is most of a code's doc comment's cost.
func topDocLines(lines []string) []string {
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 || plainDoc(lines) {
		return lines
	}
	return reformatDoc(lines)
}

// reformatDoc is lines parsed and printed by go/doc/comment.
func reformatDoc(lines []string) []string {
	var p comment.Parser
	var pr comment.Printer
	text := string(pr.Comment(p.Parse(strings.Join(lines, "\n") + "\n")))
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n")
}

// writeDocLines writes lines to b as docLines renders them, a line each.
func writeDocLines(b *chunked.Buffer, lines []string) {
	for _, l := range lines {
		b.WriteString(docPrefix(l))
		b.WriteString(l)
		b.WriteByte('\n')
	}
}

// plainDoc reports whether go/doc/comment would print lines (doc comment
// text without "//", the last line not blank) exactly as they are. It
// accepts only what the doc builder writes when spec text holds nothing
// special, and is conservative: a false answer costs only time.
// TestPlainDoc holds it to go/doc/comment on random comments. Accepted:
//
//   - paragraphs: lines starting with an ASCII letter, '"' or '(', without
//     '[' except right after a letter or digit (doc links, link
//     definitions: plainBrackets), two backquotes or two single
//     quotes (which go/doc/comment turns into curly quotes), separated
//     by single blank lines; a paragraph of one line (after the first)
//     must not end in a letter or digit, or it could be read as a
//     heading;
//   - code blocks: lines starting with a tab, after a blank line and
//     followed by a blank line or the end, whose common indentation is
//     exactly one tab, and whose first line does not start with a list
//     marker ('-', '*', '+', a digit or '•').
//
// No line may end in white space or hold a control character other than
// tabs.
func plainDoc(lines []string) bool {
	if len(lines) == 0 || lines[0] == "" || lines[len(lines)-1] == "" {
		return false
	}
	for _, l := range lines {
		for j := 0; j < len(l); j++ {
			if c := l[j]; c < 0x20 && c != '\t' || c == 0x7f {
				return false // a line break or control character: not one line
			}
		}
	}
	for i := 0; i < len(lines); {
		l := lines[i]
		switch {
		case l == "":
			if lines[i-1] == "" {
				return false // two blank lines: printed as one
			}
			i++
		case l[0] == '\t':
			if i == 0 || lines[i-1] != "" {
				return false // code right after text
			}
			// The block: tab lines, possibly with blank lines between.
			end, one := i, false
			for end < len(lines) && (lines[end] == "" || lines[end][0] == '\t') {
				if c := lines[end]; c != "" {
					if !trimmedRight(c) {
						return false
					}
					if c[1] != ' ' && c[1] != '\t' {
						one = true // this line's indentation is one tab
					}
				}
				end++
			}
			for lines[end-1] == "" {
				end-- // trailing blank lines end the block
			}
			if !one || listMarker(strings.TrimLeftFunc(l, unicode.IsSpace)) {
				return false
			}
			if end < len(lines) && lines[end] != "" {
				return false // text right after code
			}
			i = end
		default:
			start := i
			for i < len(lines) && lines[i] != "" {
				t := lines[i]
				if t[0] == '\t' {
					return false // code right after text
				}
				if !plainStart(t[0]) || !trimmedRight(t) ||
					!plainBrackets(t) || strings.Contains(t, "``") || strings.Contains(t, "''") {
					return false
				}
				i++
			}
			if i-start == 1 && start > 0 {
				if c := lines[start][len(lines[start])-1]; c >= 0x80 || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
					return false // could be an old-style heading
				}
			}
		}
	}
	return true
}

// plainBrackets reports whether every '[' of a text line follows an ASCII
// letter or digit: go/doc/comment reads "[Name]" as a doc link only after
// white space or punctuation, and "[Text]: URL" as a link definition only
// at the start of a line (which also makes "[Text]" elsewhere a link), so
// "codes[i]" is plain text.
func plainBrackets(t string) bool {
	for j := 0; j < len(t); j++ {
		if t[j] == '[' && (j == 0 || !isASCIIAlnum(t[j-1])) {
			return false
		}
	}
	return true
}

// isASCIIAlnum reports whether c is an ASCII letter or digit.
func isASCIIAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// plainStart reports whether a text line starting with c is plain text
// to go/doc/comment: a letter, '"' or '(' never starts a list marker,
// heading or link definition.
func plainStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '"' || c == '('
}

// trimmedRight reports whether l does not end in white space (Unicode's,
// which go/printer trims from the end of a comment).
func trimmedRight(l string) bool {
	r, _ := utf8.DecodeLastRuneInString(l)
	return !unicode.IsSpace(r)
}

// listMarker reports whether a line, without its leading white space
// (Unicode's, as go/doc/comment trims it there), could start a list item:
// a bullet, or a digit that could start a number.
func listMarker(l string) bool {
	return l != "" && (strings.ContainsRune("-*+0123456789", rune(l[0])) || strings.HasPrefix(l, "•"))
}
