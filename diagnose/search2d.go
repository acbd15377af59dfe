package diagnose

import (
	"math"

	"github.com/selu-tool/selu/mapping"
)

// Thresholds of the iteration of g used to classify starts when ω ≠ 0,
// and the net-input variances ντ of the starts that are iterated: Newton
// starts from the whole grid of Search, the iteration (thousands of steps
// each) only from the starts within orbitSpan, well inside the thresholds.
const (
	collapseVar = 1e-12 // ν·τ below this: the variance has collapsed
	explodeSize = 1e12  // ν·τ or |μω| above this: the iteration has exploded
	orbitSpan   = 1e6   // iterate from starts with ν·τ in [1/orbitSpan, orbitSpan]
)

// analyze2D finds fixed points for ω ≠ 0 by Newton's method on
// F(x) = g(x) − x from a grid of starts, and classifies the starts within
// orbitSpan by where the iteration of g takes them.
func analyze2D(l mapping.Layer, s Search) *Result {
	r := &Result{Layer: l, Search: s}
	lo, hi := math.Log(s.MinVar), math.Log(s.MaxVar)
	collapse, explode := collapseVar, explodeSize
	nv := max(int(math.Ceil((hi-lo)/math.Ln10*4))+1, 2)
	var found []mapping.Point
	var drifting []Drift
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
			if p, ok := newton(l, start, s.MinVar, collapse, explode); ok {
				add(p)
			}
			if s2 := nu * l.Tau; s2 < 1/orbitSpan || s2 > orbitSpan {
				continue
			}
			end, outcome := iterate(l, start, s.MaxSteps, collapse, explode)
			switch outcome {
			case mapping.Collapsed:
				r.Collapse = true
			case mapping.Exploded:
				r.Explode = true
			case mapping.NotConverged:
				drifting = append(drifting, Drift{Start: start, End: end})
			case mapping.Converged:
				// A stable point the iteration reached is a fixed point;
				// polish it with Newton (it may lie outside the start grid).
				if p, ok := newton(l, end, s.MinVar, collapse, explode); ok {
					add(p)
				}
			}
		}
	}
	cs := scanCurve(l, minNetVar, maxNetVar)
	for _, p := range cs.points {
		add(p)
	}
	for _, p := range cs.seeds {
		if q, ok := newton(l, p, 0x1p-1022, minNetVar, maxNetVar); ok {
			add(q)
		}
	}
	cl := curveLimits(cs.low, cs.high, math.Sqrt(cs.lo), math.Sqrt(cs.hi))
	r.Curve = &cl
	c, e := endDrift(l)
	r.Collapse = r.Collapse || c
	r.Explode = r.Explode || e
	for _, p := range found {
		r.FixedPoints = append(r.FixedPoints, describe(l, p))
	}
	// A start still moving after MaxSteps but approaching a stable fixed
	// point (approaching) is converging to it, slowly since ρ is near 1;
	// the others are reported.
	for _, d := range drifting {
		near := false
		for _, fp := range r.FixedPoints {
			if fp.Stable() && approaching(l, d.End, fp) {
				near = true
				break
			}
		}
		if !near {
			r.Drifting = append(r.Drifting, d)
		}
	}
	r.Undecided = len(r.Drifting) > 0
	return r
}

// newton runs Newton's method on F(x) = g(x) − x from start
// (mapping.Layer.FixedPoint, which falls back to plain steps where Newton's
// model is not to be trusted), and reports the root if it converged to one
// with ν ≥ minVar that verifies |g(x) − x| ≤ 1e-10·(1 + |μ|) in the mean
// and ≤ 1e-10·ν in the variance.
func newton(l mapping.Layer, start mapping.Point, minVar, collapse, explode float64) (mapping.Point, bool) {
	res, err := l.FixedPoint(start, &mapping.FixedPointSettings{
		MaxSteps:    200,
		Tolerance:   1e-15,
		CollapseVar: collapse / l.Tau,
		ExplodeVar:  explode / l.Tau,
	})
	x := res.Point
	if err != nil || !(x.Var >= minVar) {
		return x, false
	}
	m := l.Moments(x.Mean, x.Var)
	if !(math.Abs(m.Mean-x.Mean) <= 1e-10*(1+math.Abs(x.Mean))) || !(math.Abs(m.Var-x.Var) <= 1e-10*x.Var) {
		return x, false
	}
	return x, true
}

// iterate applies g to start (mapping.Layer.Orbit) until the variance
// collapses (ντ < collapse), the iteration explodes (ντ or |μω| above
// explode), the steps stop moving, or maxSteps is reached.
func iterate(l mapping.Layer, start mapping.Point, maxSteps int, collapse, explode float64) (mapping.Point, mapping.Status) {
	s := &mapping.OrbitSettings{
		MaxSteps:    maxSteps,
		Tolerance:   1e-13,
		CollapseVar: collapse / l.Tau,
		ExplodeVar:  explode / l.Tau,
	}
	if l.Omega != 0 {
		s.ExplodeMean = explode / math.Abs(l.Omega)
	}
	r, err := l.Orbit(start, s)
	if err != nil {
		return start, mapping.NotConverged
	}
	return r.Point, r.Status
}

// approaching reports whether the iteration of g from x is converging to
// the stable fixed point fp, slowly: x is within relative distance 1 of
// it (|Δμ| < |μ*| + √ν*, |Δν| < ν*) and the distance decreases at each of
// the next 100 steps.
func approaching(l mapping.Layer, x mapping.Point, fp FixedPoint) bool {
	dist := func(p mapping.Point) float64 {
		return max(math.Abs(p.Mean-fp.Mean)/(math.Abs(fp.Mean)+math.Sqrt(fp.Var)), math.Abs(p.Var-fp.Var)/fp.Var)
	}
	d := dist(x)
	if !(d < 1) {
		return false
	}
	for range 100 {
		m := l.Moments(x.Mean, x.Var)
		x = mapping.Point{Mean: m.Mean, Var: m.Var}
		dn := dist(x)
		if !(dn < d) {
			return dn == 0
		}
		d = dn
	}
	return true
}
