package realapi

import (
	"errors"
	"reflect"
	"testing"

	"github.com/errgen/errgen/generated/trace"
)

// TestTraceValidation checks that Trace's 422, FastAPI's standard
// validation error (as Trace's "Errors" page calls it), keeps each failed
// parameter's location, message and type. The body is FastAPI's own
// example of the shape (FastAPI docs, "Handling Errors": the response to
// GET /items/foo for an integer item_id).
func TestTraceValidation(t *testing.T) {
	body := `{
    "detail": [
        {
            "loc": [
                "path",
                "item_id"
            ],
            "msg": "value is not a valid integer",
            "type": "type_error.integer"
        }
    ]
}`
	err := trace.Parse(422, nil, []byte(body))
	var e *trace.Error
	if !errors.As(err, &e) {
		t.Fatalf("Parse = %v, want a *trace.Error", err)
	}
	if !errors.Is(err, trace.ErrValidationError) || !e.Inferred {
		t.Errorf("Code %q (inferred %v), want %q recognised by its status", e.Code, e.Inferred, trace.CodeValidationError)
	}
	want := []trace.ValidationIssue{{Loc: []any{"path", "item_id"}, Msg: "value is not a valid integer", Type: "type_error.integer"}}
	if !reflect.DeepEqual(e.Items, want) {
		t.Errorf("Items = %#v, want %#v", e.Items, want)
	}
	if e.Message != "value is not a valid integer" || !reflect.DeepEqual(e.Errors, []string{"value is not a valid integer"}) {
		t.Errorf("Message %q, Errors %q", e.Message, e.Errors)
	}
	// A body parameter's location indexes a list with an integer, which
	// json.Unmarshal reads as a float64 in an any.
	e = trace.Parse(422, nil, []byte(`{"detail": [{"loc": ["body", "items", 0], "msg": "m", "type": "t"}, 7]}`)).(*trace.Error)
	want = []trace.ValidationIssue{{Loc: []any{"body", "items", float64(0)}, Msg: "m", Type: "t"}, {}}
	if !reflect.DeepEqual(e.Items, want) {
		t.Errorf("Items = %#v, want %#v", e.Items, want)
	}
}
