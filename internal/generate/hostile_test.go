package generate

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/errgen/errgen/internal/model"
	"github.com/errgen/errgen/internal/spec"
)

// marker is in every hostile string; outside comments and string literals
// it may appear only in the Go names errgen derives from the spec.
const marker = "pwned"

// payload tries to end a comment or a string and declare code that runs
// when the package loads.
const payload = "*/ func init() { panic(\"pwned\") } /*\n}\n\nfunc init() { panic(\"pwned\") }\n" +
	"// `pwned` \" \\ \\n \\\" \x00 \u202e\u2066 \u2028 \u0085 var _ = pwned"

// cleanPayload is Go that parses if it escapes a line comment; exprPayload
// is an expression that parses if it escapes a string literal.
const (
	cleanPayload = "x\n\nfunc init() { panic(\"pwned\") }\n\n// y"
	exprPayload  = "x\" + pwned() + \"y"
)

// specTemplate has a placeholder for the TOML value of each string of a
// spec, and {extra} for more entries.
var specTemplate = `[api]
name = {name}
package = {package}
base_urls = [{base_url}]
sources = [{source}]
description = {description}

[headers]
request_id = {request_id_header}
retry_after = {retry_after_header}

[[headers.info]]
name = {info_name}
summary = {info_summary}

[[shapes]]
name = {shape_name}
summary = {shape_summary}
require = ["error"]
code = "error"
message = "message"
request_id = "request_id"

[[errors]]
code = {code}
status = 400
summary = {summary}
remedy = {remedy}
titles = [{title}]
patterns = [{pattern}]

[[errors.fields]]
name = "detail"
type = "string"
summary = {field_summary}

[[errors.examples]]
title = {example_title}
headers = { "X-Request-Id" = {header_value} }
body = {example_body}
{extra}`

// defaults are benign values for every field of specTemplate.
var defaults = map[string]string{
	"name":               "Hostile",
	"base_url":           "https://api.hostile.example",
	"source":             "Hostile API docs",
	"description":        "Hostile is a fictional API.",
	"request_id_header":  "X-Request-Id",
	"retry_after_header": "Retry-After",
	"info_name":          "X-Credits",
	"info_summary":       "Credits left.",
	"shape_name":         "flat",
	"shape_summary":      `{"error": "<code>"}`,
	"code":               "thing_failed",
	"summary":            "A thing failed.",
	"remedy":             "Try again.",
	"title":              "Thing failed",
	"pattern":            "Thing {name} failed",
	"field_summary":      "Detail.",
	"example_title":      "plain",
	"header_value":       "req_1",
}

// hostileSpec is specTemplate with the given values, and defaults for the
// rest; the example body is built for the code unless given. Each of codes
// adds an entry whose prose is prose.
func hostileSpec(pkg string, values map[string]string, codes []string, prose string) string {
	var extra strings.Builder
	for i, c := range codes {
		fmt.Fprintf(&extra, "\n[[errors]]\ncode = %s\nstatus = %d\nsummary = %s\nremedy = %s\n", tomlString(c), 400+i, tomlString(prose), tomlString(prose))
		if token.IsIdentifier(c) { // a field name must start with a letter
			fmt.Fprintf(&extra, "\n[[errors.fields]]\nname = %s\ntype = \"int\"\nsummary = %s\n", tomlString(c), tomlString(prose))
		}
	}
	v := map[string]string{"package": pkg}
	for k, d := range defaults {
		v[k] = d
	}
	for k, s := range values {
		v[k] = s
	}
	if _, ok := v["example_body"]; !ok {
		body, _ := json.Marshal(map[string]string{"error": v["code"], "message": v["summary"], "request_id": "r"})
		v["example_body"] = string(body)
	}
	pairs := []string{"{extra}", extra.String()}
	for k, s := range v {
		pairs = append(pairs, "{"+k+"}", tomlString(s))
	}
	return strings.NewReplacer(pairs...).Replace(specTemplate)
}

// tomlString is s as a TOML basic string, with every character that is not
// printable escaped.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case !unicode.IsPrint(r) && r != ' ':
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// hostileCase is a spec and what errgen must make of it: want "" for code
// that passes every check, or the start of the errors; build marks the
// cases whose package is also built, vetted and tested.
type hostileCase struct {
	name, src, want string
	build           bool
}

// keywordCodes are codes (and field names) that are Go keywords or
// predeclared names, start with a digit, or carry the marker.
var keywordCodes = []string{"type", "func", "error", "string", "nil", "init", "iota", "true", "any", "main", "404", "0day.pwned"}

func hostileCases() []hostileCase {
	var cases []hostileCase
	add := func(name, pkg, want string, values map[string]string) {
		cases = append(cases, hostileCase{name: name, src: hostileSpec(pkg, values, nil, ""), want: want})
	}
	// the payload in every string of a spec, one at a time, then all at once
	prose := []string{"name", "source", "description", "info_name", "info_summary", "shape_name", "shape_summary",
		"summary", "remedy", "title", "field_summary", "example_title", "header_value", "request_id_header", "retry_after_header"}
	all := map[string]string{}
	for i, k := range prose {
		add(k, "hfield"+strconv.Itoa(i), "", map[string]string{k: payload})
		all[k] = payload
	}
	// payloads that would be valid Go if they escaped a comment or a string
	for i, k := range []string{"description", "summary", "remedy", "field_summary"} {
		add(k+" with clean code", "hclean"+strconv.Itoa(i), "", map[string]string{k: cleanPayload})
	}
	for i, k := range []string{"title", "header_value", "request_id_header"} {
		add(k+" with a clean expression", "hexpr"+strconv.Itoa(i), "", map[string]string{k: exprPayload})
	}
	body, _ := json.Marshal(map[string]string{"error": "thing_failed", "message": payload, "request_id": payload})
	add("example body", "hbody", "", map[string]string{"example_body": string(body)})
	pattern := "Thing {name} failed */ panic(\"pwned\") `\n\x00\u202e\" pwned"
	add("pattern", "hpattern", "", map[string]string{"pattern": pattern})
	baseURL := "https://api.hostile.example/*/func%20init()%7Bpanic(pwned)%7D/*`\""
	add("base url", "hurl", "", map[string]string{"base_url": baseURL})
	add("base url with spaces and newlines", "hurl2", "spec/hostile.toml:4:14: ", map[string]string{"base_url": "https://api.hostile.example/" + payload})
	all["example_body"], all["pattern"], all["base_url"] = string(body), pattern, baseURL
	cases = append(cases, hostileCase{name: "everything", src: hostileSpec("hall", all, keywordCodes, payload), build: true})

	add("code payload", "hcode", "spec/hostile.toml:25:1: code \"*/ func init()", map[string]string{"code": payload})
	cases = append(cases, hostileCase{name: "codes that collide", want: "spec/hostile.toml:43:1: code \"thing-failed\" becomes Go name CodeThingFailed, like code \"thing_failed\"",
		src: hostileSpec("hcollide", nil, []string{"thing-failed", "Thing_Failed", "thing.failed"}, "x")})
	// sizes and depth
	add("10 MB summary", "hbig", "spec/hostile.toml:27:11: a string of more than 1048576 bytes",
		map[string]string{"summary": strings.Repeat("ten megabytes of prose */ `\" ", 10<<20/28)})
	mb, _ := json.Marshal(map[string]string{"error": "thing_failed", "message": strings.Repeat("x", 1000000-50)})
	cases = append(cases, hostileCase{name: "1 MB example body", src: hostileSpec("hmb", map[string]string{"example_body": string(mb)}, nil, ""), build: true})
	cases = append(cases, hostileCase{name: "deep nesting", src: "[api]\nname = " + strings.Repeat("[", 100000),
		want: "spec/hostile.toml:2:72: arrays and tables nested more than 64 deep"})
	return cases
}

// TestHostileSpecs generates a package from specs whose strings try to
// break out of comments and string literals, whose codes are Go keywords,
// and whose strings are huge. Each is rejected with positioned errors or
// gives files that parse, declare only what errgen declares (no init), and
// hold the spec's text only in comments, string literals and the Go names
// errgen derives from it. The packages with every payload at once and with
// a 1 MB example are then built, vetted and tested in one module, so an
// init that ran would fail them (with ERRGEN_GOCMD=1, see goCommandTests).
func TestHostileSpecs(t *testing.T) {
	own := ownDecls(t)
	mod := t.TempDir()
	var built []string
	for _, tc := range hostileCases() {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "spec", "hostile.toml"), []byte(tc.src))
		t.Chdir(dir)
		files, err := Generate([]string{"spec/hostile.toml"})
		if tc.want != "" {
			checkRejected(t, tc.name, err, tc.want)
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, firstLines(err.Error()))
			continue
		}
		f, err := spec.Load("spec/hostile.toml")
		if err != nil {
			t.Fatal(err)
		}
		m, err := model.Build(f)
		if err != nil {
			t.Fatal(err)
		}
		derivedDecls, derived := derivedNames(m)
		for _, file := range files {
			if strings.HasSuffix(file.Path, ".go") {
				checkHostileOutput(t, tc.name, file, own, derivedDecls, derived)
			}
			if tc.build {
				writeFile(t, filepath.Join(mod, filepath.FromSlash(file.Path)), file.Bytes())
			}
		}
		if tc.build {
			built = append(built, m.Name)
		}
	}
	if testing.Short() || !goCommandTests(t) {
		return
	}
	writeFile(t, filepath.Join(mod, "go.mod"), []byte("module example.com/hostile\n\ngo 1.21\n"))
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s (packages %s): %v\n%s", strings.Join(args, " "), strings.Join(built, ", "), err, firstLines(string(out)))
		}
	}
}

// checkRejected checks that err lists positioned errors and starts with
// want.
func checkRejected(t *testing.T, name string, err error, want string) {
	t.Helper()
	var list spec.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Errorf("%s: Generate = %v, want errors starting %q", name, err, want)
		return
	}
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("%s: Generate = %s\nwant errors starting %q", name, firstLines(err.Error()), want)
	}
	for _, e := range list {
		if e.File != "spec/hostile.toml" || e.Pos.Line < 1 || e.Pos.Col < 1 {
			t.Errorf("%s: error without a position: %q", name, e)
		}
	}
}

// ownDecls returns the top-level declarations errgen makes in a benign
// package, without those derived from its spec.
func ownDecls(t *testing.T) map[string]bool {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "spec", "hostile.toml"), []byte(hostileSpec("benign", nil, nil, "")))
	t.Chdir(dir)
	files, err := Generate([]string{"spec/hostile.toml"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := spec.Load("spec/hostile.toml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Build(f)
	if err != nil {
		t.Fatal(err)
	}
	derived, _ := derivedNames(m)
	own := map[string]bool{}
	for _, file := range files {
		if !strings.HasSuffix(file.Path, ".go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), file.Path, file.Bytes(), 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range decls(af, derived) {
			own[d] = true
		}
	}
	return own
}

// derivedNames are the Go names errgen makes from a spec's text: decls
// those it declares at the top level, all those and the field names.
func derivedNames(m *model.Package) (decls, all map[string]bool) {
	decls, all = map[string]bool{}, map[string]bool{}
	for _, c := range m.Codes {
		decls[c.Const], decls[c.Err] = true, true
		if c.Details != "" {
			decls[c.Details] = true
		}
		for _, f := range c.Fields {
			all[f.GoName] = true
		}
	}
	for _, h := range m.InfoHeaders {
		decls[h.Const], decls[h.Reader] = true, true
	}
	for _, c := range m.Captures {
		all[c.GoName] = true
	}
	for name := range decls {
		all[name] = true
	}
	return decls, all
}

// decls lists the top-level declarations of af: "func F", "method T.M",
// "type T", "var V", "const C"; a name derived from the spec is written
// as "<derived>".
func decls(af *ast.File, derived map[string]bool) []string {
	name := func(id *ast.Ident) string {
		if derived[id.Name] {
			return "<derived>"
		}
		return id.Name
	}
	var out []string
	for _, d := range af.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				out = append(out, "func "+name(d.Name))
				continue
			}
			recv := d.Recv.List[0].Type
			if star, ok := recv.(*ast.StarExpr); ok {
				recv = star.X
			}
			id, _ := recv.(*ast.Ident)
			if id == nil {
				id = ast.NewIdent("?")
			}
			out = append(out, "method "+name(id)+"."+name(d.Name))
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					out = append(out, "type "+name(s.Name))
				case *ast.ValueSpec:
					for _, n := range s.Names {
						out = append(out, d.Tok.String()+" "+name(n))
					}
				}
			}
		}
	}
	return out
}

// checkHostileOutput checks one generated Go file.
func checkHostileOutput(t *testing.T, name string, file File, own, derivedDecls, derived map[string]bool) {
	t.Helper()
	fset := token.NewFileSet()
	af, err := parser.ParseFile(fset, file.Path, file.Bytes(), parser.ParseComments)
	if err != nil {
		t.Errorf("%s: %s does not parse: %v", name, file.Path, err)
		return
	}
	if !ast.IsGenerated(af) {
		t.Errorf("%s: %s: ast.IsGenerated is false", name, file.Path)
	}
	for _, d := range decls(af, derivedDecls) {
		if d == "func init" || !own[d] {
			t.Errorf("%s: %s declares %s, which errgen does not", name, file.Path, d)
		}
	}
	var s scanner.Scanner
	tf := fset.AddFile(file.Path, -1, len(file.Bytes()))
	s.Init(tf, file.Bytes(), func(pos token.Position, msg string) {
		t.Errorf("%s: %s: %s", name, pos, msg)
	}, scanner.ScanComments)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.IDENT && strings.Contains(strings.ToLower(lit), marker) && !derived[lit] {
			t.Errorf("%s: %s: spec text outside comments and strings: %s", name, fset.Position(pos), lit)
		}
	}
}

// firstLines is s cut to its first few lines.
func firstLines(s string) string {
	lines := strings.SplitN(s, "\n", 11)
	if len(lines) > 10 {
		lines[10] = "... (" + strconv.Itoa(strings.Count(s, "\n")) + " lines)"
	}
	return strings.Join(lines, "\n")
}
