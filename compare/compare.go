package compare

import (
	"errors"
	"fmt"
	"math"
	"math/big"

	"github.com/selu-tool/selu/diagnose"
	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/solver"
)

// Options configure Rows. The zero value asks for the paper's weights
// ω = 0, τ = 1, depth 32, dropout rate 0.1 and a 10% weight-scale error.
type Options struct {
	// Omega and Tau are ω = Σwᵢ and τ = Σwᵢ² per unit as exact rationals;
	// nil means ω = 0, τ = 1.
	Omega, Tau *big.Rat
	// Depth is the number of layers for GradientGrowthOverDepth; 0 means
	// DefaultDepth.
	Depth int
	// DropoutRate is the alpha-dropout rate for DropoutA, DropoutB, in
	// [0, 1); NaN or 0 selects DefaultDropoutRate (use a tiny rate for
	// none).
	DropoutRate float64
	// TauError is the relative error of τ for the fixed-point shift, in
	// (0, 1); 0 selects DefaultTauError.
	TauError float64
}

// Defaults of Options.
const (
	DefaultDepth       = 32
	DefaultDropoutRate = 0.1
	DefaultTauError    = 0.1
	// MaxCorrelationDepth is the largest correlation depth ξ_c that Rows
	// reports. χ_c comes out of a quadrature with a rounding error of
	// about 2e-16, so ξ_c = −1/ln χ_c has a relative error of about
	// 2e-16·ξ_c: where 1 − χ_c < 1/MaxCorrelationDepth (for the paper's
	// convention, variances below about 1e-9) CorrelationDepth is +Inf,
	// meaning larger than MaxCorrelationDepth, not a number with wrong
	// digits.
	MaxCorrelationDepth = 1e10

	// TrainableDepthFactor is the factor in the trainable depth ≈ 6ξ_c
	// observed by Schoenholz et al. 2017 (section 5).
	TrainableDepthFactor = 6
)

// Row is one target's column values. Every float64 is NaN where it does
// not apply (an infeasible target, an unstable fixed point).
type Row struct {
	Mean, Var  float64 // the target (μ*, ν*), as float64
	Omega, Tau float64 // the weights ω, τ, as float64
	// Err is nil when the target was solved; otherwise it says why not
	// (an *solver.InfeasibleError for a mean outside the feasible range),
	// and only Mean and Var are set.
	Err error

	Lambda, Alpha  float64 // the constants, correctly rounded to float64
	SpectralRadius float64 // ρ of the Jacobian H (Eq. 87) at the fixed point
	SpectralNorm   float64 // S, its spectral norm (Eq. 69, 88)
	LayersTo1Pct   int     // ⌈ln 0.01 / ln ρ⌉; −1 if ρ ≥ 1

	GradientGrowth          float64 // χ = τ·E[selu′(z)²] per layer
	GradientGrowthOverDepth float64 // χ^Depth
	Depth                   int

	CorrelationFixedPoint float64 // c*
	CorrelationSlope      float64 // χ_c = C′(c*)
	CorrelationDepth      float64 // ξ_c = −1/ln χ_c; +Inf beyond MaxCorrelationDepth
	TrainableDepth        float64 // 6ξ_c, a prediction (Schoenholz et al. 2017)

	// TauLow and TauHigh are the fixed points that Newton's method
	// (mapping.Layer.FixedPoint) finds from the target with τ·(1 − e) and
	// τ·(1 + e), e = TauError; NaN when it finds none or only an unstable
	// one (ρ ≥ 1).
	TauError        float64
	TauLow, TauHigh mapping.Point

	DropoutRate        float64
	DropoutA, DropoutB float64 // alpha dropout a, b at DropoutRate (docs/model.md §6)
}

// Feasible reports whether the row's target was solved.
func (r *Row) Feasible() bool { return r.Err == nil }

// Target is one requested target as exact decimals (solver.ParseTarget).
type Target = solver.Target

// Rows computes one Row per target, in order. An infeasible target (or one
// the solver cannot handle) is a row with Err set, not an error; the error
// is for invalid options only.
func Rows(targets []Target, o *Options) ([]Row, error) {
	opt, err := o.resolve()
	if err != nil {
		return nil, err
	}
	rows := make([]Row, len(targets))
	for i, t := range targets {
		rows[i] = opt.row(t)
	}
	return rows, nil
}

type resolved struct {
	omega, tau   *big.Rat
	w            mapping.Weights
	depth        int
	rate, tauErr float64
}

func (o *Options) resolve() (resolved, error) {
	var r resolved
	var z Options
	if o == nil {
		o = &z
	}
	r.omega, r.tau = o.Omega, o.Tau
	if r.omega == nil {
		r.omega = new(big.Rat)
	}
	if r.tau == nil {
		r.tau = big.NewRat(1, 1)
	}
	if r.tau.Sign() <= 0 {
		return r, fmt.Errorf("compare: tau must be > 0, got %s", r.tau.RatString())
	}
	r.w.Omega, _ = r.omega.Float64()
	r.w.Tau, _ = r.tau.Float64()
	if err := r.w.Validate(); err != nil {
		return r, fmt.Errorf("compare: %v", err)
	}
	r.depth = o.Depth
	if r.depth == 0 {
		r.depth = DefaultDepth
	}
	if r.depth < 1 || r.depth > 1_000_000 {
		return r, fmt.Errorf("compare: depth must be from 1 to 1000000, got %d", o.Depth)
	}
	r.rate = o.DropoutRate
	if r.rate == 0 || math.IsNaN(r.rate) {
		r.rate = DefaultDropoutRate
	}
	if !(r.rate > 0 && r.rate < 1) {
		return r, fmt.Errorf("compare: dropout rate must be in (0, 1), got %v", o.DropoutRate)
	}
	r.tauErr = o.TauError
	if r.tauErr == 0 {
		r.tauErr = DefaultTauError
	}
	if !(r.tauErr > 0 && r.tauErr < 1) {
		return r, fmt.Errorf("compare: tau error must be in (0, 1), got %v", o.TauError)
	}
	return r, nil
}

func (o resolved) row(t Target) Row {
	nan := math.NaN()
	r := Row{
		Omega: o.w.Omega, Tau: o.w.Tau,
		Depth: o.depth, TauError: o.tauErr, DropoutRate: o.rate,
		Lambda: nan, Alpha: nan, SpectralRadius: nan, SpectralNorm: nan, LayersTo1Pct: -1,
		GradientGrowth: nan, GradientGrowthOverDepth: nan,
		CorrelationFixedPoint: nan, CorrelationSlope: nan, CorrelationDepth: nan, TrainableDepth: nan,
		TauLow: mapping.Point{Mean: nan, Var: nan}, TauHigh: mapping.Point{Mean: nan, Var: nan},
		DropoutA: nan, DropoutB: nan,
	}
	if t.Mean == nil || t.Var == nil {
		r.Err = errors.New("compare: target without a mean or a variance")
		return r
	}
	r.Mean, _ = t.Mean.Float64()
	r.Var, _ = t.Var.Float64()
	res, err := solver.Solve(t, &solver.Options{Omega: o.omega, Tau: o.tau, Digits: 20, DropoutRates: []float64{o.rate}})
	if err != nil {
		r.Err = err
		return r
	}
	l := mapping.Layer{Constants: res.Constants, Weights: o.w}
	r.Lambda, r.Alpha = l.Lambda, l.Alpha
	r.SpectralRadius = res.Stability.SpectralRadius
	r.SpectralNorm = res.Stability.SpectralNorm
	r.LayersTo1Pct = -1
	if r.SpectralRadius < 1 {
		r.LayersTo1Pct = diagnose.LayersToWithin(r.SpectralRadius, 0.01)
	}
	r.GradientGrowth = l.GradientGrowth(mapping.Point{Mean: r.Mean, Var: r.Var})
	r.GradientGrowthOverDepth = math.Pow(r.GradientGrowth, float64(o.depth))
	if cm, err := l.Correlation(r.Mean, r.Var); err == nil {
		fp := cm.FixedPoint()
		r.CorrelationFixedPoint = fp.Correlation
		r.CorrelationSlope = fp.Slope
		r.CorrelationDepth = fp.Depth
		if 1-fp.Slope < 1/MaxCorrelationDepth {
			r.CorrelationDepth = math.Inf(1)
		}
		r.TrainableDepth = TrainableDepthFactor * r.CorrelationDepth
	}
	start := mapping.Point{Mean: r.Mean, Var: r.Var}
	for i, f := range []float64{1 - o.tauErr, 1 + o.tauErr} {
		lt := l
		lt.Tau *= f
		fp, err := lt.FixedPoint(start, nil)
		if err != nil || !fp.Stability.Stable() {
			continue
		}
		if i == 0 {
			r.TauLow = fp.Point
		} else {
			r.TauHigh = fp.Point
		}
	}
	if len(res.Dropout) == 1 {
		r.DropoutA, _ = res.Dropout[0].A.Float64()
		r.DropoutB, _ = res.Dropout[0].B.Float64()
	}
	return r
}
