package solver

import (
	"math"
	"math/big"

	"github.com/selu-tool/selu/internal/bigmath"
)

// A tracked value carries a running bound on its relative error: the exact
// value differs from x by at most |x|·2^(e−p), p the working precision of
// the arithmetic that produced it. The bound is first order (products of
// relative errors are ignored), which is what Solve needs to choose its
// working precision and to decide signs; correct rounding is then
// confirmed by comparing two working precisions.
type tracked struct {
	x *big.Float
	e float64
}

// arith does the arithmetic of one solving pass at precision prec. The
// primitives (square root, exp, erfc, erfcx, π) are evaluated with guard
// extra bits and then rounded to prec, an error of at most ½ ulp + 2^-guard
// ulp, inside the 1 ulp that their tracked bounds allow; they take the
// constants π, ln 2 and 1/√π from k (bigmath.Primary if nil). Solve
// alternates guard and k between passes (see passArith), so that the two
// passes it compares differ in the working precision of every primitive
// by more than in their own precisions, and in the method of every
// constant: an error of a primitive that depends on its precision, or an
// error of one computation of a constant, shows as a disagreement.
type arith struct {
	prec  uint
	guard uint
	k     *bigmath.Constants
}

// consts returns the constants of the pass.
func (c arith) consts() *bigmath.Constants {
	if c.k == nil {
		return bigmath.Primary
	}
	return c.k
}

func (c arith) f() *big.Float { return new(big.Float).SetPrec(c.prec) }

// g returns a value of the primitives' working precision prec + guard.
func (c arith) g() *big.Float { return new(big.Float).SetPrec(c.prec + c.guard) }

// round rounds a primitive's result to the pass's precision.
func (c arith) round(x *big.Float) *big.Float { return c.f().Set(x) }

// lgUp and lgDown bound log2|x| from above and below (−Inf for 0), from
// the binary exponent alone: 2^(e−1) ≤ |x| < 2^e.
func lgUp(x *big.Float) float64 {
	if x.Sign() == 0 {
		return math.Inf(-1)
	}
	return float64(x.MantExp(nil))
}

func lgDown(x *big.Float) float64 {
	if x.Sign() == 0 {
		return math.Inf(-1)
	}
	return float64(x.MantExp(nil) - 1)
}

// log2sum returns log2(Σ 2^xᵢ) without overflow. An unknown bound (NaN,
// from ∞ − ∞ in the caller's exponent arithmetic) counts as +Inf.
func log2sum(xs ...float64) float64 {
	m := math.Inf(-1)
	for _, x := range xs {
		if math.IsNaN(x) {
			return math.Inf(1)
		}
		m = math.Max(m, x)
	}
	if math.IsInf(m, 0) {
		return m
	}
	s := 0.0
	for _, x := range xs {
		s += math.Exp2(x - m)
	}
	return m + math.Log2(s)
}

func (c arith) rat(r *big.Rat) tracked {
	z := c.f().SetRat(r)
	if z.Acc() == big.Exact {
		return tracked{z, 0}
	}
	return tracked{z, 0}.rounded()
}

// rounded adds one rounding error (½ ulp ≤ 2^−p relative) to the bound.
func (t tracked) rounded() tracked {
	t.e = log2sum(t.e, 0)
	return t
}

// sqrtPrim is the square root of the tracked arithmetic (a variable only so
// that a test can put in a faulty one and see the agreement check catch it).
var sqrtPrim = bigmath.Sqrt

// lost is the result of an operation that big.Float cannot do (0·∞, 0/0,
// ∞/∞, ∞ − ∞; it panics with big.ErrNaN there): 0 with an infinite error
// bound, which reliable rejects, so that the pass is reported uncertain
// instead of crashing. Such operands arise only from values that left
// big.Float's exponent range (e^{−u0²} for u0² > 1.48e9, say).
func (c arith) lost() tracked { return tracked{c.f(), math.Inf(1)} }

func (c arith) mul(a, b tracked) tracked {
	if (a.x.IsInf() && b.x.Sign() == 0) || (a.x.Sign() == 0 && b.x.IsInf()) {
		return c.lost()
	}
	return tracked{c.f().Mul(a.x, b.x), log2sum(a.e, b.e, 0)}
}

func (c arith) quo(a, b tracked) tracked {
	if (a.x.Sign() == 0 && b.x.Sign() == 0) || (a.x.IsInf() && b.x.IsInf()) {
		return c.lost()
	}
	return tracked{c.f().Quo(a.x, b.x), log2sum(a.e, b.e, 0)}
}

// addsub returns a + b (sub false) or a − b (sub true), with the error
// bound amplified by the cancellation (|a| + |b|)/|a ± b|.
func (c arith) addsub(a, b tracked, sub bool) tracked {
	if a.x.IsInf() && b.x.IsInf() && (a.x.Sign() == b.x.Sign()) == sub {
		return c.lost()
	}
	z := c.f()
	if sub {
		z.Sub(a.x, b.x)
	} else {
		z.Add(a.x, b.x)
	}
	if z.Sign() == 0 {
		return tracked{z, math.Inf(1)}
	}
	lz := lgDown(z)
	return tracked{z, log2sum(lgUp(a.x)-lz+a.e, lgUp(b.x)-lz+b.e, 0)}
}

func (c arith) add(a, b tracked) tracked { return c.addsub(a, b, false) }
func (c arith) sub(a, b tracked) tracked { return c.addsub(a, b, true) }

func (c arith) neg(a tracked) tracked { return tracked{c.f().Neg(a.x), a.e} }

// half returns a/2 (exact).
func (c arith) half(a tracked) tracked {
	z := c.f().Set(a.x)
	if z.Sign() != 0 {
		z.SetMantExp(z, -1)
	}
	return tracked{z, a.e}
}

func (c arith) sqrt(a tracked) tracked {
	if a.x.Sign() < 0 {
		return c.lost() // a rounded value that should be ≥ 0
	}
	return tracked{c.round(sqrtPrim(c.g(), a.x)), log2sum(a.e-1, 1)}
}

// fn applies a bigmath function (faithful: ≤ 1 ulp) to a, whose relative
// error is amplified by the condition number kappa = |a·f'(a)/f(a)|.
func (c arith) fn(f func(z, x *big.Float) *big.Float, a tracked, kappa float64) tracked {
	return tracked{c.round(f(c.g(), a.x)), log2sum(math.Log2(kappa+1e-300)+a.e, 1)}
}

// Condition numbers |u·f'(u)/f(u)|, bounded from above.
func kappaErfc(u float64) float64 {
	if u <= 0 {
		return 2 * math.Abs(u) // erfc(u) ≥ 1 there; |f'| ≤ 2/√π
	}
	return 2*u*u + 2 // u·2e^{−u²}/(√π·erfc u) ≤ 2u² + 2
}

func kappaErfcx(u float64) float64 {
	if u >= 0 {
		return 2 // u·|erfcx'(u)|/erfcx(u) < 1 for u ≥ 0
	}
	return 2*u*u + 2
}

func (c arith) exp(a tracked) tracked {
	v, _ := a.x.Float64()
	return c.fn(c.consts().Exp, a, math.Abs(v))
}

func (c arith) erfc(a tracked) tracked {
	v, _ := a.x.Float64()
	return c.fn(c.consts().Erfc, a, kappaErfc(v))
}

func (c arith) erfcx(a tracked) tracked {
	v, _ := a.x.Float64()
	return c.fn(c.consts().Erfcx, a, kappaErfcx(v))
}

// exact returns an exact tracked value.
func (c arith) exact(x *big.Float) tracked { return tracked{x, 0} }

func (c arith) int(n int64) tracked { return tracked{c.f().SetInt64(n), 0} }
