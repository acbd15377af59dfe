package mapping

import (
	"errors"
	"fmt"
	"math"
)

// ErrInfeasible is wrapped by the errors of Weights.Solve for a target that
// no SELU with λ > 0, α > 0 has as a fixed point.
var ErrInfeasible = errors.New("mapping: no SELU with lambda > 0, alpha > 0 has this fixed point")

// InfeasibleError describes a target (μ*, ν*) outside the feasible region
// at the weights ω, τ: the ratio h = μ*/√(ν*+μ*²) is not strictly between
// the bounds −|B|/√D and A/√C (docs/model.md §4). It wraps ErrInfeasible.
type InfeasibleError struct {
	Target       Point
	Weights      Weights
	Ratio        float64 // h = μ*/√(ν*+μ*²)
	Lower, Upper float64 // −|B|/√D (α → ∞) and A/√C (α → 0, the ReLU limit)
}

func (e *InfeasibleError) Error() string {
	side := "above the ReLU limit alpha -> 0"
	if e.Target.Mean < 0 {
		side = "below the limit alpha -> infinity, lambda -> 0"
	}
	return fmt.Sprintf("mapping: target mean %v, variance %v is infeasible at omega = %v, tau = %v: the mean is %s (mu/sqrt(var+mu^2) = %.10g must lie in (%.10g, %.10g))",
		e.Target.Mean, e.Target.Var, e.Weights.Omega, e.Weights.Tau, side, e.Ratio, e.Lower, e.Upper)
}

// Unwrap returns ErrInfeasible.
func (e *InfeasibleError) Unwrap() error { return ErrInfeasible }

// Solve returns the SELU constants λ > 0, α > 0 for which target = (μ*, ν*)
// is a fixed point of the layer map g at the weights w (Klambauer et al.
// 2017, Eq. 4, 5 with g(μ*, ν*) = (μ*, ν*); docs/model.md §4). With the
// Integrals A, B, C, D at m = μ*ω, s² = ν*τ, the two equations
// λ(A + αB) = μ* and λ²(C + α²D) = ν* + μ*² reduce to
//
//	α = −A/B                                                 if μ* = 0,
//	(B² − ρD)α² + 2ABα + (A² − ρC) = 0,  ρ = μ*²/(ν* + μ*²)   otherwise,
//	λ = √((ν* + μ*²)/(C + α²D)).
//
// The root with α > 0 and λ(A + αB) of the sign of μ* is taken in the
// form that does not cancel: with q = A|B| + √(ρ(A²D + C(B² − ρD))),
//
//	α = (A² − ρC)/q   for μ* > 0,    α = q/(B² − ρD)   for μ* < 0.
//
// It exists exactly when A² − ρC > 0 (μ* > 0) or B² − ρD > 0 (μ* < 0),
// that is when −|B|/√D < μ*/√(ν*+μ*²) < A/√C (Weights.Feasible); otherwise
// Solve returns an *InfeasibleError, which wraps ErrInfeasible.
//
// This is the float64 twin of the exact solver (package solver): away from
// the edges of the feasible region λ and α have relative errors of a few
// 1e-16 times the condition of the problem (about 1e-15 at the paper's
// target); at a relative distance δ from an edge α loses about log10(1/δ)
// more digits, since α → 0 or α → ∞ there. Invalid weights or targets (a
// mean that is not finite, a variance that is not finite and > 0) and net
// inputs whose integrals float64 cannot represent are errors as well.
func (w Weights) Solve(target Point) (Constants, error) {
	mu, nu := target.Mean, target.Var
	if err := w.checkTarget(mu, nu); err != nil {
		return Constants{}, err
	}
	in := NewIntegrals(mu*w.Omega, nu*w.Tau)
	A, B, C, D := in.A, in.B, in.C, in.D
	if !(A > 0 && C > 0 && B < 0 && D > 0) || math.IsInf(A, 0) || math.IsInf(C, 0) {
		return Constants{}, fmt.Errorf("mapping: target mean %v, variance %v at omega = %v, tau = %v: the net input N(%v, %v) has integrals A, B, C, D that float64 cannot represent (A = %v, B = %v, C = %v, D = %v)",
			mu, nu, w.Omega, w.Tau, mu*w.Omega, nu*w.Tau, A, B, C, D)
	}
	nm2 := nu + mu*mu // ν* + μ*², the target's second moment
	var alpha float64
	if mu == 0 {
		alpha = -A / B
	} else {
		rho := mu * mu / nm2
		a0 := A*A - rho*C // A² − ρC
		a2 := B*B - rho*D // B² − ρD
		if mu > 0 && !(a0 > 0) || mu < 0 && !(a2 > 0) {
			return Constants{}, w.infeasible(target, in)
		}
		q := -A*B + math.Sqrt(math.Max(0, rho*(A*A*D+C*a2)))
		if mu > 0 {
			alpha = a0 / q
		} else {
			alpha = q / a2
		}
	}
	lambda := math.Sqrt(nm2 / (C + alpha*alpha*D))
	if !(alpha > 0) || math.IsInf(alpha, 0) || !(lambda > 0) || math.IsInf(lambda, 0) {
		return Constants{}, w.infeasible(target, in)
	}
	return Constants{Lambda: lambda, Alpha: alpha}, nil
}

// checkTarget validates the weights and a target (μ*, ν*), including the
// net-input moments μ*ω and ν*τ and the second moment ν* + μ*².
func (w Weights) checkTarget(mu, nu float64) error {
	if err := w.Validate(); err != nil {
		return err
	}
	if math.IsNaN(mu) || math.IsInf(mu, 0) {
		return fmt.Errorf("mapping: target mean must be a finite number, got %v", mu)
	}
	if math.IsNaN(nu) || math.IsInf(nu, 0) || nu <= 0 {
		return fmt.Errorf("mapping: target variance must be a finite number > 0, got %v", nu)
	}
	m, s2 := mu*w.Omega, nu*w.Tau
	if math.IsInf(m, 0) || math.IsInf(s2, 0) || s2 == 0 || math.IsInf(nu+mu*mu, 0) {
		return fmt.Errorf("mapping: target mean %v, variance %v with omega = %v, tau = %v is out of float64 range (net input N(%v, %v), second moment %v)",
			mu, nu, w.Omega, w.Tau, m, s2, nu+mu*mu)
	}
	return nil
}

func (w Weights) infeasible(target Point, in Integrals) error {
	return &InfeasibleError{
		Target:  target,
		Weights: w,
		Ratio:   target.Mean / math.Sqrt(target.Var+target.Mean*target.Mean),
		Lower:   -math.Abs(in.B) / math.Sqrt(in.D),
		Upper:   in.A / math.Sqrt(in.C),
	}
}
