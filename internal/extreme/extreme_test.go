package extreme

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/selu-tool/selu/diagnose"
	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/solver"
	"github.com/selu-tool/selu/verify"
)

// special are values at the edges of float64 and of the model's domain.
var special = []float64{
	0, 5e-324, 2.2250738585072014e-308, 1e-300, 1e-160, 1e-20, 1e-8, 1e-5,
	0.5, 1, 1.0507009873554805, 1.6732632423543772, 2, 5, 10, 37, 1e5, 1e20, 1e150, 1e300,
	math.MaxFloat64,
}

// extremeFloat draws a finite float64: a special value or a log-uniform
// magnitude over the whole float64 range, either sign when signed.
func extremeFloat(r *rand.Rand, signed bool) float64 {
	var x float64
	if r.IntN(2) == 0 {
		x = special[r.IntN(len(special))]
	} else {
		x = math.Pow(10, -323+631*r.Float64())
		if math.IsInf(x, 0) {
			x = math.MaxFloat64
		}
	}
	if signed && r.IntN(2) == 0 {
		x = -x
	}
	return x
}

// positive draws an extreme finite float64 > 0.
func positive(r *rand.Rand) float64 {
	for {
		if x := extremeFloat(r, false); x > 0 {
			return x
		}
	}
}

// noPanic calls f and turns a panic into a test error naming the inputs.
func noPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Errorf("%s panicked: %v\n%s", what, p, firstLines(string(debug.Stack()), 12))
		}
	}()
	f()
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// checkSolve runs solver.Solve and solver.FeasibleMeans on one problem.
func checkSolve(t *testing.T, mean, variance, omega, tau float64, digits int) {
	t.Helper()
	what := fmt.Sprintf("solver with μ*=%g ν*=%g ω=%g τ=%g digits=%d", mean, variance, omega, tau, digits)
	opts := &solver.Options{Omega: new(big.Rat).SetFloat64(omega), Tau: new(big.Rat).SetFloat64(tau), Digits: digits,
		DropoutRates: []float64{0.05, 0.1}}
	noPanic(t, what+": Solve", func() {
		res, err := solver.Solve(solver.NewTarget(mean, variance), opts)
		if err != nil {
			if msg := err.Error(); strings.Contains(msg, "\n") || len(msg) > 1000 {
				t.Errorf("%s: error is not one short line: %.300q", what, msg)
			}
			return
		}
		// λ and α are big.Float values: they may exceed the float64 range
		// (tiny τ) but must be finite and positive.
		if res.Lambda.IsInf() || res.Alpha.IsInf() || res.Lambda.Sign() <= 0 || res.Alpha.Sign() <= 0 {
			t.Errorf("%s: λ = %v, α = %v accepted", what, res.Lambda, res.Alpha)
		}
		for _, s := range []string{res.Text(res.Lambda), res.Text(res.Alpha)} {
			if strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
				t.Errorf("%s: constant written %q", what, s)
			}
		}
	})
	noPanic(t, what+": FeasibleMeans", func() {
		lo, hi, err := solver.FeasibleMeans(new(big.Rat).SetFloat64(variance), opts)
		if err == nil && (math.IsNaN(lo) || math.IsNaN(hi) || lo > hi) {
			t.Errorf("%s: feasible means (%v, %v)", what, lo, hi)
		}
	})
}

// checkMapping evaluates the float64 layer map at one point.
func checkMapping(t *testing.T, l mapping.Layer, mu, nu float64) {
	t.Helper()
	what := fmt.Sprintf("mapping with λ=%g α=%g ω=%g τ=%g at (%g, %g)", l.Lambda, l.Alpha, l.Omega, l.Tau, mu, nu)
	noPanic(t, what, func() {
		if l.Validate() != nil || l.ValidateInput(mu, nu) != nil {
			return
		}
		l.Moments(mu, nu)
		l.Jacobian(mu, nu)
		if s := l.Stability(mu, nu); s.Stable() && !finite(s.SpectralRadius, s.SpectralNorm) {
			t.Errorf("%s: called stable with ρ = %v, S = %v", what, s.SpectralRadius, s.SpectralNorm)
		}
		fp, err := l.FixedPoint(mapping.Point{Mean: mu, Var: nu}, nil)
		if err == nil && fp.Status == mapping.Converged && !finite(fp.Point.Mean, fp.Point.Var, fp.Stability.SpectralRadius) {
			t.Errorf("%s: converged to (%v, %v) with ρ = %v", what, fp.Point.Mean, fp.Point.Var, fp.Stability.SpectralRadius)
		}
		l.Iterate(mapping.Point{Mean: mu, Var: nu}, 5)
	})
}

// checkDiagnose analyses one initialization on a coarse search.
func checkDiagnose(t *testing.T, l mapping.Layer) {
	t.Helper()
	what := fmt.Sprintf("diagnose.Analyze with λ=%g α=%g ω=%g τ=%g", l.Lambda, l.Alpha, l.Omega, l.Tau)
	noPanic(t, what, func() {
		res, err := diagnose.Analyze(l, &diagnose.Search{PerDecade: 4, MeanStarts: 3, MaxSteps: 200})
		if err != nil {
			return
		}
		for _, fp := range res.FixedPoints {
			if !finite(fp.Mean, fp.Var, fp.Stability.SpectralRadius) || fp.Stable() && !finite(fp.GradientGrowth) {
				t.Errorf("%s: fixed point (%v, %v), ρ = %v, χ = %v", what, fp.Mean, fp.Var, fp.Stability.SpectralRadius, fp.GradientGrowth)
			}
		}
	})
}

// checkVerify runs the contraction prover on a small budget.
func checkVerify(t *testing.T, lambda, alpha, mean, variance float64) {
	t.Helper()
	what := fmt.Sprintf("verify.Contraction with λ=%g α=%g around (%g, %g)", lambda, alpha, mean, variance)
	noPanic(t, what, func() {
		b := verify.DefaultBox(mean, variance)
		if b.Validate() != nil {
			return
		}
		start := time.Now()
		c, err := contraction(lambda, alpha, b, &verify.Settings{MaxBoxes: 200, Timeout: 5 * time.Second})
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: took %v with a budget of 200 boxes", what, d)
		}
		if err == nil && c.Certified && !finite(c.MaxSpectralNorm) {
			t.Errorf("%s: certified with the bound S ≤ %v", what, c.MaxSpectralNorm)
		}
	})
}

// TestRandomExtremeInputs drives every entry point with seeded random
// extreme finite inputs (the same inputs on every run).
func TestRandomExtremeInputs(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 40
	}
	r := rand.New(rand.NewPCG(12, 2026))
	for range n {
		mean, variance := extremeFloat(r, true), positive(r)
		omega, tau := extremeFloat(r, true), positive(r)
		checkSolve(t, mean, variance, omega, tau, 1+r.IntN(40))
		l := mapping.Layer{
			Constants: mapping.Constants{Lambda: positive(r), Alpha: extremeFloat(r, false)},
			Weights:   mapping.Weights{Omega: omega, Tau: tau},
		}
		checkMapping(t, l, mean, variance)
		if r.IntN(4) == 0 {
			checkDiagnose(t, l)
		}
		if r.IntN(10) == 0 {
			checkVerify(t, l.Lambda, max(l.Alpha, 1e-300), mean, variance)
		}
		if t.Failed() && !testing.Verbose() {
			return // the first failures say enough
		}
	}
}

// The cases of the reliability review that crashed the library.
func TestKnownCrashes(t *testing.T) {
	for _, c := range [][4]float64{
		{0, 1, 5, 1}, {0, 1, 10, 1}, {0, 1, -1e20, 1}, {0.5, 1, 1, 1e-5}, {-0.1, 2.5, 0.5, 1e-5}, {-3, 1, 10, 0.5},
	} {
		checkSolve(t, c[0], c[1], c[2], c[3], 5)
	}
	checkMapping(t, mapping.Layer{Constants: mapping.Paper()}, 0, 5e-324)
	checkMapping(t, mapping.Layer{Constants: mapping.Constants{Lambda: 1e300, Alpha: 1e300}, Weights: mapping.Normalized()}, 0, 1e300)
	checkVerify(t, 1e300, 1e300, 0, 1)
}

func FuzzSolve(f *testing.F) {
	f.Add(0.0, 1.0, 0.0, 1.0, uint8(10))
	f.Add(0.0, 1.0, 5.0, 1.0, uint8(10))
	f.Add(-3.0, 1.0, 10.0, 0.5, uint8(5))
	f.Fuzz(func(t *testing.T, mean, variance, omega, tau float64, digits uint8) {
		if !finite(mean, variance, omega, tau) || variance <= 0 || tau <= 0 {
			return
		}
		checkSolve(t, mean, variance, omega, tau, 1+int(digits)%60)
	})
}

func FuzzMapping(f *testing.F) {
	f.Add(1.0507009873554805, 1.6732632423543772, 0.0, 1.0, 0.0, 1.0)
	f.Add(1e300, 1e300, 0.0, 1.0, 0.0, 1e300)
	f.Add(1.0507009873554805, 1.6732632423543772, 0.0, 1.0, 0.0, 5e-324)
	f.Fuzz(func(t *testing.T, lambda, alpha, omega, tau, mu, nu float64) {
		checkMapping(t, mapping.Layer{Constants: mapping.Constants{Lambda: lambda, Alpha: alpha}, Weights: mapping.Weights{Omega: omega, Tau: tau}}, mu, nu)
	})
}

func FuzzDiagnose(f *testing.F) {
	f.Add(1.0507009873554805, 1.6732632423543772, 0.0, 1.0)
	f.Add(1.0507009873554805, 1.6732632423543772, 0.0, 1e-320)
	f.Fuzz(func(t *testing.T, lambda, alpha, omega, tau float64) {
		checkDiagnose(t, mapping.Layer{Constants: mapping.Constants{Lambda: lambda, Alpha: alpha}, Weights: mapping.Weights{Omega: omega, Tau: tau}})
	})
}
