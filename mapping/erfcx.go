package mapping

import "math"

// Erfcx returns the scaled complementary error function
//
//	erfcx(x) = exp(x²) erfc(x)
//
// (DLMF 7.2.3 with 7.2.2). It is finite for every x > −26.64 and decreases
// from +Inf at −Inf to 0 at +Inf, behaving like 1/(√π x) for large x.
// The relative error is a few ulp (tested against mpmath).
//
// Special cases are:
//
//	Erfcx(+Inf) = 0
//	Erfcx(x) = +Inf for x < −26.64 (exp(x²) overflows) and x = −Inf
//	Erfcx(NaN) = NaN
func Erfcx(x float64) float64 {
	switch {
	case math.IsNaN(x):
		return x
	case x < 0:
		if x < -26.64 {
			return math.Inf(1)
		}
		// Reflection, DLMF 7.4.2: erfc(−x) = 2 − erfc(x).
		return 2*expSquare(x) - Erfcx(-x)
	case x < erfcxAsymptotic:
		// exp(x²) is evaluated with the rounding error of x² folded back in,
		// so the product has the accuracy of math.Erfc and math.Exp.
		return expSquare(x) * math.Erfc(x)
	case x < 1e8:
		// Asymptotic expansion, DLMF 7.12.1:
		// erfcx(x) ~ 1/(√π x) Σ (−1)ᵏ (2k−1)!! / (2x²)ᵏ.
		// For x ≥ 26 the ninth term is below 2e-19 relative.
		w := 0.5 / (x * x)
		p := 1 - w*(1-w*(3-w*(15-w*(105-w*(945-w*(10395-w*(135135-w*2027025)))))))
		return p * (1 / math.SqrtPi) / x
	default:
		return (1 / math.SqrtPi) / x
	}
}

// erfcxAsymptotic is where Erfcx switches from exp(x²)·erfc(x) to the
// asymptotic series; erfc(26) ≈ 5.7e-296 is still a normal number.
const erfcxAsymptotic = 26

// expSquare returns exp(x²) with the rounding error of x² corrected:
// x² = hi + lo exactly, exp(hi + lo) = exp(hi)(1 + lo) to first order.
func expSquare(x float64) float64 {
	hi := x * x
	lo := math.FMA(x, x, -hi)
	return math.Exp(hi) * (1 + lo)
}

// expNegSquareRatio returns exp(−m²/(2·s2)) with the quotient carried in
// double length, so that the result is accurate to a few ulp even when the
// exponent is several hundred.
func expNegSquareRatio(m, s2 float64) float64 {
	hi := m * m
	lo := math.FMA(m, m, -hi)
	d := 2 * s2
	q := hi / d
	r := (math.FMA(-q, d, hi) + lo) / d
	return math.Exp(-q) * (1 - r)
}
