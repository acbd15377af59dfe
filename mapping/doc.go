// Package mapping evaluates the SELU layer map of Klambauer, Unterthiner,
// Mayr and Hochreiter, "Self-Normalizing Neural Networks" (NeurIPS 2017,
// arXiv 1706.02515 v5), in float64. It is the project's float64 model
// core:
//
//   - the moments of one SELU layer (Layer.Moments, NewIntegrals), their
//     Jacobian (Layer.Jacobian), its spectral norm and spectral radius and
//     the class of a fixed point (Layer.Stability, Stability.Class;
//     NewStability for a Jacobian computed in other arithmetic);
//   - the constants λ, α that make a target (μ*, ν*) a fixed point
//     (Weights.Solve), the feasibility of a target (Weights.Feasible) and the
//     feasible means for a variance (Weights.FeasibleMeans);
//   - the alpha-dropout correction a, b (Constants.AlphaDropout), the moment
//     map of alpha dropout (AlphaDropoutMap) and the gradient growth χ per
//     layer (Layer.GradientGrowth);
//   - the correlation map (Layer.Correlation): for two inputs whose net
//     inputs are jointly normal with correlation c, the correlation
//     C(c) = (E[selu(z₁)selu(z₂)] − μ̃²)/ν̃ of the outputs and its slope
//     C′(c) (CorrelationMap.C, CorrelationMap.Slope), its stable fixed
//     point c* with the slope χ_c = C′(c*) and the correlation depth
//     ξ_c = −1/ln χ_c (CorrelationMap.FixedPoint, CorrelationDepth). In
//     the weight convention of this package c* = 0 at every layer, and
//     χ_c ≤ 1 ≤ C′(1), which at a fixed point equals χ; the definitions
//     and the weight convention are in docs/why-0-and-1.md;
//   - the iteration of the map: its orbit (Layer.Iterate, Layer.Orbit) and
//     its fixed points (Layer.FixedPoint), each ending with one Status; the
//     class of a target in one call (Weights.Classify: Infeasible, Unstable,
//     Stable, Contracting, or Unknown where float64 cannot tell);
//   - the map of the statistics pooled over units under random weights
//     wᵢ ~ N(0, τ/n) (LeCunLayer, with Moments, Stability, Orbit) and the
//     constants that keep a target there (SolveLeCun, FeasibleMeansLeCun).
//
// Package solver is the exact-arithmetic twin of Weights.Solve and
// Weights.FeasibleMeans, package verify the interval twin of the moments and
// the Jacobian; the other packages compose these.
//
// A unit with inputs of mean μ and variance ν and weights with ω = Σw and
// τ = Σw² sees the net input z ~ N(m, s²), m = μω, s² = ντ (Eq. 4, 5). The
// layer map is
//
//	g(μ, ν) = (μ̃, ν̃) = (E selu(z), Var selu(z)).
//
// The paper's convention ω = 0, τ = 1 (Normalized()) is the default; the
// authors' notebook convention ω = 1, τ = 1 (Notebook()) is available for
// compatibility, and its fixed points are unstable. Paper() gives λ01, α01
// and Standard() the paper's layer; each call returns a fresh value.
//
// All moments are computed through the scaled complementary error function
// erfcx(x) = exp(x²) erfc(x) (Erfcx) and, where the closed forms cancel,
// through series in s and through variance splits, so that they are finite
// everywhere and accurate to 1e-13 relative error for s² from 1e-6 to 1e6
// and m from −50 to 50 (the mean μ̃ = λ(A + αB), a difference that vanishes
// at fixed points with μ = 0, relative to λ(A + α|B|) where it cancels); see
// docs/derivation.md and the mpmath tables in testdata.
package mapping // import "github.com/selu-tool/selu/mapping"
