package tracesdk

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errgen/errgen/generated/trace"
)

// response is one answer of the fake API.
type response struct {
	status int // the status it writes, for the assertions
	write  func(http.ResponseWriter)
}

// apiError answers with e, written by the error package as the Trace API
// writes it: no body copied by hand.
func apiError(e *trace.Error) response {
	status := e.Status
	if status == 0 {
		status = e.Code.Status()
	}
	return response{status, func(w http.ResponseWriter) { trace.WriteError(w, e) }}
}

// documented answers with the response the Trace documentation shows for
// code.
func documented(code trace.Code) response {
	resp, ok := trace.DocumentedResponse(code)
	if !ok {
		panic("no documented response for " + string(code))
	}
	return apiError(trace.FromResponse(resp).(*trace.Error))
}

// raw answers with a body that is not the API's error: a success, or a
// proxy's page.
func raw(status int, contentType, body string) response {
	return response{status, func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		w.Write([]byte(body))
	}}
}

// The fake API's answers.
var (
	creditExhausted = documented(trace.CodeCreditExhausted)
	rateLimited     = documented(trace.CodeOperationalRateLimitExceeded) // retry_after_seconds: 30
	notFound        = documented(trace.CodeCompanyNotFound)
	invalidKey      = documented(trace.CodeInvalidAPIKey)
	serverError     = documented(trace.CodeInternalServerError)
	proxyHTML       = raw(502, "text/html", `<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>`)
	found           = raw(200, "application/json", `{"domain": "example.com", "name": "Example Inc."}`)
)

// serve starts a server that answers the requests in turn with responses
// (the last one repeating) and returns a client for it and the request count.
func serve(t *testing.T, responses ...response) (*Client, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/companies/example.com" || r.Header.Get("Authorization") != "Bearer key" {
			t.Errorf("request %s %s with Authorization %q", r.Method, r.URL, r.Header.Get("Authorization"))
		}
		i := int(n.Add(1)) - 1
		responses[min(i, len(responses)-1)].write(w)
	}))
	t.Cleanup(srv.Close)
	return &Client{BaseURL: srv.URL, APIKey: "key", HTTPClient: srv.Client()}, &n
}

// recordSleeps makes c record its waits instead of sleeping.
func recordSleeps(c *Client) *[]time.Duration {
	var waits []time.Duration
	c.Sleep = func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		return ctx.Err()
	}
	return &waits
}

func TestCompany(t *testing.T) {
	c, n := serve(t, found)
	co, err := c.Company(context.Background(), "example.com")
	if err != nil {
		t.Fatal(err)
	}
	if *co != (Company{Domain: "example.com", Name: "Example Inc."}) || n.Load() != 1 {
		t.Errorf("Company = %+v after %d requests", co, n.Load())
	}
}

func TestDocumentedErrorsOverHTTP(t *testing.T) {
	tests := []struct {
		resp     response
		sentinel error
		code     trace.Code
	}{
		{creditExhausted, trace.ErrCreditExhausted, trace.CodeCreditExhausted},
		{notFound, trace.ErrCompanyNotFound, trace.CodeCompanyNotFound},
		{invalidKey, trace.ErrInvalidAPIKey, trace.CodeInvalidAPIKey},
	}
	for _, tt := range tests {
		t.Run(string(tt.code), func(t *testing.T) {
			c, n := serve(t, tt.resp)
			waits := recordSleeps(c)
			co, err := c.Company(context.Background(), "example.com")
			if co != nil || !errors.Is(err, tt.sentinel) {
				t.Fatalf("Company = %v, %v; want an error that is %v", co, err, tt.sentinel)
			}
			var e *trace.Error
			if !errors.As(err, &e) {
				t.Fatalf("errors.As(%T, *trace.Error) failed", err)
			}
			if e.Status != tt.resp.status || e.Code != tt.code || e.Inferred {
				t.Errorf("Status, Code, Inferred = %d, %q, %v", e.Status, e.Code, e.Inferred)
			}
			if n.Load() != 1 || len(*waits) != 0 {
				t.Errorf("a non-retryable error was retried: %d requests, waits %v", n.Load(), *waits)
			}
		})
	}
}

func TestCreditExhaustedDetails(t *testing.T) {
	c, _ := serve(t, creditExhausted)
	_, err := c.Company(context.Background(), "example.com")
	var e *trace.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not a *trace.Error", err)
	}
	d, ok := e.Details.(*trace.CreditExhaustedDetails)
	if !ok || d.Requested != 50 || d.Shortfall != 12 {
		t.Errorf("Details = %#v, want requested 50, shortfall 12", e.Details)
	}
	if want := "Insufficient credits to complete this request."; e.Message != want {
		t.Errorf("Message = %q, want %q", e.Message, want)
	}
}

func TestRetryHonoursRetryAfter(t *testing.T) {
	headerDelay := apiError(&trace.Error{
		Code:    trace.CodeOperationalRateLimitExceeded,
		Header:  http.Header{"Retry-After": {"2"}},
		Details: &trace.OperationalRateLimitExceededDetails{RetryAfterSeconds: 30},
	})
	c, n := serve(t, rateLimited, headerDelay, found)
	c.MaxDelay = time.Minute
	waits := recordSleeps(c)
	co, err := c.Company(context.Background(), "example.com")
	if err != nil || co.Name != "Example Inc." {
		t.Fatalf("Company = %v, %v", co, err)
	}
	// The body's retry_after_seconds, then the Retry-After header, which wins.
	if want := []time.Duration{30 * time.Second, 2 * time.Second}; !slices.Equal(*waits, want) || n.Load() != 3 {
		t.Errorf("waits %v over %d requests, want %v over 3", *waits, n.Load(), want)
	}
}

func TestRetryGivesUpAfterMaxAttempts(t *testing.T) {
	c, n := serve(t, serverError, proxyHTML)
	c.MaxAttempts = 4
	waits := recordSleeps(c)
	_, err := c.Company(context.Background(), "example.com")
	// The last answer is a proxy's HTML 502: no code, but retryable by status.
	var e *trace.Error
	if !errors.As(err, &e) || e.Status != 502 || e.Code != "" || !trace.IsRetryable(err) {
		t.Fatalf("error = %#v, want the last response: a retryable 502 with no code", err)
	}
	if want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}; !slices.Equal(*waits, want) || n.Load() != 4 {
		t.Errorf("waits %v over %d requests, want backoff %v over 4", *waits, n.Load(), want)
	}
}

func TestRetryAfterBeyondMaxDelayIsNotWaited(t *testing.T) {
	c, n := serve(t, rateLimited, found)
	c.MaxDelay = 10 * time.Second
	waits := recordSleeps(c)
	_, err := c.Company(context.Background(), "example.com")
	if !errors.Is(err, trace.ErrOperationalRateLimitExceeded) {
		t.Fatalf("error = %v, want the rate limit", err)
	}
	if d, ok := trace.RetryAfter(err); !ok || d != 30*time.Second {
		t.Errorf("RetryAfter = %v, %v; want 30s, true", d, ok)
	}
	if n.Load() != 1 || len(*waits) != 0 {
		t.Errorf("waited %v over %d requests; want no wait longer than MaxDelay", *waits, n.Load())
	}
}

func TestRetryStopsWhenContextIsDone(t *testing.T) {
	c, n := serve(t, serverError, found)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c.Sleep = func(ctx context.Context, d time.Duration) error {
		cancel() // the caller gives up while the client waits
		return sleepContext(ctx, time.Hour)
	}
	_, err := c.Company(ctx, "example.com")
	if !errors.Is(err, context.Canceled) || !errors.Is(err, trace.ErrInternalServerError) {
		t.Fatalf("error = %v, want both context.Canceled and the API's error", err)
	}
	if n.Load() != 1 {
		t.Errorf("%d requests after the context was canceled, want 1", n.Load())
	}
}

func TestSleepContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := sleepContext(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("sleepContext on a canceled context = %v, want context.Canceled", err)
	}
	if err := sleepContext(context.Background(), 0); err != nil {
		t.Errorf("sleepContext(0) = %v", err)
	}
}
