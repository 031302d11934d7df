package model

import (
	"os"
	"path/filepath"
	"testing"
)

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

func TestSlashPath(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"spec/trace.toml", "spec/trace.toml"},
		{"./spec/trace.toml", "spec/trace.toml"},
		{"spec//x/../trace.toml", "spec/trace.toml"},
		{"../../spec/trace.toml", "../../spec/trace.toml"},
		{filepath.Join(wd, "spec", "trace.toml"), "spec/trace.toml"},
	}
	for _, tt := range tests {
		if got := slashPath(tt.in); got != tt.want {
			t.Errorf("slashPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
