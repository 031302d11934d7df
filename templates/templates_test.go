package templates

import (
	"bytes"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/errgen/errgen/internal/decode"
	"github.com/errgen/errgen/internal/model"
	"github.com/errgen/errgen/internal/spec"
)

// TestRealSpecs renders the ERRORS.md of every spec in spec/ and checks its
// structure.
func TestRealSpecs(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "spec", "*.toml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no specs found: %v", err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := spec.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			m, err := model.Build(f)
			if err != nil {
				t.Fatal(err)
			}
			chunks, err := ErrorsMD(m)
			if err != nil {
				t.Fatal(err)
			}
			out := bytes.Join(chunks, nil)
			doc := parseDoc(t, string(out))
			checkStructure(t, m, doc)
			for _, c := range m.Codes {
				want := fmt.Sprintf("### <a id=\"code-%s\"></a>`%s`", c.Value, c.Value)
				if n := count(doc.lines, want); n != 1 {
					t.Errorf("heading %q appears %d times, want once", want, n)
				}
			}
		})
	}
}

// TestHostile renders spec text that tries to break tables, fences and
// headings and to inject HTML.
func TestHostile(t *testing.T) {
	const evil = "a | b\n# not a heading\n- not a list `tick` <script>alert(1)</script> & *bold* [x](http://x)"
	body := "{\"a\": \"```\"\n```\n   ````\n</script>\n}\n"
	c := &model.Code{
		Rule: &decode.Code{Value: "evil_code", Status: 400, Statuses: []int{400}, Named: 1, Sent: true, Wire: &decode.Shape{Name: "s|x`"}}, Value: "evil_code", GoName: "EvilCode", Const: "CodeEvilCode", Err: "ErrEvilCode", Details: "EvilCodeDetails",
		Status: 400, Statuses: []int{400}, Summary: evil, Remedy: "```\nnot a fence\n```",
		Titles:   []string{"title | with `ticks`\nand a newline"},
		Patterns: []*model.Pattern{{Pattern: &decode.Pattern{Text: "bad {x} | <b>"}, Captures: []*model.Capture{{Name: "x", GoName: "X"}}}},
		Fields:   []*model.Field{{Field: &decode.Field{Name: "a|b", Kind: decode.KindNamed("string")}, Wire: "a|b", GoName: "AB", GoType: "string", Kind: decode.KindNamed("string"), Summary: evil}},
		Examples: []*model.Example{{
			Title: "<img src=x onerror=alert(1)>", Status: 400, Body: body,
			Header: []model.HeaderValue{{Name: "X-Evil", Value: "v | `w`"}},
		}},
	}
	m := &model.Package{
		Name: "evil", API: "Evil <b>", SpecPath: "spec/a-->b.toml", Description: evil,
		BaseURLs: []string{"https://x/`|"}, Sources: []string{evil},
		RequestIDHeader: "X-Request-Id",
		Schema:          &decode.Schema{},
		InfoHeaders:     []*model.InfoHeader{{Name: "X-A|", Const: "HeaderXA", Reader: "XA", Type: "int", Summary: evil, Secret: true}},
		SecretHeaders:   []string{"X-A|`"},
		Shapes:          []*model.Shape{{Shape: &decode.Shape{Name: "s|x", Summary: evil, Code: decode.Path{{Key: "error", Index: -1}}, Message: decode.Path{{Key: "m|", Index: -1}}}}},
		Codes:           []*model.Code{c},
		Statuses:        []*model.Status{{Status: 400, Codes: []*model.Code{c}, Named: []*model.Code{c}}},
	}
	chunks, err := ErrorsMD(m)
	if err != nil {
		t.Fatal(err)
	}
	out := bytes.Join(chunks, nil)
	doc := parseDoc(t, string(out))
	checkStructure(t, m, doc)
	if n := strings.Count(doc.lines[0], "-->"); n != 1 {
		t.Errorf("header comment %q holds %d \"-->\", want 1 (its end)", doc.lines[0], n)
	}
	for _, l := range doc.lines {
		for _, bad := range []string{"# not", "- not a list", "```"} {
			if strings.HasPrefix(l, bad) {
				t.Errorf("spec text starts a line outside code blocks: %q", l)
			}
		}
	}
	if !strings.Contains(string(out), "a \\| b # not a heading - not a list \\`tick\\` &lt;script&gt;alert(1)&lt;/script&gt; &amp; \\*bold\\* \\[x\\](http://x)") {
		t.Errorf("escaped summary missing from:\n%s", out)
	}
	if want := "- the message, exactly ``title | with `ticks` and a newline``"; count(doc.lines, want) != 1 {
		t.Errorf("title code span %q missing", want)
	}
}

func TestHelpers(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{code("a"), "`a`"},
		{code("a`b"), "``a`b``"},
		{code("`a"), "`` `a ``"},
		{code(" a "), "`  a  `"},
		{code("a\nb"), "`a b`"},
		{cellCode("a|b"), "`a\\|b`"},
		{fence("x"), "```"},
		{fence("a\n````\nb"), "`````"},
		{md("1. one"), "1\\. one"},
		{md("- x_y _z_"), "\\- x_y \\_z\\_"},
		{md("#a\n\nb"), "\\#a b"},
		{statusList([]int{429, 500, 503}), "429, 500 and 503"},
		{statusText(599), "599"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// doc is a rendered Markdown file split into the lines outside fenced code
// blocks and the blocks themselves.
type doc struct {
	lines  []string
	blocks []block
}

type block struct{ info, text string }

// parseDoc splits out the fenced code blocks as CommonMark does for
// backtick fences that are not inside a container.
func parseDoc(t *testing.T, s string) doc {
	t.Helper()
	if !strings.HasSuffix(s, "\n") || strings.HasSuffix(s, "\n\n") {
		t.Errorf("file should end with exactly one newline")
	}
	var d doc
	var open string // the opening fence, or "" outside a block
	var cur block
	var body []string
	for _, l := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		trimmed := strings.TrimLeft(l, " ")
		indent := len(l) - len(trimmed)
		ticks := len(trimmed) - len(strings.TrimLeft(trimmed, "`"))
		switch {
		case open == "" && indent <= 3 && ticks >= 3:
			open = trimmed[:ticks]
			cur = block{info: strings.TrimSpace(trimmed[ticks:])}
			body = nil
		case open != "" && indent <= 3 && ticks >= len(open) && strings.TrimSpace(trimmed[ticks:]) == "":
			cur.text = strings.Join(body, "\n")
			d.blocks = append(d.blocks, cur)
			open = ""
		case open != "":
			body = append(body, l)
		default:
			d.lines = append(d.lines, l)
		}
	}
	if open != "" {
		t.Errorf("code block left open")
	}
	return d
}

var (
	anchorTag = regexp.MustCompile(`<a id="([^"]*)"></a>`)
	link      = regexp.MustCompile(`\]\(#([^)]*)\)`)
)

// checkStructure checks what every ERRORS.md must hold.
func checkStructure(t *testing.T, m *model.Package, d doc) {
	t.Helper()
	if len(d.lines) == 0 || !strings.HasPrefix(d.lines[0], "<!-- Code generated by errgen from ") ||
		!strings.HasSuffix(d.lines[0], ". DO NOT EDIT. -->") {
		t.Errorf("missing generated-file header")
	}

	// The sections, in order.
	var sections []string
	for _, l := range d.lines {
		if strings.HasPrefix(l, "#") && !strings.HasPrefix(l, "###") {
			sections = append(sections, l)
		}
	}
	want := []string{"# " + md(m.API) + " API errors", "## Decoding a response", "## Headers", "## Logging", "## Faking the API and retrying", "## Retrying"}
	if len(m.Fields) > 0 {
		want = append(want, "## Fields of every error")
	}
	if len(m.Types) > 0 {
		want = append(want, "## Types")
	}
	if len(m.Families) > 0 {
		want = append(want, "## Families")
	}
	want = append(want, "## Codes by status", "## Codes")
	if strings.Join(sections, "\n") != strings.Join(want, "\n") {
		t.Errorf("headings %q, want %q", sections, want)
	}

	// One section per code, and every link lands on an anchor.
	ids := map[string]int{}
	headings := 0
	for _, l := range d.lines {
		if strings.HasPrefix(l, "### ") {
			headings++
		}
		for _, sm := range anchorTag.FindAllStringSubmatch(l, -1) {
			ids[sm[1]]++
		}
	}
	if headings != len(m.Codes) {
		t.Errorf("%d code headings, want %d", headings, len(m.Codes))
	}
	for _, c := range m.Codes {
		want := "### " + `<a id="` + anchor(c) + `"></a>` + code(c.Value)
		if n := count(d.lines, want); n != 1 {
			t.Errorf("heading %q appears %d times, want once", want, n)
		}
	}
	for _, l := range d.lines {
		for _, sm := range link.FindAllStringSubmatch(l, -1) {
			if ids[sm[1]] != 1 {
				t.Errorf("link to #%s: %d anchors", sm[1], ids[sm[1]])
			}
		}
	}

	// The status table: a row per status some code names, each such code
	// linked in its row, then a row per class ("any 4xx") with its codes.
	rows := map[string][]string{}
	for _, tbl := range tables(t, d.lines) {
		if len(tbl) > 0 && strings.Join(tbl[0], "|") == "Status|Codes|Recognised by status alone" {
			for _, r := range tbl[2:] {
				rows[r[0]] = r
			}
		}
	}
	wantRows := map[string][]*model.Code{}
	for _, s := range m.Statuses {
		if len(s.Named) == 0 {
			continue
		}
		text := fmt.Sprint(s.Status)
		if st := http.StatusText(s.Status); st != "" {
			text += " " + st
		}
		wantRows[text] = s.Named
	}
	for _, cl := range m.Classes {
		wantRows["any "+cl.Name()] = cl.Codes
	}
	if len(rows) != len(wantRows) {
		t.Errorf("status table has %d rows, want %d", len(rows), len(wantRows))
	}
	for text, codes := range wantRows {
		r, ok := rows[text]
		if !ok {
			t.Errorf("status table has no row %q", text)
			continue
		}
		if n := len(link.FindAllString(r[1], -1)); n != len(codes) {
			t.Errorf("row %q links %d codes, want %d", text, n, len(codes))
		}
		for _, c := range codes {
			want := "[" + cellCode(c.Value) + "](#" + anchor(c) + ")"
			if !strings.Contains(r[1], want) {
				t.Errorf("row %q lacks %s", text, want)
			}
		}
	}

	// Every example body, verbatim, in a json block of its own.
	var json []string
	for _, b := range d.blocks {
		if b.info != "json" {
			t.Errorf("code block with info %q, want json", b.info)
		}
		json = append(json, b.text)
	}
	var bodies []string
	for _, c := range m.Codes {
		for _, ex := range c.Examples {
			bodies = append(bodies, strings.TrimRight(strings.ReplaceAll(ex.Body, "\r\n", "\n"), "\n"))
		}
	}
	if strings.Join(json, "\x00") != strings.Join(bodies, "\x00") {
		t.Errorf("json blocks %q, want the example bodies %q", json, bodies)
	}

	// No HTML but the header comment and the anchors.
	for _, l := range d.lines[1:] {
		l = anchorTag.ReplaceAllString(stripCodeSpans(l), "")
		if strings.ContainsAny(l, "<>") {
			t.Errorf("raw HTML outside code: %q", l)
		}
	}
}

// tables returns the tables among lines, each row split into its cells.
// It fails the test when a row's cell count differs from its header's.
func tables(t *testing.T, lines []string) [][][]string {
	t.Helper()
	var out [][][]string
	var cur [][]string
	for _, l := range append(lines, "") {
		if !strings.HasPrefix(l, "|") {
			if cur != nil {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cells := splitRow(l)
		if cur != nil && len(cells) != len(cur[0]) {
			t.Errorf("row has %d cells, header %d: %q", len(cells), len(cur[0]), l)
		}
		cur = append(cur, cells)
	}
	return out
}

// splitRow splits a table row on its unescaped pipes, trimming the cells.
func splitRow(l string) []string {
	var cells []string
	var b strings.Builder
	for i := 0; i < len(l); i++ {
		switch {
		case l[i] == '\\' && i+1 < len(l):
			b.WriteString(l[i : i+2])
			i++
		case l[i] == '|':
			cells = append(cells, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteByte(l[i])
		}
	}
	// Drop the empty cells outside the leading and trailing pipes.
	return cells[1:]
}

// stripCodeSpans removes the inline code spans of a line.
func stripCodeSpans(l string) string {
	var b strings.Builder
	for i := 0; i < len(l); {
		switch {
		case l[i] == '\\' && i+1 < len(l):
			b.WriteString(l[i : i+2])
			i += 2
		case l[i] == '`':
			n := len(l[i:]) - len(strings.TrimLeft(l[i:], "`"))
			end := closingRun(l, i+n, n)
			if end < 0 {
				b.WriteString(l[i : i+n])
				i += n
				continue
			}
			i = end + n
		default:
			b.WriteByte(l[i])
			i++
		}
	}
	return b.String()
}

// closingRun finds the next run of exactly n backticks in l from i.
func closingRun(l string, i, n int) int {
	for i < len(l) {
		if l[i] != '`' {
			i++
			continue
		}
		m := len(l[i:]) - len(strings.TrimLeft(l[i:], "`"))
		if m == n {
			return i
		}
		i += m
	}
	return -1
}

func count(lines []string, s string) int {
	n := 0
	for _, l := range lines {
		if l == s {
			n++
		}
	}
	return n
}

// FuzzPlainMarkdown holds md's shortcut to its rules: a string that
// plainMarkdown calls plain is one that escapeMarkdown leaves unchanged.
func FuzzPlainMarkdown(f *testing.F) {
	for _, s := range []string{
		"Synthetic failure number 1, with a summary of ordinary length.",
		"a_b", "_a", "a_", "a _b", "1. one", "1) one", "a1. b", "12", "-x", "x-y", "#x", "x#",
		"a  b", " a", "a ", "a\tb", "a\nb", "<b>", "a&b", "a|b", "a~b", "a*b", "é", "a\x7fb", "a\x01b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if plainMarkdown(s) {
			if got := escapeMarkdown(s); got != s {
				t.Errorf("plainMarkdown(%q) is true, but md escapes it to %q", s, got)
			}
		}
		if got := md(s); got != escapeMarkdown(s) {
			t.Errorf("md(%q) = %q, want %q", s, got, escapeMarkdown(s))
		}
	})
}

func TestPlainMarkdown(t *testing.T) {
	// The shortcut must take the common case, or it saves nothing.
	for _, s := range []string{"Synthetic failure number 1, with a summary of ordinary length.", "x-y_z 12 (a) #1."} {
		if !plainMarkdown(s) {
			t.Errorf("plainMarkdown(%q) = false, want true", s)
		}
	}
}
