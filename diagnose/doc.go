// Package diagnose analyses a given SELU initialization: it finds every
// fixed point of the layer map g for given constants (λ, α) and weight
// statistics (ω, τ), says whether each attracts, how many layers a network
// needs to settle there, and how fast gradients grow with depth at it; or it
// reports that there is no fixed point and the variance collapses to 0 or
// blows up.
//
// The layer map is that of Klambauer, Unterthiner, Mayr and Hochreiter,
// "Self-Normalizing Neural Networks", NeurIPS 2017 (arXiv 1706.02515 v5),
// Eq. 4 and 5: a unit with inputs of mean μ and variance ν and weights with
// ω = Σw, τ = Σw² sees a net input z ~ N(μω, ντ), and
//
//	g(μ, ν) = (E selu(z), Var selu(z)).
//
// A fixed point (μ*, ν*) of g with ν* > 0 is where a deep network's
// activations settle. Its stability is that of the Jacobian H of g (Eq. 87):
// the spectral radius ρ(H) < 1 makes it locally attracting, and the
// distance to it then shrinks by about ρ per layer. The spectral norm S
// (Eq. 69/88) is reported as well; S < 1 is the contraction the paper proves.
//
// Gradients are judged by χ = τ·E[selu'(z)²] at the fixed point, the
// per-layer growth factor of the expected squared norm of the back-propagated
// gradient in the mean-field picture (χ > 1: gradients grow with depth).
//
// # Search
//
// With ω = 0 the net-input mean is 0 whatever μ is, so g(μ, ν) = (μ̃(ν), ν̃(ν))
// and the fixed points are the roots of the one-dimensional equation
// ν̃(ν) = ν. Collapse and explosion are decided by the limits of ν̃/ν as
// ν → 0 and ν → ∞, which have closed forms (VarianceRatioLimits). Analyze
// scans ln(ν̃/ν) on a log-spaced grid of ν, extended at both ends as far as
// the expansions of ν̃/ν at 0 and ∞ allow a root (down to net-input
// variances of 1e-300 and up to 1e300), brackets every sign change and
// bisects it to full float64 precision. With ω ≠ 0 the
// problem is two-dimensional and Analyze reduces it to one dimension: for
// each net-input variance s² = ντ of a log-spaced grid from 1e-300 to
// 1e300 it finds every root m = μω of the mean equation m = ω·μ̃(m, s²)
// (unique for ω < 0; for ω > 0 by a scan of a bounded interval at the
// scales where roots can lie), follows each root along s², and bisects
// every sign change of ln(ν̃/ν) along such a branch. The limits of ν̃/ν
// along the branches as ν → 0 and ν → ∞ (CurveLimits) tell whether a fixed
// point could lie beyond the scan. Analyze also runs Newton's method on
// g(x) − x (mapping.Layer.FixedPoint) from a grid of starts and iterates g
// from them (mapping.Layer.Orbit) to see whether the variance collapses or
// explodes anywhere; whether it does near ν = 0 and ν = ∞ also follows
// from the homogeneous limits of g there. In both cases completeness holds
// only up to the resolution of the scan; a root pair closer together than
// one scan cell, or a double root, can be missed (docs/diagnose.md).
package diagnose // import "github.com/selu-tool/selu/diagnose"
