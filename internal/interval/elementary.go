package interval

import "math"

// Error bounds, in ulps of the result, by which endpoint evaluations of
// math.Exp and math.Erfc are widened: four times the assumed errors
// (ExpAssumedULP, ErfcAssumedULP) that reference_test.go checks against mpmath.
const (
	ExpAssumedULP  = 2
	ErfcAssumedULP = 5
	ExpULP         = 4 * ExpAssumedULP
	ErfcULP        = 4 * ErfcAssumedULP
)

const (
	tinyResult = 0x1p-1000 // below this, relative ulp bounds are not used
	tinyBound  = 0x1p-999
	erfcCut    = 26.0   // erfc(x) for x > erfcCut is enclosed by [0, erfcCutHi]
	erfcCutHi  = 1e-295 // > erfc(26) = 5.663e-296 (mpmath)
	erfcxCF    = 10.0   // erfcx uses the continued fraction from here on
	erfcxDepth = 60
)

// Rounded constants, each the interval around the float64 nearest to it,
// computed once; the exported functions below return them.
var (
	pi          = Around(math.Pi)
	sqrt2       = Around(math.Sqrt2)
	invSqrt2    = Around(1 / math.Sqrt2)
	sqrtTwoByPi = Around(0.79788456080286535587989211986876373695171726232987) // √(2/π)
	invSqrtPi   = Around(0.56418958354775628694807945156077258584405062932900) // 1/√π
	twoBySqrtPi = Around(1.12837916709551257389615890312154517168810125865800) // 2/√π
)

// Pi returns an interval that contains π.
func Pi() I { return pi }

// Sqrt2 returns an interval that contains √2.
func Sqrt2() I { return sqrt2 }

// InvSqrt2 returns an interval that contains 1/√2.
func InvSqrt2() I { return invSqrt2 }

// SqrtTwoByPi returns an interval that contains √(2/π).
func SqrtTwoByPi() I { return sqrtTwoByPi }

// InvSqrtPi returns an interval that contains 1/√π.
func InvSqrtPi() I { return invSqrtPi }

// TwoBySqrtPi returns an interval that contains 2/√π.
func TwoBySqrtPi() I { return twoBySqrtPi }

// widen encloses a true value known to lie within n ulps of a computed
// finite or infinite y ≥ 0 that is not in the subnormal range.
func widen(y float64, n int) I {
	if math.IsNaN(y) {
		return Entire()
	}
	if y < tinyResult {
		return I{0, math.Max(tinyBound, upN(y, n))}
	}
	return I{downN(y, n), upN(y, n)}
}

// ExpPoint returns an enclosure of eˣ.
func ExpPoint(x float64) I {
	switch {
	case math.IsNaN(x):
		return Entire()
	case x > 7.09782712893383973096e+02: // eˣ > MaxFloat64
		return I{1.79e308, math.Inf(1)}
	}
	y := math.Exp(x)
	if math.IsInf(y, 1) {
		// On amd64, math.Exp returns +Inf from x ≈ 709.436 on, below the true
		// overflow threshold; fall back on monotonicity: eˣ > e^{709.4}.
		return I{widen(math.Exp(709.4), ExpULP).Lo, math.Inf(1)}
	}
	return widen(y, ExpULP)
}

// Exp returns {eᵛ : v ∈ x}.
func Exp(x I) I { return I{ExpPoint(x.Lo).Lo, ExpPoint(x.Hi).Hi} }

// ErfcPoint returns an enclosure of erfc(x) (DLMF 7.2.2).
func ErfcPoint(x float64) I {
	switch {
	case math.IsNaN(x):
		return I{0, 2}
	case x > erfcCut:
		return I{0, erfcCutHi}
	}
	r := widen(math.Erfc(x), ErfcULP)
	r.Hi = math.Min(r.Hi, 2)
	return r
}

// Erfc returns {erfc v : v ∈ x}; erfc is decreasing.
func Erfc(x I) I { return I{ErfcPoint(x.Hi).Lo, ErfcPoint(x.Lo).Hi} }

// ErfcxPoint returns an enclosure of erfcx(x) = e^{x²} erfc x (DLMF 7.2.3).
func ErfcxPoint(x float64) I {
	switch {
	case math.IsNaN(x):
		return I{0, math.Inf(1)}
	case x < -27: // e^{x²} > e^{729} overflows
		return I{math.MaxFloat64, math.Inf(1)}
	case x >= erfcxCF:
		return erfcxFraction(x)
	}
	h := x * x
	l := math.FMA(x, x, -h) // x² = h + l exactly
	el := Point(1).Add(Point(l))
	el.Hi = up(el.Hi) // e^l ≤ 1 + l + l², |l| < 1e-13
	return ExpPoint(h).Mul(el).Mul(ErfcPoint(x))
}

// erfcxFraction encloses erfcx(x), x > 0, by Laplace's continued fraction
// (DLMF 7.9.2) √π e^{x²} erfc x = 1/(x+ (1/2)/(x+ 1/(x+ (3/2)/(x+ …)))).
// Every tail x + a_{k}/(x + …) with a_k = k/2 > 0 lies in [x, ∞), which
// starts the backward recurrence.
func erfcxFraction(x float64) I {
	X := Point(x)
	t := I{x, math.Inf(1)}
	for k := erfcxDepth; k >= 1; k-- {
		t = X.Add(Point(float64(k) / 2).Div(t))
	}
	r := InvSqrtPi().Div(t)
	r.Lo = math.Max(r.Lo, 0)
	return r
}

// Erfcx returns {erfcx v : v ∈ x}; erfcx is decreasing on ℝ.
func Erfcx(x I) I { return I{ErfcxPoint(x.Hi).Lo, ErfcxPoint(x.Lo).Hi} }
