package decode

import (
	"fmt"
	"strings"
)

// A Pattern is a message with {placeholder}s that identifies a code when a
// body names none, and captures the placeholders' text:
// "Missing required parameter: {param}".
type Pattern struct {
	Text string // as written
	// Lits are the literal parts around the placeholders: Lits[0], then
	// Names[0], then Lits[1], ... ; len(Lits) == len(Names)+1, and the
	// first and last may be "".
	Lits  []string
	Names []string
}

// ParsePattern parses a pattern. Placeholders must balance, be non-empty,
// be separated by literal text and not repeat; a pattern must not be empty.
func ParsePattern(text string) (*Pattern, error) {
	if text == "" {
		return nil, fmt.Errorf("empty pattern")
	}
	p := &Pattern{Text: text}
	seen := make(map[string]bool)
	rest, lit := text, ""
	for rest != "" {
		open, close := strings.IndexByte(rest, '{'), strings.IndexByte(rest, '}')
		switch {
		case close >= 0 && (open < 0 || close < open):
			return nil, fmt.Errorf("pattern %q has a '}' without a '{'", text)
		case open < 0:
			lit += rest
			rest = ""
			continue
		case close < 0:
			return nil, fmt.Errorf("pattern %q has a '{' without a '}'", text)
		}
		name := rest[open+1 : close]
		if strings.IndexByte(name, '{') >= 0 {
			return nil, fmt.Errorf("pattern %q has a '{' without a '}'", text)
		}
		if name == "" {
			return nil, fmt.Errorf("pattern %q has an empty placeholder {}", text)
		}
		lit += rest[:open]
		if n := len(p.Names); n > 0 && lit == "" {
			return nil, fmt.Errorf("pattern %q has placeholders {%s} and {%s} next to each other (want literal text between them)",
				text, p.Names[n-1], name)
		}
		if seen[name] {
			return nil, fmt.Errorf("pattern %q has placeholder {%s} twice", text, name)
		}
		seen[name] = true
		p.Lits = append(p.Lits, lit)
		p.Names = append(p.Names, name)
		lit, rest = "", rest[close+1:]
	}
	p.Lits = append(p.Lits, lit)
	return p, nil
}

// Match matches s against the pattern and returns the text of each
// placeholder, in order. A placeholder matches at least one byte and takes
// the shortest text that lets the next literal match; the last literal must
// end s, so a trailing placeholder takes the rest.
func (p *Pattern) Match(s string) ([]string, bool) {
	if !strings.HasPrefix(s, p.Lits[0]) {
		return nil, false
	}
	n := len(p.Names)
	caps := make([]string, 0, n)
	i := len(p.Lits[0])
	for k := 1; k <= n; k++ {
		lit := p.Lits[k]
		if i >= len(s) {
			return nil, false
		}
		var j int // where lit starts
		if k == n {
			j = len(s) - len(lit)
			if j <= i || !strings.HasSuffix(s, lit) {
				return nil, false
			}
		} else {
			at := strings.Index(s[i+1:], lit)
			if at < 0 {
				return nil, false
			}
			j = i + 1 + at
		}
		caps = append(caps, s[i:j])
		i = j + len(lit)
	}
	return caps, i == len(s)
}
