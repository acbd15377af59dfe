package montecarlo

import (
	"math"

	"github.com/selu-tool/selu/internal/gemm"
)

// drawWeightsPacked fills pb (k×n) with the weights of layer l, written
// straight into gemm's packed layout: the same random streams in the same
// order and the same arithmetic as drawWeights, so the weights are bitwise
// those of drawWeights followed by pb.Pack, without the row-major matrix
// and the copy. Exact weights are normalized one column panel (NR units) at
// a time, each unit's sums taken in row order as in drawWeights.
func drawWeightsPacked[T float](pb *gemm.PackedB[T], init Init, omega, tau float64, seed uint64, l int) {
	k, n := pb.K, pb.N
	scale := init.scale(k)
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
	if init.Kind != Exact {
		return
	}
	shift := omega / float64(k)
	norm2 := tau - omega*omega/float64(k) // Σc² after scaling
	parallel((n+nr-1)/nr, func(c int) {
		j0 := c * nr
		nb := min(nr, n-j0)
		var sum, ss, mean, s [16]float64 // NR ≤ 16
		for i := range k {
			at := pb.Index(i, j0)
			for j, v := range pb.Data[at : at+nb] {
				sum[j] += float64(v)
			}
		}
		for j := range nb {
			mean[j] = sum[j] / float64(k)
		}
		for i := range k {
			at := pb.Index(i, j0)
			for j, v := range pb.Data[at : at+nb] {
				d := float64(v) - mean[j]
				ss[j] += d * d
			}
		}
		for j := range nb {
			s[j] = math.Sqrt(norm2 / ss[j])
		}
		for i := range k {
			at := pb.Index(i, j0)
			row := pb.Data[at : at+nb]
			for j, v := range row {
				row[j] = T((float64(v)-mean[j])*s[j] + shift)
			}
		}
	})
}
