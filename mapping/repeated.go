package mapping

import "math"

// This file holds the scaled repeated integrals of erfc,
//
//	Fₖ(y) = exp(y²) iᵏerfc(y),   iᵏerfc(y) = ∫_y^∞ iᵏ⁻¹erfc(t) dt,
//
// (DLMF 7.18.2) with F₋₁ = 2/√π and F₀ = erfcx. They are the partial
// moments of the normal distribution: for W ~ N(0, 1) and t = √2 y,
//
//	E[(W − t)ᵏ 1{W > t}] = 2^{k/2} k!/2 · exp(−y²) Fₖ(y),
//
// and the Taylor coefficients of erfcx, erfcx(y + δ) = Σ (−2δ)ᵏ Fₖ(y)
// (from Fₖ' = −2(k+1) Fₖ₊₁). They satisfy (DLMF 7.18.7)
//
//	2k Fₖ = Fₖ₋₂ − 2y Fₖ₋₁.

// maxTerms bounds the number of series terms (and of Fₖ) used anywhere.
const maxTerms = 64

// repeatedErfc fills f[k] = Fₖ(y), k = 0, …, len(f)−1, for y ≥ 0, given
// f0 = erfcx(y). For y < 2 the forward recurrence is used: it loses at most
// a few ulp in F₁ and F₂ there, and the later terms are only ever used with
// geometrically decreasing weights. For y ≥ 2 the forward recurrence is
// unstable (Fₖ is its minimal solution), so the ratios Fₖ/Fₖ₋₁ are taken
// from the backward recurrence (Miller's algorithm, as the continued
// fraction rₖ = 1/(2y + 2(k+1) rₖ₊₁)), started deep enough that the
// dominant solution has decayed below 1e-17: the ratio of the two solutions
// behaves like exp(−2y√(2n)).
func repeatedErfc(f []float64, y, f0 float64) {
	f[0] = f0
	if len(f) == 1 {
		return
	}
	if y < 2 {
		prev := 2 / math.SqrtPi
		for k := 1; k < len(f); k++ {
			prev, f[k] = f[k-1], (prev-2*y*f[k-1])/float64(2*k)
		}
		return
	}
	n := len(f) + 10 + int(500/(y*y))
	if y >= 16 {
		// Starting at depth n changes r₁ by at most Π_{k≤n} 2(k+1)rₖrₖ₊₁
		// ≤ (n+1)!/(2y²)ⁿ relative (rₖ ≤ 1/(2y)): below 2e-18 for n ≥ 9
		// and 2y² ≥ 512, so six levels beyond len(f) are enough.
		n = len(f) + 6
	}
	ey := math.Float64bits(2*y) >> 52 // biased exponent of 2y ≥ 4
	if ey > 2000 {
		// 2y ≥ 2⁹⁷⁷ (or +Inf): Fₖ/Fₖ₋₁ = 1/(2y) to far below an ulp.
		for k := 1; k < len(f); k++ {
			f[k] = 0.5 / y
		}
	} else {
		// The continued fraction is carried as r = num/den, scaled at each
		// level by the power of two sc ≈ 1/(2y): with b = 2y·sc (exact),
		// r ← sc·den/(b·den + 2(k+1)sc·num). The chain of dependent steps
		// then has no division; the ratios are divided out only where they
		// are stored. Each level rounds three operations, as
		// 1/(2y + 2(k+1)r) does, and den grows only like F₀/((2y)ⁿFₙ).
		// Against mpmath (given F₀ exact) F₁ and F₂ stay within 4 and 6 ulp
		// for 2 ≤ y ≤ 1e7.
		sc := math.Float64frombits((2045 - ey) << 52)
		b := 2 * y * sc // in [0.5, 1)
		num, den := 0.0, 1.0
		for k := n; k >= len(f); k-- {
			num, den = sc*den, b*den+float64(2*(k+1))*sc*num
		}
		for k := len(f) - 1; k >= 1; k-- {
			num, den = sc*den, b*den+float64(2*(k+1))*sc*num
			f[k] = num / den
		}
	}
	for k := 1; k < len(f); k++ {
		f[k] *= f[k-1]
	}
}

// scaledTerms fills t[k] = cᵏ Fₖ(y), k = 0, …, len(t)−1, for y ≥ 0, given
// f0 = erfcx(y). For y ≥ 2 the terms are built from the ratios Fₖ/Fₖ₋₁ of
// repeatedErfc's backward recurrence, tₖ = c·(Fₖ/Fₖ₋₁)·tₖ₋₁, so that
// neither cᵏ nor Fₖ (≈ (2y)⁻ᵏ) is formed alone and nothing overflows or
// underflows before the terms themselves do; callers use |c| ≲ y.
func scaledTerms(t []float64, c, y, f0 float64) {
	if y < 2 {
		repeatedErfc(t, y, f0)
		p := 1.0
		for k := 1; k < len(t); k++ {
			p *= c
			t[k] *= p
		}
		return
	}
	t[0] = f0
	n := len(t) + 10 + int(500/(y*y))
	r := 0.0
	for k := n; k >= len(t); k-- {
		r = 1 / (2*y + float64(2*(k+1))*r)
	}
	for k := len(t) - 1; k >= 1; k-- {
		r = 1 / (2*y + float64(2*(k+1))*r)
		t[k] = c * r
	}
	for k := 1; k < len(t); k++ {
		t[k] *= t[k-1]
	}
}

// seriesNegBD returns B and D for m = 2h·u0 < 0 as the series
//
//	B = ½ Σ_{k≥1} tₖ,   D = ½ Σ_{k≥2} (2ᵏ−2) tₖ,   tₖ = (−2h)ᵏ iᵏerfc(u0),
//
// given p0 = erfc(u0) and e0 = exp(−u0²). The terms obey (from DLMF 7.18.7,
// iᵏerfc = (iᵏ⁻²erfc − 2u0 iᵏ⁻¹erfc)/(2k))
//
//	tₖ = (4h² tₖ₋₂ − 2|m| tₖ₋₁)/(2k),   t₀ = p0,  t₁ = −(2h e0/√π + |m| p0),
//
// which stays finite however large |u0| is (the unscaled iᵏerfc(u0) grow
// like (2|u0|)ᵏ/k!). For |m| ≤ ½ and h ≤ ¼ the ratio |tₖ₊₁/tₖ| is below
// 2/(k+1) and the sums converge after some 20 terms.
func seriesNegBD(h, m, p0, e0 float64) (b, d float64) {
	am := math.Abs(m)
	h4 := 4 * h * h
	prev, t := p0, -(2*h*e0/math.SqrtPi + am*p0)
	b = t
	p2 := 2.0 // 2ᵏ
	for k := 2; k < maxTerms; k++ {
		prev, t = t, (h4*prev-2*am*t)/float64(2*k)
		p2 *= 2
		td := (p2 - 2) * t
		b += t
		d += td
		if math.Abs(td) <= 1e-18*math.Abs(d) && math.Abs(t) <= 1e-18*math.Abs(b) {
			break
		}
	}
	return 0.5 * b, 0.5 * d
}

// termsFor returns how many terms a series Σ cᵏ Fₖ(y) with |c| = 4h needs
// for 1e-17 relative accuracy, estimated from the ratio Fₖ₊₁/Fₖ, which is
// at most about min(1/(2y), 0.7/√k).
func termsFor(h, y float64) int {
	rho := 4 * h * math.Min(0.5/math.Max(y, 1e-300), 0.75)
	if rho <= 0 {
		return 3
	}
	if rho >= 0.6 {
		return maxTerms
	}
	k := int(math.Ceil(39/-math.Log(rho))) + 3
	if k > maxTerms {
		k = maxTerms
	}
	return k
}
