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

	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/vg"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/sweep"
)

//go:embed sweep.tmpl
var sweepTemplate string

// sweepPage shares the report's functions and its "legend" template.
var sweepPage = template.Must(template.Must(page.Clone()).New("sweep").Parse(sweepTemplate))

// sweepEdgeSamples is the number of variances at which the feasibility
// edges are evaluated (sweep.Table.Edges) for the heat maps.
const sweepEdgeSamples = 200

// colorInfeasible fills the cells of infeasible targets on the sweep heat
// maps; it is apart from both ends of yellowGreenBlue and from the middle
// of blueWhiteRed.
var colorInfeasible = color.NRGBA{R: 0xb8, G: 0xb8, B: 0xb8, A: 0xff}

// sweepView is what the sweep template sees.
type sweepView struct {
	CSS              template.CSS
	Omega, Tau       string
	Digits           int
	MeanLo, MeanHi   string
	MeanN            int
	VarLo, VarHi     string
	VarN             int
	Targets          int
	Feasible, Stable int
	Edges            bool // at least one edge crosses the grid's variances
	Figures          []sweepFigure
	Legend           []legendItem
	AlphaLog         bool // α is shown as log₁₀ α
	NonzeroOmega     bool
	// Certify is set when the table carries certificates (sweep
	// --certify): the counts certified at the paper's widths, at smaller
	// widths, and not certified.
	Certify                         bool
	CertAsked, CertSmaller, CertNot int
}

type sweepFigure struct {
	ID, Title, Caption string
	SVG                template.HTML
}

// RenderSweep writes the page of a sweep of targets (selu-solve sweep
// --html) as one self-contained HTML document, styled like the report:
// the weights, the grid, the number of targets, how many are feasible and
// how many of those stable (t.Counts), and five heat maps over the grid
// (target mean μ* across, target variance ν* up, one cell per target):
//
//   - λ, on a sequential color map;
//   - α, on a sequential color map, shown as log₁₀ α when the largest α is
//     more than 20 times the smallest;
//   - the spectral radius ρ and the spectral norm S of the Jacobian of g at
//     the fixed point (Eq. 87, 69/88), and the gradient growth
//     χ = τ·E[selu'(z)²] (mapping.Layer.GradientGrowth, the only value
//     RenderSweep evaluates itself), each on a diverging map white at 1,
//     blue below and red above, each side spanning the values present;
//   - for a certified table (t.Certify), the fraction of Theorem 1's
//     (ω, τ) widths certified (sweep.Certification.Scale), 0 to 1, with
//     the counts certified as asked, at smaller widths and not at all.
//
// Cells of infeasible targets are grey, and the edges of the feasible
// region, lo(ν*) < μ* < hi(ν*), are drawn as dashed lines on every map
// (t.Edges at 200 variances). The values are the rows' float64 constants
// and stability. The
// heat maps are rasterized (one pixel per target) inside inline SVG, so
// the page stays small for large grids. The grid must have at least 2
// means and 2 variances.
func RenderSweep(w io.Writer, t *sweep.Table) error {
	if t == nil {
		return errors.New("report: nil sweep table")
	}
	g := t.Grid
	nm, nv := g.Mean.Len(), g.Var.Len()
	if nm < 2 || nv < 2 {
		return fmt.Errorf("report: the sweep heat maps need at least 2 means and 2 variances, got %d × %d", nm, nv)
	}
	if len(t.Rows) != g.Len() {
		return fmt.Errorf("report: sweep table has %d rows for a grid of %d targets", len(t.Rows), g.Len())
	}
	v := &sweepView{
		CSS:     template.CSS(pageCSS),
		Digits:  t.Digits,
		MeanLo:  g.Mean.Text(0),
		MeanHi:  g.Mean.Text(nm - 1),
		MeanN:   nm,
		VarLo:   g.Var.Text(0),
		VarHi:   g.Var.Text(nv - 1),
		VarN:    nv,
		Targets: len(t.Rows),
	}
	v.Omega, v.Tau = t.WeightsText()
	v.NonzeroOmega = t.Omega.Sign() != 0
	v.Feasible, v.Stable = t.Counts()
	lo, hi := t.Edges(sweepEdgeSamples)
	v.Edges = len(lo) >= 2 || len(hi) >= 2

	m := sweepMaps{x: make([]float64, nm), y: make([]float64, nv), t: t, lo: lo, hi: hi}
	for i := range m.x {
		m.x[i] = g.Mean.Float64(i)
	}
	for j := range m.y {
		m.y[j] = g.Var.Float64(j)
	}
	lam := m.values(func(r sweep.Row) float64 { return r.Constants.Lambda })
	alpha := m.values(func(r sweep.Row) float64 { return r.Constants.Alpha })
	alphaLabel := "α"
	if amin, amax := minMax(alpha, true), minMax(alpha, false); amax > 20*amin {
		for k, a := range alpha {
			alpha[k] = math.Log10(a)
		}
		alphaLabel, v.AlphaLog = "log₁₀ α", true
	}
	rho := m.values(func(r sweep.Row) float64 { return r.Stability.SpectralRadius })
	norm := m.values(func(r sweep.Row) float64 { return r.Stability.SpectralNorm })
	om, _ := t.Omega.Float64()
	ta, _ := t.Tau.Float64()
	nvar := len(m.y)
	chi := make([]float64, len(t.Rows))
	for k, r := range t.Rows {
		chi[k] = math.NaN()
		if r.Feasible {
			l := mapping.Layer{Constants: r.Constants, Weights: mapping.Weights{Omega: om, Tau: ta}}
			chi[k] = l.GradientGrowth(mapping.Point{Mean: m.x[k/nvar], Var: m.y[k%nvar]})
		}
	}
	fitted := func(z []float64) palette.ColorMap { return fittedAroundOne(minMax(z, true), minMax(z, false)) }
	figs := []struct {
		id, title, label, caption string
		z                         []float64
		cm                        palette.ColorMap
	}{
		{"fig-lambda", "λ (lambda)", "λ", "Scale λ of the SELU that has each target as fixed point.", lam,
			sequential(lam)},
		{"fig-alpha", "α (alpha)", alphaLabel, "α of the SELU that has each target as fixed point" +
			map[bool]string{true: ", on a log₁₀ scale.", false: "."}[v.AlphaLog], alpha, sequential(alpha)},
		{"fig-rho", "Spectral radius ρ at the fixed point", "ρ",
			"Spectral radius ρ of the Jacobian of g at the fixed point (Eq. 87): stable where ρ < 1 (blue), unstable where ρ > 1 (red); white is 1, and each side's colours span the values present.",
			rho, fitted(rho)},
		{"fig-norm", "Spectral norm S at the fixed point", "S",
			"Spectral norm S of the Jacobian at the fixed point (Eq. 69/88): the layer map contracts where S < 1 (blue), the condition of the paper's Theorem 1.",
			norm, fitted(norm)},
		{"fig-chi", "Gradient growth χ per layer", "χ",
			"Gradient growth χ = τ·E[selu'(z)²] at the fixed point: the factor by which the mean squared gradient grows per layer going backwards; gradients vanish where χ < 1 (blue) and explode where χ > 1 (red).",
			chi, fitted(chi)},
	}
	if t.Certify {
		v.Certify = true
		scale := m.values(func(r sweep.Row) float64 {
			c := r.Certificate
			switch {
			case c == nil || !c.Certified:
				v.CertNot++
				return 0
			case c.Scale >= 1:
				v.CertAsked++
			default:
				v.CertSmaller++
			}
			return c.Scale
		})
		figs = append(figs, struct {
			id, title, label, caption string
			z                         []float64
			cm                        palette.ColorMap
		}{"fig-certified", "Certified widths of (ω, τ)", "scale",
			"Fraction of Theorem 1's weight ranges ω ± 0.1, τ·[0.95, 1.1] on which a unique attracting fixed point is proved around each target (selu-solve verify --mean M --var V; on one (μ, ν) box, or with the ranges split into pieces, each with a box of its own): 1 certified as asked, 0.1 for ω ± 0.01, τ·[0.99, 1.01], 0 not certified.",
			scale, newRamp(yellowGreenBlue, 0, 1)})
	}
	for _, f := range figs {
		svg, err := m.draw(f.title, f.label, f.z, f.cm)
		if err != nil {
			return fmt.Errorf("report: drawing the %s heat map: %w", f.label, err)
		}
		v.Figures = append(v.Figures, sweepFigure{ID: f.id, Title: f.title, Caption: f.caption, SVG: svg})
	}
	if v.Feasible < v.Targets {
		v.Legend = append(v.Legend, legendItem{cssColor(colorInfeasible), "infeasible target", ""})
	}
	if v.Edges {
		v.Legend = append(v.Legend, legendItem{cssColor(colorInk), "edge of the feasible region", "dashed"})
	}

	var buf bytes.Buffer
	if err := sweepPage.Execute(&buf, v); err != nil {
		return fmt.Errorf("report: rendering the sweep page: %w", err)
	}
	_, err := buf.WriteTo(w)
	return err
}

// sweepMaps holds what the three sweep heat maps share: the grid's
// coordinates, the table and the feasibility edges.
type sweepMaps struct {
	x, y   []float64 // means, variances
	t      *sweep.Table
	lo, hi []mapping.Point
}

// values returns f of each row in the table's (mean-major) order, NaN for
// infeasible targets.
func (m *sweepMaps) values(f func(r sweep.Row) float64) []float64 {
	z := make([]float64, len(m.t.Rows))
	for k, r := range m.t.Rows {
		z[k] = math.NaN()
		if r.Feasible {
			z[k] = f(r)
		}
	}
	return z
}

// draw draws the heat map of z (mean-major, NaN for infeasible) on cm with
// the feasibility edges and a color bar labelled label.
func (m *sweepMaps) draw(title, label string, z []float64, cm palette.ColorMap) (template.HTML, error) {
	nv := len(m.y)
	r := raster{x: m.x, y: m.y, color: func(i, j int) color.Color {
		v := z[i*nv+j]
		if !finite(v) {
			return colorInfeasible
		}
		return colorAt(cm, v)
	}}
	p := newPlot(title, "target mean μ*", "target variance ν*")
	p.Add(r.plotter())
	for _, e := range [][]mapping.Point{m.lo, m.hi} {
		if len(e) < 2 {
			continue
		}
		xs, ys := make([]float64, len(e)), make([]float64, len(e))
		for i, q := range e {
			xs[i], ys[i] = q.Mean, q.Var
		}
		l, err := line(xs, ys, colorInk, vg.Points(1.6), vg.Points(5), vg.Points(3))
		if err != nil {
			return "", err
		}
		p.Add(l)
	}
	// Keep the axes on the grid: the edges may run outside it.
	dx, dy := cellSize(m.x)/2, cellSize(m.y)/2
	p.X.Min, p.X.Max = m.x[0]-dx, m.x[len(m.x)-1]+dx
	p.Y.Min, p.Y.Max = m.y[0]-dy, m.y[len(m.y)-1]+dy
	return drawWithColorbar("Heat map of "+label+" over the grid of targets (μ*, ν*), infeasible targets grey, with the edges of the feasible region", p, cm, label)
}

// sequential returns the report's sequential color map over the finite
// values of z (over [0, 1] if there are none, over a unit interval around
// the value if there is only one).
func sequential(z []float64) palette.ColorMap {
	lo, hi := minMax(z, true), minMax(z, false)
	switch {
	case lo > hi: // no finite value: every cell is infeasible
		lo, hi = 0, 1
	case lo == hi:
		lo, hi = lo-0.5, hi+0.5
	}
	return newRamp(yellowGreenBlue, lo, hi)
}
