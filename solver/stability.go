package solver

import (
	"math"

	"github.com/selu-tool/selu/mapping"
)

// bigStability returns the stability of the fixed point from the
// Jacobian H = ∂(μ̃, ν̃)/∂(μ, ν) (paper Eq. 87, docs/model.md §3)
// evaluated in big.Float (arith.jacobian), for constants that
// float64 cannot hold (λ beyond 1.8e308, as for far-out targets, where λ·α
// stays moderate) and for net inputs where the float64 map is not accurate.
// lam and alpha are the values of a solving pass at precision p; every
// entry of H must come out with a relative error bound below 2^-30, else ok
// is false.
func (pr *problem) bigStability(p uint, lam, alpha tracked) (s mapping.Stability, ok bool) {
	c := arith{prec: p}
	in := c.integrals(pr.m, pr.s2)
	ht := c.jacobian(in, lam, alpha, c.rat(pr.opt.omega), c.rat(pr.opt.tau))
	h, ok := jacobianFloat(ht, p, 30)
	if !ok {
		return s, false
	}
	s = mapping.NewStability(h)
	return s, !math.IsInf(s.SpectralNorm, 0) && !math.IsNaN(s.SpectralNorm)
}

// jacobian returns H = ∂(μ̃, ν̃)/∂(μ, ν) from the integrals of the net
// input, λ, α and the chain factors ∂m/∂μ = ω, ∂s²/∂ν = τ (paper Eq. 87;
// docs/model.md §3). For a Gaussian, ∂/∂s² E f(z) = ½ E f”(z), so
//
//	∂A = (½q0, ½ps),  ∂B = (½p1, ¼p1 − ½ps)      (∂/∂m, ∂/∂s²),
//
// and the first row is ∂μ̃ = λ(∂A + α∂B). The second row is not taken as
// ∂ξ̃ − 2μ̃∂μ̃, which cancels to nothing where the net input is almost
// never negative (both terms about 2λ²m, the difference e^{−m²/(2s²)}
// small), but from the three parts of ν̃/λ² = (C − A²) + α²(D − B²) −
// α·2AB, each a variance or covariance whose derivatives do not cancel
// there (the forms of mapping.Layer.Jacobian):
//
//	∂(C − A²)  = (A·p0, ½q0 − A·ps),
//	∂(D − B²)  = (2(D − B²) + q0·B, p2 − ½M₁p1 + ps·B),  M₁ = ½(p1 + q0),
//	∂(2AB)     = (q0·B + A·p1, ps·B + A(½p1 − ps)).
//
// A zero chain factor (ω = 0) gives a zero column.
func (c arith) jacobian(in integrals, lam, alpha, omega, tau tracked) [2][2]tracked {
	half := func(t tracked) tracked { return c.half(t) }
	quarter := func(t tracked) tracked { return c.half(c.half(t)) }
	dA := [2]tracked{half(in.q0), half(in.ps)}
	dB := [2]tracked{half(in.p1), c.sub(quarter(in.p1), half(in.ps))}
	varN := c.sub(in.D, c.mul(in.B, in.B))
	m1 := half(c.add(in.p1, in.q0))
	dvp := [2]tracked{c.mul(in.A, in.p0), c.sub(half(in.q0), c.mul(in.A, in.ps))}
	dvn := [2]tracked{
		c.add(c.add(varN, varN), c.mul(in.q0, in.B)),
		c.add(c.sub(in.p2, c.mul(m1, half(in.p1))), c.mul(in.ps, in.B)),
	}
	dcov := [2]tracked{
		c.add(c.mul(in.q0, in.B), c.mul(in.A, in.p1)),
		c.add(c.mul(in.ps, in.B), c.mul(in.A, c.sub(half(in.p1), in.ps))),
	}
	chain := [2]tracked{omega, tau}
	lam2, al2 := c.mul(lam, lam), c.mul(alpha, alpha)
	var h [2][2]tracked
	for i := range 2 {
		h[0][i] = c.mul(chain[i], c.mul(lam, c.add(dA[i], c.mul(alpha, dB[i]))))
		v := c.sub(c.add(dvp[i], c.mul(al2, dvn[i])), c.mul(alpha, dcov[i]))
		h[1][i] = c.mul(chain[i], c.mul(lam2, v))
	}
	return h
}

// jacobianFloat rounds the tracked entries of H to float64; ok is false
// unless every entry is finite in float64 and has a relative error bound
// below 2^-bits at precision p (an entry below the float64 range becomes
// +0). A zero passes only as an exact zero (a product with ω = 0, say): a
// difference that cancels to 0 has an infinite bound.
func jacobianFloat(ht [2][2]tracked, p uint, bits float64) (h [2][2]float64, ok bool) {
	for r := range 2 {
		for i := range 2 {
			v := ht[r][i]
			f, _ := v.x.Float64()
			if v.x.IsInf() || math.IsInf(f, 0) || !(v.e < float64(p)-bits) {
				return h, false
			}
			h[r][i] = f + 0
		}
	}
	return h, true
}

// finiteStability reports whether every number of s is finite.
func finiteStability(s mapping.Stability) bool {
	for _, row := range s.H {
		for _, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return false
			}
		}
	}
	return !math.IsNaN(s.SpectralNorm) && !math.IsInf(s.SpectralNorm, 0) &&
		!math.IsNaN(s.SpectralRadius) && !math.IsInf(s.SpectralRadius, 0)
}
