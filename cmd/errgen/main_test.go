package main

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"errgen": main})
}

// TestScripts runs the scripts in testdata/script. Each starts with the
// specs of testdata/specs copied into $WORK/spec and has these commands
// besides testscript's own:
//
//	status N prog [args...]  run prog and require exit status N
//	edit file old new        replace the first old in file with new
//	backdate file...         set the files' modification time to 2001-02-03
//	[!] backdated file...    require that the files still have that time
//	waitfile file            wait until file exists (a paused errgen writes it)
//	signal SIG file          send SIG (INT, TERM or KILL) to the process whose
//	                         ID file holds
//	[!] temps dir            require that dir holds some (no) errgen temporary file
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:   "testdata/script",
		Setup: copySpecs,
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"status":    cmdStatus,
			"edit":      cmdEdit,
			"backdate":  cmdBackdate,
			"backdated": cmdBackdated,
			"waitfile":  cmdWaitfile,
			"signal":    cmdSignal,
			"temps":     cmdTemps,
		},
	})
}

// copySpecs copies testdata/specs/*.toml into the script's spec directory.
func copySpecs(env *testscript.Env) error {
	paths, err := filepath.Glob(filepath.Join("testdata", "specs", "*.toml"))
	if err != nil || len(paths) == 0 {
		return errors.New("no specs in testdata/specs")
	}
	dir := filepath.Join(env.WorkDir, "spec")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(p)), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N prog [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status %q is not a number", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

func cmdEdit(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: edit file old new")
	}
	name := ts.MkAbs(args[0])
	data, err := os.ReadFile(name)
	ts.Check(err)
	if !strings.Contains(string(data), args[1]) {
		ts.Fatalf("%s does not contain %q", args[0], args[1])
	}
	ts.Check(os.WriteFile(name, []byte(strings.Replace(string(data), args[1], args[2], 1)), 0o644))
}

// past is the time backdate sets; no write during a test can produce it.
var past = time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)

func cmdBackdate(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: backdate file...")
	}
	for _, a := range args {
		ts.Check(os.Chtimes(ts.MkAbs(a), past, past))
	}
}

func cmdBackdated(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: [!] backdated file...")
	}
	for _, a := range args {
		fi, err := os.Stat(ts.MkAbs(a))
		ts.Check(err)
		if kept := fi.ModTime().Equal(past); kept == neg {
			ts.Fatalf("%s: modification time %v (backdated = %v)", a, fi.ModTime(), kept)
		}
	}
}

// maxWait bounds waitfile, so that an errgen that exits before it pauses
// fails the script instead of hanging it.
const maxWait = 2 * time.Minute

func cmdWaitfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfile file")
	}
	name := ts.MkAbs(args[0])
	for start := time.Now(); ; time.Sleep(5 * time.Millisecond) {
		if _, err := os.Stat(name); err == nil {
			return
		}
		if time.Since(start) > maxWait {
			ts.Fatalf("%s did not appear (did errgen reach its pause point?)", args[0])
		}
	}
}

func cmdSignal(ts *testscript.TestScript, neg bool, args []string) {
	sigs := map[string]os.Signal{"INT": os.Interrupt, "TERM": syscall.SIGTERM, "KILL": os.Kill}
	sig, ok := sigs[args[0]]
	if neg || len(args) != 2 || !ok {
		ts.Fatalf("usage: signal INT|TERM|KILL pidfile")
	}
	data, err := os.ReadFile(ts.MkAbs(args[1]))
	ts.Check(err)
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		ts.Fatalf("%s: %s", args[1], data) // errgen did not pause, and says why
	}
	p, err := os.FindProcess(pid)
	ts.Check(err)
	ts.Check(p.Signal(sig))
}

func cmdTemps(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: [!] temps dir")
	}
	var temps []string
	err := filepath.WalkDir(ts.MkAbs(args[0]), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".") && strings.Contains(d.Name(), ".tmp") {
			temps = append(temps, p)
		}
		return err
	})
	ts.Check(err)
	if (len(temps) > 0) == neg {
		ts.Fatalf("temporary files: %q", temps)
	}
}
