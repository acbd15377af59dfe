package bigmath

import (
	"math/big"
)

// Pi returns π rounded to prec bits (64 bits if prec is 0) in the
// ToNearestEven mode. Values are cached: after the first call at a given
// precision, a call costs one rounded copy. Pi is safe for concurrent use.
func Pi(prec uint) *big.Float { return Primary.Pi(prec) }

// Pi is the package function Pi with the π of cs.
func (cs *Constants) Pi(prec uint) *big.Float {
	if prec == 0 {
		prec = defaultPrec
	}
	// 64 guard bits: the cached value is within 1 ulp at prec+64 bits, so the
	// rounding below is correct unless π lies within 2^-63 ulp of a midpoint.
	return new(big.Float).SetPrec(prec).Set(cs.pi.get(prec + 64))
}

// computePi returns π with prec bits by the Chudnovsky series
//
//	1/π = 12 Σ_{k≥0} (-1)^k (6k)! (13591409 + 545140134k) / ((3k)! (k!)³ 640320^{3k+3/2})
//
// summed by binary splitting, as π = 426880·√10005 · Q / T.
// Each term adds log2(151931373056000) ≈ 47.11 bits.
func computePi(prec uint) *big.Float {
	wp := prec + 32
	n := int64(wp)/47 + 2
	_, q, t := chudnovsky(0, n)
	fq := new(big.Float).SetPrec(wp).SetInt(q)
	ft := new(big.Float).SetPrec(wp).SetInt(t)
	s := new(big.Float).SetPrec(wp).SetInt64(10005)
	Sqrt(s, s)
	s.Mul(s, new(big.Float).SetPrec(wp).SetInt64(426880))
	s.Mul(s, fq)
	s.Quo(s, ft)
	return new(big.Float).SetPrec(prec).Set(s)
}

// chudnovskyC3over24 is 640320³/24.
var chudnovskyC3over24 = big.NewInt(640320 * 640320 * 640320 / 24)

// chudnovsky returns P(a,b), Q(a,b), T(a,b) of the binary splitting of the
// Chudnovsky series over the terms a ≤ k < b:
//
//	p(k) = (6k-5)(2k-1)(6k-1), q(k) = k³·640320³/24 (p(0) = q(0) = 1),
//	P(a,b) = Π p(k), Q(a,b) = Π q(k),
//	T(a,b) = Q(a,b) · Σ_k (-1)^k (13591409 + 545140134k) P(a,k+1)/Q(a,k+1),
//
// so that the whole series is Σ = T(0,n)/Q(0,n).
func chudnovsky(a, b int64) (p, q, t *big.Int) {
	if b-a == 1 {
		if a == 0 {
			p = big.NewInt(1)
			q = big.NewInt(1)
		} else {
			p = big.NewInt(6*a - 5)
			p.Mul(p, big.NewInt(2*a-1))
			p.Mul(p, big.NewInt(6*a-1))
			q = big.NewInt(a)
			q.Mul(q, q).Mul(q, big.NewInt(a))
			q.Mul(q, chudnovskyC3over24)
		}
		t = big.NewInt(545140134)
		t.Mul(t, big.NewInt(a))
		t.Add(t, big.NewInt(13591409))
		t.Mul(t, p)
		if a&1 == 1 {
			t.Neg(t)
		}
		return p, q, t
	}
	m := (a + b) / 2
	pl, ql, tl := chudnovsky(a, m)
	pr, qr, tr := chudnovsky(m, b)
	// T = Tl·Qr + Pl·Tr, P = Pl·Pr, Q = Ql·Qr.
	t = new(big.Int).Mul(tl, qr)
	t.Add(t, tr.Mul(tr, pl))
	p = pl.Mul(pl, pr)
	q = ql.Mul(ql, qr)
	return p, q, t
}
