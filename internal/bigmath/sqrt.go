package bigmath

import (
	"math"
	"math/big"
)

// Sqrt sets z to √x correctly rounded to z's precision in z's rounding mode
// and returns z, with the package's precision rule (z's precision, else x's,
// else 64 bits). Special cases are
//
//	Sqrt(±0) = ±0
//	Sqrt(+Inf) = +Inf
//
// It panics with big.ErrNaN if x < 0, as big.Float.Sqrt does.
//
// The result is proven, not estimated: with x = M·2^(−2s) for the integer
// M = ⌊x·2^(2s)⌋ and s chosen so that r = ⌊√M⌋ has at least p+2 bits, r is
// the integer square root (checked by r² ≤ M < (r+1)², exactly), so
// r·2^(−s) ≤ √x < (r+1)·2^(−s), with equality on the left only when both
// M·2^(−2s) = x and r² = M. No rounding boundary of precision p (nor a
// midpoint between two such numbers) lies strictly between r and r+1, so
// √x rounds like r·2^(−s) when it is exact and like (r+½)·2^(−s) otherwise.
// (big.Float.Sqrt is not used: just below 53·2^k bits it is good to only
// about 52·2^k bits.)
func Sqrt(z, x *big.Float) *big.Float {
	p := resultPrec(z, x)
	if x.Sign() < 0 {
		panic(big.ErrNaN{})
	}
	if x.Sign() == 0 || x.IsInf() {
		// ±0 (sign kept) or +Inf, exactly
		return z.SetPrec(p).Set(x)
	}
	mode := z.Mode()
	// x = m·2^e, m ∈ [½, 1). Choose s with 2s + e ≥ 2p+7, so that
	// M = ⌊x·2^(2s)⌋ ≥ 2^(2p+6) and r = ⌊√M⌋ ≥ 2^(p+3).
	e := int64(x.MantExp(nil))
	s := int64(p) + 4 - e/2
	var t big.Float
	t.SetMantExp(x, int(2*s))
	m, acc := t.Int(nil)
	r, exact := isqrt(m)
	exact = exact && acc == big.Exact
	// v = (2r + 1)·2^(−s−1) (not exact) or r·2^(−s) (exact), held exactly.
	v := new(big.Float).SetMode(mode)
	if exact {
		v.SetInt(r)
		return z.SetPrec(p).Set(v.SetMantExp(v, -int(s)))
	}
	r.Lsh(r, 1).SetBit(r, 0, 1)
	v.SetInt(r)
	return z.SetPrec(p).Set(v.SetMantExp(v, -int(s+1)))
}

// isqrt returns r = ⌊√m⌋ for m > 0 and whether r² = m. It starts from
// isqrtApprox and corrects by ±1 steps; the result is then checked
// exactly, r² ≤ m < (r+1)². Should the start be too far off for a few
// steps (it cannot be, but the check is cheap), big.Int.Sqrt is used
// instead. The cost is a few divisions of the final size, as for
// big.Float.Sqrt.
func isqrt(m *big.Int) (*big.Int, bool) {
	r := isqrtApprox(m)
	var sq, next big.Int
	one := big.NewInt(1)
	sq.Mul(r, r)
	for i := 0; i < 4 && sq.Cmp(m) > 0; i++ {
		r.Sub(r, one)
		sq.Mul(r, r)
	}
	// (r+1)² = r² + 2r + 1
	for i := 0; i < 4; i++ {
		next.Lsh(r, 1).Add(&next, one).Add(&next, &sq)
		if next.Cmp(m) > 0 {
			break
		}
		r.Add(r, one)
		sq.Set(&next)
	}
	next.Lsh(r, 1).Add(&next, one).Add(&next, &sq)
	c := sq.Cmp(m)
	if c > 0 || next.Cmp(m) <= 0 {
		r.Sqrt(m) // not settled (cannot happen): the exact library root
		c = sq.Mul(r, r).Cmp(m)
	}
	return r, c == 0
}

// isqrtApprox returns a number within a few units of √m, m > 0. Up to 52
// bits it is math.Sqrt (m is exact in a float64). Above, with n =
// bitlen(m) and k = ⌊n/4⌋ − 2, the start r₀ = isqrtApprox(⌊m/4^k⌋)·2^k is
// within a relative 2^−(n/4) of √m, and one Newton step
// r ← ⌊(r₀ + ⌊m/r₀⌋)/2⌋ squares that: a relative 2^−(n/2+4), a fraction of
// a unit, and r ≥ ⌊√m⌋ (the arithmetic-geometric mean inequality).
func isqrtApprox(m *big.Int) *big.Int {
	n := m.BitLen()
	if n <= 52 {
		return new(big.Int).SetUint64(uint64(math.Sqrt(float64(m.Uint64()))))
	}
	k := uint(n/4 - 2)
	r0 := isqrtApprox(new(big.Int).Rsh(m, 2*k))
	r0.Lsh(r0, k)
	if r0.Sign() == 0 {
		r0.SetInt64(1)
	}
	r := new(big.Int).Quo(m, r0)
	return r.Add(r, r0).Rsh(r, 1)
}
