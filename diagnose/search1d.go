package diagnose

import (
	"fmt"
	"math"

	"github.com/selu-tool/selu/mapping"
)

// Net-input variances s² = ντ between which the one-dimensional search may
// extend its scan. Package mapping evaluates the map to full accuracy over
// this whole range.
const (
	minNetVar = 1e-300
	maxNetVar = 1e300
)

// ratioFunc returns f(x) = ln(ν̃/ν) at s² = eˣ for ω = 0, or NaN where ν̃ is
// not positive and finite. It evaluates the map with τ = 1 at ν = s², which
// is the same evaluation as at ν = s²/τ with the layer's τ (the map sees
// only s²), and multiplies the ratio by τ, so that ν itself never has to be
// formed: it may lie outside float64 when τ is extreme.
func ratioFunc(l mapping.Layer) func(x float64) float64 {
	unit := l
	unit.Omega, unit.Tau = 0, 1
	tau := l.Tau
	return func(x float64) float64 {
		s2 := math.Exp(x)
		v := unit.Moments(0, s2).Var
		if !(v > 0) || math.IsInf(v, 0) {
			return math.NaN()
		}
		return math.Log(tau * (v / s2))
	}
}

// analyze1D solves ν̃(ν) = ν for ω = 0. Collapse and explosion follow from
// the limits of ν̃/ν (VarianceRatioLimits). If AtInf ≥ 1 there is no fixed
// point. Otherwise f = ln(ν̃/ν) is scanned on a log-spaced grid of s² = ντ
// covering at least the region of s, and extended at each end until f
// there has the sign of its limit and agrees with the two-term expansion
// of RatioLimits to 10%, so that no root lies beyond; every sign change is
// bisected in ln s² to full precision.
func analyze1D(l mapping.Layer, s Search) (*Result, error) {
	lim := VarianceRatioLimits(l)
	r := &Result{Layer: l, Search: s, Limits: lim}
	if lim.AtInf >= 1 {
		// ν̃/ν > AtInf ≥ 1 for every ν: no fixed point, every start explodes.
		r.Explode = true
		return r, nil
	}
	f := ratioFunc(l)
	tau := l.Tau
	lo, hi := s.MinVar*tau, s.MaxVar*tau // net-input variances
	lo, hi = max(lo, minNetVar), min(hi, maxNetVar)

	// Jump to where the expansions put a root near an end, then extend
	// until the expansion holds and f has the sign of its limit.
	if lim.AtZero > 1 {
		if sr := (lim.AtZero - 1) / lim.ZeroSlope; sr > 0 {
			lo = max(min(lo, sr*sr/100), minNetVar)
		}
	}
	if sr := lim.InfSlope / (1 - lim.AtInf); sr > 0 {
		hi = min(max(hi, 100*sr*sr), maxNetVar)
	}
	for !lowEndHolds(f, lo, lim) {
		if lo <= minNetVar {
			return nil, fmt.Errorf("diagnose: cannot bound the fixed points of the variance map of λ = %v, α = %v, τ = %v near ν = 0 (its expansion does not hold at net-input variance %g); λ or α is too large, or λ too small, for float64", l.Lambda, l.Alpha, l.Tau, lo)
		}
		lo = max(lo*1e-4, minNetVar)
	}
	for !highEndHolds(f, hi, lim) {
		if hi >= maxNetVar {
			return nil, fmt.Errorf("diagnose: cannot bound the fixed points of the variance map of λ = %v, α = %v, τ = %v towards ν = ∞ (its expansion does not hold at net-input variance %g); λ or α is too large, or λ too small, for float64", l.Lambda, l.Alpha, l.Tau, hi)
		}
		hi = min(hi*1e4, maxNetVar)
	}
	r.Search.MinVar, r.Search.MaxVar = lo/tau, hi/tau

	xlo, xhi := math.Log(lo), math.Log(hi)
	n := int(math.Ceil((xhi-xlo)/math.Ln10*float64(s.PerDecade))) + 1
	at := func(i int) float64 {
		if i == n-1 {
			return xhi
		}
		return xlo + (xhi-xlo)*float64(i)/float64(n-1)
	}

	var roots []float64
	first, last := math.NaN(), math.NaN() // f at the lowest and highest scan points
	prevX, prevF := math.NaN(), math.NaN()
	for i := range n {
		x := at(i)
		fx := f(x)
		if math.IsNaN(fx) {
			// Not a silent gap in the scan: the map overflows or fails here.
			return nil, fmt.Errorf("diagnose: the variance map of λ = %v, α = %v, τ = %v is not finite and positive at ν = %.3g; λ or α is too large, or λ too small, for float64",
				l.Lambda, l.Alpha, l.Tau, math.Exp(x)/tau)
		}
		if i == 0 {
			first = fx
		}
		last = fx
		switch {
		case fx == 0:
			roots = append(roots, x)
		case i > 0 && prevF != 0 && (prevF < 0) != (fx < 0):
			roots = append(roots, bisectLog(f, prevX, x, prevF))
		}
		prevX, prevF = x, fx
	}
	for _, x := range roots {
		nu := math.Exp(x) / tau
		if !(nu >= math.SmallestNonzeroFloat64*(1<<52)) || math.IsInf(nu, 0) {
			return nil, fmt.Errorf("diagnose: the variance map of λ = %v, α = %v, τ = %v has a fixed point at net-input variance %.6g, whose variance ν = s²/τ is outside float64", l.Lambda, l.Alpha, l.Tau, math.Exp(x))
		}
		p := mapping.Point{Mean: l.Moments(0, nu).Mean, Var: nu}
		r.FixedPoints = append(r.FixedPoints, describe(l, p))
	}
	// Away from the thresholds AtZero = 1 and AtInf = 1 these are
	// AtZero ≤ 1 and AtInf ≥ 1 (the latter returned above); within the
	// map's resolution of a threshold they are what the scan saw.
	r.Collapse = first < 0
	r.Explode = last > 0
	return r, nil
}

// mapResolution is the relative accuracy of ν̃ that the end tests of the
// scan allow for (package mapping: 1e-13; with margin).
const mapResolution = 1e-12

// lowEndHolds reports whether at net-input variance s2 the ratio ν̃/ν
// agrees with AtZero − ZeroSlope·s to 10% of the correction (plus the map's
// resolution) and lies on the same side of 1 as AtZero, so that no root of
// ν̃ = ν lies below s2. Within the map's resolution of AtZero = 1 the side
// is not required.
func lowEndHolds(f func(float64) float64, s2 float64, lim RatioLimits) bool {
	q := math.Exp(f(math.Log(s2)))
	if math.IsNaN(q) {
		return false
	}
	s := math.Sqrt(s2)
	corr := lim.ZeroSlope * s
	if math.Abs(q-(lim.AtZero-corr)) > 0.1*corr+mapResolution*lim.AtZero {
		return false
	}
	return (q > 1) == (lim.AtZero > 1) || corr <= mapResolution*lim.AtZero
}

// highEndHolds is lowEndHolds at the upper end: the ratio agrees with
// AtInf + InfSlope/s and is below 1 (AtInf < 1 here), so that no root of
// ν̃ = ν lies above s2.
func highEndHolds(f func(float64) float64, s2 float64, lim RatioLimits) bool {
	q := math.Exp(f(math.Log(s2)))
	if math.IsNaN(q) {
		return false
	}
	corr := lim.InfSlope / math.Sqrt(s2)
	if math.Abs(q-(lim.AtInf+corr)) > 0.1*corr+mapResolution*lim.AtInf {
		return false
	}
	return q < 1 || corr <= mapResolution*lim.AtInf
}

// bisectLog narrows the bracket [a, b] of a root of f, where fa = f(a) and
// f(b) have opposite signs, until it cannot be narrowed in float64, and
// returns the end with the smaller |f|.
func bisectLog(f func(float64) float64, a, b, fa float64) float64 {
	fb := f(b)
	for range 200 {
		m := a + (b-a)/2
		if m <= a || m >= b {
			break
		}
		fm := f(m)
		if math.IsNaN(fm) {
			break
		}
		if fm == 0 {
			return m
		}
		if (fm < 0) == (fa < 0) {
			a, fa = m, fm
		} else {
			b, fb = m, fm
		}
	}
	if math.Abs(fa) <= math.Abs(fb) {
		return a
	}
	return b
}
