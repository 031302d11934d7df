package decode

import (
	"encoding/json"
	"time"
)

// Build returns a JSON body that decodes under s to the given code, sent
// in the body (documented or not), with fields (member name to a value
// json.Marshal writes) added to the object of typed fields. It tries each
// shape that has a code path, in order, and returns the first body that
// decodes back through that shape; it reports false when none does (say,
// when a path goes through an array).
func (s *Schema) Build(status int, code string, fields map[string]any) ([]byte, bool) {
	for _, sh := range s.Shapes {
		if sh.Code == nil {
			continue
		}
		doc := map[string]any{}
		if !set(doc, sh.Code, code, false) {
			continue
		}
		ok := true
		for _, r := range sh.Require {
			ok = ok && set(doc, r, "x", true)
		}
		obj := doc
		if sh.Fields != nil {
			if !set(doc, sh.Fields, map[string]any{}, true) {
				continue
			}
			obj, ok = sh.Fields.Lookup(doc).(map[string]any)
		}
		if !ok {
			continue
		}
		for k, v := range fields {
			if _, taken := obj[k]; !taken {
				obj[k] = v
			}
		}
		body, err := json.Marshal(doc)
		if err != nil {
			continue
		}
		if r := s.Decode(status, nil, body, time.Time{}); r.Shape == sh && r.Code == code && r.By == Body {
			return body, true
		}
	}
	return nil, false
}

// set stores v at path p in doc, making objects on the way; with
// onlyIfAbsent it leaves a value already there. It fails on array
// segments and where a value that is not an object is in the way.
func set(doc map[string]any, p Path, v any, onlyIfAbsent bool) bool {
	m := doc
	for i, sg := range p {
		if sg.Each || sg.Index >= 0 {
			return false
		}
		old, exists := m[sg.Key]
		if i == len(p)-1 {
			if exists && onlyIfAbsent {
				return true
			}
			if _, isObj := old.(map[string]any); isObj && exists {
				return false
			}
			m[sg.Key] = v
			return true
		}
		next, ok := old.(map[string]any)
		if !ok {
			if exists {
				return false
			}
			next = map[string]any{}
			m[sg.Key] = next
		}
		m = next
	}
	return len(p) > 0
}
