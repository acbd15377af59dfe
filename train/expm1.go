package train

import "math"

// expm1Neg returns eˣ − 1 for x ≤ 0, for the float32 SELU: Cody–Waite
// reduction x = k·ln2 + r, |r| ≤ ln2/2, the Taylor polynomial of eʳ − 1 to
// degree 10 (truncation below 2·10⁻¹³ relative), and
// eˣ − 1 = 2ᵏ(eʳ − 1) + (2ᵏ − 1). Its relative error is below 10⁻¹²
// (TestExpm1Neg), far below float32's 6·10⁻⁸, and it is several times
// cheaper than math.Expm1. For x < −40 it returns −1 (eˣ < 5·10⁻¹⁸).
func expm1Neg(x float64) float64 {
	const (
		log2e = 1.4426950408889634
		ln2hi = 6.93147180369123816490e-01 // ln 2 in 32 bits, so k·ln2hi is exact
		ln2lo = 1.90821492927058770002e-10
	)
	if x < -40 {
		return -1
	}
	k := math.Floor(x*log2e + 0.5)
	r := (x - k*ln2hi) - k*ln2lo
	p := r * (1 + r*(1.0/2+r*(1.0/6+r*(1.0/24+r*(1.0/120+r*(1.0/720+r*(1.0/5040+r*(1.0/40320+r*(1.0/362880+r*(1.0/3628800))))))))))
	s := math.Float64frombits(uint64(int64(k)+1023) << 52)
	return s*p + (s - 1)
}
