package diagnose

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/selu-tool/selu/mapping"
)

// FixedPoint is a fixed point (μ*, ν*) of the layer map g with ν* > 0,
// and what it means for a network initialized at its settings.
type FixedPoint struct {
	mapping.Point // μ*, ν*

	// Stability is the linearization of g at the point: the Jacobian H
	// (Eq. 87), its eigenvalues, spectral norm S (Eq. 69/88) and spectral
	// radius ρ.
	Stability mapping.Stability

	// LayersTo1Pct is LayersToWithin(ρ, 0.01): the number of layers after
	// which a deviation along the slowest direction has shrunk to 1%, in the
	// linear approximation; −1 if the point is not stable.
	LayersTo1Pct int

	// GradientGrowth is χ = τ·E[selu'(z)²] at the point
	// (mapping.Layer.GradientGrowth, docs/model.md §7): the per-layer
	// factor of the squared gradient norm.
	GradientGrowth float64
}

// Stable reports whether the fixed point is locally attracting, ρ(H) < 1.
func (f FixedPoint) Stable() bool { return f.Stability.SpectralRadius < 1 }

// Std returns the standard deviation √ν* of the activations at the fixed
// point.
func (f FixedPoint) Std() float64 { return math.Sqrt(f.Var) }

// GradientGrowthOver returns χⁿ, the growth of the squared gradient norm
// over n layers at the fixed point.
func (f FixedPoint) GradientGrowthOver(n int) float64 {
	return math.Pow(f.GradientGrowth, float64(n))
}

// Result is the outcome of Analyze.
type Result struct {
	Layer mapping.Layer
	// FixedPoints lists the fixed points with ν* > 0 found in the search
	// region, in increasing order of variance.
	FixedPoints []FixedPoint
	// Collapse reports that the variance goes to 0 from some starts (with
	// no fixed point: from every start). With ω = 0 that is when ν̃(ν) < ν
	// for all ν below the smallest fixed point, decided by the limit of
	// ν̃/ν as ν → 0: Limits.AtZero ≤ 1.
	Collapse bool
	// Explode reports that the variance (or, with ω ≠ 0, the mean) grows
	// without bound from some starts. With ω = 0 that is when ν̃(ν) > ν for
	// all ν above the largest fixed point, decided by the limit of ν̃/ν as
	// ν → ∞: Limits.AtInf ≥ 1 (and then there is no fixed point at all).
	Explode bool
	// Undecided reports (ω ≠ 0) that from some starts the iteration of g
	// neither settled nor collapsed nor exploded within Search.MaxSteps
	// steps, and did not end within 1% of a stable fixed point: it was
	// still drifting, typically slowly towards 0 or ∞ near a threshold
	// where a fixed point appears. It does not qualify FixedPoints, which
	// come from the scan of the mean curve (see the package comment).
	Undecided bool
	// Drifting lists those starts and where the iteration was after
	// Search.MaxSteps steps (ω ≠ 0).
	Drifting []Drift
	// Limits are the limits of ν̃/ν as ν → 0 and ν → ∞ when ω = 0 (see
	// VarianceRatioLimits); the zero value when ω ≠ 0.
	Limits RatioLimits
	// Curve (ω ≠ 0 only) gives the branches of the mean curve at the ends
	// of its scan and the limits of ν̃/ν along them (CurveLimits).
	Curve *CurveLimits
	// Search is the search region and resolution that was used. With
	// ω = 0, MinVar and MaxVar are the ends of the scan actually made,
	// which extends beyond the requested region as far as fixed points
	// can lie.
	Search Search
}

// Drift is a start of the iteration of g and the point it had reached
// when the step limit stopped it, still moving.
type Drift struct {
	Start, End mapping.Point
}

// Search sets the search region and resolution of Analyze. The zero value
// of a field selects its default.
type Search struct {
	// MinVar and MaxVar bound the variances ν searched. With ω = 0 the
	// defaults are 1e-6/τ and 1e6/τ (net-input variances s² = ντ in
	// [1e-6, 1e6]) and they are a minimum: the scan extends below and above
	// them until the expansions of ν̃/ν at 0 and ∞ (RatioLimits) show that
	// no fixed point lies beyond, within net-input variances [1e-300,
	// 1e300]. With ω ≠ 0 they bound the start variances of Newton's method,
	// by default 1e-12/τ and 1e12/τ; the iteration of g runs from the
	// starts with s² in [1e-6, 1e6].
	MinVar, MaxVar float64
	// PerDecade is the number of scan points per decade of ν; default 40.
	PerDecade int
	// MaxMean bounds the means |μ| of the starts when ω ≠ 0; default 3.
	MaxMean float64
	// MeanStarts is the number of start means in [−MaxMean, MaxMean] when
	// ω ≠ 0; default 13. The start variances are 4 per decade of ν.
	MeanStarts int
	// MaxSteps bounds the iterations of g from each start when ω ≠ 0;
	// default 5000.
	MaxSteps int
}

func (s *Search) defaults(omega, tau float64) Search {
	var r Search
	if s != nil {
		r = *s
	}
	span := 1e6 // net-input variances in [1/span, span]
	if omega != 0 {
		span = 1e12
	}
	if r.MinVar == 0 {
		r.MinVar = 1 / span / tau
	}
	if r.MaxVar == 0 {
		r.MaxVar = span / tau
	}
	if r.PerDecade == 0 {
		r.PerDecade = 40
	}
	if r.MaxMean == 0 {
		r.MaxMean = 3
	}
	if r.MeanStarts == 0 {
		r.MeanStarts = 13
	}
	if r.MaxSteps == 0 {
		r.MaxSteps = 5000
	}
	return r
}

func (s Search) validate() error {
	switch {
	case !(s.MinVar > 0) || math.IsInf(s.MinVar, 0):
		return fmt.Errorf("diagnose: search MinVar must be finite and > 0, got %v", s.MinVar)
	case !(s.MaxVar > s.MinVar) || math.IsInf(s.MaxVar, 0):
		return fmt.Errorf("diagnose: search MaxVar must be finite and > MinVar = %v, got %v", s.MinVar, s.MaxVar)
	case s.PerDecade < 1 || s.PerDecade > 10000:
		return fmt.Errorf("diagnose: search PerDecade must be in [1, 10000], got %d", s.PerDecade)
	case !(s.MaxMean > 0) || math.IsInf(s.MaxMean, 0):
		return fmt.Errorf("diagnose: search MaxMean must be finite and > 0, got %v", s.MaxMean)
	case s.MeanStarts < 1 || s.MeanStarts > 10000:
		return fmt.Errorf("diagnose: search MeanStarts must be in [1, 10000], got %d", s.MeanStarts)
	case s.MaxSteps < 1 || s.MaxSteps > 10000000:
		return fmt.Errorf("diagnose: search MaxSteps must be in [1, 1e7], got %d", s.MaxSteps)
	}
	if n := math.Log10(s.MaxVar/s.MinVar) * float64(s.PerDecade); n > 1e6 {
		return fmt.Errorf("diagnose: search grid of %.0f variances is too large (at most 1e6)", n)
	}
	return nil
}

// The weight variances τ that Analyze accepts. Beyond them the default
// search region 1e-6/τ ≤ ν ≤ 1e6/τ leaves float64.
const (
	MinTau = 1e-300
	MaxTau = 1e300
)

// ErrBadLayer is returned (wrapped) by Analyze for invalid layer settings.
var ErrBadLayer = errors.New("diagnose: invalid layer")

// checkLayer validates the constants and weights of l.
func checkLayer(l mapping.Layer) error {
	bad := func(name string, v float64, want string) error {
		return fmt.Errorf("%w: %s must be %s, got %v", ErrBadLayer, name, want, v)
	}
	switch {
	case !(l.Lambda > 0) || math.IsInf(l.Lambda, 0):
		return bad("lambda", l.Lambda, "finite and > 0")
	case !(l.Alpha > 0) || math.IsInf(l.Alpha, 0):
		return bad("alpha", l.Alpha, "finite and > 0")
	case math.IsNaN(l.Omega) || math.IsInf(l.Omega, 0):
		return bad("omega", l.Omega, "finite")
	case !(l.Tau >= MinTau && l.Tau <= MaxTau):
		return fmt.Errorf("%w: tau must be in [1e-300, 1e300], got %v", ErrBadLayer, l.Tau)
	}
	return nil
}

// Analyze finds the fixed points of the layer map g of l with ν > 0 in the
// search region s (nil for the defaults; see Search and the package
// comment), and reports whether the variance collapses or explodes from
// some starts. It returns an error wrapping ErrBadLayer if λ or α is not
// finite and positive, τ is not in [MinTau, MaxTau] or ω is not finite, an
// error if s is invalid, and (ω = 0) an error if the variance map is not
// finite and positive somewhere in the search region, which happens only
// for absurdly large λ or α.
func Analyze(l mapping.Layer, s *Search) (*Result, error) {
	if err := checkLayer(l); err != nil {
		return nil, err
	}
	srch := s.defaults(l.Omega, l.Tau)
	if err := srch.validate(); err != nil {
		return nil, err
	}
	var r *Result
	if l.Omega == 0 {
		var err error
		if r, err = analyze1D(l, srch); err != nil {
			return nil, err
		}
	} else {
		r = analyze2D(l, srch)
	}
	for _, fp := range r.FixedPoints {
		// Never present a stability that float64 could not compute as
		// "unstable" (ρ < 1 is false for NaN).
		if st := fp.Stability; !isFinite(st.SpectralRadius) || !isFinite(st.SpectralNorm) || !isFinite(fp.GradientGrowth) {
			return nil, fmt.Errorf("diagnose: at the fixed point (%.6g, %.6g) of λ = %v, α = %v, τ = %v the Jacobian or χ is not finite in float64; λ, α or ω is too large",
				fp.Mean, fp.Var, l.Lambda, l.Alpha, l.Tau)
		}
	}
	sort.Slice(r.FixedPoints, func(i, j int) bool { return r.FixedPoints[i].Var < r.FixedPoints[j].Var })
	return r, nil
}

// describe fills in a FixedPoint at p (LayersTo1Pct −1 if ρ is not a
// number; Analyze refuses such a point).
func describe(l mapping.Layer, p mapping.Point) FixedPoint {
	st := l.Stability(p.Mean, p.Var)
	layers := -1
	if st.SpectralRadius >= 0 {
		layers = LayersToWithin(st.SpectralRadius, 0.01)
	}
	return FixedPoint{
		Point:          p,
		Stability:      st,
		LayersTo1Pct:   layers,
		GradientGrowth: l.GradientGrowth(p),
	}
}

func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
