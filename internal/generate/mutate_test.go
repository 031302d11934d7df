package generate

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/tools/txtar"

	"github.com/errgen/errgen/internal/decode"
	"github.com/errgen/errgen/internal/model"
	"github.com/errgen/errgen/internal/spec"
)

// TestMutatedSpecs holds issue 12's item 5 on specs nobody wrote: every
// spec errgen accepts generates a package that vets and passes its own
// tests. It mutates the repository's specs and the txtar cases' at random
// (a key deleted, a table copied under another code or name, a shape, code,
// type or field of another spec grafted in, a value replaced by another of
// the spec's values or by one of a few that decoding rules treat
// specially, a value of an example body replaced or deleted), keeps the mutants the loader and the model
// accept, and runs go vet and go test on their packages in one go 1.21
// module. A mutant that fails is written to the test's log as a spec file
// to reproduce it with.
//
// It runs with ERRGEN_GOCMD=1 (CI sets it), on mutantCount mutants from a
// fixed seed, so that a run repeats; ERRGEN_MUTANTS and ERRGEN_MUTATE_SEED
// ask for more or others.
func TestMutatedSpecs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module with the go command")
	}
	if !goCommandTests(t) {
		return
	}
	want := envInt(t, "ERRGEN_MUTANTS", mutantCount)
	seed := int64(envInt(t, "ERRGEN_MUTATE_SEED", 1))
	t.Logf("seed %d (ERRGEN_MUTATE_SEED), %d mutants (ERRGEN_MUTANTS)", seed, want)
	seeds := mutationSeeds(t)
	rng := rand.New(rand.NewSource(seed))
	mod := t.TempDir()
	writeFile(t, filepath.Join(mod, "go.mod"), []byte("module example.com/mutants\n\ngo 1.21\n"))
	srcs := map[string][]byte{} // by directory
	seen := map[[32]byte]bool{}
	tries, rejected := 0, 0
	for len(srcs) < want && tries < 200*want {
		tries++
		s := seeds[rng.Intn(len(seeds))]
		src, ok := mutate(rng, s, seeds)
		if !ok || seen[sha256.Sum256(src)] {
			continue
		}
		seen[sha256.Sum256(src)] = true
		const path = "spec/mutant.toml"
		file, err := spec.Parse(path, src)
		if err != nil {
			checkPositioned(t, err, path)
			rejected++
			continue
		}
		m, err := model.Build(file)
		if err != nil {
			checkPositioned(t, err, path)
			rejected++
			continue
		}
		files, err := Package(m)
		if err != nil {
			t.Fatalf("a spec the loader and the model accept does not generate: %v\n%s", err, src)
		}
		dir := fmt.Sprintf("m%03d", len(srcs))
		srcs[dir] = src
		for _, f := range files {
			// Every file goes in the mutant's directory, whatever -out
			// directory the spec's package name gives it.
			writeFile(t, filepath.Join(mod, dir, filepath.Base(f.Path)), f.Bytes())
		}
	}
	t.Logf("%d mutants accepted of %d tried (%d rejected with positioned errors)", len(srcs), tries, rejected)
	if len(srcs) < want {
		t.Fatalf("only %d mutants accepted in %d tries, want %d: the mutations are too destructive", len(srcs), tries, want)
	}
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		if err == nil {
			continue
		}
		failed := map[string]bool{}
		for dir := range srcs {
			// go test: "FAIL\texample.com/mutants/m006\t0.05s" or
			// "... [build failed]"; go vet: "# example.com/mutants/m006"
			// (maybe " [...test]") and "m006/errors.go:3:1: ...".
			pkg := "example.com/mutants/" + dir
			for _, mark := range []string{"FAIL\t" + pkg + "\t", "FAIL\t" + pkg + " ", "# " + pkg + "\n", "# " + pkg + " ", "\n" + dir + "/"} {
				if bytes.Contains(out, []byte(mark)) {
					failed[dir] = true
				}
			}
		}
		t.Errorf("go %s on the mutants' packages: %v\n%s", strings.Join(args, " "), err, out)
		dirs := make([]string, 0, len(failed))
		for dir := range failed {
			dirs = append(dirs, dir)
		}
		sort.Strings(dirs)
		for _, dir := range dirs {
			t.Errorf("%s's spec, which errgen accepted:\n%s", dir, srcs[dir])
		}
	}
}

// mutantCount is how many accepted mutants a run checks by default: about
// a minute of go vet and go test on two cores.
const mutantCount = 24

// envInt is the integer in the environment variable name, or def.
func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		t.Fatalf("%s=%q: want a number", name, v)
	}
	return n
}

// mutationSeeds are the specs mutated: the repository's and every txtar
// case's that generates, each decoded as a TOML document.
func mutationSeeds(t *testing.T) []map[string]any {
	var srcs [][]byte
	specs, _ := filepath.Glob(filepath.Join(repoRoot, "spec", "*.toml"))
	for _, name := range specs {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, data)
	}
	archives, _ := filepath.Glob("testdata/*.txtar")
	for _, name := range archives {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if strings.HasSuffix(f.Name, ".toml") {
				srcs = append(srcs, f.Data)
			}
		}
	}
	var out []map[string]any
	for _, src := range srcs {
		var doc map[string]any
		if _, err := toml.Decode(string(src), &doc); err == nil {
			out = append(out, doc)
		}
	}
	if len(out) < 10 {
		t.Fatalf("found %d specs to mutate", len(out))
	}
	return out
}

// mutate returns a copy of doc with one to three random mutations, encoded
// as TOML; false when the mutated document does not encode. A mutation
// may graft a shape, code, type or field of another of the seeds.
func mutate(rng *rand.Rand, doc map[string]any, seeds []map[string]any) ([]byte, bool) {
	d := deepCopy(doc).(map[string]any)
	var pool []any // the document's scalar values, to reuse elsewhere
	collectScalars(d, &pool)
	for n := 1 + rng.Intn(3); n > 0; n-- {
		if rng.Intn(5) == 0 && mutateBody(rng, d, pool) {
			continue
		}
		if rng.Intn(6) == 0 {
			key := []string{"shapes", "errors", "types", "fields"}[rng.Intn(4)]
			from, _ := seeds[rng.Intn(len(seeds))][key].([]map[string]any)
			if len(from) > 0 {
				tables, _ := d[key].([]map[string]any)
				d[key] = append(tables, deepCopy(from[rng.Intn(len(from))]).(map[string]any))
				continue
			}
		}
		var slots []slot
		collectSlots(d, &slots)
		if len(slots) == 0 {
			break
		}
		s := slots[rng.Intn(len(slots))]
		if s.key == "package" {
			continue // the package name is left as it is: each mutant gets its own directory
		}
		switch op := rng.Intn(10); {
		case op < 2 && s.key != "name":
			s.del()
		case op < 4:
			if tables, ok := s.get().([]map[string]any); ok && len(tables) > 0 {
				c := deepCopy(tables[rng.Intn(len(tables))]).(map[string]any)
				renameCopy(rng, c)
				s.set(append(tables, c))
				continue
			}
			s.set(replacement(rng, s.get(), pool))
		default:
			s.set(replacement(rng, s.get(), pool))
		}
	}
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(d); err != nil {
		return nil, false
	}
	return b.Bytes(), true
}

// mutateBody changes one value of one example body of d (or deletes a
// member), keeping the body JSON; false when d has no example with a JSON
// body.
func mutateBody(rng *rand.Rand, d map[string]any, pool []any) bool {
	var examples []map[string]any
	errs, _ := d["errors"].([]map[string]any)
	for _, e := range errs {
		exs, _ := e["examples"].([]map[string]any)
		examples = append(examples, exs...)
	}
	if len(examples) == 0 {
		return false
	}
	ex := examples[rng.Intn(len(examples))]
	body, _ := ex["body"].(string)
	v, err := decode.DecodeJSON([]byte(body))
	if err != nil {
		return false
	}
	// The places in the body, each as a setter (nil deletes).
	var places []func(any)
	var walk func(v any, set func(any))
	walk = func(v any, set func(any)) {
		places = append(places, set)
		switch v := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(v[k], func(x any) {
					if x == nil {
						delete(v, k)
					} else {
						v[k] = x
					}
				})
			}
		case []any:
			for i := range v {
				walk(v[i], func(x any) { v[i] = x })
			}
		}
	}
	walk(v, func(x any) { v = x })
	values := []any{nil, json.RawMessage("null"), "", "x", json.Number("0"), json.Number("-1"), json.Number("1e400"),
		json.Number("2.5"), true, []any{}, map[string]any{}, []any{"a", json.Number("1")}}
	for _, p := range pool {
		if str, ok := p.(string); ok {
			values = append(values, str)
		}
	}
	places[rng.Intn(len(places))](values[rng.Intn(len(values))])
	b, err := json.Marshal(v)
	if err != nil {
		return false
	}
	ex["body"] = string(b)
	return true
}

// A slot is a place in a document that holds a value: a key of a table.
type slot struct {
	table map[string]any
	key   string
}

func (s slot) get() any  { return s.table[s.key] }
func (s slot) set(v any) { s.table[s.key] = v }
func (s slot) del()      { delete(s.table, s.key) }

// collectSlots lists every key of every table in v, in a fixed order.
func collectSlots(v any, out *[]slot) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			*out = append(*out, slot{v, k})
			collectSlots(v[k], out)
		}
	case []map[string]any:
		for _, t := range v {
			collectSlots(t, out)
		}
	}
}

// collectScalars lists every string, integer and boolean in v, and every
// list of strings.
func collectScalars(v any, out *[]any) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			collectScalars(v[k], out)
		}
	case []map[string]any:
		for _, t := range v {
			collectScalars(t, out)
		}
	case []any:
		*out = append(*out, v)
		for _, e := range v {
			collectScalars(e, out)
		}
	case string, int64, bool:
		*out = append(*out, v)
	}
}

// special are values the decoding rules and Go naming treat specially,
// and text that go/doc/comment and Markdown rewrite (quote pairs, list
// markers, headings, link definitions, line separators).
var special = []any{
	"Say ''hi'' and ``bye``.", "- a list item", "# Heading", "1. first", "[a]: http://q{\\",
	"a\u2028b\tc ", "<b>&amp;</b> `code` *x* _y_ |z|",
	"", "x", "error.code", "errors.*.message", "[0].code", "errors[0].code", "errors.0.code",
	"detail.*.msg", "*", "{id}", "{user_id} and {userId}", "É", "a b", "Retry-After", "X-Request-Id",
	"x-request-id", "int", "[]string", "map[string]any", "any", "float64", "*int", "seconds",
	"milliseconds", "4xx", "type", "Error", "Code", "main", "errgen_undocumented_code", "200",
	int64(0), int64(200), int64(204), int64(299), int64(400), int64(404), int64(429), int64(500),
	int64(503), int64(599), int64(-1), int64(1 << 40), true, false,
	[]any{}, []any{"a", "a"}, []any{"error.code"}, []any{"4xx"},
}

// replacement is a value to put where old was: mostly one of the same
// type from the document, else a special one.
func replacement(rng *rand.Rand, old any, pool []any) any {
	if rng.Intn(3) > 0 {
		var same []any
		for _, v := range pool {
			if fmt.Sprintf("%T", v) == fmt.Sprintf("%T", old) {
				same = append(same, v)
			}
		}
		if len(same) > 0 {
			return deepCopy(same[rng.Intn(len(same))])
		}
	}
	return deepCopy(special[rng.Intn(len(special))])
}

// renameCopy changes the name or code of a copied table, so that the copy
// is another code, type, shape or field rather than a duplicate.
func renameCopy(rng *rand.Rand, t map[string]any) {
	for _, k := range []string{"code", "name", "go_name"} {
		if s, ok := t[k].(string); ok {
			t[k] = s + "_" + strconv.Itoa(rng.Intn(100))
		}
	}
}

// deepCopy copies a decoded TOML value.
func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		c := make(map[string]any, len(v))
		for k, e := range v {
			c[k] = deepCopy(e)
		}
		return c
	case []map[string]any:
		c := make([]map[string]any, len(v))
		for i, e := range v {
			c[i] = deepCopy(e).(map[string]any)
		}
		return c
	case []any:
		c := make([]any, len(v))
		for i, e := range v {
			c[i] = deepCopy(e)
		}
		return c
	}
	return v
}
