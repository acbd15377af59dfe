package report

import (
	"fmt"
	"html/template"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Axis labels.
const (
	labelMu = "mean μ"
	labelNu = "variance ν"
)

// arrows is a plotter drawing the vector field f: at each grid point an
// arrow pointing along g(μ, ν) − (μ, ν) as it appears on the page (the
// direction is exact in plot coordinates), with a length proportional to
// the square root of the step's size relative to the largest step, so that
// the slow region near the fixed point stays visible.
type arrows struct {
	f     *fieldData
	style draw.LineStyle
}

func (a arrows) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	f := a.f
	nx, ny := len(f.X), len(f.Y)
	// Step sizes measured on the page, in canvas units.
	mag := make([]float64, nx*ny)
	var dirX, dirY []float64
	dirX = make([]float64, nx*ny)
	dirY = make([]float64, nx*ny)
	maxMag := 0.0
	// Scale data steps to canvas units with a small probe so that the
	// transform of long steps does not leave the plot.
	sx := float64(trX(f.X[0]+1) - trX(f.X[0]))
	sy := float64(trY(f.Y[0]+1) - trY(f.Y[0]))
	for k := range mag {
		u, v := f.DX[k]*sx, f.DY[k]*sy
		m := math.Hypot(u, v)
		if !finite(m) {
			continue
		}
		mag[k], dirX[k], dirY[k] = m, u, v
		maxMag = math.Max(maxMag, m)
	}
	if maxMag == 0 {
		return
	}
	cell := math.Min(
		float64(trX(f.X[0]+cellSize(f.X))-trX(f.X[0])),
		float64(trY(f.Y[0]+cellSize(f.Y))-trY(f.Y[0])),
	)
	c.SetLineStyle(a.style)
	for j, y := range f.Y {
		for i, x := range f.X {
			k := j*nx + i
			if mag[k] == 0 {
				continue
			}
			l := 0.9 * cell * math.Sqrt(mag[k]/maxMag)
			ux, uy := dirX[k]/mag[k], dirY[k]/mag[k]
			cx, cy := float64(trX(x)), float64(trY(y))
			tail := vg.Point{X: vg.Length(cx - ux*l/2), Y: vg.Length(cy - uy*l/2)}
			tip := vg.Point{X: vg.Length(cx + ux*l/2), Y: vg.Length(cy + uy*l/2)}
			c.StrokeLine2(a.style, tail.X, tail.Y, tip.X, tip.Y)
			h := math.Min(0.35*l, 0.3*cell)
			w := 0.45 * h
			back := vg.Point{X: tip.X - vg.Length(ux*h), Y: tip.Y - vg.Length(uy*h)}
			c.FillPolygon(a.style.Color, []vg.Point{
				tip,
				{X: back.X - vg.Length(uy*w), Y: back.Y + vg.Length(ux*w)},
				{X: back.X + vg.Length(uy*w), Y: back.Y - vg.Length(ux*w)},
			})
		}
	}
}

func (a arrows) DataRange() (xmin, xmax, ymin, ymax float64) {
	dx, dy := cellSize(a.f.X)/2, cellSize(a.f.Y)/2
	return a.f.X[0] - dx, a.f.X[len(a.f.X)-1] + dx, a.f.Y[0] - dy, a.f.Y[len(a.f.Y)-1] + dy
}

// fieldFigure draws the paper's Figure 2 for the report's constants.
func fieldFigure(f *fieldData) (template.HTML, error) {
	p := newPlot("Layer map g: step g(μ, ν) − (μ, ν)", labelMu, labelNu)
	p.Add(arrows{f: f, style: draw.LineStyle{Color: colorInk, Width: vg.Points(0.8)}})
	for n, path := range f.Paths {
		xs, ys := make([]float64, len(path)), make([]float64, len(path))
		for i, q := range path {
			xs[i], ys[i] = q.Mean, q.Var
		}
		l, err := line(xs, ys, series[n%len(series)], vg.Points(1.4))
		if err != nil {
			return "", err
		}
		s, err := marker(path[:1], series[n%len(series)], draw.CircleGlyph{}, vg.Points(2.5))
		if err != nil {
			return "", err
		}
		p.Add(l, s)
	}
	if err := fixedMarker(p, f.Fixed, false); err != nil {
		return "", err
	}
	xmin, xmax, ymin, ymax := arrows{f: f}.DataRange()
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = xmin, xmax, ymin, ymax
	return drawPlot("Vector field of the layer map g over the (μ, ν) plane with its fixed point", p)
}

// basinColors are the colors of the outcomes other than convergence.
func outcomeColor(o outcome) color.Color {
	switch o {
	case outCollapsed:
		return colorCollapsed
	case outExploded:
		return colorExploded
	default:
		return colorStuck
	}
}

// basinFigure draws the steps to converge from each start as a heat map.
func basinFigure(b *basinData, fixed point) (template.HTML, error) {
	lo, hi, converged := math.MaxInt, 0, false
	for k, o := range b.Outcome {
		if o == outConverged {
			lo, hi, converged = min(lo, b.Steps[k]), max(hi, b.Steps[k]), true
		}
	}
	if hi <= lo {
		lo, hi = max(0, hi-1), hi+1
	}
	cm := newRamp(yellowGreenBlue, float64(lo), float64(hi))
	nx := len(b.X)
	r := raster{x: b.X, y: b.Y, color: func(i, j int) color.Color {
		k := j*nx + i
		o := b.Outcome[k]
		if o == outConverged {
			return colorAt(cm, float64(b.Steps[k]))
		}
		return outcomeColor(o)
	}}
	p := newPlot("Basin of attraction: steps to converge", labelMu, labelNu)
	p.Add(r.plotter())
	if err := fixedMarker(p, fixed, false); err != nil {
		return "", err
	}
	const label = "Basin of attraction of the fixed point: steps to converge from each start"
	if !converged {
		return drawPlot(label, p)
	}
	return drawWithColorbar(label, p, cm, "steps")
}

func outcomeName(o outcome) string {
	switch o {
	case outConverged:
		return "converged"
	case outCollapsed:
		return "variance collapses to 0"
	case outExploded:
		return "diverges"
	default:
		return "not converged in the step limit"
	}
}

// varianceFigure draws ν̃(μ*, ν) against the identity on log–log axes.
func varianceFigure(c *curve) (template.HTML, error) {
	p := newPlot(fmt.Sprintf("Variance map at μ = %.4g", c.Mean), "input variance ν", "output variance ν̃")
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = logTicks{}, logTicks{}
	lo, hi := c.X[0], c.X[len(c.X)-1]
	id, err := line([]float64{lo, hi}, []float64{lo, hi}, colorIdentity, vg.Points(1), vg.Points(4), vg.Points(3))
	if err != nil {
		return "", err
	}
	p.Add(id)
	p.Legend.Add("identity: output = input", id)
	// Split the curve into runs where the variance grows and shrinks.
	grow, shrink := series[2], series[5]
	var addedGrow, addedShrink bool
	start := 0
	for i := 1; i <= len(c.X); i++ {
		if i < len(c.X) && (c.Y[i] > c.X[i]) == (c.Y[start] > c.X[start]) {
			continue
		}
		end := min(i+1, len(c.X))
		up := c.Y[start] > c.X[start]
		col := shrink
		if up {
			col = grow
		}
		l, err := line(c.X[start:end], c.Y[start:end], col, vg.Points(2.2))
		if err != nil {
			return "", err
		}
		p.Add(l)
		if up && !addedGrow {
			p.Legend.Add("output above: variance grows", l)
			addedGrow = true
		}
		if !up && !addedShrink {
			p.Legend.Add("output below: variance shrinks", l)
			addedShrink = true
		}
		start = i
	}
	if err := fixedMarker(p, point{c.Fixed, c.Fixed}, true); err != nil {
		return "", err
	}
	// Bottom right, inside the axes, where the curve (near the diagonal)
	// leaves room.
	p.Legend.Top, p.Legend.Left = false, false
	p.Legend.XOffs, p.Legend.YOffs = -vg.Points(6), vg.Points(6)
	p.Legend.Padding = vg.Points(2.5)
	p.X.Min, p.X.Max = lo, hi
	return drawPlot("Output variance against input variance at the fixed mean, with the identity line", p)
}

// stabilityFigure draws a heat map of z (S or ρ) with the contour z = 1 and,
// when given, the contour S = 1 of norm.
func stabilityFigure(title, label, cbLabel string, z, norm *grid, fixed point) (template.HTML, error) {
	cm := fittedAroundOne(minMax(z.Z, true), minMax(z.Z, false))
	r := raster{x: z.X, y: z.Y, color: func(i, j int) color.Color { return colorAt(cm, z.At(i, j)) }}
	p := newPlot(title, labelMu, labelNu)
	p.Add(r.plotter())
	addContour := func(g *grid, dashes []vg.Length) {
		if !(minMax(g.Z, true) < 1 && minMax(g.Z, false) > 1) {
			return // no level-1 crossing in the window
		}
		ct := plotter.NewContour(gridXYZ{g}, []float64{1}, solid{colorInk})
		ct.LineStyles = []draw.LineStyle{{Color: colorInk, Width: vg.Points(1.6), Dashes: dashes}}
		p.Add(ct)
	}
	if norm != nil {
		addContour(norm, nil)
	}
	if norm != z {
		addContour(z, []vg.Length{vg.Points(4), vg.Points(3)})
	}
	if err := fixedMarker(p, fixed, false); err != nil {
		return "", err
	}
	dx, dy := cellSize(z.X)/2, cellSize(z.Y)/2
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = z.X[0]-dx, z.X[len(z.X)-1]+dx, z.Y[0]-dy, z.Y[len(z.Y)-1]+dy
	return drawWithColorbar(label, p, cm, cbLabel)
}

// Colors of the feasibility classes.
var classColors = [...]color.Color{
	classInfeasible:  color.NRGBA{0xf2, 0xf2, 0xf2, 0xff},
	classUnstable:    color.NRGBA{0xf4, 0xa5, 0x82, 0xff},
	classStable:      color.NRGBA{0x92, 0xc5, 0xde, 0xff},
	classContracting: color.NRGBA{0x21, 0x66, 0xac, 0xff},
	classUnknown:     color.NRGBA{0x80, 0x80, 0x80, 0xff},
}

var classNames = [...]string{
	classInfeasible:  "infeasible: no SELU with λ, α > 0",
	classUnstable:    "feasible, unstable (ρ ≥ 1)",
	classStable:      "feasible, stable (ρ < 1, S ≥ 1)",
	classContracting: "feasible, contraction (S < 1)",
	classUnknown:     "feasible, stability unknown (float64 fails)",
}

// feasibilityFigure draws the classes of targets with the report's target.
func feasibilityFigure(f *feasibilityData, target point) (template.HTML, error) {
	nx := len(f.X)
	r := raster{x: f.X, y: f.Y, color: func(i, j int) color.Color { return classColors[f.Class[j*nx+i]] }}
	p := newPlot("Feasible targets (μ*, ν*)", "target mean μ*", "target variance ν*")
	p.Add(r.plotter())
	if err := fixedMarker(p, target, false); err != nil {
		return "", err
	}
	dx, dy := cellSize(f.X)/2, cellSize(f.Y)/2
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = f.X[0]-dx, f.X[len(f.X)-1]+dx, f.Y[0]-dy, f.Y[len(f.Y)-1]+dy
	return drawPlot("Region of feasible targets in the (μ*, ν*) plane, with this target marked", p)
}

// mcFigure draws the per-layer mean (which = "mean") or variance of the
// runs with the given weights, with ±2 standard-error bands, against the
// map's prediction.
func mcFigure(mc *monteCarlo, weights, which string) (template.HTML, error) {
	kind := map[string]string{"exact": "exact-row weights", "lecun": "random weights", "alt": "other constants"}[weights]
	title, ylabel := "Per-layer mean, "+kind, "mean of activations"
	if which == "var" {
		title, ylabel = "Per-layer variance, "+kind, "variance of activations"
	}
	p := newPlot(title, "layer", ylabel)
	p.Add(plotter.NewGrid())
	type pred struct{ y []float64 }
	var preds []pred
	for n, run := range mc.Runs {
		if run.Weights != weights {
			continue
		}
		v, se, pv := run.Mean, run.MeanSE, run.PredMean
		if which == "var" {
			v, se, pv = run.Var, run.VarSE, run.PredVar
		}
		x := make([]float64, len(v))
		lo, hi := make([]float64, len(v)), make([]float64, len(v))
		for i := range v {
			x[i] = float64(i + 1)
			lo[i], hi[i] = v[i]-2*se[i], v[i]+2*se[i]
		}
		col := series[n%len(series)]
		b, err := band(x, lo, hi, col)
		if err != nil {
			return "", err
		}
		l, err := line(x, v, col, vg.Points(1.4))
		if err != nil {
			return "", err
		}
		p.Add(b, l)
		dup := false
		for _, q := range preds {
			if slices.Equal(q.y, pv) {
				dup = true
			}
		}
		if !dup && len(pv) > 0 {
			preds = append(preds, pred{pv})
		}
	}
	for k, q := range preds {
		x := make([]float64, len(q.y))
		for i := range x {
			x[i] = float64(i + 1)
		}
		dashes := []vg.Length{vg.Points(5), vg.Points(3)}
		if k > 0 {
			dashes = []vg.Length{vg.Points(1.5), vg.Points(2)}
		}
		l, err := line(x, q.y, colorInk, vg.Points(1.6), dashes...)
		if err != nil {
			return "", err
		}
		p.Add(l)
	}
	return drawPlot(title+" of the simulated networks with ±2 standard-error bands and the map's prediction", p)
}

// legendItem is one entry of a legend written in HTML under a figure.
type legendItem struct {
	Color template.CSS // a CSS color
	Name  string
	// Line is "" for a filled box, "ring" for a ring and "dot" for a
	// filled circle (markers), else the CSS border style of a line.
	Line string
}

// mcLegend lists the runs with the given weights and the predictions, in
// the colors and dashes mcFigure uses.
func mcLegend(mc *monteCarlo, weights string) []legendItem {
	var items []legendItem
	var dropout bool
	for n, run := range mc.Runs {
		if run.Weights == weights {
			items = append(items, legendItem{cssColor(series[n%len(series)]), run.Name + " (±2 se band)", "solid"})
			dropout = dropout || run.Dropout > 0
		}
	}
	items = append(items, legendItem{cssColor(colorInk), "map prediction", "dashed"})
	if dropout {
		items = append(items, legendItem{cssColor(colorInk), "map prediction with dropout", "dotted"})
	}
	return items
}

func cssColor(c color.Color) template.CSS {
	r, g, b, _ := c.RGBA()
	return template.CSS(fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8))
}

// basinLegend lists the outcomes other than convergence present in b.
func basinLegend(b *basinData) []legendItem {
	seen := map[outcome]bool{}
	for _, o := range b.Outcome {
		seen[o] = true
	}
	var items []legendItem
	for _, o := range []outcome{outCollapsed, outExploded, outNotConverged} {
		if seen[o] {
			items = append(items, legendItem{cssColor(outcomeColor(o)), outcomeName(o), ""})
		}
	}
	return items
}

// feasibilityLegend lists the classes present in f.
func feasibilityLegend(f *feasibilityData) []legendItem {
	seen := map[class]bool{}
	for _, c := range f.Class {
		seen[c] = true
	}
	var items []legendItem
	for c := classInfeasible; c <= classUnknown; c++ {
		if seen[c] {
			items = append(items, legendItem{cssColor(classColors[c]), classNames[c], ""})
		}
	}
	return items
}

// varBasinFigure draws the layers to settle from (μ*, ν₀) against ν₀ on a
// log axis; starts that do not converge are marked at the top in their
// outcome's colour.
func varBasinFigure(v *varBasin) (template.HTML, error) {
	p := newPlot(fmt.Sprintf("Layers to settle from (μ, ν₀), μ = %.4g", v.Mean), "start variance ν₀", "layers to settle")
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = logTicks{}
	p.Add(plotter.NewGrid())
	var xs, ys []float64
	top := 0
	for i := range v.X {
		if v.Outcome[i] == outConverged {
			xs, ys = append(xs, v.X[i]), append(ys, float64(v.Steps[i]))
			top = max(top, v.Steps[i])
		}
	}
	if len(xs) > 1 {
		l, err := line(xs, ys, series[0], vg.Points(2))
		if err != nil {
			return "", err
		}
		p.Add(l)
	}
	for _, o := range []outcome{outCollapsed, outExploded, outNotConverged} {
		var pts []point
		for i := range v.X {
			if v.Outcome[i] == o {
				pts = append(pts, point{v.X[i], float64(max(top, 1))})
			}
		}
		if len(pts) > 0 {
			m, err := marker(pts, outcomeColor(o), draw.CircleGlyph{}, vg.Points(2.5))
			if err != nil {
				return "", err
			}
			p.Add(m)
		}
	}
	fixed, err := marker([]point{{v.Fixed, 0}}, colorFixed, draw.RingGlyph{}, vg.Points(6))
	if err != nil {
		return "", err
	}
	p.Add(fixed)
	p.X.Min, p.X.Max = v.X[0], v.X[len(v.X)-1]
	p.Y.Min = 0
	return drawPlot("Number of layers the map needs to settle at the fixed point, against the starting variance over six decades", p)
}

// varBasinLegend lists the outcomes present in v.
func varBasinLegend(v *varBasin) []legendItem {
	var items []legendItem
	seen := map[outcome]bool{}
	converged := 0
	for _, o := range v.Outcome {
		if o == outConverged {
			converged++
		} else if !seen[o] {
			seen[o] = true
			items = append(items, legendItem{cssColor(outcomeColor(o)), outcomeName(o) + " (dots at the top)", "dot"})
		}
	}
	head := []legendItem{{cssColor(colorFixed), "ν* (ring)", "ring"}}
	if converged > 1 { // varBasinFigure draws the line from two points on
		head = append([]legendItem{{cssColor(series[0]), "converges to the fixed point", "solid"}}, head...)
	}
	return append(head, items...)
}
