package solver

import (
	"errors"
	"fmt"
	"math"
	"math/big"

	"github.com/selu-tool/selu/mapping"
)

// SolveLeCun returns the SELU constants that a network with random weights
// wᵢ ~ N(0, tau/n), drawn independently (LeCun-normal initialization for
// tau = 1, a gain G for tau = G²), keeps at the target t: the statistics
// pooled over units and samples follow the one-dimensional map of
// mapping.LeCunLayer, whose net input is z ~ N(0, τ(ν + μ²)), and t is its
// fixed point when
//
//	λ(A + αB) = μ*,   λ²(C + α²D) = ν* + μ*²,   (A, B, C, D at m = 0, s² = τ(ν* + μ*²)).
//
// These are Solve's equations for ω = 0 and the weight sum
// τ' = τ(ν* + μ*²)/ν*, which gives the same m = 0 and s² = ν*τ' exactly, so
// SolveLeCun calls Solve with those weights and inherits its correct
// rounding; the result then records the random-weight convention: Omega 0,
// Tau tau, Convention ConventionRandom, RandomWeights true, and the
// stability of the one-dimensional map (mapping.LeCunLayer.Stability; ρ is the map's slope). For μ* = 0 the
// constants are those of Solve with ω = 0, τ = tau. The options' Omega and
// Tau must be nil; tau nil means 1.
func SolveLeCun(t Target, tau *big.Rat, o *Options) (*Result, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	if tau == nil {
		tau = big.NewRat(1, 1)
	}
	if tau.Sign() <= 0 {
		return nil, fmt.Errorf("solver: τ = n·Var(wᵢ) must be > 0, got %s", ratString(tau))
	}
	var opt Options
	if o != nil {
		if o.Omega != nil || o.Tau != nil {
			return nil, errors.New("solver: SolveLeCun takes the weight scale as tau; Options.Omega and Options.Tau must be nil")
		}
		opt = *o
	}
	q := new(big.Rat).Mul(t.Mean, t.Mean)
	q.Add(q, t.Var)
	opt.Omega = new(big.Rat)
	opt.Tau = new(big.Rat).Quo(new(big.Rat).Mul(tau, q), t.Var)
	r, err := Solve(t, &opt)
	if err != nil {
		var ie *InfeasibleError
		if errors.As(err, &ie) {
			nu, _ := t.Var.Float64()
			tf, _ := tau.Float64()
			lo, hi := feasibleMeansLeCun(nu, tf)
			return nil, &InfeasibleError{Target: t, Omega: new(big.Rat), Tau: new(big.Rat).Set(tau), Lo: lo, Hi: hi,
				Reason: ie.Reason + ", under random weights N(0, τ/n)"}
		}
		return nil, err
	}
	r.Tau = new(big.Rat).Set(tau)
	r.RandomWeights = true
	tf, _ := tau.Float64()
	r.Weights = mapping.Weights{Omega: 0, Tau: tf}
	r.Convention = ConventionRandom
	mu, _ := t.Mean.Float64()
	nu, _ := t.Var.Float64()
	r.Stability = mapping.LeCunLayer{Constants: r.Constants, Tau: tf}.Stability(mu, nu)
	r.Verdict = r.Stability.Class()
	return r, nil
}

// feasibleMeansLeCun is mapping.FeasibleMeansLeCun, with ±Inf for a
// variance or scale it refuses (Solve has checked both before).
func feasibleMeansLeCun(nu, tau float64) (lo, hi float64) {
	lo, hi, err := mapping.FeasibleMeansLeCun(nu, tau)
	if err != nil {
		return math.Inf(-1), math.Inf(1)
	}
	return lo, hi
}

// feasibleMeansLeCun is Result.FeasibleMeans for a result of SolveLeCun.
func (r *Result) feasibleMeansLeCun() (lo, hi float64) {
	nu, _ := r.Target.Var.Float64()
	return feasibleMeansLeCun(nu, r.Weights.Tau)
}
