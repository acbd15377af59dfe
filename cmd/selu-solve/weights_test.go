package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestSolveWeightsLeCun: --weights lecun prints the random-weight
// constants for (0.5, 1), checked against an independent mpmath solve
// (mapping/testdata/lecun.txt: λ = 1.393099911513796961500299827…,
// α = 0.3432464153498073088975308958…), and no warning; the default
// exact-row constants for the same target warn on stderr that LeCun-normal
// weights drift.
func TestSolveWeightsLeCun(t *testing.T) {
	code, out, errs := runArgs(t, "--mean", "0.5", "--weights", "lecun", "--digits", "25")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"1.393099911513796961500300", "0.3432464153498073088975309", "random weights", "init_random_"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(errs, "warning") {
		t.Errorf("unexpected warning: %s", errs)
	}
	code, out, errs = runArgs(t, "--mean", "0.5")
	if code != 0 || !strings.Contains(errs, "LeCun-normal random weights drift") || !strings.Contains(out, "WARNING") || !strings.Contains(out, "init_exact_rows_") {
		t.Errorf("exact-row constants for mean 0.5: exit %d, stderr %q; want the LeCun warning and the exact-row initializer", code, errs)
	}
}

func TestSolveWeightsErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--weights", "nosuch"},
		{"--weights", "gain=0"},
		{"--weights", "gain=x"},
		{"--weights", "lecun", "--tau", "2"},
		{"--mean", "0.8", "--weights", "lecun"},
	} {
		if code, _, errs := runArgs(t, args...); code != 2 || !strings.HasPrefix(errs, "selu-solve: ") || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and one line", args, code, errs)
		}
	}
}

// TestSolveNoDropout: --dropout "" prints no table, and the snippets'
// dropout layers still work for any rate from the formula.
func TestSolveNoDropout(t *testing.T) {
	code, out, errs := runArgs(t, "--dropout", "")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Contains(out, "Alpha dropout: y") || strings.Contains(out, "For reference") || !strings.Contains(out, "alpha_dropout_ab(self.rate)") {
		t.Errorf("--dropout \"\": table printed or dropout layer missing:\n%s", out)
	}
}

// TestMapWeightsLeCun: map --weights lecun at (0.5, 1) with the
// random-weight constants gives back the target and ρ = the slope
// 0.98467806391749169… of mapping/testdata/lecun.txt (mpmath).
func TestMapWeightsLeCun(t *testing.T) {
	code, out, errs := runArgs(t, "map", "--mean", "0.5", "--lambda", "1.3930999115137969615", "--alpha", "0.34324641534980730890", "--weights", "lecun", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var m struct {
		Mean, Var      float64
		SpectralRadius float64 `json:"spectral_radius"`
	}
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	if math.Abs(m.Mean-0.5) > 1e-14 || math.Abs(m.Var-1) > 1e-14 || math.Abs(m.SpectralRadius-0.9846780639174917) > 1e-12 {
		t.Errorf("map --weights lecun: %+v, want (0.5, 1) and ρ = 0.98467806391749", m)
	}
}

// TestSolveWeightsJSON: --json marks random weights.
func TestSolveWeightsJSON(t *testing.T) {
	for _, c := range []struct {
		args   []string
		random bool
		tau    string
	}{{[]string{"--mean", "0.5", "--weights", "gain=1.5", "--json"}, true, "2.25"}, {[]string{"--mean", "0.5", "--json"}, false, "1"}} {
		code, out, errs := runArgs(t, c.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, errs)
		}
		var j struct {
			Weights struct {
				Tau    string
				Random bool
			}
		}
		if err := json.Unmarshal([]byte(out), &j); err != nil {
			t.Fatal(err)
		}
		if j.Weights.Random != c.random || j.Weights.Tau != c.tau {
			t.Errorf("%v: weights %+v, want random %v, τ %s", c.args, j.Weights, c.random, c.tau)
		}
	}
}
