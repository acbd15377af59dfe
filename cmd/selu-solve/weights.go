package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/big"
	"runtime/debug"
	"strings"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/solver"
)

// weightsUsage is the help of the --weights flag of solve and report.
const weightsUsage = "weight initialization the constants are for: exact (every unit's row has Σw = ω, Σw² = τ exactly; the paper's convention), lecun (random N(0, 1/n) weights, what frameworks draw), or gain=G for random N(0, G²/n) weights"

// weightsChoice is a parsed --weights value.
type weightsChoice struct {
	random bool
	tau    *big.Rat // for random weights: τ = G² (1 for lecun)
}

// parseWeights parses --weights: "exact", "lecun" or "gain=G" with G an
// exact decimal > 0.
func parseWeights(s string) (weightsChoice, error) {
	switch s = strings.TrimSpace(s); {
	case s == "exact" || s == "":
		return weightsChoice{}, nil
	case s == "lecun":
		return weightsChoice{random: true, tau: big.NewRat(1, 1)}, nil
	case strings.HasPrefix(s, "gain="):
		g, err := solver.ParseDecimal(strings.TrimPrefix(s, "gain="))
		if err != nil || g.Sign() <= 0 {
			why := ""
			if err != nil {
				why = " (" + strings.TrimPrefix(err.Error(), "solver: ") + ")"
			}
			return weightsChoice{}, badInput("--weights %s: want gain=G with G a decimal number > 0%s", shorten(s), why)
		}
		return weightsChoice{random: true, tau: new(big.Rat).Mul(g, g)}, nil
	}
	return weightsChoice{}, badInput("--weights %q: want exact, lecun or gain=G", shorten(s))
}

// shorten quotes at most 40 characters of what the user typed.
func shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:37]) + "…"
	}
	return s
}

// solveWeights solves the target for the chosen weights: solver.Solve with
// ω, τ for exact rows, solver.SolveLeCun for random weights (which draw Σw
// at random, so --omega and --tau do not apply: omegaTauSet reports whether
// either was given).
func solveWeights(t solver.Target, om, ta *big.Rat, w weightsChoice, omegaTauSet bool, o solver.Options) (*solver.Result, error) {
	if !w.random {
		o.Omega, o.Tau = om, ta
		return solver.Solve(t, &o)
	}
	if omegaTauSet {
		return nil, badInput("--weights lecun or gain=G draws every weight at random (Σw is N(0, τ)); drop --omega and --tau, and give the scale as gain=G")
	}
	res, err := solver.SolveLeCun(t, w.tau, &o)
	return res, lecunScaleError(err, w.tau)
}

// lecunScaleError rewrites the solver's refusal of the weight scale
// τ' = τ(ν* + μ*²)/ν* that solver.SolveLeCun passes on to Solve, which the
// solver reports as its --tau although the user gave none: it comes from
// --weights (τ = G²) and the target. Other errors pass unchanged.
func lecunScaleError(err error, tau *big.Rat) error {
	var te *solver.TargetError
	if !errors.As(err, &te) || te.Field != "tau" || te.Value == nil {
		return err
	}
	g := func(r *big.Rat) string { return new(big.Float).SetRat(r).Text('g', 4) }
	return badInput("--weights: random weights N(0, τ/n) with τ = G² = %s give this target the weight scale τ(ν* + μ*²)/ν* = %s, above the largest the solver takes (1e20); want a smaller gain, or a smaller mean for this variance",
		g(tau), g(te.Value))
}

// lecunWarning returns the warning printed with constants for exact rows
// when the target's mean is not 0: random LeCun-normal weights do not keep
// such a target.
func lecunWarning(res *solver.Result) string {
	if res.RandomWeights || res.Target.Mean.Sign() == 0 || res.Omega.Sign() != 0 {
		return ""
	}
	return fmt.Sprintf("these constants keep mean %s only when every unit's weight row has Σw = 0 exactly (the exact-row initializer in the snippets); LeCun-normal random weights drift away from it. For random weights use --weights lecun.", ratText(res.Target.Mean))
}

// runMapRandom is selu-solve map for random weights: the map of the pooled
// statistics (mapping.LeCunLayer), its rank-one Jacobian in (μ, ν), S and ρ.
func runMapRandom(stdout io.Writer, fs *flag.FlagSet, w weightsChoice, c mapping.Constants, mean, variance float64, asJSON bool) error {
	if set := setFlags(fs); set["omega"] || set["tau"] {
		return badInput("--weights lecun or gain=G draws every weight at random; drop --omega and --tau, and give the scale as gain=G")
	}
	tau, _ := w.tau.Float64()
	l := mapping.LeCunLayer{Constants: c, Tau: tau}
	mo, st := l.Moments(mean, variance), l.Stability(mean, variance)
	if math.IsNaN(mo.Mean) || math.IsNaN(st.SpectralRadius) {
		return badInput("map: with random weights the net input N(0, τ(var + mean²)) = N(0, %g) is out of float64 range: τ(var + mean²) must be finite and > 0",
			tau*(variance+mean*mean))
	}
	h := st.H
	out := mapOutput{
		Mean:           jsonNumber(mo.Mean),
		Var:            jsonNumber(mo.Var),
		SecondMoment:   jsonNumber(mo.SecondMoment),
		Jacobian:       [2][2]jsonNumber{{jsonNumber(h[0][0]), jsonNumber(h[0][1])}, {jsonNumber(h[1][0]), jsonNumber(h[1][1])}},
		SpectralNorm:   jsonNumber(st.SpectralNorm),
		SpectralRadius: jsonNumber(st.SpectralRadius),
	}
	if asJSON {
		return writeJSON(stdout, out)
	}
	fmt.Fprintf(stdout, "random weights N(0, %s/n): statistics pooled over units, net input N(0, τ(var + mean²)); ρ is the spectral radius of this rank-one H, which at a fixed point (output = input) equals the slope of the map of var + mean²\n", ratText(w.tau))
	return writeMapText(stdout, mapping.Layer{Constants: c, Weights: mapping.Weights{Omega: 0, Tau: tau}}, mean, variance, out)
}

// programVersion returns the program's version from its build information: the
// module version, and the VCS revision and time when they were recorded.
func programVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown (no build information)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, when, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ", modified"
			}
		}
	}
	if rev == "" {
		return bi.Main.Path + " " + v + ", no VCS revision recorded (built with -buildvcs=false or outside a repository)"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	return bi.Main.Path + " " + v + " (" + rev + " " + when + dirty + ")"
}
