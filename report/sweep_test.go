package report

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/selu-tool/selu/solver"
	"github.com/selu-tool/selu/sweep"
)

// sweepTable solves the grid mean × vari (sweep.ParseAxis syntax) at 8
// digits with weights ω = omega (nil: 0), τ = 1.
func sweepTable(t testing.TB, mean, vari string, omega *big.Rat) *sweep.Table {
	t.Helper()
	m, err := sweep.ParseAxis(mean)
	if err != nil {
		t.Fatal(err)
	}
	v, err := sweep.ParseAxis(vari)
	if err != nil {
		t.Fatal(err)
	}
	g, err := sweep.NewGrid(m, v)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := sweep.Run(context.Background(), g, &sweep.Options{Solver: &solver.Options{Digits: 8, Omega: omega}})
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// heatImage returns the raster of the heat map inside fig: the PNG whose
// size is nx × ny (the color bar is the other image).
func heatImage(t *testing.T, fig *html.Node, nx, ny int) image.Image {
	t.Helper()
	var found image.Image
	walk(fig, func(n *html.Node) {
		if n.Data != "image" {
			return
		}
		href, ok := attr(n, "xlink:href")
		if !ok {
			href, _ = attr(n, "href")
		}
		data, ok := strings.CutPrefix(href, "data:image/png;base64,")
		if !ok {
			t.Errorf("image is not an inline PNG: %q", shorten(href))
			return
		}
		raw, err := base64.StdEncoding.DecodeString(data)
		if err != nil {
			t.Errorf("image data: %v", err)
			return
		}
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Errorf("image data: %v", err)
			return
		}
		if b := img.Bounds(); b.Dx() == nx && b.Dy() == ny {
			found = img
		}
	})
	if found == nil {
		t.Fatalf("no %d × %d heat map image in the figure", nx, ny)
	}
	return found
}

// TestRenderSweep renders the sweep page of three grids and checks that it
// parses as HTML, is self-contained, states the table's counts and axes,
// and draws the five heat maps: one pixel per target, grey exactly at the
// infeasible targets, ρ blue where ρ < 1 and red where ρ > 1 with the
// darkest blue at the smallest ρ, with the feasibility edges dashed.
func TestRenderSweep(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		mean, vari string
		omega      *big.Rat
		summary    string
		edges      bool // an edge crosses the plotted window
	}{
		// (±0.6, 0.5) lie beyond the edges (hi(0.5) = √(0.5/(π−1)) ≈ 0.483, docs/model.md §4).
		{"-0.6:0.6:0.3", "0.5:2:0.5", nil, "20: 18 feasible, 18 of them stable", true},
		{"2:3:0.5", "0.5:1:0.5", nil, "6: 0 feasible, 0 of them stable", false},               // all infeasible: grey maps
		{"-0.1:0.1:0.1", "1:2:1", big.NewRat(1, 1), "6: 6 feasible, 0 of them stable", false}, // notebook: all unstable
	} {
		name := c.mean + " × " + c.vari
		tab := sweepTable(t, c.mean, c.vari, c.omega)
		var b bytes.Buffer
		if err := RenderSweep(&b, tab); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p := b.String()
		if n := strings.Count(p, "<svg"); n != 5 {
			t.Errorf("%s: %d SVG figures, want 5", name, n)
		}
		if strings.Contains(p, "<script") || strings.Contains(p, "<?xml") || !strings.Contains(p, c.summary) {
			t.Errorf("%s: page lacks %q or has a script or an XML prolog", name, c.summary)
		}
		if !strings.Contains(p, `preserveAspectRatio="none"`) {
			t.Errorf("%s: raster images keep their aspect ratio", name)
		}
		checkSelfContained(t, b.Bytes())

		// The numbers stated agree with the table, counted here.
		doc := parse(t, b.Bytes())
		g := tab.Grid
		feasible, stable := 0, 0
		amin, amax := math.Inf(1), math.Inf(-1)
		for _, r := range tab.Rows {
			if r.Feasible {
				feasible++
				if r.Stability.SpectralRadius < 1 {
					stable++
				}
				amin, amax = math.Min(amin, r.Constants.Alpha), math.Max(amax, r.Constants.Alpha)
			}
		}
		omega, tau := "0", "1"
		if c.omega != nil {
			omega = c.omega.RatString()
		}
		want := map[string]string{
			"weights":   "ω = " + omega + ", τ = " + tau,
			"means":     g.Mean.Text(0) + " … " + g.Mean.Text(g.Mean.Len()-1) + " (" + strconv.Itoa(g.Mean.Len()) + " values)",
			"variances": g.Var.Text(0) + " … " + g.Var.Text(g.Var.Len()-1) + " (" + strconv.Itoa(g.Var.Len()) + " values)",
			"counts":    strconv.Itoa(len(tab.Rows)) + ": " + strconv.Itoa(feasible) + " feasible, " + strconv.Itoa(stable) + " of them stable (ρ < 1)",
			"digits":    "8 significant, correctly rounded (see the CSV or JSON table)",
		}
		seen := map[string]bool{}
		walk(doc, func(n *html.Node) {
			k, ok := attr(n, "data-value")
			if w, known := want[k]; ok && known {
				seen[k] = true
				if got := text(n); got != w {
					t.Errorf("%s: %s = %q, want %q", name, k, got, w)
				}
			}
		})
		for k := range want {
			if !seen[k] {
				t.Errorf("%s: no %s on the page", name, k)
			}
		}

		// The heat maps.
		ids := byID(doc)
		nm, nv := g.Mean.Len(), g.Var.Len()
		rmin, kmin := math.Inf(1), -1
		for k, r := range tab.Rows {
			if r.Feasible && r.Stability.SpectralRadius < rmin {
				rmin, kmin = r.Stability.SpectralRadius, k
			}
		}
		for _, id := range []string{"fig-lambda", "fig-alpha", "fig-rho", "fig-norm", "fig-chi"} {
			fig := ids[id]
			if fig == nil {
				t.Errorf("%s: no figure %s", name, id)
				continue
			}
			img := heatImage(t, fig, nm, nv)
			for k, r := range tab.Rows {
				i, j := g.Index(k)
				px := color.NRGBAModel.Convert(img.At(i, nv-1-j)).(color.NRGBA)
				if grey := px == colorInfeasible; grey == r.Feasible {
					t.Errorf("%s %s: target %d (feasible %v) drawn %v", name, id, k, r.Feasible, px)
				}
				if id != "fig-rho" || !r.Feasible {
					continue
				}
				// The colours are fitted to the data: the smallest ρ gets
				// the darkest blue.
				if k == kmin && rmin < 0.98 && px != blueWhiteRed[0] {
					t.Errorf("%s: smallest ρ = %v drawn %v, want the darkest blue %v", name, rmin, px, blueWhiteRed[0])
				}
				switch rho := r.Stability.SpectralRadius; {
				case rho < 0.99 && !(px.B > px.R):
					t.Errorf("%s: ρ = %v < 1 drawn %v, want blue", name, rho, px)
				case rho > 1.01 && !(px.R > px.B):
					t.Errorf("%s: ρ = %v > 1 drawn %v, want red", name, rho, px)
				}
			}
			svg := ""
			walk(fig, func(n *html.Node) {
				if n.Data == "svg" {
					var sb strings.Builder
					if err := html.Render(&sb, n); err != nil {
						t.Fatal(err)
					}
					svg = sb.String()
				}
			})
			if c.edges && !strings.Contains(svg, "stroke-dasharray") {
				t.Errorf("%s %s: no dashed feasibility edge", name, id)
			}
			if id == "fig-alpha" && feasible > 0 {
				if logScale := strings.Contains(svg, "log₁₀ α"); logScale != (amax > 20*amin) {
					t.Errorf("%s: α from %v to %v drawn on a log scale: %v", name, amin, amax, logScale)
				}
			}
		}
	}
}

func TestRenderSweepErrors(t *testing.T) {
	t.Parallel()
	one := sweepTable(t, "0", "1:2:1", nil)
	short := sweepTable(t, "0:1:1", "1:2:1", nil)
	short.Rows = short.Rows[:3]
	for name, tab := range map[string]*sweep.Table{"nil": nil, "one mean": one, "missing rows": short} {
		if err := RenderSweep(&bytes.Buffer{}, tab); err == nil || !strings.HasPrefix(err.Error(), "report: ") {
			t.Errorf("%s: error = %v, want one with prefix \"report: \"", name, err)
		}
	}
}
