package diagnose

import (
	"fmt"
	"math"

	"github.com/selu-tool/selu/mapping"
)

// RandomFixedPoint is a fixed point of the one-dimensional map of random
// weights (mapping.LeCunLayer): a raw second moment q* with
// E selu(z)² = q* for z ~ N(0, τq*), and what it means for a network.
type RandomFixedPoint struct {
	// FixedPoint holds the pooled mean μ* = E selu(z) and variance
	// ν* = q* − μ*² of the activations; its Stability is
	// mapping.LeCunLayer.Stability at (μ*, ν*), whose spectral radius is
	// the slope; LayersTo1Pct is LayersToWithin(|slope|, 0.01); its
	// GradientGrowth is χ = τ·E[selu'(z)²] at z ~ N(0, τq*).
	FixedPoint
	// Q is q* = ν* + μ*², the raw second moment that the map carries.
	Q float64
	// Slope is dq̃/dq at q* (mapping.LeCunLayer.Slope): the fixed point
	// attracts when |Slope| < 1.
	Slope float64
}

// Stable reports whether the fixed point attracts, |dq̃/dq| < 1.
func (f RandomFixedPoint) Stable() bool { return math.Abs(f.Slope) < 1 }

// RandomResult is the outcome of AnalyzeRandom.
type RandomResult struct {
	Layer mapping.LeCunLayer
	// FixedPoints lists the fixed points q* > 0, in increasing order of q*.
	FixedPoints []RandomFixedPoint
	// Collapse reports that q goes to 0 from some starts (below the
	// smallest fixed point, or from every start if there is none).
	Collapse bool
	// Explode reports that q grows without bound from some starts.
	Explode bool
	// Limits are the limits of q̃/q as q → 0 and q → ∞ with their first
	// correction terms (see RandomRatioLimits).
	Limits RatioLimits
	// MinQ and MaxQ are the ends of the scan of q; beyond them the bounds
	// of RandomRatioLimits exclude a fixed point. Both are 0 when no scan
	// was needed.
	MinQ, MaxQ float64
	// PerDecade is the number of scan points per decade of q.
	PerDecade int
}

// RandomRatioLimits returns the limits of the ratio q̃(q)/q of the
// one-dimensional map of random weights (mapping.LeCunLayer), with the
// constants of its first correction terms, s = √(τq):
//
//	AtZero    = τλ²(1 + α²)/2,    q̃/q ≥ AtZero − ZeroSlope·s,  ZeroSlope = 2τλ²α²√(2/π)
//	AtInf     = τλ²/2,            q̃/q ≤ AtInf + InfSlope/s²,   InfSlope  = τλ²α²/2
//
// with AtInf < q̃/q < AtZero for every q > 0. They follow from
// q̃ = λ²(E[z²1{z>0}] + α²E[(eᶻ−1)²1{z≤0}]) = λ²(s²/2 + α²D): for u ≥ 0,
// u/(1+u) ≤ 1 − e^{−u} ≤ min(u, 1), so s²/2 − 2√(2/π)s³ ≤ D ≤ min(s²/2, 1/2)
// (with (u/(1+u))² ≥ u² − 2u³ and E[|z|³1{z<0}] = √(2/π)s³), and D > 0.
// Unlike RatioLimits of the fixed-sum map, the correction terms here are
// bounds, not expansions: the search needs no extension beyond them.
func RandomRatioLimits(l mapping.LeCunLayer) RatioLimits {
	k := l.Lambda * (l.Lambda * l.Tau) // τλ²
	a2 := l.Alpha * l.Alpha
	return RatioLimits{
		AtZero:    k * (1 + a2) / 2,
		ZeroSlope: 2 * k * a2 * math.Sqrt(2/math.Pi),
		AtInf:     k / 2,
		InfSlope:  k * a2 / 2,
	}
}

// AnalyzeRandom finds the fixed points q* > 0 of the pooled map of a
// network with random weights w ~ N(0, τ/n) (mapping.LeCunLayer,
// docs/model.md §7),
//
//	q̃(q) = E selu(z)² = λ²(C + α²D),   z ~ N(0, τq),
//
// and reports for each its pooled mean and variance, the slope dq̃/dq
// (stable when below 1 in absolute value), the layers to settle within 1%
// and the gradient growth χ. With AtZero and AtInf of RandomRatioLimits:
// if AtInf ≥ 1 there is no fixed point and q explodes from every start; if
// AtZero ≤ 1 there is none and q collapses to 0 from every start;
// otherwise ln(q̃/q) is scanned on a log grid of net-input variances
// s² = τq between the bounds of RandomRatioLimits (where q̃/q is provably
// above 1 below and below 1 above), PerDecade points per decade (s nil:
// 40), and every sign change is bisected to full precision. The mean is
// forgotten after one layer, so nothing depends on a start mean.
//
// It returns an error wrapping ErrBadLayer if λ or α is not finite and
// positive or τ is not in [MinTau, MaxTau], and an error if the map is not
// finite in float64 somewhere in the scan (absurdly large λ or α). Only
// s.PerDecade of s is used.
func AnalyzeRandom(l mapping.LeCunLayer, s *Search) (*RandomResult, error) {
	if err := checkLayer(mapping.Layer{Constants: l.Constants, Weights: mapping.Weights{Tau: l.Tau}}); err != nil {
		return nil, err
	}
	per := 40
	if s != nil && s.PerDecade != 0 {
		per = s.PerDecade
	}
	if per < 1 || per > 10000 {
		return nil, fmt.Errorf("diagnose: search PerDecade must be in [1, 10000], got %d", per)
	}
	lim := RandomRatioLimits(l)
	r := &RandomResult{Layer: l, Limits: lim, PerDecade: per}
	if !isFinite(lim.AtZero) || !isFinite(lim.ZeroSlope) {
		return nil, fmt.Errorf("diagnose: τλ²α² overflows float64 for λ = %v, α = %v, τ = %v; λ or α is too large", l.Lambda, l.Alpha, l.Tau)
	}
	switch {
	case lim.AtInf >= 1:
		r.Explode = true // q̃/q > AtInf ≥ 1 everywhere
		return r, nil
	case lim.AtZero <= 1:
		r.Collapse = true // q̃/q < AtZero ≤ 1 everywhere
		return r, nil
	}
	// Below sLo, q̃/q ≥ AtZero − ZeroSlope·s > 1; above sHi,
	// q̃/q ≤ AtInf + InfSlope/s² < 1. Halve and double them for margin.
	sLo := (lim.AtZero - 1) / lim.ZeroSlope / 2
	lo := max(sLo*sLo, minNetVar)
	hi := min(2*lim.InfSlope/(1-lim.AtInf), maxNetVar)
	lo = min(lo, hi/10)

	unit := mapping.LeCunLayer{Constants: l.Constants, Tau: 1}
	tau := l.Tau
	// f(x) = ln(q̃/q) at s² = eˣ, evaluated with τ = 1 at q = s² (the map
	// sees only s²) and scaled by τ, so that q itself need not fit float64.
	f := func(x float64) float64 {
		s2 := math.Exp(x)
		m := unit.Moments(0, s2)
		q2 := m.Var + m.Mean*m.Mean
		if !(q2 > 0) || math.IsInf(q2, 0) {
			return math.NaN()
		}
		return math.Log(tau * (q2 / s2))
	}
	xlo, xhi := math.Log(lo), math.Log(hi)
	n := int(math.Ceil((xhi-xlo)/math.Ln10*float64(per))) + 1
	if n > 1e6 {
		return nil, fmt.Errorf("diagnose: search grid of %d points is too large (at most 1e6)", n)
	}
	var roots []float64
	prevX, prevF := math.NaN(), math.NaN()
	for i := range n {
		x := xhi
		if i < n-1 {
			x = xlo + (xhi-xlo)*float64(i)/float64(n-1)
		}
		fx := f(x)
		if math.IsNaN(fx) {
			return nil, fmt.Errorf("diagnose: the random-weight map of λ = %v, α = %v, τ = %v is not finite and positive at q = %.3g; λ or α is too large",
				l.Lambda, l.Alpha, l.Tau, math.Exp(x)/tau)
		}
		switch {
		case fx == 0:
			roots = append(roots, x)
		case i > 0 && prevF != 0 && (prevF < 0) != (fx < 0):
			roots = append(roots, bisectLog(f, prevX, x, prevF))
		}
		prevX, prevF = x, fx
	}
	r.MinQ, r.MaxQ = lo/tau, hi/tau
	for _, x := range roots {
		q := math.Exp(x) / tau
		if !(q >= math.SmallestNonzeroFloat64*(1<<52)) || math.IsInf(q, 0) {
			return nil, fmt.Errorf("diagnose: the random-weight map of λ = %v, α = %v, τ = %v has a fixed point at net-input variance %.6g, whose q = s²/τ is outside float64", l.Lambda, l.Alpha, l.Tau, math.Exp(x))
		}
		fp := describeRandom(l, q)
		if !isFinite(fp.Slope) || !isFinite(fp.GradientGrowth) || !isFinite(fp.Stability.SpectralNorm) {
			return nil, fmt.Errorf("diagnose: at the fixed point q = %.6g of λ = %v, α = %v, τ = %v the slope or χ is not finite in float64; λ or α is too large", q, l.Lambda, l.Alpha, l.Tau)
		}
		r.FixedPoints = append(r.FixedPoints, fp)
	}
	// q̃/q > 1 at the low end and < 1 at the high end (the bounds above),
	// so q grows from tiny starts and shrinks from huge ones.
	return r, nil
}

// describeRandom fills in the fixed point q of l.
func describeRandom(l mapping.LeCunLayer, q float64) RandomFixedPoint {
	m := l.Moments(0, q).Mean
	nu := q - m*m
	slope := l.Slope(q)
	layers := -1
	if a := math.Abs(slope); a >= 0 {
		layers = LayersToWithin(a, 0.01)
	}
	chi := mapping.Layer{Constants: l.Constants, Weights: mapping.Weights{Tau: l.Tau}}.GradientGrowth(mapping.Point{Var: q})
	return RandomFixedPoint{
		FixedPoint: FixedPoint{
			Point:          mapping.Point{Mean: m, Var: nu},
			Stability:      l.Stability(m, nu),
			LayersTo1Pct:   layers,
			GradientGrowth: chi,
		},
		Q:     q,
		Slope: slope,
	}
}
