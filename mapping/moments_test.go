package mapping

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"testing"
)

// tolMoments is the relative tolerance the package promises (doc.go) for every output whose true
// value is at least tinyValue in magnitude.
const (
	tolMoments = 1e-13
	tinyValue  = 1e-300
)

// relErr returns |got − want|/|want| (or |got| when want is 0).
func relErr(got, want float64) float64 {
	if want == 0 {
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

// TestMomentsReference compares A, B, C, D, μ̃, ξ̃ and ν̃ with mpmath at 160
// digits (testdata/moments.txt, from testdata/gen_reference.py) on a
// log-spaced grid over |m| ≤ 50, 1e-6 ≤ s² ≤ 1e6 and at random points with
// other λ, α, ω, τ. μ̃ is checked relative to itself where
// |μ̃| ≥ λ(A + α|B|)/30, and relative to λ(A + α|B|), its condition scale,
// closer to the cancellation A + αB = 0.
//
// Set MAPPING_EXTRA_TABLE to the path of another table in the same format
// (for example a denser one written with gen_reference.moments) to check it
// too.
func TestMomentsReference(t *testing.T) {
	rows := readTable(t, "moments.txt", 13)
	if extra := os.Getenv("MAPPING_EXTRA_TABLE"); extra != "" {
		rows = append(rows, readTable(t, extra, 13)...)
	}
	names := []string{"A", "B", "C", "D", "mean", "second", "var"}
	worst := make([]float64, len(names))
	where := make([]string, len(names))
	for _, r := range rows {
		l := Layer{Constants{r[0], r[1]}, Weights{r[2], r[3]}}
		mu, nu := r[4], r[5]
		m, s2 := mu*l.Omega, nu*l.Tau
		in := NewIntegrals(m, s2)
		mo := l.Moments(mu, nu)
		got := []float64{in.A, in.B, in.C, in.D, mo.Mean, mo.SecondMoment, mo.Var}
		for i, g := range got {
			want := r[6+i]
			if math.IsNaN(g) || math.IsInf(g, 0) {
				t.Errorf("%s(m=%v, s2=%v) = %v, want %v", names[i], m, s2, g, want)
				continue
			}
			scale := math.Abs(want)
			if i == 4 {
				// μ̃ = λ(A + αB) cancels; its error is bounded relative to
				// λ(A + α|B|), and relative to |μ̃| wherever |μ̃| is at
				// least 1/30 of that (checked by the same tolerance).
				scale = l.Lambda * (math.Abs(r[6]) + l.Alpha*math.Abs(r[7]))
				if math.Abs(want) >= scale/30 {
					scale = math.Abs(want)
				}
			}
			if scale < tinyValue {
				continue
			}
			e := math.Abs(g-want) / scale
			at := fmt.Sprintf("λ=%v α=%v m=%v s2=%v got %v want %v", l.Lambda, l.Alpha, m, s2, g, want)
			if e > worst[i] {
				worst[i], where[i] = e, at
			}
			if e > tolMoments {
				t.Errorf("%s: relative error %.3g > %g at %s", names[i], e, tolMoments, at)
			}
		}
	}
	for i, n := range names {
		t.Logf("%-6s worst relative error %.3g (%s)", n, worst[i], where[i])
	}
}

// TestMomentsWithoutLowParts checks that Moments, which leaves out the
// double-length parts of the kernel that only the Jacobian uses, agrees with
// the moments returned by Jacobian (which computes them) to 1e-14 relative
// at 20 000 random points over |m| ≤ 50, 1e-6 ≤ s² ≤ 1e6, log-uniform in |m|
// and s² (μ̃ relative to λ(A + α|B|), its condition scale). Both are
// checked against mpmath by TestMomentsReference; this covers many more
// points of the regime m ≥ 0 where the two paths differ.
func TestMomentsWithoutLowParts(t *testing.T) {
	const tol = 1e-14
	rng := rand.New(rand.NewPCG(1, 2))
	l := Layer{Paper, Notebook} // (m, s²) = (μ, ν)
	worst := 0.0
	for range 20000 {
		m := 50 * math.Pow(10, -8*rng.Float64())
		if rng.IntN(4) == 0 {
			m = -m
		}
		s2 := math.Pow(10, -6+12*rng.Float64())
		mo := l.Moments(m, s2)
		want, _ := l.Jacobian(m, s2)
		in := NewIntegrals(m, s2)
		scale := l.Lambda * (in.A + l.Alpha*math.Abs(in.B))
		errs := [3]float64{
			math.Abs(mo.Mean-want.Mean) / scale,
			relErr(mo.SecondMoment, want.SecondMoment),
			relErr(mo.Var, want.Var),
		}
		for i, e := range errs {
			if i == 2 && want.Var < tinyValue {
				continue
			}
			worst = math.Max(worst, e)
			if e > tol {
				t.Errorf("m=%v s2=%v: Moments %+v, Jacobian's moments %+v (error %d: %.3g)", m, s2, mo, want, i, e)
			}
		}
	}
	t.Logf("worst relative difference %.3g", worst)
}
