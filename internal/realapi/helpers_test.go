package realapi

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// outcome is what a documented response decodes to, as the documentation
// says: the fields of the generated package's Error that every API has, and
// the answers of its IsRetryable and RetryAfter.
type outcome struct {
	Status    int
	Code      string
	Message   string
	RequestID string
	Family    string
	Retryable bool
	Delay     time.Duration
	HasDelay  bool
}

// decoding is the error one of the two entry points returned.
type decoding struct {
	via string // "Parse" or "FromResponse"
	err error
}

// decodeBoth decodes a response with a generated package's Parse and with
// its FromResponse. After FromResponse it checks that the response body
// still reads in full from its start, as FromResponse promises for a 2xx
// body that is not an error.
func decodeBoth(t *testing.T, status int, header http.Header, body string,
	parse func(int, http.Header, []byte) error, fromResponse func(*http.Response) error) []decoding {
	t.Helper()
	resp := &http.Response{StatusCode: status, Header: header, Body: io.NopCloser(strings.NewReader(body))}
	viaResp := fromResponse(resp)
	if viaResp == nil {
		rest, err := io.ReadAll(resp.Body)
		if err != nil || !bytes.Equal(rest, []byte(body)) {
			t.Errorf("after FromResponse gave nil, the body reads %q (%v), want the whole body %q", rest, err, body)
		}
	}
	return []decoding{
		{"Parse", parse(status, header, []byte(body))},
		{"FromResponse", viaResp},
	}
}

// header builds a response header from name, value pairs, canonicalising
// the names as net/http does for a received response.
func header(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h
}
