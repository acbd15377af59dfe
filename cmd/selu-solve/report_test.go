package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/selu-tool/selu/solver"
)

// reportRun runs selu-solve report with small grids, a tiny Monte Carlo and
// no certificate, plus args.
func reportRun(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	base := []string{"report", "--grid", "10", "--steps", "60", "--mc-width", "8", "--mc-depth", "3", "--mc-batch", "8", "--no-verify"}
	var out, errb bytes.Buffer
	code = run(append(base, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func TestReportWritesFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "r.html")
	code, stdout, stderr := reportRun(t, "--mean", "0", "--var", "4", "-o", path)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.HasPrefix(stdout, "wrote "+path) {
		t.Errorf("stdout %q", stdout)
	}
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := html.Parse(bytes.NewReader(page)); err != nil {
		t.Fatalf("the report does not parse: %v", err)
	}
	// λ for (0, 4) to 30 digits: docs/model.md §4 (mpmath, 60 digits), rounded.
	if !strings.Contains(string(page), "1.07023227444711082731986364608") {
		t.Error("the report does not show λ = 1.07023227444711082731986364608")
	}
	// The command line is recorded as given.
	if !strings.Contains(string(page), "selu-solve report --grid 10") {
		t.Error("the report does not record the command line")
	}
	// No temporary file is left next to the output.
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("%d files in the output directory, want 1", len(entries))
	}
}

func TestReportStdoutAndJSON(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := reportRun(t, "--mean", "0.25", "--var", "1", "-o", "-", "--no-mc")
	if code != 0 {
		t.Fatalf("-o -: exit %d, stderr %q", code, stderr)
	}
	if !strings.HasPrefix(stdout, "<!DOCTYPE html>") || !strings.Contains(stdout, "not computed") {
		t.Errorf("-o - did not write the page (with MC and certificate not computed) to stdout: %.80q", stdout)
	}

	path := filepath.Join(t.TempDir(), "r.html")
	code, stdout, stderr = reportRun(t, "--mean", "0.25", "--var", "1", "-o", path, "--json", "--no-mc")
	if code != 0 {
		t.Fatalf("--json: exit %d, stderr %q", code, stderr)
	}
	var got struct {
		Output    string
		Bytes     int
		Lambda    string
		Alpha     string
		Stable    bool
		Certified *bool
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("--json output %q: %v", stdout, err)
	}
	res, err := solver.Solve(solver.NewTarget(0.25, 1), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Lambda != res.Text(res.Lambda) || got.Alpha != res.Text(res.Alpha) {
		t.Errorf("JSON λ, α = %s, %s; solver %s, %s", got.Lambda, got.Alpha, res.Text(res.Lambda), res.Text(res.Alpha))
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() != int64(got.Bytes) {
		t.Errorf("JSON says %d bytes; file: %v, %v", got.Bytes, fi, err)
	}
	if got.Certified != nil || got.Stable != res.Stable() {
		t.Errorf("JSON stable %v certified %v; want %v and null", got.Stable, got.Certified, res.Stable())
	}
}

func TestReportBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--var", "-1"}, "var"},
		{[]string{"--mean", "0.7", "--var", "1"}, "infeasible"},
		{[]string{"--mean", "NaN"}, "mean"},
		{[]string{"--grid", "3"}, "--grid"},
		{[]string{"--grid", "5000"}, "--grid"},
		{[]string{"--mc-width", "1"}, "--mc-width"},
		{[]string{"--mc-dropout", "1"}, "--mc-dropout"},
		{[]string{"--mc-dropout", "NaN"}, "--mc-dropout"},
		{[]string{"--digits", "0"}, "--digits"},
		{[]string{"--verify-timeout", "-1s"}, "--verify-timeout"},
		{[]string{"--notebook", "--tau", "2"}, "--notebook"},
		{[]string{"extra"}, "unexpected argument"},
		{[]string{"-o", ""}, "-o"},
		{[]string{"-o", filepath.Join(dir, "missing", "r.html")}, "report"},
	} {
		code, _, stderr := reportRun(t, c.args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", c.args, code, stderr)
			continue
		}
		if !strings.HasPrefix(stderr, "selu-solve: ") || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: stderr %q, want one line mentioning %q", c.args, stderr, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "missing")); !os.IsNotExist(err) {
		t.Errorf("a failed write created %s", filepath.Join(dir, "missing"))
	}
}

func TestReportHelp(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	if code := run([]string{"report", "-h"}, &out, &errb); code != 0 {
		t.Fatalf("report -h: exit %d", code)
	}
	for _, flag := range []string{"-mean", "-var", "-omega", "-tau", "-o", "-mc-width", "-mc-depth", "-no-verify"} {
		if !strings.Contains(out.String(), flag) {
			t.Errorf("report -h does not list %s", flag)
		}
	}
}

func TestReportCommandLine(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   []string
		want string
	}{
		{[]string{"selu-solve", "report", "--mean", "-0.1"}, "selu-solve report --mean -0.1"},
		{[]string{"a b", "it's", ""}, `'a b' 'it'\''s' ''`},
	} {
		if got := reportCommandLine(c.in); got != c.want {
			t.Errorf("reportCommandLine(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}
