// Package bench holds benchmarks of the generated error packages (see
// docs/PERFORMANCE.md): Parse and FromResponse on every envelope shape the
// specs document, next to two baselines decoding the same bodies with
// encoding/json, and errors.Is, IsRetryable and RetryAfter on wrapped
// errors. It has no non-test code besides this comment.
package bench
