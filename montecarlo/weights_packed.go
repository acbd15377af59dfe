package montecarlo

import (
	"math"

	"selu/internal/gemm"
)

// drawGaussianPacked fills pb (k×n) with the LeCun or gain weights of layer
// l, written straight into gemm's packed layout: the same random streams in
// the same order as drawWeights, so the weights are bitwise those of
// drawWeights followed by pb.Pack, without the row-major copy.
func drawGaussianPacked[T float](pb *gemm.PackedB[T], init Init, seed uint64, l int) {
	k, n := pb.K, pb.N
	scale := 1 / math.Sqrt(float64(k))
	if init.Kind == Gain {
		scale = init.Gain / math.Sqrt(float64(k))
	}
	nr := gemm.NR[T]()
	parallel((k+weightRows-1)/weightRows, func(c int) {
		rng := newGaussian(seed, streamWeights, l, c)
		for i := c * weightRows; i < min((c+1)*weightRows, k); i++ {
			for j0 := 0; j0 < n; j0 += nr {
				at := pb.Index(i, j0)
				fillNormal(&rng, pb.Data[at:at+min(nr, n-j0)], scale)
			}
		}
	})
}
