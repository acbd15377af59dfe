// Package interval implements interval arithmetic over float64 with outward
// rounding, and enclosures of exp, erfc and erfcx, for the certificates of
// package verify.
//
// An [I] is a closed interval [Lo, Hi] of real numbers. Every operation
// returns an interval that contains the exact real result of the operation
// applied to every pair of real points of its arguments: this is the
// inclusion property on which the certificates rest.
//
// # Rounding
//
// The basic operations +, −, ×, ÷ and √ of IEEE 754 binary64 are correctly
// rounded (round to nearest), so the exact result lies within half an ulp of
// the computed one. Each computed bound is therefore moved one float64
// outwards (to the next float64 towards −∞ for Lo, +∞ for Hi), which encloses the
// exact result without changing the rounding mode. Products with a zero and
// an infinite bound count as zero; a NaN bound becomes −∞ or +∞.
//
// # Elementary functions: what is assumed, and how it is checked
//
// Go's math.Exp and math.Erfc are not correctly rounded, and their sources
// promise little: exp.go states "< 1 ulp" for the portable version, but on
// amd64 math.Exp is assembly derived from Shibata's SLEEF with no stated
// bound (and it returns +Inf from x ≈ 709.436 on, below the true overflow
// threshold 709.78); erf.go states only the errors of its rational
// approximations. The enclosures therefore assume, for a normal result y,
//
//	|math.Exp(x) − eˣ|     ≤ ExpAssumedULP  = 2 ulp(y)
//	|math.Erfc(x) − erfc x| ≤ ErfcAssumedULP = 5 ulp(y)   (x ≤ 26)
//
// and widen every endpoint evaluation by four times that, [ExpULP] = 8 and
// [ErfcULP] = 20 ulps. Results below 2⁻¹⁰⁰⁰ (where ulps lose their meaning
// in the subnormal range) are widened to [0, 2⁻⁹⁹⁹] instead; for x > 26 the
// enclosure of erfc(x) is [0, 10⁻²⁹⁵] (erfc(26) = 5.66·10⁻²⁹⁶); where
// math.Exp returns +Inf early, monotonicity gives eˣ > e^{709.4}.
//
// The assumption is checked, not proved: reference_test.go compares math.Exp
// and math.Erfc with mpmath at 60 digits on about 5000 points
// (testdata/reference.py regenerates the data, at any size) and fails if an
// error exceeds the assumed bound or an enclosure misses the mpmath value.
// On linux/amd64 with Go 1.26 the largest errors measured on 422 000 points
// (reference.py 130000) were 1.60 ulp for math.Exp (near x = −3.86) and
// 3.67 ulp for math.Erfc (near x = 0.84, where erf.go computes
// 0.5 + ((0.5 − x) − x·R), with cancellation). A port to
// another architecture must rerun that test, since math.Exp is assembly on
// some.
//
// erfcx(x) = e^{x²} erfc x (DLMF 7.2.3) has no Go implementation. [Erfcx]
// encloses it by
//
//   - for x < 10: e^{x²} erfc x, with x² = h + l split exactly by a fused
//     multiply-add, e^{x²} enclosed as e^h·[1+l, 1+l+l²], and both factors
//     widened as above;
//   - for x ≥ 10: Laplace's continued fraction (DLMF 7.9.2)
//     √π erfcx x = 1/(x + ½/(x + 1/(x + (3/2)/(x + 2/(x + …))))), whose tails
//     are all ≥ x because the partial numerators k/2 are positive, evaluated
//     to depth 60 from the tail enclosure [x, +∞) in interval arithmetic.
//     This enclosure is a theorem, not an assumption.
//
// Interval versions of monotone functions evaluate the endpoint enclosures:
// exp is increasing, erfc and erfcx are decreasing on ℝ (DLMF 7.8.2).
package interval // import "github.com/selu-tool/selu/internal/interval"
