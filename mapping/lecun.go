package mapping

import (
	"errors"
	"fmt"
	"math"
)

// LeCunLayer is a SELU layer whose weights are drawn independently,
// wᵢ ~ N(0, τ/n), as LeCun-normal initialization does (τ = 1) and as a
// gain G does (τ = G²), instead of having the fixed row sums ω, τ of
// Layer. Every unit's weight sum Σwᵢ is then itself random, N(0, τ), and
// for a fixed input x the net input z = Σwᵢxᵢ is N(0, τ·Σxᵢ²/n): pooled
// over units and weight draws, z ~ N(0, τq) with q = ν + μ² the raw second
// moment of the input (docs/model.md §7). The pooled statistics of a deep
// network therefore follow the one-dimensional map
//
//	q ↦ q̃ = E selu(z)² = λ²(C + α²D),   μ̃ = E selu(z) = λ(A + αB),
//
// with the Integrals A, B, C, D at (m, s²) = (0, τq); the mean is forgotten
// in one step and only q is carried from layer to layer. At μ = 0 this is
// the paper's map with ω = 0 (Klambauer et al. 2017, Eq. 4, 5), so the
// constants of the two coincide for targets with μ* = 0; for μ* ≠ 0 the
// paper's constants assume every unit's Σwᵢ = 0 exactly, which random
// weights do not provide, and the target drifts away.
type LeCunLayer struct {
	Constants
	Tau float64 // τ = n·Var(wᵢ): 1 for LeCun-normal, G² for a gain G
}

// Validate reports whether l has valid constants and a usable τ.
func (l LeCunLayer) Validate() error {
	if err := l.Constants.Validate(); err != nil {
		return err
	}
	return validTau(l.Tau)
}

func validTau(tau float64) error {
	if !(tau > 0) || math.IsInf(tau, 0) {
		return fmt.Errorf("mapping: weight scale τ = %v: want finite and > 0", tau)
	}
	return nil
}

// Moments returns the pooled moments of the layer's output for inputs of
// mean mu and variance nu: z ~ N(0, τ(ν + μ²)) and the moments of selu(z)
// as in Layer.Moments. The result is NaN if l or the input is invalid
// (nu < 0 or not finite, or ν + μ² = 0).
func (l LeCunLayer) Moments(mu, nu float64) Moments {
	return l.layer().Moments(0, l.q(mu, nu))
}

// layer returns the paper's layer with ω = 0 and the given τ, whose map at
// (0, q) is l's map at any (μ, ν) with ν + μ² = q.
func (l LeCunLayer) layer() Layer {
	return Layer{Constants: l.Constants, Weights: Weights{Omega: 0, Tau: l.Tau}}
}

func (l LeCunLayer) q(mu, nu float64) float64 {
	if !(nu >= 0) || math.IsInf(mu, 0) || math.IsInf(nu, 0) || math.IsNaN(mu) {
		return math.NaN()
	}
	return nu + mu*mu
}

// Slope returns the slope of the one-dimensional map at q,
//
//	dq̃/dq = τ·∂E selu(z)²/∂s² = τλ²( ½ + α²(erfcx(√2·s) − ½erfcx(s/√2)) ),  s² = τq,
//
// from ∂C/∂s² = ½ and ∂D/∂s² = e^{2s²}erfc(√2 s) − ½e^{s²/2}erfc(s/√2) at
// m = 0 (differentiate the closed forms of docs/model.md §2; the terms in
// 1/s cancel). A fixed point q* attracts when Slope(q*) < 1. The two
// erfcx terms cancel for large s (their difference falls like s⁻³), so the
// relative error grows like s²·1e-16: about 1e-12 at s² = 1e4.
func (l LeCunLayer) Slope(q float64) float64 {
	if l.Validate() != nil || !(q > 0) || math.IsInf(q, 0) {
		return math.NaN()
	}
	s := math.Sqrt(l.Tau * q)
	dD := Erfcx(math.Sqrt2*s) - 0.5*Erfcx(s/math.Sqrt2)
	return l.Tau * l.Lambda * l.Lambda * (0.5 + l.Alpha*l.Alpha*dD)
}

// Orbit iterates l's map from start and classifies the orbit exactly as
// Layer.Orbit does (the net-input variance of a point is τ(ν + μ²)).
func (l LeCunLayer) Orbit(start Point, s *OrbitSettings) (OrbitResult, error) {
	if err := l.Validate(); err != nil {
		return OrbitResult{Point: start}, err
	}
	if q := l.q(start.Mean, start.Var); !(q > 0) {
		return OrbitResult{Point: start}, fmt.Errorf("mapping: start (%v, %v): want a finite mean and a finite variance ≥ 0, not both 0", start.Mean, start.Var)
	}
	return orbit(start, s, func(x Point) float64 { return l.Tau * (x.Var + x.Mean*x.Mean) }, func(x Point) Point {
		mo := l.Moments(x.Mean, x.Var)
		return Point{mo.Mean, mo.Var}
	}), nil
}

// meanSlope returns dμ̃/dq = τλ(∂A/∂s² + α∂B/∂s²) at s² = τq, with
// ∂A/∂s² = 1/(2s√(2π)) and ∂B/∂s² = ¼erfcx(s/√2) − 1/(2s√(2π)).
func (l LeCunLayer) meanSlope(q float64) float64 {
	s := math.Sqrt(l.Tau * q)
	k := 1 / (2 * s * math.Sqrt(2*math.Pi))
	return l.Tau * l.Lambda * (k + l.Alpha*(0.25*Erfcx(s/math.Sqrt2)-k))
}

// Stability returns the stability of l's map at (μ, ν) written in the
// coordinates (μ, ν) of Layer.Stability, so that the two conventions can be
// compared. The map depends on (μ, ν) only through q = ν + μ², so its
// Jacobian has rank one,
//
//	H = [ μ̃'·2μ            μ̃'          ]      μ̃' = dμ̃/dq, q̃' = Slope(q),
//	    [ (q̃' − 2μ̃μ̃')·2μ   q̃' − 2μ̃μ̃' ]
//
// with eigenvalues 0 and 2μμ̃' + q̃' − 2μ̃μ̃'; at a fixed point (μ̃ = μ) the
// spectral radius is the slope q̃'. The fields are NaN for invalid input.
func (l LeCunLayer) Stability(mu, nu float64) Stability {
	q := l.q(mu, nu)
	if l.Validate() != nil || !(q > 0) {
		nan := math.NaN()
		return Stability{H: [2][2]float64{{nan, nan}, {nan, nan}}, Eigenvalues: [2]complex128{complex(nan, 0), complex(nan, 0)}, SpectralNorm: nan, SpectralRadius: nan}
	}
	dm, dq := l.meanSlope(q), l.Slope(q)
	m := l.Moments(mu, nu).Mean
	dv := dq - 2*m*dm
	return NewStability([2][2]float64{{dm * 2 * mu, dm}, {dv * 2 * mu, dv}})
}

// SolveLeCun returns the constants λ > 0, α > 0 for which the target
// (μ*, ν*) is a fixed point of LeCunLayer's map with weight scale tau: with
// q* = ν* + μ*², s² = τq* and the Integrals at (0, s²),
//
//	λ(A + αB) = μ*,   λ²(C + α²D) = q*.
//
// These are the equations of the paper's reduction (docs/model.md §4) with
// ω = 0 and ν*τ replaced by τq*, so SolveLeCun returns Weights.Solve for
// ω = 0, τ' = τq*/ν*; a solution exists iff −|B|/√D < μ*/√q* < A/√C. For μ* = 0 the constants
// are those of the paper's convention ω = 0, τ = 1 (for tau = 1: λ01, α01).
// The result is float64 (a few ulp); package solver gives the correctly
// rounded decimals.
func SolveLeCun(target Point, tau float64) (Constants, error) {
	mu, nu := target.Mean, target.Var
	if err := validTau(tau); err != nil {
		return Constants{}, err
	}
	if !(nu > 0) || math.IsInf(nu, 0) || math.IsNaN(mu) || math.IsInf(mu, 0) {
		return Constants{}, fmt.Errorf("mapping: target (%v, %v): want a finite mean and a finite variance > 0", mu, nu)
	}
	// The paper's map with ω = 0 and τ' = τq*/ν* has the same net input
	// N(0, ν*τ') = N(0, τq*) at the target and the same equations.
	q := nu + mu*mu
	c, err := (Weights{Omega: 0, Tau: tau * q / nu}).Solve(target)
	if err != nil {
		if ie, ok := errors.AsType[*InfeasibleError](err); ok {
			return Constants{}, fmt.Errorf("%w under random weights: μ*/√(ν*+μ*²) = %.6g outside (%.6g, %.6g) at τ = %g", ErrInfeasible, ie.Ratio, ie.Lower, ie.Upper, tau)
		}
		return Constants{}, err
	}
	return c, nil
}

// FeasibleMeansLeCun returns the edges of the target means that a SELU
// keeps under random weights wᵢ ~ N(0, τ/n) (SolveLeCun) for the variance
// ν*: (μ*, ν*) is feasible for every μ* in (lo, hi) and no other. With
// t = μ*/√q, q = ν* + μ*², the condition is −|B|/√D < t < A/√C at m = 0,
// s² = τq (Weights.Feasible with ω = 0, τ' = τq/ν*). At m = 0, A/√C = 1/√π
// for every s, so hi = √(ν*/(π−1)) as for the paper's weights; the lower
// bound depends on s, and lo is found by scanning t from 0 towards −1 in
// 2000 steps and bisecting the first crossing (about 12 significant
// digits); lo = −Inf when there is none. It returns an error for a
// variance or scale that is not a finite number > 0.
func FeasibleMeansLeCun(nu, tau float64) (lo, hi float64, err error) {
	if err := validTau(tau); err != nil {
		return 0, 0, err
	}
	if !(nu > 0) || math.IsInf(nu, 0) {
		return 0, 0, fmt.Errorf("mapping: variance must be a finite number > 0, got %v", nu)
	}
	hi = math.Sqrt(nu / (math.Pi - 1))
	mean := func(t float64) float64 { return t * math.Sqrt(nu) / math.Sqrt(1-t*t) }
	ok := func(t float64) bool {
		f, _ := Weights{Omega: 0, Tau: tau / (1 - t*t)}.Feasible(Point{Mean: mean(t), Var: nu})
		return f
	}
	const n = 2000
	prev := 0.0
	for k := 1; k < n; k++ {
		t := -float64(k) / n
		if ok(t) {
			prev = t
			continue
		}
		a, b := prev, t // ok(a), !ok(b)
		for range 60 {
			m := 0.5 * (a + b)
			if ok(m) {
				a = m
			} else {
				b = m
			}
		}
		return mean(0.5 * (a + b)), hi, nil
	}
	return math.Inf(-1), hi, nil
}
