package bench

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/errgen/errgen/generated/trace"
	"github.com/errgen/errgen/generated/trackagoat"
	"github.com/errgen/errgen/generated/trakkr"
	"github.com/errgen/errgen/generated/trendtrack"
)

// A response is one error response, decoded by a generated package and by
// the two encoding/json baselines.
type response struct {
	name   string // the sub-benchmark key: the envelope shape
	status int
	header http.Header
	body   []byte
	want   string // the code Parse must find

	parse        func(int, http.Header, []byte) error
	fromResponse func(*http.Response) error
	// unmarshal is baseline (a): one json.Unmarshal into a typed struct of
	// the body's fields, no classification. It returns the code or message
	// it read.
	unmarshal func([]byte) (string, error)
	// twoPass is baseline (b): json.Unmarshal into a probe to find the code,
	// then again into the type for that code. It returns the code it found.
	twoPass func([]byte) (string, error)
}

// responses are the bodies measured: the spec's own examples where the
// document has one, else a realistic body of the documented shape.
var responses = []response{
	{
		// spec/trendtrack.toml, the worked example: the headline target.
		name: "nested", status: 402, want: "insufficient_credits",
		header: http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"req_01HZ…"}},
		body: []byte(`{
  "error": {
    "code": "insufficient_credits",
    "message": "Not enough credits to complete this request.",
    "requestId": "req_01HZ…"
  }
}
`),
		parse: trendtrack.Parse, fromResponse: trendtrack.FromResponse,
		unmarshal: unmarshalTo[trendtrackBody], twoPass: trendtrackTwoPass,
	},
	{
		// spec/trace.toml, "out of credits".
		name: "flat402", status: 402, want: "credit_exhausted",
		header: http.Header{"Content-Type": {"application/json"}},
		body:   []byte(`{ "error": "credit_exhausted", "message": "Insufficient credits to complete this request.", "requested": 50, "shortfall": 12}` + "\n"),
		parse:  trace.Parse, fromResponse: trace.FromResponse,
		unmarshal: unmarshalTo[traceCreditExhausted], twoPass: traceTwoPass,
	},
	{
		// spec/trace.toml, "rate limited".
		name: "flat429", status: 429, want: "operational_rate_limit_exceeded",
		header: http.Header{"Content-Type": {"application/json"}, "X-Ratelimit-Limit": {"60"}},
		body:   []byte(`{ "error": "operational_rate_limit_exceeded", "message": "Too many requests. Please wait before retrying.", "retry_after_seconds": 30}` + "\n"),
		parse:  trace.Parse, fromResponse: trace.FromResponse,
		unmarshal: unmarshalTo[traceRateLimited], twoPass: traceTwoPass,
	},
	{
		// spec/trakkr.toml, "Missing Required Parameter": recognised by a
		// pattern, the slowest of Trakkr's paths.
		name: "title", status: 400, want: "missing_required_parameter",
		header: http.Header{"Content-Type": {"application/json"}},
		body: []byte(`{
  "error": "Missing required parameter: brand",
  "errors": ["brand parameter is required"]
}
`),
		parse: trakkr.Parse, fromResponse: trakkr.FromResponse,
		unmarshal: unmarshalTo[trakkrBody], twoPass: trakkrTwoPass,
	},
	{
		// spec/trackagoat.toml, "count-based plan limit".
		name: "meta", status: 402, want: "limit_reached",
		header: http.Header{"Content-Type": {"application/json"}},
		body: []byte(`{
"data": null,
"error": "Limit reached: max_creators_per_org",
"meta": {
"code": "limit_reached",
"limitKey": "max_creators_per_org",
"current": 5,
"max": 5
}
}
`),
		parse: trackagoat.Parse, fromResponse: trackagoat.FromResponse,
		unmarshal: unmarshalTo[trackagoatLimitReached], twoPass: trackagoatTwoPass,
	},
	{
		// spec/trace.toml, "minimal body".
		name: "minimal", status: 500, want: "internal_server_error",
		header: http.Header{"Content-Type": {"application/json"}},
		body:   []byte(`{ "error": "Internal server error"}` + "\n"),
		parse:  trace.Parse, fromResponse: trace.FromResponse,
		unmarshal: unmarshalTo[traceMinimal], twoPass: traceTwoPass,
	},
	{
		// FastAPI's validation body, as Trace's document describes it.
		name: "fastapi422", status: 422, want: "validation_error",
		header: http.Header{"Content-Type": {"application/json"}},
		body:   []byte(`{"detail":[{"loc":["query","limit"],"msg":"ensure this value is less than or equal to 100","type":"value_error.number.not_le"},{"loc":["query","since"],"msg":"invalid date format","type":"value_error.date"}]}`),
		parse:  trace.Parse, fromResponse: trace.FromResponse,
		unmarshal: unmarshalTo[traceValidation], twoPass: traceTwoPass,
	},
	{
		// A proxy's HTML page in front of Trace: no JSON at all.
		name: "html", status: 502, want: "",
		header: http.Header{"Content-Type": {"text/html"}, "Server": {"nginx"}},
		body: []byte(`<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`),
		parse: trace.Parse, fromResponse: trace.FromResponse,
		unmarshal: unmarshalTo[traceCreditExhausted], twoPass: traceTwoPass,
	},
}

// The typed structs below are what a careful hand-written SDK declares for
// each body: its fields, nothing more.

type trendtrackBody struct {
	Error struct {
		Code      string `json:"code"`
		Message   string `json:"message"`
		RequestID string `json:"requestId"`
	} `json:"error"`
}

func (b *trendtrackBody) key() string { return b.Error.Code }

type traceCreditExhausted struct {
	Error     string `json:"error"`
	Message   string `json:"message"`
	Requested int    `json:"requested"`
	Shortfall int    `json:"shortfall"`
}

func (b *traceCreditExhausted) key() string { return b.Error }

type traceRateLimited struct {
	Error             string `json:"error"`
	Message           string `json:"message"`
	RetryAfterSeconds int    `json:"retry_after_seconds"`
}

func (b *traceRateLimited) key() string { return b.Error }

type traceNested struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (b *traceNested) key() string { return b.Error.Code }

type traceMinimal struct {
	Error string `json:"error"`
}

func (b *traceMinimal) key() string { return b.Error }

// traceValidation is FastAPI's body as the baselines decode it: with the
// types Trace's generated package gives each issue (Error.Items), so
// that Loc is a []any, its elements strings or integers (list indexes), as
// the document says. (Before issue 10 it was a []string, when Parse kept
// only the messages.)
type traceValidation struct {
	Detail []struct {
		Loc  []any  `json:"loc"`
		Msg  string `json:"msg"`
		Type string `json:"type"`
	} `json:"detail"`
}

func (b *traceValidation) key() string {
	if len(b.Detail) == 0 {
		return ""
	}
	return b.Detail[0].Msg
}

type trakkrBody struct {
	Error  string   `json:"error"`
	Errors []string `json:"errors"`
}

func (b *trakkrBody) key() string { return b.Error }

type trackagoatLimitReached struct {
	Error string `json:"error"`
	Meta  struct {
		Code     string `json:"code"`
		LimitKey string `json:"limitKey"`
		Current  int    `json:"current"`
		Max      int    `json:"max"`
	} `json:"meta"`
}

func (b *trackagoatLimitReached) key() string { return b.Meta.Code }

type trackagoatBody struct {
	Error string `json:"error"`
	Meta  struct {
		Code string `json:"code"`
	} `json:"meta"`
}

func (b *trackagoatBody) key() string { return b.Meta.Code }

// keyed is a typed body that can say what it read, so that tests can check
// the baselines decode what they claim to.
type keyed[T any] interface {
	*T
	key() string
}

// unmarshalTo decodes body into a new T: baseline (a).
func unmarshalTo[T any, P keyed[T]](body []byte) (string, error) {
	v := P(new(T))
	if err := json.Unmarshal(body, v); err != nil {
		return "", err
	}
	return v.key(), nil
}

// The two-pass baselines: a small probe finds the code (or the shape), then
// the body is decoded again into the type for that code.

func trendtrackTwoPass(body []byte) (string, error) {
	var probe struct {
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	if err := json.Unmarshal(body, &probe); err != nil {
		return "", err
	}
	switch probe.Error.Code {
	case "insufficient_credits":
		return unmarshalTo[trendtrackBody](body)
	default:
		return unmarshalTo[trendtrackBody](body)
	}
}

func traceTwoPass(body []byte) (string, error) {
	var probe struct {
		Error   json.RawMessage `json:"error"`
		Message *string         `json:"message"`
		Detail  json.RawMessage `json:"detail"`
	}
	if err := json.Unmarshal(body, &probe); err != nil {
		return "", err
	}
	switch {
	case probe.Detail != nil:
		if _, err := unmarshalTo[traceValidation](body); err != nil {
			return "", err
		}
		return "validation_error", nil
	case len(probe.Error) > 0 && probe.Error[0] == '{':
		return unmarshalTo[traceNested](body)
	case probe.Message == nil:
		title, err := unmarshalTo[traceMinimal](body)
		if err != nil || title != "Internal server error" {
			return "", err
		}
		return "internal_server_error", nil
	}
	var code string
	if err := json.Unmarshal(probe.Error, &code); err != nil {
		return "", err
	}
	switch code {
	case "credit_exhausted":
		return unmarshalTo[traceCreditExhausted](body)
	case "operational_rate_limit_exceeded":
		return unmarshalTo[traceRateLimited](body)
	default:
		return unmarshalTo[traceMinimal](body)
	}
}

func trakkrTwoPass(body []byte) (string, error) {
	var probe struct {
		Error string `json:"error"`
	}
	if err := json.Unmarshal(body, &probe); err != nil {
		return "", err
	}
	code := ""
	switch {
	case probe.Error == "Missing API key":
		code = "missing_api_key"
	case strings.HasPrefix(probe.Error, "Missing required parameter: "):
		code = "missing_required_parameter"
	}
	if _, err := unmarshalTo[trakkrBody](body); err != nil {
		return "", err
	}
	return code, nil
}

func trackagoatTwoPass(body []byte) (string, error) {
	var probe struct {
		Meta struct {
			Code string `json:"code"`
		} `json:"meta"`
	}
	if err := json.Unmarshal(body, &probe); err != nil {
		return "", err
	}
	switch probe.Meta.Code {
	case "limit_reached":
		return unmarshalTo[trackagoatLimitReached](body)
	default:
		return unmarshalTo[trackagoatBody](body)
	}
}

// codeOf returns the code of the generated *Error in err's chain.
func codeOf(err error) (string, bool) {
	var (
		tt *trendtrack.Error
		tr *trace.Error
		tk *trakkr.Error
		tg *trackagoat.Error
	)
	switch {
	case errors.As(err, &tt):
		return string(tt.Code), true
	case errors.As(err, &tr):
		return string(tr.Code), true
	case errors.As(err, &tk):
		return string(tk.Code), true
	case errors.As(err, &tg):
		return string(tg.Code), true
	}
	return "", false
}

// reusableBody is a response body that a benchmark rewinds instead of
// allocating a new one per iteration.
type reusableBody struct{ bytes.Reader }

func (*reusableBody) Close() error { return nil }

// TestResponses checks that every decoder measured decodes what it should,
// so the benchmarks compare equal work. It measures nothing.
func TestResponses(t *testing.T) {
	for _, r := range responses {
		t.Run(r.name, func(t *testing.T) {
			if got, ok := codeOf(r.parse(r.status, r.header, r.body)); !ok || got != r.want {
				t.Errorf("Parse: code %q (a *Error: %v), want %q", got, ok, r.want)
			}
			rb := &reusableBody{}
			rb.Reset(r.body)
			resp := &http.Response{StatusCode: r.status, Header: r.header, Body: rb}
			if got, ok := codeOf(r.fromResponse(resp)); !ok || got != r.want {
				t.Errorf("FromResponse: code %q (a *Error: %v), want %q", got, ok, r.want)
			}
			key, err := r.unmarshal(r.body)
			if r.name == "html" {
				if err == nil {
					t.Errorf("unmarshal of HTML: no error")
				}
			} else if err != nil || key == "" {
				t.Errorf("unmarshal: read %q, %v; want a code or message", key, err)
			}
			code, err := r.twoPass(r.body)
			if r.name == "html" {
				if err == nil {
					t.Errorf("two-pass decode of HTML: no error")
				}
			} else if err != nil || code != r.want {
				t.Errorf("two-pass decode: code %q, %v; want %q", code, err, r.want)
			}
		})
	}
}

// jsonv2Decoders are the encoding/json/v2 baselines by response name, set
// only in a build with GOEXPERIMENT=jsonv2 (jsonv2_test.go).
var jsonv2Decoders map[string]func([]byte) (string, error)

var (
	sinkErr  error
	sinkStr  string
	sinkBool bool
	sinkDur  time.Duration
)

// BenchmarkDecode decodes each response four ways, one after the other in
// the same run: dec=unmarshal and dec=twopass are the encoding/json
// baselines, dec=parse and dec=fromresponse the generated package.
func BenchmarkDecode(b *testing.B) {
	for _, r := range responses {
		b.Run("body="+r.name, func(b *testing.B) {
			b.Run("dec=unmarshal", func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(r.body)))
				defer cpuClock(b)()
				for b.Loop() {
					sinkStr, sinkErr = r.unmarshal(r.body)
				}
			})
			b.Run("dec=twopass", func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(r.body)))
				defer cpuClock(b)()
				for b.Loop() {
					sinkStr, sinkErr = r.twoPass(r.body)
				}
			})
			if v2 := jsonv2Decoders[r.name]; v2 != nil {
				b.Run("dec=jsonv2", func(b *testing.B) {
					b.ReportAllocs()
					b.SetBytes(int64(len(r.body)))
					defer cpuClock(b)()
					for b.Loop() {
						sinkStr, sinkErr = v2(r.body)
					}
				})
			}
			b.Run("dec=parse", func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(r.body)))
				defer cpuClock(b)()
				for b.Loop() {
					sinkErr = r.parse(r.status, r.header, r.body)
				}
			})
			b.Run("dec=fromresponse", func(b *testing.B) {
				rb := &reusableBody{}
				resp := &http.Response{StatusCode: r.status, Header: r.header}
				b.ReportAllocs()
				b.SetBytes(int64(len(r.body)))
				defer cpuClock(b)()
				for b.Loop() {
					rb.Reset(r.body)
					resp.Body = rb
					sinkErr = r.fromResponse(resp)
				}
			})
		})
	}
}

// wrapped returns the Trendtrack 402 error as an SDK returns it: wrapped
// once with context.
func wrapped(b *testing.B, status int, header http.Header, body []byte) error {
	err := trendtrack.Parse(status, header, body)
	if err == nil {
		b.Fatal("Parse returned nil")
	}
	return fmt.Errorf("trendtrack: GET /v1/usage: %w", err)
}

// BenchmarkErrorsIs is errors.Is on a wrapped *Error: a hit, a miss that
// walks the whole chain, and as a floor the same chain searched for the
// *Error itself, which errors.Is finds by == without calling (*Error).Is.
func BenchmarkErrorsIs(b *testing.B) {
	err := wrapped(b, responses[0].status, responses[0].header, responses[0].body)
	for _, c := range []struct {
		name   string
		target error
		want   bool
	}{
		{"hit", trendtrack.ErrInsufficientCredits, true},
		{"miss", trendtrack.ErrRateLimited, false},
		{"floor", errors.Unwrap(err), true},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			defer cpuClock(b)()
			for b.Loop() {
				sinkBool = errors.Is(err, c.target)
			}
			if sinkBool != c.want {
				b.Fatalf("errors.Is = %v, want %v", sinkBool, c.want)
			}
		})
	}
}

// BenchmarkIsRetryable is IsRetryable on the wrapped Trendtrack 402 error.
func BenchmarkIsRetryable(b *testing.B) {
	err := wrapped(b, responses[0].status, responses[0].header, responses[0].body)
	b.ReportAllocs()
	defer cpuClock(b)()
	for b.Loop() {
		sinkBool = trendtrack.IsRetryable(err)
	}
	if sinkBool {
		b.Fatal("insufficient_credits is retryable")
	}
}

// BenchmarkRetryAfter is RetryAfter on wrapped errors: with no delay, with a
// Retry-After header in seconds or as an HTTP-date, and with Trace's
// retry_after_seconds body field.
func BenchmarkRetryAfter(b *testing.B) {
	limited := []byte(`{"error": {"code": "rate_limited", "message": "Rate limit exceeded.", "requestId": "req_123"}}`)
	date := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	traceErr := fmt.Errorf("trace: GET /v1/companies: %w", trace.Parse(responses[2].status, responses[2].header, responses[2].body))
	for _, c := range []struct {
		name       string
		err        error
		retryAfter func(error) (time.Duration, bool)
		want       bool
	}{
		{"none", wrapped(b, responses[0].status, responses[0].header, responses[0].body), trendtrack.RetryAfter, false},
		{"header-seconds", wrapped(b, 429, http.Header{"Retry-After": {"30"}}, limited), trendtrack.RetryAfter, true},
		{"header-date", wrapped(b, 429, http.Header{"Retry-After": {date}}, limited), trendtrack.RetryAfter, true},
		{"body-field", traceErr, trace.RetryAfter, true},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			defer cpuClock(b)()
			for b.Loop() {
				sinkDur, sinkBool = c.retryAfter(c.err)
			}
			if sinkBool != c.want {
				b.Fatalf("RetryAfter reports %v, want %v", sinkBool, c.want)
			}
		})
	}
}
