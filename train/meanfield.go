package train

import (
	"math"

	"github.com/selu-tool/selu/mapping"
)

// MeanField holds the mean-field predictions for a SELU network whose
// target mean is 0 and whose weights have ω = 0 (the paper's convention),
// so that the net input of a unit at the fixed point is z ~ N(0, s²) with
// s² = ν*τ. With E over that z:
//
//	E[selu'(z)] = λ(1/2 + α·e^{s²/2}·Φ(−s))
//
// (selu'(z) = λ for z > 0, λα·eᶻ otherwise; E[eᶻ; z ≤ 0] = e^{s²/2}Φ(−s));
// E[selu'(z)²] is mapping.Layer.GradientGrowth's.
type MeanField struct {
	// Chi = τ·E[selu'(z)²] is the growth of the mean squared gradient
	// ∂L/∂z per layer towards the input (mapping.Layer.GradientGrowth,
	// docs/model.md §7): the gradient at layer l of an L-layer network is
	// about χ^{(L−l)/2} times the one at layer L in root mean square.
	Chi float64
	// ChiC = τ·(E[selu'(z)])² is the slope of the correlation map at its
	// fixed point c* = 0 (a mean of 0 makes the correlation of two inputs'
	// activations vanish on average: C(0) = μ*²/ν* = 0); the correlation
	// of two inputs decays like χ_c^l (Schoenholz et al. 2017, "Deep
	// Information Propagation", Eq. 7 with the slope at c*).
	ChiC float64
	// Xi = −1/ln χ_c is the correlation depth ξ_c. Schoenholz et al.
	// predict that networks deeper than about 6ξ_c do not train; this is a
	// prediction, which the study compares with measured accuracies.
	Xi float64
}

// MeanFieldSELU returns the predictions for the SELU constants lam, alpha
// at target variance nu with weights τ = tau (mean 0, ω = 0).
func MeanFieldSELU(lam, alpha, nu, tau float64) MeanField {
	s := math.Sqrt(nu * tau)
	phi := func(x float64) float64 { return 0.5 * math.Erfc(x/math.Sqrt2) } // Φ(−x)
	e1 := lam * (0.5 + alpha*math.Exp(s*s/2)*phi(s))
	layer := mapping.Layer{Constants: mapping.Constants{Lambda: lam, Alpha: alpha}, Weights: mapping.Weights{Omega: 0, Tau: tau}}
	mf := MeanField{Chi: layer.GradientGrowth(mapping.Point{Mean: 0, Var: nu}), ChiC: tau * e1 * e1}
	mf.Xi = math.Inf(1)
	if mf.ChiC < 1 {
		mf.Xi = -1 / math.Log(mf.ChiC)
	}
	return mf
}
