package decode

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// A Kind is the type of a typed field: everything errgen knows about it in
// one descriptor, so that a new kind is one entry of Kinds (or one more
// way to make a kind below) and a missing piece fails to compile or fails
// a test instead of falling back.
//
// Every kind reads by one rule: a field's value is what json.Unmarshal
// makes of its JSON value in the field's Go type, and a value
// json.Unmarshal rejects (a string where a number belongs, an integer that
// does not fit, a list with an element of another type) leaves the zero
// value, as if the field were absent.
type Kind struct {
	// Name is the type as a spec writes it: "int", "[]string",
	// "error_info", "[]error_info", "map[string]string".
	Name string
	// GoType is the Go spelling of the type for the built-in kinds ("int",
	// "*int", "map[string]string"); "" for kinds of named types, whose Go
	// names the model chooses.
	GoType string
	// Type is the named object type of an object kind or a list of
	// objects; nil otherwise.
	Type *Type
	// List marks a list of Type.
	List bool
	// Optional marks a pointer to Elem's Go type: nil when the field is
	// absent, so that absent and zero differ.
	Optional bool
	Elem     *Kind
	// Wrong is a JSON value of another type, which reads as absent.
	Wrong string
	// Zero is the zero value of the Go type of a built-in kind.
	Zero any
	// Delay reports that a retry_after field may have this kind.
	Delay bool
	// MaxInt, for integer kinds, is the largest magnitude a value may have
	// to fit the Go type on every platform errgen supports (int is 32 bits
	// on 386 and arm); 0 for other kinds.
	MaxInt int64
}

// Type is a named object type a spec declares: the Go struct of typed
// fields that object kinds decode into.
type Type struct {
	Name   string // as the spec writes it
	Fields []*Field

	rt reflect.Type // built by reflectType
}

// Kinds are the built-in kinds, in the order spec/README.md lists them.
var Kinds = []*Kind{
	{Name: "string", GoType: "string", Wrong: "42", Zero: ""},
	{Name: "int", GoType: "int", Wrong: `"7"`, Zero: int(0), Delay: true, MaxInt: math.MaxInt32},
	{Name: "int64", GoType: "int64", Wrong: `"7"`, Zero: int64(0), Delay: true, MaxInt: math.MaxInt64},
	{Name: "float64", GoType: "float64", Wrong: `"7"`, Zero: float64(0), Delay: true},
	{Name: "bool", GoType: "bool", Wrong: `"true"`, Zero: false},
	{Name: "[]string", GoType: "[]string", Wrong: `"x"`, Zero: []string(nil)},
	{Name: "[]int", GoType: "[]int", Wrong: `["7"]`, Zero: []int(nil), MaxInt: math.MaxInt32},
	{Name: "map[string]string", GoType: "map[string]string", Wrong: `["x"]`, Zero: map[string]string(nil)},
	{Name: "[]any", GoType: "[]any", Wrong: `"x"`, Zero: []any(nil)},
	{Name: "map[string]any", GoType: "map[string]any", Wrong: `["x"]`, Zero: map[string]any(nil)},
	// any holds whatever JSON value the body has (string, float64, bool,
	// []any, map[string]any); no value is of the wrong type.
	{Name: "any", GoType: "any"},
}

// KindNamed returns the built-in kind a spec calls name, or nil.
func KindNamed(name string) *Kind {
	for _, k := range Kinds {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// KindNames lists the names of the built-in kinds, for error messages.
func KindNames() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = k.Name
	}
	return strings.Join(names, ", ")
}

// ObjectKind is the kind of a field holding one object of type t: a
// pointer to its Go struct, nil when absent.
func ObjectKind(t *Type) *Kind {
	return &Kind{Name: t.Name, Type: t, Wrong: `"x"`}
}

// ListKind is the kind of a field holding a list of objects of type t.
func ListKind(t *Type) *Kind {
	return &Kind{Name: "[]" + t.Name, Type: t, List: true, Wrong: `"x"`}
}

// OptionalKind is the kind of an optional field of kind k: a pointer to
// its Go type. Only scalar built-in kinds have one.
func OptionalKind(k *Kind) *Kind {
	return &Kind{Name: k.Name, GoType: "*" + k.GoType, Optional: true, Elem: k, Wrong: k.Wrong, MaxInt: k.MaxInt,
		Zero: reflect.Zero(reflect.PointerTo(reflect.TypeOf(k.Zero))).Interface()}
}

// Scalar reports whether k is a built-in kind that is not a slice or a
// map: one that may be optional.
func (k *Kind) Scalar() bool {
	return k.GoType != "" && k.GoType != "any" && !strings.HasPrefix(k.GoType, "[]") && !strings.HasPrefix(k.GoType, "map[") && !k.Optional
}

// DelayIntegral reports that a retry_after field of this kind takes only
// integer literals; otherwise any JSON number is a delay.
func (k *Kind) DelayIntegral() bool { return k.MaxInt != 0 }

// String returns the kind's spec name.
func (k *Kind) String() string { return k.Name }

// ReflectType returns the Go type k's values are decoded into. For a
// named type it is a struct built with reflect (fields F0, F1, ... tagged
// with their wire names), which json.Unmarshal fills as it fills the
// struct errgen generates.
func (k *Kind) ReflectType() reflect.Type {
	switch {
	case k.Optional:
		return reflect.PointerTo(k.Elem.ReflectType())
	case k.Type != nil && k.List:
		return reflect.SliceOf(k.Type.reflectType())
	case k.Type != nil:
		return reflect.PointerTo(k.Type.reflectType())
	case k.GoType == "any":
		return reflect.TypeFor[any]()
	}
	return reflect.TypeOf(k.Zero)
}

// reflectType builds t's struct type once.
func (t *Type) reflectType() reflect.Type {
	if t.rt == nil {
		fields := make([]reflect.StructField, len(t.Fields))
		for i, f := range t.Fields {
			fields[i] = reflect.StructField{
				Name: "F" + strconv.Itoa(i),
				Type: f.Kind.ReflectType(),
				Tag:  reflect.StructTag(`json:` + strconv.Quote(f.Name)),
			}
		}
		t.rt = reflect.StructOf(fields)
	}
	return t.rt
}

// Decode reads a raw JSON value as a field of kind k: the Go value
// json.Unmarshal makes of it (an int for "int", a *struct for an object
// kind), or the zero value and false when raw is absent, null or rejected.
func (k *Kind) Decode(raw []byte) (any, bool) {
	rt := k.ReflectType()
	v := reflect.New(rt)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) || json.Unmarshal(raw, v.Interface()) != nil {
		return reflect.Zero(rt).Interface(), false
	}
	return v.Elem().Interface(), true
}

// Fits reports whether a value Decode returned fits its Go type on every
// supported platform: every integer (in lists, objects and pointers too)
// within ±MaxInt of its kind.
func (k *Kind) Fits(v any) bool {
	return k.fits(reflect.ValueOf(v))
}

func (k *Kind) fits(v reflect.Value) bool {
	switch {
	case !v.IsValid():
		return true
	case k.Optional:
		return v.IsNil() || k.Elem.fits(v.Elem())
	case k.Type != nil && k.List:
		for i := 0; i < v.Len(); i++ {
			if !k.Type.fits(v.Index(i)) {
				return false
			}
		}
		return true
	case k.Type != nil:
		return v.IsNil() || k.Type.fits(v.Elem())
	case k.MaxInt == 0:
		return true
	}
	ok := func(n int64) bool { return n <= k.MaxInt && n >= -k.MaxInt-1 }
	if v.Kind() == reflect.Slice {
		for i := 0; i < v.Len(); i++ {
			if !ok(v.Index(i).Int()) {
				return false
			}
		}
		return true
	}
	return ok(v.Int())
}

func (t *Type) fits(v reflect.Value) bool {
	for i, f := range t.Fields {
		if !f.Kind.fits(v.Field(i)) {
			return false
		}
	}
	return true
}

// Namer gives the Go names of what the decoding core knows only by its
// wire names, so that Literal can write Go source.
type Namer interface {
	TypeName(*Type) string
	FieldName(*Field) string
	// Pointer writes an expression of type *goType pointing to a copy of
	// the constant lit.
	Pointer(goType, lit string) string
}

// Literal writes a value Decode returned as Go source.
func (k *Kind) Literal(v any, n Namer) string {
	return k.literal(reflect.ValueOf(v), n)
}

func (k *Kind) literal(v reflect.Value, n Namer) string {
	switch {
	case k.GoType == "any":
		return anyLiteral(v)
	case k.Optional:
		if v.IsNil() {
			return "nil"
		}
		return n.Pointer(k.Elem.GoType, k.Elem.literal(v.Elem(), n))
	case k.Type != nil && k.List:
		if v.IsNil() {
			return "[]" + n.TypeName(k.Type) + "(nil)"
		}
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = k.Type.literal(v.Index(i), n)
		}
		return "[]" + n.TypeName(k.Type) + "{" + strings.Join(parts, ", ") + "}"
	case k.Type != nil:
		if v.IsNil() {
			return "nil"
		}
		return "&" + n.TypeName(k.Type) + k.Type.literal(v.Elem(), n)
	}
	switch v.Kind() {
	case reflect.String:
		return strconv.Quote(v.String())
	case reflect.Int, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Float64:
		s := strconv.FormatFloat(v.Float(), 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEnI") {
			s += ".0" // a float constant, whatever the field's type
		}
		return s
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Slice:
		if v.IsNil() {
			return k.GoType + "(nil)"
		}
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = anyLiteral(v.Index(i))
		}
		return k.GoType + "{" + strings.Join(parts, ", ") + "}"
	case reflect.Interface:
		return anyLiteral(v)
	case reflect.Map:
		if v.IsNil() {
			return k.GoType + "(nil)"
		}
		if k.GoType != "map[string]string" {
			return anyLiteral(v)
		}
		return k.GoType + mapElements(v, func(e reflect.Value) string { return strconv.Quote(e.String()) })
	}
	panic(fmt.Sprintf("decode: no literal for kind %s", k.Name)) // a kind added without a literal: a bug
}

// mapElements writes the elements of a map with string keys as a
// composite literal's braces, in key order, each value written by elem:
// {"a": 1, "b": 2}.
func mapElements(v reflect.Value, elem func(reflect.Value) string) string {
	keys := make([]string, 0, v.Len())
	for _, key := range v.MapKeys() {
		keys = append(keys, key.String())
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, key := range keys {
		parts[i] = strconv.Quote(key) + ": " + elem(v.MapIndex(reflect.ValueOf(key)))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// anyLiteral writes an element of a list, or a value json.Unmarshal put
// in an any, as Go source of the same dynamic type.
func anyLiteral(v reflect.Value) string {
	if !v.IsValid() {
		return "nil" // an absent value: reflect.ValueOf(nil)
	}
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return "nil"
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.String:
		return strconv.Quote(v.String())
	case reflect.Int, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Float64:
		return "float64(" + strconv.FormatFloat(v.Float(), 'g', -1, 64) + ")"
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = anyLiteral(v.Index(i))
		}
		return "[]any{" + strings.Join(parts, ", ") + "}"
	case reflect.Map:
		return "map[string]any" + mapElements(v, anyLiteral)
	}
	panic(fmt.Sprintf("decode: no literal for a %s", v.Kind()))
}

// literal writes a struct value of t as a composite literal body: "{F: v}".
func (t *Type) literal(v reflect.Value, n Namer) string {
	var parts []string
	for i, f := range t.Fields {
		fv := v.Field(i)
		if fv.IsZero() {
			continue
		}
		parts = append(parts, n.FieldName(f)+": "+f.Kind.literal(fv, n))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
