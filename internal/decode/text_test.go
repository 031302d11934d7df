package decode_test

import (
	"strings"
	"testing"

	"github.com/errgen/errgen/internal/decode"
)

// message is what Decode gives a body that is not JSON and no shape
// reads.
func message(body []byte) string {
	if decode.IsMarkup(string(body)) {
		return decode.MarkupMessage(body)
	}
	return decode.Excerpt(body)
}

func TestMarkupMessage(t *testing.T) {
	long := strings.Repeat("word ", 100)
	for _, tt := range []struct{ body, want string }{
		{"", ""},
		{"Bad gateway\n", "Bad gateway"},
		{"upstream connect error or disconnect/reset before headers", "upstream connect error or disconnect/reset before headers"},
		// An HTML page: its title, not its markup.
		{"<!DOCTYPE html>\n<!--[if lt IE 7]> <html class=\"ie6\"> <![endif]-->\n<html><head><title>example.com | 502: Bad gateway</title></head><body><h1>Bad gateway</h1></body></html>", "example.com | 502: Bad gateway"},
		{"  \r\n<html><HEAD><TITLE lang=en>\n  502   Bad\tGateway </TITLE></HEAD></html>", "502 Bad Gateway"},
		// No title, or an empty one: the first heading.
		{"<html><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>", "502 Bad Gateway"},
		{"<html><title> </title><h2 class=x>Service <b>Unavailable</b></h2><h1>later</h1>", "Service Unavailable"},
		{"<html><header>x</header><hr/><h3>Teapot</h3>", "Teapot"},
		// Neither: the text of the page, without tags, comments, scripts or styles.
		{"<html><head><style>body{color:red}</style><script type=\"x\">var a = \"<title>no</title>\";</script></head><body><p>Service</p><p>down &amp; out</p><!-- <h1>hidden</h1> --></body></html>", "Service down & out"},
		{"<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>The key does not exist.</Message></Error>", "NoSuchKey The key does not exist."},
		// Character references.
		{"<title>caf&#233; &#xE9;&#x1F600; &lt;&gt;&quot;&apos;&nbsp;x &bogus; &#0; &#xD800; &#99999999;</title>", "café é😀 <>\"' x &bogus; \ufffd \ufffd &#99999999;"},
		// A title that never ends runs to the end of the body.
		{"<title>Oops", "Oops"},
		{"<titlex>no</titlex><h7>no</h7><h1", "no no"},
		// Not markup: a '<' after other text.
		{"error: <b>x</b>", "error: <b>x</b>"},
		{"<html>" + long + "</html>", strings.TrimSpace(long)[:decode.ExcerptMax-1] + "…"},
	} {
		if got := message([]byte(tt.body)); got != tt.want {
			t.Errorf("message(%.60q) = %q, want %q", tt.body, got, tt.want)
		}
	}
}

func TestDisplay(t *testing.T) {
	for _, tt := range []struct {
		s    string
		max  int
		want string
	}{
		{"plain text", 100, "plain text"},
		{"line\nbreak\ttab\r\x00\x1b[31mred\x7f", 100, `line\nbreak\ttab\r\x00\x1b[31mred\x7f`},
		{"bidi \u202eevil\u202c \u2066x\u2069 \u200f", 100, `bidi \u202eevil\u202c \u2066x\u2069 \u200f`},
		{"sep\u2028\u2029 c1\u0085 tag\U000E0041", 100, `sep\u2028\u2029 c1\u0085 tag\U000e0041`},
		{"bad \xff\xfe utf8 é", 100, `bad \xff\xfe utf8 é`},
		{"abcdef", 3, "abc…"},
		{"ab\ncd", 3, "ab…"}, // an escape is not cut
		{"aé", 2, "a…"},      // nor a character
		{"abc", 3, "abc"},
	} {
		if got := decode.Display(tt.s, tt.max); got != tt.want {
			t.Errorf("Display(%q, %d) = %q, want %q", tt.s, tt.max, got, tt.want)
		}
	}
}

func TestReadHeader(t *testing.T) {
	for _, tt := range []struct {
		kind, v string
		want    any
		ok      bool
	}{
		{"", " as sent ", " as sent ", true},
		{"string", "", "", true},
		{"int", " 42\t", 42, true},
		{"int", "-7", -7, true},
		{"int", "4.2", 0, false},
		{"int", "99999999999999999999", 0, false},
		{"number", "0.25", 0.25, true},
		{"number", "1e3", 1000.0, true},
		{"number", "0x10", 0.0, false},
		{"number", "Inf", 0.0, false},
		{"number", "NaN", 0.0, false},
		{"number", "1_000", 0.0, false},
		{"time", "1767225600", now, true},
		{"time", "Thu, 01 Jan 2026 00:00:00 GMT", now, true},
		{"time", "Thursday, 01-Jan-26 00:00:00 GMT", now, true},
		{"time", "Thu Jan  1 00:00:00 2026", now, true},
		{"time", "2026-01-01T00:00:00Z", nil, false},
		{"time", "-5", nil, false},
	} {
		got, ok := decode.ReadHeader(tt.kind, tt.v)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("ReadHeader(%q, %q) = %v, %v; want %v, %v", tt.kind, tt.v, got, ok, tt.want, tt.ok)
		}
	}
}
