// Package chunked holds text as it is written, in chunks that are never
// copied to make room. A bytes.Buffer grows by allocating twice its size
// and copying what it holds, or must be sized beforehand by an estimate;
// a generated file of megabytes written here costs its own size in memory
// and a few hundred kilobytes more, without an estimate. The chunks, in
// order, are the text: errgen writes a generated file's chunks one after
// another.
package chunked

// The size of a new chunk is half of what the buffer holds, within these
// bounds: small files take a chunk or two, and the unused end of the last
// chunk of a large one is less than maxChunk.
const (
	minChunk = 8 << 10
	maxChunk = 512 << 10
)

// Buffer is text written in chunks. The zero value is an empty buffer
// ready to use.
type Buffer struct {
	full [][]byte // the chunks filled, in order
	cur  []byte   // the chunk being written, after them
	n    int      // the length of the chunks in full
}

// next starts a new chunk.
func (b *Buffer) next() {
	if len(b.cur) > 0 {
		b.full = append(b.full, b.cur)
		b.n += len(b.cur)
	}
	b.cur = make([]byte, 0, min(max(b.n/2, minChunk), maxChunk))
}

// WriteString appends s. It never fails.
func (b *Buffer) WriteString(s string) (int, error) { return write(b, s) }

// Write appends p. It never fails.
func (b *Buffer) Write(p []byte) (int, error) { return write(b, p) }

// write appends text, filling the current chunk and starting new ones.
func write[T string | []byte](b *Buffer, text T) (int, error) {
	n := len(text)
	for len(text) > cap(b.cur)-len(b.cur) {
		k := cap(b.cur) - len(b.cur)
		b.cur = append(b.cur, text[:k]...)
		text = text[k:]
		b.next()
	}
	b.cur = append(b.cur, text...)
	return n, nil
}

// WriteByte appends c. It never fails.
func (b *Buffer) WriteByte(c byte) error {
	if len(b.cur) == cap(b.cur) {
		b.next()
	}
	b.cur = append(b.cur, c)
	return nil
}

// Len is the length of the text.
func (b *Buffer) Len() int { return b.n + len(b.cur) }

// Chunks returns the text as chunks, in order, none of them empty; the
// buffer must not be written after.
func (b *Buffer) Chunks() [][]byte {
	if len(b.cur) == 0 {
		return b.full
	}
	return append(b.full, b.cur)
}

// Bytes returns the text in one new slice.
func (b *Buffer) Bytes() []byte {
	out := make([]byte, 0, b.Len())
	for _, c := range b.full {
		out = append(out, c...)
	}
	return append(out, b.cur...)
}
