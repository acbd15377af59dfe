package montecarlo

import (
	"math"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

// TestStepJacobian checks the analytic Jacobians the prediction uses
// against central differences of the maps themselves: the dropout moment
// map (quadratic in μ, linear in ν, so the differences are exact up to
// rounding, 1e-9) and the layer step D∘g (the layer's Jacobian from
// mapping, composed by the chain rule; differences with step 1e-5 are good
// to about 1e-9 here, the tolerance is 1e-7 relative to the largest entry).
func TestStepJacobian(t *testing.T) {
	t.Parallel()
	l := mapping.Layer{Constants: selu51, Weights: mapping.Weights{Omega: 0.3, Tau: 1.2}}
	for _, p := range []mapping.Point{{Mean: 0, Var: 1}, {Mean: 0.4, Var: 0.7}, {Mean: -0.8, Var: 2.5}} {
		for _, rate := range []float64{0.05, 0.3} {
			q, sat := 1-rate, selu51.Saturation()
			a, b, err := selu51.AlphaDropout(mapping.Point{Mean: 0.1, Var: 1.1}, rate)
			if err != nil {
				t.Fatal(err)
			}
			d := func(x mapping.Point) mapping.Point { return dropoutMoments(x, q, sat, a, b) }
			checkJacobian(t, "dropout", d, p, dropoutJacobian(p, q, sat, a), 1e-9)
			f := func(x mapping.Point) mapping.Point {
				m := l.Moments(x.Mean, x.Var)
				return d(mapping.Point{Mean: m.Mean, Var: m.Var})
			}
			m, j := l.Jacobian(p.Mean, p.Var)
			y := mapping.Point{Mean: m.Mean, Var: m.Var}
			checkJacobian(t, "D∘g", f, p, mul2(dropoutJacobian(y, q, sat, a), j.H), 1e-7)
		}
	}
}

func checkJacobian(t *testing.T, name string, f func(mapping.Point) mapping.Point, p mapping.Point, got [2][2]float64, tol float64) {
	t.Helper()
	hm, hv := 1e-5*max(1, math.Abs(p.Mean)), 1e-5*p.Var
	a := f(mapping.Point{Mean: p.Mean + hm, Var: p.Var})
	b := f(mapping.Point{Mean: p.Mean - hm, Var: p.Var})
	c := f(mapping.Point{Mean: p.Mean, Var: p.Var + hv})
	d := f(mapping.Point{Mean: p.Mean, Var: p.Var - hv})
	want := [2][2]float64{
		{(a.Mean - b.Mean) / (2 * hm), (c.Mean - d.Mean) / (2 * hv)},
		{(a.Var - b.Var) / (2 * hm), (c.Var - d.Var) / (2 * hv)},
	}
	scale := 0.0
	for i := range 2 {
		for j := range 2 {
			scale = math.Max(scale, math.Abs(want[i][j]))
		}
	}
	for i := range 2 {
		for j := range 2 {
			if math.Abs(got[i][j]-want[i][j]) > tol*scale {
				t.Errorf("%s at %v: Jacobian %v, central differences %v", name, p, got, want)
				return
			}
		}
	}
}

// TestPredictDropoutNotOnInputs: alpha dropout acts after layers 1…L−1
// (docs/montecarlo.md), never on the network's inputs, so the prediction of
// layer 1 is the layer map g at the measured input moments, and that of
// layer 2 is g at the dropout image of layer 1's prediction. The inputs are
// away from the target, where the dropout map is not the identity. The
// second half is statistical: with width 1024 and batch 2048 the measured
// layer-1 variance lies within 4 standard deviations of g's value, whereas
// g after a dropout of the inputs is about 30 standard deviations off
// (seed 3: measured 1.7145 ± 0.0025, g 1.729, dropout first 1.787).
func TestPredictDropoutNotOnInputs(t *testing.T) {
	t.Parallel()
	c := &Config{
		Width: 1024, Depth: 3, Batch: 2048, DType: Float32,
		Constants: selu01, Target: selu01Target, Init: Init{Kind: Exact}, DropoutRate: 0.1,
		InputMean: 1, InputVar: 2, Seed: 3,
	}
	r := mustRun(t, c)
	l := mapping.Layer{Constants: selu01, Weights: mapping.Normalized()}
	m1 := l.Moments(r.InputMean, r.InputVar)
	s1 := r.Layers[0]
	if math.Abs(s1.PredictedMean-m1.Mean) > 1e-14 || math.Abs(s1.PredictedVar-m1.Var) > 1e-14*m1.Var {
		t.Errorf("layer 1 predicted (%.17g, %.17g), want g(input) = (%.17g, %.17g)", s1.PredictedMean, s1.PredictedVar, m1.Mean, m1.Var)
	}
	d := dropoutMoments(mapping.Point{Mean: s1.PredictedMean, Var: s1.PredictedVar}, 0.9, selu01.Saturation(), r.DropoutA, r.DropoutB)
	m2 := l.Moments(d.Mean, d.Var)
	s2 := r.Layers[1]
	if math.Abs(s2.PredictedMean-m2.Mean) > 1e-14 || math.Abs(s2.PredictedVar-m2.Var) > 1e-14*m2.Var {
		t.Errorf("layer 2 predicted (%.17g, %.17g), want g(D(layer 1)) = (%.17g, %.17g)", s2.PredictedMean, s2.PredictedVar, m2.Mean, m2.Var)
	}
	if dv := math.Abs(s1.Var - m1.Var); dv > 4*s1.VarSE {
		t.Errorf("layer 1 variance %.5g ± %.2g, g(input) = %.5g: |Δ| = %.3g > 4 se", s1.Var, s1.VarSE, m1.Var, dv)
	}
}
