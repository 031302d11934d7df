package chunked

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestBuffer writes random pieces with each method and checks the text,
// its length and its chunks against a bytes.Buffer given the same.
func TestBuffer(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, total := range []int{0, 1, minChunk - 1, minChunk, minChunk + 1, 100 << 10, 3 * maxChunk} {
		var b Buffer
		var want bytes.Buffer
		for want.Len() < total {
			piece := strings.Repeat(string(rune('a'+r.IntN(26))), 1+r.IntN(3*minChunk/2))
			switch r.IntN(3) {
			case 0:
				b.WriteString(piece)
			case 1:
				b.Write([]byte(piece))
			default:
				piece = piece[:1]
				b.WriteByte(piece[0])
			}
			want.WriteString(piece)
		}
		if b.Len() != want.Len() {
			t.Errorf("after %d bytes: Len = %d", want.Len(), b.Len())
		}
		if !bytes.Equal(b.Bytes(), want.Bytes()) {
			t.Errorf("after %d bytes: Bytes differ", want.Len())
		}
		chunks := b.Chunks()
		if got := bytes.Join(chunks, nil); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("after %d bytes: the chunks joined differ", want.Len())
		}
		allocated := 0
		for i, c := range chunks {
			if len(c) == 0 {
				t.Errorf("after %d bytes: chunk %d is empty", want.Len(), i)
			}
			if cap(c) > maxChunk {
				t.Errorf("after %d bytes: chunk %d has capacity %d", want.Len(), i, cap(c))
			}
			allocated += cap(c)
		}
		if waste := allocated - want.Len(); waste > maxChunk || want.Len() < minChunk && waste > minChunk {
			t.Errorf("after %d bytes: %d bytes allocated and unused", want.Len(), waste)
		}
	}
}

// TestBufferNoCopy checks that a chunk, once written, is never moved: what
// a caller holds of it stays valid.
func TestBufferNoCopy(t *testing.T) {
	var b Buffer
	b.WriteString("first")
	first := &b.cur[0]
	for range 10000 {
		b.WriteString("more text ")
	}
	if &b.Chunks()[0][0] != first {
		t.Error("the first chunk was copied")
	}
}
