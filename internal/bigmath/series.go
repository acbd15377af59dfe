package bigmath

import (
	"math"
	"math/big"
	"math/bits"
)

// fixedSeries returns Σ_{k=0}^{n-1} c_k·y^k in fixed point with w fractional
// bits (y and the result are integers scaled by 2^w), where c_0 = 1 and
// c_k = c_{k-1}/d(k) with 1 ≤ d(k) < 2^32.
//
// It uses rectangular splitting (Smith 1989; Brent & Zimmermann, Modern
// Computer Arithmetic §4.4.3): with m ≈ √n, the powers y^0..y^m cost m full
// products, the n terms are then combined by Horner's rule inside blocks of
// m terms using only divisions by the small integers d(k) and additions, and
// the ⌈n/m⌉ blocks by one full product by y^m each. That is about 2√n full
// products instead of n.
//
// Each operation truncates by less than one unit of 2^-w, and no value is
// amplified except by the positive coefficients themselves, so for |y| < 1 or
// y > 0 the error is below a few·n units relative to max(1, sum).
func fixedSeries(y *big.Int, w uint, n int, d func(k int) uint64) *big.Int {
	one := new(big.Int).Lsh(big.NewInt(1), w)
	if n <= 1 {
		return one
	}
	var tmp, rem, dd big.Int
	m := int(math.Sqrt(float64(n)))
	if m < 2 {
		m = 2
	}
	m = min(m, n)
	// pow[i] = y^i, i = 0..m.
	// The powers share one backing array (one allocation instead of m).
	ib := max(0, y.BitLen()-int(w))        // bits of the integer part of |y|
	per := (int(w)+m*ib)/bits.UintSize + 2 // words of y^m plus room
	buf := make([]big.Word, (m-1)*per)
	vals := make([]big.Int, m+1)
	pow := make([]*big.Int, m+1)
	pow[0] = one
	pow[1] = y
	for i := 2; i <= m; i++ {
		tmp.Mul(pow[i-1], y)
		pow[i] = vals[i].SetBits(buf[(i-2)*per:(i-2)*per:(i-1)*per]).Rsh(&tmp, w)
	}
	blocks := (n + m - 1) / m
	var r *big.Int
	acc := new(big.Int)
	for j := blocks - 1; j >= 0; j-- {
		base := j * m
		cnt := min(m, n-base)
		// T_j = y^0 + (y^1 + (y^2 + ···)/d(base+2))/d(base+1), with the
		// divisions grouped: g steps of Horner's rule are
		//   acc ← pow[k] + (acc + Σ pow[l]·d(l+1)···d(i)) / (d(k+1)···d(i)),
		// one division by a word and g−1 products by a word.
		acc.Set(pow[cnt-1])
		for i := cnt - 1; i >= 1; {
			dw := d(base + i)
			k := i - 1
			for ; k >= 1; k-- {
				dk := d(base + k)
				if dw > math.MaxUint64/dk {
					break
				}
				tmp.Mul(pow[k], dd.SetUint64(dw))
				acc.Add(acc, &tmp)
				dw *= dk
			}
			acc.QuoRem(acc, dd.SetUint64(dw), &rem)
			acc.Add(acc, pow[k])
			i = k
		}
		if r == nil {
			r = new(big.Int).Set(acc)
			continue
		}
		// R = T_j + y^m·R / (d(base+1)···d(base+m))
		tmp.Mul(r, pow[m])
		r.Rsh(&tmp, w)
		prod := uint64(1)
		for l := 1; l <= m; l++ {
			dl := d(base + l)
			if prod > math.MaxUint64/dl {
				r.QuoRem(r, dd.SetUint64(prod), &rem)
				prod = 1
			}
			prod *= dl
		}
		r.QuoRem(r, dd.SetUint64(prod), &rem)
		r.Add(r, acc)
	}
	return r
}
