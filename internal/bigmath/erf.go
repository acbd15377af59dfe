package bigmath

import (
	"math"
	"math/big"
)

// Erf sets z to the error function of x,
//
//	erf(x) = 2/√π ∫₀ˣ e^{-t²} dt,
//
// correctly rounded to z's precision and mode, and returns z (see the
// package comment for the precision rule and the accuracy). Special cases are
//
//	Erf(±0) = ±0
//	Erf(±Inf) = ±1
//
// For x > 0 it sums erf x = 2/√π·x·e^{-x²}·Σ (2x²)^k/(1·3···(2k+1))
// (DLMF 7.6.2), or uses 1 − erfc(x) with the continued fraction when that
// is cheaper; erf(−x) = −erf(x).
func Erf(z, x *big.Float) *big.Float { return Primary.Erf(z, x) }

// Erf is the package function Erf with the constants of cs.
func (cs *Constants) Erf(z, x *big.Float) *big.Float {
	p := resultPrec(z, x)
	switch {
	case x.IsInf():
		return setExact(z, p, int64(x.Sign()))
	case x.Sign() == 0:
		return z.SetPrec(p).Set(x)
	}
	a := cs.newErfArg(new(big.Float).Abs(x))
	if a.lossLower() > float64(p)+3 {
		// 0 < 1 − erf|x| = erfc|x| < 2^-(p+3)
		return nearOne(z, p, -1, 0, x.Sign() < 0)
	}
	neg := x.Sign() < 0
	return ziv(z, p, x.Prec(), func(wp uint) *big.Float {
		v := a.erf(wp)
		if neg {
			v.Neg(v)
		}
		return v
	})
}

// Erfc sets z to the complementary error function of x,
//
//	erfc(x) = 1 − erf(x) = 2/√π ∫ₓ^∞ e^{-t²} dt,
//
// correctly rounded to z's precision and mode, and returns z (see the
// package comment for the precision rule and the accuracy). Special cases are
//
//	Erfc(±0) = 1
//	Erfc(+Inf) = +0
//	Erfc(-Inf) = 2
//
// The result has full relative accuracy for all x; it underflows to +0 for
// x > 38580 (e^{-x²} below big.Float's exponent range).
//
// For moderate x > 0 it uses 1 − erf(x) with about x²·log2(e) extra bits for
// the cancellation; for large x the continued fraction (DLMF 7.9.2) times
// e^{-x²}/√π, whichever is cheaper. For x < 0, erfc(x) = 2 − erfc(−x).
func Erfc(z, x *big.Float) *big.Float { return Primary.Erfc(z, x) }

// Erfc is the package function Erfc with the constants of cs.
func (cs *Constants) Erfc(z, x *big.Float) *big.Float {
	p := resultPrec(z, x)
	switch {
	case x.IsInf():
		if x.Sign() > 0 {
			return setExact(z, p, 0)
		}
		return setExact(z, p, 2)
	case x.Sign() == 0:
		return setExact(z, p, 1)
	}
	if x.MantExp(nil) <= -int(p)-6 {
		// |x| < 2^-(p+6): erfc(x) = 1 − 2x/√π·(1 − ...), within 2^-(p+5) of 1.
		return nearOne(z, p, -x.Sign(), 0, false)
	}
	a := cs.newErfArg(new(big.Float).Abs(x))
	if x.Sign() > 0 {
		return ziv(z, p, x.Prec(), a.erfc)
	}
	if a.lossLower() > float64(p)+3 {
		// erfc(x) = 2 − erfc|x| with 0 < erfc|x| < 2^-(p+3).
		return nearOne(z, p, -1, 1, false)
	}
	// erfc(x) = 2 − erfc(|x|) ∈ (1, 2): erfc(|x|) ≤ 1 needs an absolute
	// error below 2^-(wp+2).
	return ziv(z, p, x.Prec(), func(wp uint) *big.Float {
		v := a.erfcAbs(wp + 2)
		two := new(big.Float).SetPrec(wp + 2).SetInt64(2)
		return sub(two, two, v)
	})
}

// Erfcx sets z to the scaled complementary error function of x,
//
//	erfcx(x) = e^{x²}·erfc(x),
//
// correctly rounded to z's precision and mode, and returns z (see the
// package comment for the precision rule and the accuracy). erfcx(x) ~ 1/(x√π) as x → +∞ and
// erfcx(x) ~ 2e^{x²} as x → −∞; it overflows to +Inf for x < −38580.
// Special cases are
//
//	Erfcx(±0) = 1
//	Erfcx(+Inf) = +0
//	Erfcx(-Inf) = +Inf
//
// For large x > 0 it evaluates the continued fraction (DLMF 7.9.2) without
// any exponential; for moderate x > 0, e^{x²} − 2/√π·x·Σ(...) with extra
// bits for the cancellation; for x < 0, e^{x²} + 2/√π·|x|·Σ(...) (positive
// terms) or 2e^{x²} − erfcx(|x|).
func Erfcx(z, x *big.Float) *big.Float { return Primary.Erfcx(z, x) }

// Erfcx is the package function Erfcx with the constants of cs.
func (cs *Constants) Erfcx(z, x *big.Float) *big.Float {
	p := resultPrec(z, x)
	switch {
	case x.IsInf():
		if x.Sign() > 0 {
			return setExact(z, p, 0)
		}
		return z.SetPrec(p).SetInf(false)
	case x.Sign() == 0:
		return setExact(z, p, 1)
	}
	if x.MantExp(nil) <= -int(p)-6 {
		// |x| < 2^-(p+6): erfcx(x) = 1 − 2x/√π + x² − ..., within 2^-(p+5) of 1.
		return nearOne(z, p, -x.Sign(), 0, false)
	}
	a := cs.newErfArg(new(big.Float).Abs(x))
	if x.Sign() > 0 {
		return ziv(z, p, x.Prec(), a.erfcx)
	}
	return ziv(z, p, x.Prec(), a.erfcxNeg)
}

// erf returns erf(x), x > 0, with a relative error below 2^-wp.
func (a *erfArg) erf(wp uint) *big.Float {
	lo := a.lossLower()
	if lo > float64(wp)+2 {
		// erfc(x) < 2^-(wp+2): 1 is within the error bound.
		return new(big.Float).SetPrec(wp).SetInt64(1)
	}
	// Series: erf = e^{-x²}·2/√π·x·M at wp+4.
	costS := a.seriesCost(wp+6) + expCost(wp+6)
	// Or, for x ≥ 1 (erf x > 0.84), 1 − erfc with an absolute error below
	// 2^-(wp+6), for which erfc < 2^-lossLower needs only wp + 6 − lossLower
	// relative bits.
	if a.lx >= 0 {
		tc := uint(max(16, int(float64(wp)-lo)+6))
		if n, ok := a.cfTerms(tc+1, cfMaxTerms(costS, tc)); ok && cfCost(n, tc)+expCost(tc) < costS {
			v := a.erfcCF(n, tc)
			one := new(big.Float).SetPrec(wp + 4).SetInt64(1)
			return sub(one, one, v)
		}
	}
	return a.erfSeries(wp)
}

// cfMaxTerms returns the number of continued-fraction terms at wp bits that
// costs as much as cost, capped at 10⁷.
func cfMaxTerms(cost float64, wp uint) int {
	if math.IsInf(cost, 1) {
		return 1e7
	}
	return int(math.Min(1e7, cost/cfCost(1, wp))) + 1
}

// erfSeries returns erf(x) = e^{-x²}·2/√π·x·M(x²) with a relative error
// below 2^-wp.
func (a *erfArg) erfSeries(wp uint) *big.Float {
	w := wp + 6
	s := a.square(w)
	e := a.k.expAt(s.Neg(s), w)
	v := a.erfSeriesPart(w)
	return v.Mul(v, e)
}

// erfcCF returns erfc(x) = e^{-x²}/√π·f_n with a relative error below
// 2^-wp; n comes from cfTerms(wp+1, ...).
func (a *erfArg) erfcCF(n int, wp uint) *big.Float {
	w := wp + 4
	v := a.cf(n, w)
	s := a.square(w)
	v.Mul(v, a.k.expAt(s.Neg(s), w))
	return v.Mul(v, a.k.invSqrtPi.round(new(big.Float), w))
}

// erfc returns erfc(x), x > 0, with a relative error below 2^-wp.
func (a *erfArg) erfc(wp uint) *big.Float {
	loss := a.lossUpper()
	ws := wp + uint(math.Ceil(loss)) + 4
	costS := a.seriesCost(ws+6) + expCost(ws+6)
	if n, ok := a.cfTerms(wp+5, cfMaxTerms(costS, wp+4)); ok {
		if cfCost(n, wp+4)+expCost(wp+4) < costS {
			return a.erfcCF(n, wp)
		}
	}
	// 1 − erf(x): the relative error of erf grows by erf/erfc < 2^loss.
	v := a.erfSeries(ws)
	one := new(big.Float).SetPrec(ws).SetInt64(1)
	return sub(one, one, v)
}

// erfcAbs returns erfc(x), x > 0, with an absolute error below 2^-wp.
func (a *erfArg) erfcAbs(wp uint) *big.Float {
	lo := a.lossLower()
	if lo > float64(wp)+2 {
		return new(big.Float) // erfc(x) < 2^-(wp+2)
	}
	return a.erfc(uint(max(16, int(float64(wp)-lo)+2)))
}

// erfcx returns erfcx(x), x > 0, with a relative error below 2^-wp.
func (a *erfArg) erfcx(wp uint) *big.Float {
	loss := a.lossUpper()
	ws := wp + uint(math.Ceil(loss)) + 4
	costS := a.seriesCost(ws+6) + expCost(ws+6)
	if n, ok := a.cfTerms(wp+5, cfMaxTerms(costS, wp+4)); ok {
		if cfCost(n, wp+4) < costS {
			w := wp + 4
			v := a.cf(n, w)
			return v.Mul(v, a.k.invSqrtPi.round(new(big.Float), w))
		}
	}
	// e^{x²} − 2/√π·x·M(x²) = e^{x²}(1 − erf x): both terms are below
	// e^{x²} = erfcx/erfc, so the relative error grows by < 2^(loss+1).
	return a.erfcxSeries(ws+2, -1)
}

// erfcxNeg returns erfcx(−x), x > 0, with a relative error below 2^-wp.
func (a *erfArg) erfcxNeg(wp uint) *big.Float {
	w := wp + 4
	// erfcx(−x) = e^{x²} + 2/√π·x·M(x²): positive terms.
	costS := a.seriesCost(w) + expCost(w)
	// Or 2e^{x²} − erfcx(x), where erfcx(x) < 1 ≤ e^{x²} (no cancellation
	// beyond a factor 2) needs only wp + 2 − 2·x²·log2(e) relative bits.
	lossE := math.Min(maxLoss, math.Exp2(2*a.lx)*math.Log2E)
	tc := uint(max(16, int(float64(w)+2-lossE)))
	if n, ok := a.cfTerms(tc+1, cfMaxTerms(costS, tc)); ok && cfCost(n, tc)+expCost(w) < costS {
		s := a.square(w)
		e := a.k.expAt(s, w)
		if e.IsInf() {
			return e
		}
		v := a.cf(n, tc+4)
		v.Mul(v, a.k.invSqrtPi.round(new(big.Float), tc+4))
		e.SetMantExp(e, 1)
		return sub(e, e, v)
	}
	return a.erfcxSeries(w, +1)
}
