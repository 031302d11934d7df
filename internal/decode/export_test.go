package decode

import "time"

// RoundTrips encodes w as Encode does and decodes the response twice: as
// decodeWritten does (from the document, unmarshalled, when it is a plain
// JSON object) and from the body Encode writes (Decode's way).
func (s *Schema) RoundTrips(w Wire) (fromDoc, fromBody Result, plain bool) {
	resp := s.Encode(w)
	fromBody = s.Decode(resp.Status, resp.Header, resp.Body, time.Time{})
	_, doc := s.encodeDoc(s.wireForm(w))
	_, obj := doc.(map[string]any)
	return s.decodeWritten(s.encodeDoc(s.wireForm(w))), fromBody, obj && plainJSON(doc)
}

// ValidNumber is validNumber.
var ValidNumber = validNumber
