package generate

import (
	"context"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

var testFiles = []File{
	{Path: "a/errors.go", Data: []byte("package a\n")},
	{Path: "a/doc.go", Data: []byte("// Package a.\npackage a\n")},
	{Path: "b/errors.go", Data: []byte("package b\n")},
}

// old is a modification time no write during the test can produce.
var old = time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)

func TestWriteCreatesAndKeepsUnchangedFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	changed, err := Write(dir, testFiles)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a/errors.go", "a/doc.go", "b/errors.go"}; !slices.Equal(changed, want) {
		t.Fatalf("first Write changed %q, want %q", changed, want)
	}
	for _, f := range testFiles {
		p := filepath.Join(dir, f.Path)
		if got := readFile(t, p); got != string(f.Bytes()) {
			t.Errorf("%s = %q, want %q", p, got, f.Bytes())
		}
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, %v; want -rw-r--r--", p, fi.Mode(), err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}

	files := slices.Clone(testFiles)
	files[1] = File{Path: "a/doc.go", Data: []byte("// Package a does a.\npackage a\n")}
	changed, err = Write(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a/doc.go"}; !slices.Equal(changed, want) {
		t.Fatalf("second Write changed %q, want %q", changed, want)
	}
	for _, f := range files {
		p := filepath.Join(dir, f.Path)
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if kept := fi.ModTime().Equal(old); kept != (f.Path != "a/doc.go") {
			t.Errorf("%s: mtime %v after rewrite (kept = %v)", p, fi.ModTime(), kept)
		}
		if got := readFile(t, p); got != string(f.Bytes()) {
			t.Errorf("%s = %q, want %q", p, got, f.Bytes())
		}
	}
	assertNoTemp(t, dir)
}

func TestWriteFailureWritesNothing(t *testing.T) {
	dir := t.TempDir()
	// b is a regular file, so nothing can be written under b/, even by root.
	if err := os.WriteFile(filepath.Join(dir, "b"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	changed, err := Write(dir, testFiles)
	if err == nil {
		t.Fatal("Write succeeded with b a regular file")
	}
	if want := "cannot write " + filepath.Join(dir, "b", "errors.go") + ": "; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q does not start with %q", err, want)
	}
	if len(changed) != 0 {
		t.Errorf("changed = %q, want none", changed)
	}
	if _, err := os.Stat(filepath.Join(dir, "a", "errors.go")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a/errors.go written although b/errors.go failed (stat: %v)", err)
	}
	assertNoTemp(t, dir)
}

func TestWriteReadOnlyDir(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(dir, testFiles[:1]); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "a")
	if err := os.Chmod(sub, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(sub, 0o755) })
	if f, err := os.CreateTemp(sub, "probe"); err == nil {
		f.Close()
		os.Remove(f.Name())
		t.Skip("a read-only directory is writable here (running as root?)")
	}
	files := []File{{Path: "a/errors.go", Data: []byte("package a // changed\n")}}
	_, err := Write(dir, files)
	want := "cannot write " + filepath.Join(sub, "errors.go") + ": permission denied"
	if err == nil || err.Error() != want {
		t.Fatalf("Write into a read-only directory: error %v, want %q", err, want)
	}
	if got := readFile(t, filepath.Join(sub, "errors.go")); got != "package a\n" {
		t.Errorf("errors.go = %q after a failed write", got)
	}
	assertNoTemp(t, dir)
}

func TestWriteRejectsPathOutsideDir(t *testing.T) {
	dir := t.TempDir()
	_, err := Write(filepath.Join(dir, "out"), []File{{Path: "../escape.go", Data: []byte("x")}})
	if err == nil || !strings.Contains(err.Error(), `"../escape.go" is not inside the output directory`) {
		t.Fatalf("error = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "escape.go")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("escape.go written (stat: %v)", err)
	}
}

// TestWriteInterrupted cancels a write at each of its pause points: before
// the renames nothing changes and no temporary file is left; once they have
// started they are all done.
func TestWriteInterrupted(t *testing.T) {
	changedFiles := []File{
		{Path: "a/errors.go", Data: []byte("package a // new\n")},
		{Path: "a/doc.go", Data: []byte("// Package a is new.\npackage a\n")},
		{Path: "b/errors.go", Data: []byte("package b // new\n")},
	}
	for _, step := range []string{"write", "rename"} {
		for at := range changedFiles {
			t.Run(step+strconv.Itoa(at), func(t *testing.T) {
				dir := t.TempDir()
				if _, err := Write(dir, testFiles); err != nil {
					t.Fatal(err)
				}
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				temps := 0
				pause := func(s string, i int) {
					if s == step && i == at {
						temps = countTemps(t, dir)
						cancel()
					}
				}
				changed, err := WriteContext(ctx, dir, changedFiles, WriteOptions{Pause: pause})
				want := testFiles
				if step == "write" {
					if temps != at {
						t.Errorf("%d temporary files when paused, want %d", temps, at)
					}
					if !errors.Is(err, ErrInterrupted) || len(changed) != 0 {
						t.Fatalf("WriteContext = %q, %v; want ErrInterrupted", changed, err)
					}
				} else {
					if temps != len(changedFiles)-at {
						t.Errorf("%d temporary files when paused, want %d", temps, len(changedFiles)-at)
					}
					if err != nil || len(changed) != len(changedFiles) {
						t.Fatalf("WriteContext = %q, %v; want every file written", changed, err)
					}
					want = changedFiles
				}
				for _, f := range want {
					if got := readFile(t, filepath.Join(dir, f.Path)); got != string(f.Bytes()) {
						t.Errorf("%s = %q, want %q", f.Path, got, f.Bytes())
					}
				}
				assertNoTemp(t, dir)
			})
		}
	}
}

func TestWriteCancelledBefore(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	changed, err := WriteContext(ctx, dir, testFiles, WriteOptions{})
	if !errors.Is(err, ErrInterrupted) || len(changed) != 0 {
		t.Fatalf("WriteContext with a done context = %q, %v; want ErrInterrupted", changed, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("WriteContext with a done context wrote %v", entries)
	}

	// Interrupted in its first run, a write removes the directories it
	// created, the output directory included.
	out := filepath.Join(dir, "out", "sub")
	ctx, cancel = context.WithCancel(context.Background())
	pause := func(step string, i int) {
		if step == "write" && i == 2 {
			cancel()
		}
	}
	if _, err := WriteContext(ctx, out, testFiles, WriteOptions{Pause: pause}); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("WriteContext = %v, want ErrInterrupted", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("an interrupted first write left %v", entries)
	}
}

// TestWriteRemovesOldTemps checks that temporary files a killed run left
// in the directories Write writes to are removed, and nothing else.
func TestWriteRemovesOldTemps(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(dir, testFiles); err != nil {
		t.Fatal(err)
	}
	left := []string{"a/.errors.go.tmp123", "a/.wire.go.tmp4", "b/.ERRORS.md.tmp99"}
	kept := []string{"a/.tmp1", "a/errors.go.tmp1", "a/.x.tmp", "a/.x.tmp1a", "c/.errors.go.tmp5"}
	for _, p := range append(left, kept...) {
		writeFile(t, filepath.Join(dir, p), nil)
	}
	if _, err := Write(dir, testFiles); err != nil { // nothing changes
		t.Fatal(err)
	}
	for _, p := range left {
		if _, err := os.Stat(filepath.Join(dir, p)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s not removed (stat: %v)", p, err)
		}
	}
	for _, p := range kept {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("%s removed: %v", p, err)
		}
	}
}

func countTemps(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && isTemp(d.Name()) {
			n++
		}
		return nil
	})
	return n
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	if d := Check(dir, testFiles); len(d) != 3 || !d[0].Missing || !d[1].Missing || !d[2].Missing {
		t.Fatalf("Check on an empty dir = %v, want three missing files", d)
	}
	if _, err := Write(dir, testFiles); err != nil {
		t.Fatal(err)
	}
	if d := Check(dir, testFiles); len(d) != 0 {
		t.Fatalf("Check right after Write = %v, want none", d)
	}

	// A hand edit, and a file removed.
	p := filepath.Join(dir, "a", "doc.go")
	if err := os.WriteFile(p, []byte("// Package a, edited.\npackage a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "b", "errors.go")); err != nil {
		t.Fatal(err)
	}
	d := Check(dir, testFiles)
	if len(d) != 2 {
		t.Fatalf("Check = %v, want a/doc.go stale and b/errors.go missing", d)
	}
	if d[0].Path != "a/doc.go" || d[0].Problem() != "stale" || d[1].Path != "b/errors.go" || d[1].Problem() != "missing" {
		t.Errorf("Check = %+v, %+v", d[0], d[1])
	}
	name := filepath.ToSlash(p)
	wantDiff := "--- " + name + " (on disk)\n+++ " + name + " (generated)\n" +
		"@@ -1,2 +1,2 @@\n-// Package a, edited.\n+// Package a.\n package a\n"
	if d[0].Diff != wantDiff {
		t.Errorf("diff:\n%s\nwant:\n%s", d[0].Diff, wantDiff)
	}
	if got := readFile(t, p); got != "// Package a, edited.\npackage a\n" {
		t.Errorf("Check changed %s: %q", p, got)
	}
}

func TestUnifiedDiff(t *testing.T) {
	lines := func(n int, change map[int]string) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			if s, ok := change[i]; ok {
				b.WriteString(s)
				continue
			}
			b.WriteString("line " + strings.Repeat("x", i%3) + string(rune('a'+i%26)) + "\n")
		}
		return b.String()
	}
	base := lines(30, nil)
	tests := []struct {
		name, a, b, want string
	}{
		{"equal", base, base, ""},
		{"one line in the middle", base, lines(30, map[int]string{15: "new\n"}), `@@ -12,7 +12,7 @@
 line m
 line xn
 line xxo
-line p
+new
 line xq
 line xxr
 line s
`},
		{"two hunks", base, lines(30, map[int]string{2: "", 28: "x\ny\n"}), `@@ -1,5 +1,4 @@
 line xb
-line xxc
 line d
 line xe
 line xxf
@@ -25,6 +24,7 @@
 line xz
 line xxa
 line b
-line xc
+x
+y
 line xxd
 line e
`},
		{"close changes share a hunk", base, lines(30, map[int]string{10: "", 16: ""}), `@@ -7,13 +7,11 @@
 line xh
 line xxi
 line j
-line xk
 line xxl
 line m
 line xn
 line xxo
 line p
-line xq
 line xxr
 line s
 line xt
`},
		{"newline at end", "a\nb", "a\nb\n", `@@ -1,2 +1,2 @@
 a
-b
\ No newline at end of file
+b
`},
		{"from empty", "", "a\n", "@@ -0,0 +1 @@\n+a\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := unifiedDiff("old", "new", []byte(tt.a), []byte(tt.b), 100)
			if tt.want != "" {
				tt.want = "--- old\n+++ new\n" + tt.want
			}
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			if tt.want != "" {
				if applied := applyDiff(t, tt.a, got); applied != tt.b {
					t.Errorf("applying the diff gives %q, want %q", applied, tt.b)
				}
			}
		})
	}
}

func TestUnifiedDiffApplies(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	random := func() string {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(string(rune('a'+r.IntN(4))) + "\n")
		}
		if r.IntN(4) == 0 {
			b.WriteString("end")
		}
		return b.String()
	}
	for range 500 {
		a, b := random(), random()
		d := unifiedDiff("old", "new", []byte(a), []byte(b), 1000)
		if (d == "") != (a == b) {
			t.Fatalf("diff of %q and %q = %q", a, b, d)
		}
		if d != "" {
			if got := applyDiff(t, a, d); got != b {
				t.Fatalf("applying\n%s\nto %q gives %q, want %q", d, a, got, b)
			}
		}
	}
}

func TestUnifiedDiffIsCut(t *testing.T) {
	a := strings.Repeat("a\n", 100)
	b := strings.Repeat("b\n", 100)
	got := unifiedDiff("old", "new", []byte(a), []byte(b), 40)
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(lines) != 43 {
		t.Fatalf("got %d lines, want 2 header lines, 40 diff lines and a note", len(lines))
	}
	if last := lines[len(lines)-1]; last != "... (161 more lines)" {
		t.Errorf("last line = %q", last)
	}
}

// applyDiff applies a unified diff made by unifiedDiff to a.
func applyDiff(t *testing.T, a, diff string) string {
	t.Helper()
	src := splitLines(a)
	var out []string
	next := 0 // index in src of the next line not yet copied
	lines := splitLines(diff)[2:]
	for k := 0; k < len(lines); k++ {
		l := lines[k]
		switch {
		case strings.HasPrefix(l, "@@"):
			// "-S,C": an empty range (C = 0) names the line before it.
			from, count, found := strings.Cut(strings.Fields(l)[1][1:], ",")
			start, _ := strconv.Atoi(from)
			if !found || count != "0" {
				start--
			}
			out = append(out, src[next:start]...)
			next = start
		case l[0] == ' ' || l[0] == '-':
			if src[next] != noNewline(lines, k) {
				t.Fatalf("diff line %q does not match %q", l, src[next])
			}
			if l[0] == ' ' {
				out = append(out, src[next])
			}
			next++
		case l[0] == '+':
			out = append(out, noNewline(lines, k))
		}
	}
	return strings.Join(append(out, src[next:]...), "")
}

// noNewline returns lines[k] without its first byte, and without its
// newline when the next line says there is none.
func noNewline(lines []string, k int) string {
	if k+1 < len(lines) && lines[k+1] == "\\ No newline at end of file\n" {
		return strings.TrimSuffix(lines[k][1:], "\n")
	}
	return lines[k][1:]
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// assertNoTemp fails when a temporary file is left anywhere under dir.
func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", p)
		}
		return nil
	})
}

// TestWriteParts writes and checks files whose contents are in parts, as
// the runtime files and errors.go are: the whole contents are written, an
// unchanged file is left alone, and a difference in a later part alone is
// drift.
func TestWriteParts(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	tail := []byte("\nfunc F() {}\n")
	files := []File{{Path: "a/runtime.go", Data: []byte("package a\n"), More: [][]byte{tail}}}
	if _, err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "a", "runtime.go")
	if got, want := readFile(t, p), "package a\n\nfunc F() {}\n"; got != want {
		t.Fatalf("runtime.go = %q, want %q", got, want)
	}
	if changed, err := Write(dir, files); err != nil || len(changed) != 0 {
		t.Errorf("second Write changed %q, %v; want nothing", changed, err)
	}
	if drift := Check(dir, files); len(drift) != 0 {
		t.Errorf("Check = %+v, want no drift", drift)
	}
	files[0].More = [][]byte{[]byte("\nfunc "), []byte("G() {}\n")}
	drift := Check(dir, files)
	if len(drift) != 1 || !strings.Contains(drift[0].Diff, "+func G() {}") {
		t.Errorf("Check after the tail changed = %+v, want one drift adding func G", drift)
	}
	if string(tail) != "\nfunc F() {}\n" {
		t.Errorf("the tail was modified: %q", tail)
	}
}

func TestFileEqual(t *testing.T) {
	f := File{Data: []byte("ab"), More: [][]byte{[]byte("c"), nil, []byte("de")}}
	for _, c := range []struct {
		b    string
		want bool
	}{{"abcde", true}, {"abcd", false}, {"abcdef", false}, {"abdce", false}, {"xbcde", false}, {"abcdx", false}, {"", false}} {
		if got := f.Equal([]byte(c.b)); got != c.want {
			t.Errorf("Equal(%q) = %v, want %v", c.b, got, c.want)
		}
	}
	if got := string(f.Bytes()); got != "abcde" || f.Len() != 5 {
		t.Errorf("Bytes() = %q, Len() = %d; want %q, 5", got, f.Len(), "abcde")
	}
	if !(File{Data: []byte("ab")}).Equal([]byte("ab")) {
		t.Error("a file without a tail is not equal to its data")
	}
}
