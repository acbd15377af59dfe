package mapping

import (
	"math"
	"testing"
)

// TestOrbit checks each Status of Layer.Orbit on layers whose fate is
// known: λ01, α01 with ω = 0, τ = 1 attract (0, 1) (Eq. 14, Theorem 1);
// with λ = 0.5 the variance shrinks by at least λ²·1.1 ≈ 0.28 a layer
// (ν̃ ≤ λ²·E selu₁(z)² ≤ λ²(ν/2 + α²ν/2)), so it collapses; with λ = 2 it
// grows by about λ²(½ − 1/(2π)) ≈ 1.36 a layer for large ν (the positive
// part alone), so it explodes.
func TestOrbit(t *testing.T) {
	fixed := Point{0, 1}
	for _, tc := range []struct {
		name   string
		l      Layer
		start  Point
		set    *OrbitSettings
		status Status
		want   *Point // the final point, if known
	}{
		{"converges", Standard, Point{0.5, 2}, nil, Converged, &fixed},
		{"reaches the target", Standard, Point{-0.3, 0.4}, &OrbitSettings{Target: &fixed}, Converged, nil},
		{"settles elsewhere", Standard, fixed, &OrbitSettings{Target: &Point{0.5, 1}}, Settled, &fixed},
		{"collapses", Layer{Constants{0.5, 1.67}, Normalized}, Point{0, 1}, nil, Collapsed, nil},
		{"explodes", Layer{Constants{2, 1.67}, Normalized}, Point{0, 1}, nil, Exploded, nil},
		{"step limit", Standard, Point{0.5, 2}, &OrbitSettings{MaxSteps: 2}, NotConverged, nil},
	} {
		r, err := tc.l.Orbit(tc.start, tc.set)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if r.Status != tc.status {
			t.Errorf("%s: Orbit(%v) = %+v, want status %v", tc.name, tc.start, r, tc.status)
		}
		if tc.want != nil && (math.Abs(r.Point.Mean-tc.want.Mean) > 1e-12 || math.Abs(r.Point.Var-tc.want.Var) > 1e-12) {
			t.Errorf("%s: Orbit(%v) ended at %v, want %v", tc.name, tc.start, r.Point, *tc.want)
		}
		set := tc.set.withDefaults()
		switch r.Status {
		case Collapsed:
			if !(r.Point.Var < set.CollapseVar) {
				t.Errorf("%s: collapsed at %v", tc.name, r.Point)
			}
		case Exploded:
			if !(r.Point.Var > set.ExplodeVar) {
				t.Errorf("%s: exploded at %v", tc.name, r.Point)
			}
		case NotConverged:
			if r.Steps != set.MaxSteps {
				t.Errorf("%s: %d steps, want %d", tc.name, r.Steps, set.MaxSteps)
			}
		}
	}
	if _, err := Standard.Orbit(Point{0, -1}, nil); err == nil {
		t.Error("Orbit from a negative variance: no error")
	}
}

// TestClassify checks the classes of known targets: the paper's (0, 1) at
// ω = 0, τ = 1 is contracting (Theorem 1 proves S < 1 around it); the same
// target in the notebook convention ω = τ = 1 is a repelling fixed point
// (docs/model.md §1); mean 1 with variance 1 is above the ReLU limit
// √(1/(π−1)) ≈ 0.68 at ω = 0 (docs/model.md §4).
func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		w    Weights
		p    Point
		want Class
	}{
		{Normalized, Point{0, 1}, Contracting},
		{Notebook, Point{0, 1}, Unstable},
		{Normalized, Point{1, 1}, Infeasible},
	} {
		got, c := tc.w.Classify(tc.p)
		if got != tc.want {
			t.Errorf("Classify(%v) at %v = %v, want %v", tc.p, tc.w, got, tc.want)
		}
		if (got == Infeasible) != (c == Constants{}) {
			t.Errorf("Classify(%v) at %v: class %v with constants %+v", tc.p, tc.w, got, c)
		}
	}
	// ρ = 0.5 but S > 1: an attracting point where g does not contract.
	s := newStability([2][2]float64{{0.5, 0.9}, {0, 0.5}})
	if s.Class() != Stable {
		t.Errorf("Class of %+v = %v, want stable", s, s.Class())
	}
	if (Stability{SpectralRadius: math.NaN()}).Class() != Unstable {
		t.Error("NaN spectral radius is not unstable")
	}
}
