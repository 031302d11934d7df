package realapi

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/errgen/errgen/generated/google"
)

// The sources the rows below cite, as spec/google.toml tags them:
//
//	GG1 AIP-193 https://google.aip.dev/193 (aip-dev/google.aip.dev aip/general/0193.md@126bed45)
//	GG2 AIP-194 https://google.aip.dev/194 (same commit, aip/general/0194.md)
//	GG3 googleapis google/rpc/code.proto@f8291d2b ("HTTP Mapping")
//	GG4 googleapis google/rpc/error_details.proto@f8291d2b
//	GG6 googleapis google/api/error_reason.proto@f8291d2b
//	GG7 developers.google.com/data-manager/api/reference/rest/v1/RetryInfo
//	GG9 developers.google.com/youtube/v3/docs/core_errors (the older format)
//
// Rows marked [assembled] put documented values (GG4's and GG6's examples,
// GG7's duration) into GG1's envelope; GG1's full example is verbatim.

// googleRow is a response and what the documentation says it means.
type googleRow struct {
	name   string
	status int
	body   string

	is        error // the sentinel errors.Is matches; nil for none
	code      google.Code
	known     bool
	message   string
	requestID string
	retryable bool
	hasDelay  bool
	delay     time.Duration

	// Typed fields: the details, each selected by its "@type", and the
	// older format's errors list.
	errorInfo           *google.ErrorInfo
	retryDelay          string
	requestInfo         *google.RequestInfo
	localizedMessage    *google.LocalizedMessage
	help                *google.Help
	badRequest          *google.BadRequest
	quotaFailure        *google.QuotaFailure
	preconditionFailure *google.PreconditionFailure
	resourceInfo        *google.ResourceInfo
	debugInfo           *google.DebugInfo
	items               []google.LegacyError
}

// TestGoogle checks AIP-193's documented example, and responses assembled
// from the documented payloads, through Parse and FromResponse.
func TestGoogle(t *testing.T) {
	// GG1's comment fragment: not JSON (// comments), so it names no code.
	fragment := `{
  "error": {
    "code": 404,          // The HTTP status code for "not found"
    "status": "NOT_FOUND" // The name in google.rpc.Code for value 5
  }
}
`
	rows := []googleRow{
		{
			// GG1 "HTTP/1.1+JSON representation": "a fully populated
			// HTTP/1.1+JSON representation of an error response", verbatim;
			// the status is its error.code. GG2: RESOURCE_EXHAUSTED is
			// "Generally non-retryable"; no RetryInfo, so no delay.
			name:   "GG1 fully populated error",
			status: 429,
			body: `{
  "error": {
    "code": 429,
    "message": "The zone 'us-east1-a' does not have enough resources available to fulfill the request. Try a different zone, or try again later.",
    "status": "RESOURCE_EXHAUSTED",
    "details": [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": "RESOURCE_AVAILABILITY",
        "domain": "compute.googleapis.com",
        "metadata": {
          "zone": "us-east1-a",
          "vmType": "e2-medium",
          "attachment": "local-ssd=3,nvidia-t4=2",
          "zonesWithCapacity": "us-central1-f,us-central1-c"
        }
      },
      {
        "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
        "locale": "en-US",
        "message": "An <e2-medium> VM instance with <local-ssd=3,nvidia-t4=2> is currently unavailable in the <us-east1-a> zone. Consider trying your request in the <us-central1-f,us-central1-c> zone(s), which currently has/have capacity to accommodate your request. Alternatively, you can try your request again with a different VM hardware configuration or at a later time. For more information, see the troubleshooting documentation."
      },
      {
        "@type": "type.googleapis.com/google.rpc.Help",
        "links": [
          {
            "description": "Additional information on this error",
            "url": "https://cloud.google.com/compute/docs/resource-error"
          }
        ]
      }
    ]
  }
}
`,
			is:      google.ErrResourceExhausted,
			code:    google.CodeResourceExhausted,
			known:   true,
			message: "The zone 'us-east1-a' does not have enough resources available to fulfill the request. Try a different zone, or try again later.",
			errorInfo: &google.ErrorInfo{
				Reason: "RESOURCE_AVAILABILITY",
				Domain: "compute.googleapis.com",
				Metadata: map[string]string{
					"zone":              "us-east1-a",
					"vmType":            "e2-medium",
					"attachment":        "local-ssd=3,nvidia-t4=2",
					"zonesWithCapacity": "us-central1-f,us-central1-c",
				},
			},
			localizedMessage: &google.LocalizedMessage{
				Locale:  "en-US",
				Message: "An <e2-medium> VM instance with <local-ssd=3,nvidia-t4=2> is currently unavailable in the <us-east1-a> zone. Consider trying your request in the <us-central1-f,us-central1-c> zone(s), which currently has/have capacity to accommodate your request. Alternatively, you can try your request again with a different VM hardware configuration or at a later time. For more information, see the troubleshooting documentation.",
			},
			help: &google.Help{Links: []google.HelpLink{{
				Description: "Additional information on this error",
				URL:         "https://cloud.google.com/compute/docs/resource-error",
			}}},
		},
		{
			// [assembled] GG6's RATE_LIMIT_EXCEEDED ErrorInfo, verbatim, and
			// a RetryInfo with GG7's example delay "3.5s". GG4: "Clients
			// should wait until `retry_delay` amount of time has passed";
			// GG2 still calls RESOURCE_EXHAUSTED generally non-retryable.
			name:       "GG6 rate limit with GG7's retry delay",
			status:     429,
			body:       `{"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED", "domain": "googleapis.com", "metadata": {"consumer": "projects/123", "service": "pubsub.googleapis.com", "quota_metric": "pubsub.googleapis.com/read_requests", "quota_limit": "ReadsPerMinutePerProject"}}, {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "3.5s"}]}}`,
			is:         google.ErrResourceExhausted,
			code:       google.CodeResourceExhausted,
			known:      true,
			hasDelay:   true,
			delay:      3500 * time.Millisecond,
			retryDelay: "3.5s",
			errorInfo: &google.ErrorInfo{
				Reason: google.ReasonRateLimitExceeded, // GG6's reason, "RATE_LIMIT_EXCEEDED"
				Domain: "googleapis.com",
				Metadata: map[string]string{
					"consumer":     "projects/123",
					"service":      "pubsub.googleapis.com",
					"quota_metric": "pubsub.googleapis.com/read_requests",
					"quota_limit":  "ReadsPerMinutePerProject",
				},
			},
		},
		{
			// [assembled] a QuotaFailure with GG4's example values: the
			// description "Daily Limit for read operations exceeded", the
			// metric, id and dimensions of its CPU quota, quota value "10"
			// and a rollout to "20" (int64, written as strings).
			name:   "GG4 quota failure",
			status: 429,
			body:   `{"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "details": [{"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{"description": "Daily Limit for read operations exceeded", "apiService": "compute.googleapis.com", "quotaMetric": "compute.googleapis.com/cpus_per_vm_family", "quotaId": "CPUS-PER-VM-FAMILY-per-project-region", "quotaDimensions": {"region": "us-central1", "vm_family": "n1"}, "quotaValue": "10", "futureQuotaValue": "20"}]}]}}`,
			is:     google.ErrResourceExhausted,
			code:   google.CodeResourceExhausted,
			known:  true,
			quotaFailure: &google.QuotaFailure{Violations: []google.QuotaViolation{{
				Description:      "Daily Limit for read operations exceeded",
				APIService:       "compute.googleapis.com",
				QuotaMetric:      "compute.googleapis.com/cpus_per_vm_family",
				QuotaID:          "CPUS-PER-VM-FAMILY-per-project-region",
				QuotaDimensions:  map[string]string{"region": "us-central1", "vm_family": "n1"},
				QuotaValue:       "10",
				FutureQuotaValue: ptr("20"),
			}}},
		},
		{
			// [assembled] a BadRequest whose field is GG4's JSON path example
			// "emailAddresses[0].email". GG2: "Retrying a request with an
			// invalid argument will never succeed."
			name:   "GG4 bad request",
			status: 400,
			body:   `{"error": {"code": 400, "status": "INVALID_ARGUMENT", "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [{"field": "emailAddresses[0].email"}]}]}}`,
			is:     google.ErrInvalidArgument,
			code:   google.CodeInvalidArgument,
			known:  true,
			badRequest: &google.BadRequest{FieldViolations: []google.FieldViolation{{
				Field: "emailAddresses[0].email",
			}}},
		},
		{
			// [assembled] GG3: FAILED_PRECONDITION "may choose to return 412
			// instead of 400"; the violation is GG4's example (type "TOS",
			// subject "google.com/cloud", "Terms of service not accepted").
			// GG2: "A client **should not** retry until system state
			// changes."
			name:   "GG3 failed precondition as 412, GG4 precondition failure",
			status: 412,
			body:   `{"error": {"code": 412, "status": "FAILED_PRECONDITION", "details": [{"@type": "type.googleapis.com/google.rpc.PreconditionFailure", "violations": [{"type": "TOS", "subject": "google.com/cloud", "description": "Terms of service not accepted"}]}]}}`,
			is:     google.ErrFailedPrecondition,
			code:   google.CodeFailedPrecondition,
			known:  true,
			preconditionFailure: &google.PreconditionFailure{Violations: []google.PreconditionViolation{{
				Type: "TOS", Subject: "google.com/cloud", Description: "Terms of service not accepted",
			}}},
		},
		{
			// [assembled] GG4 ResourceInfo's examples: resource type "Google
			// calendar", the shared calendar name given "if the current error
			// is PERMISSION_DENIED", and the description's example. GG2: "A
			// client **should not** retry until it has permission."
			name:   "GG4 permission denied with resource info",
			status: 403,
			body:   "{\"error\": {\"code\": 403, \"status\": \"PERMISSION_DENIED\", \"details\": [{\"@type\": \"type.googleapis.com/google.rpc.ResourceInfo\", \"resourceType\": \"Google calendar\", \"resourceName\": \"example.com_4fghdhgsrgh@group.calendar.google.com\", \"description\": \"updating a cloud project may require the `writer` permission on the developer console project\"}]}}",
			is:     google.ErrPermissionDenied,
			code:   google.CodePermissionDenied,
			known:  true,
			resourceInfo: &google.ResourceInfo{
				ResourceType: "Google calendar",
				ResourceName: "example.com_4fghdhgsrgh@group.calendar.google.com",
				Description:  "updating a cloud project may require the `writer` permission on the developer console project",
			},
		},
		{
			// [assembled] GG4 RequestInfo: "An opaque string that should only
			// be interpreted by the service generating it" (a test value
			// here), with DebugInfo. GG2 INTERNAL: "These **should**
			// immediately be surfaced to the application."
			name:        "GG4 internal error with request info and debug info",
			status:      500,
			body:        `{"error": {"code": 500, "message": "test message", "status": "INTERNAL", "details": [{"@type": "type.googleapis.com/google.rpc.RequestInfo", "requestId": "test-request-id", "servingData": "test-serving-data"}, {"@type": "type.googleapis.com/google.rpc.DebugInfo", "stackEntries": ["test entry"], "detail": "test detail"}]}}`,
			is:          google.ErrInternal,
			code:        google.CodeInternal,
			known:       true,
			message:     "test message",
			requestID:   "test-request-id",
			requestInfo: &google.RequestInfo{RequestID: "test-request-id", ServingData: "test-serving-data"},
			debugInfo:   &google.DebugInfo{StackEntries: []string{"test entry"}, Detail: "test detail"},
		},
		{
			// [assembled] GG3: DEADLINE_EXCEEDED is 504, and GG2 lists it under
			// "Non-retryable codes" ("An application can set a deadline, which
			// **must** be honored"), although 504 alone would be retried.
			name:   "GG3 deadline exceeded",
			status: 504,
			body:   `{"error": {"code": 504, "status": "DEADLINE_EXCEEDED"}}`,
			is:     google.ErrDeadlineExceeded,
			code:   google.CodeDeadlineExceeded,
			known:  true,
		},
		{
			// [assembled] GG3: UNAVAILABLE is 503; GG2 "Retryable codes":
			// "It is retryable under the expectation that the connection will
			// become available (soon)." No RetryInfo: no delay.
			name:      "GG3 unavailable",
			status:    503,
			body:      `{"error": {"code": 503, "status": "UNAVAILABLE"}}`,
			is:        google.ErrUnavailable,
			code:      google.CodeUnavailable,
			known:     true,
			retryable: true,
		},
		{
			// [assembled] GG3: ABORTED is 409, like ALREADY_EXISTS; the code
			// comes from error.status, not the status. GG2: "These **should
			// not** be retried for an individual request".
			name:   "GG3 aborted shares 409",
			status: 409,
			body:   `{"error": {"code": 409, "status": "ABORTED"}}`,
			is:     google.ErrAborted,
			code:   google.CodeAborted,
			known:  true,
		},
		{
			// GG9: the older format, verbatim (indentation as stored). No
			// status: the first entry's reason is the code, kept verbatim and
			// not a canonical code; 400 is not retried.
			name:   "GG9 older format with an errors list",
			status: 400,
			body: `{
"error": {
"errors": [
{
"domain": "global",
"reason": "invalidParameter",
"message": "Invalid string value: 'asdf'. Allowed values: [mostpopular]",
"locationType": "parameter",
"location": "chart"
}
],
"code": 400,
"message": "Invalid string value: 'asdf'. Allowed values: [mostpopular]"
}
}
`,
			code:    "invalidParameter",
			message: "Invalid string value: 'asdf'. Allowed values: [mostpopular]",
			items: []google.LegacyError{{
				Domain:       "global",
				Reason:       "invalidParameter",
				Message:      "Invalid string value: 'asdf'. Allowed values: [mostpopular]",
				LocationType: "parameter",
				Location:     "chart",
			}},
		},
		{
			// Negative: GG2 lists UNAUTHORIZED, which is not a google.rpc.Code
			// (GG3): kept verbatim, unknown, and not retried (401 is not a
			// retried status).
			name:    "negative: UNAUTHORIZED is not a canonical code",
			status:  401,
			body:    `{"error": {"code": 401, "message": "test message", "status": "UNAUTHORIZED"}}`,
			code:    "UNAUTHORIZED",
			message: "test message",
		},
		{
			// Negative: GG1's code-mapping fragment has // comments, so it is
			// not JSON and names no code; the message is its text on one line.
			name:    "negative: GG1's fragment is not JSON",
			status:  404,
			body:    fragment,
			message: strings.Join(strings.Fields(fragment), " "),
		},
	}
	for _, tt := range rows {
		t.Run(tt.name, func(t *testing.T) {
			checkGoogle(t, "Parse", google.Parse(tt.status, nil, []byte(tt.body)), tt)
			resp := &http.Response{StatusCode: tt.status, Header: http.Header{"Content-Type": {"application/json; charset=UTF-8"}}, Body: io.NopCloser(strings.NewReader(tt.body)), ContentLength: int64(len(tt.body))}
			checkGoogle(t, "FromResponse", google.FromResponse(resp), tt)
		})
	}
}

// checkGoogle compares a decoded error with what the documentation says.
func checkGoogle(t *testing.T, via string, err error, tt googleRow) {
	t.Helper()
	var e *google.Error
	if !errors.As(err, &e) {
		t.Fatalf("%s = %v, want a *google.Error", via, err)
	}
	wrapped := fmt.Errorf("call: %w", err)
	if tt.is != nil && !errors.Is(wrapped, tt.is) {
		t.Errorf("%s: errors.Is(err, %v) = false (code %q)", via, tt.is, e.Code)
	}
	want := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %s = %#v, want %#v", via, what, got, want)
		}
	}
	want("Status", e.Status, tt.status)
	want("Code", e.Code, tt.code)
	want("Known", e.Code.Known(), tt.known)
	want("Inferred", e.Inferred, false) // the code is always sent, never recognised
	want("Message", e.Message, tt.message)
	want("RequestID", e.RequestID, tt.requestID)
	want("IsRetryable", google.IsRetryable(wrapped), tt.retryable)
	d, ok := google.RetryAfter(wrapped)
	want("RetryAfter", d, tt.delay)
	want("RetryAfter ok", ok, tt.hasDelay)
	want("ErrorInfo", e.ErrorInfo, tt.errorInfo)
	want("RetryDelay", e.RetryDelay, tt.retryDelay)
	want("RequestInfo", e.RequestInfo, tt.requestInfo)
	want("LocalizedMessage", e.LocalizedMessage, tt.localizedMessage)
	want("Help", e.Help, tt.help)
	want("BadRequest", e.BadRequest, tt.badRequest)
	want("QuotaFailure", e.QuotaFailure, tt.quotaFailure)
	want("PreconditionFailure", e.PreconditionFailure, tt.preconditionFailure)
	want("ResourceInfo", e.ResourceInfo, tt.resourceInfo)
	want("DebugInfo", e.DebugInfo, tt.debugInfo)
	want("Items", e.Items, tt.items)
	want("Details", e.Details, nil) // every payload is a common field
}

// TestGoogleCodes checks every canonical code's HTTP status (GG3 "HTTP
// Mapping") and retry rule (GG2), and the statuses several codes share.
func TestGoogleCodes(t *testing.T) {
	codes := []struct {
		code      google.Code
		status    int
		retryable bool
	}{
		{google.CodeCancelled, 499, false},
		{google.CodeUnknown, 500, false},
		{google.CodeInvalidArgument, 400, false},
		{google.CodeDeadlineExceeded, 504, false},
		{google.CodeNotFound, 404, false},
		{google.CodeAlreadyExists, 409, false},
		{google.CodePermissionDenied, 403, false},
		{google.CodeUnauthenticated, 401, false},
		{google.CodeResourceExhausted, 429, false},
		{google.CodeFailedPrecondition, 400, false},
		{google.CodeAborted, 409, false},
		{google.CodeOutOfRange, 400, false},
		{google.CodeUnimplemented, 501, false},
		{google.CodeInternal, 500, false},
		{google.CodeUnavailable, 503, true},
		{google.CodeDataLoss, 500, false},
	}
	for _, c := range codes {
		if c.code.Status() != c.status || c.code.Retryable() != c.retryable {
			t.Errorf("%s: status %d, retryable %v; want %d, %v", c.code, c.code.Status(), c.code.Retryable(), c.status, c.retryable)
		}
	}
	// GG3: FAILED_PRECONDITION may be 412 "instead of 400".
	if got := google.CodeFailedPrecondition.Statuses(); !reflect.DeepEqual(got, []int{400, 412}) {
		t.Errorf("CodeFailedPrecondition.Statuses() = %v, want [400 412]", got)
	}
	shared := map[int][]google.Code{
		400: {google.CodeInvalidArgument, google.CodeFailedPrecondition, google.CodeOutOfRange},
		409: {google.CodeAlreadyExists, google.CodeAborted},
		500: {google.CodeUnknown, google.CodeInternal, google.CodeDataLoss},
	}
	for status, want := range shared {
		if got := google.CodesForStatus(status); !reflect.DeepEqual(got, want) {
			t.Errorf("CodesForStatus(%d) = %v, want %v", status, got, want)
		}
		// Several codes share the status: a body without error.status gets
		// none of them.
		if e := google.Parse(status, nil, fmt.Appendf(nil, `{"error": {"code": %d}}`, status)).(*google.Error); e.Code != "" {
			t.Errorf("status %d without error.status: code %q, want none", status, e.Code)
		}
	}
}

// TestGoogleReasons checks the documented ErrorInfo reasons (GG6's
// ErrorReason of domain googleapis.com, 43 values) against the proto's
// names: its first, a middle one and its last.
func TestGoogleReasons(t *testing.T) {
	for got, want := range map[string]string{
		google.ReasonServiceDisabled:   "SERVICE_DISABLED",
		google.ReasonRateLimitExceeded: "RATE_LIMIT_EXCEEDED",
		google.ReasonMcpServerDisabled: "MCP_SERVER_DISABLED",
	} {
		if got != want {
			t.Errorf("constant %q, want %q", got, want)
		}
	}
}
