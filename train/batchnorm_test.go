package train

import (
	"math"
	"math/rand/v2"
	"testing"
)

// BatchNorm's forward pass against the textbook formula per column,
// x̂ = (z − m)/√(s² + ε) with the biased batch variance s², u = γx̂ + β,
// and its backward pass against the chain rule written out with the full
// Jacobian of the column, ∂u_k/∂z_i = γ/√(s²+ε)·([i = k] − 1/B − x̂ᵢx̂_k/B)
// (Ioffe and Szegedy 2015, section 3), summed term by term. Float64; the
// tolerance 1e-12 relative is a few hundred roundings of the O(B) sums.
func TestBatchNorm(t *testing.T) {
	const rows, n = 13, 5
	rng := rand.New(rand.NewPCG(3, 4))
	ly := &layer[float64]{n: n, hidden: true,
		y: make([]float64, rows*n), xhat: make([]float64, rows*n),
		gamma: make([]float64, n), beta: make([]float64, n),
		ggamma: make([]float64, n), gbeta: make([]float64, n),
		runMean: make([]float64, n), runVar: make([]float64, n),
		bnMean: make([]float64, n), bnInv: make([]float64, n),
	}
	z := make([]float64, rows*n)
	for i := range z {
		z[i] = 2 + 3*rng.NormFloat64()
	}
	for j := range n {
		ly.gamma[j], ly.beta[j] = 0.5+rng.Float64(), rng.NormFloat64()
		ly.runVar[j] = 1
	}
	copy(ly.y, z)
	nt := &network[float64]{}
	nt.batchNorm(ly, rows, modeTrain)
	du := make([]float64, rows*n)
	for i := range du {
		du[i] = rng.NormFloat64()
	}
	dz := append([]float64(nil), du...)
	batchNormBack(ly, dz, rows)

	close := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-12*max(1, math.Abs(want)) {
			t.Errorf("%s = %.17g, want %.17g", what, got, want)
		}
	}
	for j := range n {
		var m, v float64
		for r := range rows {
			m += z[r*n+j]
		}
		m /= rows
		for r := range rows {
			v += (z[r*n+j] - m) * (z[r*n+j] - m)
		}
		v /= rows
		sd := math.Sqrt(v + bnEps)
		xh := make([]float64, rows)
		for r := range rows {
			xh[r] = (z[r*n+j] - m) / sd
			close("x̂", ly.xhat[r*n+j], xh[r])
			close("u", ly.y[r*n+j], ly.gamma[j]*xh[r]+ly.beta[j])
		}
		close("running mean", ly.runMean[j], bnMomentum*m)
		close("running var", ly.runVar[j], 1-bnMomentum+bnMomentum*v*rows/(rows-1))
		var gg, gb float64
		for r := range rows {
			gg += du[r*n+j] * xh[r]
			gb += du[r*n+j]
		}
		close("∂L/∂γ", ly.ggamma[j], gg)
		close("∂L/∂β", ly.gbeta[j], gb)
		for i := range rows {
			var s float64
			for k := range rows {
				jac := -1.0/rows - xh[i]*xh[k]/rows
				if i == k {
					jac++
				}
				s += du[k*n+j] * ly.gamma[j] / sd * jac
			}
			close("∂L/∂z", dz[i*n+j], s)
		}
	}
}
