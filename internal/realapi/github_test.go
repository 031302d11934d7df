package realapi

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/errgen/errgen/generated/github"
)

// The sources the rows below cite, as spec/github.toml tags them:
//
//	G1 docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api
//	   (github/docs content/rest/using-the-rest-api/troubleshooting-the-rest-api.md@0952a215)
//	G2 docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
//	   (github/docs content/rest/using-the-rest-api/rate-limits-for-the-rest-api.md@21143d5a)
//	G4 docs.github.com/rest/overview/resources-in-the-rest-api, 2020
//	   (github/docs content/rest/overview/resources-in-the-rest-api.md@1dcd3601)
//	G5 docs.github.com/rest/using-the-rest-api/getting-started-with-the-rest-api
//	G6 github/rest-api-description api.github.com.yaml, components.responses
//	G7 octokit/openapi-types.ts types.d.ts, components.schemas
//
// Rows marked [assembled] build a response from a documented rule or
// schema; the others are documented responses, verbatim (G4's examples
// without the "> " of its curl output).

// docURLPre is the Liquid variable G4's source writes in documentation_url;
// docs.github.com renders it as a URL. The spec keeps the source's text.
const docURLPre = "{% data variables.product.doc_url_pre %}"

// githubRow is a response and what the documentation says it means.
type githubRow struct {
	name   string
	status int
	header map[string]string
	body   string

	is        error // the sentinel errors.Is matches; nil for none
	code      github.Code
	inferred  bool
	message   string
	requestID string
	retryable bool
	// The retry delay is within [delayMin, delayMax]; hasDelay false means
	// RetryAfter reports no delay.
	hasDelay           bool
	delayMin, delayMax time.Duration

	docURL  string
	items   []github.ValidationItem
	errs    []string
	subject string
	note    string
	actor   string
	details github.Details
}

// TestGitHub checks every documented GitHub example response, and a few
// responses assembled from documented rules, through Parse and
// FromResponse.
func TestGitHub(t *testing.T) {
	// x-ratelimit-reset values an hour from now, for the rules of G2 that
	// measure the delay from the reset time.
	inAnHour := strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)
	abuse := `{
  "message": "You have triggered an abuse detection mechanism and have been temporarily blocked from content creation. Please retry your request again later.",
  "documentation_url": "{% data variables.product.doc_url_pre %}/overview/resources-in-the-rest-api#abuse-rate-limits"
}
`
	const abuseMessage = "You have triggered an abuse detection mechanism and have been temporarily blocked from content creation. Please retry your request again later."
	const abuseDocURL = docURLPre + "/overview/resources-in-the-rest-api#abuse-rate-limits"
	primary := `{
   "message": "API rate limit exceeded for xxx.xxx.xxx.xxx. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)",
   "documentation_url": "{% data variables.product.doc_url_pre %}/overview/resources-in-the-rest-api#rate-limiting"
}
`
	const primaryMessage = "API rate limit exceeded for xxx.xxx.xxx.xxx. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)"
	const primaryDocURL = docURLPre + "/overview/resources-in-the-rest-api#rate-limiting"
	const primaryNote = "(But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)"

	rows := []githubRow{
		{
			// G4 "Client errors", 1: "Sending invalid JSON will result in a
			// `400 Bad Request` response." G1 "Problems parsing JSON". Not a
			// rate limit: G1 and G2 give retry rules for rate limits only.
			name:     "G4 client errors 1: invalid JSON",
			status:   400,
			header:   map[string]string{"Content-Length": "35"},
			body:     `{"message":"Problems parsing JSON"}`,
			is:       github.ErrProblemsParsingJSON,
			code:     github.CodeProblemsParsingJSON,
			message:  "Problems parsing JSON",
			inferred: true,
		},
		{
			// G4 "Client errors", 2: "Sending the wrong type of JSON values
			// will result in a `400 Bad Request` response."
			name:     "G4 client errors 2: wrong type of JSON value",
			status:   400,
			header:   map[string]string{"Content-Length": "40"},
			body:     `{"message":"Body should be a JSON object"}`,
			is:       github.ErrBodyShouldBeAJSONObject,
			code:     github.CodeBodyShouldBeAJSONObject,
			message:  "Body should be a JSON object",
			inferred: true,
		},
		{
			// G4 "Client errors", 3: "Sending invalid fields will result in
			// a `422 Unprocessable Entity` response"; the errors entry is
			// resource "Issue", field "title", code "missing_field".
			name:   "G4 client errors 3: invalid fields",
			status: 422,
			header: map[string]string{"Content-Length": "149"},
			body: `{
  "message": "Validation Failed",
  "errors": [
    {
      "resource": "Issue",
      "field": "title",
      "code": "missing_field"
    }
  ]
}
`,
			is:       github.ErrValidationFailed,
			code:     github.CodeValidationFailed,
			message:  "Validation Failed",
			inferred: true,
			items:    []github.ValidationItem{{Resource: "Issue", Field: "title", Code: "missing_field"}},
		},
		{
			// G4 "Failed login limit": "Authenticating with invalid
			// credentials will return `401 Unauthorized`".
			name:   "G4 failed login limit: bad credentials",
			status: 401,
			body: `{
  "message": "Bad credentials",
  "documentation_url": "{% data variables.product.doc_url_pre %}"
}
`,
			is:       github.ErrBadCredentials,
			code:     github.CodeBadCredentials,
			message:  "Bad credentials",
			inferred: true,
			docURL:   docURLPre,
		},
		{
			// G4 "Failed login limit": "the API will temporarily reject all
			// authentication attempts for that user ... with `403
			// Forbidden`". No rate-limit header or message: not a rate
			// limit, so no retry rule (G1, G2).
			name:   "G4 failed login limit: login attempts exceeded",
			status: 403,
			body: `{
  "message": "Maximum number of login attempts exceeded. Please try again later.",
  "documentation_url": "{% data variables.product.doc_url_pre %}"
}
`,
			is:       github.ErrLoginAttemptsExceeded,
			code:     github.CodeLoginAttemptsExceeded,
			message:  "Maximum number of login attempts exceeded. Please try again later.",
			inferred: true,
			docURL:   docURLPre,
		},
		{
			// G4 "Rate limiting": the 403 of an exceeded rate limit, headers
			// included. G2: "you should not retry your request until after
			// the time specified by the `x-ratelimit-reset` header" --
			// 1377013266 (2013-08-20T15:41:06Z) has passed: wait 0.
			name:   "G4 rate limiting: primary rate limit, reset in the past",
			status: 403,
			header: map[string]string{
				"Date":                  "Tue, 20 Aug 2013 14:50:41 GMT",
				"Status":                "403 Forbidden",
				"X-RateLimit-Limit":     "60",
				"X-RateLimit-Remaining": "0",
				"X-RateLimit-Reset":     "1377013266",
			},
			body:      primary,
			is:        github.ErrPrimaryRateLimitExceeded,
			code:      github.CodePrimaryRateLimitExceeded,
			message:   primaryMessage,
			inferred:  true,
			retryable: true,
			hasDelay:  true,
			docURL:    primaryDocURL,
			subject:   "xxx.xxx.xxx.xxx",
			note:      primaryNote,
		},
		{
			// G4 "Abuse rate limits" (G1/G2 today: secondary rate limits),
			// headers included. Neither retry-after nor
			// x-ratelimit-remaining: G2 says "Otherwise, wait for at least
			// one minute before retrying".
			name:      "G4 abuse rate limits: secondary rate limit",
			status:    403,
			header:    map[string]string{"Content-Type": "application/json; charset=utf-8", "Connection": "close"},
			body:      abuse,
			is:        github.ErrSecondaryRateLimitExceeded,
			code:      github.CodeSecondaryRateLimitExceeded,
			message:   abuseMessage,
			inferred:  true,
			retryable: true,
			hasDelay:  true,
			delayMin:  60 * time.Second,
			delayMax:  60 * time.Second,
			docURL:    abuseDocURL,
		},
		{
			// G4 "User agent required": "you will receive a `403 Forbidden`
			// response", a text/html body of three lines. A body that is not
			// JSON has its text, on one line, as the message.
			name:     "G4 user agent required: plain-text 403",
			status:   403,
			header:   map[string]string{"Connection": "close", "Content-Type": "text/html"},
			body:     "Request forbidden by administrative rules.\nPlease make sure your request has a User-Agent header.\nCheck  for other possible causes.\n",
			is:       github.ErrUserAgentRequired,
			code:     github.CodeUserAgentRequired,
			message:  "Request forbidden by administrative rules. Please make sure your request has a User-Agent header. Check for other possible causes.",
			inferred: true,
			note:     "Please make sure your request has a User-Agent header. Check for other possible causes.",
		},
		{
			// [assembled] G2 secondary limit: "If the `retry-after` response
			// header is present, you should not retry your request until
			// after that many seconds has elapsed." G1 writes the header in
			// lower case; the body is G4's abuse message.
			name:      "G2 secondary rate limit with retry-after, 429",
			status:    429,
			header:    map[string]string{"retry-after": "60"},
			body:      abuse,
			is:        github.ErrSecondaryRateLimitExceeded,
			code:      github.CodeSecondaryRateLimitExceeded,
			message:   abuseMessage,
			inferred:  true,
			retryable: true,
			hasDelay:  true,
			delayMin:  60 * time.Second,
			delayMax:  60 * time.Second,
			docURL:    abuseDocURL,
		},
		{
			// [assembled] G2: retry-after first, then x-ratelimit-reset when
			// x-ratelimit-remaining is 0, in the order G2 lists them.
			name:      "G2 secondary rate limit with retry-after and a reset time",
			status:    403,
			header:    map[string]string{"retry-after": "30", "x-ratelimit-remaining": "0", "x-ratelimit-reset": inAnHour},
			body:      abuse,
			is:        github.ErrSecondaryRateLimitExceeded,
			code:      github.CodeSecondaryRateLimitExceeded,
			message:   abuseMessage,
			inferred:  true,
			retryable: true,
			hasDelay:  true,
			delayMin:  30 * time.Second,
			delayMax:  30 * time.Second,
			docURL:    abuseDocURL,
		},
		{
			// [assembled] G2 primary limit: "you will receive a `403` or `429`
			// response, and the `x-ratelimit-remaining` header will be `0`.
			// You should not retry your request until after the time
			// specified by the `x-ratelimit-reset` header", in UTC epoch
			// seconds; the body is G4's, the reset an hour from now. The
			// request id is G5's example X-GitHub-Request-Id.
			name:   "G2 primary rate limit, 429, reset in an hour",
			status: 429,
			header: map[string]string{
				"x-ratelimit-limit":     "60",
				"x-ratelimit-remaining": "0",
				"x-ratelimit-reset":     inAnHour,
				"x-github-request-id":   "1C73:26D4:E2E500:1EF78F4:62EC2479",
			},
			body:      primary,
			is:        github.ErrPrimaryRateLimitExceeded,
			code:      github.CodePrimaryRateLimitExceeded,
			message:   primaryMessage,
			inferred:  true,
			requestID: "1C73:26D4:E2E500:1EF78F4:62EC2479",
			retryable: true,
			hasDelay:  true,
			delayMin:  time.Hour - time.Minute,
			delayMax:  time.Hour,
			docURL:    primaryDocURL,
			subject:   "xxx.xxx.xxx.xxx",
			note:      primaryNote,
		},
		{
			// [assembled] G1 "Resource not accessible": a "Resource not
			// accessible by integration" error means the token "has
			// insufficient permissions"; the permissions header value is G1's
			// first example, the request id G5's second. Not a rate limit:
			// not retried.
			name:   "G1 resource not accessible by integration",
			status: 403,
			header: map[string]string{
				"X-Accepted-GitHub-Permissions": "contents=read",
				"X-GitHub-Request-Id":           "14E0:4BC6:F1B8BA:208E317:62EC2715",
			},
			body:      `{"message":"Resource not accessible by integration"}`,
			is:        github.ErrResourceNotAccessible,
			code:      github.CodeResourceNotAccessible,
			message:   "Resource not accessible by integration",
			inferred:  true,
			requestID: "14E0:4BC6:F1B8BA:208E317:62EC2715",
			actor:     "integration",
		},
		{
			// [assembled] G1: "Resource not accessible by {% data
			// variables.product.pat_generic %}", which docs.github.com renders
			// as "personal access token".
			name:     "G1 resource not accessible by personal access token",
			status:   403,
			body:     `{"message":"Resource not accessible by personal access token"}`,
			is:       github.ErrResourceNotAccessible,
			code:     github.CodeResourceNotAccessible,
			message:  "Resource not accessible by personal access token",
			inferred: true,
			actor:    "personal access token",
		},
		{
			// [assembled] G1 "Invalid request": "you may receive a `422
			// Unprocessable Entity` response and an "Invalid request" error
			// message".
			name:     "G1 invalid request",
			status:   422,
			body:     `{"message":"Invalid request"}`,
			is:       github.ErrInvalidRequest,
			code:     github.CodeInvalidRequest,
			message:  "Invalid request",
			inferred: true,
		},
		{
			// [assembled] G7 validation-error-simple: {message,
			// documentation_url, errors: string[]}; the entry is a test value.
			name:     "G7 validation failure with a list of strings",
			status:   422,
			body:     `{"message":"Validation Failed","errors":["a test detail"]}`,
			is:       github.ErrValidationFailed,
			code:     github.CodeValidationFailed,
			message:  "Validation Failed",
			inferred: true,
			errs:     []string{"a test detail"},
		},
		{
			// [assembled] G1 "Timeouts": "you will receive a timeout response
			// and a "Server Error" message"; "try your request later". G1
			// gives no status: 500 here.
			name:      "G1 timeout",
			status:    500,
			body:      `{"message":"Server Error"}`,
			is:        github.ErrTimeout,
			code:      github.CodeTimeout,
			message:   "Server Error",
			inferred:  true,
			retryable: true,
		},
		{
			// [assembled] G1 "404 Not Found for an existing resource" and G6
			// not_found "Resource not found": every 404 is this condition,
			// whatever the body.
			name:     "G1 404 without a body",
			status:   404,
			is:       github.ErrNotFound,
			code:     github.CodeNotFound,
			inferred: true,
		},
		{
			// [assembled] G6 service_unavailable: {code?, message?,
			// documentation_url?}; the values are test values. 503 is retried
			// (errgen's default; G6 gives no rule).
			name:      "G6 service unavailable with its code field",
			status:    503,
			body:      `{"code":"test_code","message":"test message","documentation_url":"https://docs.github.com/rest"}`,
			is:        github.ErrServiceUnavailable,
			code:      github.CodeServiceUnavailable,
			message:   "test message",
			inferred:  true,
			retryable: true,
			docURL:    "https://docs.github.com/rest",
			details:   &github.ServiceUnavailableDetails{Code: "test_code"},
		},
		{
			// Negative: a 403 with no rate-limit signal (no retry-after, no
			// x-ratelimit-remaining of 0, no rate-limit message) is not a rate
			// limit (G1, G2), so not retried; its message is none documented
			// (G6's forbidden response is described "Forbidden").
			name:    "negative: 403 without rate-limit signals",
			status:  403,
			header:  map[string]string{"X-RateLimit-Remaining": "4999", "X-RateLimit-Reset": inAnHour},
			body:    `{"message":"Forbidden"}`,
			message: "Forbidden",
		},
		{
			// Negative: a validation entry's code that G1's table does not
			// list is kept verbatim.
			name:     "negative: an undocumented validation code is kept",
			status:   422,
			body:     `{"message":"Validation Failed","errors":[{"resource":"Label","field":"name","code":"not_a_documented_code","index":2}]}`,
			is:       github.ErrValidationFailed,
			code:     github.CodeValidationFailed,
			message:  "Validation Failed",
			inferred: true,
			items:    []github.ValidationItem{{Resource: "Label", Field: "name", Code: "not_a_documented_code", Index: ptr(2)}},
		},
		{
			// Negative: a bare 429 is a rate limit (G1: "you will receive a
			// `403 Forbidden` or `429 Too Many Requests` response"), retried
			// although no message names which one.
			name:      "negative: bare 429",
			status:    429,
			retryable: true,
		},
	}
	for _, tt := range rows {
		t.Run(tt.name, func(t *testing.T) {
			header := http.Header{}
			for k, v := range tt.header {
				header.Set(k, v)
			}
			parsed := github.Parse(tt.status, header, []byte(tt.body))
			checkGitHub(t, "Parse", parsed, tt)
			resp := &http.Response{StatusCode: tt.status, Header: header, Body: io.NopCloser(strings.NewReader(tt.body)), ContentLength: -1}
			checkGitHub(t, "FromResponse", github.FromResponse(resp), tt)
		})
	}
}

// checkGitHub compares a decoded error with what the documentation says.
func checkGitHub(t *testing.T, via string, err error, tt githubRow) {
	t.Helper()
	var e *github.Error
	if !errors.As(err, &e) {
		t.Fatalf("%s = %v, want a *github.Error", via, err)
	}
	wrapped := fmt.Errorf("call: %w", err)
	if tt.is != nil && !errors.Is(wrapped, tt.is) {
		t.Errorf("%s: errors.Is(err, %v) = false (code %q)", via, tt.is, e.Code)
	}
	if tt.is == nil && e.Code.Known() {
		t.Errorf("%s: code %q is documented, want none", via, e.Code)
	}
	want := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %s = %#v, want %#v", via, what, got, want)
		}
	}
	want("Status", e.Status, tt.status)
	want("Code", e.Code, tt.code)
	want("Inferred", e.Inferred, tt.inferred)
	want("Message", e.Message, tt.message)
	want("RequestID", e.RequestID, tt.requestID)
	want("IsRetryable", github.IsRetryable(wrapped), tt.retryable)
	d, ok := github.RetryAfter(wrapped)
	want("RetryAfter ok", ok, tt.hasDelay)
	if d < tt.delayMin || d > tt.delayMax {
		t.Errorf("%s: RetryAfter = %v, want within [%v, %v]", via, d, tt.delayMin, tt.delayMax)
	}
	want("DocumentationURL", e.DocumentationURL, tt.docURL)
	want("Items", e.Items, tt.items)
	want("Errors", e.Errors, tt.errs)
	want("Subject", e.Subject, tt.subject)
	want("Note", e.Note, tt.note)
	want("Actor", e.Actor, tt.actor)
	want("Details", e.Details, tt.details)
}

// TestGitHubCodes checks the statuses G1 and G2 document for the codes that
// have several, and that CodesForStatus lists both rate limits under each.
func TestGitHubCodes(t *testing.T) {
	for _, c := range []github.Code{github.CodePrimaryRateLimitExceeded, github.CodeSecondaryRateLimitExceeded} {
		// G2: "you will receive a `403` or `429` response".
		if got := c.Statuses(); !reflect.DeepEqual(got, []int{403, 429}) {
			t.Errorf("%s.Statuses() = %v, want [403 429]", c, got)
		}
		if !c.Retryable() {
			t.Errorf("%s.Retryable() = false", c)
		}
		for _, status := range []int{403, 429} {
			found := false
			for _, x := range github.CodesForStatus(status) {
				found = found || x == c
			}
			if !found {
				t.Errorf("CodesForStatus(%d) lacks %s", status, c)
			}
		}
	}
	// G1 "Timeouts" states no status.
	if s := github.CodeTimeout.Status(); s != 0 {
		t.Errorf("CodeTimeout.Status() = %d, want 0", s)
	}
}

func ptr[T any](v T) *T { return &v }
