package mapping

import "math"

// GradientGrowth returns χ = τ·E[selu'(z)²] for z ~ N(μω, ντ) with (μ, ν) =
// p: the factor by which one layer multiplies the expected squared norm of
// the gradient propagated backwards through it, in the mean-field picture
// in which the weights are independent of the activations (docs/model.md
// §7). Since selu'(z) = λ for z > 0 and λαeᶻ for z ≤ 0,
//
//	χ = τλ²( P(z > 0) + α² E[e^{2z} 1{z≤0}] )
//	  = τλ²( ½erfc(−u0) + ½α² e^{2m+2s²} erfc(u2) ),
//
// m = μω, s² = ντ, u0 = m/(√2 s), u2 = (m+2s²)/(√2 s) (the kernel's erfc(−u0)
// and e^{2m+2s²} erfc(u2) = e^{−u0²}·erfcx(u2), which neither overflows nor
// underflows for large s²; see Integrals). Over n layers the squared
// gradient norm grows by χⁿ; at the paper's fixed point (0, 1) with λ01,
// α01, ω = 0, τ = 1, χ ≈ 1.0716. GradientGrowth returns NaN if the layer or
// p is invalid (see Layer.ValidateInput).
func (l Layer) GradientGrowth(p Point) float64 {
	if !l.inputOK(p.Mean, p.Var) {
		return math.NaN()
	}
	var k kernel
	k.init(p.Mean*l.Omega, p.Var*l.Tau, false)
	return l.Tau * l.Lambda * l.Lambda * 0.5 * (k.q0 + l.Alpha*l.Alpha*k.p2)
}
