package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestDispatch(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		code       int
		stdout     string // substring expected on stdout
		stderrLine string // substring expected in the one-line error
	}{
		{[]string{"help"}, 0, "selu-solve verify", ""},
		{[]string{"--help"}, 0, "Usage:", ""},
		{[]string{"help", "map"}, 0, "Usage: selu-solve map", ""},
		{[]string{"help", "solve"}, 0, "--digits", ""},
		{[]string{"help", "nosuch"}, 2, "", `unknown command "nosuch"`},
		{[]string{"help", "map", "mc"}, 2, "", "at most one command"},
		{[]string{"--help"}, 0, "--omega", ""},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"--frobnicate"}, 2, "", "frobnicate"},
		{[]string{"map", "--nonsense", "1"}, 2, "", "nonsense"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tc.args, &stdout, &stderr)
		if code != tc.code {
			t.Errorf("%q: exit %d, want %d (stderr %q)", tc.args, code, tc.code, stderr.String())
		}
		if !strings.Contains(stdout.String(), tc.stdout) {
			t.Errorf("%q: stdout lacks %q:\n%s", tc.args, tc.stdout, stdout.String())
		}
		if tc.code == 2 {
			msg := stderr.String()
			if !strings.Contains(msg, tc.stderrLine) || strings.Count(msg, "\n") != 1 {
				t.Errorf("%q: stderr = %q, want one line containing %q", tc.args, msg, tc.stderrLine)
			}
		}
	}
}

// Every registered command answers -h with its usage and exit status 0.
func TestEveryCommandHasHelp(t *testing.T) {
	for name := range commands {
		var stdout, stderr bytes.Buffer
		if code := run([]string{name, "-h"}, &stdout, &stderr); code != 0 {
			t.Errorf("%s -h: exit %d, stderr %q", name, code, stderr.String())
		}
		if !strings.Contains(stdout.String(), "Usage") || stderr.Len() != 0 {
			t.Errorf("%s -h: usage not on stdout, or something on stderr: %q", name, stderr.String())
		}
		for _, line := range strings.Split(stdout.String(), "\n") {
			if strings.Count(line, "(default") > 1 {
				t.Errorf("%s -h states a default twice: %s", name, strings.TrimSpace(line))
			}
		}
	}
}

// TestExitStatusHelp: the exit statuses the usage states are the ones the
// commands give. An unstable target is an answer of solve (status 0, with a
// warning), not the negative answer of status 1, which diagnose gives when
// no fixed point is stable.
func TestExitStatusHelp(t *testing.T) {
	var help, e bytes.Buffer
	run([]string{"--help"}, &help, &e)
	usage := strings.Join(strings.Fields(help.String()), " ")
	for _, want := range []string{"1 a negative answer (diagnose: no stable fixed point; verify: not certified; mc: did not converge)",
		"an unstable target, an uncertified sweep row, a diverged training) in their output, with status 0"} {
		if !strings.Contains(usage, want) {
			t.Errorf("usage lacks %q:\n%s", want, help.String())
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"--mean", "0.3", "--omega", "1", "--tau", "1"}, &out, &errb); code != 0 || !strings.Contains(errb.String(), "UNSTABLE") {
		t.Errorf("solve of an unstable target: exit %d, stderr %q; want 0 and a warning", code, errb.String())
	}
	if code := run([]string{"diagnose", "--omega", "1"}, &out, &errb); code != 1 {
		t.Errorf("diagnose without a stable fixed point: exit %d, want 1", code)
	}
}
