package model

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/errgen/errgen/internal/runtime"
)

// TestValueName checks the examples of ValueName's documentation.
func TestValueName(t *testing.T) {
	for in, want := range map[string]string{
		"insufficient_funds": "InsufficientFunds",
		"SERVICE_DISABLED":   "ServiceDisabled",
		"API_KEY_INVALID":    "APIKeyInvalid",
		"3ds_required":       "3dsRequired",
		"card-expired":       "CardExpired",
		"notAllowed":         "NotAllowed",
		"404":                "404",
	} {
		if got := ValueName(in); got != want {
			t.Errorf("ValueName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGoName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"missing_api_key", "MissingAPIKey"},
		{"limitKey", "LimitKey"},
		{"retry_after_seconds", "RetryAfterSeconds"},
		{"requestId", "RequestID"},
		{"rate_limited", "RateLimited"},
		{"rate-limited", "RateLimited"},
		{"rate.limited", "RateLimited"},
		{"RateLimited", "RateLimited"},
		{"HTTPStatus", "HTTPStatus"},
		{"httpStatus", "HTTPStatus"},
		{"jwt_expired", "JWTExpired"},
		{"user_id", "UserID"},
		{"callback_url", "CallbackURL"},
		{"X-Credits-Remaining", "XCreditsRemaining"},
		{"X-RateLimit-", "XRateLimit"},
		{"v1Api", "V1API"},
		{"404", "404"},
		{"type", "Type"},
		{"error", "Error"},
		{"a", "A"},
		{"__x__", "X"},
		{"", ""},
		{"---", ""},
		{"日本", ""},
	}
	for _, tt := range tests {
		if got := GoName(tt.in); got != tt.want {
			t.Errorf("GoName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSlashPath checks that a spec is named from its module's root however
// the path is spelled and wherever errgen runs, and from the working
// directory when no go.mod is above it.
func TestSlashPath(t *testing.T) {
	tmp := t.TempDir()
	if _, ok := moduleRoot(tmp); ok {
		t.Skip("the temporary directory is inside a module")
	}
	mod := filepath.Join(tmp, "mod")
	for _, name := range []string{"go.mod", "acme/errors.toml", "acme/sub/go.mod", "acme/sub/x.toml", "acme/go.mod.d/y.toml"} {
		writeFile(t, filepath.Join(mod, filepath.FromSlash(name)))
	}
	writeFile(t, filepath.Join(tmp, "loose", "z.toml"))
	writeFile(t, filepath.Join(tmp, "loose", "go.mod", "keep")) // a directory named go.mod is no module

	tests := []struct{ wd, in, want string }{
		// The same spec named five ways from three directories.
		{mod, "acme/errors.toml", "acme/errors.toml"},
		{mod, "./acme//x/../errors.toml", "acme/errors.toml"},
		{filepath.Join(mod, "acme"), "errors.toml", "acme/errors.toml"},
		{filepath.Join(mod, "acme", "sub"), "../errors.toml", "acme/errors.toml"},
		{tmp, filepath.Join(mod, "acme", "errors.toml"), "acme/errors.toml"},
		// The nearest go.mod wins.
		{mod, "acme/sub/x.toml", "x.toml"},
		{mod, "acme/go.mod.d/y.toml", "acme/go.mod.d/y.toml"},
		// No module: relative to the working directory.
		{tmp, "loose/z.toml", "loose/z.toml"},
		{tmp, "./loose/../loose/z.toml", "loose/z.toml"},
		{filepath.Join(tmp, "loose", "go.mod"), "../z.toml", "../z.toml"},
		{mod, filepath.Join(tmp, "loose", "z.toml"), "../loose/z.toml"},
	}
	for _, tt := range tests {
		t.Run("", func(t *testing.T) {
			t.Chdir(tt.wd)
			if got := slashPath(tt.in); got != tt.want {
				rel, _ := filepath.Rel(tmp, tt.wd)
				t.Errorf("in $TMP/%s: slashPath(%q) = %q, want %q", filepath.ToSlash(rel), tt.in, got, tt.want)
			}
		})
	}
}

func writeFile(t *testing.T, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, nil, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFixedIdentifiers checks that fixedIdentifiers holds every exported
// top-level name of the runtime's sources, which every generated package
// carries, so that a spec name that would clash with one is an error, not
// a package that does not compile.
func TestFixedIdentifiers(t *testing.T) {
	for name, src := range map[string][]byte{"runtime.go": runtime.Source, "conformance_test.go": runtime.ConformanceSource} {
		f, err := parser.ParseFile(token.NewFileSet(), name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			var names []*ast.Ident
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					names = append(names, d.Name)
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.TypeSpec:
						names = append(names, sp.Name)
					case *ast.ValueSpec:
						names = append(names, sp.Names...)
					}
				}
			}
			for _, id := range names {
				if id.IsExported() && !slices.Contains(fixedIdentifiers, id.Name) {
					t.Errorf("%s declares %s, which fixedIdentifiers lacks", name, id.Name)
				}
			}
		}
	}
}
