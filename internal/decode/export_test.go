package decode

import "time"

// RoundTrips encodes w as Encode does and decodes the response twice: from
// the document encodeDoc marshalled (decodeWritten's way, used whenever the
// document is plain JSON) and from the body (Decode's).
func (s *Schema) RoundTrips(w Wire) (fromDoc, fromBody Result, plain bool) {
	resp, doc := s.encodeDoc(s.wireForm(w))
	fromBody = s.Decode(resp.Status, resp.Header, resp.Body, time.Time{})
	if doc == nil || !plainJSON(doc) {
		return fromBody, fromBody, false
	}
	return s.decodeDoc(resp.Status, resp.Header, resp.Body, doc, time.Time{}), fromBody, true
}

// ValidNumber is validNumber.
var ValidNumber = validNumber
