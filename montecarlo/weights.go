package montecarlo

import (
	"math"
)

// weightRows is the number of rows of W drawn from one random stream.
const weightRows = 64

// weightCols is the number of columns normalized by one task.
const weightCols = 64

// drawWeights fills w (k×n, column j = unit j's incoming weights) with the
// weights of layer l.
//
//   - LeCun: wᵢⱼ ~ N(0, 1/k) independently.
//   - Gain G: wᵢⱼ ~ N(0, G²/k) independently.
//   - Exact (ω, τ): each column is drawn N(0, 1), centred, scaled and
//     shifted so that Σᵢ wᵢⱼ = ω and Σᵢ wᵢⱼ² = τ (up to rounding to T):
//     c = v − mean(v), w = c·√((τ − ω²/k)/Σc²) + ω/k.
func drawWeights[T float](w []T, k, n int, init Init, omega, tau float64, seed uint64, l int) {
	scale := init.scale(k)
	parallel((k+weightRows-1)/weightRows, func(c int) {
		rng := newGaussian(seed, streamWeights, l, c)
		for i := c * weightRows; i < min((c+1)*weightRows, k); i++ {
			fillNormal(&rng, w[i*n:(i+1)*n], scale)
		}
	})
	if init.Kind != Exact {
		return
	}
	shift := omega / float64(k)
	norm2 := tau - omega*omega/float64(k) // Σc² after scaling
	parallel((n+weightCols-1)/weightCols, func(c int) {
		j0, j1 := c*weightCols, min((c+1)*weightCols, n)
		var sum, ss [weightCols]float64
		for i := range k {
			for j, v := range w[i*n+j0 : i*n+j1] {
				sum[j] += float64(v)
			}
		}
		var mean [weightCols]float64
		for j := range j1 - j0 {
			mean[j] = sum[j] / float64(k)
		}
		for i := range k {
			for j, v := range w[i*n+j0 : i*n+j1] {
				d := float64(v) - mean[j]
				ss[j] += d * d
			}
		}
		var s [weightCols]float64
		for j := range j1 - j0 {
			s[j] = math.Sqrt(norm2 / ss[j])
		}
		for i := range k {
			row := w[i*n+j0 : i*n+j1]
			for j, v := range row {
				row[j] = T((float64(v)-mean[j])*s[j] + shift)
			}
		}
	})
}

// scale is the standard deviation of the independent weight draws of a unit
// with fan-in k: 1/√k for LeCun, G/√k for gain G, and 1 for exact weights
// (drawn N(0, 1) and then normalized per unit).
func (init Init) scale(k int) float64 {
	switch init.Kind {
	case LeCun:
		return 1 / math.Sqrt(float64(k))
	case Gain:
		return init.Gain / math.Sqrt(float64(k))
	}
	return 1
}
