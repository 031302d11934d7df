//go:build goexperiment.jsonv2

package bench

import (
	jsonv2 "encoding/json/v2"
	"testing"
)

// The limit baseline: encoding/json/v2 unmarshalling each body into the
// same typed struct as dec=unmarshal. It exists only in a build with
// GOEXPERIMENT=jsonv2 (scripts/bench.sh runs one); the generated packages
// never use it.
func init() {
	jsonv2Decoders = map[string]func([]byte) (string, error){
		"nested":     unmarshalV2[trendtrackBody],
		"flat402":    unmarshalV2[traceCreditExhausted],
		"flat429":    unmarshalV2[traceRateLimited],
		"title":      unmarshalV2[trakkrBody],
		"meta":       unmarshalV2[trackagoatLimitReached],
		"minimal":    unmarshalV2[traceMinimal],
		"fastapi422": unmarshalV2[traceValidation],
		"html":       unmarshalV2[traceCreditExhausted],
	}
}

// unmarshalV2 decodes body into a new T with encoding/json/v2.
func unmarshalV2[T any, P keyed[T]](body []byte) (string, error) {
	v := P(new(T))
	if err := jsonv2.Unmarshal(body, v); err != nil {
		return "", err
	}
	return v.key(), nil
}

func TestJSONv2Decoders(t *testing.T) {
	for _, r := range responses {
		f := jsonv2Decoders[r.name]
		if f == nil {
			t.Fatalf("no jsonv2 decoder for %s", r.name)
		}
		if key, err := f(r.body); (err != nil) != (r.name == "html") || r.name != "html" && key == "" {
			t.Errorf("%s: jsonv2 read %q, %v", r.name, key, err)
		}
	}
}
