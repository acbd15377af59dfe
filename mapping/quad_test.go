package mapping

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
)

// gaussExpect returns E f(z) for z ~ N(m, s²) by Gauss–Legendre quadrature
// (gonum integrate/quad, 20 nodes per panel) over w = (z − m)/s in
// [−40, 40], in unit panels, split at z = 0 where the SELU integrands have
// their kink.
func gaussExpect(f func(z float64) float64, m, s float64) float64 {
	g := func(w float64) float64 {
		return math.Exp(-0.5*w*w) / math.Sqrt(2*math.Pi) * f(m+s*w)
	}
	cut := -m / s
	sum := 0.0
	for lo := -40.0; lo < 40; lo++ {
		hi := lo + 1
		if cut > lo && cut < hi {
			sum += quad.Fixed(g, lo, cut, 20, quad.Legendre{}, 0)
			sum += quad.Fixed(g, cut, hi, 20, quad.Legendre{}, 0)
			continue
		}
		sum += quad.Fixed(g, lo, hi, 20, quad.Legendre{}, 0)
	}
	return sum
}

// TestMomentsQuadrature checks the Integrals and the Moments against
// numerical quadrature of their defining integrals (docs/model.md §2) at random
// points of the moderate domain |m| ≤ 5, 0.01 ≤ s² ≤ 25, |m|/s ≤ 20,
// where the quadrature is accurate to about 1e-15 of the integrand's size
// (further out in the tail, at |m|/s ≈ 34, the quadrature itself is off by
// 1e-13 relative, as mpmath shows). Tolerance:
// |got − quad| ≤ 1e-13·E|integrand|, so an integral that is tiny because
// its integrand is tiny is still checked relative to its own size, and ν̃
// is checked as ∫(selu − μ̃)² rather than ξ̃ − μ̃².
func TestMomentsQuadrature(t *testing.T) {
	const tol = 1e-13
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 120; {
		lam, al := 0.5+1.5*rng.Float64(), 3*rng.Float64()
		if rng.IntN(2) == 0 {
			lam, al = Paper().Lambda, Paper().Alpha
		}
		m := 10*rng.Float64() - 5
		s2 := math.Pow(10, math.Log10(0.01)+rng.Float64()*math.Log10(2500))
		s := math.Sqrt(s2)
		if math.Abs(m)/s > 20 {
			continue
		}
		n++
		l := Layer{Constants{lam, al}, Weights{1, 1}}
		selu := func(z float64) float64 {
			if z > 0 {
				return lam * z
			}
			return lam * al * math.Expm1(z)
		}
		in := NewIntegrals(m, s2)
		mo := l.Moments(m, s2)
		mean := gaussExpect(selu, m, s)
		check := func(name string, got float64, f func(z float64) float64) {
			t.Helper()
			want := gaussExpect(f, m, s)
			size := gaussExpect(func(z float64) float64 { return math.Abs(f(z)) }, m, s)
			if math.Abs(got-want) > tol*size {
				t.Errorf("%s(m=%v, s2=%v) = %v, quadrature %v (error %.3g of %.3g)", name, m, s2, got, want, math.Abs(got-want), size)
			}
		}
		pos := func(z float64) float64 { return math.Max(z, 0) }
		neg := func(z float64) float64 { return math.Expm1(math.Min(z, 0)) }
		check("A", in.A, pos)
		check("B", in.B, neg)
		check("C", in.C, func(z float64) float64 { return pos(z) * pos(z) })
		check("D", in.D, func(z float64) float64 { return neg(z) * neg(z) })
		check("mean", mo.Mean, selu)
		check("second", mo.SecondMoment, func(z float64) float64 { return selu(z) * selu(z) })
		check("var", mo.Var, func(z float64) float64 { d := selu(z) - mean; return d * d })
	}
}
