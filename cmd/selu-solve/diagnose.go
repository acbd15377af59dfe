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

func init() {
	register(command{
		name:    "diagnose",
		summary: "fixed points, stability, depth to settle and gradient growth of an initialization",
		run:     runDiagnose,
	})
}

const diagnoseSynopsis = `selu-solve diagnose [--lambda L --alpha A] [--omega W] [--tau T | --gain G] [--preset NAME] [--weights exact|lecun|gain=G] [--json]

Finds every fixed point (mean, variance > 0) of the SELU layer map for the
constants λ, α and a weight initialization with ω = Σw, τ = Σw² per unit
(Klambauer et al. 2017, Eq. 4-5), or reports that there is none and the
variance collapses to 0 or blows up. For each fixed point: the spectral
norm S and radius ρ of the Jacobian (Eq. 87-88), whether it attracts
(ρ < 1), the layers needed to get within 1%% of it (⌈ln 0.01 / ln ρ⌉) and
the per-layer growth χ = τ·E[selu'(z)²] of the squared gradient norm.
--gain G means weight variance G²/n, i.e. τ = G². Defaults: the paper's
constants, ω = 0, τ = 1. Numbers may be decimals or fractions (1/3).
With ω = 0, collapse and explosion are decided by the limits of ν̃/ν as
ν → 0 and ν → ∞ (closed forms, docs/diagnose.md), and the search follows
a fixed point however small or large its variance.
--weights lecun (or gain=G) analyses random weights w ~ N(0, τ/n) instead:
their pooled statistics follow the one-dimensional map of q = var + mean²
(docs/model.md §7), whose fixed points, slope dq̃/dq (stable below 1),
layers to settle and χ are reported.
Exit status 1 if there is no stable fixed point.

Presets (ω = 0):
%s`

// diagnoseJSON is the --json output.
type diagnoseJSON struct {
	Layer struct {
		Lambda float64 `json:"lambda"`
		Alpha  float64 `json:"alpha"`
		Omega  float64 `json:"omega"`
		Tau    float64 `json:"tau"`
	} `json:"layer"`
	Preset      string            `json:"preset,omitempty"`
	FixedPoints []fixedPointJSON  `json:"fixed_points"`
	Collapse    bool              `json:"collapse"`
	Explode     bool              `json:"explode"`
	Undecided   bool              `json:"undecided,omitempty"`    // ω ≠ 0: some starts still drifting after the step limit
	Limits      *ratioLimitsJSON  `json:"ratio_limits,omitempty"` // ω = 0 only
	Curve       *curveLimitsJSON  `json:"curve_limits,omitempty"` // ω ≠ 0 only
	Drifting    []driftJSON       `json:"drifting,omitempty"`     // ω ≠ 0: the starts behind "undecided"
	Search      diagnoseJSONRange `json:"search"`
}

// ratioLimitsJSON holds the limits of ν̃/ν as ν → 0 and ν → ∞ (ω = 0).
type ratioLimitsJSON struct {
	AtZero jsonNumber `json:"at_zero"`
	AtInf  jsonNumber `json:"at_inf"`
}

// curveLimitsJSON holds, for ω ≠ 0, the limits of ν̃/ν along the branches
// of the mean curve as ν → 0 and ν → ∞, and the net-input variances
// scanned.
type curveLimitsJSON struct {
	AtZero    []jsonNumber `json:"at_zero"`
	AtInf     []jsonNumber `json:"at_inf"`
	MinNetVar float64      `json:"min_net_var"`
	MaxNetVar float64      `json:"max_net_var"`
}

// driftJSON is a start whose iteration was still moving at the step limit.
type driftJSON struct {
	Start [2]jsonNumber `json:"start"` // mean, var
	End   [2]jsonNumber `json:"end"`
}

type fixedPointJSON struct {
	Mean           jsonNumber `json:"mean"`
	Var            jsonNumber `json:"var"`
	SpectralNorm   jsonNumber `json:"spectral_norm"`
	SpectralRadius jsonNumber `json:"spectral_radius"`
	settleJSON
}

// settleJSON is what every kind of fixed point reports on settling and
// gradients.
type settleJSON struct {
	Stable            bool       `json:"stable"`
	LayersTo1Pct      *int       `json:"layers_to_1pct"` // null: never (not stable)
	GradientGrowth    jsonNumber `json:"gradient_growth"`
	GradientGrowth10  jsonNumber `json:"gradient_growth_10_layers"`
	GradientGrowth100 jsonNumber `json:"gradient_growth_100_layers"`
}

// newSettleJSON returns the settling and gradient fields of fp, which is
// stable or not.
func newSettleJSON(stable bool, fp diagnose.FixedPoint) settleJSON {
	j := settleJSON{
		Stable:            stable,
		GradientGrowth:    jsonNumber(fp.GradientGrowth),
		GradientGrowth10:  jsonNumber(fp.GradientGrowthOver(10)),
		GradientGrowth100: jsonNumber(fp.GradientGrowthOver(100)),
	}
	if fp.LayersTo1Pct > 0 {
		n := fp.LayersTo1Pct
		j.LayersTo1Pct = &n
	}
	return j
}

type diagnoseJSONRange struct {
	MinVar     float64 `json:"min_var"`
	MaxVar     float64 `json:"max_var"`
	MaxAbsMean float64 `json:"max_abs_mean,omitempty"` // ω ≠ 0 only
}

func presetList() string {
	var b strings.Builder
	for _, p := range diagnose.Presets() {
		fmt.Fprintf(&b, "  %-24s %s\n", p.Name, p.Summary)
	}
	return strings.TrimRight(b.String(), "\n")
}

func runDiagnose(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("diagnose", fmt.Sprintf(diagnoseSynopsis, presetList()), stderr)
	lambda := fs.String("lambda", strconv.FormatFloat(mapping.Paper().Lambda, 'g', -1, 64), "SELU λ > 0 (default: the paper's λ01)")
	alpha := fs.String("alpha", strconv.FormatFloat(mapping.Paper().Alpha, 'g', -1, 64), "SELU α > 0 (default: the paper's α01)")
	omega := fs.String("omega", "0", "ω = Σw of a unit's weights")
	tau := fs.String("tau", "1", "τ = Σw² of a unit's weights, in [1e-300, 1e300] (fan-in n times the weight variance)")
	gain := fs.String("gain", "", "initialization gain G in [1e-150, 1e150]: weight variance G²/n, τ = G² (instead of --tau)")
	preset := fs.String("preset", "", "a common initialization: "+strings.Join(diagnose.PresetNames(), ", "))
	asJSON := fs.Bool("json", false, "write JSON instead of text")
	weights := fs.String("weights", "exact", diagnoseWeightsUsage)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	set := setFlags(fs)

	var l mapping.Layer
	var err error
	if l.Lambda, err = parseReal("lambda", *lambda); err != nil {
		return err
	}
	if l.Alpha, err = parseReal("alpha", *alpha); err != nil {
		return err
	}
	if l.Omega, err = parseReal("omega", *omega); err != nil {
		return err
	}
	if err := firstError(positive("lambda", l.Lambda), positive("alpha", l.Alpha)); err != nil {
		return err
	}
	if set["tau"] && set["gain"] {
		return badInput("diagnose: give --tau or --gain, not both (--gain G means τ = G²)")
	}
	var p diagnose.Preset
	if set["preset"] {
		var ok bool
		if p, ok = diagnose.LookupPreset(strings.TrimSpace(*preset)); !ok {
			return badInput("diagnose: unknown --preset %q; known: %s", *preset, strings.Join(diagnose.PresetNames(), ", "))
		}
		if set["tau"] || set["gain"] {
			return badInput("diagnose: --preset %s sets τ = %.6g; do not combine it with --tau or --gain", p.Name, p.Tau)
		}
		l.Tau = p.Tau
	} else if set["gain"] {
		g, err := parseReal("gain", *gain)
		if err != nil {
			return err
		}
		if err := positive("gain", g); err != nil {
			return err
		}
		if !(g*g >= diagnose.MinTau && g*g <= diagnose.MaxTau) {
			return badInput("diagnose: --gain must be in [1e-150, 1e150] (τ = G² in [1e-300, 1e300]), got %s", strings.TrimSpace(*gain))
		}
		l.Tau = g * g
	} else if l.Tau, err = parseReal("tau", *tau); err != nil {
		return err
	}
	if err := positive("tau", l.Tau); err != nil {
		return err
	}
	if !(l.Tau >= diagnose.MinTau && l.Tau <= diagnose.MaxTau) {
		return badInput("diagnose: --tau must be in [1e-300, 1e300], got %s", strings.TrimSpace(*tau))
	}

	if w, err := parseWeights(*weights); err != nil {
		return err
	} else if w.random {
		tau, err := diagnoseRandomTau(w, *weights, set, l.Tau)
		if err != nil {
			return err
		}
		return runDiagnoseRandom(stdout, mapping.LeCunLayer{Constants: l.Constants, Tau: tau}, p, *asJSON)
	}

	res, err := diagnose.Analyze(l, nil)
	if err != nil {
		return usageError{err}
	}
	stable := slices.ContainsFunc(res.FixedPoints, diagnose.FixedPoint.Stable)
	return writeDiagnosis(stdout, *asJSON, diagnoseToJSON(res, p.Name), func() error { return writeDiagnoseText(stdout, res, p) },
		stable, "this initialization")
}

// writeDiagnosis writes a diagnosis as JSON (j) or text, and returns the
// negative result of the command when no fixed point is stable (stable is
// false): a network with the weights described by what does not
// self-normalize.
func writeDiagnosis(stdout io.Writer, asJSON bool, j any, text func() error, stable bool, what string) error {
	if asJSON {
		if err := writeJSON(stdout, j); err != nil {
			return err
		}
	} else if err := text(); err != nil {
		return err
	}
	if !stable {
		return negativeResult{"no stable fixed point: a network with " + what + " does not self-normalize"}
	}
	return nil
}

func diagnoseToJSON(res *diagnose.Result, preset string) diagnoseJSON {
	var j diagnoseJSON
	j.Layer.Lambda, j.Layer.Alpha = res.Layer.Lambda, res.Layer.Alpha
	j.Layer.Omega, j.Layer.Tau = res.Layer.Omega, res.Layer.Tau
	j.Preset = preset
	j.Collapse, j.Explode, j.Undecided = res.Collapse, res.Explode, res.Undecided
	if res.Layer.Omega == 0 {
		j.Limits = &ratioLimitsJSON{AtZero: jsonNumber(res.Limits.AtZero), AtInf: jsonNumber(res.Limits.AtInf)}
	}
	if c := res.Curve; c != nil {
		cj := &curveLimitsJSON{AtZero: []jsonNumber{}, AtInf: []jsonNumber{}, MinNetVar: c.MinNetVar, MaxNetVar: c.MaxNetVar}
		for _, b := range c.AtZero {
			cj.AtZero = append(cj.AtZero, jsonNumber(b.Ratio))
		}
		for _, b := range c.AtInf {
			cj.AtInf = append(cj.AtInf, jsonNumber(b.Ratio))
		}
		j.Curve = cj
	}
	for _, d := range res.Drifting {
		j.Drifting = append(j.Drifting, driftJSON{
			Start: [2]jsonNumber{jsonNumber(d.Start.Mean), jsonNumber(d.Start.Var)},
			End:   [2]jsonNumber{jsonNumber(d.End.Mean), jsonNumber(d.End.Var)},
		})
	}
	j.Search = diagnoseJSONRange{MinVar: res.Search.MinVar, MaxVar: res.Search.MaxVar}
	if res.Layer.Omega != 0 {
		j.Search.MaxAbsMean = res.Search.MaxMean
	}
	j.FixedPoints = []fixedPointJSON{}
	for _, fp := range res.FixedPoints {
		j.FixedPoints = append(j.FixedPoints, fixedPointJSON{
			Mean: jsonNumber(fp.Mean), Var: jsonNumber(fp.Var),
			SpectralNorm:   jsonNumber(fp.Stability.SpectralNorm),
			SpectralRadius: jsonNumber(fp.Stability.SpectralRadius),
			settleJSON:     newSettleJSON(fp.Stable(), fp),
		})
	}
	return j
}

// presetLine describes the preset p. Its summary states the consequence
// for the paper's constants and exact rows with ω = 0; with other
// constants, ω ≠ 0 or random weights only the initialization is named,
// since the analysis that follows can reach another conclusion.
func presetLine(p diagnose.Preset, c mapping.Constants, omega float64, random bool) string {
	if c == mapping.Paper() && omega == 0 && !random {
		return fmt.Sprintf("preset %s: %s\n", p.Name, p.Summary)
	}
	return fmt.Sprintf("preset %s: τ = %s (its summary in 'selu-solve help diagnose' is for the paper's λ, α and exact weights; the analysis below is for the layer above)\n",
		p.Name, strconv.FormatFloat(p.Tau, 'g', 6, 64))
}

func writeDiagnoseText(w io.Writer, res *diagnose.Result, p diagnose.Preset) error {
	var b strings.Builder
	g := func(x float64, d int) string { return strconv.FormatFloat(x, 'g', d, 64) }
	l := res.Layer
	fmt.Fprintf(&b, "SELU layer λ = %s, α = %s; weights ω = %s, τ = %s (gain %s: weight variance %s/n)\n",
		g(l.Lambda, -1), g(l.Alpha, -1), g(l.Omega, 6), g(l.Tau, 6), g(math.Sqrt(l.Tau), 6), g(l.Tau, 6))
	if p.Name != "" {
		b.WriteString(presetLine(p, l.Constants, l.Omega, false))
	}
	b.WriteString("\n")
	switch n := len(res.FixedPoints); n {
	case 0:
		b.WriteString("No fixed point with variance > 0")
		if l.Omega == 0 && res.Limits.AtInf >= 1 {
			fmt.Fprintf(&b, ": ν̃/ν > λ²τ(π−1)/(2π) = %s ≥ 1 for every variance ν.\n", g(res.Limits.AtInf, 6))
		} else if l.Omega == 0 {
			b.WriteString(" (none in the scan, and the limits of ν̃/ν exclude one beyond it).\n")
		} else {
			b.WriteString(" (none on the mean curve, scanned over net-input variances ντ from 1e-300 to 1e300; see below).\n")
		}
	case 1:
		b.WriteString("1 fixed point:\n")
	default:
		fmt.Fprintf(&b, "%d fixed points:\n", n)
	}
	for i, fp := range res.FixedPoints {
		s := fp.Stability
		mean := g(fp.Mean, 6)
		if fp.Mean != 0 && math.Abs(fp.Mean) < 1e-12 {
			mean = "≈ 0 (" + g(fp.Mean, 2) + ")"
		}
		fmt.Fprintf(&b, "\n  %d. mean %s, variance %s (std %s)\n", i+1, mean, g(fp.Var, 6), g(math.Sqrt(fp.Var), 4))
		verdict := "UNSTABLE: iterates move away from it"
		if fp.Stable() {
			verdict = "stable (attracting)"
			if s.SpectralNorm >= 1 {
				verdict += "; not a contraction in the 2-norm (S ≥ 1), iterates may first move away"
			}
		}
		fmt.Fprintf(&b, "     spectral norm S = %s, spectral radius ρ = %s: %s\n", g(s.SpectralNorm, 6), g(s.SpectralRadius, 6), verdict)
		if fp.LayersTo1Pct > 0 {
			fmt.Fprintf(&b, "     layers to get within 1%%: %d (⌈ln 0.01 / ln ρ⌉, from a start at relative distance 1)\n", fp.LayersTo1Pct)
		} else {
			b.WriteString("     layers to get within 1%: never\n")
		}
		chi := fp.GradientGrowth
		fmt.Fprintf(&b, "     gradient growth χ = %s per layer: squared gradient norm ×%s over 10 layers, ×%s over 100 (%s)\n",
			g(chi, 6), g(fp.GradientGrowthOver(10), 4), g(fp.GradientGrowthOver(100), 4), chiWords(chi))
	}
	b.WriteString("\n")
	if l.Omega == 0 {
		at0, atInf := "above 1: small variances grow, no collapse", "below 1: large variances shrink, no explosion"
		if !(res.Limits.AtZero > 1) {
			at0 = "at most 1: small variances shrink towards 0, collapse"
		}
		if !(res.Limits.AtInf < 1) {
			atInf = "at least 1: large variances keep growing, explosion"
		}
		fmt.Fprintf(&b, "ν̃/ν → %s as ν → 0 (%s) and → %s as ν → ∞ (%s).\n",
			g(res.Limits.AtZero, 6), at0, g(res.Limits.AtInf, 6), atInf)
	}
	if c := res.Curve; c != nil {
		ratios := func(bs []diagnose.CurveLimit) string {
			if len(bs) == 0 {
				return "(no branch: the mean equation has no root there)"
			}
			var parts []string
			for _, x := range bs {
				parts = append(parts, g(x.Ratio, 6))
			}
			return strings.Join(parts, ", ")
		}
		fmt.Fprintf(&b, "Along the mean curve (μ = μ̃ at fixed ν) ν̃/ν → %s as ν → 0 and → %s as ν → ∞ (a fixed point lies beyond the scan only where such a limit is 1).\n",
			ratios(c.AtZero), ratios(c.AtInf))
	}
	every := "every start"
	if l.Omega != 0 {
		every = "every start that was followed to its end"
	}
	switch {
	case res.Collapse && !res.Explode && len(res.FixedPoints) == 0 && !res.Undecided:
		b.WriteString("The variance collapses to 0 from " + every + ": activations die out with depth.\n")
	case res.Explode && !res.Collapse && len(res.FixedPoints) == 0 && !res.Undecided:
		b.WriteString("The variance blows up from " + every + ": activations grow without bound with depth.\n")
	default:
		below, above := " (below the smallest fixed point)", " (above the largest fixed point)"
		if l.Omega != 0 {
			below, above = "", ""
		}
		if res.Collapse {
			b.WriteString("The variance collapses to 0 from some starts" + below + ".\n")
		}
		if res.Explode {
			b.WriteString("The variance (or the mean) blows up from some starts" + above + ".\n")
		}
		if res.Undecided {
			d := res.Drifting[0]
			fmt.Fprintf(&b, "From %d start(s) the iteration was still moving after %d layers, not approaching a stable fixed point (e.g. from mean %s, variance %s to mean %s, variance %s); it was not followed further. The list of fixed points above does not depend on this: it comes from the scan of the mean curve.\n",
				len(res.Drifting), res.Search.MaxSteps, g(d.Start.Mean, 3), g(d.Start.Var, 3), g(d.End.Mean, 3), g(d.End.Var, 3))
		}
		if !res.Collapse && !res.Explode && !res.Undecided {
			b.WriteString("The variance neither collapses nor blows up from any start searched.\n")
		}
	}
	sr := res.Search
	switch {
	case l.Omega == 0 && res.Limits.AtInf >= 1:
		b.WriteString("(No scan needed: the limit at ∞ excludes every fixed point.)\n")
	case l.Omega == 0:
		fmt.Fprintf(&b, "(Searched: ν̃(ν) = ν for variances in [%s, %s], %d scan points per decade; beyond them the expansions of ν̃/ν at 0 and ∞ exclude a fixed point.)\n",
			g(sr.MinVar, 3), g(sr.MaxVar, 3), sr.PerDecade)
	default:
		fmt.Fprintf(&b, "(Searched: the mean curve at %d net-input variances per decade from 1e-300 to 1e300, every root of the mean equation at each; Newton from %d means in [-%s, %s] × 4 variances per decade in [%s, %s]; the iteration from those with variance·τ in [1e-6, 1e6].)\n",
			diagnose.CurveScanPerDecade, sr.MeanStarts, g(sr.MaxMean, 3), g(sr.MaxMean, 3), g(sr.MinVar, 3), g(sr.MaxVar, 3))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// chiWords says what χ means over depth.
func chiWords(chi float64) string {
	switch {
	case math.Abs(chi-1) < 0.01:
		return "gradients keep their size"
	case chi > 1:
		return fmt.Sprintf("gradients grow: ×%s in norm over 100 layers", strconv.FormatFloat(math.Pow(chi, 50), 'g', 3, 64))
	default:
		return fmt.Sprintf("gradients vanish: ×%s in norm over 100 layers", strconv.FormatFloat(math.Pow(chi, 50), 'g', 3, 64))
	}
}
