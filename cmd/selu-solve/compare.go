package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/selu-tool/selu/compare"
	"github.com/selu-tool/selu/internal/atomicfile"
	"github.com/selu-tool/selu/report"
	"github.com/selu-tool/selu/solver"
)

func init() {
	register(command{
		name:    "compare",
		summary: "targets side by side: settling, gradient growth, correlation depth (why 0 and 1?)",
		run:     runCompare,
	})
}

const compareSynopsis = `selu-solve compare --mean 0 --var 0.25,1,4,16 [--omega W --tau T] [--depth 32] [--json | --csv | --html FILE]

Puts SELU targets side by side. --mean, --var, --omega and --tau take comma
lists; the rows are their product, in that order (means outermost). For each
target: λ and α; the spectral radius ρ and norm S of the layer map's
Jacobian and the layers to get within 1% (⌈ln 0.01 / ln ρ⌉); the growth
χ = τ·E[selu'(z)²] of the squared gradient norm per layer and over --depth
layers; the correlation map's stable fixed point c*, its slope χ_c and
the correlation depth ξ_c = −1/ln χ_c; the trainable depth 6·ξ_c that
mean-field theory predicts (Schoenholz et al. 2017, "Deep Information
Propagation"; a prediction, not a measurement); the fixed point reached
when τ is 10% low or high; alpha-dropout a, b at rate 0.1. An infeasible
target is a row that says so. Definitions: docs/why-0-and-1.md. A
correlation depth above 1e10 layers (χ_c within 1e-10 of 1, as at
variances below about 1e-9) is beyond float64 and shown as > 1e10 (null in
JSON, empty in CSV); counts of layers above a million get 4 digits.

--html FILE writes the trade-off page: these quantities as curves over ν*
from 0.01 to 100 with the targets marked, and maps over (μ*, ν*).`

// compareJSON is the --json output.
type compareJSON struct {
	Depth int              `json:"depth"`
	Rows  []compareRowJSON `json:"rows"`
}

type compareRowJSON struct {
	Mean                  jsonNumber    `json:"mean"`
	Var                   jsonNumber    `json:"var"`
	Omega                 jsonNumber    `json:"omega"`
	Tau                   jsonNumber    `json:"tau"`
	Feasible              bool          `json:"feasible"`
	Error                 string        `json:"error,omitempty"`
	Lambda                jsonNumber    `json:"lambda"`
	Alpha                 jsonNumber    `json:"alpha"`
	SpectralRadius        jsonNumber    `json:"spectral_radius"`
	SpectralNorm          jsonNumber    `json:"spectral_norm"`
	LayersTo1Pct          *int          `json:"layers_to_1pct"` // null: never
	GradientGrowth        jsonNumber    `json:"gradient_growth"`
	GradientGrowthDepth   jsonNumber    `json:"gradient_growth_over_depth"`
	CorrelationFixedPoint jsonNumber    `json:"correlation_fixed_point"`
	CorrelationSlope      jsonNumber    `json:"correlation_slope"`
	CorrelationDepth      jsonNumber    `json:"correlation_depth"`
	TrainableDepth        jsonNumber    `json:"predicted_trainable_depth"`
	TauLow                [2]jsonNumber `json:"fixed_point_tau_minus_10pct"`
	TauHigh               [2]jsonNumber `json:"fixed_point_tau_plus_10pct"`
	DropoutRate           jsonNumber    `json:"dropout_rate"`
	DropoutA              jsonNumber    `json:"dropout_a"`
	DropoutB              jsonNumber    `json:"dropout_b"`
}

func compareRow(r compare.Row) compareRowJSON {
	j := compareRowJSON{
		Mean: jsonNumber(r.Mean), Var: jsonNumber(r.Var), Omega: jsonNumber(r.Omega), Tau: jsonNumber(r.Tau),
		Feasible: r.Feasible(),
		Lambda:   jsonNumber(r.Lambda), Alpha: jsonNumber(r.Alpha),
		SpectralRadius: jsonNumber(r.SpectralRadius), SpectralNorm: jsonNumber(r.SpectralNorm),
		GradientGrowth: jsonNumber(r.GradientGrowth), GradientGrowthDepth: jsonNumber(r.GradientGrowthOverDepth),
		CorrelationFixedPoint: jsonNumber(r.CorrelationFixedPoint), CorrelationSlope: jsonNumber(r.CorrelationSlope),
		CorrelationDepth: jsonNumber(r.CorrelationDepth), TrainableDepth: jsonNumber(r.TrainableDepth),
		TauLow:      [2]jsonNumber{jsonNumber(r.TauLow.Mean), jsonNumber(r.TauLow.Var)},
		TauHigh:     [2]jsonNumber{jsonNumber(r.TauHigh.Mean), jsonNumber(r.TauHigh.Var)},
		DropoutRate: jsonNumber(r.DropoutRate), DropoutA: jsonNumber(r.DropoutA), DropoutB: jsonNumber(r.DropoutB),
	}
	if r.Err != nil {
		j.Error = r.Err.Error()
	}
	if r.LayersTo1Pct > 0 {
		n := r.LayersTo1Pct
		j.LayersTo1Pct = &n
	}
	return j
}

// splitList splits a comma list, refusing empty entries.
func splitList(name, s string) ([]string, error) {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
		if parts[i] == "" {
			return nil, badInput("--%s: empty entry in the list %q (write values separated by commas)", name, s)
		}
	}
	return parts, nil
}

func runCompare(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("compare", compareSynopsis, stderr)
	means := fs.String("mean", "0", "target means μ*, comma-separated")
	vars := fs.String("var", "0.25,1,4,16", "target variances ν* > 0, comma-separated")
	omegas := fs.String("omega", "0", "ω = Σw per unit, comma-separated")
	taus := fs.String("tau", "1", "τ = Σw² per unit, > 0, comma-separated")
	depth := fs.Int("depth", compare.DefaultDepth, "layers for the gradient growth over depth, 1 to 1000000")
	asJSON := fs.Bool("json", false, "write JSON instead of text")
	asCSV := fs.Bool("csv", false, "write CSV instead of text")
	html := fs.String("html", "", "write the trade-off page to FILE (atomically; - for standard output)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	set := setFlags(fs)
	if *asJSON && *asCSV {
		return badInput("compare: give --json or --csv, not both")
	}
	if set["html"] && (*html == "" || strings.HasPrefix(*html, "-") && *html != "-") {
		return badInput("compare: --html must name a file, or - for standard output, got %q", *html)
	}
	if *html != "" && *html != "-" {
		// Before the work, not after it.
		if err := atomicfile.Check(*html); err != nil {
			return badInput("compare: --html %s: %v", *html, err)
		}
	}
	if *depth < 1 || *depth > 1_000_000 {
		return badInput("--depth must be from 1 to 1000000, got %d", *depth)
	}
	ms, err := splitList("mean", *means)
	if err != nil {
		return err
	}
	vs, err := splitList("var", *vars)
	if err != nil {
		return err
	}
	ws, err := splitList("omega", *omegas)
	if err != nil {
		return err
	}
	ts, err := splitList("tau", *taus)
	if err != nil {
		return err
	}
	if n := len(ms) * len(vs) * len(ws) * len(ts); n > 1000 {
		return badInput("compare: %d rows requested; at most 1000", n)
	}
	var targets []solver.Target
	for _, m := range ms {
		for _, v := range vs {
			t, _, _, err := parseProblem(m, v, "0", "1")
			if err != nil {
				return err
			}
			targets = append(targets, t)
		}
	}
	var rows []compare.Row
	for _, w := range ws {
		om, err := solver.ParseDecimal(w)
		if err != nil {
			return badInput("--omega: %v", err)
		}
		for _, ts := range ts {
			ta, err := solver.ParseDecimal(ts)
			if err != nil {
				return badInput("--tau: %v", err)
			}
			if ta.Sign() <= 0 {
				return badInput("--tau must be > 0, got %s", ts)
			}
			if _, _, _, err := parseProblem("0", "1", w, ts); err != nil {
				return err
			}
			part, err := compare.Rows(targets, &compare.Options{Omega: om, Tau: ta, Depth: *depth})
			if err != nil {
				return usageError{err}
			}
			rows = append(rows, part...)
		}
	}
	// The product order is means, variances, ω, τ: reorder from the
	// (ω, τ)-outer loop above.
	rows = reorder(rows, len(targets), len(ws)*len(ts))

	if set["html"] {
		var buf bytes.Buffer
		if err := report.Tradeoff(&buf, rows, report.TradeoffOptions{Depth: *depth, CommandLine: reportCommandLine(append([]string{"selu-solve", "compare"}, args...))}); err != nil {
			return err
		}
		if *html == "-" {
			_, err := buf.WriteTo(stdout)
			return err
		}
		if err := atomicfile.WriteFile(*html, buf.Bytes(), 0o644); err != nil {
			return usageError{fmt.Errorf("compare: %w", err)}
		}
		if !*asJSON && !*asCSV {
			fmt.Fprintf(stderr, "wrote %s (%d bytes)\n", *html, buf.Len())
			return nil
		}
	}
	switch {
	case *asJSON:
		out := compareJSON{Depth: *depth, Rows: make([]compareRowJSON, len(rows))}
		for i, r := range rows {
			out.Rows[i] = compareRow(r)
		}
		return writeJSON(stdout, out)
	case *asCSV:
		return writeCompareCSV(stdout, rows)
	}
	return writeCompareText(stdout, rows, *depth)
}

// reorder turns rows computed weights-outer (k weight pairs × n targets)
// into targets-outer order (n targets × k weight pairs).
func reorder(rows []compare.Row, n, k int) []compare.Row {
	out := make([]compare.Row, 0, len(rows))
	for i := range n {
		for j := range k {
			out = append(out, rows[j*n+i])
		}
	}
	return out
}

var compareCSVHeader = []string{
	"mean", "var", "omega", "tau", "feasible", "lambda", "alpha", "spectral_radius", "spectral_norm",
	"layers_to_1pct", "gradient_growth", "gradient_growth_over_depth", "depth",
	"correlation_fixed_point", "correlation_slope", "correlation_depth", "predicted_trainable_depth",
	"mean_tau_minus_10pct", "var_tau_minus_10pct", "mean_tau_plus_10pct", "var_tau_plus_10pct",
	"dropout_rate", "dropout_a", "dropout_b", "error",
}

func writeCompareCSV(w io.Writer, rows []compare.Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(compareCSVHeader); err != nil {
		return err
	}
	g := func(x float64) string {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ""
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	for _, r := range rows {
		layers, errText := "", ""
		if r.LayersTo1Pct > 0 {
			layers = strconv.Itoa(r.LayersTo1Pct)
		}
		if r.Err != nil {
			errText = r.Err.Error()
		}
		rec := []string{
			g(r.Mean), g(r.Var), g(r.Omega), g(r.Tau), strconv.FormatBool(r.Feasible()), g(r.Lambda), g(r.Alpha),
			g(r.SpectralRadius), g(r.SpectralNorm), layers, g(r.GradientGrowth), g(r.GradientGrowthOverDepth),
			strconv.Itoa(r.Depth), g(r.CorrelationFixedPoint), g(r.CorrelationSlope), g(r.CorrelationDepth),
			g(r.TrainableDepth), g(r.TauLow.Mean), g(r.TauLow.Var), g(r.TauHigh.Mean), g(r.TauHigh.Var),
			g(r.DropoutRate), g(r.DropoutA), g(r.DropoutB), errText,
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cmpNum formats x with 6 significant digits ("–" for NaN).
func cmpNum(x float64) string {
	switch {
	case math.IsNaN(x):
		return "–"
	case math.IsInf(x, 1):
		return "∞"
	case x != 0 && (math.Abs(x) >= 1e6 || math.Abs(x) < 1e-4):
		return strconv.FormatFloat(x, 'e', 3, 64)
	}
	return strconv.FormatFloat(x, 'g', 6, 64)
}

// layersText formats the layers to within 1%: "never" for −1, and a
// count above a million with 4 significant digits, as many as the
// float64 ρ that close to 1 determines.
func layersText(n int) string {
	switch {
	case n < 0:
		return "never"
	case n >= 1_000_000:
		return cmpNum(float64(n))
	}
	return strconv.Itoa(n)
}

// depthText formats a correlation depth ξ_c (times factor): +Inf, where
// χ_c is too close to 1 for float64, is "> factor·compare.MaxCorrelationDepth".
func depthText(x, factor float64) string {
	if math.IsInf(x, 1) {
		return "> " + cmpNum(factor*compare.MaxCorrelationDepth)
	}
	return cmpNum(x)
}

func targetLabel(r compare.Row, withWeights bool) string {
	s := fmt.Sprintf("(%s, %s)", cmpNum(r.Mean), cmpNum(r.Var))
	if withWeights {
		s += fmt.Sprintf(" ω=%s τ=%s", cmpNum(r.Omega), cmpNum(r.Tau))
	}
	return s
}

func writeCompareText(w io.Writer, rows []compare.Row, depth int) error {
	withWeights := false
	for _, r := range rows {
		if r.Omega != rows[0].Omega || r.Tau != rows[0].Tau {
			withWeights = true
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	line := func(name string, f func(r compare.Row) string) {
		fmt.Fprintf(tw, "%s\t", name)
		for _, r := range rows {
			if r.Err != nil && name != "target (μ*, ν*)" {
				fmt.Fprint(tw, "–\t")
				continue
			}
			fmt.Fprintf(tw, "%s\t", f(r))
		}
		fmt.Fprintln(tw)
	}
	line("target (μ*, ν*)", func(r compare.Row) string { return targetLabel(r, withWeights) })
	line("λ", func(r compare.Row) string { return cmpNum(r.Lambda) })
	line("α", func(r compare.Row) string { return cmpNum(r.Alpha) })
	line("spectral radius ρ", func(r compare.Row) string { return cmpNum(r.SpectralRadius) })
	line("spectral norm S", func(r compare.Row) string { return cmpNum(r.SpectralNorm) })
	line("layers to within 1%", func(r compare.Row) string { return layersText(r.LayersTo1Pct) })
	line("gradient growth χ per layer", func(r compare.Row) string { return cmpNum(r.GradientGrowth) })
	line(fmt.Sprintf("… over %d layers χ^%d", depth, depth), func(r compare.Row) string { return "×" + cmpNum(r.GradientGrowthOverDepth) })
	line("correlation fixed point c*", func(r compare.Row) string { return cmpNum(r.CorrelationFixedPoint) })
	line("correlation slope χ_c", func(r compare.Row) string { return cmpNum(r.CorrelationSlope) })
	line("correlation depth ξ_c (layers)", func(r compare.Row) string { return depthText(r.CorrelationDepth, 1) })
	line("predicted trainable depth 6ξ_c", func(r compare.Row) string { return depthText(r.TrainableDepth, compare.TrainableDepthFactor) })
	line("fixed point, τ 10% low", func(r compare.Row) string { return pointLabel(r.TauLow.Mean, r.TauLow.Var) })
	line("fixed point, τ 10% high", func(r compare.Row) string { return pointLabel(r.TauHigh.Mean, r.TauHigh.Var) })
	line("dropout a (rate 0.1)", func(r compare.Row) string { return cmpNum(r.DropoutA) })
	line("dropout b (rate 0.1)", func(r compare.Row) string { return cmpNum(r.DropoutB) })
	if err := tw.Flush(); err != nil {
		return err
	}
	var b strings.Builder
	for _, r := range rows {
		if r.Err != nil {
			fmt.Fprintf(&b, "%s is infeasible: %v\n", targetLabel(r, withWeights), r.Err)
		}
	}
	b.WriteString("\n")
	b.WriteString(compareSummary(rows, depth))
	b.WriteString("The trainable depth 6ξ_c is a mean-field prediction (Schoenholz et al. 2017, \"Deep Information Propagation\"), not a measurement; see docs/why-0-and-1.md.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func pointLabel(m, v float64) string {
	if math.IsNaN(v) {
		return "no stable fixed point"
	}
	return fmt.Sprintf("(%s, %s)", cmpNum(m), cmpNum(v))
}

// compareSummary says in two or three sentences what changes from the
// first feasible row to the last one.
func compareSummary(rows []compare.Row, depth int) string {
	var first, last *compare.Row
	for i := range rows {
		if rows[i].Err == nil && rows[i].SpectralRadius < 1 {
			if first == nil {
				first = &rows[i]
			}
			last = &rows[i]
		}
	}
	if first == nil {
		return "No row has a stable fixed point: nothing to compare.\n"
	}
	if first == last {
		return fmt.Sprintf("Only %s has a stable fixed point: it settles to within 1%% in %s layers, the squared gradient norm grows ×%s over %d layers, and input correlations fade over ξ_c = %s layers.\n",
			targetLabel(*first, false), layersText(first.LayersTo1Pct), cmpNum(first.GradientGrowthOverDepth), depth, depthText(first.CorrelationDepth, 1))
	}
	a, z := first, last
	more := func(x, y float64, up, down string) string {
		if y > x {
			return up
		}
		return down
	}
	var b strings.Builder
	fmt.Fprintf(&b, "From %s to %s the layer map settles %s (ρ %s → %s, %s → %s layers to within 1%%).\n",
		targetLabel(*a, false), targetLabel(*z, false),
		more(a.SpectralRadius, z.SpectralRadius, "more slowly", "faster"),
		cmpNum(a.SpectralRadius), cmpNum(z.SpectralRadius), layersText(a.LayersTo1Pct), layersText(z.LayersTo1Pct))
	fmt.Fprintf(&b, "The squared gradient norm grows by χ = %s → %s per layer, ×%s → ×%s over %d layers.\n",
		cmpNum(a.GradientGrowth), cmpNum(z.GradientGrowth), cmpNum(a.GradientGrowthOverDepth), cmpNum(z.GradientGrowthOverDepth), depth)
	fmt.Fprintf(&b, "Input correlations are forgotten %s (ξ_c = %s → %s layers; predicted trainable depth about %s → %s layers).\n",
		more(a.CorrelationDepth, z.CorrelationDepth, "more slowly", "faster"),
		depthText(a.CorrelationDepth, 1), depthText(z.CorrelationDepth, 1),
		depthText(a.TrainableDepth, compare.TrainableDepthFactor), depthText(z.TrainableDepth, compare.TrainableDepthFactor))
	return b.String()
}
