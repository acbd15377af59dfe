package bigmath

import "math/big"

// ziv sets z to the correctly rounded value of a function f at precision p
// in z's rounding mode, by Ziv's strategy: eval(wp) must return the value
// with a relative error below 2^-wp; if the interval v·(1 ± 2^-(wp-2))
// rounds to a single number, that number is the correctly rounded result.
// Otherwise eval is retried with more guard bits: 12, then 64, then
// xprec+64 (at least 192), where xprec is the argument's precision. The last
// attempt resolves the usual hard cases, where f(x) is close to a
// representable number because x is close to a special point (e^x for x
// the 8500-bit value of ln 2 is 2·(1 + 2^-8501·...)). If it is still
// ambiguous, its rounded value is returned: that is within 1 ulp (faithful),
// and the correctly rounded one in round-to-nearest modes unless the value
// lies within 2^-(xprec+60) ulp of a midpoint.
func ziv(z *big.Float, p, xprec uint, eval func(wp uint) *big.Float) *big.Float {
	mode := z.Mode()
	var v *big.Float
	for _, g := range [...]uint{12, 64, max(192, xprec+64)} {
		wp := p + g
		v = eval(wp)
		if v.Sign() == 0 || v.IsInf() {
			break
		}
		e := new(big.Float).SetMantExp(v, -int(wp-2))
		e.Abs(e)
		lo := new(big.Float).SetPrec(p).SetMode(mode).Sub(v, e)
		hi := new(big.Float).SetPrec(p).SetMode(mode).Add(v, e)
		if lo.Cmp(hi) == 0 {
			return z.SetPrec(p).Set(lo)
		}
	}
	return finish(z, p, v)
}

// nearOne sets z to 1 + sign·2^-(p+8) rounded to p bits in z's mode: the
// correctly rounded value of any number strictly between 1 − 2^-(p+2) and
// 1 (sign < 0) or between 1 and 1 + 2^-(p+1) (sign > 0), for every
// rounding mode, as no rounding boundary at precision p lies there. The
// same holds with 2 in place of 1 (scale = 1) for 2 − 2^-(p+1) < f < 2.
// If neg is set, the negated value is rounded instead.
func nearOne(z *big.Float, p uint, sign int, scale int, neg bool) *big.Float {
	t := new(big.Float).SetPrec(p + 16).SetInt64(int64(sign))
	t.SetMantExp(t, -int(p+8))
	one := new(big.Float).SetPrec(p + 16).SetInt64(1)
	t.Add(one, t)
	t.SetMantExp(t, scale)
	if neg {
		t.Neg(t)
	}
	return finish(z, p, t)
}
