package diagnose

import (
	"math"

	"github.com/selu-tool/selu/mapping"
)

// GradientGrowth returns χ = τ·E[selu'(z)²] for z ~ N(μω, ντ), the factor by
// which one layer multiplies the expected squared norm of the gradient that
// is propagated backwards (mean-field picture; docs/model.md §7):
//
//	χ = τλ²( ½erfc(−u0) + α² e^{2m+2s²} ½erfc(u2) ),
//	m = μω, s² = ντ, u0 = m/(√2 s), u2 = (m+2s²)/(√2 s).
//
// Over n layers the squared gradient norm grows by χⁿ. At the paper's fixed
// point (0, 1) with ω = 0, τ = 1, χ ≈ 1.0716.
//
// The second term is evaluated as e^{−m²/(2s²)}·erfcx(u2) when u2 ≥ 0, so it
// neither overflows nor underflows for large s². GradientGrowth returns NaN
// if ν ≤ 0, τ ≤ 0 or any argument is not finite.
func GradientGrowth(l mapping.Layer, mu, nu float64) float64 {
	for _, v := range []float64{l.Lambda, l.Alpha, l.Omega, l.Tau, mu, nu} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return math.NaN()
		}
	}
	if nu <= 0 || l.Tau <= 0 {
		return math.NaN()
	}
	m := mu * l.Omega
	s2 := nu * l.Tau
	s := math.Sqrt(s2)
	u0 := m / (math.Sqrt2 * s)
	u2 := (m + 2*s2) / (math.Sqrt2 * s)
	pos := 0.5 * math.Erfc(-u0) // P(z > 0)
	var neg float64             // E[e^{2z} 1{z ≤ 0}] = ½ e^{2m+2s²} erfc(u2)
	if u2 < 0 {
		// m + 2s² < 0, so 2m + 2s² < −2s² < 0: no overflow.
		neg = 0.5 * math.Exp(2*m+2*s2) * math.Erfc(u2)
	} else {
		// e^{2m+2s²} erfc(u2) = e^{−m²/(2s²)} erfcx(u2), since
		// u2² = m²/(2s²) + 2m + 2s².
		neg = 0.5 * math.Exp(-m*m/(2*s2)) * erfcx(u2)
	}
	return l.Tau * l.Lambda * l.Lambda * (pos + l.Alpha*l.Alpha*neg)
}

// erfcx returns the scaled complementary error function e^{x²} erfc(x) for
// x ≥ 0 (DLMF 7.2.3). Below 25 it is evaluated directly, with x² split
// exactly into hi + lo (FMA) so that e^{x²} is accurate to a few ulp;
// e^{x²} ≤ e^{625} does not overflow and erfc(x) ≥ 1e-273 does not
// underflow. From 25 on it uses the asymptotic expansion (DLMF 7.12.1)
//
//	erfcx(x) ≈ 1/(x√π) · Σ_{n=0}^{7} (−1)ⁿ (2n−1)!! / (2x²)ⁿ,
//
// whose truncation error is below 15!!/(2·25²)⁸ ≈ 4e-19 relative.
func erfcx(x float64) float64 {
	if x < 25 {
		hi := x * x
		lo := math.FMA(x, x, -hi)
		return math.Exp(hi) * (1 + lo) * math.Erfc(x)
	}
	t := 1 / (2 * x * x)
	return (1 + t*(-1+t*(3+t*(-15+t*(105+t*(-945+t*(10395+t*-135135))))))) / (x * math.SqrtPi)
}
