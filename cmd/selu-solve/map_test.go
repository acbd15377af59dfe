package main

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

// mapRun runs selu-solve with args and returns the exit status and output.
func mapRun(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestMapPaperPoint checks `selu-solve map --mean 0 --var 1 --json` against
// Eq. 6 (docs/model.md §3; mpmath, 60 digits):
// H12 = 0.08883475510689012, H22 = 0.7826478831968128,
// S = 0.7876733604657156, ρ = H22, and the fixed point (0, 1) itself. These
// are the values for the float64 λ01, α01 rounded to float64 (for H22 the
// true value is 0.78264788319681275, for the exact constants
// 0.78264788319681285). Tolerance 2 ulp, and the printed digits must be
// these.
func TestMapPaperPoint(t *testing.T) {
	code, out, errs := mapRun("map", "--mean", "0", "--var", "1", "--json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	// Exactly the documented keys, in order, as JSON numbers.
	keys := []string{`"mean"`, `"var"`, `"second_moment"`, `"jacobian"`, `"spectral_norm"`, `"spectral_radius"`}
	last := -1
	for _, k := range keys {
		i := strings.Index(out, k)
		if i < 0 || i < last {
			t.Fatalf("key %s missing or out of order in\n%s", k, out)
		}
		last = i
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(keys) {
		t.Errorf("%d keys, want %d: %v", len(got), len(keys), got)
	}
	var o mapOutput
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&o); err != nil {
		t.Fatal(err)
	}
	const ulp2 = 2 * 0x1p-53
	for _, c := range []struct {
		name string
		got  jsonNumber
		want float64
	}{
		{"H12", o.Jacobian[0][1], 0.08883475510689012},
		{"H22", o.Jacobian[1][1], 0.7826478831968128},
		{"S", o.SpectralNorm, 0.7876733604657156},
		{"rho", o.SpectralRadius, 0.7826478831968128},
		{"var", o.Var, 1},
		{"second_moment", o.SecondMoment, 1},
	} {
		if e := math.Abs(float64(c.got)-c.want) / c.want; e > ulp2 {
			t.Errorf("%s = %v, want %v (relative error %.3g)", c.name, c.got, c.want, e)
		}
	}
	// These digits are the float64 values the command
	// prints (H22 correctly rounded, S from the rounded H).
	for _, digits := range []string{"0.08883475510689012", "0.7826478831968128", "0.7876733604657156"} {
		if !strings.Contains(out, digits) {
			t.Errorf("output lacks %s:\n%s", digits, out)
		}
	}
	if o.Jacobian[0][0] != 0 || o.Jacobian[1][0] != 0 || math.Abs(float64(o.Mean)) > 1e-16 {
		t.Errorf("mean %v, first column (%v, %v); want 0 for ω = 0", o.Mean, o.Jacobian[0][0], o.Jacobian[1][0])
	}
}

// TestMapJSONFullPrecision checks that --json carries the float64 values
// exactly (shortest round-trip form), here against the notebook's target
// (−0.1, 2) with its own constants (docs/model.md §4), which g maps to itself.
func TestMapJSONFullPrecision(t *testing.T) {
	code, out, errs := mapRun("map", "--mean=-0.1", "--var", "2", "--omega", "1", "--lambda", "1.073851239616046", "--alpha", "1.9769021954242014", "--json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var o mapOutput
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatal(err)
	}
	if math.Abs(float64(o.Mean)+0.1) > 1e-13 || math.Abs(float64(o.Var)-2) > 1e-13 {
		t.Errorf("g(−0.1, 2) = (%v, %v), want (−0.1, 2)", o.Mean, o.Var)
	}
	if o.SpectralRadius <= 1 {
		t.Errorf("ρ = %v; the notebook's fixed point should be unstable", o.SpectralRadius)
	}
	// Re-encoding the decoded numbers gives the same text: nothing was rounded.
	var buf bytes.Buffer
	if err := writeJSON(&buf, o); err != nil || buf.String() != out {
		t.Errorf("JSON does not round-trip:\n%s\n%s", out, buf.String())
	}
}

func TestMapText(t *testing.T) {
	code, out, errs := mapRun("map", "--mean", "0.1", "--var", "1.2")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	mo, j := mapping.Standard().Jacobian(0.1, 1.2)
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	for _, want := range []string{"mean 0.1, var 1.2", "λ = 1.0507009873554805", "output mean μ̃", "output var ν̃",
		"E selu² ξ̃", "spectral norm S", "spectral radius ρ", g(mo.Mean), g(mo.Var), g(mo.SecondMoment),
		g(j.H[0][1]), g(j.H[1][1]), g(mapping.SpectralNorm(j.H)), "ρ < 1"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	// ω = 0 by default, so the input mean does not matter.
	_, out0, _ := mapRun("map", "--mean", "0", "--var", "1.2")
	if strings.Replace(out, "mean 0.1,", "mean 0,", 1) != out0 {
		t.Errorf("with ω = 0 the output should not depend on the mean:\n%s\n%s", out, out0)
	}
}

func TestMapBadInput(t *testing.T) {
	for _, test := range []struct {
		args []string
		want string
	}{
		{[]string{"--var", "0"}, "--var must be > 0"},
		{[]string{"--var", "-1"}, "--var must be > 0"},
		{[]string{"--var", "NaN"}, `is not a number`},
		{[]string{"--mean", "Inf"}, `is not a number`},
		{[]string{"--mean", "-Inf"}, `is not a number`},
		{[]string{"--lambda", "0"}, "--lambda must be > 0"},
		{[]string{"--lambda", "-1.05"}, "--lambda must be > 0"},
		{[]string{"--alpha", "-0.1"}, "--alpha must be >= 0"},
		{[]string{"--alpha", "NaN"}, `is not a number`},
		{[]string{"--tau", "0"}, "--tau must be > 0"},
		{[]string{"--tau", "-1"}, "--tau must be > 0"},
		{[]string{"--omega", "NaN"}, `is not a number`},
		{[]string{"--mean", "1e300", "--omega", "1e300"}, "out of float64 range"},
		{[]string{"--var", "1e-300", "--tau", "1e-300"}, "out of float64 range"},
		// Random weights: the net input's variance τ(var + mean²) must be
		// a float64 > 0; the message says so, not "want var >= 0".
		{[]string{"--weights", "gain=1e-200"}, "N(0, τ(var + mean²)) = N(0, 0) is out of float64 range"},
		{[]string{"--weights", "gain=1e10", "--var", "1e300"}, "= N(0, +Inf) is out of float64 range"},
		{[]string{"--weights", "lecun", "--mean", "1e200"}, "= N(0, +Inf) is out of float64 range"},
		{[]string{"--bogus", "1"}, `unknown flag "--bogus"`},
		{[]string{"--var", "abc"}, `"abc" is not a number`},
		{[]string{"extra"}, "unexpected argument"},
	} {
		code, out, errs := mapRun(append([]string{"map"}, test.args...)...)
		last := strings.TrimSuffix(errs, "\n")
		if code != 2 || out != "" || strings.Contains(last, "\n") || !strings.Contains(last, test.want) || !strings.HasPrefix(last, "selu-solve: ") {
			t.Errorf("map %v: exit %d, stdout %q, stderr %q; want exit 2 and a line with %q", test.args, code, out, errs, test.want)
		}
	}
}

func TestMapHelp(t *testing.T) {
	for _, args := range [][]string{{"help", "map"}, {"map", "-h"}, {"map", "--help"}} {
		code, out, errs := mapRun(args...)
		if code != 0 || errs != "" || strings.Count(out, "Usage: selu-solve map") != 1 || !strings.Contains(out, "-lambda") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want the usage once on stdout", args, code, out, errs)
		}
	}
}

// TestMapRandomRho: with random weights the map's H has rank one, and its
// spectral radius 2μ·dμ̃/dq + dν̃/dq is the slope dq̃/dq of the map of
// q = var + mean² only where the output mean equals the input mean
// (mapping.LeCunLayer.Stability). At (0.3, 2) they differ (0.71093 against
// 0.67542, mpmath: the eigenvalue of H by differences of the closed forms of
// docs/model.md §2, the slope as d E selu(z)²/dq), so the note printed
// with the table must not call ρ the slope.
func TestMapRandomRho(t *testing.T) {
	code, out, errs := mapRun("map", "--mean", "0.3", "--var", "2", "--weights", "lecun")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	l := mapping.LeCunLayer{Constants: mapping.Paper(), Tau: 1}
	rho, slope := l.Stability(0.3, 2).SpectralRadius, l.Slope(2.09)
	if math.Abs(rho-0.71093005837717) > 1e-12 || math.Abs(slope-0.67542008517317) > 1e-12 {
		t.Fatalf("ρ = %.14g, slope = %.14g; want 0.71093005837717 and 0.67542008517317 (mpmath)", rho, slope)
	}
	if !strings.Contains(out, strconv.FormatFloat(rho, 'g', -1, 64)) {
		t.Errorf("output lacks ρ = %v:\n%s", rho, out)
	}
	if strings.Contains(out, "ρ is the slope") || !strings.Contains(out, "at a fixed point (output = input) equals the slope") {
		t.Errorf("the note calls ρ the slope of the map of var + mean² away from a fixed point:\n%s", out)
	}
}

// TestMapFarJacobian checks H where the float64 Jacobian is not accurate:
// at mean −1e10, var 1e20, ω = 1e-10 with the float64 roundings of the
// constants that make it a fixed point, against mpmath's central
// differences at 400 digits (../../solver/testdata/jacobian.txt, first
// row, by solver/testdata/gen_jacobian.py). The float64 map gave
// ∂ν̃/∂μ = −4.4e-6 for 1.8e-11 and S = 4.4e-6 for 8.4e-11.
func TestMapFarJacobian(t *testing.T) {
	code, out, errs := mapRun("map", "--mean=-1e10", "--var", "1e20", "--omega", "1e-10", "--lambda", "5.000000000697928e-11", "--alpha", "3.9999999995214456e+20", "--json")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var o mapOutput
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatal(err)
	}
	want := [2][2]float64{{7.9788456084378079795e-11, 9.9735570114279833574e-22}, {1.8169011389506266527e-11, 5.9841342065840770868e-11}}
	for r := range 2 {
		for c := range 2 {
			if got := float64(o.Jacobian[r][c]); math.Abs(got-want[r][c]) > 4.5e-16*math.Abs(want[r][c]) {
				t.Errorf("H%d%d = %v, want %v", r+1, c+1, got, want[r][c])
			}
		}
	}
	if s := float64(o.SpectralNorm); math.Abs(s-8.3894209142957e-11) > 1e-12*8.39e-11 {
		t.Errorf("S = %v, want 8.3894209142957e-11 (the largest singular value of the reference H, numpy.linalg.svd)", s)
	}
}
