package main

import (
	"fmt"
	"math"
	"math/big"
	"strconv"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/montecarlo"
	"github.com/selu-tool/selu/solver"
)

// The command's wording of the libraries' typed results: the weight
// convention, the stability verdict and the Monte Carlo agreement. Every
// sentence the command prints about them comes from here.

// conventionText names the weight convention of res.
func conventionText(res *solver.Result) string {
	switch res.Convention {
	case solver.ConventionPaper:
		return "normalized weights ω = 0, τ = 1 (the paper's)"
	case solver.ConventionNotebook:
		return "notebook ω = 1, τ = 1 (getSELUparameters.ipynb)"
	case solver.ConventionRandom:
		if res.Tau.Cmp(big.NewRat(1, 1)) == 0 {
			return "random weights wᵢ ~ N(0, 1/n) (LeCun-normal initialization)"
		}
		return "random weights wᵢ ~ N(0, τ/n), τ = " + ratText(res.Tau)
	}
	return "custom weights ω = " + ratText(res.Omega) + ", τ = " + ratText(res.Tau)
}

// verdictText says in plain words whether the fixed point of res is stable.
func verdictText(res *solver.Result) string {
	s := res.Stability
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }
	switch res.Verdict {
	case mapping.Unknown:
		return "stability unknown: the float64 layer map cannot be evaluated at these constants (λ or α beyond the float64 range)"
	case mapping.Contracting:
		return "stable: spectral radius ρ = " + g(s.SpectralRadius) + " < 1 and spectral norm S = " + g(s.SpectralNorm) + " < 1 (the layer map contracts towards the target)"
	case mapping.Stable:
		return "stable: spectral radius ρ = " + g(s.SpectralRadius) + " < 1, so the target attracts; the spectral norm S = " + g(s.SpectralNorm) + " ≥ 1, so single steps need not shrink distances"
	}
	v := "UNSTABLE: spectral radius ρ = " + g(s.SpectralRadius) + " ≥ 1, so a deep network with these constants drifts away from the target instead of converging to it"
	if res.Convention == solver.ConventionNotebook {
		v += "; the notebook convention ω = 1 gives such fixed points, use the default ω = 0, τ = 1 (normalized weights)"
	}
	return v
}

// mapStabilityText says what the spectral radius of the layer map at an
// arbitrary point (map) would mean for a fixed point there; known is false
// when float64 could not evaluate the map.
func mapStabilityText(known bool, rho float64) string {
	switch {
	case !known || math.IsNaN(rho) || math.IsInf(rho, 0):
		return "stability unknown: float64 cannot evaluate the map here"
	case rho < 1:
		return "ρ < 1: a fixed point here would attract"
	}
	return "ρ ≥ 1: a fixed point here would repel"
}

// agreementText is the one-line summary of a Monte Carlo run's last layer
// against the target.
func agreementText(a montecarlo.Agreement) string {
	word := "converged to"
	if !a.Converged {
		word = "did not converge to"
	}
	s := fmt.Sprintf("layer %d %s the target (%g, %g): mean %.6g (|Δ| %.3g, tolerance %.3g), var %.6g (|Δ| %.3g, tolerance %.3g)",
		a.Layer, word, a.Target.Mean, a.Target.Var, a.Mean, math.Abs(a.Mean-a.Target.Mean), a.MeanTol, a.Var, math.Abs(a.Var-a.Target.Var), a.VarTol)
	if a.Undecided != "" {
		s += "; " + a.Undecided
	}
	return s
}
