package diagnose

import (
	"math"

	"github.com/selu-tool/selu/mapping"
)

// RatioLimits are the limits of the variance ratio ν̃(ν)/ν of a layer with
// ω = 0 as ν → 0 and ν → ∞, with the first correction term of each
// expansion (s = √(ντ) is the net-input standard deviation):
//
//	ν̃/ν = AtZero − ZeroSlope·s + O(s²)       (s → 0)
//	ν̃/ν = AtInf + InfSlope/s + O(1/s²)       (s → ∞)
//
// With ω = 0 the net input z ~ N(0, s²) does not depend on μ, and ν̃/ν
// depends on ν only through s. The closed forms (derived in
// docs/diagnose.md, "The limits of the variance ratio") are
//
//	AtZero    = λ²τ((π−1)(1+α²) + 2α)/(2π)   = λ²τ((1+α²)/2 − (1−α)²/(2π))
//	ZeroSlope = λ²τ α(1+3α)/(2√(2π))
//	AtInf     = λ²τ(π−1)/(2π)
//	InfSlope  = λ²τ α/√(2π).
//
// Both corrections are positive for α > 0, so ν̃/ν approaches AtZero from
// below and AtInf from above; in fact ν̃/ν > AtInf for every ν, since
// ν̃/λ² = Var(z·1{z>0}) + α²Var((eᶻ−1)1{z≤0}) − 2αAB and the first term is
// exactly s²(π−1)/(2π) while the other two are non-negative (A > 0 > B).
type RatioLimits struct {
	AtZero, ZeroSlope float64
	AtInf, InfSlope   float64
}

// VarianceRatioLimits returns the limits of ν̃(ν)/ν for the constants and
// the weight variance τ of l, as if ω = 0 (see RatioLimits). They decide
// what the variance does far from any fixed point: if AtZero ≤ 1, the
// variance collapses to 0 from every start below the smallest fixed point
// (from every start if there is none); if AtInf ≥ 1, there is no fixed
// point at all and the variance grows without bound from every start.
//
// The results are +Inf rather than NaN when λ²τ or α² overflows; they are
// NaN only if an input is NaN.
func VarianceRatioLimits(l mapping.Layer) RatioLimits {
	lam, al, tau := l.Lambda, l.Alpha, l.Tau
	k := lam * (lam * tau)             // λ²τ, in this order so that a small τ does not let λ² overflow first
	const sqrt2Pi = 2.5066282746310002 // √(2π)
	return RatioLimits{
		// (π−1)(1+α²) + 2α: positive terms, no cancellation.
		AtZero:    k * ((math.Pi-1)*(1+al*al) + 2*al) / (2 * math.Pi),
		ZeroSlope: k * al * (1 + 3*al) / (2 * sqrt2Pi),
		AtInf:     k * (math.Pi - 1) / (2 * math.Pi),
		InfSlope:  k * al / sqrt2Pi,
	}
}
