package report

import (
	"context"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/montecarlo"
	"github.com/selu-tool/selu/solver"
)

// cliRun is what selu-solve mc prints for one of the report's networks:
// montecarlo.Run with the same sizes, seed, constants and initialization,
// inputs N(μ* + 1, 2ν*) and float64, and its verdict Agreement(3).
func cliRun(t *testing.T, m MCConfig, target mapping.Point, w mapping.Weights, c mapping.Constants, init montecarlo.Init, rate float64) *montecarlo.Result {
	t.Helper()
	cfg := &montecarlo.Config{
		Width: m.Width, Depth: m.Depth, Batch: m.Batch, DType: montecarlo.Float64,
		Constants: c, Target: target, Init: init,
		InputMean: target.Mean + 1, InputVar: 2 * target.Var,
		DropoutRate: rate, Seed: m.Seed,
	}
	if init.Kind == montecarlo.Exact {
		cfg.Weights = w
	}
	out, err := montecarlo.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkAgainstCLI compares every network of d in the group (mcRun.Weights)
// run with constants c and initialization init with cliRun:
// the same per-layer prediction (the random-weight map iterated from the
// measured input moments, as selu-solve mc prints it) and the same
// verdict.
func checkAgainstCLI(t *testing.T, name string, d *reportData, m MCConfig, group string, w mapping.Weights, c mapping.Constants, init montecarlo.Init, wantRuns int) {
	t.Helper()
	target := mapping.Point{Mean: d.Target.Mean, Var: d.Target.Var}
	n := 0
	for _, r := range d.MonteCarlo.Runs {
		if r.Weights != group {
			continue
		}
		n++
		out := cliRun(t, m, target, w, c, init, r.Dropout)
		for l, s := range out.Layers {
			if r.Mean[l] != s.Mean || r.Var[l] != s.Var || r.PredMean[l] != s.PredictedMean || r.PredVar[l] != s.PredictedVar {
				t.Errorf("%s: %s, layer %d: report (%v, %v) predicted (%v, %v); selu-solve mc (%v, %v) predicted (%v, %v)",
					name, r.Name, l+1, r.Mean[l], r.Var[l], r.PredMean[l], r.PredVar[l], s.Mean, s.Var, s.PredictedMean, s.PredictedVar)
				break
			}
		}
		ag := out.Agreement(3)
		if r.Converged != ag.Converged || r.Undecided != ag.Undecided {
			t.Errorf("%s: %s: report's verdict converged = %v (%q), selu-solve mc's %v (%q)", name, r.Name, r.Converged, r.Undecided, ag.Converged, ag.Undecided)
		}
	}
	if n != wantRuns {
		t.Errorf("%s: %d networks of group %s, want %d", name, n, group, wantRuns)
	}
}

// TestWeightScaleNotOne builds reports whose weights have τ ≠ 1, as
// selu-solve report --tau 2 and --weights gain=2 make them. With ω = 0 the
// report runs random-weight networks N(0, τ/n) next to the exact rows; they
// must be run with that scale, not rejected for a τ the random draw has
// only in expectation, and agree with selu-solve mc --weights gain=√τ.
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
		gain float64
		runs string // the random-weight networks' name
	}{
		{"exact rows, τ = 2", exact, math.Sqrt(2), "random N(0, 2/n)"},
		{"gain=2", random, 2, "random N(0, 4/n)"},
	} {
		c := smallConfig(t, "0", "1")
		c.Result = tc.res
		d, err := build(context.Background(), c)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		for _, r := range d.MonteCarlo.Runs {
			if r.Weights == "lecun" && !strings.HasPrefix(r.Name, tc.runs) {
				t.Errorf("%s: network %q: want it named %q", tc.name, r.Name, tc.runs)
			}
		}
		checkAgainstCLI(t, tc.name, d, c.MC, "lecun", tc.res.Weights, tc.res.Constants, montecarlo.Init{Kind: montecarlo.Gain, Gain: tc.gain}, 2)
		var page strings.Builder
		if err := render(&page, d); err != nil {
			t.Fatal(err)
		}
		if p := page.String(); strings.Contains(p, "(LeCun) weights, ±2") || !strings.Contains(p, "with "+strings.Replace(tc.runs, "random", "random weights", 1)+", ±2 standard errors") {
			t.Errorf("%s: the captions of the random-weight plots do not name %s", tc.name, tc.runs)
		}
	}
}

// TestRandomWeightsVerdictAsCLI builds the Monte Carlo section of
// selu-solve report --weights lecun --mean 0.5 --var 1 at the report's
// default sizes (width 256, depth 32, batch 128, seed 1). There the
// random-weight map's slope is 0.985: after 32 layers from N(1.5, 2) the
// map itself is still at about (0.79, 2.2), and the finite-width tolerance
// is as wide as the target, so selu-solve mc does not call the network
// converged (exit status 1). The report must give the same verdict, not
// "at target".
func TestRandomWeightsVerdictAsCLI(t *testing.T) {
	t.Parallel()
	tg, _ := solver.ParseTarget("0.5", "1")
	res, err := solver.SolveLeCun(tg, nil, &solver.Options{DropoutRates: []float64{0.1}})
	if err != nil {
		t.Fatal(err)
	}
	m := MCConfig{Width: 256, Depth: 32, Batch: 128, Seed: 1, DropoutRate: 0.1}
	c := Config{Result: res, FieldN: 5, GridN: 4, BasinN: 4, FeasibleN: 4, CurveN: 10, MaxSteps: 50, MC: m,
		Verify: VerifyConfig{Off: true}, Tradeoff: TradeoffConfig{Off: true}}
	d, err := build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	checkAgainstCLI(t, "lecun (0.5, 1)", d, m, "lecun", res.Weights, res.Constants, montecarlo.Init{Kind: montecarlo.LeCun}, 2)
	var page strings.Builder
	if err := render(&page, d); err != nil {
		t.Fatal(err)
	}
	for _, run := range []string{"LeCun weights", "LeCun, dropout 0.1"} {
		if row := "<th scope=\"row\">" + run + "</th>"; !strings.Contains(page.String(), row) {
			t.Errorf("no row %q in the table", run)
		}
	}
	if n := strings.Count(page.String(), ">at target</td>"); n != 2 {
		t.Errorf("%d networks at target, want 2 (the paper's constants with exact rows)", n)
	}
}
