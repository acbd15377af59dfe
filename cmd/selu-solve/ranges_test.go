package main

import (
	"math/big"
	"strings"
	"testing"

	"github.com/selu-tool/selu/solver"
)

// A number outside the solver's range is refused quoting what was typed
// (shortened), not the solver's exact value of it, in every command that
// takes a target.
func TestOutOfRangeQuotesInput(t *testing.T) {
	long := "1" + strings.Repeat("0", 400)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--mean", "1e400"}, `--mean must be in [-1e20, 1e20], got "1e400"`},
		{[]string{"solve", "--mean", "-1e400"}, `--mean must be in [-1e20, 1e20], got "-1e400"`},
		{[]string{"solve", "--mean", long}, `got "100000000000000000…000000000000000000" (401 characters)`},
		{[]string{"solve", "--var", "1e-30"}, `--var must be in [1e-20, 1e20], got "1e-30"`},
		{[]string{"solve", "--omega", "2e20"}, `--omega must be in [-1e20, 1e20], got "2e20"`},
		{[]string{"solve", "--tau", "1e21"}, `--tau must be at most 1e20, got "1e21"`},
		{[]string{"mc", "--mean", "1e400"}, `got "1e400"`},
		{[]string{"report", "--mean", "1e400", "-o", "/dev/null"}, `got "1e400"`},
		{[]string{"verify", "--mean", "1e400"}, `got "1e400"`},
		{[]string{"compare", "--mean", "0,1e400"}, `got "1e400"`},
		{[]string{"compare", "--omega", "1e400"}, `got "1e400"`},
	} {
		code, out, errs := runArgs(t, c.args...)
		if code != 2 || !strings.Contains(errs, c.want) || strings.Contains(errs, "e+") || out != "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, errs, c.want)
		}
	}
}

// TestProblemRangesMatchSolver ties the ranges parseProblem checks to the
// solver's own: at the edge the solver does not complain about the range,
// just beyond it does.
func TestProblemRangesMatchSolver(t *testing.T) {
	rat := func(s string) *big.Rat { r, _ := new(big.Rat).SetString(s); return r }
	for _, c := range []struct {
		mean, v, omega, tau string
		inRange             bool
	}{
		{"1e20", "1", "0", "1", true},
		{"1.000001e20", "1", "0", "1", false},
		{"-1.000001e20", "1", "0", "1", false},
		{"0", "1e-20", "0", "1", true},
		{"0", "0.99e-20", "0", "1", false},
		{"0", "1e20", "0", "1", true},
		{"0", "1.01e20", "0", "1", false},
		{"0", "1", "1e20", "1", true},
		{"0", "1", "1.01e20", "1", false},
		{"0", "1", "0", "1.01e20", false},
	} {
		_, err := solver.Solve(solver.Target{Mean: rat(c.mean), Var: rat(c.v)}, &solver.Options{Omega: rat(c.omega), Tau: rat(c.tau), Digits: 5})
		solverRange := err != nil && strings.Contains(err.Error(), "out of range")
		_, _, _, perr := parseProblem(c.mean, c.v, c.omega, c.tau)
		if solverRange == c.inRange || (perr == nil) != c.inRange {
			t.Errorf("%+v: solver error %v, parseProblem error %v", c, err, perr)
		}
	}
}
