package mapping

import "math"

// Feasible reports whether some SELU with λ > 0, α > 0 has target = (μ*, ν*)
// as a fixed point at the weights w: with the Integrals A, B, C, D at
// m = μ*ω, s² = ν*τ, exactly when
//
//	−|B|/√D < μ*/√(ν* + μ*²) < A/√C
//
// (docs/model.md §4; the upper bound is the ReLU limit α → 0, the lower
// one the limit α → ∞, λ → 0). decided is false when float64 cannot
// tell: a bound is not finite (A and C underflow for a very negative μ*ω),
// or the ratio is within 1e-12 of a bound (for a large |μ*ω| the bounds and
// the ratio agree up to exponentially small terms; package solver decides
// such targets in exact arithmetic). Invalid weights or targets give
// false, false.
func (w Weights) Feasible(target Point) (ok, decided bool) {
	mu, nu := target.Mean, target.Var
	if w.checkTarget(mu, nu) != nil {
		return false, false
	}
	in := NewIntegrals(mu*w.Omega, nu*w.Tau)
	h := mu / math.Sqrt(nu+mu*mu)
	lo, hi := -math.Abs(in.B)/math.Sqrt(in.D), in.A/math.Sqrt(in.C)
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) || !(lo < hi) {
		return false, false
	}
	ok = lo < h && h < hi
	return ok, math.Min(math.Abs(h-lo), math.Abs(hi-h)) > 1e-12
}

// FeasibleMeans returns the edges of the feasible target means for the
// variance ν* at the weights w: the target (μ*, ν*) is feasible (see
// Feasible) for every μ* in (lo, hi), and (for ω = 0) for no other μ*.
//
// With ω = 0 the Integrals do not depend on μ* and the edges are closed
// forms (docs/model.md §4): solving μ*/√(ν*+μ*²) = t for μ* gives
// μ* = √ν*·t/√(1 − t²), so that
//
//	hi = √ν*·A/√(C − A²) = √(ν*/(π − 1)),   lo = −√ν*·|B|/√(D − B²),
//
// with the Integrals at m = 0, s² = ν*τ, evaluated without cancellation.
// With ω ≠ 0 the feasible set need not be an interval and (lo, hi) is its
// part around 0: the edges are found by stepping outward through
// μ* = ±√ν*·0.01·1.25ᵏ, k = 0…63, to the first infeasible mean and
// bisecting to float64 resolution (the last feasible mean is returned). An
// edge is ±Inf when no infeasible mean is found up to |μ*| ≈ 10⁴√ν*, or
// when the scan reaches a mean that float64 cannot decide (Feasible's
// decided is false); with ω = τ = 1, for instance, every μ* > 0 is
// feasible. Package solver computes the same edges with exact arithmetic.
//
// FeasibleMeans returns an error if w is invalid or ν* is not a finite
// number > 0.
func (w Weights) FeasibleMeans(nu float64) (lo, hi float64, err error) {
	if err := w.checkTarget(0, nu); err != nil {
		return 0, 0, err
	}
	if w.Omega == 0 {
		var k kernel
		k.init(0, nu*w.Tau, false)
		r := math.Sqrt(nu)
		return -r * math.Abs(k.b) / math.Sqrt(k.varN), r * k.a / math.Sqrt(k.varP), nil
	}
	edge := func(sign float64) float64 {
		in := 0.0
		for k := range 64 {
			out := sign * math.Sqrt(nu) * 0.01 * math.Pow(1.25, float64(k))
			ok, decided := w.Feasible(Point{out, nu})
			if !decided {
				return sign * math.Inf(1)
			}
			if ok {
				in = out
				continue
			}
			// Near the edge the ratio meets a bound: bisect on the plain
			// comparison.
			for range 200 {
				mid := in + (out-in)/2
				if mid == in || mid == out {
					break
				}
				if ok, _ := w.Feasible(Point{mid, nu}); ok {
					in = mid
				} else {
					out = mid
				}
			}
			return in
		}
		return sign * math.Inf(1)
	}
	return edge(-1), edge(1), nil
}
