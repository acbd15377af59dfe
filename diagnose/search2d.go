package diagnose

import (
	"math"

	"github.com/selu-tool/selu/mapping"
)

// Thresholds of the iteration of g used to classify starts when ω ≠ 0.
const (
	collapseVar = 1e-12 // ν·τ below this: the variance has collapsed
	explodeSize = 1e12  // ν·τ or |μω| above this: the iteration has exploded
)

// analyze2D finds fixed points for ω ≠ 0 by Newton's method on
// F(x) = g(x) − x from a grid of starts, and classifies the starts by where
// the iteration of g takes them.
func analyze2D(l mapping.Layer, s Search) *Result {
	r := &Result{Layer: l, Search: s}
	lo, hi := math.Log(s.MinVar), math.Log(s.MaxVar)
	nv := max(int(math.Ceil((hi-lo)/math.Ln10*4))+1, 2)
	var found []mapping.Point
	add := func(p mapping.Point) {
		for _, q := range found {
			if math.Abs(p.Mean-q.Mean) <= 1e-7*(1+math.Abs(q.Mean)) && math.Abs(p.Var-q.Var) <= 1e-7*q.Var {
				return
			}
		}
		found = append(found, p)
	}
	for i := range s.MeanStarts {
		mu := 0.0
		if s.MeanStarts > 1 {
			mu = -s.MaxMean + 2*s.MaxMean*float64(i)/float64(s.MeanStarts-1)
		}
		for j := range nv {
			nu := math.Exp(lo + (hi-lo)*float64(j)/float64(nv-1))
			start := mapping.Point{Mean: mu, Var: nu}
			if p, ok := newton(l, start, s.MinVar); ok {
				add(p)
			}
			end, outcome := iterate(l, start, s.MaxSteps)
			switch outcome {
			case collapsed:
				r.Collapse = true
			case exploded:
				r.Explode = true
			case converged:
				// A stable point the iteration reached is a fixed point;
				// polish it with Newton (it may lie outside the start grid).
				if p, ok := newton(l, end, s.MinVar); ok {
					add(p)
				}
			}
		}
	}
	for _, p := range found {
		r.FixedPoints = append(r.FixedPoints, describe(l, p))
	}
	return r
}

// newton runs damped Newton's method on F(x) = g(x) − x from start, keeping
// ν > 0, and reports the root if it converged to one with ν ≥ minVar that
// verifies |g(x) − x| ≤ 1e-10·(1 + |μ|) in the mean and ≤ 1e-10·ν in the
// variance.
func newton(l mapping.Layer, start mapping.Point, minVar float64) (mapping.Point, bool) {
	x := start
	resid := func(p mapping.Point) (float64, float64, bool) {
		m := l.Moments(p.Mean, p.Var)
		f0, f1 := m.Mean-p.Mean, m.Var-p.Var
		return f0, f1, !math.IsNaN(f0) && !math.IsNaN(f1) && !math.IsInf(f0, 0) && !math.IsInf(f1, 0)
	}
	f0, f1, ok := resid(x)
	if !ok {
		return x, false
	}
	for range 100 {
		_, j := l.Jacobian(x.Mean, x.Var)
		a, b := j.H[0][0]-1, j.H[0][1]
		c, d := j.H[1][0], j.H[1][1]-1
		det := a*d - b*c
		if det == 0 || math.IsNaN(det) || math.IsInf(det, 0) {
			return x, false
		}
		dm := -(d*f0 - b*f1) / det
		dv := -(-c*f0 + a*f1) / det
		// Damping: halve the step until ν stays positive and |F| decreases.
		norm := math.Hypot(f0, f1)
		t := 1.0
		var y mapping.Point
		var g0, g1 float64
		accepted := false
		for range 40 {
			y = mapping.Point{Mean: x.Mean + t*dm, Var: x.Var + t*dv}
			if y.Var > 0 {
				var okY bool
				g0, g1, okY = resid(y)
				if okY && math.Hypot(g0, g1) < norm {
					accepted = true
					break
				}
			}
			t /= 2
		}
		if !accepted {
			break
		}
		step := math.Abs(y.Mean-x.Mean) + math.Abs(y.Var-x.Var)
		x, f0, f1 = y, g0, g1
		if step <= 1e-15*(1+math.Abs(x.Mean)+x.Var) {
			break
		}
	}
	if !(x.Var >= minVar) {
		return x, false
	}
	if math.Abs(f0) > 1e-10*(1+math.Abs(x.Mean)) || math.Abs(f1) > 1e-10*x.Var {
		return x, false
	}
	return x, true
}

type outcome int

const (
	converged outcome = iota
	collapsed
	exploded
	undecided
)

// iterate applies g to start until the variance collapses, the iteration
// explodes, the steps stop moving, or maxSteps is reached.
func iterate(l mapping.Layer, start mapping.Point, maxSteps int) (mapping.Point, outcome) {
	x := start
	for range maxSteps {
		m := l.Moments(x.Mean, x.Var)
		y := mapping.Point{Mean: m.Mean, Var: m.Var}
		switch {
		case math.IsNaN(y.Mean) || math.IsNaN(y.Var):
			// The map fails only at extreme arguments; classify by where
			// the iteration was heading.
			if x.Var*l.Tau < 1 {
				return x, collapsed
			}
			return x, exploded
		case y.Var*l.Tau < collapseVar:
			return y, collapsed
		case y.Var*l.Tau > explodeSize || math.Abs(y.Mean*l.Omega) > explodeSize || math.IsInf(y.Mean, 0):
			return y, exploded
		}
		if math.Abs(y.Mean-x.Mean) <= 1e-13*(1+math.Abs(x.Mean)) && math.Abs(y.Var-x.Var) <= 1e-13*x.Var {
			return y, converged
		}
		x = y
	}
	return x, undecided
}
