package spec

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

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
	// The repository's specs and the runtime fixture, which use every key.
	specs, _ := filepath.Glob("../../spec/*.toml")
	for _, name := range append(specs, "../runtime/fixture/testdata/fixture.toml") {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src, []byte(`{"detail": [{"msg": "Input should be x"}]}`))
	}
	f.Fuzz(func(t *testing.T, src, body []byte) {
		file, err := Parse("spec/fuzz.toml", src)
		if err != nil {
			return
		}
		file.Schema.Decode(400, nil, body, time.Time{})
		for key := range file.positions() {
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
