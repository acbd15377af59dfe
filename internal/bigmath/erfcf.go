package bigmath

import (
	"math"
	"math/big"
)

// The Laplace continued fraction (DLMF 7.9.2), for x > 0:
//
//	√π·e^{x²}·erfc(x) = 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ···)))))
//	                  = K_{k≥1} (a_k / x),  a_1 = 1, a_k = (k-1)/2.
//
// With the denominators B_0 = 1, B_1 = x, B_k = x·B_{k-1} + a_k·B_{k-2},
// the convergents f_n = A_n/B_n satisfy
//
//	f_{n+1} − f_n = (−1)^n a_1···a_{n+1} / (B_n·B_{n+1}).
//
// All a_k and x are positive, so the even and odd convergents bracket the
// value f from below and above: |f − f_n| ≤ |f_{n+1} − f_n|, and
// f ≥ f_2 = 1/(x + 1/(2x)). cfTerms uses this bound, with log B_k from the
// float64 recurrence of the positive ratios B_k/B_{k-1}, to fix the number
// of terms before the big.Float evaluation.

// cfTerms returns the smallest n for which the relative truncation error of
// f_n is below 2^-t, or ok = false if that takes more than maxTerms terms.
func (a *erfArg) cfTerms(t uint, maxTerms int) (n int, ok bool) {
	x := a.xf
	// Empirically n ≈ (0.065…0.1)·t²/x² for t ≥ 200; skip the loop when even
	// a smaller estimate is over the limit.
	if 0.05*float64(t)*float64(t)/(x*x) > float64(maxTerms) {
		return 0, false
	}
	target := -float64(t) - 2 - math.Log2(x+0.5/x)
	logP := 0.0          // log2(a_1···a_{n+1})
	lb0, lb1 := 0.0, 0.0 // log2 B_{n}, log2 B_{n+1}
	rho := x             // B_1/B_0
	lb1 = math.Log2(x)
	for n = 1; n <= maxTerms; n++ {
		// advance to B_{n+1}; a_{n+1} = n/2
		an := float64(n) / 2
		logP += math.Log2(an)
		rho = x + an/rho
		lb0, lb1 = lb1, lb1+math.Log2(rho)
		if logP-lb0-lb1 < target {
			return n, true
		}
	}
	return 0, false
}

// cfCost estimates the cost of the n-term evaluation at wp bits: two full
// and two short products and two additions of big.Float per term.
func cfCost(n int, wp uint) float64 {
	return float64(n) * (2*mulCost(wp) + 6*linCost(wp) + 100)
}

// cf returns f_n = √π·erfcx(x) (n from cfTerms) with a relative error below
// 2^-wp in total when n was chosen for 2^-(wp+1). The forward recurrences
// for A_k and B_k have positive terms only, so each step adds at most a few
// rounding errors of 2^-w relative: w = wp + log2(8n) + 2.
func (a *erfArg) cf(n int, wp uint) *big.Float {
	w := wp + bitLen(8*n) + 2
	x := a.x
	a0 := new(big.Float).SetPrec(w)             // A_0 = 0
	a1 := new(big.Float).SetPrec(w).SetInt64(1) // A_1 = 1
	b0 := new(big.Float).SetPrec(w).SetInt64(1) // B_0 = 1
	b1 := new(big.Float).SetPrec(w).Set(x)      // B_1 = x
	t := new(big.Float).SetPrec(w)
	ak := new(big.Float)
	for k := 2; k <= n; k++ {
		ak.SetInt64(int64(k - 1))
		ak.SetMantExp(ak, -1) // a_k = (k-1)/2
		// A_k = x·A_{k-1} + a_k·A_{k-2}
		a0.Mul(a0, ak)
		t.Mul(a1, x)
		a0.Add(a0, t)
		a0, a1 = a1, a0
		b0.Mul(b0, ak)
		t.Mul(b1, x)
		b0.Add(b0, t)
		b0, b1 = b1, b0
		// Keep the exponents bounded (exact rescaling).
		if k%64 == 0 {
			if e := b1.MantExp(nil); e > 1<<20 || e < -(1<<20) {
				a0.SetMantExp(a0, -e)
				a1.SetMantExp(a1, -e)
				b0.SetMantExp(b0, -e)
				b1.SetMantExp(b1, -e)
			}
		}
	}
	return a1.Quo(a1, b1)
}
