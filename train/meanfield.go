package train

import (
	"math"

	"github.com/selu-tool/selu/mapping"
)

// MeanField holds the mean-field predictions for a SELU network whose
// target mean is 0 and whose weights have ω = 0 (the paper's convention),
// so that the net input of a unit at the fixed point is z ~ N(0, s²) with
// s² = ν*τ. Both come from package mapping: χ from
// mapping.Layer.GradientGrowth and χ_c, ξ_c from the correlation map
// (mapping.Layer.Correlation), which for mean 0 and ω = 0 has its fixed
// point at c* = 0 with slope τ·(E[selu'(z)])².
type MeanField struct {
	// Chi = τ·E[selu'(z)²] is the growth of the mean squared gradient
	// ∂L/∂z per layer towards the input (docs/model.md §7): the gradient
	// at layer l of an L-layer network is about χ^{(L−l)/2} times the one
	// at layer L in root mean square.
	Chi float64
	// ChiC = C′(c*) is the slope of the correlation map at its fixed point
	// c* = 0; the correlation of two inputs decays like χ_c^l (Schoenholz
	// et al. 2017, "Deep Information Propagation").
	ChiC float64
	// Xi = −1/ln χ_c is the correlation depth ξ_c. Schoenholz et al.
	// predict that networks deeper than about 6ξ_c do not train; this is a
	// prediction, which the study compares with measured accuracies.
	Xi float64
}

// MeanFieldSELU returns the predictions for the SELU constants lam, alpha
// at target variance nu with weights τ = tau (mean 0, ω = 0). Values that
// cannot be computed are NaN.
func MeanFieldSELU(lam, alpha, nu, tau float64) MeanField {
	layer := mapping.Layer{Constants: mapping.Constants{Lambda: lam, Alpha: alpha}, Weights: mapping.Weights{Omega: 0, Tau: tau}}
	mf := MeanField{Chi: layer.GradientGrowth(mapping.Point{Mean: 0, Var: nu}), ChiC: math.NaN(), Xi: math.NaN()}
	if cm, err := layer.Correlation(0, nu); err == nil {
		fp := cm.FixedPoint()
		mf.ChiC, mf.Xi = fp.Slope, fp.Depth
	}
	return mf
}
