package specdiff

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/errgen/errgen/internal/decode"
	"github.com/errgen/errgen/internal/model"
	"github.com/errgen/errgen/internal/spec"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the stdout and exit sections of testdata/*.txtar")

// TestCases runs the cases of testdata/*.txtar. Each holds old.toml and
// new.toml, the report errgen diff prints (stdout) and its exit status
// (exit: 1 when a change is incompatible, else 0). Run with -update to
// rewrite stdout and exit.
func TestCases(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test cases: %v", err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			sections := map[string][]byte{}
			for _, f := range ar.Files {
				sections[f.Name] = f.Data
			}
			old := build(t, "old.toml", sections["old.toml"])
			new := build(t, "new.toml", sections["new.toml"])
			r := Compare(old, new)
			var stdout bytes.Buffer
			if err := r.Write(&stdout); err != nil {
				t.Fatal(err)
			}
			exit := 0
			if r.Breaking() {
				exit = 1
			}
			got := map[string][]byte{"stdout": stdout.Bytes(), "exit": []byte(strconv.Itoa(exit) + "\n")}
			if *update {
				var files []txtar.File
				for _, f := range ar.Files {
					if f.Name == "old.toml" || f.Name == "new.toml" {
						files = append(files, f)
					}
				}
				files = append(files, txtar.File{Name: "stdout", Data: got["stdout"]}, txtar.File{Name: "exit", Data: got["exit"]})
				ar.Files = files
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{"stdout", "exit"} {
				want, ok := sections[name]
				if !ok {
					t.Fatalf("no %s section (run with -update)", name)
				}
				if !bytes.Equal(got[name], want) {
					t.Errorf("%s:\n%s\nwant:\n%s", name, got[name], want)
				}
			}
		})
	}
}

func build(t *testing.T, name string, data []byte) *model.Package {
	t.Helper()
	if data == nil {
		t.Fatalf("no %s section", name)
	}
	f, err := spec.Parse(name, data)
	if err != nil {
		t.Fatalf("%v", err)
	}
	p, err := model.Build(f)
	if err != nil {
		t.Fatalf("%v", err)
	}
	return p
}

// TestRenames covers renames that specs cannot spell today (a code's or
// field's Go name follows from its wire name), by editing models.
func TestRenames(t *testing.T) {
	field := func(wire, goName string, k *decode.Kind) *model.Field {
		return &model.Field{Wire: wire, GoName: goName, Kind: k, GoType: k.GoType}
	}
	rule := &decode.Code{Value: "rate_limited", Status: 429, Statuses: []int{429}, Named: 1, Retryable: true}
	old := &model.Package{Name: "a", Codes: []*model.Code{{
		Rule: rule, Value: "rate_limited", Const: "CodeRateLimited", Err: "ErrRateLimited", Details: "RateLimitedDetails",
		Status: 429, Retryable: true, Fields: []*model.Field{field("limit", "Limit", decode.KindNamed("int"))},
	}}}
	new := &model.Package{Name: "a", Codes: []*model.Code{{
		Rule: rule, Value: "rate_limited", Const: "CodeThrottled", Err: "ErrThrottled", Details: "ThrottledDetails",
		Status: 429, Retryable: true, Fields: []*model.Field{field("limit", "Max", decode.KindNamed("int64"))},
	}}}
	var b bytes.Buffer
	r := Compare(old, new)
	if err := r.Write(&b); err != nil {
		t.Fatal(err)
	}
	want := `Incompatible changes:
- CodeRateLimited: renamed to CodeThrottled (code "rate_limited")
- ErrRateLimited: renamed to ErrThrottled (code "rate_limited")
- RateLimitedDetails: renamed to ThrottledDetails (the details of code "rate_limited")
- RateLimitedDetails.Limit: renamed to Max (field "limit")
- RateLimitedDetails.Limit: type changed from int to int64 (field "limit")
`
	if b.String() != want || !r.Breaking() {
		t.Errorf("report (breaking %v):\n%s\nwant:\n%s", r.Breaking(), b.String(), want)
	}
	if r := Compare(old, old); len(r.Changes) != 0 || r.Breaking() {
		t.Errorf("Compare(old, old) = %+v", r)
	}
}

// TestRenamedIdentifiers covers the renames of named types, families,
// placeholders and headers, whose Go names follow from their spec names
// and so cannot be renamed in a spec alone, by editing models.
func TestRenamedIdentifiers(t *testing.T) {
	pkg := func(typ, family, capture, header string) *model.Package {
		return &model.Package{
			Name:        "a",
			Types:       []*model.Type{{Type: &decode.Type{Name: "issue"}, GoName: typ}},
			Families:    []*model.Family{{Name: "card_error", Const: family}},
			Captures:    []*model.Capture{{Name: "user_id", GoName: capture}},
			InfoHeaders: []*model.InfoHeader{{Name: "X-RateLimit-", Prefix: true, Const: header}},
		}
	}
	old := pkg("Issue", "FamilyCardError", "UserID", "HeaderXRateLimit")
	new := pkg("ValidationIssue", "FamilyCard", "UserId", "HeaderXRatelimit")
	var b bytes.Buffer
	r := Compare(old, new)
	if err := r.Write(&b); err != nil {
		t.Fatal(err)
	}
	want := `Incompatible changes:
- Error.UserID: renamed to UserId (placeholder {user_id})
- HeaderXRateLimit: renamed to HeaderXRatelimit (header "X-RateLimit-*")
- Issue: renamed to ValidationIssue (type "issue")
- FamilyCardError: renamed to FamilyCard (family "card_error")
`
	if b.String() != want || !r.Breaking() {
		t.Errorf("report (breaking %v):\n%s\nwant:\n%s", r.Breaking(), b.String(), want)
	}
	if r := Compare(new, new); len(r.Changes) != 0 {
		t.Errorf("Compare(new, new) = %+v", r)
	}
}
