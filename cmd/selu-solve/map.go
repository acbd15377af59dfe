package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/solver"
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
input is N(mean·omega, var·tau); where it lies outside the range in which
the float64 Jacobian is accurate (|mean·omega| ≤ 50, 1e-6 ≤ var·tau ≤ 1e6),
H is computed in big.Float instead, correct to about one unit in the last
place; omega = 0, tau = 1 is the paper's
convention, omega = 1 the authors' notebook's. --weights lecun (gain=G)
evaluates instead the map of the statistics pooled over units for random
weights N(0, 1/n) (N(0, G²/n)), whose net input is N(0, τ(var + mean²)).
lambda and alpha default to
the paper's λ01, α01. --json writes
{"mean", "var", "second_moment", "jacobian", "spectral_norm", "spectral_radius"}
with numbers at full float64 precision.`

// mapOutput is the --json object of selu-solve map; the field order is the
// documented one.
// Values that float64 cannot represent at this input (an overflow, or NaN
// from inf − inf) are null in JSON.
type mapOutput struct {
	Mean           jsonNumber       `json:"mean"`
	Var            jsonNumber       `json:"var"`
	SecondMoment   jsonNumber       `json:"second_moment"`
	Jacobian       [2][2]jsonNumber `json:"jacobian"`
	SpectralNorm   jsonNumber       `json:"spectral_norm"`
	SpectralRadius jsonNumber       `json:"spectral_radius"`
}

// finite reports whether every value of o is a finite number.
func (o mapOutput) finite() bool {
	for _, v := range []jsonNumber{o.Mean, o.Var, o.SecondMoment, o.Jacobian[0][0], o.Jacobian[0][1],
		o.Jacobian[1][0], o.Jacobian[1][1], o.SpectralNorm, o.SpectralRadius} {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return false
		}
	}
	return true
}

func runMap(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("map", mapSynopsis, stderr)
	// Usage goes to fs.Output(), which parseFlags silences while parsing:
	// a flag error is then reported in one line, and -h prints this once.
	mean := realFlag(fs, "mean", 0, "mean μ of the layer's inputs")
	variance := realFlag(fs, "var", 1, "variance ν of the layer's inputs, > 0")
	omega := realFlag(fs, "omega", mapping.Normalized().Omega, "ω = Σw of a unit's weights")
	tau := realFlag(fs, "tau", mapping.Normalized().Tau, "τ = Σw² of a unit's weights, > 0")
	lambda := realFlag(fs, "lambda", mapping.Paper().Lambda, "SELU λ, > 0 (default λ01 of the paper)")
	alpha := realFlag(fs, "alpha", mapping.Paper().Alpha, "SELU α, >= 0 (default α01 of the paper)")
	asJSON := fs.Bool("json", false, "write a JSON object instead of a table")
	weights := fs.String("weights", "exact", "weights whose map is evaluated: exact (every unit's row has Σw = ω, Σw² = τ exactly; the paper's convention), lecun (random N(0, 1/n) weights: the map of var + mean² pooled over units), or gain=G for random N(0, G²/n) weights")
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
	if l.ValidateInput(*mean, *variance) != nil {
		return badInput("map: the unit's net input N(mean·omega, var·tau) = N(%g, %g) is out of float64 range: mean·omega must be finite, var·tau finite and > 0",
			*mean**omega, *variance**tau)
	}
	mo, j := l.Jacobian(*mean, *variance)
	h := j.H
	inexact := "" // the warning when H could not be checked
	if !l.Accurate(*mean, *variance) {
		// Outside the range where the float64 Jacobian is accurate: H in
		// big.Float (its second row can lose every digit there).
		hb, err := solver.Jacobian(l, mapping.Point{Mean: *mean, Var: *variance})
		if err == nil {
			h = hb
		} else {
			inexact = fmt.Sprintf("selu-solve: warning: the net input N(%g, %g) is outside the range where the float64 Jacobian is accurate (|mean·omega| ≤ 50, 1e-6 ≤ var·tau ≤ 1e6) and its exact evaluation failed (%v); H, S and ρ may be inaccurate", *mean**omega, *variance**tau, err)
		}
	}
	st := mapping.SpectralNorm(h)
	out := mapOutput{
		Mean:           jsonNumber(mo.Mean),
		Var:            jsonNumber(mo.Var),
		SecondMoment:   jsonNumber(mo.SecondMoment),
		Jacobian:       [2][2]jsonNumber{{jsonNumber(h[0][0]), jsonNumber(h[0][1])}, {jsonNumber(h[1][0]), jsonNumber(h[1][1])}},
		SpectralNorm:   jsonNumber(st),
		SpectralRadius: jsonNumber(mapping.SpectralRadius(h)),
	}
	if !out.finite() {
		fmt.Fprintln(stderr, "selu-solve: warning: some values are not finite in float64 at this input; the stability here is unknown")
	} else if inexact != "" {
		fmt.Fprintln(stderr, inexact)
	}
	if *asJSON {
		return writeJSON(stdout, out)
	}
	return writeMapText(stdout, l, *mean, *variance, out)
}

// mapText formats a value of the map for the table: the shortest float64
// form, or words for what float64 could not represent, so that NaN is never
// shown as if it were a number.
func mapText(v jsonNumber) string {
	f := float64(v)
	switch {
	case math.IsNaN(f):
		return "not computable in float64"
	case math.IsInf(f, 0):
		return "overflows float64 (" + strconv.FormatFloat(f, 'g', -1, 64) + ")"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// writeMapText writes the result as a small aligned table for people.
func writeMapText(w io.Writer, l mapping.Layer, mean, variance float64, o mapOutput) error {
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	var sb strings.Builder
	fmt.Fprintf(&sb, "SELU layer map g at mean %s, var %s\n", g(mean), g(variance))
	fmt.Fprintf(&sb, "λ = %s, α = %s, ω = %s, τ = %s\n\n", g(l.Lambda), g(l.Alpha), g(l.Omega), g(l.Tau))
	tw := tabwriter.NewWriter(&sb, 0, 0, 2, ' ', 0)
	stable := mapStabilityText(o.finite(), float64(o.SpectralRadius))
	m := mapText
	rows := [][2]string{
		{"output mean μ̃", m(o.Mean)},
		{"output var ν̃", m(o.Var)},
		{"E selu² ξ̃", m(o.SecondMoment)},
		{"H = ∂(μ̃,ν̃)/∂(μ,ν)", "[" + m(o.Jacobian[0][0]) + "\t" + m(o.Jacobian[0][1]) + "]"},
		{"", "[" + m(o.Jacobian[1][0]) + "\t" + m(o.Jacobian[1][1]) + "]"},
		{"spectral norm S", m(o.SpectralNorm)},
		{"spectral radius ρ", m(o.SpectralRadius) + "\t(" + stable + ")"},
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
