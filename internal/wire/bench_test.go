package wire

import (
	"encoding/json"
	"testing"
)

// benchBody is a typical error body.
const benchBody = `{"error": {"code": "insufficient_credits", "message": "Not enough credits to complete this request.", "requestId": "req_01HZ…"}}`

// BenchmarkReadEnvelope compares readEnvelope with what a hand-written
// client would do: json.Unmarshal into a typed struct.
func BenchmarkReadEnvelope(b *testing.B) {
	b.Run("wire", func(b *testing.B) {
		shapes := []shape{nested, title}
		b.ReportAllocs()
		b.SetBytes(int64(len(benchBody)))
		for i := 0; i < b.N; i++ {
			if env, ok := readEnvelope(benchBody, shapes); !ok || env.code != "insufficient_credits" {
				b.Fatal("not read")
			}
		}
	})
	b.Run("json.Unmarshal", func(b *testing.B) {
		body := []byte(benchBody)
		b.ReportAllocs()
		b.SetBytes(int64(len(benchBody)))
		for i := 0; i < b.N; i++ {
			var v struct {
				Error struct {
					Code, Message, RequestID string
				}
			}
			if err := json.Unmarshal(body, &v); err != nil || v.Error.Code != "insufficient_credits" {
				b.Fatal("not read")
			}
		}
	})
}

func BenchmarkValidJSON(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchBody)))
	for i := 0; i < b.N; i++ {
		if !validJSON(benchBody) {
			b.Fatal("invalid")
		}
	}
}

func BenchmarkFields(b *testing.B) {
	obj := `{"code": "rate_limited", "limit": 100, "retry_after": 2.5, "scopes": ["read", "write"], "burst": true}`
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, ok := intField(obj, "limit"); !ok {
			b.Fatal("limit")
		}
		if _, ok := floatField(obj, "retry_after"); !ok {
			b.Fatal("retry_after")
		}
		if _, ok := boolField(obj, "burst"); !ok {
			b.Fatal("burst")
		}
		if _, ok := stringField(obj, "code"); !ok {
			b.Fatal("code")
		}
	}
}
