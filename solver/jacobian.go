package solver

import (
	"errors"
	"fmt"
	"math"
	"math/big"

	"github.com/selu-tool/selu/mapping"
)

// Jacobian returns the Jacobian H = ∂(μ̃, ν̃)/∂(μ, ν) of the layer map of l
// at p (Klambauer et al. 2017, Eq. 87; docs/model.md §3), computed in
// big.Float from the exact binary values of λ, α, ω, τ, μ and ν, and
// rounded to float64. Before the rounding every entry carries a tracked
// relative error bound below 2⁻⁶⁰, so each is within about one ulp of the
// true derivative (an entry below the float64 range is +0).
//
// It is the exact-arithmetic twin of mapping.Layer.Jacobian, whose float64
// second row can lose every digit outside the range |μω| ≤ 50,
// 1e-6 ≤ ντ ≤ 1e6 where α is large (at μ = −1e10, ν = 1e20, ω = 1e-10,
// λ ≈ 5e-11, α ≈ 4e20 it gives ∂ν̃/∂μ = −4.4e-6 for 1.8e-11).
//
// The net input N(μω, ντ) must lie in the range Solve accepts (ντ in
// [1e-20, 1e20], |μω| ≤ 1e20, (μω)²/(2ντ) ≤ 1e6), λ must be finite and
// > 0, α finite and ≥ 0; otherwise, or if 4096 bits do not reach the
// bound (an entry that cancels to nearly 0), Jacobian returns an error.
func Jacobian(l mapping.Layer, p mapping.Point) ([2][2]float64, error) {
	var h [2][2]float64
	for _, v := range []float64{l.Lambda, l.Alpha, l.Omega, l.Tau, p.Mean, p.Var} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return h, errors.New("solver: Jacobian: λ, α, ω, τ, μ and ν must be finite")
		}
	}
	if !(l.Lambda > 0) || l.Alpha < 0 || !(l.Tau > 0) || !(p.Var > 0) {
		return h, fmt.Errorf("solver: Jacobian: want λ > 0, α ≥ 0, τ > 0 and ν > 0, got λ = %g, α = %g, τ = %g, ν = %g", l.Lambda, l.Alpha, l.Tau, p.Var)
	}
	rat := func(x float64) *big.Rat { return new(big.Rat).SetFloat64(x) }
	m := new(big.Rat).Mul(rat(p.Mean), rat(l.Omega))
	s2 := new(big.Rat).Mul(rat(p.Var), rat(l.Tau))
	if err := checkNetInput(m, s2, "μω", "ντ"); err != nil {
		return h, err
	}
	for prec := uint(128); prec <= 4096; prec *= 4 {
		c := arith{prec: prec}
		in := c.integrals(m, s2)
		lam, alpha := c.rat(rat(l.Lambda)), c.rat(rat(l.Alpha))
		ht := c.jacobian(in, lam, alpha, c.rat(rat(l.Omega)), c.rat(rat(l.Tau)))
		if h, ok := jacobianFloat(ht, prec, 60); ok {
			return h, nil
		}
	}
	return h, errors.New("solver: Jacobian: 4096 bits do not give H to 60 bits (an entry cancels to nearly 0)")
}
