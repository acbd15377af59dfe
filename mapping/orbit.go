package mapping

import (
	"fmt"
	"math"
)

// OrbitSettings control Layer.Orbit. The zero value, or a nil pointer,
// selects the defaults; a field ≤ 0 (or NaN) selects its default.
type OrbitSettings struct {
	// MaxSteps bounds the number of steps; default 1000.
	MaxSteps int
	// Tolerance is the relative step at which the orbit has stopped
	// moving: |Δμ| ≤ Tolerance·(1 + |μ|) and |Δν| ≤ Tolerance·ν, with
	// (μ, ν) the point before the step. Default 1e-13.
	Tolerance float64
	// The orbit has collapsed when ν < CollapseVar (default 1e-30) and has
	// exploded when ν > ExplodeVar (default 1e30) or |μ| > ExplodeMean
	// (default 1e30).
	CollapseVar, ExplodeVar, ExplodeMean float64
	// Target, if not nil, is a point the orbit is meant to reach (a fixed
	// point): the orbit has converged as soon as
	// |μ − μ*| ≤ TargetTol·max(1, √ν*) and |ν − ν*| ≤ TargetTol·ν*
	// (TargetTol default 1e-6), and an orbit that stops moving anywhere
	// else has Settled.
	Target    *Point
	TargetTol float64
}

func (s *OrbitSettings) withDefaults() OrbitSettings {
	var o OrbitSettings
	if s != nil {
		o = *s
	}
	if o.MaxSteps <= 0 {
		o.MaxSteps = 1000
	}
	def := func(v *float64, d float64) {
		if !(*v > 0) {
			*v = d
		}
	}
	def(&o.Tolerance, 1e-13)
	def(&o.CollapseVar, 1e-30)
	def(&o.ExplodeVar, 1e30)
	def(&o.ExplodeMean, 1e30)
	def(&o.TargetTol, 1e-6)
	return o
}

// OrbitResult is the outcome of Orbit.
type OrbitResult struct {
	// Point is the last point of the orbit: for Converged without a target
	// the image after the step that stopped moving, for Converged with a
	// target the first point close to it, for Collapsed and Exploded the
	// first point beyond the bounds (or the last valid point when the next
	// image could not be evaluated).
	Point  Point
	Status Status
	Steps  int // the number of images of g computed
}

// Orbit iterates the layer map x ← g(x) from start (plain iteration, no
// Newton steps, so that it shows what a deep network does) and classifies
// the orbit with one Status:
//
//   - Converged: the orbit reached s.Target, or, without a target, stopped
//     moving (a step below s.Tolerance, relative);
//   - Settled: with a target, the orbit stopped moving elsewhere;
//   - Collapsed: ν < s.CollapseVar (the layers drive every unit towards a
//     constant output);
//   - Exploded: ν > s.ExplodeVar, |μ| > s.ExplodeMean, or a value that is
//     not finite;
//   - NotConverged: none of these within s.MaxSteps steps.
//
// At each step the point is first compared with the target, then with the
// explosion and the collapse bounds, then the step limit is checked and the
// image computed. An image the map cannot evaluate (NaN, which only happens
// at extreme arguments) counts as Collapsed if the net-input variance ντ of
// the last point was below 1 and as Exploded otherwise.
//
// The error is non-nil only for an invalid layer or start (see
// Layer.ValidateInput); the result then has Status NotConverged and Steps 0.
func (l Layer) Orbit(start Point, s *OrbitSettings) (OrbitResult, error) {
	if err := l.ValidateInput(start.Mean, start.Var); err != nil {
		return OrbitResult{Point: start}, err
	}
	set := s.withDefaults()
	near := func(p Point) bool {
		t := set.Target
		return t != nil && math.Abs(p.Mean-t.Mean) <= set.TargetTol*math.Max(1, math.Sqrt(t.Var)) &&
			math.Abs(p.Var-t.Var) <= set.TargetTol*t.Var
	}
	x := start
	for k := 0; ; k++ {
		switch {
		case near(x):
			return OrbitResult{x, Converged, k}, nil
		case !finite(x.Mean) || !finite(x.Var) || x.Var > set.ExplodeVar || math.Abs(x.Mean) > set.ExplodeMean:
			return OrbitResult{x, Exploded, k}, nil
		case x.Var < set.CollapseVar:
			return OrbitResult{x, Collapsed, k}, nil
		case k == set.MaxSteps:
			return OrbitResult{x, NotConverged, k}, nil
		}
		mo := l.Moments(x.Mean, x.Var)
		y := Point{mo.Mean, mo.Var}
		if math.IsNaN(y.Mean) || math.IsNaN(y.Var) {
			if x.Var*l.Tau < 1 {
				return OrbitResult{x, Collapsed, k + 1}, nil
			}
			return OrbitResult{x, Exploded, k + 1}, nil
		}
		if math.Abs(y.Mean-x.Mean) <= set.Tolerance*(1+math.Abs(x.Mean)) &&
			math.Abs(y.Var-x.Var) <= set.Tolerance*x.Var {
			if set.Target == nil || near(y) {
				return OrbitResult{y, Converged, k + 1}, nil
			}
			return OrbitResult{y, Settled, k + 1}, nil
		}
		x = y
	}
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Class is the class of a target (μ*, ν*) at given weights: whether a SELU
// has it as a fixed point and how that fixed point behaves (docs/model.md
// §3, §4).
type Class int

const (
	// Infeasible: no SELU with λ > 0, α > 0 has the target as a fixed
	// point (see Weights.Feasible).
	Infeasible Class = iota
	// Unstable: the fixed point repels: spectral radius ρ(H) ≥ 1.
	Unstable
	// Stable: ρ(H) < 1 but the spectral norm S(H) ≥ 1: the fixed point
	// attracts, but g is not a contraction in the 2-norm there.
	Stable
	// Contracting: S(H) < 1, the condition of the paper's Theorem 1.
	Contracting
)

func (c Class) String() string {
	switch c {
	case Infeasible:
		return "infeasible"
	case Unstable:
		return "unstable"
	case Stable:
		return "stable"
	case Contracting:
		return "contracting"
	}
	return fmt.Sprintf("Class(%d)", int(c))
}

// Class returns the class of a fixed point at which s was evaluated:
// Unstable if ρ(H) < 1 fails (NaN included), Contracting if S(H) < 1,
// Stable otherwise.
func (s Stability) Class() Class {
	switch {
	case !(s.SpectralRadius < 1):
		return Unstable
	case s.SpectralNorm < 1:
		return Contracting
	}
	return Stable
}

// Classify solves λ, α for target at the weights w in float64
// (Weights.Solve) and returns the class of the fixed point, with the
// constants (zero for Infeasible, which Classify also returns for an
// invalid target).
func (w Weights) Classify(target Point) (Class, Constants) {
	c, err := w.Solve(target)
	if err != nil {
		return Infeasible, Constants{}
	}
	return Layer{c, w}.Stability(target.Mean, target.Var).Class(), c
}
