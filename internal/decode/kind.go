package decode

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// A Kind is the type of a typed extra field: everything errgen knows about
// it in one descriptor, so that a new kind is one entry of Kinds and a
// missing piece fails to compile or fails a test instead of falling back.
type Kind struct {
	// Name is the type as a spec writes it: "int", "[]string".
	Name string
	// GoType is the type of the generated struct field: "int", "[]string".
	GoType string
	// Read reads a JSON value (as encoding/json decodes into any with
	// UseNumber) as json.Unmarshal into GoType would. It reports false
	// when the value is null or of another JSON type; such a field reads
	// as absent and keeps its zero value.
	Read func(v any) (any, bool)
	// Literal is the Go source of a value Read returned.
	Literal func(v any) string
	// Wrong is a JSON value of another type, which reads as absent.
	Wrong string
	// Zero is the zero value of GoType, for tests that reach the runtime's
	// reader of each kind through reflection.
	Zero any
	// Delay reports that a retry_after field may have this kind: the
	// field's number is a delay in seconds.
	Delay bool
	// MaxInt, for integer kinds, is the largest magnitude a value may have
	// to fit GoType on every platform errgen supports (int is 32 bits on
	// 386 and arm); 0 for other kinds.
	MaxInt int64
}

// Kinds are the kinds of typed fields, in the order spec/README.md lists
// them.
var Kinds = []*Kind{
	{Name: "string", GoType: "string", Read: readString, Literal: quote, Wrong: "42", Zero: ""},
	{Name: "int", GoType: "int", Read: readInt, Literal: intLit, Wrong: `"7"`, Zero: int(0), Delay: true, MaxInt: math.MaxInt32},
	{Name: "int64", GoType: "int64", Read: readInt, Literal: intLit, Wrong: `"7"`, Zero: int64(0), Delay: true, MaxInt: math.MaxInt64},
	{Name: "float64", GoType: "float64", Read: readFloat, Literal: floatLit, Wrong: `"7"`, Zero: float64(0), Delay: true},
	{Name: "bool", GoType: "bool", Read: readBool, Literal: boolLit, Wrong: `"true"`, Zero: false},
	{Name: "[]string", GoType: "[]string", Read: readStrings, Literal: stringsLit, Wrong: `"x"`, Zero: []string(nil)},
	{Name: "[]int", GoType: "[]int", Read: readInts, Literal: intsLit("[]int"), Wrong: `["7"]`, Zero: []int(nil), MaxInt: math.MaxInt32},
}

// KindNamed returns the kind a spec calls name, or nil.
func KindNamed(name string) *Kind {
	for _, k := range Kinds {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// KindNames lists the names of every kind, for error messages.
func KindNames() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = k.Name
	}
	return strings.Join(names, ", ")
}

// DelayIntegral reports that a retry_after field of this kind takes only
// integer literals; otherwise any JSON number is a delay.
func (k *Kind) DelayIntegral() bool { return k.MaxInt != 0 }

// String returns the kind's spec name.
func (k *Kind) String() string { return k.Name }

// Fits reports whether a value Read returned fits GoType on every
// supported platform: an integer (or every element of an integer list)
// within ±MaxInt.
func (k *Kind) Fits(v any) bool {
	if k.MaxInt == 0 {
		return true
	}
	ok := func(n int64) bool { return n <= k.MaxInt && n >= -k.MaxInt-1 }
	switch v := v.(type) {
	case int64:
		return ok(v)
	case []int64:
		for _, n := range v {
			if !ok(n) {
				return false
			}
		}
	}
	return true
}

func readString(v any) (any, bool) {
	s, ok := v.(string)
	return s, ok
}

// readInt reads an integer literal that fits an int64, as json.Unmarshal
// into an int64 requires ("7.0", "1e2" and overflow are absent).
func readInt(v any) (any, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return int64(0), false
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	return i, err == nil
}

// readFloat reads a number within float64's range.
func readFloat(v any) (any, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return float64(0), false
	}
	f, err := strconv.ParseFloat(string(n), 64)
	return f, err == nil
}

func readBool(v any) (any, bool) {
	b, ok := v.(bool)
	return b, ok
}

// readStrings reads an array of strings: a null element reads as "", and
// an element of another type makes the whole field absent. An empty array
// is an empty, non-nil slice.
func readStrings(v any) (any, bool) {
	arr, ok := v.([]any)
	if !ok {
		return []string(nil), false
	}
	out := []string{}
	for _, e := range arr {
		s, ok := e.(string)
		if !ok && e != nil {
			return []string(nil), false
		}
		out = append(out, s)
	}
	return out, true
}

// readInts reads an array of integers as []int64: a null element reads as
// 0, and an element that is not an integer fitting an int64 makes the
// whole field absent.
func readInts(v any) (any, bool) {
	arr, ok := v.([]any)
	if !ok {
		return []int64(nil), false
	}
	out := []int64{}
	for _, e := range arr {
		var n any = int64(0)
		if e != nil {
			if n, ok = readInt(e); !ok {
				return []int64(nil), false
			}
		}
		out = append(out, n.(int64))
	}
	return out, true
}

func quote(v any) string { return strconv.Quote(v.(string)) }

func intLit(v any) string { return strconv.FormatInt(v.(int64), 10) }

func floatLit(v any) string {
	f := v.(float64)
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0" // a float constant, whatever the field's type
	}
	return s
}

func boolLit(v any) string { return strconv.FormatBool(v.(bool)) }

func stringsLit(v any) string {
	s := v.([]string)
	if s == nil {
		return "[]string(nil)"
	}
	parts := make([]string, len(s))
	for i, x := range s {
		parts[i] = strconv.Quote(x)
	}
	return "[]string{" + strings.Join(parts, ", ") + "}"
}

func intsLit(goType string) func(any) string {
	return func(v any) string {
		s := v.([]int64)
		if s == nil {
			return goType + "(nil)"
		}
		parts := make([]string, len(s))
		for i, x := range s {
			parts[i] = strconv.FormatInt(x, 10)
		}
		return fmt.Sprintf("%s{%s}", goType, strings.Join(parts, ", "))
	}
}
