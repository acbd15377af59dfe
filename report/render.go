package report

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"math/cmplx"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/selu-tool/selu/mapping"
)

//go:embed report.tmpl
var pageTemplate string

//go:embed report.css
var pageCSS string

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"g":       func(x float64) string { return formatG(x, 6) },
	"gmean":   formatMean,
	"side1":   sideOfOne,
	"g4":      func(x float64) string { return formatG(x, 4) },
	"full":    func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) },
	"complex": formatComplex,
	"dur":     formatDuration,
	"pct":     func(x float64) string { return strconv.FormatFloat(100*x, 'g', -1, 64) + " %" },
	"outcome": outcomeName,
	"list":    func(s ...string) []string { return s },
	"list2":   func(s ...any) []any { return s },
	"yesno": func(b *bool) string {
		switch {
		case b == nil:
			return "not computed"
		case *b:
			return "yes"
		}
		return "no"
	},
}).Parse(pageTemplate))

// view is what the template sees: the data plus the rendered figures and
// the words derived from the numbers.
type view struct {
	*reportData
	CSS        template.CSS
	Title      string
	Words      []string
	Warn       bool // the headline warns about the initialization
	Figures    map[string]template.HTML
	BasinCount basinSummary
	// VarBasinCount counts the outcomes of the variance basin.
	VarBasinCount basinSummary
	Legends       map[string][]legendItem
	MCRows        []mcRow
}

// snippetView is one framework's code.
type snippetView struct{ Name, Code string }

// basinSummary counts the outcomes of the basin grid.
type basinSummary struct {
	Starts                                  int
	Converged, Collapsed, Exploded, NotConv int
	MedianSteps, MaxSteps                   int
}

// mcRow is the last layer of one Monte Carlo run, for the table.
type mcRow struct {
	Run                      mcRun
	Mean, MeanSE, Var, VarSE float64
	PredMean, PredVar        float64
	MeanZ, VarZ              float64 // (sample − prediction)/se
}

// Render writes the report for d as one self-contained HTML document.
// It computes nothing beyond drawing the plots of the numbers in d.
func render(w io.Writer, d *reportData) error {
	if d == nil {
		return errors.New("report: nil Data")
	}
	v := &view{
		reportData: d,
		CSS:        template.CSS(pageCSS),
		Title:      fmt.Sprintf("SELU constants for mean %s, variance %s", d.Target.MeanText, d.Target.VarText),
		Figures:    map[string]template.HTML{},
	}
	v.Words = verdict(d)
	v.Warn = initWarning(d) != ""
	v.Legends = map[string][]legendItem{}
	if err := v.figures(); err != nil {
		return err
	}
	if d.Basin != nil {
		v.BasinCount = summarizeBasin(d.Basin)
		v.Legends["basin"] = basinLegend(d.Basin)
	}
	if d.VarBasin != nil {
		v.Legends["varbasin"] = varBasinLegend(d.VarBasin)
		v.VarBasinCount = summarizeBasin(&basinData{Outcome: d.VarBasin.Outcome, Steps: d.VarBasin.Steps})
	}
	if d.Feasibility != nil {
		v.Legends["feasibility"] = feasibilityLegend(d.Feasibility)
	}
	if mc := d.MonteCarlo; mc != nil {
		for _, r := range mc.Runs {
			last := len(r.Mean) - 1
			if last < 0 || last >= len(r.PredMean) {
				continue
			}
			row := mcRow{Run: r, Mean: r.Mean[last], MeanSE: r.MeanSE[last], Var: r.Var[last], VarSE: r.VarSE[last]}
			row.PredMean, row.PredVar = r.PredMean[last], r.PredVar[last]
			row.MeanZ = (row.Mean - row.PredMean) / row.MeanSE
			row.VarZ = (row.Var - row.PredVar) / row.VarSE
			v.MCRows = append(v.MCRows, row)
		}
	}
	var buf bytes.Buffer
	if err := page.Execute(&buf, v); err != nil {
		return fmt.Errorf("report: rendering: %w", err)
	}
	_, err := buf.WriteTo(w)
	return err
}

// figures draws every plot whose data is present.
func (v *view) figures() error {
	d := v.reportData
	fixed := point{d.Target.Mean, d.Target.Var}
	type fig struct {
		name string
		ok   bool
		draw func() (template.HTML, error)
	}
	figs := []fig{
		{"field", d.Field != nil, func() (template.HTML, error) { return fieldFigure(d.Field) }},
		{"basin", d.Basin != nil, func() (template.HTML, error) { return basinFigure(d.Basin, d.Basin.Fixed) }},
		{"varbasin", d.VarBasin != nil, func() (template.HTML, error) { return varBasinFigure(d.VarBasin) }},
		{"variance", d.Variance != nil, func() (template.HTML, error) { return varianceFigure(d.Variance) }},
		{"norm", d.Norm != nil, func() (template.HTML, error) {
			return stabilityFigure("Spectral norm S of H", "Spectral norm S of the Jacobian of g over the (μ, ν) plane, with the contour S = 1", "S", d.Norm, d.Norm, fixed)
		}},
		{"radius", d.Radius != nil, func() (template.HTML, error) {
			return stabilityFigure("Spectral radius ρ of H", "Spectral radius ρ of the Jacobian of g over the (μ, ν) plane, with the contours S = 1 and ρ = 1", "ρ", d.Radius, d.Norm, fixed)
		}},
		{"feasibility", d.Feasibility != nil, func() (template.HTML, error) { return feasibilityFigure(d.Feasibility, fixed) }},
	}
	if mc := d.MonteCarlo; mc != nil {
		for _, w := range []string{"exact", "lecun", "alt"} {
			if !slices.ContainsFunc(mc.Runs, func(r mcRun) bool { return r.Weights == w }) {
				continue
			}
			v.Legends["mc-"+w] = mcLegend(mc, w)
			for _, which := range []string{"mean", "var"} {
				figs = append(figs, fig{"mc-" + w + "-" + which, true, func() (template.HTML, error) { return mcFigure(mc, w, which) }})
			}
		}
	}
	for _, f := range figs {
		if !f.ok {
			continue
		}
		svg, err := f.draw()
		if err != nil {
			return fmt.Errorf("report: drawing the %s plot: %w", f.name, err)
		}
		v.Figures[f.name] = svg
	}
	return nil
}

// verdict says in plain words what the numbers mean. The first sentence
// is the headline: under which initialization the target holds, with a
// warning when the initialization frameworks use does not keep it.
func verdict(d *reportData) []string {
	var out []string
	s := d.Stability
	if w := initWarning(d); w != "" {
		out = append(out, w)
	}
	switch d.Verdict.Class {
	case mapping.Contracting:
		out = append(out, fmt.Sprintf("Stable%s. A SELU layer with these constants maps mean %s, variance %s to itself, and nearby inputs are drawn towards it: the layer map is a contraction at the fixed point (spectral norm S = %s < 1, spectral radius ρ = %s).",
			holdsUnder(d), d.Target.MeanText, d.Target.VarText, formatG(s.Norm, 6), formatG(s.Radius, 6)))
	case mapping.Stable:
		out = append(out, fmt.Sprintf("Stable%s. The fixed point attracts nearby inputs (spectral radius ρ = %s < 1), but the layer map is not a contraction in the 2-norm there (S = %s ≥ 1), so the paper's Theorem 1 argument does not apply as it stands; convergence is asymptotic, possibly after transient growth.",
			holdsUnder(d), formatG(s.Radius, 6), formatG(s.Norm, 6)))
	case mapping.Unknown:
		out = append(out, fmt.Sprintf("Stability unknown. These constants make mean %s, variance %s a fixed point of the layer map, but its Jacobian could not be evaluated there (λ or α beyond what float64 and the high-precision fallback handle), so whether it attracts is not known.",
			d.Target.MeanText, d.Target.VarText))
	default:
		out = append(out, fmt.Sprintf("Unstable. These constants make mean %s, variance %s a fixed point of the layer map, but a repelling one (spectral radius ρ = %s ≥ 1): a deep network will drift away from it.",
			d.Target.MeanText, d.Target.VarText, formatG(s.Radius, 6)))
	}
	switch c := d.Verdict.Certified; {
	case c == nil && d.Convention.Random:
		out = append(out, "Not certified: the interval-arithmetic certificate covers weights with fixed row sums; for random weights the map is one-dimensional, and its slope ρ at the target is the stability test.")
	case c == nil:
		out = append(out, "Not certified: no interval-arithmetic certificate was computed for this report.")
	case *c:
		claim := "the certificate holds"
		if d.Certificate != nil && d.Certificate.Claim != "" {
			claim = d.Certificate.Claim
		}
		out = append(out, "Certified: "+claim+".")
	default:
		reason := "the interval-arithmetic check could not prove the claim"
		if d.Certificate != nil && d.Certificate.Claim != "" {
			reason = "the interval-arithmetic check did not prove contraction and self-map on the box around the fixed point; the prover's reason: “" + d.Certificate.Claim + "”"
		}
		out = append(out, "Not certified: "+reason+" (section 4).")
	}
	if d.Convention.Name == "notebook" {
		out = append(out, "Convention: ω = 1, τ = 1 reproduces the authors' notebook getSELUparameters.ipynb, which plugs the target into the pre-activation; it agrees with the paper only for mean 0, and the fixed points it yields are typically unstable. Use the default ω = 0, τ = 1 for networks.")
	}
	return out
}

// holdsUnder names the initialization under which the stable fixed point
// holds, for the headline.
func holdsUnder(d *reportData) string {
	switch {
	case d.Convention.Random:
		return fmt.Sprintf(" with random weights N(0, %s/n)", formatG(d.Convention.Tau, 6))
	case d.Convention.Omega == 0 && d.Target.Mean == 0:
		return " with exact-row weights and with " + randomWeightsName(d.Convention.Tau) + " alike (at mean 0 the two conventions coincide)"
	case d.Convention.Omega == 0:
		return " with exact-row weights only (every unit's Σw = 0, Σw² = τ exactly)"
	}
	return fmt.Sprintf(" with weight rows of Σw = %s, Σw² = %s exactly", formatG(d.Convention.Omega, 6), formatG(d.Convention.Tau, 6))
}

// initWarning is the headline warning for constants of the paper's
// convention at a target with μ* ≠ 0: LeCun-normal random weights, what
// frameworks draw, do not keep the target (section 1 compares the two
// conventions).
func initWarning(d *reportData) string {
	c := d.Compare
	if c == nil || d.Convention.Random {
		return ""
	}
	col := c.Columns[0].LeCun
	if col.Kept {
		return ""
	}
	random := "LeCun-normal random weights, the initialization frameworks use,"
	if tau := d.Convention.Tau; tau != 1 {
		random = randomWeightsName(tau) + ", drawn independently as frameworks draw them,"
	}
	w := fmt.Sprintf("Warning: with %s these constants do not keep mean %s: the map of the pooled statistics predicts mean %s, variance %s after %d layers. They hold only with the exact-row initializer of section 7 (every unit's Σw = 0).",
		random, d.Target.MeanText, formatG(col.Mean, 3), formatG(col.Var, 3), c.Layers)
	if other := c.Columns[1]; other.Constants.Lambda > 0 {
		w += fmt.Sprintf(" For random weights use λ = %s, α = %s (selu-solve %s), compared side by side below.", formatG(other.Constants.Lambda, 6), formatG(other.Constants.Alpha, 6), randomWeightsFlag(d.Convention.Tau))
	}
	return w
}

func summarizeBasin(b *basinData) basinSummary {
	s := basinSummary{Starts: len(b.Outcome)}
	var steps []int
	for k, o := range b.Outcome {
		switch o {
		case outConverged:
			s.Converged++
			steps = append(steps, b.Steps[k])
			s.MaxSteps = max(s.MaxSteps, b.Steps[k])
		case outCollapsed:
			s.Collapsed++
		case outExploded:
			s.Exploded++
		default:
			s.NotConv++
		}
	}
	if len(steps) > 0 {
		// The median by counting, steps are small integers.
		counts := make([]int, s.MaxSteps+1)
		for _, n := range steps {
			counts[n]++
		}
		acc := 0
		for n, c := range counts {
			acc += c
			if 2*acc >= len(steps) {
				s.MedianSteps = n
				break
			}
		}
	}
	return s
}

// formatG formats x with n significant digits, without an exponent for
// moderate magnitudes.
func formatG(x float64, n int) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "∞"
	case math.IsInf(x, -1):
		return "−∞"
	}
	s := strconv.FormatFloat(x, 'g', n, 64)
	if a := math.Abs(x); a != 0 && (a < 1e-4 || a >= 1e6) {
		mant, exp, _ := strings.Cut(s, "e")
		e, _ := strconv.Atoi(exp)
		s = mant + "·10" + superscript(e)
	}
	return strings.Replace(s, "-", "−", 1)
}

// formatMean formats a mean μ found in float64 next to a variance ν, as
// formatG(μ, 6), but writes 0 when |μ| is below 10⁻¹² of the scale
// max(1, √ν): that is rounding error, not a mean known to six digits.
func formatMean(mu, nu float64) string {
	if math.Abs(mu) <= 1e-12*math.Max(1, math.Sqrt(math.Abs(nu))) {
		return "0"
	}
	return formatG(mu, 6)
}

// sideOfOne returns ">" or "<" when every value of g lies above or below
// 1 (no contour at 1 crosses it), and "" when the values straddle or
// touch 1.
func sideOfOne(g *grid) string {
	if g == nil {
		return ""
	}
	above, below := false, false
	for _, z := range g.Z {
		above = above || z >= 1
		below = below || z <= 1
	}
	switch {
	case above && !below:
		return ">"
	case below && !above:
		return "<"
	}
	return ""
}

func superscript(n int) string {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	var b strings.Builder
	if n < 0 {
		b.WriteString("⁻")
		n = -n
	}
	s := strconv.Itoa(n)
	for _, c := range s {
		b.WriteString(string([]rune(digits)[c-'0']))
	}
	return b.String()
}

func formatComplex(z complex128) string {
	re, im := real(z), imag(z)
	if im == 0 {
		return formatG(re, 8)
	}
	sign := "+"
	if im < 0 {
		sign = "−"
	}
	return fmt.Sprintf("%s %s %si (|·| = %s)", formatG(re, 8), sign, formatG(math.Abs(im), 8), formatG(cmplx.Abs(z), 8))
}

func formatDuration(d time.Duration) string {
	switch {
	case d >= time.Second:
		return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + " s"
	case d >= time.Millisecond:
		return strconv.FormatFloat(float64(d)/1e6, 'f', 1, 64) + " ms"
	default:
		return strconv.FormatFloat(float64(d)/1e3, 'f', 0, 64) + " µs"
	}
}
