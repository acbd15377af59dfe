package bigmath

import (
	"math"
	"math/big"
)

// Cost model, in units of about one 64×64-bit word product (≈ 1 ns), used
// only to choose between the series and the continued fraction; it was
// calibrated against measured times at 64 to 3500 bits.

// words returns the number of 64-bit words of a w-bit number.
func words(w uint) float64 { return float64(w)/64 + 1 }

// mulCost is the cost of a product of two w-bit numbers: schoolbook below
// math/big's Karatsuba threshold of 40 words, then n^1.585.
func mulCost(w uint) float64 {
	n := words(w)
	if n <= 40 {
		return n*n + 8
	}
	return 1600*math.Pow(n/40, 1.585) + 8
}

// linCost is the cost of a linear-time operation (shift, addition, product
// or division by a word) on w bits, with the call overhead.
func linCost(w uint) float64 { return words(w) + 20 }

// expCost is the cost of expAt at w bits: s ≈ 1.5·w^(1/3) squarings and
// n ≈ w/s terms by rectangular splitting (2√n products, n linear steps).
func expCost(w uint) float64 {
	s := 1.5 * math.Cbrt(float64(w))
	n := float64(w) / (s + 1)
	return (2*math.Sqrt(n)+s)*mulCost(w) + 3*n*linCost(w) + 500
}

// erfArg holds float64 facts about an argument x > 0 of the error functions.
type erfArg struct {
	k  *Constants // the source of 1/√π and ln 2
	x  *big.Float
	lx float64 // log2 x
	xf float64 // x as a float64 rounded down by 1e-14 relative, clamped to [1e-300, 1e300]
	yf float64 // 2x² (+Inf when huge)
}

func (cs *Constants) newErfArg(x *big.Float) erfArg {
	lx := log2Abs(x)
	xf := math.Exp2(math.Max(-995, math.Min(lx, 995))) * (1 - 1e-14)
	return erfArg{k: cs, x: x, lx: lx, xf: xf, yf: math.Exp2(1 + 2*lx)}
}

// lossUpper returns an upper bound on log2(1/erfc(x)): the bits that
// erfc(x) = 1 − erf(x) loses to cancellation. For x ≥ 1,
// erfc(x) > 2e^{-x²}/(√π(x+√(x²+2))) ≥ e^{-x²}/(2x√π) (DLMF 7.8.2).
func (a *erfArg) lossUpper() float64 {
	if a.lx < 0 {
		return 3 // erfc(1) = 0.157...
	}
	x2 := math.Exp2(2 * a.lx)
	return math.Min(maxLoss, x2*math.Log2E+a.lx+math.Log2(2*math.Sqrt(math.Pi))+1)
}

// maxLoss caps the loss estimates so that they convert to integers; it is
// far beyond any precision that can be computed.
const maxLoss = 1 << 40

// lossLower returns a lower bound on log2(1/erfc(x)), from
// erfc(x) < e^{-x²}/(x√π) (DLMF 7.8.2), or 0 for x < 1.
func (a *erfArg) lossLower() float64 {
	if a.lx < 0 {
		return 0
	}
	x2 := math.Exp2(2 * a.lx)
	return math.Min(maxLoss, math.Max(0, x2*math.Log2E+a.lx+math.Log2(math.Sqrt(math.Pi))-1))
}

// seriesTerms returns the number n of terms of M(x²) = Σ (2x²)^k/(2k+1)!!
// after which the terms are below 2^-(w+2) and their ratio below 1/2, so
// that the tail is below 2^-(w+1) ≤ 2^-(w+1)·M. It returns -1 if 2x² is so
// large that the series is out of the question (more than about 10⁷ terms).
func (a *erfArg) seriesTerms(w uint) int {
	y := a.yf
	if y > 4e6 {
		return -1
	}
	ly := 1 + 2*a.lx
	// log2 of the k-th term: k·log2 y − log2((2k+1)!!).
	logTerm := func(k int) float64 { return float64(k)*ly - log2DoubleFact(k) }
	target := -float64(w) - 2
	lo := max(1, int(math.Ceil(y)))
	if logTerm(lo) < target {
		return lo
	}
	hi := 2 * lo
	for logTerm(hi) >= target {
		hi *= 2
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if logTerm(mid) < target {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// seriesWork returns the fractional bits of the fixed-point evaluation of
// M(x²) for a relative error below 2^-wp, and the number of terms.
func (a *erfArg) seriesWork(wp uint) (w uint, n int) {
	n = a.seriesTerms(wp + 40)
	if n < 0 {
		return 0, -1
	}
	return wp + 2*bitLen(n) + 6, n
}

// seriesCost estimates the cost of M(x²) at relative error 2^-wp, +Inf if
// the series is out of the question.
func (a *erfArg) seriesCost(wp uint) float64 {
	w, n := a.seriesWork(wp)
	if n < 0 {
		return math.Inf(1)
	}
	fn := float64(n)
	return 2*math.Sqrt(fn)*mulCost(w) + 3*fn*linCost(w)
}

// erfM returns M(x²) = Σ_{k≥0} (2x²)^k / (1·3·5···(2k+1)) = ₁F₁(1; 3/2; x²)
// (DLMF 7.6.2: erf x = 2/√π · x e^{-x²} · M(x²)) with a relative error
// below 2^-wp, using fixed-point arithmetic with w fractional bits. All
// terms are positive; each step errs by at most 2 units, so with n terms the
// relative error is below about 5n·2^-w.
func (a *erfArg) erfM(wp uint) *big.Float {
	w, n := a.seriesWork(wp)
	if n < 0 {
		panic("bigmath: internal error: series requested for a huge argument")
	}
	y := new(big.Float).SetPrec(w + 2*uint(max(0, int(a.lx))) + 8)
	y.Mul(a.x, a.x)
	y.SetMantExp(y, 1)
	yy := toFixed(y, w)
	sum := fixedSeries(yy, w, n, func(k int) uint64 { return uint64(2*k + 1) })
	return fromFixed(sum, w, wp+4)
}

// twoOverSqrtPi returns 2/√π rounded to prec bits.
func (cs *Constants) twoOverSqrtPi(prec uint) *big.Float {
	c := cs.invSqrtPi.round(new(big.Float), prec)
	return c.SetMantExp(c, 1)
}

// erfSeriesPart returns 2/√π · x · M(x²) with a relative error below
// 2^-(wp), so that erf x = e^{-x²}·erfSeriesPart and
// erfcx(x) = e^{x²} − erfSeriesPart.
func (a *erfArg) erfSeriesPart(wp uint) *big.Float {
	w := wp + 4
	m := a.erfM(w)
	m.Mul(m, a.k.twoOverSqrtPi(w))
	return m.Mul(m, a.x)
}

// square returns x² with an absolute error below 2^-wp·max(1, x²)... i.e.
// a relative error below 2^-(wp + max(0, log2 x²)); e^{±x²} computed from it
// then has a relative error below 2^-wp.
func (a *erfArg) square(wp uint) *big.Float {
	extra := uint(max(0, int(math.Ceil(2*a.lx))))
	s := new(big.Float).SetPrec(wp + extra + 4)
	return s.Mul(a.x, a.x)
}

// erfcxSeries returns e^{x²} + sign·2/√π·x·M(x²) at working precision w:
// erfcx(x) for sign < 0, erfcx(−x) for sign > 0. Each term has a relative
// error below 2^-w; the caller accounts for the cancellation when sign < 0.
// (Summing e^{x²} = Σ (2x²)^k/(2^k k!) from the same powers as M was
// measured 1.1 to 2.5 times slower than expAt with its argument reduction.)
func (a *erfArg) erfcxSeries(w uint, sign int) *big.Float {
	s := a.square(w)
	e := a.k.expAt(s, w)
	part := a.erfSeriesPart(w)
	if sign < 0 {
		return sub(e, e, part)
	}
	return add(e, e, part)
}
