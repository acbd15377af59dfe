package report

import (
	"context"
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

// TestClassify checks the feasibility classes against facts of docs/model.md §3–4:
// with ω = 0, ν* = 1 the upper edge is μ* = √(1/(π−1)) ≈ 0.6833, S > 1 above
// μ* ≈ 0.5135 while ρ < 1 across the feasible range; (0, 1) contracts.
func TestClassify(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		mu, nu float64
		want   class
	}{
		{0, 1, classContracting},
		{0.5, 1, classContracting},
		{0.53, 1, classStable},
		{0.68, 1, classStable},
		{0.69, 1, classInfeasible},
		{0, 4, classContracting},
	} {
		if got, _ := mapping.Normalized().Classify(mapping.Point{Mean: c.mu, Var: c.nu}); got != c.want {
			t.Errorf("classify(paper, %v, %v) = %v, want %v", c.mu, c.nu, classNames[got], classNames[c.want])
		}
	}
}

func TestIterate(t *testing.T) {
	t.Parallel()
	l := mapping.Standard()
	fixed := point{0, 1}
	iterate := func(l layerMap, fixed point, mu, nu, _ float64, maxSteps int) (outcome, int) {
		return basinOutcome(l, basinSettings(fixed, maxSteps), mu, nu)
	}
	if o, n := iterate(l, fixed, 0, 1, 1, 10); o != outConverged || n != 0 {
		t.Errorf("start at the fixed point: %v after %d steps, want converged after 0", outcomeName(o), n)
	}
	if o, n := iterate(l, fixed, 0.3, 0.5, 1, 200); o != outConverged || n == 0 {
		t.Errorf("start (0.3, 0.5): %v after %d steps, want converged after > 0", outcomeName(o), n)
	}
	if o, n := iterate(l, fixed, 0.3, 0.5, 1, 2); o != outNotConverged || n != 2 {
		t.Errorf("start (0.3, 0.5), 2 steps: %v after %d steps, want not converged after 2", outcomeName(o), n)
	}
	if o, _ := iterate(l, fixed, 0, 1e9, 1, 10); o != outExploded {
		t.Errorf("start (0, 1e9): %v, want diverges", outcomeName(o))
	}
	if o, _ := iterate(l, fixed, 0, 1e-12, 1, 10); o != outCollapsed {
		t.Errorf("start (0, 1e-12): %v, want collapses", outcomeName(o))
	}
}

func TestRatText(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"0", "0"}, {"4", "4"}, {"-1/10", "-0.1"}, {"1/3", "1/3"}, {"3/8", "0.375"}, {"-7/2", "-3.5"}, {"1/1024", "0.0009765625"},
	} {
		r, _ := new(big.Rat).SetString(c.in)
		if got := ratText(r); got != c.want {
			t.Errorf("ratText(%s) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	t.Parallel()
	res := solved(t, "0", "1", "", "")
	for _, c := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"no result", Config{MC: MCConfig{Off: true}}, "Result is nil"},
		{"huge grid", Config{Result: res, GridN: 5000}, "GridN"},
		{"tiny grid", Config{Result: res, BasinN: 1}, "BasinN"},
		{"huge MC", Config{Result: res, MC: MCConfig{Width: 4096, Depth: 1000, Batch: 65536}}, "Monte Carlo"},
		{"dropout rate", Config{Result: res, MC: MCConfig{DropoutRate: 1}}, "dropout rate"},
		{"NaN dropout rate", Config{Result: res, MC: MCConfig{DropoutRate: math.NaN()}}, "dropout rate"},
	} {
		_, err := build(context.Background(), c.cfg)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.want)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := build(ctx, smallConfig(t, "0", "1")); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: error %v, want context.Canceled", err)
	}
}

// TestNotebookConvention builds the report for the notebook's example
// (−0.1, 2) with ω = 1, τ = 1 (docs/model.md §4): its fixed point is unstable
// (docs/model.md §1), the certificate must fail, and LeCun weights, which
// realize only ω = 0, are not simulated.
func TestNotebookConvention(t *testing.T) {
	t.Parallel()
	c := smallConfig(t, "0", "1")
	c.Result = solved(t, "-0.1", "2", "1", "1")
	d, err := build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	// The notebook prints λ = 1.073851239616046, α = 1.9769021954242014.
	if math.Abs(d.Constants.LambdaF-1.073851239616046) > 1e-14 || math.Abs(d.Constants.AlphaF-1.9769021954242014) > 1e-14 {
		t.Errorf("λ, α = %v, %v; the notebook prints 1.073851239616046, 1.9769021954242014", d.Constants.LambdaF, d.Constants.AlphaF)
	}
	if d.Convention.Name != "notebook" || d.Verdict.Stable() {
		t.Errorf("convention %q, stable %v; want notebook, unstable", d.Convention.Name, d.Verdict.Stable())
	}
	if d.Verdict.Certified == nil || *d.Verdict.Certified || d.Certificate == nil || !strings.Contains(d.Certificate.Claim, "false") {
		t.Errorf("certificate %+v: want a failed proof with the prover's reason", d.Certificate)
	}
	if d.MonteCarlo == nil || len(d.MonteCarlo.Runs) != 2 || !strings.Contains(d.MonteCarlo.Note, "Random (LeCun) weights are not run") {
		t.Fatalf("Monte Carlo %+v: want the two exact-weight networks", d.MonteCarlo)
	}
	for _, r := range d.MonteCarlo.Runs {
		if r.Weights != "exact" {
			t.Errorf("run %q with %s weights", r.Name, r.Weights)
		}
	}
	var page strings.Builder
	if err := render(&page, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page.String(), "Unstable.") || !strings.Contains(page.String(), "getSELUparameters.ipynb") {
		t.Error("the page does not say the fixed point is unstable and the convention is the notebook's")
	}
}

// TestNotebookDropoutWording builds the notebook's (0, 1) report, whose
// fixed point repels without dropout (ρ = 1.077) and attracts with it
// (ρ = 0.934 at rate 0.1): at that ρ the dropout network is still short of
// the target after the simulated depth, so the page must not promise that
// it stays on target, whatever the verdicts below it say.
func TestNotebookDropoutWording(t *testing.T) {
	t.Parallel()
	c := smallConfig(t, "0", "1")
	c.Result = solved(t, "0", "1", "1", "1")
	_, p := buildPage(t, c)
	if !strings.Contains(p, "repels without dropout") || strings.Contains(p, "stays on target") || !strings.Contains(p, "drawn back towards the target") {
		t.Error("the dropout paragraph is missing or promises that the dropout network stays on target")
	}
}
