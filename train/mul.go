package train

import (
	"runtime"

	"github.com/selu-tool/selu/internal/gemm"
)

// newMultipliers returns one single-worker gemm.Multiplier per
// GOMAXPROCS, the workers of network.mul.
func newMultipliers[T gemm.Float]() []*gemm.Multiplier[T] {
	ms := make([]*gemm.Multiplier[T], runtime.GOMAXPROCS(0))
	for i := range ms {
		ms[i] = gemm.NewMultiplier[T](1)
	}
	return ms
}

// mul sets the m×n matrix C (row stride ldc) to A·B like
// gemm.Multiplier.Mul, A m×k with row stride lda, and calls epi(r0, r1) on
// row ranges of C as soon as they are complete.
//
// gemm splits C into row blocks of gemm.MC rows, the unit of its parallel
// work; a batch of 128 rows makes three blocks, which two workers finish in
// the time of two blocks each. mul instead cuts the m rows into one part
// per worker, each a whole number of gemm.MR-row micro-tiles, as equal as
// the tiles allow (128 rows: 66 + 62), and multiplies every part on its own
// single-worker Multiplier. Every element of C is the same k-sum in the same
// order whatever the split (gemm's kernels compute tiles independently), so
// the results do not depend on the number of workers.
func (nt *network[T]) mul(m int, a []T, lda int, b *gemm.PackedB[T], c []T, ldc int, epi func(r0, r1 int)) {
	nt.split(m, false, a, lda, b, c, ldc, epi)
}

// mulAT is mul with A given transposed, A = ATᵀ with at holding the k×m
// matrix AT (row stride ldat), on gemm.Multiplier.MulAT: the weight
// gradient xᵀ·δ reads the layer input x as it is, without a transposed
// copy.
func (nt *network[T]) mulAT(m int, at []T, ldat int, b *gemm.PackedB[T], c []T, ldc int, epi func(r0, r1 int)) {
	nt.split(m, true, at, ldat, b, c, ldc, epi)
}

func (nt *network[T]) split(m int, trans bool, a []T, lda int, b *gemm.PackedB[T], c []T, ldc int, epi func(r0, r1 int)) {
	if m == 0 {
		return
	}
	tiles := (m + gemm.MR - 1) / gemm.MR
	parts := min(len(nt.muls), tiles)
	per := (tiles + parts - 1) / parts
	parts = (tiles + per - 1) / per
	rowsPer := per * gemm.MR
	parallel(parts, func(i int) {
		r0, r1 := i*rowsPer, min((i+1)*rowsPer, m)
		var e gemm.Epilogue
		if epi != nil {
			e = func(_, s0, s1 int) { epi(r0+s0, r0+s1) }
		}
		if trans {
			// Rows r0 … r1 of A are columns r0 … r1 of AT.
			nt.muls[i].MulAT(r1-r0, a[r0:], lda, b, c[r0*ldc:], ldc, e)
			return
		}
		nt.muls[i].Mul(r1-r0, a[r0*lda:], lda, b, c[r0*ldc:], ldc, e)
	})
}
