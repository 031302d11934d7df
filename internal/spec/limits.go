package spec

import "fmt"

// Limits on the shape of a spec file. A spec nests arrays and tables three
// or four levels deep and dots keys two or three times; the toml package and
// the position scanner take time that grows faster than linearly with both
// (thousands of levels take seconds, tens of thousands never finish), so
// deeper input is rejected before either sees it. The longest strings are
// example bodies, which FromResponse would not read past 1 MiB; a longer
// string (say 10 MB of prose) only makes generation slow and the package
// huge.
const (
	maxNesting = 64      // open '[' and '{' at once, outside strings and comments
	maxDots    = 32      // dots in one key or table header
	maxString  = 1 << 20 // bytes in one string, quotes and escapes included
)

// checkLimits reports the first place where src nests arrays or tables
// deeper than maxNesting, dots one key more than maxDots times, or has a
// string longer than maxString. It reads strings and comments just well
// enough to skip them, in one pass; on input that is not TOML it may be
// wrong, never slow.
func checkLimits(path, src string) *PosError {
	depth, dots := 0, 0
	line, lineStart := 1, 0
	pos := func(i int) Pos { return Pos{line, i - lineStart + 1} }
	fail := func(p Pos, format string, args ...any) *PosError {
		return &PosError{File: path, Pos: p, Msg: fmt.Sprintf(format, args...)}
	}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n':
			line, lineStart = line+1, i+1
			dots = 0
		case '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			start := pos(i)
			end := skipString(src, i, func(j int) { line, lineStart = line+1, j+1 })
			if end-i >= maxString {
				return fail(start, "a string of more than %d bytes; want at most %d (1 MiB)", maxString, maxString)
			}
			i = end
		case '[', '{':
			if depth++; depth > maxNesting {
				return fail(pos(i), "arrays and tables nested more than %d deep; want at most %d", maxNesting, maxNesting)
			}
			dots = 0
		case ']', '}':
			depth = max(depth-1, 0)
			dots = 0
		case '=', ',':
			dots = 0
		case '.':
			if dots++; dots > maxDots {
				return fail(pos(i), "key with more than %d dots; want at most %d", maxDots, maxDots)
			}
		}
	}
	return nil
}

// skipString returns the index of the last byte of the string that starts
// at src[i] (a quote), calling newline for each newline inside it. A
// one-line string that is not closed ends before the newline.
func skipString(src string, i int, newline func(j int)) int {
	q := src[i]
	multi := i+2 < len(src) && src[i+1] == q && src[i+2] == q
	if multi {
		i += 2
	}
	for j := i + 1; j < len(src); j++ {
		switch {
		case src[j] == '\n' && !multi:
			return j - 1
		case src[j] == '\n':
			newline(j)
		case src[j] == '\\' && q == '"' && j+1 < len(src):
			j++ // an escaped character
			if src[j] == '\n' {
				if !multi {
					return j - 1
				}
				newline(j)
			}
		case src[j] == q && !multi:
			return j
		case src[j] == q && j+2 < len(src) && src[j+1] == q && src[j+2] == q:
			return j + 2
		}
	}
	return len(src) - 1
}
