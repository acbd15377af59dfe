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
// # Results and errors
//
// Solve returns a Result: the exact target and weights, λ, α, α' = −λα and
// the alpha-dropout a, b as correctly rounded big.Float values (Result.Text
// formats them), their float64 roundings for the float64 packages, the
// stability of the fixed point (Result.Stability, from package mapping),
// and two typed summaries: Result.Convention (ConventionPaper,
// ConventionNotebook, ConventionCustom, ConventionRandom) and
// Result.Verdict, the stability class (mapping.Class). The wording of
// these is left to the caller. SolveLeCun solves the same equations for
// weights drawn at random, wᵢ ~ N(0, τ/n), and FeasibleMeans gives the
// means a variance allows.
//
// Errors are values: a *TargetError for a bad mean, variance, ω or τ (its
// Field names which), an *InfeasibleError for a target no SELU keeps, with
// the feasible means, and ErrPrecision (wrapped) when the digits cannot be
// certified.
//
// # Correct rounding
//
// All arithmetic is done in math/big (the transcendental functions of
// selu/internal/bigmath are faithful, ≤ 1 ulp) with guard bits, carrying a
// first-order bound on the relative error of every intermediate that
// accounts for cancellation and for the condition numbers of exp, erfc and
// erfcx. Every result is computed at two working precisions; it is
// returned only when, at both, the error interval lies inside one rounding
// cell of the requested number of digits and both give the same decimal.
// Otherwise the precision grows (by the bits the bound says were lost, at
// least doubling the guard), at most 8 times and up to 2·(digits·log2 10) +
// 8192 bits, after which Solve fails with ErrPrecision. The bound also
// decides feasibility: a target is declared infeasible only when the sign
// of the deciding quantity (A² − ρC for μ* > 0, B² − ρD for μ* < 0) is
// certain.
//
// # Limits
//
// Digits from 1 to 10000; net-input variance ν*τ in [1e-20, 1e20]; |μ*|,
// |ω|, τ at most 1e20; (μ*ω)²/(2ν*τ) at most 1e6. Decimal inputs
// (ParseTarget, ParseDecimal) have exponents within ±1000.
package solver // import "github.com/selu-tool/selu/solver"
