package model

import "testing"

func TestGoName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"missing_api_key", "MissingAPIKey"},
		{"limitKey", "LimitKey"},
		{"retry_after_seconds", "RetryAfterSeconds"},
		{"requestId", "RequestID"},
		{"rate_limited", "RateLimited"},
		{"rate-limited", "RateLimited"},
		{"rate.limited", "RateLimited"},
		{"RateLimited", "RateLimited"},
		{"HTTPStatus", "HTTPStatus"},
		{"httpStatus", "HTTPStatus"},
		{"jwt_expired", "JWTExpired"},
		{"user_id", "UserID"},
		{"callback_url", "CallbackURL"},
		{"X-Credits-Remaining", "XCreditsRemaining"},
		{"X-RateLimit-", "XRateLimit"},
		{"v1Api", "V1API"},
		{"404", "404"},
		{"type", "Type"},
		{"error", "Error"},
		{"a", "A"},
		{"__x__", "X"},
		{"", ""},
		{"---", ""},
		{"日本", ""},
	}
	for _, tt := range tests {
		if got := GoName(tt.in); got != tt.want {
			t.Errorf("GoName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
