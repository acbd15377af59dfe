package verify

import (
	"github.com/selu-tool/selu/internal/interval"
)

// layer holds the constants as intervals: each is the given float64 widened
// by one ulp, so a certificate for the float64 nearest to a real constant
// (such as λ01) also holds for the real constant.
type layer struct {
	lambda, alpha            iv
	lambda2, alpha2, am1     iv // λ², α², α−1
	halfLambda, qLambda      iv // λ/2, λ/4
	halfLambda2              iv // λ²/2
	lambdaAlpha, halfLamA    iv // λα, λα/2
	qLamA, qLamAm1           iv // λα/4, λ(α−1)/4
	lam2Alpha2, lam2Alpha2x2 iv
}

func newLayer(lambda, alpha float64) layer {
	l := interval.Around(lambda)
	a := interval.Around(alpha)
	var k layer
	k.lambda, k.alpha = l, a
	k.lambda2, k.alpha2 = l.Sqr(), a.Sqr()
	k.am1 = a.Sub(interval.Point(1))
	k.halfLambda = l.Scale(0.5)
	k.qLambda = l.Scale(0.25)
	k.halfLambda2 = k.lambda2.Scale(0.5)
	k.lambdaAlpha = l.Mul(a)
	k.halfLamA = k.lambdaAlpha.Scale(0.5)
	k.qLamA = k.lambdaAlpha.Scale(0.25)
	k.qLamAm1 = l.Mul(k.am1).Scale(0.25)
	k.lam2Alpha2 = k.lambda2.Mul(k.alpha2)
	k.lam2Alpha2x2 = k.lam2Alpha2.Scale(2)
	return k
}

// moments holds enclosures, on a box of (m, q = s²), of the layer map and of
// its partial derivatives (docs/model.md §2–3, paper Eq. 4, 5, 62–65):
//
//	mu = μ̃,  nu = ν̃ = ξ̃ − μ̃²,
//	a = ∂μ̃/∂m,  b = ∂μ̃/∂q,  c = ∂ν̃/∂m,  d = ∂ν̃/∂q,
//
// so that the Jacobian of g (Eq. 87) is H = [[ω a, τ b], [ω c, τ d]]. Each
// is a dual: the enclosure with enclosures of its own derivatives in m, q.
type moments struct {
	mu, nu, a, b, c, d dual
}

// u1 = (m+q)/(√2 √q) at a point, as an interval.
func u1At(m, q float64) iv {
	return interval.Point(m).Add(interval.Point(q)).Div(interval.Sqrt2().Mul(interval.Sqrt(interval.Point(q))))
}

// u2 = (m+2q)/(√2 √q) at a point, as an interval.
func u2At(m, q float64) iv {
	return interval.Point(m).Add(interval.Point(2 * q)).Div(interval.Sqrt2().Mul(interval.Sqrt(interval.Point(q))))
}

// evalMoments encloses the moments on the box M × Q (Q.Lo > 0), using the
// erfcx form of docs/model.md §2, which never overflows:
//
//	e^{m+q/2} erfc u1 = E0 erfcx u1,  e^{2m+2q} erfc u2 = E0 erfcx u2,  E0 = e^{−m²/(2q)},
//
// with u0 = m/√(2q), u1 = (m+q)/√(2q), u2 = (m+2q)/√(2q), and 1+erf u0 = erfc(−u0).
func (k *layer) evalMoments(M, Q iv) moments {
	m := dual{v: M, dm: interval.Point(1)}
	q := dual{v: Q, dq: interval.Point(1)}
	s := q.sqrt()
	s2 := s.scale(interval.Sqrt2())
	u0 := m.div(s2)
	u1 := u0.add(s.scale(interval.InvSqrt2()))
	u2 := u0.add(s.scale(interval.Sqrt2()))
	// u1 and u2 are increasing in m, and in q while q > m (resp. 2q > m):
	// their ranges are the values at two corners (no dependency problem).
	if Q.Lo > M.Hi {
		if r, ok := interval.Intersect(u1.v, interval.I{Lo: u1At(M.Lo, Q.Lo).Lo, Hi: u1At(M.Hi, Q.Hi).Hi}); ok {
			u1.v = r
		}
	}
	if 2*Q.Lo > M.Hi {
		if r, ok := interval.Intersect(u2.v, interval.I{Lo: u2At(M.Lo, Q.Lo).Lo, Hi: u2At(M.Hi, Q.Hi).Hi}); ok {
			u2.v = r
		}
	}
	e0 := m.sqr().div(q.scaleF(2)).neg().exp()
	k1 := e0.mul(u1.erfcx()) // e^{m+q/2} erfc u1
	k2 := e0.mul(u2.erfcx()) // e^{2m+2q} erfc u2
	// For u ≪ 0 the erfcx form is 0·∞ (E0 underflows, erfcx overflows);
	// there the direct products are finite, and both are enclosures.
	if u1.v.Lo < 0 {
		k1 = meet(k1, m.add(q.scaleF(0.5)).exp().mul(u1.erfc()))
	}
	if u2.v.Lo < 0 {
		k2 = meet(k2, m.add(q).scaleF(2).exp().mul(u2.erfc()))
	}
	p := u0.neg().erfc() // 1 + erf u0
	n := u0.erfc()       // 1 − erf u0
	phiS := s.mul(e0).scale(interval.SqrtTwoByPi())
	phiI := e0.div(s).scale(interval.SqrtTwoByPi())

	// A, B, C, D of docs/model.md §2 (doubled).
	a2 := m.mul(p).add(phiS)
	b2 := k1.sub(n)
	c2 := m.sqr().add(q).mul(p).add(m.mul(phiS))
	d2 := k2.sub(k1.scaleF(2)).add(n)
	mu := a2.scale(k.halfLambda).add(b2.scale(k.halfLamA))               // λ(A + αB)
	xi := c2.scale(k.halfLambda2).add(d2.scale(k.lam2Alpha2.Scale(0.5))) // λ²(C + α²D)
	nu := xi.sub(mu.sqr())

	// Partial derivatives (docs/model.md §3, J divided by ω or τ).
	da := k1.scale(k.halfLamA).add(p.scale(k.halfLambda))                         // ½λ(αK1 + P)
	db := k1.scale(k.qLamA).sub(phiI.scale(k.qLamAm1))                            // ¼λ(αK1 − (α−1)φ/s)
	xm := k2.sub(k1).scale(k.lam2Alpha2).add(m.mul(p).add(phiS).scale(k.lambda2)) // λ²(α²K2 − α²K1 + mP + φs)
	xq := k2.scale(k.lam2Alpha2).sub(k1.scale(k.lam2Alpha2.Scale(0.5))).add(p.scale(k.halfLambda2))
	two := interval.Point(2)
	dc := xm.sub(mu.mul(da).scale(two))
	dd := xq.sub(mu.mul(db).scale(two))
	return moments{mu: mu, nu: nu, a: da, b: db, c: dc, d: dd}
}

// meet intersects two enclosures of the same function and derivatives.
func meet(x, y dual) dual {
	m := func(a, b iv) iv {
		if r, ok := interval.Intersect(a, b); ok {
			return r
		}
		return a
	}
	return dual{m(x.v, y.v), m(x.dm, y.dm), m(x.dq, y.dq)}
}

// refine returns the enclosure of f on the box M × Q from its dual on the
// box and its value at a point C of the box (the mean-value form
// f(C) + f_m·(M − C_m) + f_q·(Q − C_q)), intersected with the direct
// enclosure.
func refine(box, center dual, M, Q, Cm, Cq iv) iv {
	mv := center.v.Add(box.dm.Mul(M.Sub(Cm))).Add(box.dq.Mul(Q.Sub(Cq)))
	if r, ok := interval.Intersect(box.v, mv); ok {
		return r
	}
	return box.v // both contain the range; an empty intersection is impossible for exact data
}
