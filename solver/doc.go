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
// means a variance allows. Jacobian evaluates the layer map's Jacobian at
// any point in the same error-bounded arithmetic, for inputs where the
// float64 one of package mapping is not accurate.
//
// Errors are values: a *TargetError for a bad mean, variance, ω or τ (its
// Field names which), an *InfeasibleError for a target no SELU keeps, with
// the feasible means, and ErrPrecision (wrapped) when the digits cannot be
// certified.
//
// # Correct rounding
//
// All arithmetic is done in math/big with guard bits, carrying a
// first-order bound on the relative error of every intermediate that
// accounts for cancellation and for the condition numbers of exp, erfc and
// erfcx. Every result is computed in two passes at different working
// precisions; it is returned only when, in both, the error interval lies
// inside one rounding cell of the requested number of digits and both give
// the same decimal. Otherwise the precision grows (by the bits the bound
// says were lost, at least doubling the guard), over at most 8 passes and up to
// 2·(digits·log2 10) + 8192 bits, after which Solve fails with
// ErrPrecision. The bound also decides feasibility: a target is declared
// infeasible only when the sign of the deciding quantity (A² − ρC for
// μ* > 0, B² − ρD for μ* < 0) is certain.
//
// # Why the printed digits are right
//
// The error bound takes every primitive to be within 1 ulp. For the square
// root this is proven (internal/bigmath.Sqrt takes an integer square root
// and checks r² ≤ M < (r+1)² exactly), and for big.Float's Add, Sub and Mul
// it holds by construction (the exact result rounded once). It is tested,
// not proven, for big.Float's Quo and SetRat (multiplied back exactly, 53
// to 40000 bits), for Text (parsed back, up to 10000 digits), and for e^x,
// erfc, erfcx and the constants π, ln 2 and 1/√π (against independent
// evaluations in the tests up to 40000 bits and mpmath values up to 8192
// bits); the results of Solve are tested against mpmath references up to
// 10000 digits.
//
// The agreement of the two passes guards against a primitive that is
// wrong despite these tests. For it to do so, the passes differ in their
// own working precision, in the precision of every primitive (guard bits
// 0 and p/16 + 29 alternate, so primitives run at precisions at least 6%
// apart), and in the constants (even passes compute
// π by the Chudnovsky series and ln 2 by one atanh formula, odd passes π by
// a Machin-like arctangent formula and ln 2 by another atanh formula;
// 1/√π follows from each π), and in the point at which the Taylor series
// of e^x is summed (four times closer to 0 in odd passes). An error that depends on the
// precision (too few series terms, a short iteration, a bound too small),
// a wrong constant or a wrong term of the exponential series then makes
// the passes disagree instead of confirming each other. What both passes
// share is exact (the rational inputs) or is the same formula at another
// precision: the series and continued fractions of erf, erfc and erfcx,
// and math/big's own routines. A mistake in such a formula that did not
// change with the precision would be shared; only the tests above cover
// it. The stability and the feasible means are
// not part of this promise: they come from one evaluation each, decided by
// its error bound.
//
// # Limits
//
// Digits from 1 to 10000; net-input variance ν*τ in [1e-20, 1e20]; |μ*|,
// |ω|, τ at most 1e20; (μ*ω)²/(2ν*τ) at most 1e6. Decimal inputs
// (ParseTarget, ParseDecimal) have exponents within ±1000.
package solver // import "github.com/selu-tool/selu/solver"
