package spec

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pos returns the position of a key path in the file: "api",
// "api.package", "headers.info.0.name", "errors.3" (the [[errors]] header of
// the fourth entry), "errors.3.fields.1.name", "errors.3.titles.0" (an array
// element). Indexes are 0-based. Keys are positioned at their first
// character and table headers at their '['. A key that is not in the file
// falls back to its nearest parent that is; when none is, Pos returns 1:1.
func (f *File) Pos(key string) Pos {
	pos := f.positions()
	for {
		if p, ok := pos[key]; ok {
			return p
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			return Pos{1, 1}
		}
		key = key[:i]
	}
}

// stringPos returns the position in the file of byte i of the string
// value of key, when the value's bytes are the file's: a literal string
// (in single quotes, or in three, whose first newline TOML drops) or a
// basic string with no escape before byte i. ok is false otherwise, or when key is not
// in the file. i may be the length of the value: the closing delimiter.
func (f *File) stringPos(key string, i int) (p Pos, ok bool) {
	at, ok := f.positions()[key]
	if !ok || i < 0 {
		return Pos{}, false
	}
	src := strings.TrimPrefix(f.src, "\ufeff") // as scanPositions reads it
	lineStart := 0
	for range at.Line - 1 {
		n := strings.IndexByte(src[lineStart:], '\n')
		if n < 0 {
			return Pos{}, false
		}
		lineStart += n + 1
	}
	s := &scanner{src: src, i: lineStart + at.Col - 1}
	switch s.peek() { // the key's last segment
	case '"', '\'':
		s.quoted(s.peek())
	default:
		for s.i < len(src) && isBare(src[s.i]) {
			s.i++
		}
	}
	s.skipSpace(false)
	if s.peek() != '=' {
		return Pos{}, false
	}
	s.i++
	s.skipSpace(false)
	q := ""
	for _, d := range []string{`'''`, `"""`, `'`, `"`} {
		if s.has(d) {
			q = d
			break
		}
	}
	if q == "" {
		return Pos{}, false
	}
	start := s.i + len(q)
	if len(q) == 3 && strings.HasPrefix(src[start:], "\n") {
		start++
	}
	end := start + i
	if end > len(src) {
		return Pos{}, false
	}
	// A basic string's escape before byte i, or at it (a backslash that
	// ends a line drops the line break and the blanks after it), moves
	// the bytes after it.
	if raw := src[start:end]; strings.Contains(raw, q) || q[0] == '"' && strings.Contains(src[start:min(end+1, len(src))], `\`) {
		return Pos{}, false
	}
	return offsetPos(src, end), true
}

// offsetPos returns the position of byte i of s: its line, and its column
// in bytes from 1.
func offsetPos(s string, i int) Pos {
	return Pos{Line: strings.Count(s[:i], "\n") + 1, Col: i - strings.LastIndexByte(s[:i], '\n')}
}

// positions returns the position of every key path of the file, finding
// them the first time.
func (f *File) positions() map[string]Pos {
	f.posOnce.Do(func() {
		if f.pos == nil {
			f.pos = scanPositions(f.src)
		}
	})
	return f.pos
}

// scanPositions finds the position of every key, table header and array
// element in a TOML document. It assumes src has already been parsed
// successfully by the toml package, but it stops cleanly on any input.
func scanPositions(src string) map[string]Pos {
	src = strings.TrimPrefix(src, "\ufeff") // the toml package skips a BOM too
	lines := strings.Count(src, "\n") + 1
	s := &scanner{
		src: src,
		// A key, header or element per line, about: the map is made once
		// at its size, not grown line by line.
		pos:    make(map[string]Pos, lines),
		arrays: make(map[string]int),
		lines:  make([]int, 1, lines),
	}
	for i := 0; i < len(s.src); i++ {
		if s.src[i] == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	s.document()
	return s.pos
}

type scanner struct {
	src    string
	i      int
	lines  []int          // byte offset of the start of each line
	pos    map[string]Pos // key path -> position
	arrays map[string]int // array-of-tables path -> entries so far
}

// keySeg is one segment of a dotted key and where it starts.
type keySeg struct {
	name string
	pos  Pos
}

func (s *scanner) here() Pos {
	line := sort.Search(len(s.lines), func(n int) bool { return s.lines[n] > s.i })
	return Pos{Line: line, Col: s.i - s.lines[line-1] + 1}
}

func (s *scanner) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

func (s *scanner) has(prefix string) bool {
	return s.i < len(s.src) && strings.HasPrefix(s.src[s.i:], prefix)
}

func (s *scanner) set(path string, p Pos) { s.pos[path] = p }

func (s *scanner) setOnce(path string, p Pos) {
	if _, ok := s.pos[path]; !ok {
		s.pos[path] = p
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// skipSpace skips blanks and comments, and newlines too when newlines is
// set.
func (s *scanner) skipSpace(newlines bool) {
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == ' ' || c == '\t' || c == '\r':
			s.i++
		case c == '\n' && newlines:
			s.i++
		case c == '#':
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.i++
			}
		default:
			return
		}
	}
}

func (s *scanner) skipLine() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}

func (s *scanner) document() {
	table := ""
	for {
		s.skipSpace(true)
		if s.i >= len(s.src) {
			return
		}
		start := s.i
		if s.peek() == '[' {
			table = s.header()
		} else if segs := s.key(); len(segs) > 0 {
			s.keyValue(table, segs)
		}
		s.skipLine()
		if s.i == start {
			s.i++
		}
	}
}

// header reads a [table] or [[array]] header and returns the path of the
// table it opens, with the index of every array-of-tables entry in it.
func (s *scanner) header() string {
	p := s.here()
	array := s.has("[[")
	if array {
		s.i += 2
	} else {
		s.i++
	}
	segs := s.key()
	path := ""
	for n, seg := range segs {
		path = join(path, seg.name)
		if n == len(segs)-1 && array {
			count := s.arrays[path]
			s.arrays[path] = count + 1
			s.setOnce(path, p)
			path = join(path, strconv.Itoa(count))
			s.set(path, p)
			break
		}
		s.setOnce(path, p)
		if count, ok := s.arrays[path]; ok {
			path = join(path, strconv.Itoa(count-1))
		}
	}
	return path
}

// key reads a possibly dotted key; it returns no segments when there is
// none at the current position.
func (s *scanner) key() []keySeg {
	var segs []keySeg
	for {
		s.skipSpace(false)
		p := s.here()
		var name string
		switch s.peek() {
		case '"':
			name = unescapeKey(s.quoted('"'))
		case '\'':
			name = s.quoted('\'')
		default:
			start := s.i
			for s.i < len(s.src) && isBare(s.src[s.i]) {
				s.i++
			}
			if s.i == start {
				return segs
			}
			name = s.src[start:s.i]
		}
		segs = append(segs, keySeg{name, p})
		s.skipSpace(false)
		if s.peek() != '.' {
			return segs
		}
		s.i++
	}
}

func isBare(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// quoted reads a single-line string delimited by q and returns its raw
// contents.
func (s *scanner) quoted(q byte) string {
	s.i++
	start := s.i
	for s.i < len(s.src) && s.src[s.i] != q && s.src[s.i] != '\n' {
		if q == '"' && s.src[s.i] == '\\' {
			s.i++
		}
		s.i++
	}
	end := min(s.i, len(s.src))
	if s.peek() == q {
		s.i++
	}
	return s.src[start:end]
}

// unescapeKey decodes the escapes of a basic-string key as the toml
// package does (TOML 1.1): \b \t \n \f \r \" \\, \e (escape), \xHH
// (the code point U+00HH, not a byte), \uXXXX and \UXXXXXXXX. A key it
// cannot decode is returned as written. (strconv.Unquote, used before,
// left \e as written and read \xHH as a byte: such keys got no position.)
func unescapeKey(raw string) string {
	if !strings.Contains(raw, `\`) {
		return raw
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' {
			b.WriteByte(raw[i])
			continue
		}
		i++
		if i == len(raw) {
			return raw
		}
		digits := 0
		switch raw[i] {
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte(0x1b)
		case '"', '\\':
			b.WriteByte(raw[i])
		case 'x':
			digits = 2
		case 'u':
			digits = 4
		case 'U':
			digits = 8
		default:
			return raw
		}
		if digits == 0 {
			continue
		}
		if i+digits >= len(raw) {
			return raw
		}
		n, err := strconv.ParseUint(raw[i+1:i+1+digits], 16, 32)
		if err != nil || !utf8.ValidRune(rune(n)) {
			return raw
		}
		b.WriteRune(rune(n))
		i += digits
	}
	return b.String()
}

// keyValue records the positions of a key = value pair under table, then
// skips its value.
func (s *scanner) keyValue(table string, segs []keySeg) {
	path := table
	for n, seg := range segs {
		path = join(path, seg.name)
		if n < len(segs)-1 {
			s.setOnce(path, seg.pos)
		} else {
			s.set(path, seg.pos)
		}
	}
	s.skipSpace(false)
	if s.peek() != '=' {
		return
	}
	s.i++
	s.skipSpace(false)
	s.value(path)
}

// value skips one value, recording the positions of the elements of arrays
// and the keys of inline tables under path.
func (s *scanner) value(path string) {
	switch {
	case s.has(`"""`), s.has(`'''`):
		q := s.src[s.i : s.i+3]
		s.i += 3
		for s.i < len(s.src) && !s.has(q) {
			if q == `"""` && s.src[s.i] == '\\' {
				s.i++
			}
			s.i++
		}
		s.i = min(s.i+3, len(s.src))
		// Up to two quotes may close the string's contents: """a"""".
		for range 2 {
			if s.peek() == q[0] {
				s.i++
			}
		}
	case s.peek() == '"', s.peek() == '\'':
		s.quoted(s.peek())
	case s.peek() == '[':
		s.i++
		for n := 0; ; {
			s.skipSpace(true)
			switch s.peek() {
			case 0:
				return
			case ']':
				s.i++
				return
			case ',':
				s.i++
				continue
			}
			start := s.i
			elem := join(path, strconv.Itoa(n))
			s.set(elem, s.here())
			s.value(elem)
			n++
			if s.i == start {
				s.i++
			}
		}
	case s.peek() == '{':
		s.i++
		for {
			s.skipSpace(true) // TOML 1.1 allows newlines in inline tables
			switch s.peek() {
			case 0:
				return
			case '}':
				s.i++
				return
			case ',':
				s.i++
				continue
			}
			start := s.i
			if segs := s.key(); len(segs) > 0 {
				s.keyValue(path, segs)
			}
			if s.i == start {
				s.i++
			}
		}
	default: // number, boolean or date-time; a date-time may hold a space
		for s.i < len(s.src) && !strings.ContainsRune(",]}#\r\n", rune(s.src[s.i])) {
			s.i++
		}
	}
}
