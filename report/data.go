package report

import (
	"html/template"
	"time"

	"github.com/selu-tool/selu/mapping"
)

// reportData is everything a report shows, computed by Build (or by any other
// caller) and rendered by Render. Render computes nothing: every number on
// the page is read from a Data value. A nil pointer field means the
// corresponding part was not computed, and the page says so.
type reportData struct {
	Target     targetView
	Convention conventionView
	Constants  constantsView
	Verdict    verdictView

	// Compare sets the paper's convention and the random-weight
	// convention side by side (nil for μ* = 0, where they coincide, and
	// for ω ≠ 0).
	Compare *comparison

	// Stability of the map at the fixed point (section 4).
	Stability stabilityView

	// Field is g(μ, ν) − (μ, ν) over a grid around the fixed point
	// (section 2, the paper's Figure 2).
	Field *fieldData
	// Basin records, for each start on a grid, how the iteration of g
	// ended and after how many steps (section 2), for weights with ω ≠ 0
	// (the report's, or the largest ω of Theorem 1's widths, the box the
	// certificate starts from, when the report's ω is 0); nil for random weights, whose map forgets μ.
	Basin *basinData
	// VarBasin is the number of layers to settle from starts (μ*, ν₀) over
	// six decades of ν₀ (section 2).
	VarBasin *varBasin
	// Variance is ν ↦ ν̃(μ*, ν) on a line through the fixed point
	// (section 3, the picture of Theorems 2 and 3).
	Variance *curve
	// Norm and Radius are the spectral norm S (Eq. 69/88) and the spectral
	// radius ρ of the Jacobian H of g (Eq. 87) over the (μ, ν) plane
	// (section 3).
	Norm, Radius *grid

	// Certificate is the interval-arithmetic certificate (section 4).
	Certificate *certificate
	// Feasibility classifies targets (μ*, ν*) of the plane (section 5).
	Feasibility *feasibilityData
	// Tradeoff is the trade-off section (section 8, TradeoffSection):
	// settling, gradient growth and correlation depth over ν* with this
	// target marked; empty when not computed (random weights, or
	// Config.Tradeoff.Off).
	Tradeoff template.HTML
	// MonteCarlo holds simulated networks (section 6).
	MonteCarlo *monteCarlo
	// Dropout lists the alpha-dropout parameters (section 7).
	Dropout []dropoutRow
	// Snippets is the code of section 7, as selu-solve prints it.
	Snippets []snippetView

	Repro repro
}

// targetView is the requested fixed point (μ*, ν*) of the layer map.
type targetView struct {
	Mean, Var         float64
	MeanText, VarText string // exact decimal values as solved
}

// conventionView describes the weight statistics ω = Σw, τ = Σw² of a unit.
type conventionView struct {
	Omega, Tau float64
	Name       string // the solver's Convention: "paper" (ω = 0, τ = 1), "notebook" (ω = 1, τ = 1), "random" (random weights) or "custom"
	Random     bool   // weights drawn N(0, τ/n), not fixed row sums
}

// constantsView are the solved SELU constants. The strings carry Digits
// significant digits, correctly rounded; the floats are the nearest float64
// values.
type constantsView struct {
	Digits                    int
	Lambda, Alpha, Saturation string // λ, α, α' = −λα
	LambdaF, AlphaF           float64
}

// verdictView is the plain-words answer of the report.
type verdictView struct {
	// Class is the stability class of the fixed point (the solver's
	// Verdict): Unstable (ρ ≥ 1), Stable (ρ < 1, S ≥ 1), Contracting
	// (S < 1, the condition of the paper's Theorem 1) or Unknown (ρ not
	// computable).
	Class mapping.Class
	// Certified is nil when no certificate was computed.
	Certified *bool
}

// Stable reports whether the fixed point is locally attracting (ρ < 1).
func (v verdictView) Stable() bool {
	return v.Class == mapping.Stable || v.Class == mapping.Contracting
}

// Contraction reports whether the layer map contracts at the fixed point
// (S < 1).
func (v verdictView) Contraction() bool { return v.Class == mapping.Contracting }

// stabilityView is the linearization of g at the fixed point.
type stabilityView struct {
	H           [2][2]float64 // Jacobian of g (Eq. 87)
	Eigenvalues [2]complex128
	Norm        float64 // S, the largest singular value of H (Eq. 69/88)
	Radius      float64 // ρ, the largest eigenvalue modulus of H
}

// point is a point of the (μ, ν) plane.
type point struct{ Mean, Var float64 }

// grid is a scalar field sampled on a rectangular grid: Z[j*len(X)+i] is the
// value at (X[i], Y[j]). X and Y are increasing and evenly spaced.
type grid struct {
	X, Y []float64
	Z    []float64
}

// At returns the value at column i, row j.
func (g *grid) At(i, j int) float64 { return g.Z[j*len(g.X)+i] }

// fieldData is a vector field sampled on a rectangular grid: (DX, DY)[j*len(X)+i]
// is g(μ, ν) − (μ, ν) at (μ, ν) = (X[i], Y[j]).
type fieldData struct {
	X, Y   []float64
	DX, DY []float64
	// Paths are iterates of g from a few starts, to draw as trajectories.
	Paths     [][]point
	PathSteps int // the longest path's number of steps
	Fixed     point
}

// outcome is how an iteration of g from one start ended (mapping's orbit
// Status; an orbit that settled elsewhere counts as not converged).
type outcome = mapping.Status

// Outcomes of an iteration.
const (
	outConverged    = mapping.Converged    // reached the fixed point
	outCollapsed    = mapping.Collapsed    // the variance went to zero
	outExploded     = mapping.Exploded     // the variance or mean diverged
	outNotConverged = mapping.NotConverged // none of the above within the step limit
)

// basinData is the basin of attraction: the outcome of iterating g from each
// start (X[i], Y[j]) of a grid, and the number of steps it took.
type basinData struct {
	X, Y     []float64
	Outcome  []outcome // Outcome[j*len(X)+i]
	Steps    []int
	MaxSteps int
	Tol      float64 // convergence tolerance of the iteration
	// Omega and Tau are the weights of the map iterated, and Fixed its
	// fixed point near the target.
	Omega, Tau float64
	Fixed      point
}

// varBasin is the outcome of iterating the layer map from (Mean, X[i]) and
// the number of layers it took.
type varBasin struct {
	Mean, Fixed float64
	X           []float64
	Outcome     []outcome
	Steps       []int
	MaxSteps    int
}

// curve is y = f(x) sampled at increasing x.
type curve struct {
	X, Y []float64
	// Mean is the fixed μ of the line, and Fixed the fixed point's ν.
	Mean, Fixed float64
}

// feasibilityData classifies targets of the (μ*, ν*) plane for the report's
// convention: Class[j*len(X)+i] for (μ*, ν*) = (X[i], Y[j]).
type feasibilityData struct {
	X, Y  []float64
	Class []class
}

// class is the kind of a target in the feasibility map (mapping's Class).
type class = mapping.Class

// Target classes.
const (
	classInfeasible  = mapping.Infeasible  // no SELU (λ > 0, α > 0) has this fixed point
	classUnstable    = mapping.Unstable    // a SELU exists; its fixed point has ρ ≥ 1
	classStable      = mapping.Stable      // ρ < 1 but S ≥ 1
	classContracting = mapping.Contracting // S < 1
	classUnknown     = mapping.Unknown     // float64 cannot evaluate ρ there
)

// certificate summarizes an interval-arithmetic certificate.
type certificate struct {
	Certified bool
	// Claim says in words what was proved (or attempted).
	Claim string
	// Region is the box of (μ, ν) (and ω, τ) the certificate covers.
	Region []interval
	// Bound is the proved upper bound of the checked quantity, e.g. S.
	BoundName string
	Bound     string
	// Enclosures are proved intervals, e.g. for the fixed point.
	Enclosures []interval
	Boxes      int
	Elapsed    time.Duration
	Note       string
}

// interval is a named closed interval [Lo, Hi], as decimal strings.
type interval struct {
	Name   string
	Lo, Hi string
}

// monteCarlo holds the simulated networks, started off the target at
// N(μ* + 1, 2ν*).
type monteCarlo struct {
	Width, Depth, Batch int
	Seed                uint64
	DropoutRate         float64
	Runs                []mcRun
	// Note says how the networks were set up.
	Note string
	// PlainRadius and DropoutRadius are the spectral radii at the target
	// of the layer map g and of g composed with the dropout moment map
	// (zero if not computed); DropoutAQ and DropoutA2Q are the factors aq
	// and a²q by which dropout scales deviations of the mean and variance.
	PlainRadius, DropoutRadius, DropoutAQ, DropoutA2Q float64
}

// mcRun is one simulated network. Index i of the slices is layer i+1: the
// sample mean and variance of the activations pooled over batch and units,
// their standard errors, and the map's prediction (g iterated from the
// measured input moments, composed with the dropout moment map when dropout
// is on).
type mcRun struct {
	Name              string
	Weights           string  // "exact" or "lecun"
	Dropout           float64 // alpha-dropout rate, 0 for none
	Mean, MeanSE      []float64
	Var, VarSE        []float64
	PredMean, PredVar []float64
	// Converged is the simulation's own verdict, montecarlo's
	// Agreement(3) as selu-solve mc gives it: the last layer is within 3
	// standard deviations plus the finite-width allowance of the target,
	// and that comparison is decisive. Undecided says why it is not (the
	// map itself is not yet at the target, or the tolerance is as wide as
	// the target); "" when it is.
	Converged bool
	Undecided string
	Verdict   string
	Elapsed   time.Duration
}

// dropoutRow holds the alpha-dropout affine correction for one rate
// (paper, "New Dropout Technique"): y = a·(x·d + α'(1−d)) + b.
type dropoutRow struct {
	Rate   float64
	A, B   string
	AF, BF float64
}

// repro records how the report was made.
type repro struct {
	CommandLine string
	Version     string
	GoVersion   string
	Generated   time.Time
	Seeds       []string
	Timings     []timing
}

// timing is the wall time of one stage of Build.
type timing struct {
	Stage   string
	Elapsed time.Duration
}
