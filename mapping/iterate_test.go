package mapping

import (
	"errors"
	"math"
	"testing"
)

func TestIterate(t *testing.T) {
	start := Point{0.5, 2}
	tr := Standard().Iterate(start, 30)
	if len(tr) != 31 || tr[0] != start {
		t.Fatalf("Iterate returned %d points starting at %v, want 31 starting at %v", len(tr), tr[0], start)
	}
	for i := 1; i < len(tr); i++ {
		mo := Standard().Moments(tr[i-1].Mean, tr[i-1].Var)
		if tr[i] != (Point{mo.Mean, mo.Var}) {
			t.Fatalf("point %d = %v, want g(point %d) = (%v, %v)", i, tr[i], i-1, mo.Mean, mo.Var)
		}
	}
	// The paper's fixed point attracts: ρ = H22 ≈ 0.78, so 30 steps shrink
	// the distance by about 0.78³⁰ ≈ 6e-4.
	last := tr[len(tr)-1]
	if math.Abs(last.Var-1) > 1e-3 || math.Abs(last.Mean) > 1e-3 {
		t.Errorf("after 30 steps at %v, want near (0, 1)", last)
	}
	if got := Standard().Iterate(Point{0, -1}, 3); got != nil {
		t.Errorf("Iterate from an invalid point = %v, want nil", got)
	}
	if got := Standard().Iterate(start, -1); got != nil {
		t.Errorf("Iterate with n < 0 = %v, want nil", got)
	}
	// Collapse: λ = 0.1 shrinks ν by about 1% of itself each step, until it
	// underflows; the trajectory ends at that point.
	small := Layer{Constants{0.1, 1}, Normalized()}
	tr = small.Iterate(Point{0, 1}, 1000)
	if len(tr) == 1001 || tr[len(tr)-1].Var != 0 {
		t.Errorf("collapsing trajectory: %d points, last %v; want it to stop at variance 0", len(tr), tr[len(tr)-1])
	}
}

func TestFixedPoint(t *testing.T) {
	for _, test := range []struct {
		name   string
		layer  Layer
		start  Point
		status Status
		err    error
		want   Point // checked when converged
		stable bool
	}{
		// Eq. 14: (0, 1) is the fixed point of λ01, α01 with ω = 0, τ = 1.
		{"paper", Standard(), Point{0.5, 2}, Converged, nil, Point{0, 1}, true},
		{"paper far", Standard(), Point{-3, 40}, Converged, nil, Point{0, 1}, true},
		{"paper small", Standard(), Point{0, 0.01}, Converged, nil, Point{0, 1}, true},
		// In the notebook convention (ω = 1) the same point is a fixed
		// point too (μ = 0), but it is unstable: H ≈ [[0.985, 0.089],
		// [0.303, 0.783]] has an eigenvalue ≈ 1.077.
		{"notebook", Layer{Paper(), Notebook()}, Point{0.05, 1.1}, Converged, nil, Point{0, 1}, false},
		{"collapse", Layer{Constants{0.5, 1}, Normalized()}, Point{0, 1}, Collapsed, ErrCollapsed, Point{}, false},
		{"explode", Layer{Constants{3, 1}, Normalized()}, Point{0, 1}, Exploded, ErrExploded, Point{}, false},
	} {
		res, err := test.layer.FixedPoint(test.start, nil)
		if res.Status != test.status || !errors.Is(err, test.err) {
			t.Errorf("%s: status %v, error %v; want %v, %v", test.name, res.Status, err, test.status, test.err)
			continue
		}
		if test.status != Converged {
			continue
		}
		if math.Abs(res.Point.Mean-test.want.Mean) > 1e-13 || math.Abs(res.Point.Var-test.want.Var) > 1e-13 {
			t.Errorf("%s: fixed point %v, want %v", test.name, res.Point, test.want)
		}
		if math.Abs(res.Residual.Mean) > 1e-14 || math.Abs(res.Residual.Var) > 1e-14 {
			t.Errorf("%s: residual %v", test.name, res.Residual)
		}
		if res.Stability.Stable() != test.stable {
			t.Errorf("%s: stable = %v (ρ = %v), want %v", test.name, res.Stability.Stable(), res.Stability.SpectralRadius, test.stable)
		}
		t.Logf("%s: %v in %d steps at %v, ρ = %.6f", test.name, res.Status, res.Steps, res.Point, res.Stability.SpectralRadius)
	}
	if _, err := Standard().FixedPoint(Point{math.NaN(), 1}, nil); err == nil {
		t.Error("FixedPoint from NaN: no error")
	}
	res, err := Standard().FixedPoint(Point{0.5, 2}, &FixedPointSettings{MaxSteps: 1})
	if res.Status != NotConverged || !errors.Is(err, ErrNotConverged) || res.Steps != 1 {
		t.Errorf("one step: status %v, steps %d, error %v", res.Status, res.Steps, err)
	}
}

// TestFixedPointNotebookTarget reproduces the notebook's constants for the
// target (−0.1, 2) in its ω = 1 convention (docs/model.md §4: α =
// 1.9769021954242014, λ = 1.073851239616046): (−0.1, 2) is a fixed point of
// that layer, and it is unstable.
func TestFixedPointNotebookTarget(t *testing.T) {
	l := Layer{Constants{1.073851239616046, 1.9769021954242014}, Notebook()}
	mo := l.Moments(-0.1, 2)
	if math.Abs(mo.Mean+0.1) > 1e-13 || math.Abs(mo.Var-2) > 1e-13 {
		t.Errorf("g(−0.1, 2) = (%v, %v), want (−0.1, 2)", mo.Mean, mo.Var)
	}
	res, err := l.FixedPoint(Point{-0.05, 1.8}, nil)
	if err != nil || math.Abs(res.Point.Mean+0.1) > 1e-12 || math.Abs(res.Point.Var-2) > 1e-12 {
		t.Fatalf("FixedPoint = %+v, %v; want (−0.1, 2)", res, err)
	}
	if res.Stability.Stable() {
		t.Errorf("notebook fixed point stable, ρ = %v; docs/model.md §1 says unstable", res.Stability.SpectralRadius)
	}
}

// TestFixedPointNotebookDiverges: from a start away from its (unstable)
// fixed point, the notebook convention's layer moves off, and FixedPoint
// says so instead of reporting a point.
func TestFixedPointNotebookDiverges(t *testing.T) {
	l := Layer{Paper(), Notebook()}
	res, err := l.FixedPoint(Point{0.5, 2}, nil)
	if res.Status != Exploded || !errors.Is(err, ErrExploded) {
		t.Errorf("from (0.5, 2): %v after %d steps at %v (%v); want exploded", res.Status, res.Steps, res.Point, err)
	}
	res, err = l.FixedPoint(Point{-0.5, 0.5}, nil)
	if res.Status != Collapsed || !errors.Is(err, ErrCollapsed) {
		t.Errorf("from (−0.5, 0.5): %v after %d steps at %v (%v); want collapsed", res.Status, res.Steps, res.Point, err)
	}
}
