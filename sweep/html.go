package sweep

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"image/color"
	"io"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"selu/mapping"
)

//go:embed sweep.tmpl
var pageTemplate string

var page = template.Must(template.New("sweep").Parse(pageTemplate))

// edgeSamples is the number of variances at which the feasibility edge is
// evaluated for the heat maps.
const edgeSamples = 200

// WriteHTML writes a self-contained HTML page (inline SVG, no scripts or
// external resources) with heat maps of λ, α and the spectral radius ρ over
// the grid (mean across, variance up), infeasible targets in grey, and the
// edges of the feasible region, lo(ν) < μ* < hi(ν), drawn as lines
// (computed in float64 by edgeMeans). α is shown as log₁₀ α when it
// spans more than a factor 20. The grid needs at least 2 means and 2
// variances.
func (t *Table) WriteHTML(w io.Writer) error {
	g := t.Grid
	if g.Mean.Len() < 2 || g.Var.Len() < 2 {
		return fmt.Errorf("sweep: the HTML heat maps need at least 2 means and 2 variances, got %d × %d", g.Mean.Len(), g.Var.Len())
	}
	lo, hi := t.edges()
	value := func(f func(r Row) float64) *heatGrid {
		h := &heatGrid{t: t, z: make([]float64, len(t.Rows))}
		for k, r := range t.Rows {
			h.z[k] = math.NaN()
			if r.Feasible {
				h.z[k] = f(r)
			}
		}
		return h
	}
	lam := value(func(r Row) float64 { return r.Constants.Lambda })
	alpha := value(func(r Row) float64 { return r.Constants.Alpha })
	alphaLabel := "α"
	if amin, amax := alpha.minMax(); amax > 20*amin {
		for k, v := range alpha.z {
			alpha.z[k] = math.Log10(v)
		}
		alphaLabel = "log₁₀ α"
	}
	rho := value(func(r Row) float64 { return r.Stability.SpectralRadius })

	type figure struct {
		Title string
		SVG   template.HTML
	}
	var figs []figure
	for _, f := range []struct {
		title, label string
		h            *heatGrid
	}{
		{"λ (lambda)", "λ", lam},
		{"α (alpha)", alphaLabel, alpha},
		{"spectral radius ρ of the Jacobian at the fixed point (stable where ρ < 1)", "ρ", rho},
	} {
		svg, err := heatSVG(f.h, f.label, lo, hi)
		if err != nil {
			return fmt.Errorf("sweep: drawing %s: %w", f.label, err)
		}
		figs = append(figs, figure{f.title, svg})
	}
	feasible, stable := 0, 0
	for _, r := range t.Rows {
		if r.Feasible {
			feasible++
			if r.Stable() {
				stable++
			}
		}
	}
	return page.Execute(w, map[string]any{
		"Omega": decimal(t.Omega), "Tau": decimal(t.Tau), "Digits": t.Digits,
		"MeanLo": g.Mean.Text(0), "MeanHi": g.Mean.Text(g.Mean.Len() - 1), "MeanN": g.Mean.Len(),
		"VarLo": g.Var.Text(0), "VarHi": g.Var.Text(g.Var.Len() - 1), "VarN": g.Var.Len(),
		"Targets": len(t.Rows), "Feasible": feasible, "Stable": stable,
		"Figures": figs,
	})
}

// edges returns the feasibility edges (lo(ν), ν) and (hi(ν), ν) at
// edgeSamples variances spanning the grid (see edgeMeans).
func (t *Table) edges() (lo, hi plotter.XYs) {
	g := t.Grid
	v0, v1 := g.Var.Float64(0), g.Var.Float64(g.Var.Len()-1)
	om, _ := t.Omega.Float64()
	tau, _ := t.Tau.Float64()
	for i := range edgeSamples {
		nu := v0 + (v1-v0)*float64(i)/float64(edgeSamples-1)
		l, h := edgeMeans(om, tau, nu)
		if !math.IsInf(l, 0) && !math.IsNaN(l) {
			lo = append(lo, plotter.XY{X: l, Y: nu})
		}
		if !math.IsInf(h, 0) && !math.IsNaN(h) {
			hi = append(hi, plotter.XY{X: h, Y: nu})
		}
	}
	return lo, hi
}

// feasible reports, in float64, whether the target (mu, nu) has a SELU at
// weights ω, τ: with A, B, C, D the integrals of z ~ N(μω, ντ) (SPEC §2),
//
//	−|B|/√D < μ/√(ν+μ²) < A/√C    (SPEC §4).
//
// decided is false when float64 cannot tell: a bound is not finite (A, C
// underflow for very negative μω), or h = μ/√(ν+μ²) is within 1e-12 of a
// bound (for large |μω| the bounds and h agree to exponentially small
// terms).
func feasible(omega, tau, mu, nu float64) (ok, decided bool) {
	in := mapping.NewIntegrals(mu*omega, nu*tau)
	h := mu / math.Sqrt(nu+mu*mu)
	lo, hi := -math.Abs(in.B)/math.Sqrt(in.D), in.A/math.Sqrt(in.C)
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) || !(lo < hi) {
		return false, false
	}
	ok = lo < h && h < hi
	return ok, math.Min(math.Abs(h-lo), math.Abs(hi-h)) > 1e-12
}

// edgeMeans returns the edges of the feasible means around 0 for variance
// nu, in float64, for drawing: it steps outward from μ = 0 through
// μ = ±√ν·0.01·1.25ᵏ, k = 0…63 (as solver.FeasibleMeans does) to the first
// infeasible mean and bisects to float64 resolution. An edge not found
// within |μ| ≈ 10⁴√ν, or beyond a step that float64 cannot decide, is
// ±Inf (not drawn). The tests compare it with solver.FeasibleMeans.
func edgeMeans(omega, tau, nu float64) (lo, hi float64) {
	edge := func(sign float64) float64 {
		in := 0.0
		for k := range 64 {
			out := sign * math.Sqrt(nu) * 0.01 * math.Pow(1.25, float64(k))
			ok, decided := feasible(omega, tau, out, nu)
			if !decided {
				return sign * math.Inf(1)
			}
			if !ok {
				// Near the edge h meets a bound, so bisect on the plain
				// comparison.
				for range 200 {
					mid := in + (out-in)/2
					if mid == in || mid == out {
						break
					}
					if ok, _ := feasible(omega, tau, mid, nu); ok {
						in = mid
					} else {
						out = mid
					}
				}
				return in + (out-in)/2
			}
			in = out
		}
		return sign * math.Inf(1)
	}
	return edge(-1), edge(1)
}

// heatGrid is a plotter.GridXYZ over the table's grid: column c is mean c,
// row r is variance r.
type heatGrid struct {
	t *Table
	z []float64
}

func (h *heatGrid) Dims() (c, r int)   { return h.t.Grid.Mean.Len(), h.t.Grid.Var.Len() }
func (h *heatGrid) Z(c, r int) float64 { return h.z[c*h.t.Grid.Var.Len()+r] }
func (h *heatGrid) X(c int) float64    { return h.t.Grid.Mean.Float64(c) }
func (h *heatGrid) Y(r int) float64    { return h.t.Grid.Var.Float64(r) }

// minMax returns the range of the finite values, (NaN, NaN) if none.
func (h *heatGrid) minMax() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range h.z {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if lo > hi {
		return math.NaN(), math.NaN()
	}
	return lo, hi
}

var infeasibleGrey = color.NRGBA{R: 0xd8, G: 0xd8, B: 0xd8, A: 0xff}

// heatSVG draws the heat map of h with a colour bar labelled label and the
// edge lines, and returns the SVG element.
func heatSVG(h *heatGrid, label string, lo, hi plotter.XYs) (template.HTML, error) {
	zmin, zmax := h.minMax()
	if math.IsNaN(zmin) { // no feasible target: an all-grey map
		zmin, zmax = 0, 1
	}
	if zmax == zmin {
		zmin, zmax = zmin-0.5, zmax+0.5
	}
	cm := moreland.Kindlmann()
	cm.SetMin(zmin)
	cm.SetMax(zmax)

	p := plot.New()
	p.X.Label.Text = "target mean μ*"
	p.Y.Label.Text = "target variance ν*"
	hm := plotter.NewHeatMap(h, cm.Palette(255))
	hm.Min, hm.Max = zmin, zmax
	hm.NaN = infeasibleGrey
	hm.Rasterized = true
	p.Add(hm)
	for _, e := range []plotter.XYs{lo, hi} {
		if len(e) < 2 {
			continue
		}
		l, err := plotter.NewLine(e)
		if err != nil {
			return "", err
		}
		l.Color = color.Black
		l.Width = vg.Points(1.5)
		l.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
		p.Add(l)
	}
	// Keep the axes on the grid (the edge may run outside it).
	c, r := h.Dims()
	dx := (h.X(c-1) - h.X(0)) / float64(c-1) / 2
	dy := (h.Y(r-1) - h.Y(0)) / float64(r-1) / 2
	p.X.Min, p.X.Max = h.X(0)-dx, h.X(c-1)+dx
	p.Y.Min, p.Y.Max = h.Y(0)-dy, h.Y(r-1)+dy

	bar := plot.New()
	bar.HideY()
	bar.X.Label.Text = label
	bar.Add(&plotter.ColorBar{ColorMap: cm})
	bar.X.Min, bar.X.Max = zmin, zmax

	const width = 6 * vg.Inch
	const height = 5.8 * vg.Inch
	img := vgsvg.New(width, height)
	dc := draw.New(img)
	top := draw.Crop(dc, 0, 0, 1.3*vg.Inch, 0)
	bottom := draw.Crop(dc, 0, 0, 0, -(height - 1.3*vg.Inch))
	p.Draw(top)
	bar.Draw(bottom)
	var buf bytes.Buffer
	if _, err := img.WriteTo(&buf); err != nil {
		return "", err
	}
	s := buf.String()
	if i := strings.Index(s, "<svg"); i > 0 {
		s = s[i:] // drop the XML prolog: the SVG is inlined in HTML
	}
	// Raster images (heat map, colour bar) must fill their boxes exactly;
	// SVG's default would keep the pixel aspect ratio and letterbox them.
	s = strings.ReplaceAll(s, "<image ", `<image preserveAspectRatio="none" `)
	return template.HTML(s), nil // trusted: generated here
}
