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

// feasibleMeansLeCun returns the means μ* for which a SELU keeps (μ*, nu)
// under random weights of scale tau, in float64: μ*/√q ∈ (−|B|/√D, A/√C)
// at s² = τq, q = ν* + μ*². At m = 0, A/√C = 1/√π for every s, so the
// upper edge is √(ν*/(π−1)) as for ω = 0; the lower one depends on s and
// is found by scanning t = μ*/√q from 0 towards −1 (2000 steps) and
// bisecting the first crossing (about 12 significant digits). −Inf means
// no crossing was found.
func feasibleMeansLeCun(nu, tau float64) (lo, hi float64) {
	hi = math.Sqrt(nu / (math.Pi - 1))
	mean := func(t float64) float64 { return t * math.Sqrt(nu) / math.Sqrt(1-t*t) }
	ok := func(t float64) bool {
		in := mapping.NewIntegrals(0, tau*nu/(1-t*t))
		return t > in.B/math.Sqrt(in.D)
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
		return mean(0.5 * (a + b)), hi
	}
	return math.Inf(-1), hi
}

// feasibleMeansLeCun is Result.FeasibleMeans for a result of SolveLeCun.
func (r *Result) feasibleMeansLeCun() (lo, hi float64) {
	nu, _ := r.Target.Var.Float64()
	return feasibleMeansLeCun(nu, r.Weights.Tau)
}
