package spec

import (
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// decodeSpec has one shape of each kind the documents use, in an order
// where several apply to some bodies.
const decodeSpec = `
[api]
name = "D"
package = "d"
sources = ["test"]
description = "D."

[[shapes]]
name = "nested"
require = ["error.code"]
code = "error.code"
message = "error.message"
request_id = "error.requestId"
fields = "error"

[[shapes]]
name = "flat"
require = ["message"]
code = "error"
message = "message"
request_id = "request_id"

[[shapes]]
name = "meta"
require = ["meta.code"]
code = "meta.code"
message = "error"
fields = "meta"

[[shapes]]
name = "title"
require = ["error"]
message = "error"
errors = "errors.*"

[[shapes]]
name = "fastapi"
require = ["detail"]
message = "detail.0.msg"
errors = "detail.*.msg"

[[shapes]]
name = "odd"
require = ["odd"]
fields = "extra"

[[errors]]
code = "missing_required_parameter"
status = 400
summary = "S."
remedy = "R."
patterns = ["Missing required parameter: {param}"]

[[errors]]
code = "missing_everything"
status = 400
summary = "S."
remedy = "R."
titles = ["Missing required parameter: everything"]

[[errors]]
code = "missing_api_key"
status = 401
summary = "S."
remedy = "R."
titles = ["Missing API key"]

[[errors]]
code = "credit_exhausted"
status = 402
summary = "S."
remedy = "R."
by_status = true

[[errors]]
code = "internal_error"
status = 500
summary = "S."
remedy = "R."
titles = ["Internal server error"]

[[errors]]
code = "validation_error"
status = 422
summary = "S."
remedy = "R."
patterns = ["Input should be {what}"]
`

// FuzzParse checks that no input makes Parse panic, and that a file that
// loads can decode any body and position any key.
func FuzzParse(f *testing.F) {
	archives, _ := filepath.Glob("testdata/*.txtar")
	for _, name := range archives {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			f.Add(file.Data, []byte(`{"error": {"code": "a"}}`))
		}
	}
	f.Add([]byte(decodeSpec), []byte(`{"detail": [{"msg": "Input should be x"}]}`))
	f.Fuzz(func(t *testing.T, src, body []byte) {
		file, err := Parse("spec/fuzz.toml", src)
		if err != nil {
			return
		}
		file.Schema.Decode(400, nil, body, time.Time{})
		for key := range file.pos {
			file.Pos(key + ".x")
		}
	})
}

// FuzzScan checks that the position scanner stops on any input, including
// input the toml package rejects.
func FuzzScan(f *testing.F) {
	f.Add(posDoc)
	f.Add(`a = """x\`)
	f.Add(`[[a.b] c = [{d = '''`)
	f.Fuzz(func(t *testing.T, src string) {
		scanPositions(src)
	})
}
