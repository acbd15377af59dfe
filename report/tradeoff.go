package report

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"image/color"
	"io"
	"math"
	"math/big"
	"runtime"
	"strconv"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/selu-tool/selu/compare"
	"github.com/selu-tool/selu/solver"
)

//go:embed tradeoff.tmpl
var tradeoffTemplate string

var tradeoffPage = template.Must(template.New("tradeoff").Parse(tradeoffTemplate))

// TradeoffOptions configure Tradeoff. The zero value asks for depth 32,
// 41 variances from 0.01 to 100 on the curves and a 31 × 31 grid for the
// maps.
type TradeoffOptions struct {
	Depth       int     // layers for the gradient growth over depth; 0: compare.DefaultDepth
	VarMin      float64 // smallest ν* of the curves and maps; 0: 0.01
	VarMax      float64 // largest ν*; 0: 100
	CurvePoints int     // variances on each curve; 0: 41
	MapPoints   int     // means and variances of the heat maps; 0: 31
	MeanMin     float64 // the heat maps' mean range; both 0: [−1, 1]
	MeanMax     float64
	CommandLine string // shown on the page if not empty
}

func (o *TradeoffOptions) defaults() error {
	if o.Depth == 0 {
		o.Depth = compare.DefaultDepth
	}
	if o.VarMin == 0 && o.VarMax == 0 {
		o.VarMin, o.VarMax = 0.01, 100
	}
	if o.CurvePoints == 0 {
		o.CurvePoints = 41
	}
	if o.MapPoints == 0 {
		o.MapPoints = 31
	}
	if o.MeanMin == 0 && o.MeanMax == 0 {
		o.MeanMin, o.MeanMax = -1, 1
	}
	switch {
	case o.Depth < 1:
		return fmt.Errorf("report: trade-off depth must be ≥ 1, got %d", o.Depth)
	case !(o.VarMin > 0 && o.VarMax > o.VarMin) || math.IsInf(o.VarMax, 0):
		return fmt.Errorf("report: trade-off variances must satisfy 0 < min < max, got %v, %v", o.VarMin, o.VarMax)
	case o.CurvePoints < 2 || o.CurvePoints > 2000 || o.MapPoints < 2 || o.MapPoints > 200:
		return fmt.Errorf("report: trade-off points: want 2…2000 per curve and 2…200 per map axis, got %d, %d", o.CurvePoints, o.MapPoints)
	case !(o.MeanMax > o.MeanMin):
		return fmt.Errorf("report: trade-off mean range [%v, %v] is empty", o.MeanMin, o.MeanMax)
	}
	return nil
}

// TradeoffCurve is one family of targets (μ*, ν*) with ν* running over a
// log grid, for fixed μ* and weights: the rows of compare.Rows along it.
type TradeoffCurve struct {
	Mean, Omega, Tau float64
	Rows             []compare.Row
}

// NewTradeoffCurve computes the curve for mean μ* and weights ω, τ at n
// variances spaced evenly in log from lo to hi.
func NewTradeoffCurve(mean, omega, tau, lo, hi float64, n, depth int) (TradeoffCurve, error) {
	c := TradeoffCurve{Mean: mean, Omega: omega, Tau: tau}
	targets := make([]compare.Target, n)
	for i := range n {
		targets[i] = solver.NewTarget(mean, logPoint(lo, hi, i, n))
	}
	rows, err := compare.Rows(targets, &compare.Options{
		Omega: new(big.Rat).SetFloat64(omega), Tau: new(big.Rat).SetFloat64(tau), Depth: depth,
	})
	c.Rows = rows
	return c, err
}

func logPoint(lo, hi float64, i, n int) float64 {
	return math.Exp(math.Log(lo) + (math.Log(hi)-math.Log(lo))*float64(i)/float64(n-1))
}

// tradeoffView is what tradeoff.tmpl sees.
type tradeoffView struct {
	CSS         template.CSS
	Depth       int
	CommandLine string
	Table       []tradeoffRow
	Figures     []sweepFigure
	Summary     string
}

type tradeoffRow struct {
	Target, Lambda, Alpha, Rho, Layers, Chi, ChiDepth, CStar, ChiC, XiC, Trainable, Error string
}

// Tradeoff writes the trade-off page (selu-solve compare --html): the
// requested targets in a table, and as marks on curves over ν* (log axis,
// VarMin to VarMax) for each requested mean and weights:
//
//   - the spectral radius ρ and the layers to get within 1% of the fixed
//     point;
//   - the gradient growth χ per layer and χ^Depth;
//   - the correlation depth ξ_c and the trainable depth 6ξ_c that
//     Schoenholz et al. 2017 predict;
//   - λ and α;
//   - the trade-off itself: layers to settle against χ^Depth, the curve
//     parametrized by ν*;
//
// and heat maps of χ and ξ_c over (μ*, ν*) for the first row's weights,
// infeasible targets grey, with the edges of the feasible region. The
// page is one self-contained HTML document styled like the report.
func Tradeoff(w io.Writer, rows []compare.Row, o TradeoffOptions) error {
	v, err := newTradeoffView(rows, o)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := tradeoffPage.Execute(&buf, v); err != nil {
		return fmt.Errorf("report: rendering the trade-off page: %w", err)
	}
	_, err = buf.WriteTo(w)
	return err
}

// TradeoffSection returns the figures of the trade-off page for rows (the
// curves over ν*, the trade-off plot and the heat maps, each a <figure>
// with its caption, inside a <div class="figures">), for a section of
// another page styled by the report's CSS — for example the single-target
// report, with the target's compare.Row.
func TradeoffSection(rows []compare.Row, o TradeoffOptions) (template.HTML, error) {
	v, err := newTradeoffView(rows, o)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := tradeoffPage.ExecuteTemplate(&buf, "tradeoff-figures", v); err != nil {
		return "", fmt.Errorf("report: rendering the trade-off figures: %w", err)
	}
	return template.HTML(buf.String()), nil
}

func newTradeoffView(rows []compare.Row, o TradeoffOptions) (*tradeoffView, error) {
	if len(rows) == 0 {
		return nil, errors.New("report: the trade-off page needs at least one target")
	}
	if err := o.defaults(); err != nil {
		return nil, err
	}
	v := &tradeoffView{CSS: template.CSS(pageCSS), Depth: o.Depth, CommandLine: o.CommandLine}
	for _, r := range rows {
		v.Table = append(v.Table, newTradeoffRow(r))
	}

	// One curve per distinct (μ*, ω, τ), at most len(series).
	type key struct{ m, w, t float64 }
	var curves []TradeoffCurve
	seen := map[key]bool{}
	for _, r := range rows {
		k := key{r.Mean, r.Omega, r.Tau}
		if seen[k] || len(curves) == len(series) {
			continue
		}
		seen[k] = true
		c, err := NewTradeoffCurve(r.Mean, r.Omega, r.Tau, o.VarMin, o.VarMax, o.CurvePoints, o.Depth)
		if err != nil {
			return nil, err
		}
		curves = append(curves, c)
	}

	get := func(f func(r compare.Row) float64) func(r compare.Row) float64 { return f }
	type curveFig struct {
		id, title, ylabel, caption string
		logY                       bool
		ys                         []func(r compare.Row) float64
		names                      []string
	}
	figs := []curveFig{
		{"fig-rho", "Spectral radius ρ at the fixed point", "ρ",
			"How fast the layer map settles: a deviation from the fixed point shrinks by ρ per layer (Jacobian of g, Eq. 87–88). Larger ν* settles faster.",
			false, []func(compare.Row) float64{get(func(r compare.Row) float64 { return r.SpectralRadius })}, []string{"ρ"}},
		{"fig-layers", "Layers to get within 1% of the fixed point", "layers",
			"⌈ln 0.01 / ln ρ⌉: the layers after which a deviation along the slowest direction has shrunk to 1%.",
			true, []func(compare.Row) float64{get(func(r compare.Row) float64 {
				if r.LayersTo1Pct < 0 {
					return math.NaN()
				}
				return float64(r.LayersTo1Pct)
			})}, []string{"layers to 1%"}},
		{"fig-chi", "Gradient growth χ per layer", "χ",
			"χ = τ·E[selu′(z)²]: the factor by which one layer multiplies the expected squared gradient norm (mean-field). χ > 1 for every target here: gradients grow towards the input.",
			false, []func(compare.Row) float64{get(func(r compare.Row) float64 { return r.GradientGrowth })}, []string{"χ"}},
		{"fig-chi-depth", fmt.Sprintf("Gradient growth over %d layers", o.Depth), fmt.Sprintf("χ^%d", o.Depth),
			fmt.Sprintf("χ^%d: the growth of the squared gradient norm from the last layer back to the first of %d, on a log axis.", o.Depth, o.Depth),
			true, []func(compare.Row) float64{get(func(r compare.Row) float64 { return r.GradientGrowthOverDepth })}, []string{"χ^depth"}},
		{"fig-xi", "Correlation depth ξ_c and predicted trainable depth", "layers",
			"ξ_c = −1/ln χ_c (solid): the layers over which input correlations relax to c* by the factor e. Dashed: 6ξ_c, the depth up to which Schoenholz et al. (2017, “Deep Information Propagation”) found random networks trainable — a prediction, not a measurement.",
			true, []func(compare.Row) float64{
				get(func(r compare.Row) float64 { return r.CorrelationDepth }),
				get(func(r compare.Row) float64 { return r.TrainableDepth }),
			}, []string{"ξ_c", "6ξ_c"}},
		{"fig-constants", "The constants λ and α", "value",
			"λ (solid) and α (dashed) of the SELU that has each target as its fixed point.",
			true, []func(compare.Row) float64{
				get(func(r compare.Row) float64 { return r.Lambda }),
				get(func(r compare.Row) float64 { return r.Alpha }),
			}, []string{"λ", "α"}},
	}
	for _, f := range figs {
		svg, err := curveFigure(f.title, f.ylabel, f.logY, curves, rows, f.ys, f.names)
		if err != nil {
			return nil, fmt.Errorf("report: drawing %s: %w", f.id, err)
		}
		v.Figures = append(v.Figures, sweepFigure{ID: f.id, Title: f.title, Caption: f.caption, SVG: svg})
	}
	svg, err := tradeoffFigure(curves, rows, o.Depth)
	if err != nil {
		return nil, fmt.Errorf("report: drawing the trade-off: %w", err)
	}
	v.Figures = append(v.Figures, sweepFigure{ID: "fig-tradeoff", Title: "The trade-off",
		Caption: fmt.Sprintf("Layers to settle (within 1%%) against the growth of the squared gradient norm over %d layers, along each curve of targets (ν* from %s to %s; the small dots are ν* = 0.01, 0.1, 1, 10, 100 where they lie on the curve). Down is faster settling, right is larger gradient growth: no target is best in both.", o.Depth, formatG(o.VarMin, 3), formatG(o.VarMax, 3)),
		SVG:     svg})

	maps, err := tradeoffMaps(rows[0], o)
	if err != nil {
		return nil, err
	}
	v.Figures = append(v.Figures, maps...)
	v.Summary = tradeoffSummary(rows)
	return v, nil
}

func g6(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	if math.IsInf(x, 1) {
		return "∞"
	}
	return formatG(x, 6)
}

func newTradeoffRow(r compare.Row) tradeoffRow {
	t := tradeoffRow{Target: fmt.Sprintf("(%s, %s)", g6(r.Mean), g6(r.Var))}
	if r.Omega != 0 || r.Tau != 1 {
		t.Target += fmt.Sprintf(", ω = %s, τ = %s", g6(r.Omega), g6(r.Tau))
	}
	if r.Err != nil {
		t.Error = r.Err.Error()
		return t
	}
	t.Lambda, t.Alpha, t.Rho = g6(r.Lambda), g6(r.Alpha), g6(r.SpectralRadius)
	t.Layers = "never"
	if r.LayersTo1Pct > 0 {
		t.Layers = strconv.Itoa(r.LayersTo1Pct)
	}
	t.Chi, t.ChiDepth = g6(r.GradientGrowth), g6(r.GradientGrowthOverDepth)
	t.CStar, t.ChiC, t.XiC, t.Trainable = g6(r.CorrelationFixedPoint), g6(r.CorrelationSlope), g6(r.CorrelationDepth), g6(r.TrainableDepth)
	return t
}

func curveLegendName(c TradeoffCurve, name string, many bool) string {
	if !many {
		return name
	}
	s := fmt.Sprintf("%s, μ* = %s", name, g6(c.Mean))
	if c.Omega != 0 || c.Tau != 1 {
		s += fmt.Sprintf(", ω = %s, τ = %s", g6(c.Omega), g6(c.Tau))
	}
	return s
}

// logAxis sets a log scale with labelled powers of ten.
func logAxis(a *plot.Axis) {
	a.Scale = plot.LogScale{}
	a.Tick.Marker = sparseLogTicks{}
}

// sparseLogTicks labels at most about six powers of ten, with unlabelled
// ticks at the other decades.
type sparseLogTicks struct{}

func (sparseLogTicks) Ticks(min, max float64) []plot.Tick {
	if !(min > 0) || !(max > min) {
		return nil
	}
	lo, hi := math.Floor(math.Log10(min)), math.Ceil(math.Log10(max))
	step := math.Max(1, math.Ceil((hi-lo)/5))
	var t []plot.Tick
	for k := lo; k <= hi; k++ {
		v := math.Pow(10, k)
		if v < min*(1-1e-12) || v > max*(1+1e-12) {
			continue
		}
		tk := plot.Tick{Value: v}
		if math.Mod(k, step) == 0 {
			tk.Label = decadeLabel(k)
		}
		t = append(t, tk)
	}
	if len(t) < 2 { // less than a decade: label the ends
		t = append(t, plot.Tick{Value: min, Label: formatG(min, 2)}, plot.Tick{Value: max, Label: formatG(max, 2)})
	}
	return t
}

// decadeLabel writes 10^k as a plain number from 0.001 to 10⁴, else as 10^k.
func decadeLabel(k float64) string {
	if k >= -3 && k <= 4 {
		return strconv.FormatFloat(math.Pow(10, k), 'f', -1, 64)
	}
	return "1e" + strconv.Itoa(int(k))
}

// emptyLogAxis gives a log axis that received no data (every target of
// the curves infeasible or unstable, as for the notebook's weights ω = 1)
// the range [lo, hi], so that the figure is drawn empty instead of
// gonum/plot panicking on the default range [−1, 1].
func emptyLogAxis(a *plot.Axis, lo, hi float64) {
	if !(a.Min > 0) || !(a.Max > a.Min) || math.IsInf(a.Max, 0) {
		a.Min, a.Max = lo, hi
	}
}

// legendPadding separates the entries of a legend drawn inside a plot, so
// that their text boxes do not overlap in a browser (whose line boxes are
// taller than gonum/plot's rows).
const legendPadding = 3 * vg.Millimeter / 2

// curveFigure draws each curve's ys against ν* (log axis) and marks the
// requested rows.
func curveFigure(title, ylabel string, logY bool, curves []TradeoffCurve, rows []compare.Row, ys []func(compare.Row) float64, names []string) (template.HTML, error) {
	p := newPlot(title, "target variance ν* (log scale)", ylabel)
	p.Legend.Padding = legendPadding
	logAxis(&p.X)
	if logY {
		logAxis(&p.Y)
	}
	many := len(curves) > 1
	// The legend goes in the top corner the curves leave free: the left
	// one when the first curve rises to the right.
	if len(curves) > 0 {
		var first, last float64
		n := 0
		for _, r := range curves[0].Rows {
			if v := ys[0](r); r.Err == nil && finite(v) {
				if n == 0 {
					first = v
				}
				last, n = v, n+1
			}
		}
		p.Legend.Left = n > 1 && last > first
	}
	for ci, c := range curves {
		col := series[ci%len(series)]
		for k, y := range ys {
			xs, vs := make([]float64, 0, len(c.Rows)), make([]float64, 0, len(c.Rows))
			for _, r := range c.Rows {
				val := y(r)
				if r.Err != nil || !finite(val) || logY && !(val > 0) {
					continue
				}
				xs, vs = append(xs, r.Var), append(vs, val)
			}
			if len(xs) < 2 {
				continue
			}
			var dashes []vg.Length
			if k == 1 {
				dashes = []vg.Length{vg.Points(5), vg.Points(3)}
			}
			l, err := line(xs, vs, col, vg.Points(1.8), dashes...)
			if err != nil {
				return "", err
			}
			p.Add(l)
			p.Legend.Add(curveLegendName(c, names[k], many), l)
		}
	}
	if err := markTargets(p, rows, func(r compare.Row) (float64, float64, bool) { return r.Var, ys[0](r), true }, logY, false); err != nil {
		return "", err
	}
	for _, y := range ys[1:] {
		if err := markTargets(p, rows, func(r compare.Row) (float64, float64, bool) { return r.Var, y(r), true }, logY, true); err != nil {
			return "", err
		}
	}
	if len(curves) > 0 && len(curves[0].Rows) > 0 {
		c := curves[0].Rows
		emptyLogAxis(&p.X, c[0].Var, c[len(c)-1].Var)
	}
	if logY {
		emptyLogAxis(&p.Y, 1, 10)
	}
	return drawPlot(title+" over the target variance ν*, with the requested targets marked", p)
}

// markTargets rings the requested targets at (x, y) = at(row).
func markTargets(p *plot.Plot, rows []compare.Row, at func(compare.Row) (float64, float64, bool), logY, quiet bool) error {
	var xy plotter.XYs
	for _, r := range rows {
		if r.Err != nil {
			continue
		}
		x, y, ok := at(r)
		if !ok || !finite(x) || !finite(y) || logY && !(y > 0) {
			continue
		}
		xy = append(xy, plotter.XY{X: x, Y: y})
	}
	if len(xy) == 0 {
		return nil
	}
	halo, err := plotter.NewScatter(xy)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	halo.GlyphStyle = draw.GlyphStyle{Color: color.White, Radius: vg.Points(5), Shape: draw.CircleGlyph{}}
	ring, err := plotter.NewScatter(xy)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	ring.GlyphStyle = draw.GlyphStyle{Color: colorFixed, Radius: vg.Points(5), Shape: draw.RingGlyph{}}
	p.Add(halo, ring)
	if !quiet {
		p.Legend.Add("requested target", ring)
	}
	return nil
}

// tradeoffFigure draws layers to settle against χ^depth along each curve.
func tradeoffFigure(curves []TradeoffCurve, rows []compare.Row, depth int) (template.HTML, error) {
	p := newPlot("Settling against gradient growth", fmt.Sprintf("gradient growth over %d layers χ^%d (log scale)", depth, depth), "layers to within 1%")
	p.Legend.Padding = legendPadding
	logAxis(&p.X)
	many := len(curves) > 1
	for ci, c := range curves {
		col := series[ci%len(series)]
		var xs, ys []float64
		var decades plotter.XYs
		for _, r := range c.Rows {
			if r.Err != nil || r.LayersTo1Pct < 0 || !(r.GradientGrowthOverDepth > 0) || !finite(r.GradientGrowthOverDepth) {
				continue
			}
			xs, ys = append(xs, r.GradientGrowthOverDepth), append(ys, float64(r.LayersTo1Pct))
			if l := math.Log10(r.Var); math.Abs(l-math.Round(l)) < 1e-9 {
				decades = append(decades, plotter.XY{X: r.GradientGrowthOverDepth, Y: float64(r.LayersTo1Pct)})
			}
		}
		if len(xs) < 2 {
			continue
		}
		l, err := line(xs, ys, col, vg.Points(1.8))
		if err != nil {
			return "", err
		}
		p.Add(l)
		p.Legend.Add(curveLegendName(c, "ν* from low (left) to high", many), l)
		if len(decades) > 0 {
			d, err := plotter.NewScatter(decades)
			if err != nil {
				return "", fmt.Errorf("report: %w", err)
			}
			d.GlyphStyle = draw.GlyphStyle{Color: col, Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
			p.Add(d)
		}
	}
	if err := markTargets(p, rows, func(r compare.Row) (float64, float64, bool) {
		return r.GradientGrowthOverDepth, float64(r.LayersTo1Pct), r.LayersTo1Pct > 0 && r.GradientGrowthOverDepth > 0
	}, false, false); err != nil {
		return "", err
	}
	emptyLogAxis(&p.X, 1, 10)
	return drawPlot("Layers to settle against the gradient growth over the depth, one curve per family of targets parametrized by ν*, the requested targets marked", p)
}

// tradeoffMaps draws the heat maps of χ and ξ_c over (μ*, log ν*) for the
// weights of row r.
func tradeoffMaps(r compare.Row, o TradeoffOptions) ([]sweepFigure, error) {
	n := o.MapPoints
	xs := make([]float64, n)
	ys := make([]float64, n) // log₁₀ ν*
	targets := make([]compare.Target, 0, n*n)
	for i := range n {
		xs[i] = o.MeanMin + (o.MeanMax-o.MeanMin)*float64(i)/float64(n-1)
	}
	for j := range n {
		ys[j] = math.Log10(logPoint(o.VarMin, o.VarMax, j, n))
	}
	for i := range n {
		for j := range n {
			targets = append(targets, solver.NewTarget(xs[i], math.Pow(10, ys[j])))
		}
	}
	rows, err := parallelCompareRows(targets, &compare.Options{
		Omega: new(big.Rat).SetFloat64(r.Omega), Tau: new(big.Rat).SetFloat64(r.Tau), Depth: o.Depth,
	})
	if err != nil {
		return nil, err
	}
	// Feasibility edges at each grid variance.
	var lo, hi [][2]float64
	tau := new(big.Rat).SetFloat64(r.Tau)
	om := new(big.Rat).SetFloat64(r.Omega)
	for j := range n {
		a, b, err := solver.FeasibleMeans(new(big.Rat).SetFloat64(math.Pow(10, ys[j])), &solver.Options{Omega: om, Tau: tau})
		if err != nil {
			continue
		}
		if finite(a) {
			lo = append(lo, [2]float64{a, ys[j]})
		}
		if finite(b) {
			hi = append(hi, [2]float64{b, ys[j]})
		}
	}
	chi := make([]float64, len(rows))
	xi := make([]float64, len(rows))
	for k, row := range rows {
		chi[k], xi[k] = math.NaN(), math.NaN()
		if row.Err == nil {
			chi[k] = row.GradientGrowth
			if row.CorrelationDepth > 0 {
				xi[k] = math.Log10(row.CorrelationDepth)
			}
		}
	}
	weights := ""
	if r.Omega != 0 || r.Tau != 1 {
		weights = fmt.Sprintf(" (ω = %s, τ = %s)", g6(r.Omega), g6(r.Tau))
	}
	var out []sweepFigure
	for _, f := range []struct {
		id, title, label, caption string
		z                         []float64
	}{
		{"fig-map-chi", "Gradient growth χ over the targets" + weights, "χ",
			"χ = τ·E[selu′(z)²] per layer at each feasible target (μ*, ν*); grey: infeasible (no SELU with λ, α > 0 has the target as fixed point); dashed: the edges of the feasible region.", chi},
		{"fig-map-xi", "Correlation depth ξ_c over the targets" + weights, "log₁₀ ξ_c",
			"log₁₀ of the correlation depth ξ_c = −1/ln χ_c in layers; grey: infeasible; dashed: the edges of the feasible region.", xi},
	} {
		cm := sequential(f.z)
		nv := n
		rs := raster{x: xs, y: ys, color: func(i, j int) color.Color {
			v := f.z[i*nv+j]
			if !finite(v) {
				return colorInfeasible
			}
			return colorAt(cm, v)
		}}
		p := newPlot(f.title, "target mean μ*", "target variance ν* (log scale)")
		p.Add(rs.plotter())
		for _, e := range [][][2]float64{lo, hi} {
			if len(e) < 2 {
				continue
			}
			ex, ey := make([]float64, len(e)), make([]float64, len(e))
			for i, q := range e {
				ex[i], ey[i] = q[0], q[1]
			}
			l, err := line(ex, ey, colorInk, vg.Points(1.6), vg.Points(5), vg.Points(3))
			if err != nil {
				return nil, err
			}
			p.Add(l)
		}
		dx, dy := cellSize(xs)/2, cellSize(ys)/2
		p.X.Min, p.X.Max = xs[0]-dx, xs[n-1]+dx
		p.Y.Min, p.Y.Max = ys[0]-dy, ys[n-1]+dy
		p.Y.Tick.Marker = decadeTicks{}
		svg, err := drawWithColorbar("Heat map of "+f.label+" over the targets (μ*, ν*), infeasible targets grey, with the edges of the feasible region", p, palette.ColorMap(cm), f.label)
		if err != nil {
			return nil, err
		}
		out = append(out, sweepFigure{ID: f.id, Title: f.title, Caption: f.caption, SVG: svg})
	}
	return out, nil
}

// decadeTicks labels an axis of log₁₀ values at the integers as 10^k.
type decadeTicks struct{}

func (decadeTicks) Ticks(min, max float64) []plot.Tick {
	var t []plot.Tick
	for k := math.Ceil(min); k <= max; k++ {
		t = append(t, plot.Tick{Value: k, Label: decadeLabel(k)})
	}
	return t
}

// tradeoffSummary says what changes from the first feasible target to the
// last, in two sentences.
func tradeoffSummary(rows []compare.Row) string {
	var a, z *compare.Row
	for i := range rows {
		if rows[i].Err == nil {
			if a == nil {
				a = &rows[i]
			}
			z = &rows[i]
		}
	}
	if a == nil {
		return "No requested target is feasible."
	}
	if a == z {
		return fmt.Sprintf("(%s, %s): ρ = %s, χ = %s per layer, ξ_c = %s layers.", g6(a.Mean), g6(a.Var), g6(a.SpectralRadius), g6(a.GradientGrowth), g6(a.CorrelationDepth))
	}
	return fmt.Sprintf("From (%s, %s) to (%s, %s): ρ %s → %s (layers to within 1%%: %d → %d), gradient growth χ %s → %s per layer, correlation depth ξ_c %s → %s layers.",
		g6(a.Mean), g6(a.Var), g6(z.Mean), g6(z.Var), g6(a.SpectralRadius), g6(z.SpectralRadius), a.LayersTo1Pct, z.LayersTo1Pct,
		g6(a.GradientGrowth), g6(z.GradientGrowth), g6(a.CorrelationDepth), g6(z.CorrelationDepth))
}

// parallelCompareRows is compare.Rows with the targets split over
// GOMAXPROCS goroutines; the rows are in the order of the targets.
func parallelCompareRows(targets []compare.Target, o *compare.Options) ([]compare.Row, error) {
	workers := min(runtime.GOMAXPROCS(0), len(targets))
	if workers <= 1 {
		return compare.Rows(targets, o)
	}
	rows := make([]compare.Row, len(targets))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(targets)/workers, (w+1)*len(targets)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			part, err := compare.Rows(targets[lo:hi], o)
			copy(rows[lo:hi], part)
			errs[w] = err
		}()
	}
	wg.Wait()
	return rows, errors.Join(errs...)
}
