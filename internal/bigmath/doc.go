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
// The results are correctly rounded in z's rounding mode (all six modes of
// big.Float). Each function has an internal evaluation whose relative
// error is bounded by 2^-w (the error analysis is in the code comments) at
// a working precision w that it chooses from the argument (for instance
// erfc(x) = 1 − erf(x) loses about x²·log2(e) bits to cancellation, which
// are added). Ziv's strategy then settles the
// rounding: w = p+12 bits first; if the error interval around the value
// contains a rounding boundary of precision p, the evaluation is repeated
// at p+64 bits and finally at p + max(192, x.Prec()+64) bits. The last
// attempt resolves the hard cases that come from arguments close to a
// special point (e^x for x the 8500-bit value of ln 2 is 2·(1 + 2^-8501·…)).
// Should even that be ambiguous (f(x) within about 2^-(x.Prec()+60) ulp of
// a boundary), the result is still within 1 ulp (faithful). Arguments so
// close to 0, or so large, that the value is within 2^-(p+3) of 1 or 2 are
// rounded directly. The Accuracy (z.Acc()) of a result is not meaningful,
// as for big.Float.Sqrt.
//
// Cost: a few µs to tens of µs at 64 to 256 bits, about a millisecond at
// 4096 bits, about 0.1 s at 34000 bits (10⁴ digits); Ziv's retries are
// rare (probability about 2^-9 for the second attempt) except at the hard
// cases above. Precision is not bounded below big.MaxPrec, but the cost
// grows faster than p².
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
// e.g. Exp(x) for x > 1.48e9 or Erfc(x) for x > 38580) it overflows to +Inf
// or underflows to +0, as big.Float arithmetic does.
//
// # Algorithms
//
// Sqrt: the integer square root r = ⌊√M⌋ of the mantissa scaled to
// M ≈ x·2^(2p+7) (Newton's iteration on big.Int from a recursive start,
// then r² ≤ M < (r+1)² checked exactly), rounded with a sticky bit; unlike
// big.Float.Sqrt, which just below 53·2^k bits is good to only about
// 52·2^k bits, it is correctly rounded at every precision.
//
// Constants: two independent sets (type Constants). Primary, which the
// package functions use: π by the Chudnovsky series, ln 2 (for the
// exponential) = 18·atanh(1/26) − 2·atanh(1/4801) + 8·atanh(1/8749).
// Secondary: π = 48·atan(1/49) + 128·atan(1/57) − 20·atan(1/239) +
// 48·atan(1/110443), ln 2 = 14·atanh(1/31) + 10·atanh(1/49) +
// 6·atanh(1/161). Every series is summed by binary splitting on big.Int;
// 1/√π follows from each set's π. A caller that evaluates twice, once with
// each set, and compares, also compares two computations of every
// constant. Each constant is cached race-free: the most precise value
// computed so far, published through an atomic pointer and never
// modified, with a mutex so that a missing precision is computed once
// (github.com/ALTree/bigfloat is not used: its π cache races).
//
// Exp: x = k·ln 2 + r, |r| ≤ ln2/2, then e^r = (e^{r/2^s})^{2^s} with
// s ≈ 1.5·p^(1/3) (two more for Secondary) and the Taylor series of
// e^{r/2^s} in fixed point (math/big.Int), summed by rectangular
// splitting: about 2√n full products for n terms, the rest products and
// divisions by single words.
//
// Erf and the series branch of Erfc/Erfcx use the series with positive terms
// (DLMF 7.6.2)
//
//	erf(x) = 2/√π · e^{-x²} · Σ_{n≥0} 2^n x^{2n+1} / (1·3·5···(2n+1)),
//
// in fixed point by rectangular splitting as well. Erfc and Erfcx for large
// positive x use the Laplace continued fraction (DLMF 7.9.2)
//
//	√π·e^{x²}·erfc(x) = 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ···)))))
//
// by the forward recurrence. Its coefficients are positive, so successive
// convergents bracket the value, and the number of terms is fixed in
// advance from a float64 run of the denominator recurrence that bounds the
// truncation error. The CF needs about 0.07·p²/x² terms, the series about
// e·x² + p/log2(p/x²) terms at p + x²·log2(e) bits; a cost model picks the
// cheaper (the CF from x ≈ 4.5 at 64 bits, 8.5 at 256 bits, 20 at 1024
// bits, 50 at 4096 bits). For x < 0, erfc(x) = 2 − erfc(|x|) and erfcx(x) =
// e^{x²} + 2/√π·|x|·Σ(...) (positive terms) or 2e^{x²} − erfcx(|x|).
//
// References: DLMF §7 (https://dlmf.nist.gov/7); the error functions enter
// the SELU fixed-point equations of Klambauer et al., "Self-Normalizing
// Neural Networks" (NeurIPS 2017), Eq. 4, 5 and appendix Eq. 11–13.
package bigmath // import "github.com/selu-tool/selu/internal/bigmath"
