package bigmath

import (
	"math"
	"math/big"
)

// computeLn2 returns ln 2 with prec bits from the Machin-like formula
//
//	ln 2 = 18·atanh(1/26) − 2·atanh(1/4801) + 8·atanh(1/8749),
//
// each arctanh summed by binary splitting.
func computeLn2(prec uint) *big.Float {
	wp := prec + 32
	s := atanhInv(26, wp)
	s.Mul(s, new(big.Float).SetInt64(18))
	t := atanhInv(4801, wp)
	t.Mul(t, new(big.Float).SetInt64(2))
	s.Sub(s, t)
	t = atanhInv(8749, wp)
	t.Mul(t, new(big.Float).SetInt64(8))
	s.Add(s, t)
	return new(big.Float).SetPrec(prec).Set(s)
}

// computeLn2Alt returns ln 2 with prec bits from the other Machin-like
// formula
//
//	ln 2 = 14·atanh(1/31) + 10·atanh(1/49) + 6·atanh(1/161),
//
// which shares no argument with computeLn2's.
func computeLn2Alt(prec uint) *big.Float {
	wp := prec + 32
	s := new(big.Float).SetPrec(wp)
	for _, c := range []struct{ coef, q int64 }{{14, 31}, {10, 49}, {6, 161}} {
		t := atanhInv(c.q, wp)
		t.Mul(t, new(big.Float).SetInt64(c.coef))
		s.Add(s, t)
	}
	return new(big.Float).SetPrec(prec).Set(s)
}

// computePiMachin returns π with prec bits from Takano's Machin-like
// formula
//
//	π = 48·atan(1/49) + 128·atan(1/57) − 20·atan(1/239) + 48·atan(1/110443),
//
// a method independent of computePi's Chudnovsky series (no square root,
// other series). The terms add to π with a cancellation of less than 6 %.
func computePiMachin(prec uint) *big.Float {
	wp := prec + 32
	s := new(big.Float).SetPrec(wp)
	for _, c := range []struct{ coef, q int64 }{{48, 49}, {128, 57}, {-20, 239}, {48, 110443}} {
		t := atanInv(c.q, wp)
		t.Mul(t, new(big.Float).SetInt64(c.coef))
		s.Add(s, t)
	}
	return new(big.Float).SetPrec(prec).Set(s)
}

// atanhInv returns atanh(1/q) = Σ_{k≥0} 1/((2k+1) q^{2k+1}) at precision prec
// with an error of a few ulp.
func atanhInv(q int64, prec uint) *big.Float { return arcInv(q, prec, true) }

// atanInv returns atan(1/q) = Σ_{k≥0} (−1)^k/((2k+1) q^{2k+1}) at precision
// prec with an error of a few ulp.
func atanInv(q int64, prec uint) *big.Float { return arcInv(q, prec, false) }

// arcInv returns atanh(1/q) (hyperbolic) or atan(1/q) for q ≥ 2 at
// precision prec: four roundings, so an error below 2 ulp, plus the tail.
// The tail after n terms is below q^{-2n-1}/(1 − q^{-2}), so
// n = ⌈(prec+8)/(2·log2 q)⌉ terms suffice. atan is the same sum over
// q2 = −q² instead of q²: S(0,n) = Σ 1/((2k+1)·q2^{k+1}) = −atan(1/q)/q.
func arcInv(q int64, prec uint, hyperbolic bool) *big.Float {
	n := int64(math.Ceil(float64(prec+8)/(2*math.Log2(float64(q))))) + 1
	q2 := big.NewInt(q * q)
	if !hyperbolic {
		q2.Neg(q2)
	}
	qn, b, t := atanhSplit(q2, 0, n)
	// S(0,n) = T/(B·Q) with Q = q2^n; atanh(1/q) = q·S, atan(1/q) = −q·S.
	den := b.Mul(b, qn)
	if !hyperbolic {
		den.Neg(den)
	}
	ft := new(big.Float).SetPrec(prec).SetInt(t)
	ft.Mul(ft, new(big.Float).SetInt64(q))
	fd := new(big.Float).SetPrec(prec).SetInt(den)
	return ft.Quo(ft, fd)
}

// atanhSplit returns Q, B, T for the terms a ≤ k < b of
// S(a,b) = Σ 1/((2k+1) q2^{k-a+1}) = T/(B·Q), Q = q2^{b-a}, B = Π(2k+1).
func atanhSplit(q2 *big.Int, a, b int64) (q, bb, t *big.Int) {
	if b-a == 1 {
		return new(big.Int).Set(q2), big.NewInt(2*a + 1), big.NewInt(1)
	}
	m := (a + b) / 2
	ql, bl, tl := atanhSplit(q2, a, m)
	qr, br, tr := atanhSplit(q2, m, b)
	// S(a,b) = S(a,m) + S(m,b)/Ql  ⇒  T = Tl·Br·Qr + Tr·Bl.
	t = new(big.Int).Mul(tl, br)
	t.Mul(t, qr)
	t.Add(t, tr.Mul(tr, bl))
	return ql.Mul(ql, qr), bl.Mul(bl, br), t
}
