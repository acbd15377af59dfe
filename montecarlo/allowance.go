package montecarlo

import (
	"math"

	"selu/mapping"
)

// allowance returns β = (β_μ, β_ν), the leading finite-width deviation of a
// layer's expected pooled mean and variance from g(in), for a layer with
// fan-in k whose input rows have the measured spread r. The derivation is
// in docs/montecarlo.md ("Finite-width allowance"); in brief, given an input
// row x_b with mean x̄_b and variance s_b² (divisor k−1), an exact-weight
// unit's net input is z = ω x̄_b + c·(x_b − x̄_b) with c uniform on a sphere
// of radius² τ − ω²/k in the hyperplane Σc = 0, so that
//
//	E[z | x_b] = ω x̄_b,   Var[z | x_b] = (τ − ω²/k) s_b²,
//	excess kurtosis of z given x_b: κ = −6/(k+1).
//
// Three effects of order 1/k follow, each added with its sign:
//
//  1. rows differ: with f = g(μ, ν) expanded to second order around the
//     pooled input (μ, ν),
//     β_μ += ½ ∂²μ̃/∂ν² Var_b(s_b²) + ½ ∂²μ̃/∂μ² Var_b(x̄_b),
//     β_ν += ½ ∂²ν̃/∂ν² Var_b(s_b²) + ½ ∂²ν̃/∂μ² Var_b(x̄_b)
//     + (∂μ̃/∂ν)² Var_b(s_b²) + (∂μ̃/∂μ)² Var_b(x̄_b)
//     (the last two are the variance of the row means of the output);
//  2. the mean row variance is not the pooled variance: with
//     δν = E_b[s_b²](1 − ω²/(kτ)) − ν, β += (∂μ̃/∂ν, ∂ν̃/∂ν)·δν;
//  3. z is not Gaussian given the row (Edgeworth, DLMF 18.7.19 for He₄):
//     ΔE f(z) = (κ/24) E[f(Z) He₄((Z−m)/s)], Z ~ N(m, s²),
//     for f = selu and selu², giving Δμ̃ and Δν̃ = Δξ̃ − 2μ̃Δμ̃.
//
// For LeCun and gain weights z given the row is exactly Gaussian with a
// random per-unit ω and τ; only term 1 is used, and the deviation of those
// networks from the map (SPEC.md §7) is not covered by the allowance.
func allowance(c *Config, layer mapping.Layer, in mapping.Point, r rowMoments, k int) [2]float64 {
	f := func(mu, nu float64) (float64, float64) {
		m := layer.Moments(mu, nu)
		return m.Mean, m.Var
	}
	mu, nu := in.Mean, in.Var
	if !(nu > 0) {
		return [2]float64{math.Inf(1), math.Inf(1)}
	}
	// First and second derivatives by central differences.
	hv := 1e-3 * nu
	hm := 1e-3 * max(1, math.Abs(mu))
	m0, v0 := f(mu, nu)
	mvp, vvp := f(mu, nu+hv)
	mvm, vvm := f(mu, nu-hv)
	mmp, vmp := f(mu+hm, nu)
	mmm, vmm := f(mu-hm, nu)
	dMdv, dVdv := (mvp-mvm)/(2*hv), (vvp-vvm)/(2*hv)
	dMdm := (mmp - mmm) / (2 * hm)
	d2Mdv, d2Vdv := (mvp-2*m0+mvm)/(hv*hv), (vvp-2*v0+vvm)/(hv*hv)
	d2Mdm, d2Vdm := (mmp-2*m0+mmm)/(hm*hm), (vmp-2*v0+vmm)/(hm*hm)

	bm := 0.5*d2Mdv*r.varVar + 0.5*d2Mdm*r.meanVar
	bv := 0.5*d2Vdv*r.varVar + 0.5*d2Vdm*r.meanVar + dMdv*dMdv*r.varVar + dMdm*dMdm*r.meanVar
	if c.Init.Kind != Exact {
		return [2]float64{bm, bv}
	}
	w := c.Weights
	kf := float64(k)
	dnu := r.meanS2*(1-w.Omega*w.Omega/(kf*w.Tau)) - r.pooledVar
	bm += dMdv * dnu
	bv += dVdv * dnu

	kappa := -6 / (kf + 1)
	m, s := mu*w.Omega, math.Sqrt(nu*w.Tau)
	lam, la := c.Constants.Lambda, c.Constants.Lambda*c.Constants.Alpha
	selu := func(z float64) float64 {
		if z > 0 {
			return lam * z
		}
		return la * math.Expm1(z)
	}
	e1 := gaussHe4(func(z float64) float64 { return selu(z) }, m, s)
	e2 := gaussHe4(func(z float64) float64 { y := selu(z); return y * y }, m, s)
	dm := kappa / 24 * e1
	dxi := kappa / 24 * e2
	bm += dm
	bv += dxi - 2*m0*dm
	return [2]float64{bm, bv}
}

// gaussHe4 returns E[f(Z) He₄(U)] with Z = m + sU, U ~ N(0, 1) and
// He₄(u) = u⁴ − 6u² + 3, by composite Simpson rules on [−12, 12] split at
// the kink of selu (z = 0). The truncated tails weigh below 1e-30.
func gaussHe4(f func(float64) float64, m, s float64) float64 {
	const lo, hi, steps = -12.0, 12.0, 2000
	g := func(u float64) float64 {
		u2 := u * u
		return f(m+s*u) * (u2*u2 - 6*u2 + 3) * math.Exp(-u2/2) / math.Sqrt(2*math.Pi)
	}
	simpson := func(a, b float64) float64 {
		if b <= a {
			return 0
		}
		h := (b - a) / steps
		sum := g(a) + g(b)
		for i := 1; i < steps; i++ {
			w := 2.0
			if i%2 == 1 {
				w = 4
			}
			sum += w * g(a+float64(i)*h)
		}
		return sum * h / 3
	}
	kink := -m / s
	if kink <= lo || kink >= hi {
		return simpson(lo, hi)
	}
	return simpson(lo, kink) + simpson(kink, hi)
}
