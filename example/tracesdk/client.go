// Package tracesdk is a small example SDK for the Trace API, written the
// way errgen is meant to be used: it returns the errors of the package
// errgen generates from the Trace spec, which its callers import to test
// them. In this repository that package is generated/trace, written by
// the repository's one go:generate line; an SDK in its own module
// generates its own copy beside its spec (the README's "Using errgen from
// another module").
//
// Callers branch on the API's documented errors with errors.Is
// (errors.Is(err, trace.ErrCreditExhausted)) and read their fields with
// errors.As and a checked type assertion, since Details holds another type,
// or nil, for every other code:
//
//	co, err := client.Company(ctx, "example.com")
//	var e *trace.Error
//	if errors.As(err, &e) {
//		if d, ok := e.Details.(*trace.CreditExhaustedDetails); ok { // only for credit_exhausted
//			log.Printf("%d more credits needed", d.Shortfall)
//		}
//	}
//
// The client retries what the error package calls retryable, waiting as
// long as RetryAfter says (the Retry-After header or the body's
// retry_after_seconds), with a bound on attempts and on any one wait, and
// stops as soon as the context is done.
//
// The endpoint used here (GET /v1/companies/{domain}) is illustrative; the
// error bodies it is tested with are the ones the Trace documentation shows.
package tracesdk

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/errgen/errgen/generated/trace"
)

// Client calls the Trace API. The zero value is not usable: set BaseURL.
type Client struct {
	BaseURL    string       // e.g. "https://api.trace.example"; no trailing slash
	APIKey     string       // sent as a bearer token
	HTTPClient *http.Client // nil means http.DefaultClient

	// MaxAttempts bounds the attempts of one call, the first included;
	// 0 means 3.
	MaxAttempts int
	// MaxDelay bounds one wait between attempts; 0 means 30 seconds. When
	// the API asks for a longer wait, the call returns the error instead.
	MaxDelay time.Duration
	// Sleep waits for d or until ctx is done, returning ctx.Err() then; nil
	// means a timer. Tests replace it so that they need not wait.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Company is a company as Trace describes it.
type Company struct {
	Domain string `json:"domain"`
	Name   string `json:"name"`
}

// Company looks up the company of a domain. A failure the API reports is a
// *trace.Error, after any retries.
func (c *Client) Company(ctx context.Context, domain string) (*Company, error) {
	var co Company
	if err := c.get(ctx, "/v1/companies/"+url.PathEscape(domain), &co); err != nil {
		return nil, err
	}
	return &co, nil
}

// get calls the API until it succeeds, fails for good, runs out of
// attempts, or ctx is done; it decodes a success into out.
func (c *Client) get(ctx context.Context, path string, out any) error {
	maxAttempts := c.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = 3
	}
	maxDelay := c.MaxDelay
	if maxDelay <= 0 {
		maxDelay = 30 * time.Second
	}
	sleep := c.Sleep
	if sleep == nil {
		sleep = sleepContext
	}
	for attempt := 1; ; attempt++ {
		err := c.getOnce(ctx, path, out)
		if err == nil || !trace.IsRetryable(err) || attempt == maxAttempts {
			return err
		}
		delay := backoff(attempt)
		if d, ok := trace.RetryAfter(err); ok {
			delay = d
		}
		if delay > maxDelay {
			return err
		}
		if werr := sleep(ctx, delay); werr != nil {
			return fmt.Errorf("%w (gave up waiting to retry: %w)", err, werr)
		}
	}
}

// getOnce makes one request.
func (c *Client) getOnce(ctx context.Context, path string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	if c.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+c.APIKey)
	}
	hc := c.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer func() {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		resp.Body.Close()
	}()
	if err := trace.FromResponse(resp); err != nil {
		return err
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("tracesdk: decoding %s: %w", path, err)
	}
	return nil
}

// backoff is the wait after a failed attempt when the API names none:
// 0.5s, 1s, 2s, ...
func backoff(attempt int) time.Duration {
	return 500 * time.Millisecond << min(attempt-1, 16)
}

// sleepContext waits for d or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
