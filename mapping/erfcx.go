package mapping

import "math"

// Erfcx returns the scaled complementary error function
//
//	erfcx(x) = exp(x²) erfc(x)
//
// (DLMF 7.2.3 with 7.2.2). It is finite for x ≥ −26.628 (below, the true
// value 2e^{x²} − erfcx(−x) exceeds MaxFloat64) and decreases
// from +Inf at −Inf to 0 at +Inf, behaving like 1/(√π x) for large x.
// Against mpmath the relative error is at most about 2 ulp for x ≥ 0 and
// 4 ulp for x < 0.
//
// Special cases are:
//
//	Erfcx(+Inf) = 0
//	Erfcx(x) = +Inf for x < −26.629 and x = −Inf
//	Erfcx(NaN) = NaN
func Erfcx(x float64) float64 {
	switch {
	case math.IsNaN(x):
		return x
	case x < 0:
		if x < -26.63 {
			return math.Inf(1)
		}
		// erfc(x) ∈ (1, 2) here, so the product is accurate.
		return expSquare(x) * math.Erfc(x)
	case x < erfcxAsymptotic:
		// Piecewise polynomials in y = 4/(4+x) (the change of variable of
		// S. G. Johnson's Faddeeva package, with our own coefficients from
		// testdata/gen_erfcx_table.py): 87 pieces of width 0.01 in y, each
		// a degree-6 interpolant with error below 2e-17.
		// t = 2(100y − j) − 1 is formed as 2((400−4j) − jx)/(4+x) − 1, so
		// that the rounding of 4+x does not move t by more than an ulp.
		d := 4 + x
		j := int(400 / d)
		if j > 99 {
			j = 99
		}
		fj := float64(j)
		t := 2*math.FMA(-fj, x, 400-4*fj)/d - 1
		c := &erfcxTable[j-erfcxFirst]
		return c[0] + t*(c[1]+t*(c[2]+t*(c[3]+t*(c[4]+t*(c[5]+t*c[6])))))
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

// erfcxAsymptotic is where Erfcx switches from the table to the asymptotic
// series, whose ninth term is then below 2e-19.
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
	if m == 0 {
		return 1
	}
	hi := m * m
	lo := math.FMA(m, m, -hi)
	d := 2 * s2
	q := hi / d
	if q > 746 { // exp(−q) < 2⁻¹⁰⁷⁵ underflows to 0 (also q = +Inf)
		return 0
	}
	r := (math.FMA(-q, d, hi) + lo) / d
	return math.Exp(-q) * (1 - r)
}
