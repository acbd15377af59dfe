package montecarlo

import "math"

// LayerStats describes the activations of one layer: B×n values y_bj
// (b over the batch, j over the units).
type LayerStats struct {
	Layer int // 1 … L

	// Mean and Var are pooled over all B×n activations:
	//	M = Σ y_bj / (Bn),  V = Σ (y_bj − M)² / (Bn).
	Mean, Var float64

	// MeanSE and VarSE are the standard errors of Mean and Var given the
	// layer's input distribution, from the crossed (batch × unit) design:
	//	se²(M) = s²(row means)/B + s²(unit means)/n
	// and the same for V with y replaced by its influence y² − 2My
	// (docs/montecarlo.md).
	MeanSE, VarSE float64

	// UnitMeanSD and UnitVarSD are the standard deviations across the n
	// units of the per-unit means and variances (over the batch).
	UnitMeanSD, UnitVarSD float64

	// PredictedMean and PredictedVar are the map's prediction: g iterated
	// from the measured input moments (composed with the alpha dropout
	// moment map between layers when dropout is on).
	PredictedMean, PredictedVar float64

	// SDMean and SDVar add to MeanSE and VarSE the fluctuations inherited
	// from earlier layers, propagated through the map's Jacobian; BiasMean
	// and BiasVar bound the finite-width deviation of the expected moments
	// from the map, propagated the same way. See Tolerance.
	SDMean, SDVar     float64
	BiasMean, BiasVar float64
}

// Tolerance returns the half-widths k·SD + |Bias| within which Mean and
// Var are expected to lie around the map's infinite-width value.
func (s LayerStats) Tolerance(k float64) (mean, variance float64) {
	return k*s.SDMean + math.Abs(s.BiasMean), k*s.SDVar + math.Abs(s.BiasVar)
}

// rowMoments holds per-row statistics of the inputs, the starting point of
// the finite-width allowance: the variance across rows of the row means and
// of the row variances, the mean row variance and the pooled variance.
type rowMoments struct {
	meanVar   float64 // Var_b(x̄_b)
	varVar    float64 // Var_b(s_b²), s_b² with divisor n−1
	meanS2    float64 // E_b[s_b²]
	pooledVar float64 // variance of all B×n values, divisor Bn
}

// sampleVar returns the sample variance (divisor m−1) of x, two-pass.
func sampleVar(x []float64) float64 {
	if len(x) < 2 {
		return 0
	}
	var s float64
	for _, v := range x {
		s += v
	}
	m := s / float64(len(x))
	var q float64
	for _, v := range x {
		q += (v - m) * (v - m)
	}
	return q / float64(len(x)-1)
}

// rowStats returns the spread across rows of the row means and row
// variances, from per-row sums and sums of squares over n values.
func rowStats(sum, sq []float64, n int) rowMoments {
	means := make([]float64, len(sum))
	vars := make([]float64, len(sum))
	nf := float64(n)
	for b := range sum {
		m := sum[b] / nf
		means[b] = m
		vars[b] = max(sq[b]/nf-m*m, 0) * nf / (nf - 1)
	}
	var mm, ms float64
	for b := range means {
		mm += means[b]
		ms += vars[b]
	}
	B := float64(len(sum))
	mm /= B
	ms /= B
	// Pooled variance = mean within-row variance (divisor n) + variance of
	// the row means (divisor B).
	pooled := ms * (nf - 1) / nf
	for _, m := range means {
		pooled += (m - mm) * (m - mm) / B
	}
	return rowMoments{meanVar: sampleVar(means), varVar: sampleVar(vars), meanS2: ms, pooledVar: pooled}
}

// reduce turns the epilogue's sums into the layer's statistics. Column
// partials are added in panel order, so the result does not depend on the
// schedule.
//
// It also returns the two parts of the squared standard errors, the row
// (batch) part and the unit part, for (mean, var).
func (e *layerEpilogue[T]) reduce(l int) (LayerStats, seParts) {
	B, n := e.b, e.n
	colSum := make([]float64, n)
	colSq := make([]float64, n)
	for p := range panels(B) {
		for j, v := range e.colSum[p*n : (p+1)*n] {
			colSum[j] += v
		}
		for j, v := range e.colSq[p*n : (p+1)*n] {
			colSq[j] += v
		}
	}
	var tot, totSq float64
	for j := range n {
		tot += colSum[j]
		totSq += colSq[j]
	}
	N := float64(B) * float64(n)
	M := tot / N
	// V = E y² − M², computed as the mean of the per-unit variances plus
	// the variance of the per-unit means to limit cancellation.
	unitMean := make([]float64, n)
	unitVar := make([]float64, n)
	unitU := make([]float64, n)
	var within float64
	for j := range n {
		m := colSum[j] / float64(B)
		v := max(colSq[j]/float64(B)-m*m, 0)
		unitMean[j], unitVar[j] = m, v
		unitU[j] = colSq[j]/float64(B) - 2*M*m
		within += v
	}
	var between float64
	for _, m := range unitMean {
		between += (m - M) * (m - M)
	}
	V := (within + between) / float64(n)

	rowMean := make([]float64, B)
	rowU := make([]float64, B)
	for b := range B {
		m := e.rowSum[b] / float64(n)
		rowMean[b] = m
		rowU[b] = e.rowSq[b]/float64(n) - 2*M*m
	}
	parts := seParts{
		row:  [2]float64{sampleVar(rowMean) / float64(B), sampleVar(rowU) / float64(B)},
		unit: [2]float64{sampleVar(unitMean) / float64(n), sampleVar(unitU) / float64(n)},
	}
	return LayerStats{
		Layer: l, Mean: M, Var: V,
		MeanSE: math.Sqrt(parts.row[0] + parts.unit[0]), VarSE: math.Sqrt(parts.row[1] + parts.unit[1]),
		UnitMeanSD: math.Sqrt(sampleVar(unitMean)), UnitVarSD: math.Sqrt(sampleVar(unitVar)),
	}, parts
}

// seParts splits the squared standard errors of (mean, var) into the
// part from the rows (batch) and the part from the units (weights).
type seParts struct {
	row, unit [2]float64
}
