package montecarlo

import (
	"math"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

func TestAlphaDropout(t *testing.T) {
	t.Parallel()
	// Reference values: docs/model.md §6 (mpmath, 60 digits), reproduced by
	// testdata/constants.py; constants λ01, α01 (mapping.Paper()). The float64
	// formula should be good to a few ulps.
	const tol = 1e-15
	for _, test := range []struct {
		rate float64
		a, b float64
	}{
		{0.05, 0.954844476005030876386208679097277, 0.0839355721938101867131310251022053},
		{0.1, 0.921284516149711482728428828483598, 0.161970970057570227938175725632166},
	} {
		a, b, err := mapping.Paper().AlphaDropout(mapping.Point{Mean: 0, Var: 1}, test.rate)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(a-test.a) > tol*test.a || math.Abs(b-test.b) > tol*test.b {
			t.Errorf("rate %v: a, b = %.17g, %.17g, want %.17g, %.17g", test.rate, a, b, test.a, test.b)
		}
	}
	// The correction restores any target: the dropout moment map sends
	// (μ, ν) to itself.
	for _, target := range []mapping.Point{{Mean: 0, Var: 1}, {Mean: 0.5, Var: 1}, {Mean: -0.3, Var: 4}} {
		for _, rate := range []float64{0, 0.05, 0.3, 0.9} {
			a, b, err := selu51.AlphaDropout(target, rate)
			if err != nil {
				t.Fatal(err)
			}
			got := dropoutMoments(target, 1-rate, selu51.Saturation(), a, b)
			if math.Abs(got.Mean-target.Mean) > 1e-14 || math.Abs(got.Var-target.Var) > 1e-14*target.Var {
				t.Errorf("target %v rate %v: dropout moments %v", target, rate, got)
			}
		}
	}
	for _, test := range []struct {
		c      mapping.Constants
		target mapping.Point
		rate   float64
	}{
		{mapping.Paper(), mapping.Point{Var: 1}, 1},
		{mapping.Paper(), mapping.Point{Var: 1}, -0.1},
		{mapping.Paper(), mapping.Point{Var: 1}, math.NaN()},
		{mapping.Paper(), mapping.Point{Var: 0}, 0.1},
		{mapping.Paper(), mapping.Point{Mean: math.Inf(1), Var: 1}, 0.1},
		{mapping.Constants{Lambda: 1, Alpha: -1}, mapping.Point{Var: 1}, 0.1},
	} {
		if _, _, err := test.c.AlphaDropout(test.target, test.rate); err == nil {
			t.Errorf("%v.AlphaDropout(%v, %v): no error", test.c, test.target, test.rate)
		}
	}
}

// The dropout masks keep the fraction q of the units.
func TestKeepThreshold(t *testing.T) {
	t.Parallel()
	for _, q := range []float64{0, 0.5, 0.9, 1} {
		rng := stream(1, streamDropout, 1, 0)
		th := keepThreshold(q)
		const n = 200000
		kept := 0
		for range n {
			if rng.Uint64() < th {
				kept++
			}
		}
		se := math.Sqrt(q * (1 - q) / n)
		if got := float64(kept) / n; math.Abs(got-q) > 5*se+1e-12 {
			t.Errorf("q = %v: kept fraction %v (se %.2g)", q, got, se)
		}
	}
}
