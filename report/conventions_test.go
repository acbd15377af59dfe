package report

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/montecarlo"
	"github.com/selu-tool/selu/solver"
)

// TestConventionsSideBySide builds the report for (0.5, 1) with the paper's
// constants. The random-weight constants in the comparison are checked
// against ../mapping/testdata/lecun.txt (mpmath, gen_lecun.py), rounded to
// 30 digits: λ = 1.393099911513796961500299827016975…,
// α = 0.3432464153498073088975308958291500…, slope 0.98467806391749…; the paper's constants must drift under LeCun weights
// and the headline must say so.
func TestConventionsSideBySide(t *testing.T) {
	t.Parallel()
	c := smallConfig(t, "0.5", "1")
	c.Verify.Off = true
	d, err := build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	cmp := d.Compare
	if cmp == nil {
		t.Fatal("no comparison for μ* = 0.5")
	}
	fixed, random := cmp.Columns[0], cmp.Columns[1]
	if !fixed.Current || random.Current {
		t.Errorf("current column: fixed %v, random %v", fixed.Current, random.Current)
	}
	if fixed.Lambda != d.Constants.Lambda {
		t.Errorf("fixed-sum column λ %s, report's %s", fixed.Lambda, d.Constants.Lambda)
	}
	if random.Lambda != "1.39309991151379696150029982702" || random.Alpha != "0.343246415349807308897530895829" {
		t.Errorf("random-weight λ, α = %s, %s; mpmath 1.39309991151379696150029982702, 0.343246415349807308897530895829", random.Lambda, random.Alpha)
	}
	if !fixed.Exact.Kept || math.Abs(fixed.Exact.Radius-d.Stability.Radius) > 1e-15 {
		t.Errorf("paper constants under exact rows: %+v, want kept with ρ = %v", fixed.Exact, d.Stability.Radius)
	}
	if fixed.LeCun.Kept || !(fixed.LeCun.Mean > 5) {
		t.Errorf("paper constants under LeCun weights: %+v, want a drift of the mean", fixed.LeCun)
	}
	if !random.LeCun.Kept || math.Abs(random.LeCun.Radius-0.9846780639174917) > 1e-12 {
		t.Errorf("random-weight constants under LeCun weights: %+v, want kept with slope 0.98467806391749 (mpmath)", random.LeCun)
	}
	if random.Exact.Kept {
		t.Errorf("random-weight constants under exact rows: %+v, want not kept", random.Exact)
	}
	words := strings.Join(verdict(d), " ")
	if !strings.HasPrefix(words, "Warning: with LeCun-normal random weights") || !strings.Contains(words, "exact-row weights only") {
		t.Errorf("headline %q: want the LeCun warning first and the exact-row condition", words)
	}
	// The third pair of networks runs the random-weight constants with
	// LeCun weights, as selu-solve mc --weights lecun does: its prediction
	// is the random-weight map from the measured input moments.
	checkAgainstCLI(t, "(0.5, 1)", d, c.MC, "alt", mapping.Weights{}, random.Constants, montecarlo.Init{Kind: montecarlo.LeCun}, 2)
}

// TestZeroMeanNoComparison: at μ* = 0 the conventions coincide, so there
// is no comparison and no warning, and the headline says both hold.
func TestZeroMeanNoComparison(t *testing.T) {
	t.Parallel()
	c := smallConfig(t, "0", "1")
	c.MC.Off, c.Verify.Off = true, true
	d, err := build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if d.Compare != nil {
		t.Errorf("comparison %+v at μ* = 0", d.Compare)
	}
	if w := verdict(d); strings.HasPrefix(w[0], "Warning") || !strings.Contains(w[0], "alike") {
		t.Errorf("headline %q", w[0])
	}
}

// TestRandomWeightsReport builds the report for SolveLeCun's constants:
// the maps are the random-weight map, the certificate (which covers fixed
// row sums) is skipped, and the LeCun networks are predicted by the
// random-weight map.
func TestRandomWeightsReport(t *testing.T) {
	t.Parallel()
	tg, _ := solver.ParseTarget("0.5", "1")
	res, err := solver.SolveLeCun(tg, nil, &solver.Options{DropoutRates: []float64{0.1}})
	if err != nil {
		t.Fatal(err)
	}
	c := smallConfig(t, "0", "1")
	c.Result = res
	d, err := build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Convention.Random || d.Certificate != nil || d.Verdict.Certified != nil {
		t.Errorf("convention %+v, certificate %v", d.Convention, d.Certificate)
	}
	if d.Compare == nil || !d.Compare.Columns[1].Current {
		t.Fatalf("comparison %+v: want the random column current", d.Compare)
	}
	l := mapping.LeCunLayer{Constants: res.Constants, Tau: 1}
	if got, want := d.Field.DX[0], l.Moments(d.Field.X[0], d.Field.Y[0]).Mean-d.Field.X[0]; got != want {
		t.Errorf("vector field at the corner %v, random-weight map %v", got, want)
	}
	if w := verdict(d); strings.HasPrefix(w[0], "Warning") || !strings.Contains(w[0], "random weights") {
		t.Errorf("headline %q", w[0])
	}
}

// TestDropoutStability checks dropoutStability, the Jacobian of the layer
// map composed with the alpha-dropout moment map, against central
// differences of the composition evaluated through Layer.Moments, for the
// notebook convention at (0, 1) where dropout at rate 0.1 turns ρ = 1.077
// into ρ < 1 (which is why the dropout network stays on target).
func TestDropoutStability(t *testing.T) {
	res := solved(t, "0", "1", "1", "1")
	l := mapping.Layer{Constants: res.Constants, Weights: res.Weights}
	target := mapping.Point{Mean: 0, Var: 1}
	const r = 0.1
	a, b, err := res.Constants.AlphaDropout(target, r)
	if err != nil {
		t.Fatal(err)
	}
	q, ap := 1-r, res.Constants.Saturation()
	comp := func(mu, nu float64) (float64, float64) {
		m := a*(q*mu+(1-q)*ap) + b
		v := a * a * q * ((1-q)*(ap-mu)*(ap-mu) + nu)
		g := l.Moments(m, v)
		return g.Mean, g.Var
	}
	const h = 1e-5
	var fd [2][2]float64
	for j, dx := range [2][2]float64{{h, 0}, {0, h}} {
		m1, v1 := comp(target.Mean+dx[0], target.Var+dx[1])
		m0, v0 := comp(target.Mean-dx[0], target.Var-dx[1])
		fd[0][j], fd[1][j] = (m1-m0)/(2*h), (v1-v0)/(2*h)
	}
	s := dropoutStability(l, res.Constants, target, r, a)
	for i := range 2 {
		for j := range 2 {
			if math.Abs(s.H[i][j]-fd[i][j]) > 1e-8 {
				t.Errorf("H[%d][%d] = %v, central differences %v", i, j, s.H[i][j], fd[i][j])
			}
		}
	}
	if plain := l.Stability(0, 1).SpectralRadius; !(plain > 1 && s.SpectralRadius < 1) {
		t.Errorf("ρ without dropout %v, with %v: want > 1 and < 1", plain, s.SpectralRadius)
	}
}
