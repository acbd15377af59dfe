package report

import (
	"bytes"
	"fmt"
	"html/template"
	"image"
	"image/color"
	"math"
	"regexp"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Plot canvas sizes. The SVGs scale with the page; these fix the aspect
// ratio and the size of the text relative to the plot.
const (
	plotWidth    = 5.2 * vg.Inch
	plotHeight   = 3.9 * vg.Inch
	colorbarSize = 0.95 * vg.Inch
)

// Colors used across the plots.
var (
	colorInk       = color.NRGBA{R: 0x20, G: 0x20, B: 0x20, A: 0xff}
	colorFixed     = color.NRGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}
	colorIdentity  = color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
	colorCollapsed = color.NRGBA{R: 0x10, G: 0x10, B: 0x10, A: 0xff}
	colorExploded  = color.NRGBA{R: 0xc0, G: 0x10, B: 0x60, A: 0xff}
	colorStuck     = color.NRGBA{R: 0xb0, G: 0xb0, B: 0xb0, A: 0xff}
	// series holds distinguishable colors for line series (Okabe–Ito).
	series = []color.NRGBA{
		{R: 0x00, G: 0x72, B: 0xb2, A: 0xff},
		{R: 0xe6, G: 0x9f, B: 0x00, A: 0xff},
		{R: 0x00, G: 0x9e, B: 0x73, A: 0xff},
		{R: 0xcc, G: 0x79, B: 0xa7, A: 0xff},
		{R: 0x56, G: 0xb4, B: 0xe9, A: 0xff},
		{R: 0xd5, G: 0x5e, B: 0x00, A: 0xff},
	}
)

// svgHeader matches the prologue vgsvg writes before the <svg> element's
// attributes, up to the viewBox, so that the size can be left to CSS.
var (
	svgProlog = regexp.MustCompile(`(?s)^.*?<svg width="[^"]*" height="[^"]*"`)
	svgFont   = regexp.MustCompile(`font-family:Liberation (Serif|Sans|Mono)[^;"]*`)
)

// toSVG draws with fn on a canvas of the given size and returns the SVG
// element, ready to be inlined into HTML: without the XML prologue, sized by
// CSS through its viewBox, with label as its accessible name.
func toSVG(label string, w, h vg.Length, fn func(dc draw.Canvas) error) (template.HTML, error) {
	c := vgsvg.New(w, h)
	if err := fn(draw.New(c)); err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return "", fmt.Errorf("report: writing SVG: %w", err)
	}
	b := buf.Bytes()
	loc := svgProlog.FindIndex(b)
	if loc == nil {
		return "", fmt.Errorf("report: unexpected SVG prologue from vgsvg")
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, `<svg class="plot" role="img" aria-label="%s"`, template.HTMLEscapeString(label))
	rest := b[loc[1]:]
	// vgsvg labels its PNG data as image/jpg; it is PNG.
	rest = bytes.ReplaceAll(rest, []byte("data:image/jpg;base64,"), []byte("data:image/png;base64,"))
	// A raster fills its data rectangle exactly; SVG would otherwise keep
	// the image's aspect ratio and centre it.
	rest = bytes.ReplaceAll(rest, []byte("<image "), []byte(`<image preserveAspectRatio="none" `))
	// The page is set in a sans-serif face; so are the plots (newPlot lays
	// them out with Liberation Sans metrics).
	rest = svgFont.ReplaceAllFunc(rest, func(m []byte) []byte {
		if bytes.Contains(m, []byte("Mono")) {
			return []byte("font-family:'Liberation Mono',monospace")
		}
		return []byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif")
	})
	out.Write(rest)
	return template.HTML(out.String()), nil
}

// drawPlot draws p on a canvas of the standard size.
func drawPlot(label string, p *plot.Plot) (template.HTML, error) {
	return toSVG(label, plotWidth, plotHeight, func(dc draw.Canvas) error {
		p.Draw(margin(dc))
		return nil
	})
}

// margin leaves a few points free around a plot, so that the browser's
// rendering of the text, whose metrics differ slightly from the layout's,
// stays inside the SVG.
func margin(dc draw.Canvas) draw.Canvas {
	return draw.Crop(dc, vg.Points(4), -vg.Points(2), vg.Points(2), -vg.Points(5))
}

// drawWithColorbar draws p with a vertical color bar for cm to its right.
func drawWithColorbar(label string, p *plot.Plot, cm palette.ColorMap, cbLabel string) (template.HTML, error) {
	return toSVG(label, plotWidth+colorbarSize, plotHeight, func(dc draw.Canvas) error {
		p.Draw(margin(draw.Crop(dc, 0, -colorbarSize, 0, 0)))
		cb := newPlot("", "", cbLabel)
		cb.HideX()
		cb.Y.Padding = 0
		cb.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true, Colors: 128})
		cb.Y.Min, cb.Y.Max = cm.Min(), cm.Max()
		// Align the bar with the plot's data area: same top and bottom
		// padding as the main plot's axes.
		strip := draw.Crop(dc, dc.Max.X-dc.Min.X-colorbarSize+0.1*vg.Inch, 0, 0.5*vg.Inch, -0.3*vg.Inch)
		cb.Draw(strip)
		return nil
	})
}

// newPlot returns a plot with the report's common styling: sans-serif
// text, and about three labelled ticks per axis (fewTicks).
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	for _, f := range []*font.Font{&p.Title.TextStyle.Font, &p.X.Label.TextStyle.Font, &p.Y.Label.TextStyle.Font,
		&p.X.Tick.Label.Font, &p.Y.Tick.Label.Font, &p.Legend.TextStyle.Font} {
		f.Typeface, f.Variant = "Liberation", "Sans"
	}
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.X.Label.TextStyle.Font.Size = vg.Points(12)
	p.Y.Label.TextStyle.Font.Size = vg.Points(12)
	p.X.Tick.Label.Font.Size = vg.Points(10)
	p.Y.Tick.Label.Font.Size = vg.Points(10)
	p.Legend.TextStyle.Font.Size = vg.Points(10)
	p.Legend.Top = true
	p.X.Tick.Marker, p.Y.Tick.Marker = fewTicks{}, fewTicks{}
	return p
}

// fewTicks places two to four labelled ticks at round values (1, 2 or 5
// times a power of ten apart) and unlabelled minor ticks between them.
type fewTicks struct{}

func (fewTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || !finite(lo) || !finite(hi) {
		return nil
	}
	span := hi - lo
	step := math.Pow(10, math.Floor(math.Log10(span)))
	for _, m := range []float64{5, 2, 1, 0.5, 0.2, 0.1} {
		if n := math.Floor(hi/(step*m)) - math.Ceil(lo/(step*m)) + 1; n >= 2 {
			step *= m
			if n > 4 {
				continue
			}
			break
		}
	}
	// step now gives 2 to 4 labelled ticks (or the finest tried).
	var ticks []plot.Tick
	minor := step / 5
	if m := step / math.Pow(10, math.Floor(math.Log10(step)+1e-9)); math.Abs(m-2) < 1e-9 {
		minor = step / 4
	}
	for k := math.Ceil(lo / minor); k*minor <= hi*(1+1e-12); k++ {
		v := k * minor
		if math.Abs(v) < 1e-12*span {
			v = 0
		}
		label := ""
		if r := math.Abs(v/step - math.Round(v/step)); r < 1e-6 {
			label = strconv.FormatFloat(v, 'g', 6, 64)
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return ticks
}

// logTicks labels powers of ten on a log axis, every k-th decade so that
// at most four are labelled, with unlabelled ticks at the other decades.
type logTicks struct{}

func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || !(lo > 0) || !finite(hi) {
		return nil
	}
	var exps []int
	for e := int(math.Floor(math.Log10(lo))); e <= int(math.Ceil(math.Log10(hi))); e++ {
		if v := math.Pow(10, float64(e)); v >= lo*(1-1e-9) && v <= hi*(1+1e-9) {
			exps = append(exps, e)
		}
	}
	every := 1
	if len(exps) > 4 {
		every = (len(exps) + 2) / 3
	}
	var ticks []plot.Tick
	for _, e := range exps {
		v := math.Pow(10, float64(e))
		label := ""
		if e%every == 0 {
			label = strconv.FormatFloat(v, 'g', -1, 64)
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return ticks
}

// raster is a rasterized heat map: one pixel per grid cell, drawn as a PNG
// image inside the SVG.
type raster struct {
	x, y  []float64
	color func(i, j int) color.Color
}

// plotter returns the image plotter covering the grid cells centred on x, y.
func (r raster) plotter() *plotter.Image {
	nx, ny := len(r.x), len(r.y)
	img := image.NewNRGBA(image.Rect(0, 0, nx, ny))
	for j := range ny {
		for i := range nx {
			img.Set(i, ny-1-j, r.color(i, j))
		}
	}
	dx, dy := cellSize(r.x), cellSize(r.y)
	return plotter.NewImage(img, r.x[0]-dx/2, r.y[0]-dy/2, r.x[nx-1]+dx/2, r.y[ny-1]+dy/2)
}

// cellSize returns the spacing of the evenly spaced coordinates v.
func cellSize(v []float64) float64 {
	if len(v) < 2 {
		return 1
	}
	return (v[len(v)-1] - v[0]) / float64(len(v)-1)
}

// colorAt returns cm's color at v, clamped to the map's range.
func colorAt(cm palette.ColorMap, v float64) color.Color {
	v = math.Max(cm.Min(), math.Min(cm.Max(), v))
	c, err := cm.At(v)
	if err != nil {
		return colorStuck
	}
	return c
}

// gridXYZ adapts a Grid to plotter.GridXYZ.
type gridXYZ struct{ g *grid }

func (g gridXYZ) Dims() (c, r int)   { return len(g.g.X), len(g.g.Y) }
func (g gridXYZ) Z(c, r int) float64 { return g.g.At(c, r) }
func (g gridXYZ) X(c int) float64    { return g.g.X[c] }
func (g gridXYZ) Y(r int) float64    { return g.g.Y[r] }
func (g gridXYZ) Min() (m float64)   { return minMax(g.g.Z, true) }
func (g gridXYZ) Max() (m float64)   { return minMax(g.g.Z, false) }
func minMax(v []float64, min bool) float64 {
	m := math.Inf(1)
	if !min {
		m = math.Inf(-1)
	}
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue
		}
		if min {
			m = math.Min(m, x)
		} else {
			m = math.Max(m, x)
		}
	}
	return m
}

// marker returns a scatter plotter marking the points with a ring glyph.
func marker(pts []point, c color.Color, shape draw.GlyphDrawer, radius vg.Length) (*plotter.Scatter, error) {
	xy := make(plotter.XYs, len(pts))
	for i, p := range pts {
		xy[i] = plotter.XY{X: p.Mean, Y: p.Var}
	}
	s, err := plotter.NewScatter(xy)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: radius, Shape: shape}
	return s, nil
}

// fixedMarker marks the fixed point: a white disc under a red ring with a
// cross, readable on any background.
func fixedMarker(p *plot.Plot, fp point, legend bool) error {
	halo, err := marker([]point{fp}, color.White, draw.CircleGlyph{}, vg.Points(6))
	if err != nil {
		return err
	}
	ring, err := marker([]point{fp}, colorFixed, draw.RingGlyph{}, vg.Points(6))
	if err != nil {
		return err
	}
	ring.GlyphStyle.Radius = vg.Points(6)
	cross, err := marker([]point{fp}, colorFixed, draw.CrossGlyph{}, vg.Points(4))
	if err != nil {
		return err
	}
	p.Add(halo, ring, cross)
	if legend {
		p.Legend.Add("fixed point (μ*, ν*)", ring)
	}
	return nil
}

// line returns a line plotter through (x[i], y[i]), skipping non-finite
// points.
func line(x, y []float64, c color.Color, width vg.Length, dashes ...vg.Length) (*plotter.Line, error) {
	xy := make(plotter.XYs, 0, len(x))
	for i := range x {
		if finite(x[i]) && finite(y[i]) {
			xy = append(xy, plotter.XY{X: x[i], Y: y[i]})
		}
	}
	l, err := plotter.NewLine(xy)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	l.Color = c
	l.Width = width
	l.Dashes = dashes
	return l, nil
}

// band returns a filled polygon between lo and hi over x.
func band(x, lo, hi []float64, c color.NRGBA) (*plotter.Polygon, error) {
	xy := make(plotter.XYs, 0, 2*len(x))
	for i := range x {
		xy = append(xy, plotter.XY{X: x[i], Y: lo[i]})
	}
	for i := len(x) - 1; i >= 0; i-- {
		xy = append(xy, plotter.XY{X: x[i], Y: hi[i]})
	}
	poly, err := plotter.NewPolygon(xy)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	c.A = 0x50
	poly.Color = c
	poly.LineStyle.Width = 0
	return poly, nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
