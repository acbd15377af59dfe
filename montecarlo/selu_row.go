package montecarlo

import (
	"math"

	"github.com/selu-tool/selu/internal/gemm"
)

// seluRow applies SELU in place to one row of net inputs z, computing
//
//	s = T(λz) (z > 0),  T(λα·expm1(z)) (z ≤ 0)       (Klambauer et al. 2017, Eq. 2)
//
// in float64, adds every output s and its square to cs[j] and cq[j], and
// returns the sum and the sum of squares of the row's outputs. cs and cq
// must be at least as long as row.
//
// Where the CPU has AVX2 and FMA (and the portable kernels are not forced,
// gemm.ForcePortable), groups of four elements go through the assembly
// kernels seluStats32/64: expm1 is evaluated by Cody–Waite reduction
// z = k·ln2 + r, |r| ≤ ln2/2, the Taylor polynomial of expm1(r) to degree
// 13 (truncation < 2⁻⁵⁸ relative) and expm1(z) = 2ᵏ·expm1(r) + (2ᵏ − 1),
// within 1 ulp of math.Expm1 (TestSELURow); the row sums are kept in four
// lanes and added pairwise. The results therefore equal the portable loop's
// up to float rounding.
func seluRow[T float](row []T, cs, cq []float64, lam, la float64) (rs, rq float64) {
	n := len(row)
	j0 := 0
	if n4 := n &^ 3; hasSELUAsm && !gemm.Portable() && n4 > 0 {
		var acc [8]float64
		c := [2]float64{lam, la}
		_, _ = cs[n-1], cq[n-1]
		switch r := any(row).(type) {
		case []float32:
			seluStats32(&r[0], &cs[0], &cq[0], n4, &c, &acc)
		case []float64:
			seluStats64(&r[0], &cs[0], &cq[0], n4, &c, &acc)
		}
		rs = (acc[0] + acc[1]) + (acc[2] + acc[3])
		rq = (acc[4] + acc[5]) + (acc[6] + acc[7])
		j0 = n4
	}
	for j := j0; j < n; j++ {
		z := row[j]
		var s T
		if z > 0 {
			s = T(lam * float64(z))
		} else {
			s = T(la * math.Expm1(float64(z)))
		}
		row[j] = s
		f := float64(s)
		rs += f
		rq += f * f
		cs[j] += f
		cq[j] += f * f
	}
	return rs, rq
}
