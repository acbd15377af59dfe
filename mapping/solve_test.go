package mapping

import (
	"errors"
	"math"
	"testing"
)

// TestSolveReference compares Weights.Solve and Weights.Feasible with
// testdata/solve.txt (gen_model.py: mpmath at 60 digits, α by bisection on
// the fixed point's ratio (A + αB)/√(C + α²D), not by the quadratic the Go
// code solves). Away from the edges (the target's ratio more than 1e-3
// from a bound, relative to the gap between the bounds) λ and α must agree
// to 1e-13 relative; closer, to 1e-13 divided by the relative distance.
func TestSolveReference(t *testing.T) {
	rows := readTable(t, "solve.txt", 9)
	var nFeasible, nInfeasible int
	for _, r := range rows {
		w := Weights{Omega: r[0], Tau: r[1]}
		p := Point{Mean: r[2], Var: r[3]}
		feasible := r[4] == 1
		h := p.Mean / math.Sqrt(p.Var+p.Mean*p.Mean)
		dist := math.Min(h-r[7], r[8]-h) / (r[8] - r[7]) // relative distance to the nearer edge
		ok, decided := w.Feasible(p)
		if decided && ok != feasible {
			t.Errorf("Feasible(%v) at %v = %v, want %v", p, w, ok, feasible)
		}
		if !decided && math.Abs(dist) > 1e-10 {
			t.Errorf("Feasible(%v) at %v undecided %g from an edge", p, w, dist)
		}
		c, err := w.Solve(p)
		if !feasible {
			nInfeasible++
			var ie *InfeasibleError
			if err == nil || !errors.Is(err, ErrInfeasible) || !errors.As(err, &ie) {
				t.Errorf("Solve(%v) at %v = %v, %v; want an InfeasibleError", p, w, c, err)
				continue
			}
			if relErr(ie.Lower, r[7]) > 1e-12 || relErr(ie.Upper, r[8]) > 1e-12 {
				t.Errorf("Solve(%v) at %v: bounds (%v, %v), want (%v, %v)", p, w, ie.Lower, ie.Upper, r[7], r[8])
			}
			continue
		}
		nFeasible++
		if err != nil {
			t.Errorf("Solve(%v) at %v: %v", p, w, err)
			continue
		}
		tol := 1e-13
		if dist < 1e-3 {
			tol = 1e-13 / dist
		}
		if e := relErr(c.Lambda, r[5]); e > tol {
			t.Errorf("Solve(%v) at %v: λ = %v, want %v (rel. err %.2g > %.2g)", p, w, c.Lambda, r[5], e, tol)
		}
		if e := relErr(c.Alpha, r[6]); e > tol {
			t.Errorf("Solve(%v) at %v: α = %v, want %v (rel. err %.2g > %.2g)", p, w, c.Alpha, r[6], e, tol)
		}
	}
	if nFeasible < 300 || nInfeasible < 100 {
		t.Errorf("solve.txt has %d feasible and %d infeasible targets: want both kinds", nFeasible, nInfeasible)
	}
}

// TestSolvePaper checks that the paper's target (0, 1) at ω = 0, τ = 1
// gives λ01, α01 (Eq. 14, to 32 digits in Paper) and that the solved
// layer maps the target onto itself.
func TestSolvePaper(t *testing.T) {
	c, err := Normalized.Solve(Point{0, 1})
	if err != nil {
		t.Fatal(err)
	}
	if relErr(c.Lambda, Paper.Lambda) > 4e-16 || relErr(c.Alpha, Paper.Alpha) > 4e-16 {
		t.Errorf("Solve(0, 1) = %+v, want %+v", c, Paper)
	}
	for _, p := range []Point{{0, 1}, {0.2, 1.3}, {-0.4, 0.7}} {
		c, err := Normalized.Solve(p)
		if err != nil {
			t.Fatal(err)
		}
		mo := Layer{c, Normalized}.Moments(p.Mean, p.Var)
		if math.Abs(mo.Mean-p.Mean) > 1e-14 || relErr(mo.Var, p.Var) > 1e-14 {
			t.Errorf("g(%v) = (%v, %v) with the solved constants %+v", p, mo.Mean, mo.Var, c)
		}
	}
}

// TestSolveInvalid checks the errors for bad weights and targets.
func TestSolveInvalid(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, tc := range []struct {
		w Weights
		p Point
	}{
		{Normalized, Point{nan, 1}}, {Normalized, Point{inf, 1}}, {Normalized, Point{0, 0}},
		{Normalized, Point{0, -1}}, {Normalized, Point{0, inf}}, {Weights{0, 0}, Point{0, 1}},
		{Weights{nan, 1}, Point{0, 1}}, {Weights{1, 1}, Point{1e200, 1}},
		{Weights{1e300, 1}, Point{1e10, 1}},
	} {
		c, err := tc.w.Solve(tc.p)
		if err == nil || errors.Is(err, ErrInfeasible) {
			t.Errorf("Solve(%v) at %v = %v, %v; want a validation error", tc.p, tc.w, c, err)
		}
		if ok, decided := tc.w.Feasible(tc.p); ok || decided {
			t.Errorf("Feasible(%v) at %v = %v, %v; want false, false", tc.p, tc.w, ok, decided)
		}
	}
}

// TestFeasibleMeans compares Weights.FeasibleMeans with testdata/edges.txt
// (gen_model.py: mpmath at 60 digits; closed forms for ω = 0, a scan and
// bisection otherwise) to 1e-12 relative, and checks that targets just
// inside the edges are solved and targets just outside are not.
func TestFeasibleMeans(t *testing.T) {
	for _, r := range readTable(t, "edges.txt", 5) {
		w := Weights{Omega: r[0], Tau: r[1]}
		nu := r[2]
		lo, hi, err := w.FeasibleMeans(nu)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range []struct {
			name      string
			got, want float64
		}{{"lo", lo, r[3]}, {"hi", hi, r[4]}} {
			if math.IsInf(e.want, 0) {
				if e.got != e.want {
					t.Errorf("FeasibleMeans(%v) at %v: %s = %v, want %v", nu, w, e.name, e.got, e.want)
				}
				continue
			}
			if relErr(e.got, e.want) > 1e-12 {
				t.Errorf("FeasibleMeans(%v) at %v: %s = %v, want %v", nu, w, e.name, e.got, e.want)
			}
			for _, f := range []float64{1 - 1e-6, 1 + 1e-6} {
				p := Point{e.want * f, nu}
				_, err := w.Solve(p)
				if inside := f < 1; inside != (err == nil) {
					t.Errorf("Solve(%v) at %v (edge %s = %v): %v", p, w, e.name, e.want, err)
				}
			}
		}
	}
	if _, _, err := Normalized.FeasibleMeans(0); err == nil {
		t.Error("FeasibleMeans(0): no error")
	}
	// The closed form at ω = 0: hi = √(ν/(π − 1)).
	if _, hi, _ := Normalized.FeasibleMeans(2); relErr(hi, math.Sqrt(2/(math.Pi-1))) > 1e-15 {
		t.Errorf("FeasibleMeans(2): hi = %v, want √(2/(π−1)) = %v", hi, math.Sqrt(2/(math.Pi-1)))
	}
}

// TestAlphaDropoutReference compares Constants.AlphaDropout with
// testdata/dropout.txt (gen_model.py: mpmath at 60 digits, a and b from
// the mean and variance of the dropped-out activation taken directly) to
// 1e-14 (relative for a, absolute in units of √ν + |b| for b).
func TestAlphaDropoutReference(t *testing.T) {
	for _, r := range readTable(t, "dropout.txt", 7) {
		c := Constants{Lambda: r[0], Alpha: r[1]}
		p := Point{r[2], r[3]}
		a, b, err := c.AlphaDropout(p, r[4])
		if err != nil {
			t.Fatal(err)
		}
		if relErr(a, r[5]) > 1e-14 || math.Abs(b-r[6]) > 1e-14*(math.Sqrt(p.Var)+math.Abs(r[6])) {
			t.Errorf("AlphaDropout(%v, %v) with %+v = %v, %v; want %v, %v", p, r[4], c, a, b, r[5], r[6])
		}
	}
	// the paper's rates for (0, 1): a = (q + α'²q(1−q))^(−1/2), b = −a(1−q)α'
	q := 0.95
	sat := Paper.Saturation()
	a, b, _ := Paper.AlphaDropout(Point{0, 1}, 1-q)
	wa := 1 / math.Sqrt(q+sat*sat*q*(1-q))
	if relErr(a, wa) > 1e-15 || relErr(b, -wa*(1-q)*sat) > 1e-14 {
		t.Errorf("AlphaDropout(rate 0.05) = %v, %v; want %v, %v", a, b, wa, -wa*(1-q)*sat)
	}
	for _, tc := range []struct {
		c    Constants
		p    Point
		rate float64
	}{
		{Paper, Point{0, 1}, 1}, {Paper, Point{0, 1}, -0.1}, {Paper, Point{0, 1}, math.NaN()},
		{Paper, Point{0, 0}, 0.1}, {Paper, Point{math.Inf(1), 1}, 0.1},
		{Constants{1, 0}, Point{0, 1}, 0.1}, {Constants{0, 1}, Point{0, 1}, 0.1},
	} {
		if a, b, err := tc.c.AlphaDropout(tc.p, tc.rate); err == nil {
			t.Errorf("AlphaDropout(%v, %v) with %+v = %v, %v; want an error", tc.p, tc.rate, tc.c, a, b)
		}
	}
}

// TestGradientGrowthReference compares Layer.GradientGrowth with
// testdata/chi.txt (gen_model.py: mpmath quadrature of τ·selu'(z)² against
// the Gaussian density at 60 digits) to 1e-13 relative.
func TestGradientGrowthReference(t *testing.T) {
	for _, r := range readTable(t, "chi.txt", 7) {
		l := Layer{Constants{r[0], r[1]}, Weights{r[2], r[3]}}
		p := Point{r[4], r[5]}
		if got := l.GradientGrowth(p); relErr(got, r[6]) > 1e-13 {
			t.Errorf("GradientGrowth(%v) of %+v = %v, want %v (rel. err %.2g)", p, l, got, r[6], relErr(got, r[6]))
		}
	}
	if g := Standard.GradientGrowth(Point{0, 0}); !math.IsNaN(g) {
		t.Errorf("GradientGrowth(0, 0) = %v, want NaN", g)
	}
}
