package main

import (
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/selu-tool/selu/internal/decimal"
	"github.com/selu-tool/selu/internal/snippet"
	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/solver"
)

func init() {
	// The root command (bare selu-solve), also reachable as "solve" so that
	// 'selu-solve help solve' and the flag-error hint work.
	c := command{
		name:    "",
		summary: "solve λ, α (and alpha dropout a, b) for a target mean and variance (the default)",
		run:     runSolve,
	}
	register(c)
	c.name = "solve"
	register(c)
}

const solveSynopsis = `selu-solve [--mean 0] [--var 1] [--omega 0] [--tau 1 | --weights lecun|gain=G] [--digits 30] [--dropout 0.05,0.1] [--json]

Derives the SELU constants λ, α (and α' = −λα) that make (mean, var) the
fixed point of a SELU layer (Klambauer et al. 2017, Eq. 4-5), correctly
rounded to --digits significant digits, the alpha-dropout a, b for each
--dropout rate, and the stability of the fixed point. Numbers are exact
decimals: --mean 0.1 means 1/10. The default weights ω = 0, τ = 1 are the
paper's convention; --omega 1 reproduces the authors' notebook. With a mean
other than 0 they hold only for weight rows with Σw = 0 exactly; --weights
lecun gives the constants that random N(0, 1/n) weights keep.`

// solveJSON is the --json output.
type solveJSON struct {
	Target struct {
		Mean string `json:"mean"`
		Var  string `json:"var"`
	} `json:"target"`
	Weights struct {
		Omega string `json:"omega"`
		Tau   string `json:"tau"`
		// Random is set for --weights lecun|gain=G: weights drawn
		// N(0, tau/n), not rows with these sums.
		Random bool `json:"random,omitempty"`
	} `json:"weights"`
	Digits         int                `json:"digits"`
	Lambda         string             `json:"lambda"`
	Alpha          string             `json:"alpha"`
	AlphaPrime     string             `json:"alpha_prime"`
	Jacobian       [2][2]jsonNumber   `json:"jacobian"`
	SpectralNorm   jsonNumber         `json:"spectral_norm"`
	SpectralRadius jsonNumber         `json:"spectral_radius"`
	Stable         *bool              `json:"stable"`                   // null when the stability is unknown
	StabilityNote  string             `json:"stability_note,omitempty"` // why it is unknown
	Dropout        []solveDropoutJSON `json:"dropout"`
}

type solveDropoutJSON struct {
	Rate float64 `json:"rate"`
	A    string  `json:"a"`
	B    string  `json:"b"`
}

func runSolve(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("solve", solveSynopsis, stderr)
	mean := fs.String("mean", "0", "target mean μ* (exact decimal)")
	variance := fs.String("var", "1", "target variance ν* > 0 (exact decimal)")
	omega := fs.String("omega", "0", "ω = Σw of a unit's weights (0: the paper's convention; 1: the authors' notebook)")
	tau := fs.String("tau", "1", "τ = Σw² of a unit's weights, > 0")
	digits := fs.Int("digits", solver.DefaultDigits, fmt.Sprintf("significant digits of λ, α, α', a, b (1 to %d)", solver.MaxDigits))
	dropout := fs.String("dropout", "0.05,0.1", "comma-separated alpha-dropout rates in [0, 1) (exact decimals, at most 17 digits); empty for none")
	asJSON := fs.Bool("json", false, "write JSON instead of text")
	weights := fs.String("weights", "exact", weightsUsage)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	w, err := parseWeights(*weights)
	if err != nil {
		return err
	}

	t, om, ta, err := parseProblem(*mean, *variance, *omega, *tau)
	if err != nil {
		return err
	}
	if *digits < 1 || *digits > solver.MaxDigits {
		return badInput("--digits must be between 1 and %d, got %d", solver.MaxDigits, *digits)
	}
	rates, err := parseRates(*dropout)
	if err != nil {
		return err
	}
	set := setFlags(fs)
	res, err := solveWeights(t, om, ta, w, set["omega"] || set["tau"], solver.Options{Digits: *digits, DropoutRates: rates})
	if err != nil {
		return solverError(err, map[string]string{"mean": *mean, "var": *variance, "omega": *omega, "tau": *tau})
	}
	if *asJSON {
		return writeJSON(stdout, solveToJSON(res))
	}
	if err := writeSolveText(stdout, res); err != nil {
		return err
	}
	if !res.Stable() {
		fmt.Fprintln(stderr, "selu-solve: warning:", oneLine(verdictText(res)))
	}
	if warn := lecunWarning(res); warn != "" {
		fmt.Fprintln(stderr, "selu-solve: warning:", warn)
	}
	return nil
}

// parseRates parses the --dropout list as exact decimals in [0, 1) that a
// float64 represents by its shortest form (so that the rate the solver
// uses is exactly the decimal typed).
func parseRates(s string) ([]float64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []float64
	for _, f := range strings.Split(s, ",") {
		r, err := solver.ParseDecimal(f)
		if err != nil {
			return nil, badInput("--dropout: %v", err)
		}
		if r.Sign() < 0 || r.Cmp(big.NewRat(1, 1)) >= 0 {
			return nil, badInput("--dropout rates must be in [0, 1), got %s", strings.TrimSpace(f))
		}
		v, _ := r.Float64()
		back, _ := new(big.Rat).SetString(strconv.FormatFloat(v, 'g', -1, 64))
		if back.Cmp(r) != 0 {
			return nil, badInput("--dropout rate %s has more significant digits than a float64 keeps (at most 17)", strings.TrimSpace(f))
		}
		out = append(out, v)
	}
	return out, nil
}

// solveToJSON builds the --json output. The target and weights are the
// exact decimals the solver used, written canonically (".5" → "0.5").
func solveToJSON(res *solver.Result) solveJSON {
	var j solveJSON
	j.Target.Mean, j.Target.Var = ratText(res.Target.Mean), ratText(res.Target.Var)
	j.Weights.Omega, j.Weights.Tau = ratText(res.Omega), ratText(res.Tau)
	j.Weights.Random = res.RandomWeights
	j.Digits = res.Digits
	j.Lambda, j.Alpha, j.AlphaPrime = res.Text(res.Lambda), res.Text(res.Alpha), res.Text(res.AlphaPrime)
	for i := range 2 {
		for k := range 2 {
			j.Jacobian[i][k] = jsonNumber(res.Stability.H[i][k])
		}
	}
	j.SpectralNorm = jsonNumber(res.Stability.SpectralNorm)
	j.SpectralRadius = jsonNumber(res.Stability.SpectralRadius)
	if res.Verdict == mapping.Unknown {
		j.StabilityNote = verdictText(res)
	} else {
		st := res.Stable()
		j.Stable = &st
	}
	j.Dropout = []solveDropoutJSON{}
	for _, d := range res.Dropout {
		j.Dropout = append(j.Dropout, solveDropoutJSON{Rate: d.Rate, A: res.Text(d.A), B: res.Text(d.B)})
	}
	return j
}

// writeSolveText writes the table and the framework snippets.
func writeSolveText(w io.Writer, res *solver.Result) error {
	var b strings.Builder
	g4 := func(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }
	fmt.Fprintf(&b, "SELU constants for target mean %s, variance %s\n\n", ratText(res.Target.Mean), ratText(res.Target.Var))
	row := func(k, v string) { fmt.Fprintf(&b, "  %-22s %s\n", k, v) }
	row("convention", conventionText(res))
	{
		lo, hi := res.FeasibleMeans()
		around := ""
		if res.Omega.Sign() != 0 {
			around = " around 0" // with ω ≠ 0 the feasible set need not be an interval
		}
		row("feasible means", fmt.Sprintf("(%s, %s)%s for this variance", edgeText(lo), edgeText(hi), around))
	}
	row("digits", strconv.Itoa(res.Digits)+" significant, correctly rounded")
	row("λ  lambda", res.Text(res.Lambda))
	row("α  alpha", res.Text(res.Alpha))
	row("α' = −λα  saturation", res.Text(res.AlphaPrime))
	s := res.Stability
	row("Jacobian H of g", fmt.Sprintf("[[%s, %s], [%s, %s]]", g4(s.H[0][0]), g4(s.H[0][1]), g4(s.H[1][0]), g4(s.H[1][1])))
	row("spectral norm S", g4(s.SpectralNorm))
	row("spectral radius ρ", g4(s.SpectralRadius))
	row("verdict", verdictText(res))
	if warn := lecunWarning(res); warn != "" {
		row("initialization", "WARNING: "+warn)
	} else if res.RandomWeights {
		row("initialization", "random weights N(0, τ/n) as drawn by frameworks; the target is the fixed point of the statistics pooled over units")
	} else if res.Target.Mean.Sign() == 0 && res.Omega.Sign() == 0 {
		row("initialization", "exact rows and LeCun-normal random weights alike (the conventions coincide at mean 0)")
	}
	if len(res.Dropout) > 0 {
		fmt.Fprintf(&b, "\nAlpha dropout: y = a·(x·d + α'·(1−d)) + b, d ~ Bernoulli(1 − rate), in training only\n\n")
		fmt.Fprintf(&b, "  %-8s %-*s  %s\n", "rate", res.Digits+3, "a", "b")
		for _, d := range res.Dropout {
			fmt.Fprintf(&b, "  %-8s %-*s  %s\n", strconv.FormatFloat(d.Rate, 'g', -1, 64), res.Digits+3, res.Text(d.A), res.Text(d.B))
		}
	}
	writeSnippets(&b, res)
	_, err := io.WriteString(w, b.String())
	return err
}

// ratText writes r exactly (decimal.Exact).
func ratText(r *big.Rat) string {
	return decimal.Exact(r)
}

func edgeText(x float64) string {
	switch {
	case math.IsInf(x, 1):
		return "+∞"
	case math.IsInf(x, -1):
		return "-∞"
	}
	return strconv.FormatFloat(x, 'g', 6, 64)
}

// writeSnippets writes ready-to-paste code for PyTorch, Keras 3 and JAX
// for the constants of res (package internal/snippet, shared with the
// report).
func writeSnippets(b *strings.Builder, res *solver.Result) {
	for _, s := range snippet.Generate(res) {
		fmt.Fprintf(b, "\n# ---- %s ----\n%s", s.Framework, s.Code)
	}
}
