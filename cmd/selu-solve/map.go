package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/selu-tool/selu/mapping"
)

func init() {
	register(command{
		name:    "map",
		summary: "evaluate the layer map g(μ, ν), its Jacobian, spectral norm and radius",
		run:     runMap,
	})
}

const mapSynopsis = `selu-solve map [--mean 0] [--var 1] [--omega 0] [--tau 1 | --weights lecun|gain=G] [--lambda L] [--alpha A] [--json]

Evaluates one SELU layer's map g: (μ, ν) ↦ (μ̃, ν̃) at the input mean and
variance (Klambauer et al. 2017, Eq. 4, 5): the output mean, variance and
second moment E selu², the Jacobian H = ∂(μ̃, ν̃)/∂(μ, ν) (Eq. 87), its
largest singular value S (Eq. 69) and its spectral radius ρ. The unit's net
input is N(mean·omega, var·tau); omega = 0, tau = 1 is the paper's
convention, omega = 1 the authors' notebook's. --weights lecun (gain=G)
evaluates instead the map of the statistics pooled over units for random
weights N(0, 1/n) (N(0, G²/n)), whose net input is N(0, τ(var + mean²)).
lambda and alpha default to
the paper's λ01, α01. --json writes
{"mean", "var", "second_moment", "jacobian", "spectral_norm", "spectral_radius"}
with numbers at full float64 precision.`

// mapOutput is the --json object of selu-solve map; the field order is the
// documented one.
type mapOutput struct {
	Mean           float64       `json:"mean"`
	Var            float64       `json:"var"`
	SecondMoment   float64       `json:"second_moment"`
	Jacobian       [2][2]float64 `json:"jacobian"`
	SpectralNorm   float64       `json:"spectral_norm"`
	SpectralRadius float64       `json:"spectral_radius"`
}

func runMap(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("map", mapSynopsis, stderr)
	// Usage goes to fs.Output(), which parseFlags silences while parsing:
	// a flag error is then reported in one line, and -h prints this once.
	mean := fs.Float64("mean", 0, "mean μ of the layer's inputs")
	variance := fs.Float64("var", 1, "variance ν of the layer's inputs, > 0")
	omega := fs.Float64("omega", mapping.Normalized.Omega, "ω = Σw of a unit's weights")
	tau := fs.Float64("tau", mapping.Normalized.Tau, "τ = Σw² of a unit's weights, > 0")
	lambda := fs.Float64("lambda", mapping.Paper.Lambda, "SELU λ, > 0 (default λ01 of the paper)")
	alpha := fs.Float64("alpha", mapping.Paper.Alpha, "SELU α, >= 0 (default α01 of the paper)")
	asJSON := fs.Bool("json", false, "write a JSON object instead of a table")
	weights := fs.String("weights", "exact", weightsUsage)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := firstError(
		finite("mean", *mean),
		positive("var", *variance),
		finite("omega", *omega),
		positive("tau", *tau),
		positive("lambda", *lambda),
		nonNegative("alpha", *alpha),
	); err != nil {
		return err
	}
	if w, err := parseWeights(*weights); err != nil || w.random {
		if err != nil {
			return err
		}
		return runMapRandom(stdout, fs, w, mapping.Constants{Lambda: *lambda, Alpha: *alpha}, *mean, *variance, *asJSON)
	}
	l := mapping.Layer{
		Constants: mapping.Constants{Lambda: *lambda, Alpha: *alpha},
		Weights:   mapping.Weights{Omega: *omega, Tau: *tau},
	}
	if err := l.ValidateInput(*mean, *variance); err != nil {
		return badInput("map: %v (mean*omega and var*tau must be finite, var*tau > 0)", strings.TrimPrefix(err.Error(), "mapping: "))
	}
	mo, j := l.Jacobian(*mean, *variance)
	st := mapping.SpectralNorm(j.H)
	out := mapOutput{
		Mean:           mo.Mean,
		Var:            mo.Var,
		SecondMoment:   mo.SecondMoment,
		Jacobian:       j.H,
		SpectralNorm:   st,
		SpectralRadius: mapping.SpectralRadius(j.H),
	}
	if *asJSON {
		return writeJSON(stdout, out)
	}
	return writeMapText(stdout, l, *mean, *variance, out)
}

// writeMapText writes the result as a small aligned table for people.
func writeMapText(w io.Writer, l mapping.Layer, mean, variance float64, o mapOutput) error {
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	var sb strings.Builder
	fmt.Fprintf(&sb, "SELU layer map g at mean %s, var %s\n", g(mean), g(variance))
	fmt.Fprintf(&sb, "λ = %s, α = %s, ω = %s, τ = %s\n\n", g(l.Lambda), g(l.Alpha), g(l.Omega), g(l.Tau))
	tw := tabwriter.NewWriter(&sb, 0, 0, 2, ' ', 0)
	stable := "ρ < 1: a fixed point here would attract"
	if o.SpectralRadius >= 1 {
		stable = "ρ ≥ 1: a fixed point here would repel"
	}
	rows := [][2]string{
		{"output mean μ̃", g(o.Mean)},
		{"output var ν̃", g(o.Var)},
		{"E selu² ξ̃", g(o.SecondMoment)},
		{"H = ∂(μ̃,ν̃)/∂(μ,ν)", "[" + g(o.Jacobian[0][0]) + "\t" + g(o.Jacobian[0][1]) + "]"},
		{"", "[" + g(o.Jacobian[1][0]) + "\t" + g(o.Jacobian[1][1]) + "]"},
		{"spectral norm S", g(o.SpectralNorm)},
		{"spectral radius ρ", g(o.SpectralRadius) + "\t(" + stable + ")"},
	}
	for _, r := range rows {
		fmt.Fprintf(tw, "  %s\t%s\n", r[0], r[1])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, sb.String())
	return err
}
