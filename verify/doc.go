// Package verify proves, with interval arithmetic and branch and bound, the
// self-normalization theorems of Klambauer, Unterthiner, Mayr and
// Hochreiter, "Self-Normalizing Neural Networks" (NeurIPS 2017, arXiv
// 1706.02515 v5), for any SELU constants λ, α and any box of inputs and
// weights.
//
// A SELU layer with input mean μ and variance ν and weights with ω = Σw,
// τ = Σw² maps (μ, ν) to (μ̃, ν̃) = g(μ, ν) (Eq. 4, 5). On a box
// Ω = μ × ω × ν × τ, [FixedPoint] proves the two hypotheses of Banach's
// fixed-point theorem used for the paper's Theorem 1:
//
//   - the Jacobian H of g (Eq. 87) has largest singular value S(H) < 1
//     everywhere on Ω (Lemma 12), so g is a contraction of the (μ, ν) range;
//   - g maps the (μ, ν) range into itself for every (ω, τ) of Ω (Lemma 13),
//
// and reports a proven upper bound on S and enclosures of μ̃ and ν̃, which
// contain the unique attracting fixed point for every (ω, τ). [Contraction]
// proves the first alone; [VarianceDecreases] and [VarianceIncreases] prove
// ν̃ < ν (Theorem 2) and ν̃ > ν (Theorem 3) with a proven margin, and
// [VarianceIncreasesOn] on a union of boxes such as [Theorem3Boxes].
//
// The contraction may also be proved in a weighted norm ‖x‖_P = ‖P x‖₂
// ([Norm], Settings.Norm): ‖P H P⁻¹‖₂ < 1 on the box. Banach's theorem
// holds in any norm, and all norms on ℝ² are equivalent, so the conclusion
// is the same; this certifies targets where S ≥ 1 although the spectral
// radius ρ(H) is below 1.
//
// [Certify] is the one call for a target: it locates the fixed point of the
// constants, searches a box around it that g maps into itself (an outer
// iteration of the image) and a norm in which g contracts on it, and when
// no single box serves the (ω, τ) ranges asked, splits them into pieces,
// each certified with a box and a norm of its own (a piecewise
// certificate, [Certificate.Pieces]: a unique attracting fixed point for
// every (ω, τ), in the box of its piece, but no one box for all the
// weights), or shrinks the ranges; the certificate records the box, the
// norm and the search.
//
// Every bound printed from a certificate should be rounded outward:
// [FormatBound] and [FormatRange].
//
// # Method
//
// The moments μ̃, ν̃ and the entries of H depend on (μ, ω, ν, τ) only
// through m = μω and q = s² = ντ, and H = [[ω a, τ b], [ω c, τ d]] with
// a = ∂μ̃/∂m, b = ∂μ̃/∂q, c = ∂ν̃/∂m, d = ∂ν̃/∂q (docs/model.md §3). On each box
// the prover
//
//  1. evaluates μ̃, ν̃, a, b, c, d on the box of (m, q) in the erfcx form of
//     docs/model.md §2 (no overflow; the direct products e^{…}·erfc u where u < 0,
//     where the erfcx form would be 0·∞) with interval arithmetic (package selu/internal/interval: outward rounding, stated
//     error bounds for exp and erfc), carrying enclosures of their
//     derivatives in m and q (forward differentiation), and intersects the
//     direct enclosure with the mean-value form f(c) + ∇f(box)·(box − c),
//     whose overestimation shrinks quadratically with the box;
//  2. bounds S: S is a norm, hence convex in (a, b, c, d), and non-decreasing
//     in |ω| and τ, so its maximum over the box is at one of 16 vertices of
//     the enclosures with |ω| and τ at their largest (for a weighted norm
//     with a full P, at one of the 16 vertices times the 4 corners of
//     (ω, τ));
//  3. bounds μ̃ and ν̃ (and ν̃ − ν) by monotonicity where the derivative
//     enclosures have a sign (as in the paper's Lemma 13), evaluating on the
//     extreme edge or corner, and by the mean-value form elsewhere. The
//     image of Ω under (μω, ντ) is exactly the rectangle of the two ranges,
//     so the self-map is proved by a separate, 2-D subdivision of that
//     rectangle;
//  4. bisects a box where a condition is not yet proved, along the
//     coordinate with the largest estimated effect (width times derivative
//     bound).
//
// A condition is disproved, not merely unproved, when it fails at the centre
// of a box (S ≥ 1 there, or g leaves the range there); the prover then stops
// and says so. It also stops when the box budget (Settings.MaxBoxes) or the
// optional time budget is exhausted, or when a box can no longer be split,
// or at once when a value at a corner is not finite in float64 (no
// subdivision can help there), and reports the box and the bound at which it
// stopped. It never reports a certificate it has not proved. The boxes
// waiting for evaluation are held in memory, and a
// run stops as soon as more are queued than its budget can evaluate; a run
// that uses its whole budget peaks at about 350 bytes per box of it.
//
// Beyond proving the conditions, boxes are refined until the reported
// enclosures of μ̃, ν̃ (and of ν̃ − ν) lie within Settings.Tolerance of values
// attained at points, and the bound on S within
// Settings.SpectralTolerance of a value attained.
//
// # Determinism
//
// Boxes are processed level by level of a fixed bisection tree; each level
// is evaluated in parallel (Settings.Workers goroutines), but the decisions
// are taken in the order of the level, and the attained values that guide
// refinement are updated only between levels. The result (certified or
// not, every bound, the box count) is therefore the same for any number of
// workers; only the elapsed time varies, and with Settings.Timeout set,
// where the run stops.
//
// # What is assumed
//
// The proofs are as rigorous as the enclosures of exp and erfc, which rest
// on an assumed accuracy of Go's math.Exp (2 ulp) and math.Erfc (4 ulp),
// checked against mpmath and widened fourfold (see selu/internal/interval).
// λ and α are widened by one ulp, so the float64 nearest to a real constant
// certifies the real constant too. The model itself (z ~ N(μω, ντ)) is the
// paper's.
package verify // import "github.com/selu-tool/selu/verify"
