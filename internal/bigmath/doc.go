// Package bigmath computes π, the exponential, the error functions erf, erfc
// and the scaled complementary error function erfcx = e^{x²}·erfc(x), and the
// square root, on math/big.Float values at any precision.
//
// # Precision rule
//
// The functions follow the convention of math/big: the result is stored in the
// receiver-like first argument z and returned.
//
//	Exp(z, x), Erf(z, x), Erfc(z, x), Erfcx(z, x), Sqrt(z, x)
//
// round the result to z's precision and rounding mode. If z's precision is 0,
// it is changed to x's precision first; if that is 0 as well (x is the zero
// value of big.Float), 64 bits are used, as big.Float.SetInt64 does. z may be
// the same variable as x. Pi(prec) returns a new value with precision prec
// (64 if prec is 0).
//
// # Accuracy
//
// Every function evaluates its result with a relative error below 2^-(p+4)
// at the target precision p, choosing its working precision from the size of
// the argument (for instance erfc(x) = 1 − erf(x) loses about x²·log2(e) bits
// to cancellation, which are added), and then rounds once. With the
// round-to-nearest modes the result is therefore within 1 ulp of the exact
// value (faithful, and nearly always correctly rounded); with the directed
// modes it is within 1 + 2^-4 ulp. Pi and Sqrt are correctly rounded in the
// tested cases. The Accuracy (z.Acc()) of a result is not meaningful, as for
// big.Float.Sqrt.
//
// # Special values
//
// big.Float has no NaN. The values at zero and at the infinities are the
// limits and are exact:
//
//	Exp(±0) = 1,  Exp(+Inf) = +Inf,  Exp(-Inf) = +0
//	Erf(±0) = ±0, Erf(±Inf) = ±1
//	Erfc(±0) = 1, Erfc(+Inf) = +0,   Erfc(-Inf) = 2
//	Erfcx(±0) = 1, Erfcx(+Inf) = +0, Erfcx(-Inf) = +Inf
//	Sqrt(±0) = ±0, Sqrt(+Inf) = +Inf
//
// Sqrt panics with big.ErrNaN for a negative argument, as big.Float.Sqrt does.
// When a finite result lies outside big.Float's exponent range (|log2| > 2³¹,
// e.g. Exp(x) for x > 1.48e9 or Erfc(x) for x > 38000) it overflows to +Inf or
// underflows to +0, as big.Float arithmetic does.
//
// # Algorithms
//
// π: Chudnovsky series by binary splitting. ln 2 (for the exponential):
// ln 2 = 18·atanh(1/26) − 2·atanh(1/4801) + 8·atanh(1/8749) by binary
// splitting. Both are cached race-free (the largest value computed so far,
// behind a mutex and an atomic pointer; read-only afterwards).
//
// Exp: x = k·ln 2 + r, |r| ≤ ln2/2, then e^r = (e^{r/2^s})^{2^s} with the
// Taylor series evaluated in fixed point (math/big.Int) and s ≈ √p squarings.
//
// Erf and the series branch of Erfc/Erfcx use the series with positive terms
// (DLMF 7.6.2)
//
//	erf(x) = 2/√π · e^{-x²} · Σ_{n≥0} 2^n x^{2n+1} / (1·3·5···(2n+1)),
//
// again in fixed point. Erfc and Erfcx for large positive x use the Laplace
// continued fraction (DLMF 7.9.2)
//
//	√π·e^{x²}·erfc(x) = 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ···)))))
//
// evaluated by the forward recurrence. Its coefficients are positive, so
// successive convergents bracket the value and the number of terms is fixed
// in advance from a float64 run of the denominator recurrence that bounds the
// truncation error. The cheaper branch is chosen from a cost estimate.
// For x < 0, erfc(x) = 1 + erf(|x|) and erfcx(x) = e^{x²} + 2/√π·|x|·Σ(...)
// have no cancellation.
//
// References: DLMF §7 (https://dlmf.nist.gov/7); the error functions enter
// the SELU fixed-point equations of Klambauer et al., "Self-Normalizing
// Neural Networks" (NeurIPS 2017), Eq. 4, 5 and appendix Eq. 11–13.
package bigmath // import "selu/internal/bigmath"
