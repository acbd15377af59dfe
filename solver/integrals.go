package solver

import (
	"math/big"
)

// integrals holds the Gaussian integrals of docs/model.md §2 for z ~ N(m, s²):
//
//	A = E[z·1{z>0}]          = ½( m·erfc(−u0) + √(2/π)·s·e^{−u0²} )
//	B = E[(eᶻ−1)·1{z≤0}]     = ½( e^{−u0²}·erfcx(u1) − erfc(u0) )
//	C = E[z²·1{z>0}]         = ½( (m²+s²)·erfc(−u0) + √(2/π)·m·s·e^{−u0²} )
//	D = E[(eᶻ−1)²·1{z≤0}]    = ½( e^{−u0²}·(erfcx(u2) − 2·erfcx(u1)) + erfc(u0) )
//
// with u0 = m/(√2 s), u1 = (m+s²)/(√2 s), u2 = (m+2s²)/(√2 s) (paper
// appendix Eq. 11–13). The factors e^{m+s²/2}·erfc(u1) = e^{−u0²}·erfcx(u1)
// and e^{2(m+s²)}·erfc(u2) = e^{−u0²}·erfcx(u2) are rewritten with the
// scaled function erfcx(x) = e^{x²}·erfc(x) (DLMF 7.2.3), so that no
// intermediate is huge or tiny. A > 0, B < 0, C > 0, D > 0.
type integrals struct {
	A, B, C, D tracked

	// For the derivatives (stability.go): p1 = e^{−u0²}·erfcx(u1),
	// p2 = e^{−u0²}·erfcx(u2), q0 = erfc(−u0) and the density of z at 0,
	// ps = e^{−u0²}/(√(2π)·s).
	p1, p2, q0, ps tracked
	// p0 = erfc(u0) = 2 − q0, computed directly (for the derivatives of
	// C − A²).
	p0 tracked
}

// newIntegrals evaluates the integrals for m and s² given as exact
// rationals.
func (c arith) integrals(m, s2 *big.Rat) integrals {
	n1 := new(big.Rat).Add(m, s2)
	n2 := new(big.Rat).Add(n1, s2)
	m2s2 := new(big.Rat).Mul(m, m)
	m2s2.Add(m2s2, s2)

	twoS2 := new(big.Rat).Add(s2, s2)
	r2s := c.sqrt(c.rat(twoS2)) // √2·s
	u1 := c.quo(c.rat(n1), r2s)
	u2 := c.quo(c.rat(n2), r2s)

	var g, ec0, ecm0 tracked // e^{−u0²}, erfc(u0), erfc(−u0)
	mt := c.rat(m)
	if m.Sign() == 0 {
		g, ec0, ecm0 = c.int(1), c.int(1), c.int(1)
	} else {
		u0 := c.quo(mt, r2s)
		g = c.exp(c.neg(c.mul(u0, u0)))
		au := tracked{c.f().Abs(u0.x), u0.e}
		w := c.erfc(au) // erfc(|u0|) ≤ 1
		other := c.sub(c.int(2), w)
		if u0.x.Sign() > 0 {
			ec0, ecm0 = w, other
		} else {
			ec0, ecm0 = other, w
		}
	}
	x1 := c.erfcx(u1)
	x2 := c.erfcx(u2)

	pi := tracked{c.round(c.consts().Pi(c.prec + c.guard)), 1}
	ks := c.sqrt(c.quo(c.rat(twoS2), pi)) // √(2/π)·s
	ksg := c.mul(ks, g)                   // √(2/π)·s·e^{−u0²}

	var in integrals
	if m.Sign() == 0 {
		in.A = c.half(ksg)
		in.C = c.half(c.rat(s2))
	} else {
		in.A = c.half(c.add(c.mul(mt, ecm0), ksg))
		in.C = c.half(c.add(c.mul(c.rat(m2s2), ecm0), c.mul(mt, ksg)))
	}
	in.B = c.half(c.sub(c.mul(g, x1), ec0))
	d := c.sub(x2, c.add(x1, x1))
	in.D = c.half(c.add(c.mul(g, d), ec0))
	in.p1, in.p2, in.q0, in.p0 = c.mul(g, x1), c.mul(g, x2), ecm0, ec0
	in.ps = c.quo(ksg, c.rat(twoS2))
	return in
}
