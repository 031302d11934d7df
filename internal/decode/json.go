package decode

import (
	"bytes"
	"encoding/json"
)

// DecodeJSON decodes data, one JSON value, into any as a json.Decoder with
// UseNumber does: numbers as json.Number. It is an error for data to hold
// anything but one value and white space. A value without numbers (the
// usual error body: strings and objects) is decoded by json.Unmarshal,
// which gives the same value without a Decoder and its buffer.
func DecodeJSON(data []byte) (any, error) {
	var v any
	if !hasNumber(data) {
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, err
		}
		return v, nil
	}
	if !json.Valid(data) {
		return nil, json.Unmarshal(data, &v) // for its message
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// hasNumber reports whether data, read as JSON, has a byte that can only
// start or continue a number (a digit or '-') outside its strings. Where
// it reports false, data holds no number, and json.Unmarshal into any
// decodes it as a Decoder with UseNumber would, or fails as it would.
func hasNumber(data []byte) bool {
	in, escaped := false, false
	for _, c := range data {
		switch {
		case escaped:
			escaped = false
		case in:
			switch c {
			case '\\':
				escaped = true
			case '"':
				in = false
			}
		case c == '"':
			in = true
		case c == '-' || '0' <= c && c <= '9':
			return true
		}
	}
	return false
}
