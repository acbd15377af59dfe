package bigmath

import (
	"math"
	"math/big"
)

// Exp sets z to e^x correctly rounded to z's precision and mode and returns
// z (see the package comment for the precision rule and the accuracy).
// Special cases are
//
//	Exp(±0) = 1
//	Exp(+Inf) = +Inf
//	Exp(-Inf) = +0
//
// A result outside big.Float's exponent range (x > 1.48e9 or x < -1.48e9)
// is +Inf or +0.
//
// The argument is reduced as x = k·ln2 + r with |r| ≤ ln2/2 (ln 2 cached),
// then e^r = (e^{r/2^s})^{2^s} with s ≈ 1.5·p^(1/3) and the Taylor series
// of e^{r/2^s} in fixed-point arithmetic by rectangular splitting.
func Exp(z, x *big.Float) *big.Float { return Primary.Exp(z, x) }

// Exp is the package function Exp with the constant ln 2 of cs.
func (cs *Constants) Exp(z, x *big.Float) *big.Float {
	p := resultPrec(z, x)
	switch {
	case x.IsInf():
		if x.Sign() > 0 {
			return z.SetPrec(p).SetInf(false)
		}
		return setExact(z, p, 0)
	case x.Sign() == 0:
		return setExact(z, p, 1)
	case x.MantExp(nil) <= -int(p)-4:
		// |x| < 2^-(p+4): e^x lies strictly between 1 and 1 + 2^-(p+3), or
		// between 1 − 2^-(p+4) and 1.
		return nearOne(z, p, x.Sign(), 0, false)
	}
	return ziv(z, p, x.Prec(), func(wp uint) *big.Float { return cs.expAt(x, wp) })
}

// expAt returns e^x for finite x with a relative error below 2^-wp (or +Inf,
// +0 outside the exponent range). The result has at least wp bits.
func (cs *Constants) expAt(x *big.Float, wp uint) *big.Float {
	if x.Sign() == 0 {
		return new(big.Float).SetPrec(wp).SetInt64(1)
	}
	if x.MantExp(nil) >= 32 { // |x| ≥ 2^31 > 2^31·ln 2: beyond the exponent range
		if x.Sign() > 0 {
			return new(big.Float).SetInf(false)
		}
		return new(big.Float).SetPrec(wp)
	}
	// Reduction x = k·ln2 + r. k need not be the nearest integer: |r| stays
	// below ln2/2 + 2^-21, as xf has a relative error below 2^-53 and
	// |x| < 2^31.
	xf, _ := x.Float64()
	k := int64(math.Round(xf / math.Ln2))
	kb := bitLen(int(absInt64(k)))
	// r needs an absolute error below 2^-(wp+12); r itself is < 0.35, so
	// rp = wp+16 relative bits suffice, and k·ln2 with rp+bits(k) bits has
	// an absolute error below 2^-(rp-1).
	rp := wp + 16
	r := new(big.Float).SetPrec(rp)
	if k != 0 {
		t := new(big.Float).SetPrec(rp + kb).Set(cs.ln2.get(rp + kb + 8))
		t.Mul(t, new(big.Float).SetInt64(k))
		r.Sub(x, t)
	} else {
		r.Set(x)
	}
	if r.Sign() == 0 { // x is k·ln2 rounded to rp+kb bits
		f := new(big.Float).SetPrec(wp).SetInt64(1)
		return f.SetMantExp(f, int(k))
	}

	// Scaling: r' = r/2^s with |r'| < 2^-t. With rectangular splitting the
	// n Taylor terms cost about 2√n full products and the s squarings s
	// more, so t ≈ 1.5·wp^(1/3) roughly balances them.
	lr := log2Abs(r) // log2|r|
	t := int(1.5*math.Cbrt(float64(wp))) + 1
	s := max(0, t+int(math.Ceil(lr))) + cs.expHalvings
	// Fixed point with w fractional bits: the series errs by a few·n units,
	// each squaring doubles the relative error and adds one unit, so the
	// relative error of the result is below 2^s·(4n+2s+4)·2^-w.
	n := expTerms(lr-float64(s), wp+uint(s)+40)
	w := wp + uint(s) + bitLen(4*n+2*s+4) + 2
	n = expTerms(lr-float64(s), w)
	rs := toFixed(r, w-uint(s)) // r·2^-s in units of 2^-w
	sum := fixedSeries(rs, w, n, expDivisor)
	var sq big.Int
	for range s {
		sq.Mul(sum, sum)
		sum.Rsh(&sq, w)
	}
	f := fromFixed(sum, w, wp+2)
	return f.SetMantExp(f, int(k))
}

// expDivisor gives the ratios k of successive Taylor coefficients of e^y,
// 1/k! = (1/(k−1)!)/k (a variable only so that a test can put in a wrong
// one and see the two sets of constants disagree).
var expDivisor = func(k int) uint64 { return uint64(k) }

func absInt64(k int64) int64 {
	if k < 0 {
		return -k
	}
	return k
}

// expTerms returns the number n of Taylor terms of e^y, log2|y| = ly < -1,
// such that the tail Σ_{k≥n} |y|^k/k! < 2·|y|^n/n! is below 2^-(w+1).
func expTerms(ly float64, w uint) int {
	target := -float64(w) - 2
	n := 1
	for float64(n)*ly-log2Fact(n) >= target {
		n++
	}
	return n
}
