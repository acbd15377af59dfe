package montecarlo

import "math"

// layerEpilogue applies SELU to a layer's net inputs, accumulates the sums
// the statistics need, and applies alpha dropout to produce the next
// layer's input, in one pass over each row panel.
//
// The recorded activations are the SELU outputs
//
//	selu(z) = λz (z > 0),  λα(eᶻ − 1) (z ≤ 0)       (Klambauer et al. 2017, Eq. 2)
//
// evaluated in float64 (with math.Expm1) and rounded to T; the sums are of
// the rounded values, accumulated in float64. With dropout, each element is
// then kept with probability q or set to α' = −λα, and mapped by
// x ↦ a·x + b (docs/model.md §6); the next layer sees that value.
type layerEpilogue[T float] struct {
	b, n    int
	lam, la float64 // λ and λα

	drop  bool
	keep  float64 // q
	da    T       // a
	db    T       // b
	sat   T       // α' = −λα
	seed  uint64
	layer int

	colSum, colSq []float64 // per panel: panels(b)×n partial sums over the panel's rows
	rowSum, rowSq []float64 // per row: sums over the row of the SELU outputs
}

func newLayerEpilogue[T float](b, n int) *layerEpilogue[T] {
	np := panels(b)
	return &layerEpilogue[T]{
		b: b, n: n,
		colSum: make([]float64, np*n), colSq: make([]float64, np*n),
		rowSum: make([]float64, b), rowSq: make([]float64, b),
	}
}

func (e *layerEpilogue[T]) apply(y []T, p int) {
	n := e.n
	r0, r1 := p*panelRows, min((p+1)*panelRows, e.b)
	cs, cq := e.colSum[p*n:(p+1)*n], e.colSq[p*n:(p+1)*n]
	clear(cs)
	clear(cq)
	if !e.drop {
		for r := r0; r < r1; r++ {
			rs, rq := seluRow(y[r*n:(r+1)*n], cs, cq, e.lam, e.la)
			e.rowSum[r], e.rowSq[r] = rs, rq
		}
		return
	}
	rng := stream(e.seed, streamDropout, e.layer, p)
	// One uniform 64-bit draw decides a unit: dropped iff u ≥ q·2⁶⁴.
	thresh := keepThreshold(e.keep)
	dropped := e.da*e.sat + e.db
	for r := r0; r < r1; r++ {
		row := y[r*n : (r+1)*n]
		var rs, rq float64
		for j, z := range row {
			var s T
			if z > 0 {
				s = T(e.lam * float64(z))
			} else {
				s = T(e.la * math.Expm1(float64(z)))
			}
			f := float64(s)
			rs += f
			rq += f * f
			cs[j] += f
			cq[j] += f * f
			if rng.Uint64() < thresh {
				s = e.da*s + e.db
			} else {
				s = dropped
			}
			row[j] = s
		}
		e.rowSum[r], e.rowSq[r] = rs, rq
	}
}

// keepThreshold returns ⌊q·2⁶⁴⌋ (saturating), so that a uniform uint64 u
// keeps a unit with probability q when u < threshold.
func keepThreshold(q float64) uint64 {
	if q >= 1 {
		return math.MaxUint64
	}
	if q <= 0 {
		return 0
	}
	return uint64(math.Ldexp(q, 64))
}
