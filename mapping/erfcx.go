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
		if x > -0.5 {
			// erfc(x) ∈ (1, 1.53) here, so the product is accurate.
			return expSquare(x) * math.Erfc(x)
		}
		// Reflection, DLMF 7.4.2: erfc(x) = 2 − erfc(−x); 2e^{x²} is at
		// least 1.3 times the whole, and erfcx(−x) is accurate to an ulp.
		return 2*expSquare(x) - Erfcx(-x)
	default:
		hi, lo := erfcxPos(x)
		return hi + lo
	}
}

// erfcxNonNeg returns Erfcx(x) for x ≥ 0 (or +Inf), without Erfcx's tests
// for NaN and negative x.
func erfcxNonNeg(x float64) float64 {
	hi, lo := erfcxPos(x)
	return hi + lo
}

// erfcxPos returns erfcx(x) = hi + lo for x ≥ 0 (or +Inf), hi being the
// nearest float64 and lo the rest: the double-length table sum below 26, and the
// double-length 1/(√π x) of the asymptotic range.
func erfcxPos(x float64) (hi, lo float64) {
	switch {
	case x < erfcxAsymptotic:
		return erfcxTableDD(x)
	case x < 1e8:
		// Asymptotic expansion, DLMF 7.12.1:
		// erfcx(x) ~ 1/(√π x) Σ (−1)ᵏ (2k−1)!! / (2x²)ᵏ.
		// For x ≥ 26 the ninth term is below 2e-19 relative.
		// With q = 1/(√π x) carried in double length, erfcx = q(1 − u)
		// = q_hi + (q_lo − q_hi·u), where u < 7.4e-4 is small.
		// One division: qh = invSqrtPi·(1/x) may be an ulp or two off
		// the nearest float64, but ql is the residual of qh itself (the
		// FMA is exact to rounding of a quantity ~1e-16·qh), so qh + ql is
		// still 1/(√π x) to about 1e-32 relative.
		r := 1 / x
		w := 0.5 * r * r
		// u = w(1 − 3w + 15w² − …) by Estrin's scheme; u is below 7.4e-4,
		// so its rounding does not show in 1 − u.
		w2 := w * w
		u := w * ((1 - 3*w + w2*(15-105*w)) + w2*w2*(945-10395*w+w2*(135135-2027025*w)))
		qh := invSqrtPi * r
		ql := (math.FMA(-qh, x, invSqrtPi) + invSqrtPiLo) * r
		return fastTwoSum(qh, ql-qh*u)
	default:
		qh := invSqrtPi / x
		if math.IsInf(x, 1) {
			return 0, 0
		}
		return qh, (math.FMA(-qh, x, invSqrtPi) + invSqrtPiLo) / x
	}
}

// erfcxShifted returns erfcx(a + b) = hi + lo for a ≥ 0 and |b| ≤ ulp(a)
// (the low part of a double-length argument), to first order in b:
// erfcx'(a) = 2a·erfcx(a) − 2/√π (DLMF 7.10).
func erfcxShifted(a, b float64) (hi, lo float64) {
	hi, lo = erfcxPos(a)
	if b != 0 && a < 1e150 {
		return fastTwoSum(hi, lo+(2*a*(hi+lo)-2*invSqrtPi)*b)
	}
	return hi, lo
}

// erfcxTableDD returns erfcx(x) = hi + lo for 0 ≤ x < erfcxAsymptotic, to
// about 1e-18 relative (the error of the interpolant is below 1e-19, that of
// t below an ulp). It uses piecewise polynomials in y = 4/(4+x) (the change
// of variable of S. G. Johnson's Faddeeva package, with our own coefficients
// from testdata/gen_erfcx_table.py): 87 pieces of width 0.01 in y, each a
// degree-7 interpolant whose constant term is stored in double length and
// added last with its rounding error kept.
func erfcxTableDD(x float64) (hi, lo float64) {
	// t = 2(100y − j) − 1 is formed as 2((400−4j) − jx)/(4+x) − 1, so that
	// the rounding of 4+x does not move t by more than an ulp.
	inv := 1 / (4 + x)
	j := int(400 * inv) // off by one at a boundary only moves t by 1e-14 past ±1
	if j > 99 {
		j = 99
	}
	fj := float64(j)
	t := 2*math.FMA(-fj, x, 400-4*fj)*inv - 1
	c := &erfcxTable[j-erfcxFirst]
	// Estrin's scheme rather than Horner's: a shorter chain of dependent
	// operations. r only enters through the correction p = t·r, below 5% of
	// erfcx on a piece, so its rounding (a few ulp of r either way) moves
	// the result by less than 1e-18 relative.
	t2 := t * t
	r := (c[2] + t*c[3] + t2*(c[4]+t*c[5])) + t2*t2*(c[6]+t*c[7]+t2*c[8])
	p := t * r
	pe := math.FMA(t, r, -p)
	hi, e := twoSum(c[0], p)
	return fastTwoSum(hi, e+pe+c[1])
}

// twoSum returns s = fl(a + b) and the rounding error e, a + b = s + e
// exactly (Knuth).
func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return s, e
}

// fastTwoSum returns s = fl(a + b) and e with a + b = s + e exactly, for
// |a| ≥ |b| (Dekker): a double-length number renormalized.
func fastTwoSum(a, b float64) (s, e float64) {
	s = a + b
	return s, b - (s - a)
}

// twoProd returns p = fl(a·b) and the rounding error e, a·b = p + e exactly
// (barring underflow).
func twoProd(a, b float64) (p, e float64) {
	p = a * b
	return p, math.FMA(a, b, -p)
}

// 1/√π = invSqrtPi + invSqrtPiLo to about 107 bits.
const (
	invSqrtPi   = 0.5641895835477563
	invSqrtPiLo = 7.66772980658294e-18
)

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
