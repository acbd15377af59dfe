package bigmath

import "math/big"

// Sqrt sets z to √x rounded to z's precision and rounding mode and returns
// z, by big.Float.Sqrt, with the package's precision rule (z's precision,
// else x's, else 64 bits). Special cases are
//
//	Sqrt(±0) = ±0
//	Sqrt(+Inf) = +Inf
//
// It panics with big.ErrNaN if x < 0, as big.Float.Sqrt does.
func Sqrt(z, x *big.Float) *big.Float {
	p := resultPrec(z, x)
	mode := z.Mode()
	if x.Mode() != mode {
		// big.Float.Sqrt rounds in x's mode and leaves it in z.
		x = new(big.Float).Copy(x).SetMode(mode)
	}
	return z.SetPrec(p).Sqrt(x).SetMode(mode)
}
