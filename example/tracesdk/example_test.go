package tracesdk_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/errgen/errgen/example/tracesdk"
	"github.com/errgen/errgen/generated/trace"
)

func ExampleClient_Company() {
	// A stand-in for the Trace API that is out of credits.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusPaymentRequired)
		fmt.Fprint(w, `{"error": "credit_exhausted", "message": "Insufficient credits to complete this request.", "requested": 50, "shortfall": 12}`)
	}))
	defer srv.Close()

	client := &tracesdk.Client{BaseURL: srv.URL, APIKey: "key"}
	_, err := client.Company(context.Background(), "example.com")
	if errors.Is(err, trace.ErrCreditExhausted) {
		var e *trace.Error
		if errors.As(err, &e) {
			fmt.Println("credits missing:", e.Details.(*trace.CreditExhaustedDetails).Shortfall)
		}
	}
	fmt.Println(err)
	// Output:
	// credits missing: 12
	// trace: credit_exhausted (HTTP 402): Insufficient credits to complete this request.
}
