package mapping

import (
	"math"
	"testing"
)

// TestSolveLeCun compares SolveLeCun and LeCunLayer.Slope with
// testdata/lecun.txt, written by testdata/gen_lecun.py (mpmath at 60
// digits, root-finding on the moment equations evaluated by quadrature, so
// independent of the closed forms and the quadratic used here).
func TestSolveLeCun(t *testing.T) {
	const tol = 1e-13 // relative, float64 with a few roundings
	for _, r := range readTable(t, "lecun.txt", 6) {
		mu, nu, tau := r[0], r[1], r[2]
		c, err := SolveLeCun(Point{Mean: mu, Var: nu}, tau)
		if err != nil {
			t.Errorf("SolveLeCun(%v, %v, τ=%v): %v", mu, nu, tau, err)
			continue
		}
		l := LeCunLayer{Constants: c, Tau: tau}
		for _, f := range []struct {
			name      string
			got, want float64
			tol       float64
		}{
			{"λ", c.Lambda, r[3], tol},
			{"α", c.Alpha, r[4], tol},
			{"slope", l.Slope(nu + mu*mu), r[5], 1e-12},
			{"ρ", l.Stability(mu, nu).SpectralRadius, r[5], 1e-12},
			{"μ̃", l.Moments(mu, nu).Mean, mu, 1e-13},
			{"ν̃", l.Moments(mu, nu).Var, nu, 1e-13},
		} {
			if d := math.Abs(f.got - f.want); d > f.tol*math.Max(1, math.Abs(f.want)) {
				t.Errorf("(%v, %v, τ=%v) %s = %.17g, want %.17g (mpmath)", mu, nu, tau, f.name, f.got, f.want)
			}
		}
	}
}

// TestLeCunMatchesPaperAtZeroMean checks the claim of the LeCunLayer doc:
// for μ* = 0 and τ = 1 the constants are the paper's λ01, α01 (Eq. 14),
// and the random-weight map's slope is the paper map's ρ at (0, 1).
func TestLeCunMatchesPaperAtZeroMean(t *testing.T) {
	c, err := SolveLeCun(Point{Mean: 0, Var: 1}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(c.Lambda-Paper().Lambda) > 4e-16 || math.Abs(c.Alpha-Paper().Alpha) > 4e-15 {
		t.Errorf("SolveLeCun(0, 1) = %v, want the paper's %v", c, Paper())
	}
	rho := Standard().Stability(0, 1).SpectralRadius
	if got := (LeCunLayer{Constants: Paper(), Tau: 1}).Stability(0, 1).SpectralRadius; math.Abs(got-rho) > 1e-13 {
		t.Errorf("ρ = %v, want the paper map's %v", got, rho)
	}
}

func TestSolveLeCunErrors(t *testing.T) {
	for _, c := range []struct {
		p   Point
		tau float64
	}{
		{Point{0, 0}, 1}, {Point{0, -1}, 1}, {Point{math.NaN(), 1}, 1}, {Point{0, math.Inf(1)}, 1},
		{Point{0, 1}, 0}, {Point{0, 1}, math.NaN()}, {Point{0, 1}, math.Inf(1)},
		{Point{3, 1}, 1},  // mean too large for the variance: μ/√q ≥ A/√C
		{Point{-2, 1}, 1}, // below the negative edge
	} {
		if k, err := SolveLeCun(c.p, c.tau); err == nil {
			t.Errorf("SolveLeCun(%v, τ=%v) = %v, want an error", c.p, c.tau, k)
		}
	}
}

// TestLeCunOrbit: the random-weight map with SolveLeCun's constants for
// (0.5, 1) brings a start at (1.5, 2) to the target (slope 0.985 < 1),
// while with the paper-convention constants for the same target (which
// assume Σw = 0 exactly) the pooled statistics grow without bound.
func TestLeCunOrbit(t *testing.T) {
	target := Point{Mean: 0.5, Var: 1}
	c, err := SolveLeCun(target, 1)
	if err != nil {
		t.Fatal(err)
	}
	r, err := LeCunLayer{Constants: c, Tau: 1}.Orbit(Point{Mean: 1.5, Var: 2}, &OrbitSettings{MaxSteps: 5000, Target: &target, TargetTol: 1e-8})
	if err != nil || r.Status != Converged {
		t.Errorf("random-weight constants: %+v, %v; want Converged", r, err)
	}
	paper, err := Normalized().Solve(target)
	if err != nil {
		t.Fatal(err)
	}
	r, err = LeCunLayer{Constants: paper, Tau: 1}.Orbit(Point{Mean: 0.5, Var: 1.01}, &OrbitSettings{MaxSteps: 5000, Target: &target, TargetTol: 1e-8, ExplodeVar: 1e12})
	if err != nil || r.Status != Exploded {
		t.Errorf("paper-convention constants under random weights: %+v, %v; want Exploded", r, err)
	}
	if _, err := (LeCunLayer{Constants: c, Tau: 1}).Orbit(Point{Mean: 0, Var: 0}, nil); err == nil {
		t.Error("Orbit from (0, 0): want an error")
	}
}

// FuzzSolveLeCun: SolveLeCun never panics; it returns an error or
// constants with λ, α > 0 under which the target is a fixed point of the
// random-weight map (to 1e-9 relative, where the target is not too close
// to the feasible edges for float64 to resolve it).
func FuzzSolveLeCun(f *testing.F) {
	f.Add(0.5, 1.0, 1.0)
	f.Add(0.0, 1.0, 1.0)
	f.Add(-0.3, 0.5, 1.0)
	f.Add(0.68, 1.0, 1.0)
	f.Add(1e-300, 1e-300, 1e300)
	f.Fuzz(func(t *testing.T, mu, nu, tau float64) {
		c, err := SolveLeCun(Point{Mean: mu, Var: nu}, tau)
		if err != nil {
			return
		}
		if !(c.Lambda > 0 && c.Alpha > 0) {
			t.Fatalf("SolveLeCun(%v, %v, τ=%v) = %+v without error", mu, nu, tau, c)
		}
		if !(nu > 1e-4 && nu < 1e4 && tau > 1e-2 && tau < 1e2 && c.Alpha > 1e-3 && c.Alpha < 1e3) {
			return // far from where float64 moments are checked to 1e-9
		}
		m := LeCunLayer{Constants: c, Tau: tau}.Moments(mu, nu)
		if math.Abs(m.Mean-mu) > 1e-9*math.Sqrt(nu+mu*mu) || math.Abs(m.Var-nu) > 1e-9*(nu+mu*mu) {
			t.Errorf("SolveLeCun(%v, %v, τ=%v) = %+v: moments (%v, %v)", mu, nu, tau, c, m.Mean, m.Var)
		}
	})
}

// TestFeasibleMeansLeCun checks the edges against SolveLeCun: a mean 1e-6
// (relative) inside an edge is solved, one outside is infeasible; bad
// input is an error.
func TestFeasibleMeansLeCun(t *testing.T) {
	for _, tau := range []float64{0.5, 1, 2} {
		for _, nu := range []float64{0.25, 1, 4} {
			lo, hi, err := FeasibleMeansLeCun(nu, tau)
			if err != nil || !(lo < 0) || math.IsInf(lo, 0) {
				t.Fatalf("FeasibleMeansLeCun(%v, %v) = %v, %v, %v", nu, tau, lo, hi, err)
			}
			for _, c := range []struct {
				mean float64
				ok   bool
			}{{lo * (1 - 1e-6), true}, {lo * (1 + 1e-6), false}, {hi * (1 - 1e-6), true}, {hi * (1 + 1e-6), false}} {
				_, err := SolveLeCun(Point{Mean: c.mean, Var: nu}, tau)
				if (err == nil) != c.ok {
					t.Errorf("ν = %v, τ = %v, edges (%v, %v): mean %v solved = %v, want %v (%v)", nu, tau, lo, hi, c.mean, err == nil, c.ok, err)
				}
			}
		}
	}
	for _, bad := range [][2]float64{{0, 1}, {-1, 1}, {math.NaN(), 1}, {math.Inf(1), 1}, {1, 0}, {1, math.NaN()}} {
		if _, _, err := FeasibleMeansLeCun(bad[0], bad[1]); err == nil {
			t.Errorf("FeasibleMeansLeCun(%v, %v): no error", bad[0], bad[1])
		}
	}
}
