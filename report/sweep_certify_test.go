package report

import (
	"bytes"
	"image/color"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/selu-tool/selu/sweep"
)

// TestRenderSweepCertified: a certified table (sweep --certify) gets one
// more heat map, of the fraction of Theorem 1's (ω, τ) widths certified
// (darkest at 1, lightest at 0 = not certified, grey where infeasible),
// and the counts certified at the paper's widths, at smaller widths and
// not at all; an uncertified table has neither. The certificates are set
// by hand here (package sweep tests them against verify.Certify).
func TestRenderSweepCertified(t *testing.T) {
	t.Parallel()
	tab := sweepTable(t, "-0.6:0.6:0.3", "0.5:2:0.5", nil)
	var plain bytes.Buffer
	if err := RenderSweep(&plain, tab); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "fig-certified") || strings.Contains(plain.String(), `data-value="certified"`) {
		t.Error("an uncertified table shows certificates")
	}

	tab.Certify = true
	scale := map[int]float64{}
	var asked, smaller, not int
	for k := range tab.Rows {
		r := &tab.Rows[k]
		if !r.Feasible {
			continue
		}
		switch k % 3 {
		case 0:
			r.Certificate = &sweep.Certification{Certified: true, Scale: 1}
			asked++
		case 1:
			r.Certificate = &sweep.Certification{Certified: true, Scale: 0.5}
			smaller++
		default:
			r.Certificate = &sweep.Certification{Reason: "not certified"}
			not++
		}
		scale[k] = r.Certificate.Scale
	}
	var buf bytes.Buffer
	if err := RenderSweep(&buf, tab); err != nil {
		t.Fatal(err)
	}
	doc := parse(t, buf.Bytes())
	ids := byID(doc)
	var counts string
	walk(doc, func(n *html.Node) {
		if v, _ := attr(n, "data-value"); v == "certified" {
			counts = text(n)
		}
	})
	want := strconv.Itoa(asked) + " at the paper's widths of ω, τ, " + strconv.Itoa(smaller) + " at smaller widths, " + strconv.Itoa(not) + " not certified"
	if !strings.HasPrefix(counts, want) {
		t.Errorf("counts %q, want %q…", counts, want)
	}
	fig := ids["fig-certified"]
	if fig == nil {
		t.Fatal("no heat map of the certified widths")
	}
	g := tab.Grid
	nv := g.Var.Len()
	img := heatImage(t, fig, g.Mean.Len(), nv)
	light, dark := yellowGreenBlue[0], yellowGreenBlue[len(yellowGreenBlue)-1]
	for k, r := range tab.Rows {
		i, j := g.Index(k)
		px := color.NRGBAModel.Convert(img.At(i, nv-1-j)).(color.NRGBA)
		switch s, ok := scale[k]; {
		case !r.Feasible:
			if px != colorInfeasible {
				t.Errorf("infeasible target %d drawn %v, want grey", k, px)
			}
		case ok && s == 1 && px != dark, ok && s == 0 && px != light:
			t.Errorf("target %d, scale %v, drawn %v", k, s, px)
		case ok && s == 0.5 && (px == dark || px == light || px == colorInfeasible):
			t.Errorf("target %d, scale 0.5, drawn %v", k, px)
		}
	}
}
