// Package templates renders errgen's reference docs with text/template: the
// ERRORS.md of each generated package, from its model.Package.
//
// The templates are the *.tmpl files of this directory, embedded and parsed
// once. Spec text is data: it is escaped for Markdown, by the template
// functions or, for each code's section, before the template sees it
// (view.go), so that no summary, title or example body can break a table,
// close a code fence or inject HTML.
package templates

import (
	"embed"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"text/template"
	"unicode"

	"github.com/errgen/errgen/internal/chunked"
	"github.com/errgen/errgen/internal/decode"
	"github.com/errgen/errgen/internal/model"
)

//go:embed *.tmpl
var files embed.FS

// tmpl holds every template of this directory, by file name.
var tmpl = template.Must(template.New("").Funcs(template.FuncMap{
	"add1":         func(i int) int { return i + 1 },
	"md":           md,
	"code":         code,
	"cellcode":     cellCode,
	"status":       statusText,
	"statuses":     statusList,
	"path":         func(p decode.Path) string { return p.String() },
	"comment":      comment,
	"codelinks":    codeLinks,
	"unit":         decode.Unit.Describe,
	"applies":      appliesText,
	"retrySources": retrySources,
	"reader":       reader,
	"codeViews":    viewCodes,
}).ParseFS(files, "*.tmpl"))

// shapeNames names shapes for a sentence: "the `a` shape", "the `a` or
// `b` shape", "the `a`, `b` or `c` shape".
func shapeNames(shapes []*decode.Shape) string {
	var b strings.Builder
	b.WriteString("the ")
	for i, sh := range shapes {
		switch {
		case i == 0:
		case i == len(shapes)-1:
			b.WriteString(" or ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(code(sh.Name))
	}
	b.WriteString(" shape")
	return b.String()
}

// reader is how a documented header is read: "Headers(h).XCredits() int".
func reader(h *model.InfoHeader) string {
	if h.Prefix {
		return fmt.Sprintf("Headers(h).%s(name) %s", h.Reader, decode.HeaderGoType(h.Type))
	}
	return fmt.Sprintf("Headers(h).%s() %s", h.Reader, decode.HeaderGoType(h.Type))
}

// ErrorsMD renders ERRORS.md, the Markdown reference of m's errors: its
// shapes, headers, a status table and a section per code. The text is
// returned in chunks, in order (package chunked), which need no estimate
// of its size and were never copied to grow.
func ErrorsMD(m *model.Package) ([][]byte, error) {
	var b chunked.Buffer
	if err := tmpl.ExecuteTemplate(&b, "errors.md.tmpl", m); err != nil {
		return nil, fmt.Errorf("rendering ERRORS.md of %s: %v", m.SpecPath, err)
	}
	return b.Chunks(), nil
}

// md escapes s as Markdown text for a paragraph, list item or table cell:
// whitespace (newlines included) collapses to single spaces, HTML
// metacharacters become entities, and characters Markdown would read as
// markup are backslash-escaped. Underscores inside words stay as they are,
// since GitHub never reads them as emphasis.
func md(s string) string {
	if plainMarkdown(s) {
		return s // most summaries: nothing to collapse or escape
	}
	return escapeMarkdown(s)
}

// escapeMarkdown is md's work when s is not plainMarkdown.
func escapeMarkdown(s string) string {
	rs := []rune(strings.Join(strings.Fields(s), " "))
	var b strings.Builder
	for i, r := range rs {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\\', '`', '*', '[', ']', '|', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '_':
			if i == 0 || i == len(rs)-1 || !isWord(rs[i-1]) || !isWord(rs[i+1]) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		case '#', '+', '-', '=':
			// Only at the start can these begin a heading, list or rule.
			if i == 0 {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		case '.', ')':
			// "1. " at the start would begin an ordered list.
			if i > 0 && allDigits(rs[:i]) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// plainMarkdown reports whether md would return s unchanged: it is ASCII,
// its spaces are single and inside it, and no character is escaped by
// md's rules.
func plainMarkdown(s string) bool {
	digits := true // s[:i] is all digits
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80, c < ' ', c == 0x7f:
			return false // runes, and whitespace md collapses
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i-1] == ' ' {
				return false
			}
		case strings.IndexByte("<>&\\`*[]|~", c) >= 0:
			return false
		case c == '_':
			if i == 0 || i == len(s)-1 || !isWordByte(s[i-1]) || !isWordByte(s[i+1]) {
				return false
			}
		case c == '#', c == '+', c == '-', c == '=':
			if i == 0 {
				return false
			}
		case c == '.', c == ')':
			if i > 0 && digits {
				return false
			}
		}
		digits = digits && '0' <= c && c <= '9'
	}
	return true
}

// isWordByte is isWord for an ASCII byte.
func isWordByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func allDigits(rs []rune) bool {
	for _, r := range rs {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// lineBreaks replaces each line break with a space.
var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// code renders s as an inline code span: newlines become spaces (a span
// cannot hold them), and the span's backtick run is longer than any in s.
func code(s string) string {
	if strings.ContainsAny(s, "\r\n") {
		s = lineBreaks.Replace(s)
	}
	if s == "" {
		return ""
	}
	ticks := strings.Repeat("`", longestRun(s, '`')+1)
	if s[0] == '`' || s[len(s)-1] == '`' || (s[0] == ' ' && s[len(s)-1] == ' ') {
		s = " " + s + " " // Markdown strips one space on each side
	}
	return ticks + s + ticks
}

// cellCode is code for a table cell, where a pipe must be escaped even
// inside a code span.
func cellCode(s string) string {
	return strings.ReplaceAll(code(s), "|", `\|`)
}

// fence is the backtick fence for a code block holding s: at least three
// backticks, and more than any run in s, so no line of s can close it.
func fence(s string) string {
	return strings.Repeat("`", max(3, longestRun(s, '`')+1))
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	longest, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			longest = max(longest, n)
		} else {
			n = 0
		}
	}
	return longest
}

// body is an example body as shown in a code block: CRLF line ends become
// LF, and trailing line ends are dropped (the fence adds its own).
func body(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimRight(s, "\n")
}

// statusText is a status with its standard text: "402 Payment Required".
func statusText(status int) string {
	if t := http.StatusText(status); t != "" {
		return strconv.Itoa(status) + " " + t
	}
	return strconv.Itoa(status)
}

// statusList spells ascending statuses out: "429, 502 and 503", or
// "409, 429 and 5xx" when they hold a whole class.
func statusList(statuses []int) string {
	var b strings.Builder
	terms := decode.StatusTerms(statuses)
	for i, s := range terms {
		switch {
		case i == 0:
		case i == len(terms)-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(s)
	}
	return b.String()
}

// comment makes s safe inside an HTML comment: no "-->" can end it early.
func comment(s string) string {
	return strings.ReplaceAll(s, ">", "&gt;")
}

// anchor is the HTML id of c's section: "code-" and the code, with any
// character that does not belong in an id replaced by "-".
func anchor(c *model.Code) string {
	id := strings.Map(func(r rune) rune {
		if r < 128 && (isWord(r) || r == '_' || r == '-' || r == '.') {
			return r
		}
		return '-'
	}, c.Value)
	return "code-" + id
}

// codeLinks links each code to its section, in a table cell:
// "[`a`](#code-a), [`b`](#code-b)". One call writes a whole row's list:
// with thousands of codes, two template function calls per code (called
// through reflection) were a third of ERRORS.md's time.
func codeLinks(codes []*model.Code) string {
	var b strings.Builder
	for i, c := range codes {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("[")
		b.WriteString(cellCode(c.Value))
		b.WriteString("](#")
		b.WriteString(anchor(c))
		b.WriteString(")")
	}
	return b.String()
}

// sourceText says where an example's code came from.
func sourceText(s decode.Source) string {
	switch s {
	case decode.Body:
		return "sent in the body"
	case decode.Header:
		return "sent in the code header"
	case decode.Title:
		return "recognised by its title"
	case decode.ByPattern:
		return "recognised by a pattern"
	case decode.Headers:
		return "recognised by its headers"
	case decode.Status:
		return "recognised by the status"
	}
	return "none"
}

// appliesText says when a shape applies beyond its paths.
func appliesText(s *model.Shape) string {
	var parts []string
	switch {
	case s.Text:
		parts = append(parts, "a body that is not JSON")
	case len(s.Require) > 0:
		var req []string
		for _, p := range s.Require {
			req = append(req, code(p.String()))
		}
		what := "bodies"
		if s.Array {
			what = "JSON arrays"
		}
		parts = append(parts, what+" with "+strings.Join(req, ", "))
	case s.Array:
		parts = append(parts, "any JSON array")
	default:
		parts = append(parts, "any JSON object")
	}
	for _, m := range s.When {
		parts = append(parts, fmt.Sprintf("where %s is %s", code(m.Path.String()), code(fmt.Sprint(m.Value))))
	}
	if len(s.ContentTypes) > 0 {
		parts = append(parts, "of type "+code(strings.Join(s.ContentTypes, ", ")))
	}
	if s.Success {
		parts = append(parts, "2xx responses too")
	}
	return strings.ReplaceAll(strings.Join(parts, "; "), "|", `\|`)
}

// retrySources says where RetryAfter reads a delay, in order.
func retrySources(p *model.Package) string {
	var from []string
	if p.RetryAfterHeader != "" {
		from = append(from, "the "+code(p.RetryAfterHeader)+" header")
	}
	for _, h := range p.Schema.DelayHeaders {
		from = append(from, "the "+code(h.Name)+" header")
	}
	field := len(p.Schema.RetryFields(nil)) > 0
	for _, c := range p.Codes {
		field = field || c.RetryAfter != nil
	}
	if field {
		from = append(from, "the code's retry-delay field (see below)")
	}
	if len(from) == 0 {
		return "The " + md(p.API) + " API documents no retry delay, so `RetryAfter` reports none."
	}
	return "`RetryAfter` reads the delay from " + strings.Join(from, ", else from ") + "."
}
