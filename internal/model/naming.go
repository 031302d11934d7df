package model

import (
	"strings"
	"unicode"
)

// initialisms are words written in upper case in Go names, as in Go's own
// style (ServeHTTP, UserID). A word is looked up in lower case.
var initialisms = map[string]string{
	"acl": "ACL", "api": "API", "ascii": "ASCII", "cpu": "CPU", "css": "CSS",
	"dns": "DNS", "eof": "EOF", "guid": "GUID", "html": "HTML", "http": "HTTP",
	"https": "HTTPS", "id": "ID", "ip": "IP", "json": "JSON", "jwt": "JWT",
	"lhs": "LHS", "qps": "QPS", "ram": "RAM", "rhs": "RHS", "rpc": "RPC",
	"sla": "SLA", "smtp": "SMTP", "sql": "SQL", "ssh": "SSH", "tcp": "TCP",
	"tls": "TLS", "ttl": "TTL", "udp": "UDP", "ui": "UI", "uid": "UID",
	"uri": "URI", "url": "URL", "utf8": "UTF8", "uuid": "UUID", "vm": "VM",
	"xml": "XML", "xmpp": "XMPP", "xsrf": "XSRF", "xss": "XSS",
}

// GoName turns a wire name (a code, a field, a placeholder, a header) into
// an exported Go name. Words are split at any character that is not a
// letter or digit and at lower-to-upper case changes; each word is
// capitalised, and initialisms are written in upper case:
//
//	missing_api_key     => MissingAPIKey
//	limitKey            => LimitKey
//	retry_after_seconds => RetryAfterSeconds
//	requestId           => RequestID
//	rate-limited        => RateLimited
//	HTTPStatus          => HTTPStatus
//	X-Credits-Remaining => XCreditsRemaining
//	v1Api               => V1API
//	404                 => 404 (callers add a prefix)
//
// GoName returns "" when s has no letter or digit.
func GoName(s string) string {
	var b strings.Builder
	for _, w := range words(s) {
		if up, ok := initialisms[strings.ToLower(w)]; ok {
			b.WriteString(up)
			continue
		}
		r := []rune(w)
		b.WriteString(strings.ToUpper(string(r[0])))
		b.WriteString(string(r[1:]))
	}
	return b.String()
}

// ValueName is the Go name of a documented value of a field, which follows
// the field's Go name in its constant: GoName of the value, but a value
// written in capitals (SCREAMING_SNAKE_CASE, as Google's ErrorInfo reasons
// are) is named as if it were in lower case, so that its words stay
// readable:
//
//	insufficient_funds => InsufficientFunds
//	SERVICE_DISABLED   => ServiceDisabled
//	API_KEY_INVALID    => APIKeyInvalid
//	3ds_required       => 3dsRequired
func ValueName(v string) string {
	if strings.ToUpper(v) == v {
		v = strings.ToLower(v)
	}
	return GoName(v)
}

// words splits s into its words: runs of letters and digits, broken before
// an upper-case letter that follows a lower-case letter or digit, and before
// the last upper-case letter of a run that a lower-case letter follows
// ("HTTPStatus" => "HTTP", "Status").
func words(s string) []string {
	var out []string
	r := []rune(s)
	start := -1
	for i, c := range r {
		if !isWordRune(c) {
			if start >= 0 {
				out = append(out, string(r[start:i]))
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := r[i-1]
		lowerToUpper := unicode.IsUpper(c) && (unicode.IsLower(prev) || unicode.IsDigit(prev))
		acronymEnd := unicode.IsUpper(c) && unicode.IsUpper(prev) && i+1 < len(r) && unicode.IsLower(r[i+1])
		if lowerToUpper || acronymEnd {
			out = append(out, string(r[start:i]))
			start = i
		}
	}
	if start >= 0 {
		out = append(out, string(r[start:]))
	}
	return out
}

func isWordRune(c rune) bool {
	return c < 0x80 && (unicode.IsLetter(c) || unicode.IsDigit(c))
}
