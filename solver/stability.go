package solver

import (
	"math"

	"github.com/selu-tool/selu/mapping"
)

// bigStability returns the stability of the fixed point from the
// Jacobian H = ∂(μ̃, ν̃)/∂(μ, ν) (paper Eq. 87, docs/model.md §3)
// evaluated in big.Float, for constants that float64 cannot hold (λ
// beyond 1.8e308, as for far-out targets, where λ·α stays moderate). With
// the integrals A, B, C, D of z ~ N(m, s²) and, for a Gaussian,
// ∂/∂s² E f(z) = ½ E f”(z),
//
//	∂A = (½q0, ½ps),  ∂B = (½p1, ¼p1 − ½ps),
//	∂C = (2A, ½q0),   ∂D = (p2 − p1, p2 − ½p1)      (∂/∂m, ∂/∂s²),
//
// μ̃ = λ(A + αB), ξ̃ = λ²(C + α²D), the chain factors ω and τ, and
// H = [[∂μ̃], [∂ξ̃ − 2μ*∂μ̃]] at the fixed point μ̃ = μ*. lam and alpha are
// the values of the accepted pass; the arithmetic runs at that pass's
// precision, and every entry of H must come out with a relative error
// bound below 2^-30, else ok is false.
func (pr *problem) bigStability(p uint, lam, alpha tracked) (s mapping.Stability, ok bool) {
	c := arith{prec: p}
	in := c.integrals(pr.m, pr.s2)
	half := func(t tracked) tracked { return c.half(t) }
	quarter := func(t tracked) tracked { return c.half(c.half(t)) }
	dA := [2]tracked{half(in.q0), half(in.ps)}
	dB := [2]tracked{half(in.p1), c.sub(quarter(in.p1), half(in.ps))}
	dC := [2]tracked{c.add(in.A, in.A), half(in.q0)}
	dD := [2]tracked{c.sub(in.p2, in.p1), c.sub(in.p2, half(in.p1))}
	chain := [2]tracked{c.rat(pr.opt.omega), c.rat(pr.opt.tau)}
	mu2 := c.rat(pr.t.Mean)
	mu2 = c.add(mu2, mu2) // 2μ*
	lam2, al2 := c.mul(lam, lam), c.mul(alpha, alpha)
	var h [2][2]float64
	for i := range 2 {
		j0 := c.mul(chain[i], c.mul(lam, c.add(dA[i], c.mul(alpha, dB[i]))))
		j1 := c.mul(chain[i], c.mul(lam2, c.add(dC[i], c.mul(al2, dD[i]))))
		h1 := j1 // ∂ξ̃ − 2μ*∂μ̃; a product with μ* = 0 would carry no error bound
		if mu2.x.Sign() != 0 {
			h1 = c.sub(j1, c.mul(mu2, j0))
		}
		for r, v := range []tracked{j0, h1} {
			f, _ := v.x.Float64()
			if v.x.Sign() != 0 && (v.x.IsInf() || math.IsInf(f, 0) || !(v.e < float64(p)-30)) {
				return s, false
			}
			h[r][i] = f + 0 // an entry below the float64 range is +0
		}
	}
	s = mapping.NewStability(h)
	return s, !math.IsInf(s.SpectralNorm, 0) && !math.IsNaN(s.SpectralNorm)
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

// floatJacobianAccurate reports whether the net input z ~ N(m, s2) lies in
// the range where package mapping documents its float64 moments and
// Jacobian as accurate (|m| ≤ 50, 1e-6 ≤ s2 ≤ 1e6); outside it Result
// takes the Jacobian from bigStability.
func floatJacobianAccurate(m, s2 float64) bool {
	return math.Abs(m) <= 50 && s2 >= 1e-6 && s2 <= 1e6
}
