package bigmath

import "math/big"

// Sqrt sets z to √x correctly rounded to z's precision in z's rounding mode
// and returns z, with the package's precision rule (z's precision, else x's,
// else 64 bits). It calls big.Float.Sqrt at 32 more bits and settles the
// rounding from that (big.Float.Sqrt itself rounds in x's mode and changes
// z's mode to x's). Special cases are
//
//	Sqrt(±0) = ±0
//	Sqrt(+Inf) = +Inf
//
// It panics with big.ErrNaN if x < 0, as big.Float.Sqrt does.
func Sqrt(z, x *big.Float) *big.Float {
	p := resultPrec(z, x)
	mode := z.Mode()
	if x.Sign() <= 0 || x.IsInf() {
		return z.SetPrec(p).Sqrt(x).SetMode(mode) // ±0, +Inf, or the panic
	}
	// big.Float.Sqrt rounds to nearest at prec+32 bits with an error of a
	// few ulp there; settle the rounding in z's mode from that value.
	wp := p + 32
	v := new(big.Float).SetPrec(wp).Sqrt(x)
	if sq := new(big.Float).SetPrec(2*wp).Mul(v, v); sq.Cmp(x) == 0 {
		return z.SetPrec(p).Set(v) // exact square root
	}
	e := new(big.Float).SetMantExp(v, -int(wp-8))
	lo := new(big.Float).SetPrec(p).SetMode(mode).Sub(v, e)
	hi := new(big.Float).SetPrec(p).SetMode(mode).Add(v, e)
	if lo.Cmp(hi) == 0 {
		return z.SetPrec(p).Set(lo)
	}
	// Within 2^-(wp-8) of a boundary: let big.Float.Sqrt decide, in z's
	// mode (it rounds in x's mode).
	xm := new(big.Float).Copy(x).SetMode(mode)
	return z.SetPrec(p).Set(new(big.Float).SetPrec(p).Sqrt(xm)).SetMode(mode)
}
