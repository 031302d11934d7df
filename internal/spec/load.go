package spec

import (
	"encoding"
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/errgen/errgen/internal/decode"
)

// Load reads and parses the spec file at path. See Parse.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse parses and validates a spec file; path names the file in errors.
// On failure it returns a nil File and an ErrorList holding every problem
// found, sorted by position. A BOM and CRLF line endings are ignored (see
// normalize).
func Parse(path string, data []byte) (*File, error) {
	f, errs := ParsePartial(path, data)
	if len(errs) > 0 {
		return nil, errs
	}
	return f, nil
}

// LoadPartial is Load for ParsePartial.
func LoadPartial(path string) (*File, ErrorList) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, ErrorList{{File: path, Pos: Pos{1, 1}, Msg: err.Error()}}
	}
	return ParsePartial(path, data)
}

// ParsePartial is Parse that also returns, beside the problems, the parts
// of the file that decoded (nil when the file is not TOML, past the
// limits, or empty), so that the model can report what only Go names
// reveal in the same run. A partial File is for finding more problems,
// never for generating.
func ParsePartial(path string, data []byte) (*File, ErrorList) {
	f, _, errs := parse(path, data)
	return f, errs
}

// parse is ParsePartial, also returning the checker that read the file
// (nil with the file).
func parse(path string, data []byte) (*File, *checker, ErrorList) {
	src := string(normalize(data))
	if err := checkLimits(path, src); err != nil {
		return nil, nil, ErrorList{err}
	}
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, nil, ErrorList{{File: path, Pos: syntaxPos(src, perr.Position, perr.Message), Msg: perr.Message}}
		}
		return nil, nil, ErrorList{{File: path, Pos: Pos{1, 1}, Msg: err.Error()}}
	}

	f := &File{Path: path, src: src}
	if len(raw) == 0 {
		return nil, nil, ErrorList{{File: path, Pos: Pos{1, 1},
			Msg: "empty spec: want an [api] table and at least one [[errors]] entry"}}
	}
	// About a key per line: the map of typed keys is made once at its size,
	// not grown and copied key by key.
	c := &checker{f: f, typed: make(map[string]bool, strings.Count(src, "\n")+1), numeric: make(map[string]bool)}
	c.table("", raw, reflect.ValueOf(f).Elem())
	c.validate()
	for i := range f.Errors {
		f.Errors[i].Numeric = c.numeric[fmt.Sprintf("errors.%d.code", i)]
	}
	var wires []string
	f.Schema, wires = f.compile()
	if c.shapesOK {
		c.examples() // with broken shapes, every example would fail to decode
		c.wires(wires)
	}
	c.errs.Sort()
	return f, c, c.errs
}

// syntaxPos is the position of a TOML syntax error, counted here from the
// byte range the toml package marks, since its own column is one too far
// for a range that starts a line ("Key 'a' has already been defined" at
// 7:2). Within the range:
//
//   - a range over several lines is a token the lexer gave up inside (a
//     multi-line string with a bad escape): the error is at its last byte,
//     where the lexer stopped;
//   - a control character is the byte after the range's start, which the
//     toml package puts one byte early;
//   - otherwise it is the first byte that is not a blank, since the range
//     can start at the blanks before the token it complains of ("[api] x").
//
// Without a usable range, the toml package's line and column are kept (it
// says line 0 for a backslash that ends the input).
func syntaxPos(src string, at toml.Position, msg string) Pos {
	start, end := at.Start, at.Start+at.Len
	if start < 0 || start >= len(src) || end > len(src) || end <= start {
		return Pos{max(at.Line, 1), max(at.Col, 1)}
	}
	switch {
	case strings.Contains(src[start:end-1], "\n"):
		start = end - 1
	case strings.HasPrefix(msg, "TOML files cannot contain control characters") && start+1 < len(src):
		start++
	default:
		for start < end-1 && (src[start] == ' ' || src[start] == '\t') {
			start++
		}
	}
	return offsetPos(src, start)
}

// checker decodes the raw TOML into a File and validates it, collecting
// every problem.
type checker struct {
	f     *File
	typed map[string]bool // key paths present with the right type
	// numeric are the key paths of codes written as integers.
	numeric map[string]bool
	errs    ErrorList
	// shapesOK reports that the shapes had no problems, so that examples
	// can be decoded with them.
	shapesOK bool
}

func (c *checker) errorf(key, format string, args ...any) {
	c.errorAt(c.f.Pos(key), format, args...)
}

// errorAt reports a problem at position p of the file.
func (c *checker) errorAt(p Pos, format string, args ...any) {
	c.errs = append(c.errs, &PosError{File: c.f.Path, Pos: p, Msg: fmt.Sprintf(format, args...)})
}

// errorStatusKey is the key of an error's status, which has a statuses
// beside it for classes.
var errorStatusKey = regexp.MustCompile(`^errors\.[0-9]+\.status$`)

var (
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	codeValueType   = reflect.TypeFor[CodeValue]()
	statusTermType  = reflect.TypeFor[StatusTerm]()
)

// value decodes the TOML value v at key path into rv, reporting a wrong type
// instead of stopping.
func (c *checker) value(key string, v any, rv reflect.Value) {
	if rv.Addr().Type().Implements(textUnmarshaler) {
		s, ok := v.(string)
		if !ok {
			c.wrongType(key, v, "a string")
			return
		}
		if err := rv.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			c.errorf(key, "%v", err)
			return
		}
		c.typed[key] = true
		return
	}
	if rv.Type() == statusTermType {
		switch v := v.(type) {
		case int64:
			rv.Set(reflect.ValueOf(StatusTerm{Status: int(v)}))
		case string:
			first, ok := decode.ParseClass(v)
			if !ok {
				c.wrongType(key, v, `an integer, "4xx" or "5xx"`)
				return
			}
			rv.Set(reflect.ValueOf(StatusTerm{Status: first, Class: true}))
		default:
			c.wrongType(key, v, `an integer, "4xx" or "5xx"`)
			return
		}
		c.typed[key] = true
		return
	}
	if rv.Type() == codeValueType {
		switch v := v.(type) {
		case string:
			rv.SetString(v)
		case int64:
			rv.SetString(strconv.FormatInt(v, 10))
			c.numeric[key] = true
		default:
			c.wrongType(key, v, "a string or an integer")
			return
		}
		c.typed[key] = true
		return
	}
	switch rv.Kind() {
	case reflect.Interface:
		switch v.(type) {
		case string, int64, float64, bool:
			rv.Set(reflect.ValueOf(v))
		default:
			c.wrongType(key, v, "a string, a number or a boolean")
			return
		}
	case reflect.Pointer:
		elem := reflect.New(rv.Type().Elem())
		c.value(key, v, elem.Elem())
		if c.typed[key] {
			rv.Set(elem)
		}
		return
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			c.wrongType(key, v, "a string")
			return
		}
		rv.SetString(s)
	case reflect.Int:
		n, ok := v.(int64)
		if !ok {
			want := "an integer"
			if s, _ := v.(string); errorStatusKey.MatchString(key) {
				if _, class := decode.ParseClass(s); class {
					want += fmt.Sprintf(" (a class of statuses goes in statuses: statuses = [%q])", s)
				}
			}
			c.wrongType(key, v, want)
			return
		}
		rv.SetInt(n)
	case reflect.Float64:
		switch n := v.(type) {
		case int64:
			rv.SetFloat(float64(n))
		case float64:
			rv.SetFloat(n)
		default:
			c.wrongType(key, v, "a number")
			return
		}
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			c.wrongType(key, v, "a boolean")
			return
		}
		rv.SetBool(b)
	case reflect.Slice:
		var items []any
		switch v := v.(type) {
		case []any:
			items = v
		case []map[string]any:
			for _, m := range v {
				items = append(items, m)
			}
		default:
			want := "an array"
			if rv.Type().Elem().Kind() == reflect.Struct {
				want = "an array of tables"
			}
			c.wrongType(key, v, want)
			return
		}
		rv.Set(reflect.MakeSlice(rv.Type(), len(items), len(items)))
		for i, item := range items {
			c.value(join(key, strconv.Itoa(i)), item, rv.Index(i))
		}
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			c.wrongType(key, v, "a table")
			return
		}
		rv.Set(reflect.MakeMapWithSize(rv.Type(), len(m)))
		for _, k := range sortedKeys(m) {
			elem := reflect.New(rv.Type().Elem()).Elem()
			c.value(join(key, k), m[k], elem)
			rv.SetMapIndex(reflect.ValueOf(k), elem)
		}
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			c.wrongType(key, v, "a table")
			return
		}
		c.table(key, m, rv)
	default:
		panic(fmt.Sprintf("spec: no decoding for %s", rv.Type())) // a bug in the File types, not bad input
	}
	c.typed[key] = true
}

// table decodes the keys of m into the struct rv by their toml tags and
// reports the keys the struct does not have.
func (c *checker) table(key string, m map[string]any, rv reflect.Value) {
	keys := tableKeysOf(rv.Type())
	for _, k := range sortedKeys(m) {
		i, ok := keys.field[k]
		if !ok {
			c.errorf(join(key, k), "unknown key %q (want one of: %s)", join(key, k), strings.Join(keys.names, ", "))
			continue
		}
		c.value(join(key, k), m[k], rv.Field(i))
	}
}

// tableKeys are the keys of a struct a TOML table decodes into: the names
// in its fields' toml tags, in order, and the field each names.
type tableKeys struct {
	names []string
	field map[string]int
}

// tableKeysCache holds the tableKeys of each struct type, found once: a
// spec of 10,000 codes has 10,000 tables of one type.
var tableKeysCache sync.Map // reflect.Type → *tableKeys

// tableKeysOf returns the tableKeys of the struct type t.
func tableKeysOf(t reflect.Type) *tableKeys {
	if k, ok := tableKeysCache.Load(t); ok {
		return k.(*tableKeys)
	}
	k := &tableKeys{field: make(map[string]int)}
	for i := range t.NumField() {
		if tag := t.Field(i).Tag.Get("toml"); tag != "" {
			k.names = append(k.names, tag)
			k.field[tag] = i
		}
	}
	got, _ := tableKeysCache.LoadOrStore(t, k)
	return got.(*tableKeys)
}

func (c *checker) wrongType(key string, v any, want string) {
	c.errorf(key, "%q is %s, want %s", key, tomlType(v), want)
}

// tomlType describes a value decoded by the toml package.
func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case []map[string]any:
		return "an array of tables"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return "a date-time"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// UnmarshalText accepts one of decode.HeaderKinds.
func (t *HeaderType) UnmarshalText(text []byte) error {
	for _, k := range decode.HeaderKinds {
		if k == string(text) {
			*t = HeaderType(text)
			return nil
		}
	}
	return fmt.Errorf("unknown header type %q (want one of: %s)", text, strings.Join(decode.HeaderKinds, ", "))
}
