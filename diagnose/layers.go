package diagnose

import "math"

// LayersToWithin returns the number of layers after which a deviation from
// a fixed point whose Jacobian has spectral radius rho has shrunk to the
// fraction frac of its initial size, in the linear approximation: the
// smallest integer k ≥ 1 with rho^k ≤ frac,
//
//	k = ⌈ln(frac) / ln(rho)⌉
//
// (evaluated with a relative slack of 1e-12 against rounding).
//
// A start at relative distance 1 from the fixed point (along the slowest
// direction) is within 1% of it after LayersToWithin(ρ, 0.01) layers; closer
// starts need fewer, and starts far away can need more, since the
// linearization holds only near the fixed point.
//
// LayersToWithin returns 1 if rho = 0, and −1 if rho ≥ 1 (the deviation never
// shrinks). A count above math.MaxInt (possible only where int has 32 bits)
// is returned as math.MaxInt. It panics if frac is not in (0, 1) or rho is negative or NaN.
func LayersToWithin(rho, frac float64) int {
	if !(frac > 0 && frac < 1) {
		panic("diagnose: LayersToWithin fraction must be in (0, 1)")
	}
	if !(rho >= 0) {
		panic("diagnose: LayersToWithin spectral radius must be >= 0")
	}
	if rho >= 1 {
		return -1
	}
	if rho == 0 {
		return 1
	}
	// The relative slack absorbs rounding in the logarithms, so that for
	// example ρ = 0.1 gives 2 although 0.1² rounds above 0.01.
	k := math.Ceil(math.Log(frac) / math.Log(rho) * (1 - 1e-12))
	if k >= math.MaxInt {
		return math.MaxInt
	}
	return max(int(k), 1)
}
