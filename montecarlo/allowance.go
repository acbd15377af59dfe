package montecarlo

import (
	"math"

	"github.com/selu-tool/selu/mapping"
)

// rowSpread describes how much the rows (samples) of a layer's input
// differ from one another: the variance across rows of the row means x̄_b
// and of the row variances s_b² (divisor k−1), and δν = E_b[s_b²] − ν, the
// gap between the mean row variance and the pooled variance ν.
type rowSpread struct {
	meanVar, varVar, dnu float64
}

// measuredSpread returns the spread of measured rows.
func measuredSpread(r rowMoments) rowSpread {
	return rowSpread{meanVar: r.meanVar, varVar: r.varVar, dnu: r.meanS2 - r.pooledVar}
}

// step carries the row spread through one layer (and the alpha dropout
// after it, if any) in the model of docs/montecarlo.md: the inherited part
// through the Jacobian F' of the step F = D∘g, which f returns with F(in)
// (rows keep their identity
// through the net), plus the fresh part from the n units of the output
// row, drawn given the row:
//
//	Var(x̄)' = (∂μ'/∂μ)² Var(x̄) + (∂μ'/∂ν)² Var(s²) + ν'/n
//	Var(s²)' = (∂ν'/∂μ)² Var(x̄) + (∂ν'/∂ν)² Var(s²) + (m₄' − ν'²)/n
//	δν' = ν'/n − Var(x̄)'        (pooled ν = E s²·(n−1)/n + Var(x̄))
//
// with (μ', ν') = F(in) and m₄' the fourth central moment of the output
// elements (SELU of a Gaussian net input, then dropout).
func (r rowSpread) step(f func(mapping.Point) (mapping.Point, [2][2]float64), in mapping.Point, m4 float64, n int) rowSpread {
	out, h := f(in)
	nf := float64(n)
	mv := h[0][0]*h[0][0]*r.meanVar + h[0][1]*h[0][1]*r.varVar + out.Var/nf
	vv := h[1][0]*h[1][0]*r.meanVar + h[1][1]*h[1][1]*r.varVar + max(m4-out.Var*out.Var, 0)/nf
	return rowSpread{meanVar: mv, varVar: vv, dnu: out.Var/nf - mv}
}

// allowance returns β = (β_μ, β_ν), the leading finite-width deviation of a
// layer's expected pooled mean and variance from g(in), for a layer with
// fan-in k whose input rows have spread r. The derivation is in
// docs/montecarlo.md ("Finite-width allowance"); in brief, given an input
// row x_b with mean x̄_b and variance s_b² (divisor k−1), an exact-weight
// unit's net input is z = ω x̄_b + c·(x_b − x̄_b) with c uniform on a sphere
// of radius² τ − ω²/k in the hyperplane Σc = 0, so that
//
//	E[z | x_b] = ω x̄_b,   Var[z | x_b] = (τ − ω²/k) s_b²,
//	excess kurtosis of z given x_b: κ = −6/(k+1).
//
// Three effects of order 1/k follow, each added with its sign:
//
//  1. rows differ: with g expanded to second order around the pooled input
//     (μ, ν),
//     β_μ += ½ ∂²μ̃/∂ν² Var(s²) + ½ ∂²μ̃/∂μ² Var(x̄),
//     β_ν += ½ ∂²ν̃/∂ν² Var(s²) + ½ ∂²ν̃/∂μ² Var(x̄)
//     + (∂μ̃/∂ν)² Var(s²) + (∂μ̃/∂μ)² Var(x̄)
//     (the last two: the row means of the output differ, which adds to the
//     pooled variance);
//  2. the mean row variance is not the pooled variance: with
//     δ = (ν + δν)(1 − ω²/(kτ)) − ν, β += (∂μ̃/∂ν, ∂ν̃/∂ν)·δ;
//  3. z is not Gaussian given the row (Edgeworth expansion; He₄ is the
//     probabilists' Hermite polynomial, DLMF 18.3):
//     ΔE f(z) = (κ/24) E[f(Z) He₄((Z−m)/s)], Z ~ N(m, s²),
//     for f = selu and selu², giving Δμ̃ and Δν̃ = Δξ̃ − 2μ̃Δμ̃.
//
// For LeCun and gain weights z given the row is exactly Gaussian, with a
// random per-unit ω and τ; only term 1 is used, with the derivatives of
// the random-weight map (mapping.LeCunLayer, docs/model.md §7) that the
// prediction of those networks follows.
func allowance(c *Config, layer layerMap, in mapping.Point, r rowSpread, k int) [2]float64 {
	f := func(mu, nu float64) (float64, float64) {
		m := layer.Moments(mu, nu)
		return m.Mean, m.Var
	}
	mu, nu := in.Mean, in.Var
	if !(nu > 0) {
		return [2]float64{math.Inf(1), math.Inf(1)}
	}
	// First derivatives from the analytic Jacobian H (Eq. 87), second
	// derivatives by central differences.
	mo, h := layer.jacobian(mapping.Point{Mean: mu, Var: nu})
	m0, v0 := mo.Mean, mo.Var
	dMdm, dMdv, dVdv := h[0][0], h[0][1], h[1][1]
	hv := 1e-3 * nu
	hm := 1e-3 * max(1, math.Abs(mu))
	mvp, vvp := f(mu, nu+hv)
	mvm, vvm := f(mu, nu-hv)
	mmp, vmp := f(mu+hm, nu)
	mmm, vmm := f(mu-hm, nu)
	d2Mdv, d2Vdv := (mvp-2*m0+mvm)/(hv*hv), (vvp-2*v0+vvm)/(hv*hv)
	d2Mdm, d2Vdm := (mmp-2*m0+mmm)/(hm*hm), (vmp-2*v0+vmm)/(hm*hm)

	bm := 0.5*d2Mdv*r.varVar + 0.5*d2Mdm*r.meanVar
	bv := 0.5*d2Vdv*r.varVar + 0.5*d2Vdm*r.meanVar + dMdv*dMdv*r.varVar + dMdm*dMdm*r.meanVar
	if c.Init.Kind != Exact {
		return [2]float64{bm, bv}
	}
	w := c.Weights
	kf := float64(k)
	dnu := (nu+r.dnu)*(1-w.Omega*w.Omega/(kf*w.Tau)) - nu
	bm += dMdv * dnu
	bv += dVdv * dnu

	kappa := -6 / (kf + 1)
	m, s := mu*w.Omega, math.Sqrt(nu*w.Tau)
	selu := seluFunc(c.Constants)
	e1 := gaussExpect(func(z, u float64) float64 { return selu(z) * he4(u) }, m, s)
	e2 := gaussExpect(func(z, u float64) float64 { y := selu(z); return y * y * he4(u) }, m, s)
	dm := kappa / 24 * e1
	dxi := kappa / 24 * e2
	bm += dm
	bv += dxi - 2*m0*dm
	return [2]float64{bm, bv}
}

// fourthMoment returns the fourth central moment of the elements after
// layer l and the dropout that follows it (if any), whose net input is
// Z ~ N(m, s²) with m = ωμ, s² = τν of the layer's input (μ, ν), or for
// random weights, pooled over units, m = 0, s² = τ(ν + μ²).
func fourthMoment(c *Config, in mapping.Point, drop bool, q, sat float64) float64 {
	m, s := c.layerMap().netInput(in.Mean, in.Var)
	selu := seluFunc(c.Constants)
	a, b := 1.0, 0.0
	if drop {
		a, b = c.DropoutA, c.DropoutB
	} else {
		q = 1
	}
	mean := gaussExpect(func(z, _ float64) float64 { return selu(z) }, m, s)
	my := a*(q*mean+(1-q)*sat) + b
	d := a*sat + b - my
	return q*gaussExpect(func(z, _ float64) float64 { e := a*selu(z) + b - my; e *= e; return e * e }, m, s) + (1-q)*d*d*d*d
}

func seluFunc(c mapping.Constants) func(float64) float64 {
	lam, la := c.Lambda, c.Lambda*c.Alpha
	return func(z float64) float64 {
		if z > 0 {
			return lam * z
		}
		return la * math.Expm1(z)
	}
}

// he4 is the probabilists' Hermite polynomial He₄(u) = u⁴ − 6u² + 3.
func he4(u float64) float64 { u2 := u * u; return u2*u2 - 6*u2 + 3 }

// gaussExpect returns E[h(Z, U)] with Z = m + sU, U ~ N(0, 1), by
// composite Simpson rules on U ∈ [−12, 12] split at the kink of selu
// (Z = 0). The truncated tails weigh below 1e-30 for the polynomially and
// exponentially growing h used here.
func gaussExpect(h func(z, u float64) float64, m, s float64) float64 {
	const lo, hi, steps = -12.0, 12.0, 2000
	g := func(u float64) float64 {
		return h(m+s*u, u) * math.Exp(-u*u/2) / math.Sqrt(2*math.Pi)
	}
	simpson := func(a, b float64) float64 {
		if b <= a {
			return 0
		}
		d := (b - a) / steps
		sum := g(a) + g(b)
		for i := 1; i < steps; i++ {
			w := 2.0
			if i%2 == 1 {
				w = 4
			}
			sum += w * g(a+float64(i)*d)
		}
		return sum * d / 3
	}
	kink := -m / s
	if kink <= lo || kink >= hi {
		return simpson(lo, hi)
	}
	return simpson(lo, kink) + simpson(kink, hi)
}
