package report

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/solver"
)

// TestWeightScaleNotOne builds reports whose weights have τ ≠ 1, as
// selu-solve report --tau 2 and --weights gain=2 make them. With ω = 0 the
// report runs random-weight networks N(0, τ/n) next to the exact rows; they
// must be run with that scale (and predicted by the random-weight map of
// that τ, from the inputs N(μ* + 1, 2ν*)), not rejected for a τ the random draw has only in expectation.
func TestWeightScaleNotOne(t *testing.T) {
	t.Parallel()
	tg, err := solver.ParseTarget("0", "1")
	if err != nil {
		t.Fatal(err)
	}
	o := &solver.Options{DropoutRates: []float64{0.1}}
	exact := solved(t, "0", "1", "0", "2")
	random, err := solver.SolveLeCun(tg, big.NewRat(4, 1), o)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		res  *solver.Result
		tau  float64
		runs string // the random-weight networks' name
	}{
		{"exact rows, τ = 2", exact, 2, "random N(0, 2/n)"},
		{"gain=2", random, 4, "random N(0, 4/n)"},
	} {
		c := smallConfig(t, "0", "1")
		c.Result = tc.res
		d, err := build(context.Background(), c)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		n := 0
		for _, r := range d.MonteCarlo.Runs {
			if r.Weights != "lecun" {
				continue
			}
			n++
			if !strings.HasPrefix(r.Name, tc.runs) {
				t.Errorf("%s: network %q: want it named %q", tc.name, r.Name, tc.runs)
			}
			mean, variance := predictRandom(tc.res.Constants, tc.tau, mapping.Point{Mean: 0, Var: 1}, 1, 2, r.Dropout, c.MC.Depth)
			if r.PredVar[len(r.PredVar)-1] != variance[len(variance)-1] || r.PredMean[0] != mean[0] {
				t.Errorf("%s: %s predicted (%v, %v), want the random-weight map with τ = %v: (%v, %v)",
					tc.name, r.Name, r.PredMean[0], r.PredVar[len(r.PredVar)-1], tc.tau, mean[0], variance[len(variance)-1])
			}
		}
		if n != 2 {
			t.Errorf("%s: %d random-weight networks, want 2 (with and without dropout)", tc.name, n)
		}
	}
}
