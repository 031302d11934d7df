package realapi

import (
	"errors"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/errgen/errgen/generated/slack"
)

// Sources (as in spec/slack.toml):
//
//	SL1 slackhq/slack-api-docs index_web.md@4ddb64b6efd5124cd99f0af0fbd66a6e4feb44ac
//	SL2 slackhq/slack-api-docs page_rate_limits.md, index_faq.md@4ddb64b6
//	SL4 slack-ruby/slack-api-ref methods/<group>/<method>.json@f4837c0cb6dba1b1122ce66a5b69195ce47213f8
//	SL6 https://api.slack.com/changelog/2016-09-28-response-metadata-is-on-the-way
//
// SL1: a failed call has "ok": false and its code in "error"; the sources
// give no status for it, so the rows use 200, the status of a call that is
// not rate limited. No request id is documented. Only ratelimited is
// documented with a delay (Retry-After, seconds).
func TestSlack(t *testing.T) {
	for _, tc := range []struct {
		name    string
		status  int
		header  http.Header
		body    string
		success bool  // the documentation calls the body a success: Parse and FromResponse give nil
		is      error // the documented code's sentinel; nil when the code is not a transcribed one
		want    outcome
		check   func(t *testing.T, e *slack.Error)
	}{
		// SL1's generic failure, an illustrative code that no method
		// documents: kept verbatim, and not retried (the document says
		// nothing, and 200 is no retry status).
		{
			name:   "SL1 generic failure: an undocumented code",
			status: 200,
			body: `{
    "ok": false,
    "error": "something_bad"
}`,
			want: outcome{Code: "something_bad"},
		},
		// SL1: "In the case of problematic calls that could still be
		// completed successfully, ok will be true and the warning property
		// will contain a short machine-readable warning code".
		{
			name:   "SL1 success with a warning",
			status: 200,
			body: `{
    "ok": true,
    "warning": "something_problematic",
    "stuff": "Your requested information"
}`,
			success: true,
		},
		// SL6: warnings and response_metadata on "ok": true.
		{
			name:   "SL6 success with response_metadata warnings",
			status: 200,
			body: `{
    "ok": true,
    "warnings": [
        "missing_charset"
    ],
    "response_metadata": {
        "warnings": [
            "missing_charset"
        ],
        "messages": [
            "[WARN] A Content-Type HTTP header was presented but did not declare a charset, such as a 'utf-8'"
        ]
    }
}`,
			success: true,
		},
		// SL4 methods/auth/auth.test.json.
		{
			name:   "SL4 auth.test: invalid_auth",
			status: 200,
			body: `{
    "ok": false,
    "error": "invalid_auth"
}`,
			is:   slack.ErrInvalidAuth,
			want: outcome{Code: "invalid_auth"},
		},
		{
			name:   "SL4 auth.test: not_authed",
			status: 200,
			body: `{
    "ok": false,
    "error": "not_authed"
}`,
			is:   slack.ErrNotAuthed,
			want: outcome{Code: "not_authed"},
		},
		// SL4 methods/conversations/conversations.info.json.
		{
			name:   "SL4 conversations.info: channel_not_found",
			status: 200,
			body: `{
    "ok": false,
    "error": "channel_not_found"
}`,
			is:   slack.ErrChannelNotFound,
			want: outcome{Code: "channel_not_found"},
		},
		// SL4 methods/chat/chat.postMessage.json.
		{
			name:   "SL4 chat.postMessage: too_many_attachments",
			status: 200,
			body: `{
    "ok": false,
    "error": "too_many_attachments"
}`,
			is:   slack.ErrTooManyAttachments,
			want: outcome{Code: "too_many_attachments"},
		},
		// SL4 methods/admin/admin.apps.requests.list.json: needed and
		// provided.
		{
			name:   "SL4 admin.apps.requests.list: missing_scope",
			status: 200,
			body: `{
    "ok": false,
    "error": "missing_scope",
    "needed": "admin.apps:read",
    "provided": "read,client,admin,identify,post,apps"
}`,
			is:   slack.ErrMissingScope,
			want: outcome{Code: "missing_scope"},
			check: func(t *testing.T, e *slack.Error) {
				want := &slack.MissingScopeDetails{Needed: "admin.apps:read", Provided: "read,client,admin,identify,post,apps"}
				if !reflect.DeepEqual(e.Details, want) {
					t.Errorf("Details = %#v, want %#v", e.Details, want)
				}
			},
		},
		// SL4 methods/conversations/conversations.setTopic.json: the
		// message is in response_metadata.messages.
		{
			name:   "SL4 conversations.setTopic: invalid_arguments",
			status: 200,
			body: `{
    "ok": false,
    "error": "invalid_arguments",
    "response_metadata": {
        "messages": [
            "[ERROR] missing required field: topic"
        ]
    }
}`,
			is:   slack.ErrInvalidArguments,
			want: outcome{Code: "invalid_arguments", Message: "[ERROR] missing required field: topic"},
			check: func(t *testing.T, e *slack.Error) {
				if want := []string{"[ERROR] missing required field: topic"}; !reflect.DeepEqual(e.Errors, want) {
					t.Errorf("Errors = %q, want %q", e.Errors, want)
				}
			},
		},
		// SL4 methods/admin/admin.conversations.bulkArchive.json.
		{
			name:   "SL4 admin.conversations.bulkArchive: invalid_arguments with a JSON pointer",
			status: 200,
			body: `{
    "ok": false,
    "error": "invalid_arguments",
    "response_metadata": {
        "messages": [
            "[ERROR] no more than 100 items allowed [json-pointer:/channel_ids]"
        ]
    }
}`,
			is:   slack.ErrInvalidArguments,
			want: outcome{Code: "invalid_arguments", Message: "[ERROR] no more than 100 items allowed [json-pointer:/channel_ids]"},
			check: func(t *testing.T, e *slack.Error) {
				if want := []string{"[ERROR] no more than 100 items allowed [json-pointer:/channel_ids]"}; !reflect.DeepEqual(e.Errors, want) {
					t.Errorf("Errors = %q, want %q", e.Errors, want)
				}
			},
		},
		// SL4 methods/views/views.push.json (SL3: "Typical error response.").
		{
			name:   "SL4 views.push: invalid_arguments",
			status: 200,
			body: `{
    "ok": false,
    "error": "invalid_arguments",
    "response_metadata": {
        "messages": [
            "missing required field: title"
        ]
    }
}`,
			is:   slack.ErrInvalidArguments,
			want: outcome{Code: "invalid_arguments", Message: "missing required field: title"},
			check: func(t *testing.T, e *slack.Error) {
				if want := []string{"missing required field: title"}; !reflect.DeepEqual(e.Errors, want) {
					t.Errorf("Errors = %q, want %q", e.Errors, want)
				}
			},
		},
		// SL4 methods/apps/apps.datastore.update.json: errors[] with code,
		// message and pointer.
		{
			name:   "SL4 apps.datastore.update: datastore_error",
			status: 200,
			body: `{
    "ok": false,
    "error": "datastore_error",
    "errors": [
        {
            "code": "datastore_config_not_found",
            "message": "The datastore configuration could not be found",
            "pointer": "/datastores"
        }
    ]
}`,
			is:   slack.ErrDatastoreError,
			want: outcome{Code: "datastore_error"},
			check: func(t *testing.T, e *slack.Error) {
				want := []slack.ErrorDetail{{Code: "datastore_config_not_found", Message: "The datastore configuration could not be found", Pointer: "/datastores"}}
				if !reflect.DeepEqual(e.Items, want) {
					t.Errorf("Items = %#v, want %#v", e.Items, want)
				}
			},
		},
		// SL4 methods/api/api.test.json: api.test echoes the error it was
		// asked for; my_error is not a Slack code, so it is kept verbatim.
		{
			name:   "SL4 api.test: an artificial, undocumented code",
			status: 200,
			body: `{
    "ok": false,
    "error": "my_error",
    "args": {
        "error": "my_error"
    }
}`,
			want: outcome{Code: "my_error"},
		},
		// Research notes E14, assembled from SL2 (429, Retry-After in
		// seconds) and SL4 ("Refer to the Retry-After header for when to
		// retry the request."); the delay value is an example.
		{
			name:   "SL2+SL4 ratelimited with Retry-After (assembled)",
			status: 429,
			header: header("Retry-After", "30"),
			body:   "{\"ok\": false, \"error\": \"ratelimited\"}\n",
			is:     slack.ErrRatelimited,
			want:   outcome{Code: "ratelimited", Retryable: true, Delay: 30 * time.Second, HasDelay: true},
		},
		// SL2: a 429 comes with "a JSON object containing the number of
		// calls you have been making" (no example) and Retry-After; FAQ: "If
		// the value were 10, then you should wait 10 seconds or more". A
		// 429 without an "error" is still ratelimited, the only 429 code.
		{
			name:   "SL2 a 429 whose body names no code",
			status: 429,
			header: header("Retry-After", "10"),
			is:     slack.ErrRatelimited,
			want:   outcome{Code: "ratelimited", Retryable: true, Delay: 10 * time.Second, HasDelay: true},
			check: func(t *testing.T, e *slack.Error) {
				if !e.Inferred {
					t.Error("Inferred = false for a code recognised by its status")
				}
			},
		},
		// SL4 (e.g. admin.auth.policy.assignEntities): internal_error
		// "There was an internal error processing this request—please
		// retry." Body built for the test from the envelope (SL1).
		{
			name:   "SL4 internal_error is retried",
			status: 200,
			body:   `{"ok": false, "error": "internal_error"}`,
			is:     slack.ErrInternalError,
			want:   outcome{Code: "internal_error", Retryable: true},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.want.Status = tc.status
			for _, d := range decodeBoth(t, tc.status, tc.header, tc.body, slack.Parse, slack.FromResponse) {
				if tc.success {
					if d.err != nil {
						t.Errorf("%s = %v, want nil for a successful call", d.via, d.err)
					}
					continue
				}
				var e *slack.Error
				if !errors.As(d.err, &e) {
					t.Fatalf("%s = %v, want a *slack.Error", d.via, d.err)
				}
				got := outcome{
					Status: e.Status, Code: string(e.Code), Message: e.Message, RequestID: e.RequestID,
					Retryable: slack.IsRetryable(d.err),
				}
				got.Delay, got.HasDelay = slack.RetryAfter(d.err)
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
