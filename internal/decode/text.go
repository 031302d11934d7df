package decode

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of the text errgen's errors show; internal/runtime declares the
// same values (a test holds them equal).
const (
	// MaxShownMessage is the most bytes of a message Display shows in
	// Error() and in the safe view (LogValue, MarshalJSON, GoString)
	// before "…".
	MaxShownMessage = 512
	// MaxShownValue is the most bytes of a code, a request id or a header
	// value shown there before "…".
	MaxShownValue = 128
)

// MarkupMessage is the Message of a body that is markup (see IsMarkup):
// an HTML page from a proxy or a load balancer, an XML error. Decode gives
// it instead of the excerpt of a body that is not JSON, or the whole body
// a text shape reads: the text of the page's first <title> element, else
// of its first heading (<h1> to <h6>), else of the whole document,
// leaving out comments, scripts and styles (see Visible and MarkupText),
// as an Excerpt: one short line.
//
// Element names match ASCII case-insensitively; an element is its start
// tag ("<title" followed by '>', '/' or ASCII white space, up to the next
// '>') and the text up to its end tag ("</title"), or to the end of the
// body when it has none. A title or heading whose text is empty is
// skipped.
func MarkupMessage(body []byte) string {
	s := Visible(string(body))
	lower := asciiLower(s)
	if t, ok := element(s, lower, "title", "</title"); ok {
		if m := Excerpt([]byte(MarkupText(t))); m != "" {
			return m
		}
	}
	for from := 0; ; {
		i := strings.Index(lower[from:], "<h")
		if i < 0 {
			break
		}
		i += from
		from = i + 2
		if i+3 >= len(s) || lower[i+2] < '1' || lower[i+2] > '6' || !tagEnd(lower[i+3]) {
			continue
		}
		if t, ok := element(s[i:], lower[i:], lower[i+1:i+3], "</"+lower[i+1:i+3]); ok {
			if m := Excerpt([]byte(MarkupText(t))); m != "" {
				return m
			}
		}
		break // only the first heading counts
	}
	return Excerpt([]byte(MarkupText(s)))
}

// Visible returns markup without what a browser does not show as text:
// each comment ("<!--" to "-->") and each script and style element
// ("<script" or "<style" followed by '>', '/' or white space, to the end
// of its end tag) becomes a space; one that does not end runs to the end.
func Visible(s string) string {
	lower := asciiLower(s)
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '<' && strings.HasPrefix(s[i:], "<!--"):
			b.WriteByte(' ')
			if k := strings.Index(s[i+4:], "-->"); k >= 0 {
				i += 4 + k + 3
			} else {
				i = len(s)
			}
		case c == '<' && (rawTag(lower[i:], "script") || rawTag(lower[i:], "style")):
			name := "script"
			if lower[i+2] == 't' {
				name = "style"
			}
			b.WriteByte(' ')
			k := strings.Index(lower[i+1:], "</"+name)
			if k < 0 {
				i = len(s)
				break
			}
			i += 1 + k
			if gt := strings.IndexByte(s[i:], '>'); gt >= 0 {
				i += gt + 1
			} else {
				i = len(s)
			}
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// IsMarkup reports whether a body that is not JSON is markup: its first
// character other than ASCII white space is '<' (after a byte order mark,
// which Decode skips).
func IsMarkup(s string) bool {
	s = strings.TrimLeft(s, " \t\n\r\f")
	return s != "" && s[0] == '<'
}

// element returns the text of the first element named name in s (lower is
// s in ASCII lower case), up to end (its end tag, in lower case) or the end
// of s. It reports false when s has no such start tag.
func element(s, lower, name, end string) (string, bool) {
	open := "<" + name
	for from := 0; ; {
		i := strings.Index(lower[from:], open)
		if i < 0 {
			return "", false
		}
		i += from
		from = i + 1
		j := i + len(open)
		if j >= len(s) || !tagEnd(lower[j]) {
			continue
		}
		gt := strings.IndexByte(s[j:], '>')
		if gt < 0 {
			return "", false
		}
		start := j + gt + 1
		if k := strings.Index(lower[start:], end); k >= 0 {
			return s[start : start+k], true
		}
		return s[start:], true
	}
}

// tagEnd reports whether c may follow a tag name.
func tagEnd(c byte) bool {
	switch c {
	case '>', '/', ' ', '\t', '\n', '\r', '\f':
		return true
	}
	return false
}

// asciiLower returns s with ASCII letters in lower case: every byte keeps
// its offset.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// MarkupText returns the text of markup (after Visible): each tag ('<'
// followed by a letter, '/', '!' or '?', to the next '>') becomes a space,
// and character references are decoded: &amp; &lt; &gt; &quot; &apos;
// &nbsp; and numeric ones (&#233; &#xE9;; one that names no character is
// U+FFFD). Anything else stands for itself.
func MarkupText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '<' && i+1 < len(s) && tagStart(s[i+1]):
			b.WriteByte(' ')
			if gt := strings.IndexByte(s[i+1:], '>'); gt >= 0 {
				i += 1 + gt + 1
			} else {
				i = len(s)
			}
		case c == '&':
			r, n := reference(s[i:])
			if n == 0 {
				b.WriteByte(c)
				i++
				break
			}
			b.WriteRune(r)
			i += n
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// rawTag reports whether lower starts with the start tag of a raw-text
// element: "<name" followed by '>', '/' or white space.
func rawTag(lower, name string) bool {
	return strings.HasPrefix(lower, "<"+name) && len(lower) > len(name)+1 && tagEnd(lower[len(name)+1])
}

// tagStart reports whether c, after '<', starts a tag.
func tagStart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '/' || c == '!' || c == '?'
}

// references are the named character references MarkupText decodes.
var references = map[string]rune{"amp": '&', "lt": '<', "gt": '>', "quot": '"', "apos": '\'', "nbsp": '\u00a0'}

// reference decodes the character reference at the start of s ('&'
// included, ';' required) and returns its rune and length; n is 0 when s
// does not start with one MarkupText decodes.
func reference(s string) (r rune, n int) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 10 {
		return 0, 0
	}
	name := s[1:end]
	if r, ok := references[name]; ok {
		return r, end + 1
	}
	if name[0] != '#' || len(name) < 2 {
		return 0, 0
	}
	digits, base := name[1:], 10
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	if digits == "" || len(digits) > 7 {
		return 0, 0
	}
	v, err := strconv.ParseUint(digits, base, 32)
	if err != nil || digits[0] == '+' {
		return 0, 0
	}
	if v == 0 || v > unicode.MaxRune || 0xD800 <= v && v <= 0xDFFF {
		return utf8.RuneError, end + 1
	}
	return rune(v), end + 1
}

// Display returns text from a response as errgen's errors show it, safe
// for a terminal or a log line: each control character (C0, DEL, C1),
// Unicode format character (category Cf: bidi controls such as U+202E,
// zero-width characters) and line or paragraph separator is escaped as in
// a Go string literal (\n, \t, \x1b, \u202e), each byte of invalid UTF-8
// as \xNN; and text past max bytes is cut on a character or escape
// boundary and marked with "…".
func Display(s string, max int) string {
	var b strings.Builder
	var buf [10]byte
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		esc := escape(buf[:0], r, n, s[i])
		if len(esc) == 0 {
			esc = []byte(s[i : i+n])
		}
		if b.Len()+len(esc) > max {
			b.WriteString("…")
			break
		}
		b.Write(esc)
		i += n
	}
	return b.String()
}

// escape appends to buf the escape Display writes for the character r
// (n bytes, the first c), or nothing when r stands for itself.
func escape(buf []byte, r rune, n int, c byte) []byte {
	const hex = "0123456789abcdef"
	switch {
	case r == utf8.RuneError && n == 1:
		return append(buf, '\\', 'x', hex[c>>4], hex[c&15])
	case r < 0x80 && (r < 0x20 || r == 0x7f):
		if k := strings.IndexByte("\a\b\f\n\r\t\v", c); k >= 0 {
			return append(buf, '\\', "abfnrtv"[k])
		}
		return append(buf, '\\', 'x', hex[c>>4], hex[c&15])
	case r >= 0x80 && (unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)):
		if r < 0x10000 {
			buf = append(buf, '\\', 'u')
			for s := 12; s >= 0; s -= 4 {
				buf = append(buf, hex[r>>uint(s)&15])
			}
			return buf
		}
		buf = append(buf, '\\', 'U')
		for s := 28; s >= 0; s -= 4 {
			buf = append(buf, hex[r>>uint(s)&15])
		}
		return buf
	}
	return buf
}
