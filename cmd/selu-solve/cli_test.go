package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The tests in this file run selu-solve as a separate process: the test
// binary re-executes itself with cliEnv set and then behaves as the
// command. A panic anywhere (in any goroutine) then shows as what a user
// would see: a stack trace on stderr and exit status 2. Every case asserts
// the exit status, a stderr of at most one line, and no trace.
const cliEnv = "SELU_SOLVE_TEST_AS_COMMAND"

func TestMain(m *testing.M) {
	if os.Getenv(cliEnv) != "" {
		main()
		return
	}
	os.Exit(m.Run())
}

// cliResult is what one run of the command produced.
type cliResult struct {
	code           int
	stdout, stderr string
	maxRSS         int64 // kilobytes, from getrusage
	elapsed        time.Duration
}

// runCLI runs selu-solve with args in dir, killing it after limit.
func runCLI(t *testing.T, dir string, limit time.Duration, args ...string) cliResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), cliEnv+"=1")
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := cliResult{stdout: out.String(), stderr: errb.String(), elapsed: time.Since(start)}
	if ctx.Err() != nil {
		t.Errorf("%.200q: still running after %v (killed)", args, limit)
		r.code = -1
		return r
	}
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("%q: %v", args, err)
		}
		r.code = ee.ExitCode()
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss
	}
	return r
}

// A cliCase is one command line and what must come of it.
type cliCase struct {
	args   []string
	codes  []int    // acceptable exit statuses (one, unless the answer is not the point)
	stderr string   // substring of the one-line error ("" when no error is expected)
	lacks  []string // strings that must not appear on stdout or stderr
	stdout string   // substring of stdout
	limit  time.Duration
	maxRSS int64 // kilobytes; 0: no check
	json   bool  // stdout must be valid JSON

	noStdout bool // nothing may be written to stdout (no partial success)
}

// check runs c and reports every way it misbehaves.
func (c cliCase) check(t *testing.T, dir string) {
	t.Helper()
	shown := make([]string, len(c.args))
	for i, a := range c.args {
		shown[i] = a
		if len(a) > 60 {
			shown[i] = a[:20] + fmt.Sprintf("…(%d bytes)", len(a))
		}
	}

	limit := c.limit
	if limit == 0 {
		limit = 60 * time.Second
	}
	r := runCLI(t, dir, limit, c.args...)
	if r.code < 0 {
		return
	}
	ok := false
	for _, code := range c.codes {
		ok = ok || r.code == code
	}
	if !ok {
		t.Errorf("%q: exit %d, want one of %v (stderr %q)", shown, r.code, c.codes, short(r.stderr))
	}
	for _, bad := range []string{"goroutine ", "panic:", "fatal error:", "runtime error"} {
		if strings.Contains(r.stderr, bad) || strings.Contains(r.stdout, bad) {
			first, _, _ := strings.Cut(strings.TrimSpace(r.stderr), "\n")
			t.Errorf("%q: crashed (%q in the output, exit %d): %s", shown, bad, r.code, first)
			return
		}
	}
	if n := strings.Count(r.stderr, "\n"); n > 1 || (r.stderr != "" && !strings.HasSuffix(r.stderr, "\n")) {
		t.Errorf("%q: stderr has %d lines, want at most one: %s", shown, n, short(r.stderr))
	}
	if r.stderr != "" && !strings.HasPrefix(r.stderr, "selu-solve: ") {
		t.Errorf("%q: stderr does not start with the command's name: %s", shown, short(r.stderr))
	}
	if len(r.stderr) > 600 {
		t.Errorf("%q: a %d-byte error line; it should say what is wrong briefly", shown, len(r.stderr))
	}
	if c.stderr != "" && !strings.Contains(r.stderr, c.stderr) {
		t.Errorf("%q: stderr %q lacks %q", shown, short(r.stderr), c.stderr)
	}
	if c.stdout != "" && !strings.Contains(r.stdout, c.stdout) {
		t.Errorf("%q: stdout lacks %q:\n%s", shown, c.stdout, short(r.stdout))
	}
	for _, s := range c.lacks {
		if strings.Contains(r.stdout, s) || strings.Contains(r.stderr, s) {
			t.Errorf("%q: output contains %q:\n%s%s", shown, s, short(r.stdout), short(r.stderr))
		}
	}
	if c.noStdout && r.stdout != "" {
		t.Errorf("%q: wrote %d bytes to stdout, want none", shown, len(r.stdout))
	}
	if c.json {
		var v any
		if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
			t.Errorf("%q: stdout is not JSON: %v\n%s", shown, err, short(r.stdout))
		}
	}
	if c.maxRSS > 0 && r.maxRSS > c.maxRSS {
		t.Errorf("%q: used %d MB of memory, want at most %d MB", shown, r.maxRSS>>10, c.maxRSS>>10)
	}
}

func short(s string) string {
	if len(s) > 400 {
		return s[:400] + "…"
	}
	return s
}

func codes(c ...int) []int { return c }

// writeFile makes a file in dir and returns its name.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCLIHostileInputs holds every case of the reliability review of the
// command line: crashes, unbounded memory and time, wrong or misleading
// output, and files. Cases whose fix lies in the library packages are
// marked with the package.
func TestCLIHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command about 70 times")
	}
	dir := t.TempDir()
	long := writeFile(t, dir, "long.csv", bytes.Repeat([]byte("1.5,"), 3<<20/4))                              // one 3 MB line
	quote := writeFile(t, dir, "quote.csv", append([]byte("1,2\n3,\""), bytes.Repeat([]byte("7"), 2<<20)...)) // an unterminated quote
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	const mb = 1 << 10 // getrusage reports kilobytes
	nan := []string{"NaN", "would attract"}
	for _, c := range []cliCase{
		// Crashes in the solver (package solver).
		{args: []string{"--omega", "5"}, codes: codes(0, 2)},
		{args: []string{"--omega", "10"}, codes: codes(0, 2)},
		{args: []string{"--omega", "-1e20"}, codes: codes(0, 2)},
		{args: []string{"--mean", "0.5", "--omega", "1", "--tau", "1e-5"}, codes: codes(0, 2)},
		{args: []string{"--omega", "0.5", "--tau", "1e-5", "--mean", "-0.1", "--var", "2.5"}, codes: codes(0, 2)},
		{args: []string{"--mean", "-3", "--var", "1", "--omega", "10", "--tau", "0.5", "--digits", "5"}, codes: codes(0, 2)},
		{args: []string{"--mean", "-3", "--var", "1", "--omega", "10", "--tau", "0.5", "--digits", "5", "--json"}, codes: codes(0, 2)},

		// Unbounded memory or time.
		{args: []string{"mc", "--input", "/dev/zero", "--width", "16"}, codes: codes(2), stderr: "longer than 1024 bytes", maxRSS: 200 * mb, limit: 20 * time.Second},
		{args: []string{"mc", "--input", long, "--width", "16"}, codes: codes(2), stderr: "more than 65536 fields", maxRSS: 200 * mb, limit: 20 * time.Second},
		{args: []string{"mc", "--input", quote, "--width", "16"}, codes: codes(2), stderr: "longer than 1024 bytes", maxRSS: 200 * mb, limit: 20 * time.Second},
		{args: []string{"mc", "--width", "8192", "--depth", "10000", "--batch", "1"}, codes: codes(2), stderr: "--max-work", limit: 10 * time.Second},
		{args: []string{"mc", "--width", "16384", "--batch", "16384", "--dtype", "float64"}, codes: codes(2), stderr: "the run", limit: 10 * time.Second, maxRSS: 200 * mb},
		// (package sweep / the sweep command)
		{args: []string{"sweep", "--mean", "-0.5:0.499:0.001", "--var", "1:1.999:0.001", "--digits", "10000"}, codes: codes(2), limit: 20 * time.Second, maxRSS: 500 * mb},
		// (package verify / the verify command)
		{args: []string{"verify", "--lambda", "1e300", "--alpha", "1e300", "--mu-range", "-1:1", "--nu-range", "0.5:2"}, codes: codes(1, 2), limit: 10 * time.Second, maxRSS: 300 * mb},

		// Wrong or misleading output.
		{args: []string{"map", "--var", "5e-324"}, codes: codes(0, 2), lacks: nan},
		{args: []string{"map", "--lambda", "1e300", "--alpha", "1e300", "--var", "1e300"}, codes: codes(0, 2), lacks: nan},
		{args: []string{"map", "--lambda", "1e300", "--alpha", "1e300", "--var", "1e300", "--json"}, codes: codes(0), lacks: []string{"NaN", "unsupported value"}, json: true},
		{args: []string{"map", "--var", "5e-324", "--json"}, codes: codes(0), lacks: []string{"NaN", "unsupported value"}, json: true},
		{args: []string{"report", "--mean", "", "--var", "", "-o", filepath.Join(dir, "r.html")}, codes: codes(2), stderr: "--mean"},
		{args: []string{"report", "--var", "", "-o", filepath.Join(dir, "r.html")}, codes: codes(2), stderr: "--var"},
		// (the verify command)
		{args: []string{"verify", "--mean", ""}, codes: codes(2), stderr: "--mean"},
		{args: []string{"verify", "--var", ""}, codes: codes(2), stderr: "--var"},
		// (the diagnose command) an internal field must not be named
		{args: []string{"diagnose", "--tau", "1e-320"}, codes: codes(0, 1, 2), lacks: []string{"MinVar", "search "}},
		// (the sweep command) no partial success
		{args: []string{"sweep", "--mean", "0:0.1:0.1", "--var", "1:1.1:0.1", "--html", sub}, codes: codes(2), stderr: sub, noStdout: true},
		{args: []string{"--mean", "0", "--mean", "0.1"}, codes: codes(2), stderr: "--mean is given 2 times"},
		{args: []string{"mc", "--width", "64", "--width", "128"}, codes: codes(2), stderr: "--width is given 2 times"},
		{args: []string{"map", "--json", "--json"}, codes: codes(2), stderr: "--json is given 2 times"},

		// Files.
		// Sizes that would take minutes if the report were computed first.
		{args: []string{"report", "--mc-width", "4096", "--mc-depth", "1000", "--mc-batch", "65536", "-o", filepath.Join(dir, "missing", "r.html")}, codes: codes(2), stderr: "does not exist", limit: 5 * time.Second},
		{args: []string{"report", "-o", sub}, codes: codes(2), stderr: "is a directory", limit: 5 * time.Second},

		// The command line (help on stdout, unknown topics, short quotes).
		{args: []string{"help", "solve"}, codes: codes(0), stdout: "Usage: selu-solve"},
		{args: []string{"help", "mc"}, codes: codes(0), stdout: "--max-work"},
		{args: []string{"help", "nosuch"}, codes: codes(2), stderr: `unknown command "nosuch"`},
		{args: []string{"--help"}, codes: codes(0), stdout: "--dropout"},
		{args: []string{"help", "map"}, codes: codes(0), lacks: []string{") (default"}},
		{args: []string{"--mean", "1e400"}, codes: codes(2), stderr: `--mean must be in [-1e20, 1e20], got "1e400"`, lacks: []string{"00000000000000000000", "1e+400"}},
		{args: []string{"--mean", "1" + strings.Repeat("0", 400)}, codes: codes(2), lacks: []string{"00000000000000000000000000000000000000000000"}},
		{args: []string{"map", "--mean", strings.Repeat("9", 500)}, codes: codes(0, 2), lacks: []string{strings.Repeat("9", 40)}},
		{args: []string{"--mean", "1/3", "--digits", "8"}, codes: codes(0), stdout: "1/3"},
		{args: []string{"mc", "--mean", "1/10", "--width", "32", "--depth", "2", "--batch", "16"}, codes: codes(0, 1)},
		{args: []string{"report", "--mean", "1/3", "--var", "1", "--no-mc", "--no-verify", "--grid", "8", "-o", filepath.Join(dir, "third.html")}, codes: codes(0), stdout: "wrote"},
		{args: []string{"diagnose", "--tau", "1/2"}, codes: codes(0, 1)},
		{args: []string{"mc", "--weights", "gain=3/4", "--width", "32", "--depth", "2", "--batch", "16", "--json"}, codes: codes(0, 1), stdout: `"weights": "gain=0.75"`},
		{args: []string{"mc", "--weights", "gain=0x1"}, codes: codes(2), stderr: "--weights"},
		{args: []string{"sweep", "--mean", "0:1/3:1/6", "--var", "1"}, codes: codes(0)},
	} {
		c.check(t, dir)
	}
}

// TestCLIOutputFiles: an output that is a symbolic link is written
// through the link; an existing file keeps its mode; a character device
// (a copy of /dev/null made with mknod, which needs root) stays a device.
func TestCLIOutputFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command")
	}
	dir := t.TempDir()
	target := writeFile(t, dir, "target.csv", []byte("old"))
	if err := os.Chmod(target, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink("target.csv", link); err != nil {
		t.Skip("no symbolic links:", err)
	}
	cliCase{args: []string{"sweep", "--mean", "0", "--var", "1", "-o", link}, codes: codes(0)}.check(t, dir)
	if li, err := os.Lstat(link); err != nil || li.Mode()&os.ModeSymlink == 0 {
		t.Errorf("sweep -o LINK replaced the link (%v, %v)", li.Mode(), err)
	}
	if b, _ := os.ReadFile(target); !bytes.Contains(b, []byte("lambda")) {
		t.Errorf("the link's target holds %q, want the sweep's CSV", short(string(b)))
	}
	if st, _ := os.Stat(target); st.Mode().Perm() != 0o600 {
		t.Errorf("the target's mode became %v, want the old -rw-------", st.Mode().Perm())
	}

	if os.Geteuid() != 0 {
		t.Skip("making a device node needs root; the device cases run as root")
	}
	dev := filepath.Join(dir, "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skip("mknod refused (a container without the capability?):", err)
	}
	for _, args := range [][]string{
		{"report", "--no-mc", "--no-verify", "--grid", "8", "-o", dev},
		{"sweep", "--mean", "0", "--var", "1", "-o", dev},
		{"sweep", "--mean", "0:0.1:0.1", "--var", "1:1.1:0.1", "--html", dev},
	} {
		cliCase{args: args, codes: codes(0)}.check(t, dir)
		if st, err := os.Lstat(dev); err != nil || st.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("%q replaced the device node (mode %v, %v)", args, st.Mode(), err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("%d files in the directory, want target.csv, link.csv and null (no temporary file)", len(entries))
	}
}

// cliNumericFlags lists, per command, the flags that take a number.
var cliNumericFlags = map[string][]string{
	"":         {"mean", "var", "omega", "tau", "digits"},
	"map":      {"mean", "var", "omega", "tau", "lambda", "alpha"},
	"mc":       {"mean", "var", "omega", "tau", "width", "depth", "batch", "dropout", "input-mean", "input-var", "lambda", "alpha", "seed", "max-work"},
	"report":   {"mean", "var", "omega", "tau", "digits", "grid", "steps", "mc-width", "mc-depth", "mc-batch", "mc-seed", "mc-dropout", "verify-boxes"},
	"sweep":    {"mean", "var", "omega", "tau", "digits"},
	"diagnose": {"lambda", "alpha", "omega", "tau", "gain"},
	"verify":   {"mean", "var", "lambda", "alpha", "max-boxes"},
}

// TestCLIBadNumbers is the generated part of the table: every numeric
// flag of every command with values that are not numbers, not finite, or
// absurdly large, and every flag given twice. Each must be refused with
// exit status 2 and one line that names the flag.
func TestCLIBadNumbers(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command about 400 times")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out.html")
	n := 0
	for cmd, flags := range cliNumericFlags {
		for _, f := range flags {
			for _, v := range []string{"NaN", "Inf", "-Inf", "", "abc", "0x10", "1/0", "1e400", "1e99999", strings.Repeat("7", 2000)} {
				if v == "1e400" && cmd != "map" && cmd != "diagnose" && (f == "mean" || f == "var" || f == "omega" || f == "tau") {
					// Exact commands read 1e400 exactly; the range check
					// quotes it as typed (--mean must be in [-1e20, 1e20],
					// got "1e400"), a case of TestCLIHostileInputs and
					// TestOutOfRangeQuotesInput.
					continue
				}
				args := []string{}
				if cmd != "" {
					args = append(args, cmd)
				}
				args = append(args, "--"+f, v)
				if cmd == "sweep" && f != "mean" && f != "var" {
					args = append(args, "--mean", "0", "--var", "1")
				}
				if cmd == "report" {
					args = append(args, "--no-mc", "--no-verify", "-o", out)
				}
				want := "--" + f
				if cmd == "verify" && (f == "mean" || f == "var") {
					// verify hands these to solver.ParseTarget, whose
					// messages name the quantity (mean, variance).
					want = f
				}
				cliCase{args: args, codes: codes(2), stderr: want, limit: 20 * time.Second}.check(t, dir)
				n++
			}
			args := []string{"--" + f, "1", "--" + f, "1"}
			if cmd != "" {
				args = append([]string{cmd}, args...)
			}
			cliCase{args: args, codes: codes(2), stderr: fmt.Sprintf("--%s is given 2 times", f)}.check(t, dir)
			n++
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a refused report wrote %s", out)
	}
	t.Logf("%d generated cases", n)
}
