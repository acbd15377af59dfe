package solver

import (
	"math"
	"math/big"
)

// FeasibleMeans returns the feasible target means for the variance
// variance with the weights of o (default ω = 0, τ = 1): a SELU with λ > 0,
// α > 0 has (μ*, variance) as fixed point exactly when lo < μ* < hi (for
// ω = 0), and for every μ* in (lo, hi) (for ω ≠ 0, where the feasible set
// need not be an interval and (lo, hi) is its part around 0). The edges
// are float64 approximations (about 10 significant digits).
//
// With ω = 0 the integrals do not depend on μ* and the edges are closed
// forms: hi = √(ν*/(π−1)) (the ReLU limit α → 0, A/√C = 1/√π) and
// lo = √ν*·t/√(1−t²), t = B/√D (the limit α → ∞). With ω ≠ 0 they are
// found by scanning μ* = ±√ν*·0.01·1.25ᵏ, k = 0…63, outward to the first
// infeasible point and bisecting. An edge is reported as ±Inf when no
// infeasible point is found up to |μ*| ≈ 10⁴√ν*, or when the scan reaches
// means whose feasibility 512 bits cannot decide (with ω = τ = 1, for
// instance, every μ* > 0 is feasible, since A/√C > μ*/√(ν*+μ*²) there, and
// the two sides agree to e^{−μ*²/(2ν*)}).
func FeasibleMeans(variance *big.Rat, o *Options) (lo, hi float64, err error) {
	t := Target{Mean: new(big.Rat), Var: variance}
	if err := t.check(); err != nil {
		return 0, 0, err
	}
	opt, err := o.resolve()
	if err != nil {
		return 0, 0, err
	}
	pr := newProblem(t, opt)
	lo, hi = pr.feasibleMeans()
	return lo, hi, nil
}

// feasibleMeans computes the interval of FeasibleMeans for pr's variance
// and weights.
func (pr *problem) feasibleMeans() (lo, hi float64) {
	nu, _ := pr.t.Var.Float64()
	if pr.opt.omega.Sign() == 0 {
		c := arith{prec: 128}
		in := c.integrals(new(big.Rat), pr.s2)
		// upper edge: μ/√(ν+μ²) = A/√C
		tU := c.quo(in.A, c.sqrt(in.C))
		tL := c.quo(in.B, c.sqrt(in.D))
		edge := func(t tracked) float64 {
			t2 := c.mul(t, t)
			v := c.quo(c.mul(c.sqrt(c.rat(pr.t.Var)), t), c.sqrt(c.sub(c.int(1), t2)))
			f, _ := v.x.Float64()
			return f
		}
		return edge(tL), edge(tU)
	}
	decide := func(mu float64) int {
		q := newProblem(Target{Mean: new(big.Rat).SetFloat64(mu), Var: pr.t.Var}, pr.opt)
		st := uncertain
		for _, p := range []uint{128, 512} {
			if st = q.decide(p); st != uncertain {
				break
			}
		}
		return st
	}
	side := func(sign float64) float64 {
		in, out := 0.0, math.NaN()
		for k := range 64 {
			mu := sign * math.Sqrt(nu) * 0.01 * math.Pow(1.25, float64(k))
			st := decide(mu)
			if st == uncertain {
				break // beyond what 512 bits decide: no edge found
			}
			if st == infeasible {
				out = mu
				break
			}
			in = mu
		}
		if math.IsNaN(out) {
			return sign * math.Inf(1)
		}
		for range 60 {
			mid := in + (out-in)/2
			if mid == in || mid == out {
				break
			}
			if decide(mid) == ok {
				in = mid
			} else {
				out = mid
			}
		}
		return in
	}
	return side(-1), side(1)
}

// decide reports whether pr is feasible (ok), infeasible, or uncertain at
// precision p.
func (pr *problem) decide(p uint) int {
	if pr.muSign == 0 {
		return ok
	}
	if pr.tooFar() {
		return uncertain // e^{−u0²} leaves the range Solve works in
	}
	c := arith{prec: p}
	in := c.integrals(pr.m, pr.s2)
	for _, v := range []tracked{in.A, in.B, in.C, in.D} {
		if !reliable(v, p) {
			return uncertain
		}
	}
	rho := c.rat(pr.rho)
	var x tracked
	if pr.muSign > 0 {
		x = c.sub(c.mul(in.A, in.A), c.mul(rho, in.C))
	} else {
		x = c.sub(c.mul(in.B, in.B), c.mul(rho, in.D))
	}
	switch {
	case !reliable(x, p):
		return uncertain
	case x.x.Sign() > 0:
		return ok
	}
	return infeasible
}

// infeasible builds the error for pr's infeasible target.
func (pr *problem) infeasible() error {
	lo, hi := pr.feasibleMeans()
	e := &InfeasibleError{Target: pr.t, Omega: pr.opt.omega, Tau: pr.opt.tau, Lo: lo, Hi: hi}
	if pr.muSign > 0 {
		e.Reason = "the mean is above the ReLU limit α → 0"
	} else {
		e.Reason = "the mean is below the limit α → ∞, λ → 0"
	}
	return e
}
