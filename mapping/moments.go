package mapping

import "math"

// Moments are the moments of a layer's output selu(z).
type Moments struct {
	Mean         float64 // μ̃ = E selu(z)
	SecondMoment float64 // ξ̃ = E selu(z)²
	Var          float64 // ν̃ = Var selu(z) = ξ̃ − μ̃²
}

// Moments returns the image g(μ, ν) of the layer map (Eq. 4, 5; appendix
// Eq. 11–13): with z ~ N(μω, ντ) and the Integrals A, B, C, D at
// (m, s²) = (μω, ντ),
//
//	μ̃ = λ(A + αB)
//	ξ̃ = λ²(C + α²D)
//	ν̃ = λ²( (C − A²) + α²(D − B²) − 2αAB ),
//
// the last being the variance of selu(z) split into the variances of its
// positive and negative parts and their covariance −λ²αAB ≥ 0: three
// non-negative terms, each computed without cancellation, so that ν̃ keeps
// full relative accuracy even where ν̃ ≪ ξ̃ (z concentrated).
//
// ξ̃ and ν̃ have a relative error below 1e-13 wherever their true value is
// at least 1e-300, for |m| ≤ 50 and 1e-6 ≤ s² ≤ 1e6. μ̃ is a difference
// (A > 0 > B) and vanishes at a fixed point with μ = 0 (that is how α01 is
// defined): its relative error is below 1e-13 wherever
// |μ̃| ≥ λ(A + α|B|)/30, and its absolute error below 1e-13·λ(A + α|B|)
// everywhere (at most 8e-15·λ(A + α|B|) has been observed).
//
// The result is NaN if the layer or the input is invalid (see
// Layer.ValidateInput).
func (l Layer) Moments(mu, nu float64) Moments {
	if !l.inputOK(mu, nu) {
		nan := math.NaN()
		return Moments{nan, nan, nan}
	}
	var k kernel
	k.init(mu*l.Omega, nu*l.Tau, false)
	return l.moments(&k)
}

func (l Layer) moments(k *kernel) Moments {
	lam, al := l.Lambda, l.Alpha
	return Moments{
		Mean:         lam * (k.a + al*k.b),
		SecondMoment: lam * lam * (k.c + al*al*k.d),
		Var:          lam * lam * (k.varP + al*al*k.varN - 2*al*k.a*k.b),
	}
}
