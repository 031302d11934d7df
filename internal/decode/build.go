package decode

import (
	"encoding/json"
	"time"
)

// Build returns a JSON body that decodes under s to the given code, sent
// in the body (documented or not), with fields (member name to a value
// json.Marshal writes) added to the object of typed fields. It tries each
// shape that has a code path, in order, writing the body as Encode does,
// and returns the first body that decodes back through that shape, with
// its reading (at the zero time); it reports false when none does.
func (s *Schema) Build(status int, code string, fields map[string]any) ([]byte, Result, bool) {
	for _, sh := range s.Shapes {
		if sh.Code == nil {
			continue
		}
		var doc any = put(map[string]any{}, sh.Code, always(code))
		if len(fields) > 0 {
			doc = put(doc, sh.Fields, func(old any) any {
				obj, ok := old.(map[string]any)
				if !ok {
					if old != nil {
						return old
					}
					obj = map[string]any{}
				}
				for k, v := range fields {
					if _, taken := obj[k]; !taken {
						obj[k] = v
					}
				}
				return obj
			})
		}
		for _, r := range sh.Require {
			doc = put(doc, r, ifAbsent(""))
		}
		body, err := json.Marshal(doc)
		if err != nil {
			continue
		}
		if r := s.Decode(status, nil, body, time.Time{}); r.Shape == sh && r.Code == code && r.By == Body {
			return body, r, true
		}
	}
	return nil, Result{}, false
}
