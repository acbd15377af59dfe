package train

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// A series is one line of a chart.
type series struct {
	name  string
	x, y  []float64
	color string
	dash  bool // dashed line without markers (a prediction)
}

// A vline is a vertical marker of a chart (e.g. 6ξ_c).
type vline struct {
	x     float64
	label string
	color string
}

// A chart is a small line chart drawn as inline SVG.
type chart struct {
	title, xlabel, ylabel string
	logX, logY            bool
	series                []series
	vlines                []vline
	legendBottomLeft      bool    // legend in the lower left corner instead of the upper right
	xmin, xmax            float64 // optional fixed x range (both 0: from the data)
	ymin, ymax            float64 // optional fixed y range
}

const (
	svgW, svgH                     = 520.0, 330.0
	padL, padR, padT, padB float64 = 62, 16, 30, 44
)

// palette holds the colors of the arms, in order.
var palette = []string{"#0969da", "#1a7f37", "#bf3989", "#bc4c00", "#6e7781", "#8250df"}

func esc(s string) string { return template.HTMLEscapeString(s) }

// svg renders the chart.
func (c *chart) svg() template.HTML {
	tx := func(v float64) float64 { return v }
	ty := tx
	if c.logX {
		tx = math.Log10
	}
	if c.logY {
		ty = math.Log10
	}
	x0, x1, y0, y1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, s := range c.series {
		for i := range s.x {
			if ok(s.x[i], c.logX) && ok(s.y[i], c.logY) {
				x0, x1 = min(x0, s.x[i]), max(x1, s.x[i])
				y0, y1 = min(y0, s.y[i]), max(y1, s.y[i])
			}
		}
	}
	for _, v := range c.vlines {
		if ok(v.x, c.logX) {
			x0, x1 = min(x0, v.x), max(x1, v.x)
		}
	}
	if c.xmin != 0 || c.xmax != 0 {
		x0, x1 = c.xmin, c.xmax
	}
	if c.ymin != 0 || c.ymax != 0 {
		y0, y1 = c.ymin, c.ymax
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" role="img" aria-label="%s">`, svgW, svgH, esc(c.title))
	fmt.Fprintf(&b, `<text x="%g" y="18" font-size="14" font-weight="600">%s</text>`, padL, esc(c.title))
	if math.IsInf(x0, 0) || math.IsInf(y0, 0) {
		fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="13">no data</text></svg>`, padL, svgH/2)
		return template.HTML(b.String())
	}
	if x0 == x1 {
		x0, x1 = x0-1, x1+1
	}
	if y0 == y1 {
		y0, y1 = y0-1, y1+1
	}
	// Pad the value ranges by 5% (in the transformed scale).
	a0, a1 := tx(x0), tx(x1)
	b0, b1 := ty(y0), ty(y1)
	if c.ymin == 0 && c.ymax == 0 {
		d := (b1 - b0) * 0.05
		b0, b1 = b0-d, b1+d
	}
	if c.xmin == 0 && c.xmax == 0 {
		d := (a1 - a0) * 0.04
		a0, a1 = a0-d, a1+d
	}
	pw, ph := svgW-padL-padR, svgH-padT-padB
	px := func(v float64) float64 { return padL + (tx(v)-a0)/(a1-a0)*pw }
	py := func(v float64) float64 { return padT + (1-(ty(v)-b0)/(b1-b0))*ph }
	fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%g" height="%g" fill="none" stroke="#d1d9e0"/>`, padL, padT, pw, ph)
	for _, t := range ticks(a0, a1, c.logX) {
		X := px(t)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%g" x2="%.1f" y2="%g" stroke="#eaeef2"/><text x="%.1f" y="%g" font-size="11" text-anchor="middle">%s</text>`,
			X, padT, X, padT+ph, X, padT+ph+15, tickLabel(t))
	}
	for _, t := range ticks(b0, b1, c.logY) {
		Y := py(t)
		fmt.Fprintf(&b, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke="#eaeef2"/><text x="%g" y="%.1f" font-size="11" text-anchor="end">%s</text>`,
			padL, Y, padL+pw, Y, padL-5, Y+4, tickLabel(t))
	}
	fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="12" text-anchor="middle">%s</text>`, padL+pw/2, svgH-8, esc(c.xlabel))
	fmt.Fprintf(&b, `<text x="14" y="%g" font-size="12" text-anchor="middle" transform="rotate(-90 14 %g)">%s</text>`, padT+ph/2, padT+ph/2, esc(c.ylabel))
	fmt.Fprintf(&b, `<svg x="%g" y="%g" width="%g" height="%g" viewBox="%g %g %g %g" overflow="hidden">`, padL, padT, pw, ph, padL, padT, pw, ph)
	for _, v := range c.vlines {
		if !ok(v.x, c.logX) {
			continue
		}
		X := px(v.x)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%g" x2="%.1f" y2="%g" stroke="%s" stroke-dasharray="2 3" stroke-width="1.5"/>`, X, padT, X, padT+ph, v.color)
		fmt.Fprintf(&b, `<text x="%.1f" y="%g" font-size="10" fill="%s" text-anchor="end" transform="rotate(-90 %.1f %g)">%s</text>`, X-3, padT+4, v.color, X-3, padT+4, esc(v.label))
	}
	// Measured series first, predictions (dashed) on top of them.
	ordered := make([]series, 0, len(c.series))
	for _, dash := range []bool{false, true} {
		for _, s := range c.series {
			if s.dash == dash {
				ordered = append(ordered, s)
			}
		}
	}
	for _, s := range ordered {
		var pts []string
		for i := range s.x {
			if ok(s.x[i], c.logX) && ok(s.y[i], c.logY) {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", px(s.x[i]), py(s.y[i])))
			}
		}
		if len(pts) == 0 {
			continue
		}
		dash := ""
		if s.dash {
			dash = ` stroke-dasharray="6 4"`
		}
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>`, strings.Join(pts, " "), s.color, dash)
		if !s.dash {
			r := 3.0
			if len(pts) > 20 {
				r = 1.6
			}
			for _, p := range pts {
				xy := strings.Split(p, ",")
				fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="%g" fill="%s"/>`, xy[0], xy[1], r, s.color)
			}
		}
	}
	b.WriteString(`</svg>`)
	// Legend, top right inside the plot.
	ly, lx := padT+14, padL+pw-150
	if c.legendBottomLeft {
		n := 0
		for _, s := range c.series {
			if s.name != "" {
				n++
			}
		}
		ly, lx = padT+ph-14*float64(n)+6, padL+10
	}
	for _, s := range c.series {
		if s.name == "" {
			continue
		}
		dash := ""
		if s.dash {
			dash = ` stroke-dasharray="6 4"`
		}
		fmt.Fprintf(&b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="%s" stroke-width="2"%s/><text x="%g" y="%g" font-size="11">%s</text>`,
			lx, ly-4, lx+20, ly-4, s.color, dash, lx+25, ly, esc(s.name))
		ly += 14
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// ok reports whether v can be drawn on a linear or log axis.
func ok(v float64, log bool) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0) && (!log || v > 0)
}

// ticks returns tick positions (in data units) for the transformed range
// [a0, a1]: powers of 10 (with 2 and 5 when the range is short) on a log
// axis, 1-2-5 steps on a linear one.
func ticks(a0, a1 float64, log bool) []float64 {
	var out []float64
	if log {
		steps := []float64{1}
		if a1-a0 < 3 {
			steps = []float64{1, 2, 5}
		}
		for e := math.Floor(a0); e <= math.Ceil(a1); e++ {
			for _, m := range steps {
				v := m * math.Pow(10, e)
				if lv := math.Log10(v); lv >= a0 && lv <= a1 {
					out = append(out, v)
				}
			}
		}
		return out
	}
	span := a1 - a0
	step := math.Pow(10, math.Floor(math.Log10(span/5)))
	for _, m := range []float64{1, 2, 5, 10} {
		if span/(step*m) <= 7 {
			step *= m
			break
		}
	}
	for v := math.Ceil(a0/step) * step; v <= a1+1e-9*step; v += step {
		out = append(out, v)
	}
	return out
}

func tickLabel(v float64) string {
	if v != 0 && (math.Abs(v) >= 1e5 || math.Abs(v) < 1e-3) {
		return fmt.Sprintf("%.0e", v)
	}
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.4f", v), "0"), ".")
}
