package report

import "time"

// Data is everything a report shows, computed by Build (or by any other
// caller) and rendered by Render. Render computes nothing: every number on
// the page is read from a Data value. A nil pointer field means the
// corresponding part was not computed, and the page says so.
type Data struct {
	Target     Target
	Convention Convention
	Constants  Constants
	Verdict    Verdict

	// Stability of the map at the fixed point (section 4).
	Stability Stability

	// Field is g(μ, ν) − (μ, ν) over a grid around the fixed point
	// (section 2, the paper's Figure 2).
	Field *Field
	// Basin records, for each start on a grid, how the iteration of g
	// ended and after how many steps (section 2).
	Basin *Basin
	// Variance is ν ↦ ν̃(μ*, ν) on a line through the fixed point
	// (section 3, the picture of Theorems 2 and 3).
	Variance *Curve
	// Norm and Radius are the spectral norm S (Eq. 69/88) and the spectral
	// radius ρ of the Jacobian H of g (Eq. 87) over the (μ, ν) plane
	// (section 3).
	Norm, Radius *Grid

	// Certificate is the interval-arithmetic certificate (section 4).
	Certificate *Certificate
	// Feasibility classifies targets (μ*, ν*) of the plane (section 5).
	Feasibility *Feasibility
	// MonteCarlo holds simulated networks (section 6).
	MonteCarlo *MonteCarlo
	// Dropout lists the alpha-dropout parameters (section 7).
	Dropout []DropoutRow

	Repro Repro
}

// Target is the requested fixed point (μ*, ν*) of the layer map.
type Target struct {
	Mean, Var         float64
	MeanText, VarText string // exact decimal values as solved
}

// Convention describes the weight statistics ω = Σw, τ = Σw² of a unit.
type Convention struct {
	Omega, Tau float64
	Name       string // "paper" for ω = 0, τ = 1, "notebook" for ω = 1, τ = 1, else "custom"
	Text       string // description, as the solver gives it
}

// Constants are the solved SELU constants. The strings carry Digits
// significant digits, correctly rounded; the floats are the nearest float64
// values.
type Constants struct {
	Digits                    int
	Lambda, Alpha, Saturation string // λ, α, α' = −λα
	LambdaF, AlphaF           float64
}

// Verdict is the plain-words answer of the report.
type Verdict struct {
	// Stable reports whether the fixed point is locally attracting:
	// the spectral radius of H is below 1.
	Stable bool
	// Contraction reports whether the spectral norm S of H is below 1,
	// the condition of the paper's Theorem 1.
	Contraction bool
	// Certified is nil when no certificate was computed.
	Certified *bool
}

// Stability is the linearization of g at the fixed point.
type Stability struct {
	H           [2][2]float64 // Jacobian of g (Eq. 87)
	Eigenvalues [2]complex128
	Norm        float64 // S, the largest singular value of H (Eq. 69/88)
	Radius      float64 // ρ, the largest eigenvalue modulus of H
}

// Point is a point of the (μ, ν) plane.
type Point struct{ Mean, Var float64 }

// Grid is a scalar field sampled on a rectangular grid: Z[j*len(X)+i] is the
// value at (X[i], Y[j]). X and Y are increasing and evenly spaced.
type Grid struct {
	X, Y []float64
	Z    []float64
}

// At returns the value at column i, row j.
func (g *Grid) At(i, j int) float64 { return g.Z[j*len(g.X)+i] }

// Field is a vector field sampled on a rectangular grid: (DX, DY)[j*len(X)+i]
// is g(μ, ν) − (μ, ν) at (μ, ν) = (X[i], Y[j]).
type Field struct {
	X, Y   []float64
	DX, DY []float64
	// Paths are iterates of g from a few starts, to draw as trajectories.
	Paths [][]Point
	Fixed Point
}

// Outcome is how an iteration of g from one start ended.
type Outcome uint8

// Outcomes of an iteration, as in mapping.FixedPointResult.Status.
const (
	Converged    Outcome = iota // reached the fixed point
	Collapsed                   // the variance went to zero
	Exploded                    // the variance or mean diverged
	NotConverged                // none of the above within the step limit
)

// Basin is the basin of attraction: the outcome of iterating g from each
// start (X[i], Y[j]) of a grid, and the number of steps it took.
type Basin struct {
	X, Y     []float64
	Outcome  []Outcome // Outcome[j*len(X)+i]
	Steps    []int
	MaxSteps int
	Tol      float64 // convergence tolerance of the iteration
}

// Curve is y = f(x) sampled at increasing x.
type Curve struct {
	X, Y []float64
	// Mean is the fixed μ of the line, and Fixed the fixed point's ν.
	Mean, Fixed float64
}

// Feasibility classifies targets of the (μ*, ν*) plane for the report's
// convention: Class[j*len(X)+i] for (μ*, ν*) = (X[i], Y[j]).
type Feasibility struct {
	X, Y  []float64
	Class []Class
}

// Class is the kind of a target in the feasibility map.
type Class uint8

// Target classes.
const (
	Infeasible  Class = iota // no SELU (λ > 0, α > 0) has this fixed point
	Unstable                 // a SELU exists; its fixed point has ρ ≥ 1
	Stable                   // ρ < 1 but S ≥ 1
	Contracting              // S < 1
)

// Certificate summarizes an interval-arithmetic certificate.
type Certificate struct {
	Certified bool
	// Claim says in words what was proved (or attempted).
	Claim string
	// Region is the box of (μ, ν) (and ω, τ) the certificate covers.
	Region []Interval
	// Bound is the proved upper bound of the checked quantity, e.g. S.
	BoundName string
	Bound     string
	// Enclosures are proved intervals, e.g. for the fixed point.
	Enclosures []Interval
	Boxes      int
	Elapsed    time.Duration
	Note       string
}

// Interval is a named closed interval [Lo, Hi], as decimal strings.
type Interval struct {
	Name   string
	Lo, Hi string
}

// MonteCarlo holds simulated networks started at the target.
type MonteCarlo struct {
	Width, Depth, Batch int
	Seed                uint64
	DropoutRate         float64
	Runs                []Run
	// Note says how the networks were set up.
	Note string
}

// Run is one simulated network. Index i of the slices is layer i+1: the
// sample mean and variance of the activations pooled over batch and units,
// their standard errors, and the map's prediction (g iterated from the
// measured input moments, composed with the dropout moment map when dropout
// is on).
type Run struct {
	Name              string
	Weights           string  // "exact" or "lecun"
	Dropout           float64 // alpha-dropout rate, 0 for none
	Mean, MeanSE      []float64
	Var, VarSE        []float64
	PredMean, PredVar []float64
	// Converged is the simulation's own verdict: the last layer is within
	// 3 standard deviations plus the finite-width allowance of the target.
	Converged bool
	Verdict   string
	Elapsed   time.Duration
}

// DropoutRow holds the alpha-dropout affine correction for one rate
// (paper, "New Dropout Technique"): y = a·(x·d + α'(1−d)) + b.
type DropoutRow struct {
	Rate   float64
	A, B   string
	AF, BF float64
}

// Repro records how the report was made.
type Repro struct {
	CommandLine string
	Version     string
	GoVersion   string
	Generated   time.Time
	Seeds       []string
	Timings     []Timing
}

// Timing is the wall time of one stage of Build.
type Timing struct {
	Stage   string
	Elapsed time.Duration
}
