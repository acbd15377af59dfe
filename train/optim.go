package train

import (
	"math"

	"github.com/selu-tool/selu/internal/gemm"
)

// Adam's constants (Kingma and Ba 2015, Algorithm 1).
const (
	adamBeta1 = 0.9
	adamBeta2 = 0.999
	adamEps   = 1e-8
)

// chunk is the number of parameters one task of the update handles.
const chunk = 8192

// stepper applies one optimizer step to slices of parameters.
type stepper struct {
	lr, mu float64
	adam   bool
	c1, c2 float64 // Adam's bias corrections 1 − β₁ᵗ, 1 − β₂ᵗ
}

// newStepper starts optimizer step number nt.steps+1.
func (nt *network[T]) newStepper(lr float64) stepper {
	nt.steps++
	return stepper{
		lr: lr, mu: nt.c.Momentum, adam: nt.c.Optimizer == Adam,
		c1: 1 - math.Pow(adamBeta1, float64(nt.steps)),
		c2: 1 - math.Pow(adamBeta2, float64(nt.steps)),
	}
}

// apply updates w from its gradient g and optimizer state m (and v for
// Adam), element by element:
//
//	SGD:  m ← μm + g,  w ← w − η·m
//	Adam: m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  w ← w − η·(m/c₁)/(√(v/c₂) + ε).
func stepSlice[T gemm.Float](s *stepper, w, g, m, v []T) {
	if !s.adam {
		mu, lr := T(s.mu), T(s.lr)
		m = m[:len(g)]
		w = w[:len(g)]
		for i, gi := range g {
			mi := mu*m[i] + gi
			m[i] = mi
			w[i] -= lr * mi
		}
		return
	}
	for i, gi := range g {
		gf := float64(gi)
		mi := adamBeta1*float64(m[i]) + (1-adamBeta1)*gf
		vi := adamBeta2*float64(v[i]) + (1-adamBeta2)*gf*gf
		m[i], v[i] = T(mi), T(vi)
		w[i] -= T(s.lr * (mi / s.c1) / (math.Sqrt(vi/s.c2) + adamEps))
	}
}

// updateRest applies the step to every parameter that is not a weight
// matrix (biases, BatchNorm's γ and β); the weight matrices are updated in
// backward, as soon as their gradients are computed.
func (nt *network[T]) updateRest(s *stepper) {
	for _, p := range nt.params {
		if p.l != nil {
			continue
		}
		parallel((len(p.w)+chunk-1)/chunk, func(c int) {
			i0, i1 := c*chunk, min((c+1)*chunk, len(p.w))
			var v []T
			if p.v != nil {
				v = p.v[i0:i1]
			}
			stepSlice(s, p.w[i0:i1], p.g[i0:i1], p.m[i0:i1], v)
		})
	}
}

// updateRows applies the step to rows [r0, r1) of layer ly's weights W
// (ly.gw holds their gradient) and writes the new rows into the packed
// copies of W and Wᵀ, so that no separate packing pass is needed.
func (nt *network[T]) updateRows(s *stepper, ly *layer[T], p *param[T], r0, r1 int) {
	n := ly.n
	var v []T
	if p.v != nil {
		v = p.v[r0*n : r1*n]
	}
	stepSlice(s, ly.w[r0*n:r1*n], ly.gw[r0*n:r1*n], p.m[r0*n:r1*n], v)
	nr := gemm.NR[T]()
	// W: rows r0 … r1 of pw.
	pw := ly.pw
	npW := len(pw.Data) / max(pw.K, 1)
	for i := r0; i < r1; i++ {
		p0 := i - i%gemm.KC
		kb := min(gemm.KC, ly.k-p0)
		base := p0*npW + (i-p0)*nr
		row := ly.w[i*n : (i+1)*n]
		for j0 := 0; j0 < n; j0 += nr {
			at := base + (j0/nr)*kb*nr
			copy(pw.Data[at:at+min(nr, n-j0)], row[j0:])
		}
	}
	ly.stale = false
	if ly.pwt == nil {
		return
	}
	// Wᵀ (n×k): column i of pwt is row i of W.
	pt := ly.pwt
	npT := len(pt.Data) / max(pt.K, 1)
	for i := r0; i < r1; i++ {
		row := ly.w[i*n : (i+1)*n]
		for p0 := 0; p0 < n; p0 += gemm.KC {
			kb := min(gemm.KC, n-p0)
			base := p0*npT + (i/nr)*kb*nr + i%nr
			dst := pt.Data[base:]
			for jj, x := range row[p0 : p0+kb] {
				dst[jj*nr] = x
			}
		}
	}
	ly.staleT = false
}
