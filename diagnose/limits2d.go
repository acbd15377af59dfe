package diagnose

import (
	"math"

	"github.com/selu-tool/selu/mapping"
)

// CurveLimit is the limit of one branch of the mean curve of a layer with
// ω ≠ 0 (the solutions m = μω of the mean equation m = ω·μ̃ at a fixed
// net-input variance s² = ντ) as s → 0 or s → ∞, and the limit of the
// variance ratio ν̃/ν along it. With z ~ N(m, s²) and w ~ N(0, 1) the
// moments become homogeneous in (m, s) at both ends (docs/diagnose.md,
// "ω ≠ 0: the limits"):
//
//	s → 0, m/s → T:  μ̃ = λs·A₀(T), ν̃ = λ²s²·B₀(T), A₀, B₀ the mean and
//	                 variance of (T+w)·k(T+w), k = 1 above 0 and α below;
//	                 T solves T = ωλA₀(T) and ν̃/ν → τλ²B₀(T);
//	s → 0, m → M≠0:  M = ω·selu(M) (M < 0: M = ωλα(e^M − 1)) and
//	                 ν̃/ν → τ·selu'(M)² = τλ²α²e^{2M};
//	s → ∞, m/s → T:  μ̃ = λs·A∞(T), ν̃ = λ²s²·B∞(T), the mean and variance
//	                 of (T+w)⁺; T solves T = ωλA∞(T) and ν̃/ν → τλ²B∞(T).
type CurveLimit struct {
	// Scaled reports that the net-input mean scales with s along the
	// branch (T is its limit m/s); otherwise it tends to M ≠ 0.
	Scaled bool
	T, M   float64
	// Ratio is the limit of ν̃/ν along the branch; a fixed point lies
	// beyond the scan only where it is 1.
	Ratio float64
}

// CurveLimits are the branches of the mean curve at the two ends of the
// scan, as s → 0 and s → ∞ (ω ≠ 0).
type CurveLimits struct {
	AtZero, AtInf []CurveLimit
	// MinNetVar and MaxNetVar are the net-input variances s² = ντ between
	// which the mean curve was scanned: 1e-300 and 1e300.
	MinNetVar, MaxNetVar float64
}

// curveLimits reads the limits off the roots of the mean equation at the
// ends of the scan, s² = 1e-300 and 1e300, where the corrections to the
// homogeneous limits are O(s) = 1e-150 and O(1/s) relative.
func curveLimits(low, high []curveRoot, slo, shi float64) CurveLimits {
	c := CurveLimits{MinNetVar: slo * slo, MaxNetVar: shi * shi}
	for _, r := range low {
		if math.Abs(r.m) <= 1e6*slo {
			c.AtZero = append(c.AtZero, CurveLimit{Scaled: true, T: r.m / slo, Ratio: math.Exp(r.q)})
		} else {
			c.AtZero = append(c.AtZero, CurveLimit{M: r.m, Ratio: math.Exp(r.q)})
		}
	}
	for _, r := range high {
		c.AtInf = append(c.AtInf, CurveLimit{Scaled: true, T: r.m / shi, Ratio: math.Exp(r.q)})
	}
	return c
}

// homogeneous evaluates the limits of μ̃/(λs) and ν̃/(λ²s²) at m = T·s as
// s → 0 (atInf false: A₀, B₀) or s → ∞ (A∞, B∞), by the map itself at
// s = 1e-100 or 1e100, where they agree with the limits to about 1e-100.
func homogeneous(u mapping.Layer, t float64, atInf bool) (a, b float64) {
	s := 1e-100
	if atInf {
		s = 1e100
	}
	mo := u.Moments(t*s, s*s)
	return mo.Mean / (u.Lambda * s), mo.Var / (u.Lambda * u.Lambda * s * s)
}

// endDrift decides, from the homogeneous limits, whether the iteration of
// g collapses from some starts near ν = 0 or blows up from some starts
// near ν = ∞ (ω ≠ 0). Near an end the direction t = m/s of the net input
// follows the one-dimensional map
//
//	t ← h(t) = ω·A(t)/√(τ·B(t))
//
// while s² is multiplied by τλ²B(t) per layer. An attracting fixed point
// t* of h with τλ²B(t*) < 1 at 0 makes the variance collapse from the
// starts near it; one with τλ²B(t*) > 1 at ∞ makes it blow up. When |t|
// grows instead, the mean dominates: at 0 the mean follows m ← ω·selu(m)
// with s² multiplied by τ·selu'(m)², so an attracting fixed point M ≠ 0
// of that map with τλ²α²e^{2M} < 1 collapses; at ∞ a mean with ωλ > 1
// grows without bound from large positive starts (ω > 0).
func endDrift(l mapping.Layer) (collapse, explode bool) {
	u := l
	u.Omega, u.Tau = 1, 1
	om, tau, lam, al := l.Omega, l.Tau, l.Lambda, l.Alpha
	sq := math.Sqrt(tau)
	for _, atInf := range []bool{false, true} {
		h := func(t float64) (float64, float64) {
			a, b := homogeneous(u, t, atInf)
			return om * a / (sq * math.Sqrt(b)), tau * lam * lam * b
		}
		for _, t0 := range []float64{-10, -1, 0, 1, 10} {
			t := t0
			for range 2000 {
				tn, _ := h(t)
				if math.IsNaN(tn) || math.Abs(tn) > 1e8 {
					break
				}
				if math.Abs(tn-t) <= 1e-13*(1+math.Abs(t)) {
					// Attracting fixed point of h reached by iteration.
					if _, g := h(tn); !atInf && g < 1 {
						collapse = true
					} else if atInf && g > 1 {
						explode = true
					}
					break
				}
				t = tn
			}
		}
	}
	// The mean-dominated ends.
	if om > 0 && om*lam > 1 {
		explode = true
	}
	if om > 0 && om*lam*al > 1 {
		// M < 0 with M = ωλα(e^M − 1): the map M ← ωλα(e^M − 1) has slope
		// ωλαe^M there; attracting when below 1.
		lo, hi := -om*lam*al, -1e-300
		f := func(m float64) float64 { return om*lam*al*math.Expm1(m) - m }
		if f(lo) > 0 && f(hi) < 0 {
			for range 200 {
				mid := lo + (hi-lo)/2
				if mid <= lo || mid >= hi {
					break
				}
				if f(mid) > 0 {
					lo = mid
				} else {
					hi = mid
				}
			}
			m := lo
			if om*lam*al*math.Exp(m) < 1 && tau*lam*lam*al*al*math.Exp(2*m) < 1 {
				collapse = true
			}
		}
	}
	return collapse, explode
}
