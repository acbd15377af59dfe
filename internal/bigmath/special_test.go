package bigmath

import (
	"math"
	"math/big"
	"testing"
)

// TestSpecialCases checks the exact values at ±0 and ±Inf listed in the
// package comment, bit for bit (value, sign and precision).
func TestSpecialCases(t *testing.T) {
	inf, ninf := math.Inf(1), math.Inf(-1)
	negZero := math.Copysign(0, -1)
	for _, test := range []struct {
		name string
		f    func(z, x *big.Float) *big.Float
		x    float64
		want float64
	}{
		{"Exp", Exp, 0, 1},
		{"Exp", Exp, negZero, 1},
		{"Exp", Exp, inf, inf},
		{"Exp", Exp, ninf, 0},
		{"Erf", Erf, 0, 0},
		{"Erf", Erf, negZero, negZero},
		{"Erf", Erf, inf, 1},
		{"Erf", Erf, ninf, -1},
		{"Erfc", Erfc, 0, 1},
		{"Erfc", Erfc, negZero, 1},
		{"Erfc", Erfc, inf, 0},
		{"Erfc", Erfc, ninf, 2},
		{"Erfcx", Erfcx, 0, 1},
		{"Erfcx", Erfcx, negZero, 1},
		{"Erfcx", Erfcx, inf, 0},
		{"Erfcx", Erfcx, ninf, inf},
		{"Sqrt", Sqrt, 0, 0},
		{"Sqrt", Sqrt, negZero, negZero},
		{"Sqrt", Sqrt, inf, inf},
		// Beyond big.Float's exponent range (|log2| > 2^31).
		{"Exp", Exp, 2e9, inf},
		{"Exp", Exp, -2e9, 0},
		{"Exp", Exp, 1e300, inf},
		{"Exp", Exp, -1e300, 0},
		{"Erfc", Erfc, 40000, 0},
		{"Erfc", Erfc, 1e300, 0},
		{"Erfc", Erfc, -1e300, 2},
		{"Erf", Erf, 1e300, 1},
		{"Erf", Erf, -1e300, -1},
		{"Erfcx", Erfcx, -40000, inf},
		{"Erfcx", Erfcx, -1e300, inf},
	} {
		for _, prec := range []uint{1, 53, 1000} {
			x := new(big.Float).SetFloat64(test.x)
			got := test.f(new(big.Float).SetPrec(prec), x)
			want := new(big.Float).SetFloat64(test.want)
			if got.Cmp(want) != 0 || got.Signbit() != want.Signbit() || got.Prec() != prec {
				t.Errorf("%s(%g) at %d bits = %s (prec %d), want %g", test.name, test.x, prec, got.Text('g', 10), got.Prec(), test.want)
			}
		}
	}
}

// TestSqrtNegativePanics checks that Sqrt of a negative number panics with
// big.ErrNaN, as big.Float.Sqrt does.
func TestSqrtNegativePanics(t *testing.T) {
	defer func() {
		if _, ok := recover().(big.ErrNaN); !ok {
			t.Error("Sqrt(-1) did not panic with big.ErrNaN")
		}
	}()
	Sqrt(new(big.Float), big.NewFloat(-1))
}

// TestPrecisionRule checks the precision rule of the package comment: z's
// precision, else x's, else 64 bits; z may alias x; z's rounding mode is used.
func TestPrecisionRule(t *testing.T) {
	funcs := map[string]func(z, x *big.Float) *big.Float{
		"Exp": Exp, "Erf": Erf, "Erfc": Erfc, "Erfcx": Erfcx, "Sqrt": Sqrt,
	}
	for name, f := range funcs {
		x := new(big.Float).SetPrec(150).SetFloat64(0.75)
		if got := f(new(big.Float), x).Prec(); got != 150 {
			t.Errorf("%s(z with prec 0, x with prec 150): prec %d, want 150", name, got)
		}
		if got := f(new(big.Float).SetPrec(70), x).Prec(); got != 70 {
			t.Errorf("%s(z with prec 70, x): prec %d, want 70", name, got)
		}
		var zero big.Float // prec 0, value +0
		if got := f(new(big.Float), &zero).Prec(); got != defaultPrec {
			t.Errorf("%s(z, x with prec 0): prec %d, want %d", name, got, defaultPrec)
		}
		// Aliasing: z == x gives the same as separate variables.
		want := f(new(big.Float).SetPrec(150), x)
		y := new(big.Float).Copy(x)
		if got := f(y, y); got != y || got.Cmp(want) != 0 {
			t.Errorf("%s(x, x) = %s, want %s", name, got.Text('g', 20), want.Text('g', 20))
		}
		// Rounding mode: ToZero and AwayFromZero give neighbours, in order.
		lo := f(new(big.Float).SetPrec(60).SetMode(big.ToZero), x)
		hi := f(new(big.Float).SetPrec(60).SetMode(big.AwayFromZero), x)
		if lo.Mode() != big.ToZero || hi.Mode() != big.AwayFromZero {
			t.Errorf("%s did not keep z's rounding mode", name)
		}
		if lo.Cmp(hi) > 0 {
			t.Errorf("%s: ToZero result %s > AwayFromZero result %s", name, lo.Text('g', 20), hi.Text('g', 20))
		}
	}
	if got := Pi(0).Prec(); got != defaultPrec {
		t.Errorf("Pi(0) has precision %d, want %d", got, defaultPrec)
	}
}

// TestExtremeArguments checks arguments far outside the float64 range,
// 2^±1000000: the results follow from the leading terms of the expansions
// at 0 and at infinity (DLMF 7.6.1, 7.12.1), whose next terms are below
// 2^-1999999 relative.
func TestExtremeArguments(t *testing.T) {
	const prec = 200
	huge := new(big.Float).SetMantExp(big.NewFloat(1), 1000000)
	tiny := new(big.Float).SetMantExp(big.NewFloat(1), -1000000)
	neg := func(x *big.Float) *big.Float { return new(big.Float).Neg(x) }
	sqrtPi := Sqrt(new(big.Float).SetPrec(prec+64), Pi(prec+64))
	// erfcx(x) = 1/(x√π)·(1 − 1/(2x²) + ...), erf(x) = 2x/√π·(1 − x²/3 + ...)
	invHugeSqrtPi := new(big.Float).SetPrec(prec).Quo(big.NewFloat(1), new(big.Float).SetPrec(prec+64).Mul(huge, sqrtPi))
	twoTinyOverSqrtPi := new(big.Float).SetPrec(prec).Quo(new(big.Float).SetMantExp(tiny, 1), sqrtPi)
	one, two := big.NewFloat(1), big.NewFloat(2)
	for _, test := range []struct {
		name string
		f    func(z, x *big.Float) *big.Float
		x    *big.Float
		want *big.Float
	}{
		{"Exp", Exp, huge, new(big.Float).SetInf(false)},
		{"Exp", Exp, neg(huge), new(big.Float)},
		{"Exp", Exp, tiny, one},
		{"Exp", Exp, neg(tiny), one},
		{"Erf", Erf, huge, one},
		{"Erf", Erf, neg(huge), neg(one)},
		{"Erf", Erf, tiny, twoTinyOverSqrtPi},
		{"Erf", Erf, neg(tiny), neg(twoTinyOverSqrtPi)},
		{"Erfc", Erfc, huge, new(big.Float)},
		{"Erfc", Erfc, neg(huge), two},
		{"Erfc", Erfc, tiny, one},
		{"Erfc", Erfc, neg(tiny), one},
		{"Erfcx", Erfcx, huge, invHugeSqrtPi},
		{"Erfcx", Erfcx, neg(huge), new(big.Float).SetInf(false)},
		{"Erfcx", Erfcx, tiny, one},
		{"Erfcx", Erfcx, neg(tiny), one},
		{"Sqrt", Sqrt, huge, new(big.Float).SetMantExp(big.NewFloat(1), 500000)},
		{"Sqrt", Sqrt, tiny, new(big.Float).SetMantExp(big.NewFloat(1), -500000)},
	} {
		got := test.f(new(big.Float).SetPrec(prec), test.x)
		if got.Cmp(test.want) != 0 {
			t.Errorf("%s(%s) = %s, want %s", test.name, test.x.Text('g', 5), got.Text('g', 20), test.want.Text('g', 20))
		}
	}
}
