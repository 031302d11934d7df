package spec_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errgen/errgen/internal/spec"
)

// documented is one error code as the source documents in
// /work/shared/seeds give it.
type documented struct {
	Code   string
	Status int
	// Retryable is the effective retryability: the document's statement
	// when it makes one, else errgen's default (429 and 5xx retryable).
	Retryable bool
	// Stated says whether the document states the retryability.
	Stated bool
}

// defaultRetryableStatuses is errgen's default for [api].retryable_statuses.
var defaultRetryableStatuses = []int{429, 502, 503, 504}

// documents is written by hand from the source documents, not from the
// spec files, so that a transcription slip in either shows up as a diff.
var documents = []struct {
	api               string
	retryableStatuses []int
	codes             []documented
}{
	{
		// 000 troubleshooting (order) + 001 error reference (status, Retry? column).
		api:               "trendtrack",
		retryableStatuses: []int{429, 500, 502, 503, 504}, // internal_error (500): Retry? Yes
		codes: []documented{
			{"missing_api_key", 401, false, true},
			{"invalid_api_key", 401, false, true},
			{"credential_not_found", 401, false, true},
			{"credential_revoked", 401, false, true},
			{"credential_expired", 401, false, true},
			{"workspace_public_api_disabled", 403, false, true},
			{"workspace_public_api_suspended", 403, false, true},
			{"insufficient_credits", 402, false, true},
			{"forbidden", 403, false, true},
			{"not_found", 404, false, false}, // 404 has no code and no Retry? row
			{"rate_limited", 429, true, true},
			{"internal_error", 500, true, true},
		},
	},
	{
		// 002: titles only; "Consider implementing retry logic for 5xx errors".
		api:               "trakkr",
		retryableStatuses: []int{429, 500, 502, 503, 504},
		codes: []documented{
			{"missing_required_parameter", 400, false, false},
			{"invalid_breakdown_format", 400, false, false},
			{"invalid_breakdown_values", 400, false, false},
			{"invalid_date_format", 400, false, false},
			{"date_range_too_large", 400, false, false},
			{"missing_api_key", 401, false, false},
			{"invalid_api_key", 403, false, false},
			{"brand_access_denied", 403, false, false},
			{"authentication_error", 500, true, true},
			{"date_range_validation_error", 500, true, true},
			{"internal_server_error", 500, true, true},
		},
	},
	{
		// 003: meta.code values, then the codeless 404/409/410, in status-table order.
		api:               "trackagoat",
		retryableStatuses: defaultRetryableStatuses,
		codes: []documented{
			{"invalid_query", 400, false, false},
			{"invalid_body", 400, false, false},
			{"invalid_params", 400, false, false},
			{"invalid_api_key", 401, false, false},
			{"limit_reached", 402, false, false},
			{"retention_exceeded", 402, false, false},
			{"insufficient_scope", 403, false, false},
			{"not_found", 404, false, false},
			{"conflict", 409, false, false},
			{"gone", 410, false, false},
			{"rate_limit_exceeded", 429, true, true}, // per-key window: "Retry after a brief delay"
			{"internal_error", 500, true, false},
		},
	},
	{
		// 004: flat-shape code table, nested example, then 422 and 500.
		api:               "trace",
		retryableStatuses: []int{429, 500, 502, 503, 504}, // 500: "Safe to retry"
		codes: []documented{
			{"authentication_required", 401, false, false},
			{"invalid_api_key", 401, false, false},
			{"user_credential_required", 403, false, false},
			{"key_missing_org_association", 403, false, false},
			{"email_verification_required", 403, false, false},
			{"credit_exhausted", 402, false, false},
			{"operational_rate_limit_exceeded", 429, true, true}, // "Honor Retry-After and back off"
			{"company_not_found", 404, false, false},
			{"validation_error", 422, false, false},
			{"internal_server_error", 500, true, true}, // "Safe to retry after a short delay"
		},
	},
}

// TestSpecsMatchDocuments checks each spec file's codes (in order), statuses
// and retry flags against the table above.
func TestSpecsMatchDocuments(t *testing.T) {
	for _, doc := range documents {
		t.Run(doc.api, func(t *testing.T) {
			path := filepath.Join("..", "..", "spec", doc.api+".toml")
			f, err := spec.Load(path)
			if err != nil {
				t.Fatalf("spec.Load(%q): %v", path, err)
			}
			var got []documented
			for _, e := range f.Errors {
				d := documented{Code: string(e.Code), Status: e.Status, Retryable: e.Status == 429 || e.Status >= 500}
				if e.Retryable != nil {
					d.Retryable, d.Stated = *e.Retryable, true
				}
				got = append(got, d)
			}
			if diff := cmp.Diff(doc.codes, got); diff != "" {
				t.Errorf("%s: codes differ from the documents (-documents +spec):\n%s", path, diff)
			}
			var statuses []int
			for _, r := range f.API.RetryableStatuses {
				statuses = append(statuses, r.Statuses()...)
			}
			if len(statuses) == 0 {
				statuses = defaultRetryableStatuses
			}
			statuses = slices.Sorted(slices.Values(statuses))
			if diff := cmp.Diff(doc.retryableStatuses, statuses); diff != "" {
				t.Errorf("%s: retryable_statuses differ from the documents (-documents +spec):\n%s", path, diff)
			}
		})
	}
}
