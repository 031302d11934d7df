package spec

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/tools/txtar"
)

const schemaPath = "../../spec/errgen.schema.json"

func readSchema(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	return schema
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	sch, err := jsonschema.NewCompiler().Compile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// TestSchemaMatchesLoader checks that the schema has exactly the keys the
// loader accepts, at the same places, with additionalProperties false on
// every table.
func TestSchemaMatchesLoader(t *testing.T) {
	schema := readSchema(t)
	resolve := func(node map[string]any) map[string]any {
		if ref, ok := node["$ref"].(string); ok {
			name, ok := strings.CutPrefix(ref, "#/$defs/")
			if !ok {
				t.Fatalf("unexpected $ref %q", ref)
			}
			def, _ := schema["$defs"].(map[string]any)[name].(map[string]any)
			return def
		}
		return node
	}
	statusTerm := reflect.TypeFor[StatusTerm]()
	var walk func(where string, node map[string]any, typ reflect.Type)
	walk = func(where string, node map[string]any, typ reflect.Type) {
		if node["additionalProperties"] != false {
			t.Errorf("schema at %s: additionalProperties is %v, want false", where, node["additionalProperties"])
		}
		if node["type"] != "object" {
			t.Errorf("schema at %s: type is %v, want object", where, node["type"])
		}
		props, _ := node["properties"].(map[string]any)
		var keys []string
		for i := range typ.NumField() {
			field := typ.Field(i)
			tag := field.Tag.Get("toml")
			if tag == "" {
				continue
			}
			keys = append(keys, tag)
			key := join(where, tag)
			prop, ok := props[tag].(map[string]any)
			if !ok {
				t.Errorf("schema has no property %q", key)
				continue
			}
			if d, _ := prop["description"].(string); d == "" {
				t.Errorf("schema property %q has no description", key)
			}
			prop = resolve(prop)
			switch ft := field.Type; {
			case ft == statusTerm || ft.Kind() == reflect.Slice && ft.Elem() == statusTerm:
				// A struct the loader reads from a scalar.
			case ft.Kind() == reflect.Struct:
				walk(key, prop, ft)
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
				items, _ := prop["items"].(map[string]any)
				walk(key+"[]", resolve(items), ft.Elem())
			case ft.Kind() == reflect.Map:
				if _, ok := prop["additionalProperties"].(map[string]any); !ok {
					t.Errorf("schema property %q: want additionalProperties to be a schema for the map's values", key)
				}
			default:
				if _, ok := prop["properties"]; ok {
					t.Errorf("schema property %q has properties, but the loader reads a %s", key, ft)
				}
			}
		}
		for _, k := range sortedKeys(props) {
			if !slices.Contains(keys, k) {
				t.Errorf("schema has property %q, which the loader does not accept", join(where, k))
			}
		}
	}
	walk("", schema, reflect.TypeFor[File]())
}

// instance converts a TOML document to the JSON value the schema validates.
func instance(t *testing.T, raw map[string]any) any {
	t.Helper()
	data, err := json.Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func decodeTOML(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestSchemaAcceptsSpecs validates every spec in the repository and the
// valid test case against the schema.
func TestSchemaAcceptsSpecs(t *testing.T) {
	sch := compileSchema(t)
	files, err := filepath.Glob("../../spec/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		first, _ := bufio.NewReader(bytes.NewReader(data)).ReadString('\n')
		if strings.TrimSpace(first) != "#:schema ./errgen.schema.json" {
			t.Errorf("%s: first line is %q, want %q", name, strings.TrimSpace(first), "#:schema ./errgen.schema.json")
		}
		if err := sch.Validate(instance(t, decodeTOML(t, data))); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	ar, err := txtar.ParseFile("testdata/valid.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range ar.Files {
		if strings.HasSuffix(file.Name, ".toml") {
			if err := sch.Validate(instance(t, decodeTOML(t, file.Data))); err != nil {
				t.Errorf("testdata/valid.txtar: %s: %v", file.Name, err)
			}
		}
	}
}

// TestSchemaRejects breaks the valid test case in one place at a time and
// checks that the schema and the loader both reject it.
func TestSchemaRejects(t *testing.T) {
	sch := compileSchema(t)
	ar, err := txtar.ParseFile("testdata/valid.txtar")
	if err != nil {
		t.Fatal(err)
	}
	valid := ar.Files[0].Data
	tables := func(v any) []map[string]any { return v.([]map[string]any) }
	table := func(v any) map[string]any { return v.(map[string]any) }
	tests := []struct {
		name   string
		change func(m map[string]any)
	}{
		{"unknown top-level key", func(m map[string]any) { m["extra"] = int64(1) }},
		{"unknown key in api", func(m map[string]any) { table(m["api"])["version"] = "1" }},
		{"unknown key in headers.info", func(m map[string]any) { tables(table(m["headers"])["info"])[0]["summry"] = "x" }},
		{"unknown key in shapes", func(m map[string]any) { tables(m["shapes"])[0]["requires"] = []any{"a"} }},
		{"unknown key in errors", func(m map[string]any) { tables(m["errors"])[0]["retry"] = true }},
		{"unknown key in fields", func(m map[string]any) { tables(tables(m["errors"])[0]["fields"])[0]["doc"] = "x" }},
		{"unknown key in examples", func(m map[string]any) { tables(tables(m["errors"])[0]["examples"])[0]["header"] = "x" }},
		{"missing summary", func(m map[string]any) { delete(tables(m["errors"])[0], "summary") }},
		{"missing api", func(m map[string]any) { delete(m, "api") }},
		{"status out of range", func(m map[string]any) { tables(m["errors"])[0]["status"] = int64(302) }},
		{"status of the wrong type", func(m map[string]any) { tables(m["errors"])[0]["status"] = "402" }},
		{"code with a space", func(m map[string]any) { tables(m["errors"])[0]["code"] = "a b" }},
		{"field name with a dot", func(m map[string]any) { tables(tables(m["errors"])[0]["fields"])[0]["name"] = "a.b" }},
		{"unknown field type", func(m map[string]any) { tables(tables(m["errors"])[0]["fields"])[0]["type"] = "map[string]int" }},
		{"package is a keyword", func(m map[string]any) { table(m["api"])["package"] = "type" }},
		{"package with a dash", func(m map[string]any) { table(m["api"])["package"] = "a-b" }},
		{"base URL not absolute", func(m map[string]any) { table(m["api"])["base_urls"] = []any{"api.example.com"} }},
		{"star outside errors", func(m map[string]any) { tables(m["shapes"])[0]["code"] = "error.*" }},
		{"star in require", func(m map[string]any) { tables(m["shapes"])[0]["require"] = []any{"detail.*"} }},
		{"unclosed bracket", func(m map[string]any) { tables(m["shapes"])[0]["code"] = "errors[0.code" }},
		{"items without item_type", func(m map[string]any) { tables(m["shapes"])[0]["items"] = "errors" }},
		{"empty segment", func(m map[string]any) { tables(m["shapes"])[0]["message"] = "error..message" }},
		{"two stars", func(m map[string]any) { tables(m["shapes"])[2]["errors"] = "a.*.b.*" }},
		{"no errors", func(m map[string]any) { m["errors"] = []map[string]any{} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := decodeTOML(t, valid)
			tt.change(raw)
			if err := sch.Validate(instance(t, raw)); err == nil {
				t.Error("schema accepts the changed spec")
			}
			var buf bytes.Buffer
			if err := toml.NewEncoder(&buf).Encode(raw); err != nil {
				t.Fatal(err)
			}
			if _, err := Parse("spec/changed.toml", buf.Bytes()); err == nil {
				t.Error("Parse accepts the changed spec")
			}
		})
	}
	// The unchanged spec passes both, so the changes above are what fail.
	raw := decodeTOML(t, valid)
	if err := sch.Validate(instance(t, raw)); err != nil {
		t.Errorf("schema rejects the valid spec: %v", err)
	}
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(raw); err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("spec/roundtrip.toml", buf.Bytes()); err != nil {
		t.Errorf("Parse rejects the re-encoded valid spec: %v", err)
	}
}
