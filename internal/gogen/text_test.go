package gogen

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestPlainDoc checks plainDoc against go/doc/comment: every comment it
// accepts must come back unchanged from reformatDoc, on hand-picked
// comments, on random ones built from words that go/doc/comment treats
// specially, and on random ones shaped as the doc builder writes them;
// and it must accept enough of them, or the fast path would never run.
func TestPlainDoc(t *testing.T) {
	for _, c := range []struct {
		lines []string
		plain bool
	}{
		{[]string{"CodeX is \"x\": a summary.", "", "HTTP status: 400. Retryable: no.", "", "Documented response, HTTP 400:", "", "\t{", "\t  \"error\": \"x\"", "\t}"}, true},
		{[]string{"CodeX is \"x\": a summary that wraps", "(and goes on) here."}, true},
		{[]string{"A summary that wraps", "- into a list marker."}, false},
		{[]string{"A summary that wraps", "1. into a number."}, false},
		{[]string{"First.", "", "Looks Like A Heading", "", "More text."}, false},
		{[]string{"First.", "", "Ends with a period.", "", "More text."}, true},
		{[]string{"Text with ``quotes''."}, false},
		{[]string{"Text with a [Link]."}, false},
		{[]string{"Index schema.codes[i].fields, or a[0]."}, true},
		{[]string{"After punctuation, ([Link])."}, false},
		{[]string{"Text.", "", "\t  indented twice", "\t  and again"}, false},
		{[]string{"Text.", "", "\t- a list"}, false},
		{[]string{"Text.", "\tcode right after text"}, false},
		{[]string{"Text.", "", "\tcode", "text right after code"}, false},
		{[]string{"Text.", "", "", "Two blank lines."}, false},
		{[]string{"Trailing space. "}, false},
		{[]string{"Trailing no-break space.\u00a0"}, false},
		{[]string{"A line\nbreak."}, false},
		{[]string{"A carriage\rreturn."}, false},
	} {
		if got := plainDoc(c.lines); got != c.plain {
			t.Errorf("plainDoc(%q) = %v, want %v", c.lines, got, c.plain)
		}
		if c.plain {
			if got := reformatDoc(c.lines); !slices.Equal(got, c.lines) {
				t.Errorf("go/doc/comment changes %q into %q", c.lines, got)
			}
		}
	}

	words := []string{
		"word", "Word", "Heading", "error", "(paren)", "\"quoted\"", "end.", "colon:", "-", "*", "+",
		"1.", "2)", "10", "#", "•", "[Link]", "[x]:", "http://example.com/a", "``", "''", "{", "}",
		"É", "ünïcode", "a_b", "\u00a0", " ", "\t", "<b>", "&amp;", "//", "/*", "x*y",
		"codes[i]", "x[Link]", "y[x]:", ")[Link]", "é[Link]", "a[[b]]", "[", "]", "z[",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string { return words[rng.IntN(len(words))] }
	line := func() string {
		var b strings.Builder
		switch rng.IntN(4) {
		case 0:
			return ""
		case 1:
			b.WriteString("\t")
			b.WriteString([]string{"", "", " ", "  ", "\t"}[rng.IntN(5)])
		}
		for n := 1 + rng.IntN(4); n > 0; n-- {
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "\t") {
				b.WriteByte(' ')
			}
			b.WriteString(word())
		}
		return b.String()
	}
	accepted := 0
	for range 100000 {
		var lines []string
		for n := 1 + rng.IntN(8); n > 0; n-- {
			lines = append(lines, line())
		}
		if !plainDoc(lines) {
			continue
		}
		accepted++
		if got := reformatDoc(lines); !slices.Equal(got, lines) {
			t.Fatalf("plainDoc accepts %q, but go/doc/comment prints %q", lines, got)
		}
	}
	// Comments shaped as the doc builder writes them: paragraphs of one to
	// three lines and code blocks, each after a blank line, so that most
	// are accepted and many have several paragraphs and code blocks.
	para := func() []string {
		var ls []string
		for n := 1 + rng.IntN(3); n > 0; n-- {
			l := []string{"Word", "Text", "\"Quoted", "(Paren"}[rng.IntN(4)]
			for m := rng.IntN(4); m > 0; m-- {
				l += " " + word()
			}
			ls = append(ls, l)
		}
		return ls
	}
	block := func() []string {
		var ls []string
		for n := 1 + rng.IntN(3); n > 0; n-- {
			l := "\t" + []string{"", "", " ", "\t"}[rng.IntN(4)] + word()
			for m := rng.IntN(3); m > 0; m-- {
				l += " " + word()
			}
			ls = append(ls, l)
		}
		return ls
	}
	structured, blocks := 0, 0
	for range 30000 {
		lines := para()
		for n := rng.IntN(4); n > 0; n-- {
			lines = append(lines, "")
			if rng.IntN(2) == 0 {
				lines = append(lines, block()...)
			} else {
				lines = append(lines, para()...)
			}
		}
		if !plainDoc(lines) {
			continue
		}
		structured++
		if slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, "\t") }) {
			blocks++
		}
		if got := reformatDoc(lines); !slices.Equal(got, lines) {
			t.Fatalf("plainDoc accepts %q, but go/doc/comment prints %q", lines, got)
		}
	}
	if structured < 3000 || blocks < 1000 {
		t.Errorf("plainDoc accepted %d structured comments, %d with code blocks; the test needs more", structured, blocks)
	}
	t.Logf("plainDoc accepted %d of 30,000 structured comments, %d with code blocks", structured, blocks)
	if accepted < 1000 {
		t.Errorf("plainDoc accepted %d of 100,000 random comments; the test needs more to mean something", accepted)
	}
	t.Logf("plainDoc accepted %d of 100,000 random comments", accepted)
}

// TestSingleSpaced checks singleSpaced against what it stands for,
// strings.Join(strings.Fields(s), " ") == s, on strings of spaces, other
// white space and letters.
func TestSingleSpaced(t *testing.T) {
	parts := []string{"a", "b", " ", "  ", "\t", "\n", "\u00a0", "é", "\r", "\v", "\f", "\u2003"}
	rng := rand.New(rand.NewPCG(3, 4))
	yes := 0
	for range 50000 {
		var b strings.Builder
		for n := rng.IntN(6); n > 0; n-- {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		want := strings.Join(strings.Fields(s), " ") == s
		got := singleSpaced(s)
		if got && !want {
			t.Fatalf("singleSpaced(%q) = true, but Fields and Join give %q", s, strings.Join(strings.Fields(s), " "))
		}
		if !got && want && isASCII(s) {
			t.Errorf("singleSpaced(%q) = false for ASCII text that Fields and Join keep", s)
		}
		if got {
			yes++
		}
	}
	if yes < 1000 {
		t.Errorf("singleSpaced accepted %d of 50,000 strings; the test needs more", yes)
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// TestBlockTrimsUnicodeSpace checks that a preformatted line of a doc
// comment ends as go/printer would end it: without trailing Unicode
// space, which a plain-text example body may hold.
func TestBlockTrimsUnicodeSpace(t *testing.T) {
	got := (&doc{}).block("a\u00a0\n  b \u3000\n\u2003").lines
	if want := []string{"\ta", "\t  b"}; !slices.Equal(got, want) {
		t.Errorf("block lines = %q, want %q", got, want)
	}
}
