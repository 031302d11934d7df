package realapi

import (
	"errors"
	"net/http"
	"reflect"
	"testing"

	"github.com/errgen/errgen/generated/dynamodb"
)

// Sources (as in spec/dynamodb.toml):
//
//	D1 awsdocs/amazon-dynamodb-developer-guide doc_source/Programming.Errors.md@cb6dd0d731fc9ac71eb8f82c1085f4f2656a77d4
//	D2 the same repository, doc_source/transaction-apis.md@cb6dd0d7
//	D4 aws/api-models-aws dynamodb/service/2012-08-10/dynamodb-2012-08-10.json@56c8953e87aeead95ae5e66a3ca6a355731db6ad
//	D5 smithy-lang/smithy docs/source-2.0/aws/protocols/aws-json-1_0-protocol.rst@328c7d31
//	D6 smithy-lang/smithy smithy-aws-protocol-tests/model/awsJson1_0/errors.smithy@2c3d9c7f8de7c2b8b747328855887af6517156fc
//	E7-E9 the research notes' bodies assembled from D1 and D4
//	    (/work/research/dynamodb.md §5)
//
// D1's retry rule: "you should retry original requests that receive server
// errors (5xx). However, client errors (4xx, other than a ThrottlingException
// or a ProvisionedThroughputExceededException) indicate that you need to
// revise the request itself", and each exception's "OK to retry?". DynamoDB
// sends no retry delay, so every row wants RetryAfter to give (0, false).
// D6's bodies are the protocol's normative tests on a generic service
// (namespace aws.protocoltests.json10), whose codes DynamoDB does not have:
// they are kept verbatim, after the type is trimmed as D5 says.
func TestDynamoDB(t *testing.T) {
	const json10 = "application/x-amz-json-1.0"
	for _, tc := range []struct {
		name   string
		status int
		header http.Header
		body   string
		is     error // the documented code's sentinel; nil when the code is not a transcribed one
		want   outcome
		check  func(t *testing.T, e *dynamodb.Error)
	}{
		// D1 "Error components": the example response, byte for byte.
		// D1: ResourceNotFoundException "OK to retry? No"; D4: fault client.
		{
			name:   "D1 error components: ResourceNotFoundException",
			status: 400,
			header: header("x-amzn-RequestId", "LDM6CJP8RMQ1FHKSC1RBVJFPNVV4KQNSO5AEMF66Q9ASUAAJG",
				"Content-Type", json10, "Content-Length", "240", "Date", "Thu, 15 Mar 2012 23:56:23 GMT"),
			body: `{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
"message":"Requested resource not found: Table: tablename not found"}`,
			is: dynamodb.ErrResourceNotFoundException,
			want: outcome{
				Code: "ResourceNotFoundException", Message: "Requested resource not found: Table: tablename not found",
				RequestID: "LDM6CJP8RMQ1FHKSC1RBVJFPNVV4KQNSO5AEMF66Q9ASUAAJG", Family: "client",
			},
		},
		// E7 (assembled): D1 ConditionalCheckFailedException "OK to retry?
		// No"; D4 fault client. D4 also gives it an Item member, which the
		// spec cannot type.
		{
			name:   "E7 ConditionalCheckFailedException (assembled)",
			status: 400,
			header: header("Content-Type", json10),
			body:   "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\",\"message\":\"The conditional request failed.\"}\n",
			is:     dynamodb.ErrConditionalCheckFailedException,
			want:   outcome{Code: "ConditionalCheckFailedException", Message: "The conditional request failed.", Family: "client"},
		},
		// E8 (assembled, message from D1): "OK to retry? Yes", and one of
		// the two 4xx D1's backoff rule names.
		{
			name:   "E8 ProvisionedThroughputExceededException (assembled)",
			status: 400,
			header: header("Content-Type", json10),
			body:   "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\",\"message\":\"You exceeded your maximum allowed provisioned throughput for a table or for one or more global secondary indexes.\"}\n",
			is:     dynamodb.ErrProvisionedThroughputExceededException,
			want: outcome{
				Code:    "ProvisionedThroughputExceededException",
				Message: "You exceeded your maximum allowed provisioned throughput for a table or for one or more global secondary indexes.",
				Family:  "client", Retryable: true,
			},
		},
		// E9 (assembled from D4: member "Message", CancellationReasons of
		// {Code, Message}, "if an item has no error it will have None code
		// and Null message"). D2: "If that request fails, AWS SDKs do not
		// retry the request."
		{
			name:   "E9 TransactionCanceledException with CancellationReasons (assembled)",
			status: 400,
			header: header("Content-Type", json10),
			body: `{"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
 "Message":"<text>",
 "CancellationReasons":[{"Code":"None"},{"Code":"ConditionalCheckFailed","Message":"The conditional request failed."},{"Code":"TransactionConflict","Message":"Transaction is ongoing for the item."}]}
`,
			is:   dynamodb.ErrTransactionCanceledException,
			want: outcome{Code: "TransactionCanceledException", Message: "<text>", Family: "client"},
			check: func(t *testing.T, e *dynamodb.Error) {
				m1, m2 := "The conditional request failed.", "Transaction is ongoing for the item."
				want := []dynamodb.CancellationReason{{Code: "None"}, {Code: "ConditionalCheckFailed", Message: &m1}, {Code: "TransactionConflict", Message: &m2}}
				if !reflect.DeepEqual(e.Items, want) {
					t.Errorf("Items = %+v, want %+v", e.Items, want)
				}
			},
		},
		// D6 AwsJson10InvalidGreetingError: "Parses simple JSON errors",
		// with the member spelled "Message".
		{
			name:   "D6 AwsJson10InvalidGreetingError: Message",
			status: 400,
			header: header("Content-Type", json10),
			body: `{
    "__type": "aws.protocoltests.json10#InvalidGreeting",
    "Message": "Hi"
}`,
			want: outcome{Code: "InvalidGreeting", Message: "Hi"},
		},
		// D6 AwsJson10ComplexError: "Parses a complex error with no message
		// member".
		{
			name:   "D6 AwsJson10ComplexError: no message",
			status: 400,
			header: header("Content-Type", json10),
			body: `{
    "__type": "aws.protocoltests.json10#ComplexError",
    "TopLevel": "Top level",
    "Nested": {
        "Foo": "bar"
    }
}`,
			want: outcome{Code: "ComplexError"},
		},
		// D6 AwsJson10EmptyComplexError.
		{
			name:   "D6 AwsJson10EmptyComplexError",
			status: 400,
			header: header("Content-Type", json10),
			body: `{
    "__type": "aws.protocoltests.json10#ComplexError"
}`,
			want: outcome{Code: "ComplexError"},
		},
		// D6 FooError cases, all 500 (retried, D1): the type from the header
		// (first), the "code" member or "__type", trimmed of namespace and
		// URI; a nested __type is ignored ("For an example service see
		// Amazon DynamoDB.").
		{
			name:   "D6 AwsJson10FooErrorUsingXAmznErrorType",
			status: 500,
			header: header("X-Amzn-Errortype", "FooError"),
			want:   outcome{Code: "FooError", Retryable: true},
		},
		{
			name:   "D6 AwsJson10FooErrorUsingXAmznErrorTypeWithUri",
			status: 500,
			header: header("X-Amzn-Errortype", "FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
			want:   outcome{Code: "FooError", Retryable: true},
		},
		{
			name:   "D6 AwsJson10FooErrorUsingXAmznErrorTypeWithUriAndNamespace",
			status: 500,
			header: header("X-Amzn-Errortype", "aws.protocoltests.json10#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
			want:   outcome{Code: "FooError", Retryable: true},
		},
		{
			name:   "D6 AwsJson10FooErrorUsingCode",
			status: 500,
			header: header("Content-Type", json10),
			body: `{
    "code": "FooError"
}`,
			want: outcome{Code: "FooError", Retryable: true},
		},
		{
			name:   "D6 AwsJson10FooErrorUsingCodeAndNamespace",
			status: 500,
			header: header("Content-Type", json10),
			body: `{
    "code": "aws.protocoltests.json10#FooError"
}`,
			want: outcome{Code: "FooError", Retryable: true},
		},
		{
			name:   "D6 AwsJson10FooErrorUsingCodeUriAndNamespace",
			status: 500,
			header: header("Content-Type", json10),
			body: `{
    "code": "aws.protocoltests.json10#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"
}`,
			want: outcome{Code: "FooError", Retryable: true},
		},
		{
			name:   "D6 AwsJson10FooErrorWithDunderType",
			status: 500,
			header: header("Content-Type", json10),
			body: `{
    "__type": "FooError"
}`,
			want: outcome{Code: "FooError", Retryable: true},
		},
		{
			name:   "D6 AwsJson10FooErrorWithDunderTypeAndNamespace",
			status: 500,
			header: header("Content-Type", json10),
			body: `{
    "__type": "aws.protocoltests.json10#FooError"
}`,
			want: outcome{Code: "FooError", Retryable: true},
		},
		{
			name:   "D6 AwsJson10FooErrorWithDunderTypeAndDifferentNamespace",
			status: 500,
			header: header("Content-Type", json10),
			body: `{
    "__type": "aws.different.namespace#FooError"
}`,
			want: outcome{Code: "FooError", Retryable: true},
		},
		{
			name:   "D6 AwsJson10FooErrorWithDunderTypeUriAndNamespace",
			status: 500,
			header: header("Content-Type", json10),
			body: `{
    "__type": "aws.protocoltests.json10#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"
}`,
			want: outcome{Code: "FooError", Retryable: true},
		},
		{
			name:   "D6 AwsJson10FooErrorWithNestedTypeProperty",
			status: 500,
			header: header("Content-Type", json10),
			body: `{
    "__type": "aws.protocoltests.json10#FooError",
    "ErrorDetails": [
      {
          "__type": "com.amazon.internal#ErrorDetails",
          "reason": "Some reason"
      }
    ]
}`,
			want: outcome{Code: "FooError", Retryable: true},
		},
		// D6: "Client implementations must first check for the
		// X-Amzn-Errortype and then check for a top-level 'code' property."
		// The header and a documented body disagree (built for the test):
		// the header's code wins, with its own documented rules (D1
		// ThrottlingException "OK to retry? Yes").
		{
			name:   "D6 the X-Amzn-Errortype header wins over the body",
			status: 400,
			header: header("X-Amzn-Errortype", "ThrottlingException", "x-amzn-RequestId", "req"),
			body:   `{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}`,
			is:     dynamodb.ErrThrottlingException,
			want:   outcome{Code: "ThrottlingException", Message: "Requested resource not found", RequestID: "req", Retryable: true},
		},
		// D1 "Internal Server Error (HTTP 500)" and "Service Unavailable
		// (HTTP 503)", "OK to retry? Yes": bodiless responses are recognised
		// by their status.
		{
			name:   "D1 a bodiless 500",
			status: 500,
			is:     dynamodb.ErrInternalServerError,
			want:   outcome{Code: "InternalServerError", Family: "server", Retryable: true},
		},
		{
			name:   "D1 a bodiless 503",
			status: 503,
			is:     dynamodb.ErrServiceUnavailable,
			want:   outcome{Code: "ServiceUnavailable", Retryable: true},
		},
		// D1 UnrecognizedClientException "OK to retry? Yes", as documented
		// (body built for the test from D1's name and message).
		{
			name:   "D1 UnrecognizedClientException is retryable as documented",
			status: 400,
			body:   `{"__type":"com.amazonaws.dynamodb.v20120810#UnrecognizedClientException","message":"The Access Key ID or security token is invalid."}`,
			is:     dynamodb.ErrUnrecognizedClientException,
			want:   outcome{Code: "UnrecognizedClientException", Message: "The Access Key ID or security token is invalid.", Retryable: true},
		},
		// Negative row: a 4xx exception DynamoDB does not document (built
		// for the test) is kept verbatim and, as a 4xx, not retried (D1).
		{
			name:   "an undocumented exception on a 400",
			status: 400,
			body:   `{"__type":"com.amazonaws.dynamodb.v20120810#SomeNewException","message":"m"}`,
			want:   outcome{Code: "SomeNewException", Message: "m"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.want.Status = tc.status
			for _, d := range decodeBoth(t, tc.status, tc.header, tc.body, dynamodb.Parse, dynamodb.FromResponse) {
				var e *dynamodb.Error
				if !errors.As(d.err, &e) {
					t.Fatalf("%s = %v, want a *dynamodb.Error", d.via, d.err)
				}
				got := outcome{
					Status: e.Status, Code: string(e.Code), Message: e.Message, RequestID: e.RequestID,
					Family: string(e.Family), Retryable: dynamodb.IsRetryable(d.err),
				}
				got.Delay, got.HasDelay = dynamodb.RetryAfter(d.err)
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
