package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/selu-tool/selu/diagnose"
	"github.com/selu-tool/selu/mapping"
)

// diagnoseWeightsUsage is the help of diagnose's --weights flag.
const diagnoseWeightsUsage = "weights: exact (every unit's row has Σw = ω, Σw² = τ exactly; the paper's map), lecun (random N(0, τ/n) weights, τ from --tau, --gain or --preset, else 1: the pooled map of var + mean²), or gain=G for random N(0, G²/n) weights"

// randomDiagnoseJSON is diagnose --json for random weights.
type randomDiagnoseJSON struct {
	Layer struct {
		Lambda float64 `json:"lambda"`
		Alpha  float64 `json:"alpha"`
		Tau    float64 `json:"tau"`
	} `json:"layer"`
	Weights     string                 `json:"weights"` // "random"
	Preset      string                 `json:"preset,omitempty"`
	FixedPoints []randomFixedPointJSON `json:"fixed_points"`
	Collapse    bool                   `json:"collapse"`
	Explode     bool                   `json:"explode"`
	Limits      ratioLimitsJSON        `json:"ratio_limits"`     // of q̃/q
	Search      *randomSearchJSON      `json:"search,omitempty"` // absent when no scan was needed
}

// randomSearchJSON is the scanned range of q = var + mean².
type randomSearchJSON struct {
	MinQ      float64 `json:"min_second_moment"`
	MaxQ      float64 `json:"max_second_moment"`
	PerDecade int     `json:"per_decade"`
}

type randomFixedPointJSON struct {
	Mean         jsonNumber `json:"mean"`
	Var          jsonNumber `json:"var"`
	SecondMoment jsonNumber `json:"second_moment"` // q = var + mean²
	Slope        jsonNumber `json:"slope"`         // dq̃/dq
	settleJSON
}

// diagnoseRandomTau returns τ for --weights lecun or gain=G: G² for gain=G
// (then --tau, --gain and --preset must be absent), else the τ already
// resolved from those flags.
func diagnoseRandomTau(w weightsChoice, weights string, set map[string]bool, tau float64) (float64, error) {
	if set["omega"] {
		return 0, badInput("diagnose: --weights %s draws every weight at random (Σw is N(0, τ), not a fixed ω); drop --omega", shorten(strings.TrimSpace(weights)))
	}
	if !strings.HasPrefix(strings.TrimSpace(weights), "gain=") {
		return tau, nil
	}
	if set["tau"] || set["gain"] || set["preset"] {
		return 0, badInput("diagnose: --weights gain=G sets τ = G²; do not combine it with --tau, --gain or --preset")
	}
	t, _ := w.tau.Float64()
	if !(t >= diagnose.MinTau && t <= diagnose.MaxTau) {
		return 0, badInput("diagnose: --weights %s gives τ = G² outside [1e-300, 1e300]", shorten(strings.TrimSpace(weights)))
	}
	return t, nil
}

// runDiagnoseRandom is diagnose for random weights: the fixed points of the
// one-dimensional map of q = ν + μ² (diagnose.AnalyzeRandom).
func runDiagnoseRandom(stdout io.Writer, l mapping.LeCunLayer, p diagnose.Preset, asJSON bool) error {
	res, err := diagnose.AnalyzeRandom(l, nil)
	if err != nil {
		return usageError{err}
	}
	stable := slices.ContainsFunc(res.FixedPoints, diagnose.RandomFixedPoint.Stable)
	return writeDiagnosis(stdout, asJSON, randomDiagnoseToJSON(res, p.Name), func() error { return writeRandomDiagnoseText(stdout, res, p) },
		stable, "these random weights")
}

func randomDiagnoseToJSON(res *diagnose.RandomResult, preset string) randomDiagnoseJSON {
	var j randomDiagnoseJSON
	j.Layer.Lambda, j.Layer.Alpha, j.Layer.Tau = res.Layer.Lambda, res.Layer.Alpha, res.Layer.Tau
	j.Weights = "random"
	j.Preset = preset
	j.Collapse, j.Explode = res.Collapse, res.Explode
	j.Limits = ratioLimitsJSON{AtZero: jsonNumber(res.Limits.AtZero), AtInf: jsonNumber(res.Limits.AtInf)}
	if res.MaxQ > 0 {
		j.Search = &randomSearchJSON{MinQ: res.MinQ, MaxQ: res.MaxQ, PerDecade: res.PerDecade}
	}
	j.FixedPoints = []randomFixedPointJSON{}
	for _, fp := range res.FixedPoints {
		j.FixedPoints = append(j.FixedPoints, randomFixedPointJSON{
			Mean: jsonNumber(fp.Mean), Var: jsonNumber(fp.Var), SecondMoment: jsonNumber(fp.Q),
			Slope:      jsonNumber(fp.Slope),
			settleJSON: newSettleJSON(fp.Stable(), fp.FixedPoint),
		})
	}
	return j
}

func writeRandomDiagnoseText(w io.Writer, res *diagnose.RandomResult, p diagnose.Preset) error {
	var b strings.Builder
	g := func(x float64, d int) string { return strconv.FormatFloat(x, 'g', d, 64) }
	l := res.Layer
	fmt.Fprintf(&b, "SELU layer λ = %s, α = %s; random weights w ~ N(0, τ/n), τ = %s (gain %s)\n",
		g(l.Lambda, -1), g(l.Alpha, -1), g(l.Tau, 6), g(math.Sqrt(l.Tau), 6))
	if p.Name != "" {
		b.WriteString(presetLine(p, l.Constants, 0, true))
	}
	b.WriteString("Pooled over units, the net input is N(0, τq) with q = var + mean² of the input, so the\n" +
		"statistics follow the one-dimensional map q ↦ q̃ = E selu(z)² (docs/model.md §7).\n\n")
	switch n := len(res.FixedPoints); n {
	case 0:
		b.WriteString("No fixed point with q > 0")
		if res.Explode {
			fmt.Fprintf(&b, ": q̃/q > τλ²/2 = %s ≥ 1 for every q.\n", g(res.Limits.AtInf, 6))
		} else {
			fmt.Fprintf(&b, ": q̃/q < τλ²(1+α²)/2 = %s ≤ 1 for every q.\n", g(res.Limits.AtZero, 6))
		}
	case 1:
		b.WriteString("1 fixed point:\n")
	default:
		fmt.Fprintf(&b, "%d fixed points:\n", n)
	}
	for i, fp := range res.FixedPoints {
		fmt.Fprintf(&b, "\n  %d. mean %s, variance %s (std %s), q = var + mean² = %s\n", i+1, g(fp.Mean, 6), g(fp.Var, 6), g(math.Sqrt(fp.Var), 4), g(fp.Q, 6))
		verdict := "UNSTABLE: iterates move away from it"
		if fp.Stable() {
			verdict = "stable (attracting)"
			if fp.Slope > 0.95 {
				verdict += "; close to 1, so a finite network's statistics wander around it"
			}
		}
		fmt.Fprintf(&b, "     slope dq̃/dq = %s: %s\n", g(fp.Slope, 6), verdict)
		if fp.LayersTo1Pct > 0 {
			fmt.Fprintf(&b, "     layers to get within 1%%: %d (⌈ln 0.01 / ln slope⌉, from a start at relative distance 1)\n", fp.LayersTo1Pct)
		} else {
			b.WriteString("     layers to get within 1%: never\n")
		}
		chi := fp.GradientGrowth
		fmt.Fprintf(&b, "     gradient growth χ = %s per layer: squared gradient norm ×%s over 10 layers, ×%s over 100 (%s)\n",
			g(chi, 6), g(fp.GradientGrowthOver(10), 4), g(fp.GradientGrowthOver(100), 4), chiWords(chi))
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "q̃/q lies between %s (q → ∞) and %s (q → 0).\n", g(res.Limits.AtInf, 6), g(res.Limits.AtZero, 6))
	switch {
	case res.Collapse:
		b.WriteString("q collapses to 0 from every start: activations die out with depth.\n")
	case res.Explode:
		b.WriteString("q blows up from every start: activations grow without bound with depth.\n")
	default:
		fmt.Fprintf(&b, "(Searched: q̃(q) = q for q in [%s, %s], %d scan points per decade; beyond them bounds on q̃/q exclude a fixed point.)\n",
			g(res.MinQ, 3), g(res.MaxQ, 3), res.PerDecade)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
