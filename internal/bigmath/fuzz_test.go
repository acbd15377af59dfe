package bigmath

import (
	"math"
	"math/big"
	"testing"
)

// checkHigher checks that f(x) at prec bits in the given rounding mode is
// the value at prec+64 bits in the same mode, rounded to prec bits: for the
// directed modes that is exactly the correctly rounded value; for the
// round-to-nearest modes it is, unless f(x) is within 2^-63 ulp of a
// midpoint. It also checks the 1-ulp bound against the round-to-nearest
// value at prec+64 bits.
func checkHigher(t *testing.T, name string, f func(z, x *big.Float) *big.Float, x *big.Float, prec uint, mode big.RoundingMode) {
	t.Helper()
	got := f(new(big.Float).SetPrec(prec).SetMode(mode), x)
	ref := f(new(big.Float).SetPrec(prec+64).SetMode(mode), x)
	if want := new(big.Float).SetPrec(prec).SetMode(mode).Set(ref); got.Cmp(want) != 0 {
		t.Errorf("%s(%s) at %d bits, %v: %s, want %s (from %s at %d bits)", name, x.Text('g', 20), prec, mode,
			got.Text('g', 30), want.Text('g', 30), ref.Text('g', 40), prec+64)
	}
	near := f(new(big.Float).SetPrec(prec+64), x)
	if u := ulps(got, near, prec); !(u < 1+0x1p-40) {
		t.Errorf("%s(%s) at %d bits, %v: %s is %.3g ulp from %s", name, x.Text('g', 20), prec, mode,
			got.Text('g', 30), u, near.Text('g', 40))
	}
}

// checkIdentities checks erf x + erfc x = 1 and erfcx x = e^{x²}·erfc x at
// hp bits: both sides agree within a few ulp at hp.
func checkIdentities(t *testing.T, x *big.Float, hp uint) {
	t.Helper()
	erf := Erf(new(big.Float).SetPrec(hp), x)
	erfc := Erfc(new(big.Float).SetPrec(hp), x)
	sum := add(new(big.Float).SetPrec(hp+8), erf, erfc) // erfc may be 2^-(10⁹)
	one := big.NewFloat(1)
	// |erf| ≤ 1 and erfc ≤ 2 are each within 1 ulp ≤ 2^(1-hp).
	if d := new(big.Float).Sub(sum, one); d.Sign() != 0 && d.MantExp(nil) > 3-int(hp) {
		t.Errorf("erf(%s) + erfc(%s) − 1 = %s at %d bits", x.Text('g', 20), x.Text('g', 20), d.Text('g', 5), hp)
	}
	xf, _ := x.Float64()
	if math.Abs(xf) > 3e4 { // e^{x²} or erfc(x) beyond the exponent range
		return
	}
	x2 := new(big.Float).SetPrec(hp+uint(2*max(0, x.MantExp(nil)))).Mul(x, x)
	prod := Exp(new(big.Float).SetPrec(hp), x2)
	prod.Mul(prod, erfc)
	erfcx := Erfcx(new(big.Float).SetPrec(hp), x)
	if u := ulps(prod, erfcx, hp); !(u < 4) {
		t.Errorf("e^{x²}·erfc(x) vs erfcx(x) at x = %s, %d bits: %.3g ulp", x.Text('g', 20), hp, u)
	}
}

// FuzzErf checks Erf, Erfc and Erfcx at random float64 arguments,
// precisions and rounding modes against their own values at 64 more bits,
// and the identities erf + erfc = 1 and erfcx = e^{x²}·erfc.
func FuzzErf(f *testing.F) {
	for _, seed := range []struct {
		x    float64
		prec uint16
	}{
		{0.5, 53}, {-3, 200}, {5.5, 256}, {27, 100}, {1e-300, 64}, {-1e5, 64},
		{3e4, 1000}, {0.70710678118654752, 1800}, {-0.1, 1}, {39000, 70}, {1e300, 300},
		{6.2, 2000}, {-6.2, 2000}, {2.5, 700}, {1e-30, 90}, {-1e-30, 120}, {-25019.714285714286, 116},
	} {
		for mode := range uint8(6) {
			f.Add(seed.x, seed.prec, mode)
		}
	}
	f.Fuzz(func(t *testing.T, xv float64, pr uint16, m uint8) {
		if math.IsNaN(xv) || math.IsInf(xv, 0) {
			t.Skip()
		}
		prec := uint(pr%2048) + 1
		mode := big.RoundingMode(m % 6)
		x := new(big.Float).SetFloat64(xv)
		checkHigher(t, "Erf", Erf, x, prec, mode)
		checkHigher(t, "Erfc", Erfc, x, prec, mode)
		checkHigher(t, "Erfcx", Erfcx, x, prec, mode)
		checkIdentities(t, x, prec+64)
	})
}

// FuzzExp checks Exp and Sqrt (of |x|) at random float64 arguments,
// precisions and rounding modes against their own values at 64 more bits,
// and e^x·e^{-x} = 1.
func FuzzExp(f *testing.F) {
	for _, seed := range []struct {
		x    float64
		prec uint16
	}{
		{0.5, 53}, {-3, 200}, {700, 256}, {-745.1, 100}, {1e-300, 64}, {1.4e9, 64}, {-1.4e9, 64},
		{12345.678, 2000}, {math.Ln2, 1000}, {-1e-9, 1}, {1e-30, 80}, {-1e-30, 110},
	} {
		for mode := range uint8(6) {
			f.Add(seed.x, seed.prec, mode)
		}
	}
	f.Fuzz(func(t *testing.T, xv float64, pr uint16, m uint8) {
		if math.IsNaN(xv) || math.IsInf(xv, 0) {
			t.Skip()
		}
		prec := uint(pr%2048) + 1
		mode := big.RoundingMode(m % 6)
		x := new(big.Float).SetFloat64(xv)
		checkHigher(t, "Exp", Exp, x, prec, mode)
		checkHigher(t, "Sqrt", func(z, x *big.Float) *big.Float { return Sqrt(z, new(big.Float).Abs(x)) }, x, prec, mode)
		if math.Abs(xv) < 1e9 {
			hp := prec + 64
			p := Exp(new(big.Float).SetPrec(hp), x)
			p.Mul(p, Exp(new(big.Float).SetPrec(hp), new(big.Float).Neg(x)))
			if d := new(big.Float).Sub(p, big.NewFloat(1)); d.Sign() != 0 && d.MantExp(nil) > 3-int(hp) {
				t.Errorf("e^x·e^-x − 1 = %s at x = %g, %d bits", d.Text('g', 5), xv, hp)
			}
		}
	})
}
