package bigmath

import (
	"math/big"
)

// Constants is a set of the mathematical constants that the functions of
// the package use, π, ln 2 and 1/√π, each computed by one method and
// cached. The package functions (Pi, Exp, Erf, Erfc, Erfcx) use Primary;
// the methods of the same names on a *Constants use that set instead and
// are otherwise identical, but for the point at which Secondary's e^x sums
// its Taylor series (see Secondary). A caller that evaluates an expression twice,
// once with Primary and once with Secondary, and compares the results
// thereby also compares two independent computations of every constant:
// an error in one of them that does not depend on the precision (a wrong
// series term, say) shows as a disagreement instead of being shared.
//
// A *Constants is safe for concurrent use. It caches, for each constant,
// the most precise value computed so far, so after the first call at a
// given precision a constant costs one rounded copy.
type Constants struct {
	pi, ln2, invSqrtPi constCache

	// expHalvings is added to the number of halvings of the reduced
	// argument of e^x (and of squarings after the Taylor series).
	expHalvings int
}

// NewConstants returns a set that computes π and ln 2 with the given
// functions, which must return the constant with an error below 1 ulp at
// the precision asked; 1/√π is derived from π. It exists so that a
// caller's test can put in a faulty constant and check that its
// cross-check catches it.
func NewConstants(pi, ln2 func(prec uint) *big.Float) *Constants {
	k := &Constants{}
	k.pi.compute = pi
	k.ln2.compute = ln2
	k.invSqrtPi.compute = k.computeInvSqrtPi
	return k
}

var (
	// Primary computes π by the Chudnovsky series and ln 2 by
	// 18·atanh(1/26) − 2·atanh(1/4801) + 8·atanh(1/8749). The package
	// functions use it.
	Primary = NewConstants(computePi, computeLn2)

	// Secondary computes π by Takano's Machin-like formula
	// π = 48·atan(1/49) + 128·atan(1/57) − 20·atan(1/239) + 48·atan(1/110443)
	// and ln 2 by 14·atanh(1/31) + 10·atanh(1/49) + 6·atanh(1/161): other
	// series with other arguments than Primary's. Its π costs about five
	// times the Chudnovsky series, its ln 2 about 1.3 times Primary's
	// (18 ms and 17 ms at 40000 bits), once per precision as both are
	// cached. Its e^x, besides taking ln 2 from another series, halves the
	// reduced argument twice more before the Taylor series and squares
	// twice more after it, so that the series is summed at another point:
	// an error in it no longer gives the same result in both sets.
	Secondary = func() *Constants {
		cs := NewConstants(computePiMachin, computeLn2Alt)
		cs.expHalvings = 2
		return cs
	}()
)

// Ln2 returns ln 2 from cs rounded to prec bits (64 bits if prec is 0) in
// the ToNearestEven mode, as Pi does for π.
func (cs *Constants) Ln2(prec uint) *big.Float {
	if prec == 0 {
		prec = defaultPrec
	}
	return new(big.Float).SetPrec(prec).Set(cs.ln2.get(prec + 64))
}
