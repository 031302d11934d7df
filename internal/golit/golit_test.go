package golit

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/errgen/errgen/internal/chunked"
)

// file puts a value in a Go file as the initial value of a variable.
func file(t *testing.T, v Value) []byte {
	t.Helper()
	var b chunked.Buffer
	b.WriteString("package p\n\nvar x = ")
	if err := Write(&b, v, 0); err != nil {
		t.Fatal(err)
	}
	b.WriteString("\n")
	return b.Bytes()
}

// TestExample checks the layout of the package documentation's example.
func TestExample(t *testing.T) {
	v := &Composite{Type: "[]codeInfo", Lines: true, Elems: []Elem{
		{Value: &Composite{Lines: true, Elems: []Elem{
			{Key: "code", Value: Expr("CodeRateLimited")},
			{Key: "status", Value: Int(429)},
			{Key: "example", Value: &Composite{Type: "&exampleResponse", Lines: true, Elems: []Elem{
				{Key: "body", Value: String("{}")},
			}}},
			{Key: "fields", Value: &Composite{Type: "[]fieldInfo", Elems: []Elem{{Value: &Composite{Elems: []Elem{{Key: "name", Value: String("a")}, {Key: "unit", Value: String("seconds")}}}}}}},
			{Key: "wire", Value: Int(0)},
		}}},
	}}
	want := `package p

var x = []codeInfo{
	{
		code:   CodeRateLimited,
		status: 429,
		example: &exampleResponse{
			body: "{}",
		},
		fields: []fieldInfo{{name: "a", unit: "seconds"}},
		wire:   0,
	},
}
`
	got := file(t, v)
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if err := Formatted(got); err != nil {
		t.Error(err)
	}
}

// TestFormattedRandom writes random literals and checks that go/format
// leaves each unchanged: keys of every length up to 40, values on one line
// and on several, comments, empty literals, literals on one line inside
// literals on several.
func TestFormattedRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		v := randomComposite(r, 0, r.IntN(2) == 0)
		v.Type = "T" // the outermost literal needs its type
		src := file(t, v)
		if err := Formatted(src); err != nil {
			t.Fatalf("case %d: %v\n%s", i, err, src)
		}
	}
}

func randomComposite(r *rand.Rand, depth int, lines bool) *Composite {
	c := &Composite{Lines: lines}
	if r.IntN(3) == 0 {
		c.Type = "T"
	} else if r.IntN(2) == 0 {
		c.Type = "[]T"
	}
	keyed := r.IntN(3) != 0
	for range r.IntN(6) {
		var e Elem
		if keyed {
			e.Key = randomKey(r)
		}
		if lines && r.IntN(5) == 0 {
			e.Comment = []string{"a comment: " + strings.Repeat("x", r.IntN(30)), "more"}[:1+r.IntN(2)]
		}
		switch {
		case depth < 3 && r.IntN(3) == 0:
			e.Value = randomComposite(r, depth+1, lines && r.IntN(2) == 0)
		case r.IntN(2) == 0:
			e.Value = String(strings.Repeat("v", r.IntN(80)) + "\t\"é")
		default:
			e.Value = Int(r.IntN(100000) - 50)
		}
		c.Elems = append(c.Elems, e)
	}
	return c
}

func randomKey(r *rand.Rand) string {
	n := 1 + r.IntN(MaxKey)
	if r.IntN(2) == 0 {
		n = 1 + r.IntN(8)
	}
	if r.IntN(4) == 0 && n >= 3 {
		return "É" + strings.Repeat("x", n-2) // 2 bytes, one rune: found by review
	}
	return "k" + strings.Repeat("x", n-1)
}

// TestEdges checks layouts found by review: a comment ending in a space
// gofmt trims (U+00A0), and an element longer than go/printer's million
// bytes, which it lays out as if it spanned several lines.
func TestEdges(t *testing.T) {
	huge := String(strings.Repeat("a", 1e6))
	for name, v := range map[string]*Composite{
		"comment": {Type: "[]T", Lines: true, Elems: []Elem{{Value: Int(1), Comment: []string{"ends in\u00a0 \u3000"}}}},
		"huge": {Type: "T", Lines: true, Elems: []Elem{
			{Key: "a", Value: Int(1)}, {Key: "body", Value: huge}, {Key: "status", Value: Int(400)}, {Key: "x", Value: Int(2)},
		}},
		"just fits": {Type: "T", Lines: true, Elems: []Elem{
			{Key: "a", Value: Int(1)}, {Key: "body", Value: String(strings.Repeat("a", 1e6-8))}, {Key: "status", Value: Int(400)},
		}},
	} {
		if err := Formatted(file(t, v)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestWriteRejects checks the literals Write refuses: a long key, and a
// literal on several lines inside one on a single line.
func TestWriteRejects(t *testing.T) {
	for name, v := range map[string]Value{
		"long key":          &Composite{Lines: true, Elems: []Elem{{Key: strings.Repeat("k", 41), Value: Int(1)}, {Key: "a", Value: Int(2)}}},
		"lines in a line":   &Composite{Elems: []Elem{{Value: &Composite{Lines: true, Elems: []Elem{{Value: Int(1)}}}}}},
		"comment in a line": &Composite{Elems: []Elem{{Value: Int(1), Comment: []string{"c"}}}},
	} {
		if err := Write(new(chunked.Buffer), v, 0); err == nil {
			t.Errorf("%s: Write gave no error", name)
		}
	}
}
