package mapping

import (
	"errors"
	"fmt"
	"math"
)

// Point is a point (μ, ν) of the layer map's domain: the mean and the
// variance of a layer's inputs.
type Point struct {
	Mean, Var float64
}

// valid reports whether p is an input at which g can be evaluated.
func (p Point) valid() bool {
	return !math.IsNaN(p.Mean) && !math.IsInf(p.Mean, 0) && p.Var > 0 && !math.IsInf(p.Var, 0)
}

// Iterate returns the trajectory of start under the layer map g: start,
// g(start), g(g(start)), …, n images in all, so n+1 points. It stops
// early, returning fewer points, at the first image that is not a valid
// input (its variance underflowed to 0, or a value overflowed): the last
// point returned is then that image. Iterate returns nil if the layer or
// start is invalid, or n < 0.
func (l Layer) Iterate(start Point, n int) []Point {
	if n < 0 || l.ValidateInput(start.Mean, start.Var) != nil {
		return nil
	}
	out := make([]Point, 1, n+1)
	out[0] = start
	p := start
	for range n {
		mo := l.Moments(p.Mean, p.Var)
		p = Point{mo.Mean, mo.Var}
		out = append(out, p)
		if !p.valid() || l.ValidateInput(p.Mean, p.Var) != nil {
			break
		}
	}
	return out
}

// Status says how an iteration of the layer map ended: why FixedPoint
// (Newton's method) or Orbit (plain iteration) stopped.
type Status int

const (
	// NotConverged: the step limit was reached (or the input was invalid).
	NotConverged Status = iota
	// Converged: a fixed point g(x) = x was found to the tolerance.
	Converged
	// Collapsed: the variance went below FixedPointSettings.CollapseVar;
	// the layer drives every unit towards a constant output (ν → 0).
	Collapsed
	// Exploded: the variance exceeded FixedPointSettings.ExplodeVar
	// (ν → ∞).
	Exploded
	// Settled: Orbit with a target only: the orbit stopped moving at a
	// point that is not the target (another fixed point).
	Settled
)

func (s Status) String() string {
	switch s {
	case NotConverged:
		return "not converged"
	case Converged:
		return "converged"
	case Collapsed:
		return "collapsed"
	case Exploded:
		return "exploded"
	case Settled:
		return "settled elsewhere"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Errors returned by FixedPoint together with a result whose Status says
// the same.
var (
	ErrNotConverged = errors.New("mapping: fixed point iteration did not converge")
	ErrCollapsed    = errors.New("mapping: the variance collapsed towards 0")
	ErrExploded     = errors.New("mapping: the variance grew without bound")
)

// FixedPointSettings control FixedPoint. The zero value, or a nil
// pointer, selects the defaults.
type FixedPointSettings struct {
	// MaxSteps bounds the number of steps (Newton or plain); default 1000,
	// enough for a variance growing or shrinking by 7% a step to pass
	// ExplodeVar or CollapseVar from 1.
	MaxSteps int
	// Tolerance is the relative size of the last step at which the
	// iteration stops: |Δμ| ≤ Tolerance·(|μ| + √ν) and |Δν| ≤ Tolerance·ν.
	// Default 1e-13.
	Tolerance float64
	// CollapseVar and ExplodeVar bound the variance; defaults 1e-30 and
	// 1e30.
	CollapseVar, ExplodeVar float64
}

func (s *FixedPointSettings) withDefaults() FixedPointSettings {
	var o FixedPointSettings
	if s != nil {
		o = *s
	}
	if o.MaxSteps <= 0 {
		o.MaxSteps = 1000
	}
	if !(o.Tolerance > 0) {
		o.Tolerance = 1e-13
	}
	if !(o.CollapseVar > 0) {
		o.CollapseVar = 1e-30
	}
	if !(o.ExplodeVar > 0) || math.IsInf(o.ExplodeVar, 0) {
		o.ExplodeVar = 1e30
	}
	return o
}

// FixedPointResult is the outcome of FixedPoint.
type FixedPointResult struct {
	Point    Point  // the last iterate: the fixed point if Status == Converged
	Status   Status // why the iteration stopped
	Steps    int    // steps taken (Newton and plain)
	Residual Point  // g(Point) − Point
	// Stability of g at Point (meaningful when Status == Converged): a
	// fixed point with SpectralRadius ≥ 1 repels plain iteration.
	Stability Stability
}

// FixedPoint searches for a fixed point g(x) = x of the layer map from
// start, by Newton's method on F(x) = g(x) − x with the Jacobian H − I
// (Layer.Jacobian), each step halved (at most three times) until the
// scaled residual
//
//	(F_μ/(|μ| + √ν))² + (F_ν/ν)²
//
// decreases; when that fails (or H − I is singular) a plain step x ← g(x)
// is taken instead, as it is while Newton's full step would change ν by
// more than half of itself or μ by more than half of |μ| + √ν. Newton also
// finds fixed points that repel plain iteration (as in the notebook
// convention) from starts near enough to them; check
// Result.Stability.Stable().
//
// The error is nil only if Status is Converged; otherwise it wraps
// ErrCollapsed, ErrExploded or ErrNotConverged and the result still
// describes the last iterate. An invalid layer or start gives a
// validation error and Steps = 0.
func (l Layer) FixedPoint(start Point, s *FixedPointSettings) (FixedPointResult, error) {
	if err := l.ValidateInput(start.Mean, start.Var); err != nil {
		return FixedPointResult{Point: start}, err
	}
	set := s.withDefaults()
	x := start
	mo, j := l.Jacobian(x.Mean, x.Var)
	res := FixedPointResult{Point: x}
	for res.Steps < set.MaxSteps {
		f := Point{mo.Mean - x.Mean, mo.Var - x.Var}
		res.Residual = f
		if f.Mean == 0 && f.Var == 0 {
			res.Status = Converged
			break
		}
		y, ok := l.newtonStep(x, f, j.H, set.Tolerance)
		if !ok {
			y = Point{mo.Mean, mo.Var} // plain step
		}
		res.Steps++
		step := Point{y.Mean - x.Mean, y.Var - x.Var}
		x = y
		res.Point = x
		if x.Var < set.CollapseVar || x.Var == 0 {
			res.Status = Collapsed
			break
		}
		if x.Var > set.ExplodeVar || !x.valid() || l.ValidateInput(x.Mean, x.Var) != nil {
			res.Status = Exploded
			break
		}
		mo, j = l.Jacobian(x.Mean, x.Var)
		if math.Abs(step.Mean) <= set.Tolerance*(math.Abs(x.Mean)+math.Sqrt(x.Var)) &&
			math.Abs(step.Var) <= set.Tolerance*x.Var {
			res.Residual = Point{mo.Mean - x.Mean, mo.Var - x.Var}
			res.Status = Converged
			break
		}
	}
	if res.Point.valid() {
		res.Stability = newStability(j.H)
	}
	switch res.Status {
	case Converged:
		return res, nil
	case Collapsed:
		return res, fmt.Errorf("%w: variance %g after %d steps (from (%g, %g))", ErrCollapsed, res.Point.Var, res.Steps, start.Mean, start.Var)
	case Exploded:
		return res, fmt.Errorf("%w: variance %g after %d steps (from (%g, %g))", ErrExploded, res.Point.Var, res.Steps, start.Mean, start.Var)
	}
	return res, fmt.Errorf("%w in %d steps (from (%g, %g), last (%g, %g))", ErrNotConverged, res.Steps, start.Mean, start.Var, res.Point.Mean, res.Point.Var)
}

// newtonStep returns x + t·δ with (H − I)δ = −f and the largest t in
// {1, ½, ¼, ⅛} at which the scaled residual decreases (or the full step if
// it is already below the tolerance tol), or false. It
// refuses full steps that change ν by more than half of itself or μ by
// more than half of |μ| + √ν: Newton's model is then not to be trusted
// (typically g has no fixed point nearby and the variance collapses or
// explodes), and plain iteration shows better what the layer does.
func (l Layer) newtonStep(x, f Point, h [2][2]float64, tol float64) (Point, bool) {
	a, b := h[0][0]-1, h[0][1]
	c, d := h[1][0], h[1][1]-1
	det := a*d - b*c
	if det == 0 || math.IsNaN(det) || math.IsInf(det, 0) {
		return Point{}, false
	}
	dm := (-f.Mean*d + f.Var*b) / det
	dv := (-a*f.Var + c*f.Mean) / det
	scale := math.Abs(x.Mean) + math.Sqrt(x.Var)
	if math.Abs(dv) > 0.5*x.Var || math.Abs(dm) > 0.5*scale {
		return Point{}, false
	}
	if math.Abs(dv) <= tol*x.Var && math.Abs(dm) <= tol*scale {
		// At the fixed point to rounding: the residual is noise and need not
		// decrease; a plain step would move off a repelling fixed point.
		return Point{x.Mean + dm, x.Var + dv}, true
	}
	phi0 := merit(x, f)
	for t := 1.0; t >= 0.125; t *= 0.5 {
		y := Point{x.Mean + t*dm, x.Var + t*dv}
		if !y.valid() || l.ValidateInput(y.Mean, y.Var) != nil {
			continue
		}
		mo := l.Moments(y.Mean, y.Var)
		if merit(y, Point{mo.Mean - y.Mean, mo.Var - y.Var}) < phi0 {
			return y, true
		}
	}
	return Point{}, false
}

// merit is the scaled squared residual of F at x.
func merit(x, f Point) float64 {
	a := f.Mean / (math.Abs(x.Mean) + math.Sqrt(x.Var))
	b := f.Var / x.Var
	return a*a + b*b
}
