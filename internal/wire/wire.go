package wire

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// shape is one envelope shape of a spec, as paths. A path is a []string of
// object keys, matched exactly; a nil or empty path names the top-level
// object. A segment that is a decimal index without leading zeros ("0",
// "12") selects an array element where the value is an array. In errors, a
// "*" segment stands for every element of an array, and a path that ends at
// an array stands for its elements; the strings among them are the details.
type shape struct {
	require   [][]string // all must be present and not null for the shape to apply
	code      []string   // nil when the shape carries no code
	message   []string
	requestID []string // nil when none
	fields    []string // object holding typed fields; nil means the top-level object
	errors    []string // list of detail strings; nil when none
}

// envelope is what readEnvelope found.
type envelope struct {
	shape     int    // index of the shape that supplied the data; -1 when none applied
	code      string // "" when no shape yielded a code
	message   string
	requestID string
	errors    []string
	fields    string // raw JSON text of the fields object; "" when absent or not an object
}

// maxDepth is encoding/json's nesting limit: deeper values are not valid
// JSON to json.Valid, so they are not to validJSON either.
const maxDepth = 10000

// validJSON reports whether s is one valid JSON value, exactly as json.Valid
// does (including its limit of 10000 nested arrays and objects). It does not
// recurse and does not allocate unless nesting exceeds 128 levels.
func validJSON(s string) bool {
	i, ok := checkValue(s, 0)
	return ok && skipSpace(s, i) == len(s)
}

// skipSpace returns the index of the first byte at or after s[i] that is not
// JSON whitespace.
func skipSpace(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// checkValue validates the JSON value at or after s[i] (leading whitespace
// allowed) and returns the index just after it. Nesting is tracked with a
// bit per level (set for an object) instead of recursion.
func checkValue(s string, i int) (int, bool) {
	var inline [2]uint64
	objects := inline[:]
	depth := 0
	var ok bool
	for {
		// A value is expected at s[i].
		i = skipSpace(s, i)
		if i >= len(s) {
			return i, false
		}
		c := s[i]
		if c == '{' || c == '[' {
			if depth == maxDepth {
				return i, false
			}
			if depth/64 == len(objects) {
				objects = append(objects, 0)
			}
			if c == '{' {
				objects[depth/64] |= 1 << (depth % 64)
			} else {
				objects[depth/64] &^= 1 << (depth % 64)
			}
			depth++
			i = skipSpace(s, i+1)
			switch {
			case i < len(s) && s[i] == c+2: // '{'+2 is '}', '['+2 is ']'
				depth--
				i++
			case c == '{':
				if i, ok = checkKey(s, i); !ok {
					return i, false
				}
				continue
			default:
				continue
			}
		} else if i, ok = checkScalar(s, i); !ok {
			return i, false
		}
		// A value ended just before s[i]: close containers until a comma
		// asks for the next value, or the outermost value is complete.
		for {
			if depth == 0 {
				return i, true
			}
			i = skipSpace(s, i)
			if i >= len(s) {
				return i, false
			}
			object := objects[(depth-1)/64]&(1<<((depth-1)%64)) != 0
			if s[i] == ',' {
				i++
				if object {
					if i, ok = checkKey(s, i); !ok {
						return i, false
					}
				}
				break
			}
			if object && s[i] == '}' || !object && s[i] == ']' {
				depth--
				i++
				continue
			}
			return i, false
		}
	}
}

// checkKey validates an object key and its colon at or after s[i].
func checkKey(s string, i int) (int, bool) {
	i = skipSpace(s, i)
	if i >= len(s) || s[i] != '"' {
		return i, false
	}
	i, ok := checkString(s, i)
	if !ok {
		return i, false
	}
	i = skipSpace(s, i)
	if i >= len(s) || s[i] != ':' {
		return i, false
	}
	return i + 1, true
}

// checkScalar validates the string, number or literal at s[i].
func checkScalar(s string, i int) (int, bool) {
	switch s[i] {
	case '"':
		return checkString(s, i)
	case 't':
		return i + 4, strings.HasPrefix(s[i:], "true")
	case 'f':
		return i + 5, strings.HasPrefix(s[i:], "false")
	case 'n':
		return i + 4, strings.HasPrefix(s[i:], "null")
	}
	return checkNumber(s, i)
}

// checkString validates the string whose opening quote is s[i]. Like
// json.Valid it accepts invalid UTF-8 and rejects control characters.
func checkString(s string, i int) (int, bool) {
	for i++; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			return i + 1, true
		case c < 0x20:
			return i, false
		case c == '\\':
			i++
			if i >= len(s) {
				return i, false
			}
			switch s[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(s) {
					return i, false
				}
				if !isHex(s[i+1]) || !isHex(s[i+2]) || !isHex(s[i+3]) || !isHex(s[i+4]) {
					return i, false
				}
				i += 4
			default:
				return i, false
			}
		}
	}
	return i, false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// checkNumber validates the number at s[i]:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func checkNumber(s string, i int) (int, bool) {
	if s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && '1' <= s[i] && s[i] <= '9':
		i = skipDigits(s, i+1)
	default:
		return i, false
	}
	if i < len(s) && s[i] == '.' {
		j := skipDigits(s, i+1)
		if j == i+1 {
			return j, false
		}
		i = j
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := skipDigits(s, i)
		if j == i {
			return j, false
		}
		i = j
	}
	return i, true
}

func skipDigits(s string, i int) int {
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}

// The readers below walk JSON text that validJSON accepted (or that
// envelope.fields holds, which is part of such text). They trust its
// syntax: given other text they return unspecified results, but they never
// panic, loop forever or recurse on the input's nesting.

// skipValue returns the index just after the JSON value that starts at s[i];
// it is greater than i when i < len(s).
func skipValue(s string, i int) int {
	depth := 0
	for i < len(s) {
		switch s[i] {
		case '"':
			i = skipString(s, i)
		case '{', '[':
			depth++
			i++
		case '}', ']':
			depth--
			i++
		default:
			i++
			if depth == 0 { // a number or literal
				for i < len(s) && !isDelim(s[i]) {
					i++
				}
				return i
			}
		}
		if depth <= 0 {
			return i
		}
	}
	return i
}

func isDelim(c byte) bool {
	switch c {
	case ',', '}', ']', ':', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}

// skipString returns the index just after the string whose opening quote is
// s[i]: after the first quote not escaped by an odd run of backslashes.
func skipString(s string, i int) int {
	j := i + 1
	for {
		k := strings.IndexByte(s[j:], '"')
		if k < 0 {
			return len(s)
		}
		q := j + k
		odd := false
		for p := q - 1; p > i && s[p] == '\\'; p-- {
			odd = !odd
		}
		if !odd {
			return q + 1
		}
		j = q + 1
	}
}

// memberValue returns the span s[start:end] of the value of key in the object
// whose '{' is s[i]. With duplicate keys the last one counts.
func memberValue(s string, i int, key string) (start, end int, ok bool) {
	i = skipSpace(s, i+1)
	for i < len(s) && s[i] == '"' {
		k := i
		i = skipString(s, i)
		name := s[k:i]
		i = skipSpace(s, i)
		if i >= len(s) || s[i] != ':' {
			break
		}
		v := skipSpace(s, i+1)
		if v >= len(s) {
			break
		}
		i = skipValue(s, v)
		if keyIs(name, key) {
			start, end, ok = v, i, true
		}
		i = skipSpace(s, i)
		if i >= len(s) || s[i] != ',' {
			break
		}
		i = skipSpace(s, i+1)
	}
	return start, end, ok
}

// keyIs reports whether the quoted JSON string q decodes to key.
func keyIs(q, key string) bool {
	if len(q) < 2 || q[len(q)-1] != '"' {
		return false
	}
	name := q[1 : len(q)-1]
	if name != "" && key != "" && name[0] != key[0] && name[0] != '\\' && name[0] < utf8.RuneSelf {
		return false // the first byte stands for itself, and differs
	}
	if plainString(name) {
		return name == key
	}
	k, ok := unquote(q)
	return ok && k == key
}

// eachElement calls f with the span of each element of the array whose '[' is
// s[i], in order, until f returns false.
func eachElement(s string, i int, f func(start, end int) bool) {
	i = skipSpace(s, i+1)
	if i < len(s) && s[i] == ']' {
		return
	}
	for i < len(s) {
		v := i
		i = skipValue(s, v)
		if !f(v, i) {
			return
		}
		i = skipSpace(s, i)
		if i >= len(s) || s[i] != ',' {
			return
		}
		i = skipSpace(s, i+1)
	}
}

// element returns the span of element n of the array whose '[' is s[i].
func element(s string, i, n int) (start, end int, ok bool) {
	k := 0
	eachElement(s, i, func(v, e int) bool {
		if k == n {
			start, end, ok = v, e, true
			return false
		}
		k++
		return true
	})
	return start, end, ok
}

// parseIndex parses a path segment as an array index: a decimal number without
// sign or leading zeros, of at most nine digits.
func parseIndex(seg string) (int, bool) {
	if seg == "" || len(seg) > 9 || len(seg) > 1 && seg[0] == '0' {
		return 0, false
	}
	n := 0
	for i := 0; i < len(seg); i++ {
		if seg[i] < '0' || seg[i] > '9' {
			return 0, false
		}
		n = n*10 + int(seg[i]-'0')
	}
	return n, true
}

// child returns the span of the child seg of the value at s[i]: the member
// seg of an object, or element seg of an array when seg is an index.
func child(s string, i int, seg string) (start, end int, ok bool) {
	if i < len(s) {
		switch s[i] {
		case '{':
			return memberValue(s, i, seg)
		case '[':
			if n, isIndex := parseIndex(seg); isIndex {
				return element(s, i, n)
			}
		}
	}
	return 0, 0, false
}

// findPath returns the span of the value at path below the value s[start:end].
func findPath(s string, start, end int, path []string) (int, int, bool) {
	ok := true
	for _, seg := range path {
		if start, end, ok = child(s, start, seg); !ok {
			break
		}
	}
	return start, end, ok
}

// stringsAt appends to out the detail strings at path below the value at
// s[i]: a "*" segment stands for every element of an array, and a path
// ending at an array stands for its elements; values that are not strings
// are skipped.
func stringsAt(s string, i int, path []string, out []string) []string {
	for k, seg := range path {
		if seg == "*" {
			if i < len(s) && s[i] == '[' {
				eachElement(s, i, func(v, _ int) bool {
					out = stringsAt(s, v, path[k+1:], out)
					return true
				})
			}
			return out
		}
		var ok bool
		if i, _, ok = child(s, i, seg); !ok {
			return out
		}
	}
	if i >= len(s) {
		return out
	}
	switch s[i] {
	case '"':
		if v, ok := unquote(s[i:skipString(s, i)]); ok {
			out = append(out, v)
		}
	case '[':
		eachElement(s, i, func(v, e int) bool {
			if s[v] == '"' {
				if str, ok := unquote(s[v:e]); ok {
					out = append(out, str)
				}
			}
			return true
		})
	}
	return out
}

// readEnvelope applies shapes in order to body, as spec/README.md "How a
// body is decoded" steps 1-3 and 5 say: the first shape that applies (its
// require paths are all present and not null) and whose code path holds a
// non-empty string supplies code, message, request id, errors and fields;
// when none does, the first shape that applies supplies all but the code.
// Values of the wrong JSON type read as absent, and with duplicate keys the
// last counts, as when encoding/json decodes into map[string]any. Keys match
// exactly. ok is false when body is not valid JSON or not an object.
func readEnvelope(body string, shapes []shape) (env envelope, ok bool) {
	env.shape = -1
	if !validJSON(body) {
		return env, false
	}
	root := skipSpace(body, 0)
	if body[root] != '{' {
		return env, false
	}
	obj := jsonObject{s: body, start: root, end: skipValue(body, root)}
	first := -1
	for k := range shapes {
		if !obj.has(shapes[k].require) {
			continue
		}
		if first < 0 {
			first = k
		}
		if code := obj.stringAt(shapes[k].code); code != "" {
			env.shape, env.code = k, code
			break
		}
	}
	if env.shape < 0 {
		env.shape = first
	}
	if env.shape < 0 {
		return env, true
	}
	sh := &shapes[env.shape]
	env.message = obj.stringAt(sh.message)
	env.requestID = obj.stringAt(sh.requestID)
	env.errors = stringsAt(body, root, sh.errors, nil)
	if start, end, found := obj.findPath(sh.fields); found && body[start] == '{' {
		env.fields = body[start:end]
	}
	return env, true
}

// jsonObject is a JSON object read by paths. It remembers the member it
// looked up last, as the paths of a shape mostly share their first key.
type jsonObject struct {
	s          string
	start, end int // the object is s[start:end]

	looked           bool   // whether key was looked up
	key              string // the member looked up last,
	keyStart, keyEnd int    // the span of its value
	keyFound         bool
}

// findPath returns the span of the value at path.
func (o *jsonObject) findPath(path []string) (start, end int, ok bool) {
	if len(path) == 0 {
		return o.start, o.end, true
	}
	if !o.looked || o.key != path[0] {
		o.looked, o.key = true, path[0]
		o.keyStart, o.keyEnd, o.keyFound = memberValue(o.s, o.start, path[0])
	}
	if !o.keyFound {
		return 0, 0, false
	}
	return findPath(o.s, o.keyStart, o.keyEnd, path[1:])
}

// has reports whether every path in paths is present and not null.
func (o *jsonObject) has(paths [][]string) bool {
	for _, path := range paths {
		start, _, ok := o.findPath(path)
		if !ok || o.s[start] == 'n' {
			return false
		}
	}
	return true
}

// stringAt returns the string at path, or "" when it is absent or not a
// string.
func (o *jsonObject) stringAt(path []string) string {
	start, end, ok := o.findPath(path)
	if !ok || o.s[start] != '"' {
		return ""
	}
	v, _ := unquote(o.s[start:end])
	return v
}

// plainString reports whether the inside of a JSON string is its own value: no
// escapes and valid UTF-8.
func plainString(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		i += n
	}
	return true
}

// unquote decodes the quoted JSON string q: a substring of q when it needs
// no decoding, else through encoding/json (escapes, surrogates, invalid
// UTF-8 become what encoding/json makes of them).
func unquote(q string) (string, bool) {
	if len(q) < 2 || q[0] != '"' {
		return "", false
	}
	if q[len(q)-1] == '"' && plainString(q[1:len(q)-1]) {
		return q[1 : len(q)-1], true
	}
	var v string
	if json.Unmarshal([]byte(q), &v) != nil {
		return "", false
	}
	return v, true
}

// fieldSpan returns the span of the value of key in the JSON object obj; ok is
// false when obj is not an object, or key is absent or null.
func fieldSpan(obj, key string) (start, end int, ok bool) {
	i := skipSpace(obj, 0)
	if i >= len(obj) || obj[i] != '{' {
		return 0, 0, false
	}
	start, end, ok = memberValue(obj, i, key)
	if !ok || obj[start] == 'n' {
		return 0, 0, false
	}
	return start, end, true
}

// stringField returns the string value of key in the JSON object obj (as in
// envelope.fields). Like every field reader it reports false when obj is not
// an object, or key is absent, null, or of another JSON type; keys match
// exactly, and with duplicate keys the last counts.
func stringField(obj, key string) (string, bool) {
	start, end, ok := fieldSpan(obj, key)
	if !ok || obj[start] != '"' {
		return "", false
	}
	return unquote(obj[start:end])
}

// intField returns the integer value of key in obj: an integer literal that
// fits in an int64, as json.Unmarshal into an int64 requires ("7.0", "1e2"
// and overflow read as absent).
func intField(obj, key string) (int64, bool) {
	start, end, ok := fieldSpan(obj, key)
	if !ok {
		return 0, false
	}
	return parseInt(obj[start:end])
}

// parseInt parses a JSON integer literal that fits in an int64.
func parseInt(t string) (int64, bool) {
	neg := t != "" && t[0] == '-'
	if neg {
		t = t[1:]
	}
	if t == "" {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c < '0' || c > '9' || n > (1<<63)/10 {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
		if n > 1<<63 {
			return 0, false
		}
	}
	if neg {
		return -int64(n), true // n == 1<<63 gives math.MinInt64, as it should
	}
	if n > 1<<63-1 {
		return 0, false
	}
	return int64(n), true
}

// floatField returns the number value of key in obj, as json.Unmarshal into
// a float64 gives it (a number beyond float64's range reads as absent).
func floatField(obj, key string) (float64, bool) {
	start, end, ok := fieldSpan(obj, key)
	if !ok || obj[start] != '-' && (obj[start] < '0' || obj[start] > '9') {
		return 0, false
	}
	f, err := strconv.ParseFloat(obj[start:end], 64)
	return f, err == nil
}

// boolField returns the boolean value of key in obj.
func boolField(obj, key string) (bool, bool) {
	start, end, ok := fieldSpan(obj, key)
	if !ok {
		return false, false
	}
	switch obj[start:end] {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

// stringsField returns the array of strings that is the value of key in obj,
// as json.Unmarshal into a []string gives it: a null element reads as "", and
// any element of another type makes the whole field read as absent. An empty
// array gives an empty, non-nil slice.
func stringsField(obj, key string) ([]string, bool) {
	start, _, ok := fieldSpan(obj, key)
	if !ok || obj[start] != '[' {
		return nil, false
	}
	out := []string{}
	eachElement(obj, start, func(v, e int) bool {
		switch obj[v] {
		case 'n':
			out = append(out, "")
			return true
		case '"':
			var str string
			if str, ok = unquote(obj[v:e]); ok {
				out = append(out, str)
				return true
			}
		}
		ok = false
		return false
	})
	if !ok {
		return nil, false
	}
	return out, true
}

// intsField returns the array of integers that is the value of key in obj,
// as json.Unmarshal into an []int64 gives it: a null element reads as 0, and
// any element that is not an integer fitting an int64 makes the whole field
// read as absent. An empty array gives an empty, non-nil slice.
func intsField(obj, key string) ([]int64, bool) {
	start, _, ok := fieldSpan(obj, key)
	if !ok || obj[start] != '[' {
		return nil, false
	}
	out := []int64{}
	eachElement(obj, start, func(v, e int) bool {
		var n int64
		if obj[v:e] != "null" {
			if n, ok = parseInt(obj[v:e]); !ok {
				return false
			}
		}
		out = append(out, n)
		return true
	})
	if !ok {
		return nil, false
	}
	return out, true
}

// matchPattern matches s against a pattern split into its literal parts:
// lits[0], then a placeholder, lits[1], ... (n placeholders, n+1 literals,
// first and last may be ""). Each placeholder matches at least one byte and
// takes the shortest text that lets the next literal match; the last literal
// must end s, so a trailing placeholder takes the rest. It returns the
// captures, one per placeholder.
func matchPattern(s string, lits []string) ([]string, bool) {
	if len(lits) == 0 || !strings.HasPrefix(s, lits[0]) {
		return nil, false
	}
	n := len(lits) - 1
	caps := make([]string, 0, n)
	i := len(lits[0])
	for k := 1; k <= n; k++ {
		lit := lits[k]
		if i >= len(s) {
			return nil, false
		}
		var j int // where lit starts
		switch {
		case k == n:
			j = len(s) - len(lit)
			if j <= i || !strings.HasSuffix(s, lit) {
				return nil, false
			}
		case lit == "": // two adjacent placeholders; a spec forbids them
			_, size := utf8.DecodeRuneInString(s[i:])
			j = i + size
		default:
			at := strings.Index(s[i+1:], lit)
			if at < 0 {
				return nil, false
			}
			j = i + 1 + at
		}
		caps = append(caps, s[i:j])
		i = j + len(lit)
	}
	if i != len(s) {
		return nil, false
	}
	return caps, true
}

// excerptMax is the most bytes excerpt keeps of a body before "…".
const excerptMax = 200

// excerpt returns a short, single-line, valid-UTF-8 excerpt of a non-JSON
// body for messages: runs of white space and control characters become one
// space, invalid UTF-8 becomes U+FFFD, and text past excerptMax bytes is cut
// on a rune boundary and marked with "…".
func excerpt(body string) string {
	if body == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(min(len(body), excerptMax) + len("…")) // one allocation, not one per doubling
	space := false
	for i := 0; i < len(body); {
		// A run of printable ASCII is copied at once, cut at excerptMax.
		j := i
		for j < len(body) && ' ' < body[j] && body[j] < 0x7f {
			j++
		}
		if j > i {
			room := excerptMax - b.Len()
			if space {
				room--
			}
			if room <= 0 {
				b.WriteString("…")
				break
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			if j-i > room {
				b.WriteString(body[i : i+room])
				b.WriteString("…")
				break
			}
			b.WriteString(body[i:j])
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(body[i:])
		i += size
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
