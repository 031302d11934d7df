package tracesdk_test

// These tests drive the common retry libraries with the generated
// package's helpers and nothing else, against a fake of the Trace API
// built with trace.WriteError and trace.DocumentedResponse; and log an
// API error with log/slog.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/hashicorp/go-retryablehttp"

	"github.com/errgen/errgen/generated/trace"
)

// fakeAPI serves answers in turn (the last one repeating): each an error
// of the API, written by trace.WriteError, or nil for a 200 with a JSON
// body. It returns the server and the request count.
func fakeAPI(t *testing.T, answers ...*trace.Error) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e := answers[min(int(n.Add(1))-1, len(answers)-1)]
		if e == nil {
			fmt.Fprint(w, `{"domain": "example.com", "name": "Example Inc."}`)
			return
		}
		trace.WriteError(w, e)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// documentedError is the error of the response the documentation shows
// for code.
func documentedError(t *testing.T, code trace.Code) *trace.Error {
	t.Helper()
	resp, ok := trace.DocumentedResponse(code)
	if !ok {
		t.Fatalf("no documented response for %s", code)
	}
	return trace.FromResponse(resp).(*trace.Error)
}

// rateLimitedFor is the documented rate-limit error, asking in its body
// (retry_after_seconds, no Retry-After header) for a wait of seconds.
func rateLimitedFor(t *testing.T, seconds int) *trace.Error {
	e := documentedError(t, trace.CodeOperationalRateLimitExceeded)
	if d, ok := e.Details.(*trace.OperationalRateLimitExceededDetails); ok {
		d.RetryAfterSeconds = seconds
	}
	return e
}

// newRetryClient is a go-retryablehttp client whose policy is the error
// package's: the two assignments are all the glue there is. Its log says
// how long it waits.
func newRetryClient(srv *httptest.Server, logged *bytes.Buffer) *retryablehttp.Client {
	c := retryablehttp.NewClient()
	c.HTTPClient = srv.Client()
	c.Logger = log.New(logged, "", 0)
	c.RetryWaitMin, c.RetryWaitMax = 5*time.Second, 5*time.Second // never used: the API gives the delay
	c.CheckRetry = trace.CheckRetry
	c.Backoff = trace.Backoff
	return c
}

func TestRetryablehttpHonoursTheBodyDelay(t *testing.T) {
	t.Parallel() // it waits the body's delay, a second
	srv, n := fakeAPI(t, rateLimitedFor(t, 1), nil)
	var logged bytes.Buffer
	resp, err := newRetryClient(srv, &logged).Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Example Inc.") || n.Load() != 2 {
		t.Errorf("after %d requests: %d %s", n.Load(), resp.StatusCode, body)
	}
	// retryablehttp drained the 429's body before asking Backoff; the wait
	// is still the body's retry_after_seconds, not RetryWaitMin.
	if !strings.Contains(logged.String(), "(status: 429): retrying in 1s") {
		t.Errorf("retryablehttp's log does not show a wait of 1s:\n%s", logged.String())
	}
}

func TestRetryablehttpGivesUpWithTheTypedError(t *testing.T) {
	srv, n := fakeAPI(t, documentedError(t, trace.CodeCreditExhausted))
	var logged bytes.Buffer
	resp, err := newRetryClient(srv, &logged).Get(srv.URL)
	if resp != nil || n.Load() != 1 {
		t.Fatalf("a 402 gave a response, or was retried: %d requests", n.Load())
	}
	if !errors.Is(err, trace.ErrCreditExhausted) {
		t.Fatalf("error %v is not trace.ErrCreditExhausted", err)
	}
	var e *trace.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v holds no *trace.Error", err)
	}
	if d, ok := e.Details.(*trace.CreditExhaustedDetails); !ok || d.Shortfall != 12 {
		t.Errorf("Details = %#v, want the documented shortfall of 12", e.Details)
	}

	// With PassthroughErrorHandler the client returns the response too,
	// its body still readable after CheckRetry read it.
	c := newRetryClient(srv, &logged)
	c.ErrorHandler = retryablehttp.PassthroughErrorHandler
	resp, err = c.Get(srv.URL)
	if !errors.Is(err, trace.ErrCreditExhausted) || resp == nil {
		t.Fatalf("with PassthroughErrorHandler: %v, %v", resp, err)
	}
	defer resp.Body.Close()
	if body, _ := io.ReadAll(resp.Body); !strings.Contains(string(body), `"shortfall":12`) {
		t.Errorf("the body reads %s", body)
	}
}

func TestRetryablehttpGivesUpAfterRetries(t *testing.T) {
	srv, n := fakeAPI(t, rateLimitedFor(t, 0))
	c := newRetryClient(srv, &bytes.Buffer{})
	c.RetryMax = 2
	_, err := c.Get(srv.URL)
	if !errors.Is(err, trace.ErrOperationalRateLimitExceeded) || !trace.IsRetryable(err) || n.Load() != 3 {
		t.Errorf("after %d requests: %v; want the typed rate-limit error after 3", n.Load(), err)
	}
}

// getCompany is a backoff.Operation: one request, decoded with the error
// package. The *trace.Error it returns tells backoff.Retry what to do: it
// stops for an error that may not be retried, and waits the documented
// delay for one that may.
func getCompany(url string) backoff.Operation[string] {
	return func() (string, error) {
		resp, err := http.Get(url)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		if err := trace.FromResponse(resp); err != nil {
			return "", err
		}
		body, err := io.ReadAll(resp.Body)
		return string(body), err
	}
}

func TestBackoffHonoursTheBodyDelay(t *testing.T) {
	t.Parallel() // it waits the body's delay, a second
	srv, n := fakeAPI(t, rateLimitedFor(t, 1), nil)
	var waits []time.Duration
	got, err := backoff.Retry(context.Background(), getCompany(srv.URL),
		backoff.WithNotify(func(_ error, d time.Duration) { waits = append(waits, d) }))
	if err != nil || !strings.Contains(got, "Example Inc.") || n.Load() != 2 {
		t.Fatalf("after %d requests: %q, %v", n.Load(), got, err)
	}
	if len(waits) != 1 || waits[0] != time.Second {
		t.Errorf("backoff waited %v, want the body's 1s", waits)
	}
}

func TestBackoffStopsWithTheTypedError(t *testing.T) {
	srv, n := fakeAPI(t, documentedError(t, trace.CodeCreditExhausted))
	_, err := backoff.Retry(context.Background(), getCompany(srv.URL))
	var e *trace.Error
	if !errors.Is(err, trace.ErrCreditExhausted) || !errors.As(err, &e) || n.Load() != 1 {
		t.Fatalf("after %d requests: %v; want the credit error, unretried", n.Load(), err)
	}
	if d, ok := e.Details.(*trace.CreditExhaustedDetails); !ok || d.Shortfall != 12 {
		t.Errorf("Details = %#v", e.Details)
	}
}

func TestSlogShowsNoSecret(t *testing.T) {
	srv, _ := fakeAPI(t, &trace.Error{
		Code:    trace.CodeInvalidAPIKey,
		Message: "Invalid or revoked API key\n\x1b[2J",
		Header:  http.Header{"Set-Cookie": {"session=SECRET-COOKIE; HttpOnly"}},
	})
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Header.Set("Authorization", "Bearer SECRET-KEY")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	err = trace.FromResponse(resp)
	var e *trace.Error
	if !errors.As(err, &e) || !strings.Contains(e.Header.Get("Set-Cookie"), "SECRET-COOKIE") {
		t.Fatalf("the response did not set the cookie: %v", err)
	}

	var out bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&out, nil))
	logger.Error("lookup failed", "err", err, "as value", *e)
	marshaled, _ := json.Marshal(e)
	printed := fmt.Sprintf("%v %+v %#v %v", err, err, e, *e)
	for what, s := range map[string]string{"slog": out.String(), "json.Marshal": string(marshaled), "fmt": printed} {
		if strings.Contains(s, "SECRET") || strings.ContainsAny(s, "\x1b") {
			t.Errorf("%s shows a secret or an escape sequence: %s", what, s)
		}
	}
	var logged struct{ Err map[string]any }
	if err := json.Unmarshal(out.Bytes(), &logged); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"error.type":                "invalid_api_key",
		"http.response.status_code": 401.0,
		"message":                   `Invalid or revoked API key\n\x1b[2J`,
		"retryable":                 false,
	}
	if fmt.Sprint(logged.Err) != fmt.Sprint(want) {
		t.Errorf("logged %v, want %v", logged.Err, want)
	}
}
