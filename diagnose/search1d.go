package diagnose

import (
	"fmt"
	"math"

	"github.com/selu-tool/selu/mapping"
)

// logRatio returns ln(ν̃(ν)/ν) for ω = 0, or NaN where ν̃ is not positive
// and finite.
func logRatio(l mapping.Layer, nu float64) float64 {
	v := l.Moments(0, nu).Var
	if !(v > 0) || math.IsInf(v, 0) {
		return math.NaN()
	}
	return math.Log(v / nu)
}

// analyze1D solves ν̃(ν) = ν for ω = 0: it scans f(ν) = ln(ν̃(ν)/ν) on a
// log-spaced grid, brackets the sign changes and bisects each in ln ν to
// full precision.
func analyze1D(l mapping.Layer, s Search) (*Result, error) {
	r := &Result{Layer: l, Search: s}
	lo, hi := math.Log(s.MinVar), math.Log(s.MaxVar)
	n := int(math.Ceil((hi-lo)/math.Ln10*float64(s.PerDecade))) + 1
	at := func(i int) float64 { return lo + (hi-lo)*float64(i)/float64(n-1) }

	var roots []float64
	first, last := math.NaN(), math.NaN() // f at the lowest and highest scan points
	prevX, prevF := math.NaN(), math.NaN()
	for i := range n {
		x := at(i)
		f := logRatio(l, math.Exp(x))
		if math.IsNaN(f) {
			// Not a silent gap in the scan: the map overflows or fails here.
			return nil, fmt.Errorf("diagnose: the variance map of λ = %v, α = %v, τ = %v is not finite and positive at ν = %.3g; λ, α or τ is too large (or the search region too wide)",
				l.Lambda, l.Alpha, l.Tau, math.Exp(x))
		}
		if math.IsNaN(first) {
			first = f
		}
		last = f
		switch {
		case f == 0:
			roots = append(roots, x)
		case !math.IsNaN(prevF) && prevF != 0 && (prevF < 0) != (f < 0):
			roots = append(roots, bisectLog(l, prevX, x, prevF))
		}
		prevX, prevF = x, f
	}
	for _, x := range roots {
		nu := math.Exp(x)
		p := mapping.Point{Mean: l.Moments(0, nu).Mean, Var: nu}
		r.FixedPoints = append(r.FixedPoints, describe(l, p))
	}
	r.Collapse = first < 0
	r.Explode = last > 0
	return r, nil
}

// bisectLog narrows the bracket [a, b] of a root of f(x) = logRatio(e^x),
// where fa = f(a) and f(b) have opposite signs, until it cannot be narrowed
// in float64, and returns the end with the smaller |f|.
func bisectLog(l mapping.Layer, a, b, fa float64) float64 {
	fb := logRatio(l, math.Exp(b))
	for range 200 {
		m := a + (b-a)/2
		if m <= a || m >= b {
			break
		}
		fm := logRatio(l, math.Exp(m))
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
