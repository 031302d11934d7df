package wire

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// refExcerpt is excerpt written rune by rune, the obvious way: excerpt
// copies runs of printable ASCII at once and must give the same text.
func refExcerpt(body string) string {
	var b strings.Builder
	space := false
	for _, r := range body {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = b.Len() > 0
			continue
		}
		n := utf8.RuneLen(r)
		if space {
			n++
		}
		if b.Len()+n > excerptMax {
			b.WriteString("…")
			break
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func FuzzExcerpt(f *testing.F) {
	long := strings.Repeat("abcdefghij", 30)
	for _, s := range []string{
		"", " ", "<html>\n  <body>Bad Gateway</body>\r\n</html>\n", "a\x00\x1b\x7fb", "bad \xff\xfe utf8",
		"line\u2028sep", "\u00a0nbsp\u0085nel", long[:200], long[:201], long[:199] + " x", long[:198] + " xy",
		long[:199] + "é", long[:197] + "\xff", strings.Repeat("é ", 120), strings.Repeat("a b ", 60),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if got, want := excerpt(body), refExcerpt(body); got != want {
			t.Errorf("excerpt(%q) = %q, want %q", body, got, want)
		}
	})
}
