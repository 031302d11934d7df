package realapi

import (
	"errors"
	"net/http"
	"reflect"
	"testing"

	"github.com/errgen/errgen/generated/stripe"
)

// Sources (as in spec/stripe.toml):
//
//	S1  https://docs.stripe.com/api/errors ("HTTP status code summary")
//	S2  https://docs.stripe.com/api/request_ids
//	S9  stripe/stripe-go error.go@a1e3932f68a22e2bbd8300a30d6a0b54625ff50a
//	S10 stripe/stripe-go stripe.go@a1e3932f (ResponseToError, shouldRetry)
//	S11 stripe/stripe-go error_test.go, stripe_test.go, oauth/client_test.go@a1e3932f
//	E7-E9 the research notes' bodies assembled from S8's schema
//	    (/work/research/stripe.md §5), with placeholder values
//
// Stripe documents no retry delay, so every row wants RetryAfter to give
// (0, false). Request-Id is the request id (S2); Stripe's bodies carry none.
func TestStripe(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		header http.Header
		body   string
		is     error // the documented code's sentinel; nil when the code is not a transcribed one
		want   outcome
		check  func(t *testing.T, e *stripe.Error)
	}{
		// S11 TestErrorResponse: the server writes the body with
		// fmt.Fprintln, so it ends in a newline; the test asserts type
		// invalid_request_error, request id req_123 and status 401. No code
		// is sent. S1: 401 "No valid API key provided." is not retried.
		{
			name:   "S11 TestErrorResponse: no code, type and Request-Id",
			status: 401,
			header: header("Request-Id", "req_123"),
			body:   "{\"error\":{\"message\":\"bar\",\"type\":\"invalid_request_error\"}}\n",
			want:   outcome{Message: "bar", RequestID: "req_123", Family: "invalid_request_error"},
		},
		// S11 TestErrorNetworkAdviceCode: a JSON-unmarshal test with no
		// status; 402 (S1: "The parameters were valid but the request
		// failed.") is this row's choice, and nothing wanted depends on it
		// but the retry decision (402 is not retried).
		{
			name:   "S11 TestErrorNetworkAdviceCode",
			status: 402,
			body:   `{"error":{"type":"card_error","network_advice_code":"02"}}`,
			want:   outcome{Family: "card_error"},
			check: func(t *testing.T, e *stripe.Error) {
				if e.NetworkAdviceCode != "02" {
					t.Errorf("NetworkAdviceCode = %q, want %q", e.NetworkAdviceCode, "02")
				}
			},
		},
		// S11 TestErrorPaymentIntent: payment_intent.id pi_123 and amount
		// int64(1000); status as in the row above.
		{
			name:   "S11 TestErrorPaymentIntent",
			status: 402,
			body:   `{"error":{"type":"card_error","payment_intent":{"id":"pi_123","amount":1000}}}`,
			want:   outcome{Family: "card_error"},
			check: func(t *testing.T, e *stripe.Error) {
				want := &stripe.PaymentIntent{ID: "pi_123", Amount: 1000}
				if !reflect.DeepEqual(e.PaymentIntent, want) {
					t.Errorf("PaymentIntent = %+v, want %+v", e.PaymentIntent, want)
				}
				if e.PaymentMethod != nil || e.SetupIntent != nil || e.Source != nil {
					t.Errorf("objects the body lacks are not nil: %+v %+v %+v", e.PaymentMethod, e.SetupIntent, e.Source)
				}
			},
		},
		// S11 TestHandleV2ErrorWhenKnownError: status 400, type
		// temporary_session_expired (S9: a v2 error type, canRetry false).
		{
			name:   "S11 TestHandleV2ErrorWhenKnownError: a v2 type",
			status: 400,
			body:   `{"error":{"type":"temporary_session_expired","message":"Temporary session expired"}}`,
			want:   outcome{Message: "Temporary session expired", Family: "temporary_session_expired"},
		},
		// S11 TestHandleV2ErrorWhenUnknownError: a type in no enum is kept
		// as sent (the SDK returns a raw error carrying it).
		{
			name:   "S11 TestHandleV2ErrorWhenUnknownError: an undocumented type",
			status: 400,
			header: header("Request-Id", "req_123"),
			body:   `{"error":{"type":"unknown_type","message":"Some message"}}`,
			want:   outcome{Message: "Some message", RequestID: "req_123", Family: "unknown_type"},
		},
		// S11 TestHandleV2ErrorWhenUnknownErrorWithoutType.
		{
			name:   "S11 TestHandleV2ErrorWhenUnknownErrorWithoutType: no type",
			status: 400,
			header: header("Request-Id", "req_123"),
			body:   `{"error":{"message":"Some message"}}`,
			want:   outcome{Message: "Some message", RequestID: "req_123"},
		},
		// S11 oauth/client_test.go TestNewOAuthTokenWithError: OAuthError
		// invalid_grant, OAuthErrorDescription "Authorization code does not
		// exist", status 400. The OAuth codes are not transcribed: the code
		// is kept verbatim and, at 400, not retried.
		{
			name:   "S11 TestNewOAuthTokenWithError: OAuth shape, undocumented code",
			status: 400,
			body:   `{"error":"invalid_grant","error_description": "Authorization code does not exist"}`,
			want:   outcome{Code: "invalid_grant", Message: "Authorization code does not exist"},
		},
		// E7 (spec example card_declined): status assumed 402; S1 says
		// nothing on retrying a card error, and the code has no status.
		{
			name:   "E7 card decline (assembled)",
			status: 402,
			body: `{
  "error": {
    "type": "card_error",
    "code": "card_declined",
    "decline_code": "insufficient_funds",
    "message": "<human readable>",
    "charge": "<charge id>"
  }
}
`,
			is:   stripe.ErrCardDeclined,
			want: outcome{Code: "card_declined", Message: "<human readable>", Family: "card_error"},
			check: func(t *testing.T, e *stripe.Error) {
				if e.DeclineCode != "insufficient_funds" || e.Charge != "<charge id>" {
					t.Errorf("DeclineCode %q, Charge %q", e.DeclineCode, e.Charge)
				}
				// S9's DeclineCode list is transcribed as the field's values.
				if e.DeclineCode != stripe.DeclineCodeInsufficientFunds {
					t.Errorf("DeclineCode %q is not DeclineCodeInsufficientFunds", e.DeclineCode)
				}
				if e.Param != "" || e.DocURL != "" || e.AdviceCode != "" || e.PaymentIntent != nil {
					t.Errorf("fields the body lacks are set: %+v", e)
				}
			},
		},
		// E8 (spec example lock_timeout): S9 canRetry: a 429 lock timeout
		// is "safe to retry".
		{
			name:   "E8 lock timeout (assembled)",
			status: 429,
			body:   "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"lock_timeout\",\"message\":\"<human readable>\"}}\n",
			is:     stripe.ErrLockTimeout,
			want:   outcome{Code: "lock_timeout", Message: "<human readable>", Family: "invalid_request_error", Retryable: true},
		},
		// E8 with Stripe-Should-Retry: true (S10: the API may "advise us to
		// retry (e.g. in cases of lock timeouts)").
		{
			name:   "E8 lock timeout with Stripe-Should-Retry: true (assembled)",
			status: 429,
			header: header("Stripe-Should-Retry", "true"),
			body:   "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"lock_timeout\",\"message\":\"<human readable>\"}}\n",
			is:     stripe.ErrLockTimeout,
			want:   outcome{Code: "lock_timeout", Message: "<human readable>", Family: "invalid_request_error", Retryable: true},
		},
		// S10: Stripe-Should-Retry: false is obeyed over everything, the
		// lock timeout's own rule included.
		{
			name:   "E8 lock timeout with Stripe-Should-Retry: false",
			status: 429,
			header: header("Stripe-Should-Retry", "false"),
			body:   "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"lock_timeout\",\"message\":\"<human readable>\"}}\n",
			is:     stripe.ErrLockTimeout,
			want:   outcome{Code: "lock_timeout", Message: "<human readable>", Family: "invalid_request_error"},
		},
		// E9 (spec example rate_limit): S1 429 "We recommend an exponential
		// backoff of your requests."
		{
			name:   "E9 rate limited (assembled)",
			status: 429,
			body:   "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"rate_limit\",\"message\":\"<human readable>\"}}\n",
			is:     stripe.ErrRateLimit,
			want:   outcome{Code: "rate_limit", Message: "<human readable>", Family: "invalid_request_error", Retryable: true},
		},
		// S11 TestShouldRetry, responses without a body: the header wins
		// over the status either way.
		{
			name:   "S11 DontRetryOnStripeRetryHeaderFalse (409)",
			status: 409,
			header: header("Stripe-Should-Retry", "false"),
		},
		{
			name:   "S11 RetryOnStripeRetryHeaderTrue (400)",
			status: 400,
			header: header("Stripe-Should-Retry", "true"),
			want:   outcome{Retryable: true},
		},
		{
			name:   "S11 RetryOn409Conflict",
			status: 409,
			want:   outcome{Retryable: true},
		},
		{
			name:   "S11 RetryOn500NonPost",
			status: 500,
			want:   outcome{Retryable: true},
		},
		{
			name:   "S11 RetryOn503ServiceUnavailable",
			status: 503,
			want:   outcome{Retryable: true},
		},
		// S10: "we expect the stripe-should-retry header to be false in most
		// cases when a 500 is returned".
		{
			name:   "S10 a 500 with Stripe-Should-Retry: false",
			status: 500,
			header: header("Stripe-Should-Retry", "false"),
			body:   `{"error":{"type":"api_error","message":"m"}}`,
			want:   outcome{Message: "m", Family: "api_error"},
		},
		// S1 429: "We recommend an exponential backoff of your requests."
		// (S11 DontRetryOn429TooManyRequests disagrees; the spec follows
		// the documentation.)
		{
			name:   "S1 a 429 without a code",
			status: 429,
			want:   outcome{Retryable: true},
		},
		// Negative rows, bodies built for the test: codes S9 lists that the
		// spec does not transcribe are kept verbatim, and retried as their
		// status is (S1 400: not; S10: 5xx: yes).
		{
			name:   "an untranscribed code on a 400",
			status: 400,
			body:   `{"error":{"type":"invalid_request_error","code":"account_closed","message":"m","param":"account"}}`,
			want:   outcome{Code: "account_closed", Message: "m", Family: "invalid_request_error"},
			check: func(t *testing.T, e *stripe.Error) {
				if e.Param != "account" {
					t.Errorf("Param = %q: common fields are read for unknown codes too", e.Param)
				}
			},
		},
		{
			name:   "an untranscribed code on a 503",
			status: 503,
			body:   `{"error":{"type":"api_error","code":"forwarding_api_upstream_error","message":"m"}}`,
			want:   outcome{Code: "forwarding_api_upstream_error", Message: "m", Family: "api_error", Retryable: true},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.want.Status = tc.status
			for _, d := range decodeBoth(t, tc.status, tc.header, tc.body, stripe.Parse, stripe.FromResponse) {
				var e *stripe.Error
				if !errors.As(d.err, &e) {
					t.Fatalf("%s = %v, want a *stripe.Error", d.via, d.err)
				}
				got := outcome{
					Status: e.Status, Code: string(e.Code), Message: e.Message, RequestID: e.RequestID,
					Family: string(e.Family), Retryable: stripe.IsRetryable(d.err),
				}
				got.Delay, got.HasDelay = stripe.RetryAfter(d.err)
				if got != tc.want {
					t.Errorf("%s:\n got %+v\nwant %+v", d.via, got, tc.want)
				}
				if tc.is != nil && !errors.Is(d.err, tc.is) {
					t.Errorf("%s: errors.Is(err, %v) = false", d.via, tc.is)
				}
				if e.Code.Known() != (tc.is != nil) {
					t.Errorf("%s: Code %q Known = %v", d.via, e.Code, e.Code.Known())
				}
				if tc.check != nil {
					tc.check(t, e)
				}
			}
		})
	}
}

// TestDeclineCodes checks the documented decline codes (S9's DeclineCode
// list, 47 values) against a few of S9's constants, first, middle and last,
// as S9 spells their values.
func TestDeclineCodes(t *testing.T) {
	for got, want := range map[string]string{
		stripe.DeclineCodeAuthenticationRequired:       "authentication_required",
		stripe.DeclineCodeIncorrectCvc:                 "incorrect_cvc", // S9: DeclineCodeIncorrectCVC
		stripe.DeclineCodeTestmodeDecline:              "testmode_decline",
		stripe.DeclineCodeWithdrawalCountLimitExceeded: "withdrawal_count_limit_exceeded",
	} {
		if got != want {
			t.Errorf("constant %q, want %q", got, want)
		}
	}
}
