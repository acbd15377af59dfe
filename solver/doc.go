// Package solver computes the constants λ and α of the SELU activation that
// make a target mean and variance (μ*, ν*) the fixed point of the layer map of
// Klambauer, Unterthiner, Mayr and Hochreiter, "Self-Normalizing Neural
// Networks" (NeurIPS 2017, arXiv 1706.02515), to any requested number of
// correctly rounded decimal digits, together with the alpha-dropout
// parameters a and b and the stability of the fixed point.
//
// The fixed-point equations μ̃(μ*, ν*) = μ*, ν̃(μ*, ν*) = ν* (paper Eq. 4, 5)
// are algebraic in λ and α once the Gaussian integrals A, B, C, D of the net
// input z ~ N(μ*ω, ν*τ) are known:
//
//	μ̃ = λ(A + αB),   E selu(z)² = λ²(C + α²D).
//
// For μ* = 0 this gives α = −A/B; otherwise α is the root of the quadratic
//
//	(B² − ρD)α² + 2ABα + (A² − ρC) = 0,   ρ = μ*²/(ν* + μ*²),
//
// selected so that α > 0 and λ > 0, and in all cases
//
//	λ = √((ν* + μ*²) / (C + α²D)).
//
// The function h(α) = (A + αB)/√(C + α²D) decreases strictly on α > 0, so
// the SELU is unique when it exists, and it exists if and only if
// −|B|/√D < μ*/√(ν* + μ*²) < A/√C.
//
// All arithmetic is done in math/big with guard bits; every result is
// computed at two working precisions with a running error bound, and is
// returned only when both round to the same decimal of the requested length.
package solver // import "selu/solver"
