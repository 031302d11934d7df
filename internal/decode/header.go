package decode

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// HeaderKinds are the types an informational header may be declared with
// ([[headers.info]] type), as ReadHeader reads them.
var HeaderKinds = []string{"string", "int", "number", "time"}

// HeaderGoType is the Go type a generated reader of a header of kind
// returns.
func HeaderGoType(kind string) string {
	switch kind {
	case "int":
		return "int"
	case "number":
		return "float64"
	case "time":
		return "time.Time"
	}
	return "string"
}

// ReadHeader reads the value of a header of kind (one of HeaderKinds; ""
// is string), as the generated readers do. A string is the value as sent.
// Other kinds are read after trimming spaces and tabs: an int is a decimal
// integer, optionally signed, that fits a Go int; a number a decimal
// number (strconv.ParseFloat's syntax, finite, no hexadecimal, infinity or
// NaN); a time an HTTP-date in any of its three formats, or Unix seconds
// (digits only), in UTC. ok is false for anything else.
func ReadHeader(kind, v string) (any, bool) {
	if kind == "" || kind == "string" {
		return v, true
	}
	v = strings.Trim(v, " \t")
	switch kind {
	case "int":
		n, err := strconv.ParseInt(v, 10, strconv.IntSize)
		return int(n), err == nil
	case "number":
		if v == "" || strings.ContainsAny(v, "xXnNiI_") {
			return float64(0), false
		}
		f, err := strconv.ParseFloat(v, 64)
		return f, err == nil
	case "time":
		if v != "" && strings.Trim(v, "0123456789") == "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return time.Time{}, false
			}
			return time.Unix(n, 0).UTC(), true
		}
		t, err := http.ParseTime(v)
		return t.UTC(), err == nil
	}
	return nil, false
}
