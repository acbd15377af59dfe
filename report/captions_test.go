package report

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/selu-tool/selu/solver"
)

// TestUnstableTargetCaptions builds the report for the notebook convention
// at (0, 1), whose fixed point repels (ρ = 1.077, docs/report.md): no start
// of the 2-D basin converges and the certificate is refuted. The captions
// and the verdict must read as sentences: no median or maximum of steps
// over zero converging starts, and the prover's reason quoted, not run into
// the sentence ("it found false: …").
func TestUnstableTargetCaptions(t *testing.T) {
	t.Parallel()
	c := smallConfig(t, "0", "1")
	c.Result = solved(t, "0", "1", "1", "1")
	c.CurveN = 301 // the report's default: the middle start is ν* itself
	d, p := buildPage(t, c)
	if s := summarizeBasin(d.Basin); s.Converged != 0 {
		t.Fatalf("%d basin starts converge for an unstable fixed point", s.Converged)
	}
	if m := regexp.MustCompile(`0 of \d+ starts converge \(median`).FindString(p); m != "" {
		t.Errorf("basin caption %q: a median over no converging starts", m)
	}
	if !regexp.MustCompile(`0 of \d+ starts converge;`).MatchString(p) {
		t.Error("basin caption does not say that no start converges")
	}
	// The only start of the variance basin that converges is ν* itself.
	if strings.Contains(p, "in at most 0 layers") || !strings.Contains(p, "1 of 301 starts converge (only the start at ν* itself, in 0 layers)") {
		t.Error("variance basin caption: want the one converging start named as ν* itself, not a maximum of 0 layers")
	}
	if strings.Contains(p, "it found false") {
		t.Error(`the verdict runs the prover's reason into the sentence: "it found false: …"`)
	}
	if !strings.Contains(p, "reason: “false: ") {
		t.Error("the verdict does not quote the prover's reason")
	}
}

// TestVarBasinLegend checks that the legend of the basin over the starting
// variance draws each entry as the plot does: ν* as a ring, the starts
// that do not converge as dots, and the line of converging starts only
// when the plot has one (at least two converging starts).
func TestVarBasinLegend(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name             string
		omega, tau       string
		line, collapsing bool
	}{
		{"paper (0, 1)", "", "", true, false},
		{"notebook (0, 1)", "1", "1", false, true},
	} {
		c := smallConfig(t, "0", "1")
		c.Result = solved(t, "0", "1", tc.omega, tc.tau)
		c.MC.Off, c.Verify.Off, c.Tradeoff.Off = true, true, true
		_, page := buildPage(t, c)
		doc := parse(t, []byte(page))
		fig := byID(doc)["fig-varbasin"]
		if fig == nil {
			t.Fatalf("%s: no figure fig-varbasin", tc.name)
		}
		items := map[string]string{} // legend text → class of its mark
		walk(fig, func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data == "li" && n.FirstChild != nil {
				class, _ := attr(n.FirstChild, "class")
				items[strings.TrimSpace(text(n))] = class
			}
		})
		if got := items["ν* (ring)"]; got != "swatch ring" {
			t.Errorf("%s: ν* drawn in the legend as %q, want a ring (legend %v)", tc.name, got, items)
		}
		if _, ok := items["converges to the fixed point"]; ok != tc.line {
			t.Errorf("%s: legend lists the line of converging starts: %v, want %v (legend %v)", tc.name, ok, tc.line, items)
		}
		if got, ok := items["variance collapses to 0 (dots at the top)"]; ok != tc.collapsing || (ok && got != "swatch dot") {
			t.Errorf("%s: collapsing starts in the legend as %q (present %v), want dots: %v", tc.name, got, ok, tc.collapsing)
		}
	}
}

// TestBasinOmegaNamed builds the report for (0.2, 0.2), whose certificate
// holds only on a box narrower in ω than Theorem 1's widths (the search
// shrinks it). The 2-D basin is drawn at ω = 0.1, the largest ω of
// Theorem 1's widths; the page must not call that the largest ω of the
// certificate's box.
func TestBasinOmegaNamed(t *testing.T) {
	t.Parallel()
	c := smallConfig(t, "0.2", "0.2")
	c.MC.Off, c.Tradeoff.Off = true, true
	d, p := buildPage(t, c)
	if d.Basin == nil || d.Basin.Omega != 0.1 {
		t.Fatalf("basin %+v: want it drawn at ω = 0.1", d.Basin)
	}
	if d.Certificate == nil || !d.Certificate.Certified || d.Certificate.Region[1].Hi == "0.1" {
		t.Fatalf("certificate %+v: want one on a box narrower than ω ≤ 0.1 (else this test checks nothing)", d.Certificate)
	}
	if strings.Contains(p, "largest ω of the certificate") || !strings.Contains(p, "the largest ω of Theorem 1") {
		t.Error("the basin is said to be drawn at the largest ω of the certificate's box, which is narrower here")
	}
}

// TestTradeoffLegendSide checks that the legend of each curve figure of the
// trade-off section sits in the top corner the curves leave free: on the
// left where they rise to the top right (χ, χ^depth, λ and α), on the
// right where they fall (ρ, layers to 1%, ξ_c), so that no legend text is
// drawn over a curve.
func TestTradeoffLegendSide(t *testing.T) {
	d, _ := testPage(t)
	sec := string(d.Tradeoff)
	for id, left := range map[string]bool{"fig-chi": true, "fig-chi-depth": true, "fig-constants": true, "fig-rho": false, "fig-layers": false, "fig-xi": false} {
		m := regexp.MustCompile(`(?s)id="` + id + `".*?viewBox="0 0 ([0-9.]+) [0-9.]+"(.*?)</svg>`).FindStringSubmatch(sec)
		if m == nil {
			t.Errorf("%s: no figure", id)
			continue
		}
		width, _ := strconv.ParseFloat(m[1], 64)
		x := regexp.MustCompile(`<text x="([0-9.]+)"[^>]*>requested target</text>`).FindStringSubmatch(m[2])
		if x == nil {
			t.Errorf("%s: no legend entry for the requested target", id)
			continue
		}
		at, _ := strconv.ParseFloat(x[1], 64)
		if (at < width/2) != left {
			t.Errorf("%s: legend at x = %v of %v, want it on the %s", id, at, width, map[bool]string{true: "left", false: "right"}[left])
		}
	}
}

// TestFeasibilityWordingRandom: for random weights the feasibility section
// names the random initialization, not fixed sums ω, τ that such weights
// have only in expectation.
func TestFeasibilityWordingRandom(t *testing.T) {
	t.Parallel()
	tg, _ := solver.ParseTarget("0.5", "1")
	res, err := solver.SolveLeCun(tg, nil, &solver.Options{DropoutRates: []float64{0.1}})
	if err != nil {
		t.Fatal(err)
	}
	c := smallConfig(t, "0.5", "1")
	c.Result = res
	c.MC.Off = true
	_, page := buildPage(t, c)
	m := regexp.MustCompile(`(?s)<section id="feasibility">.*?<p>(.*?)</p>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no feasibility section")
	}
	if strings.Contains(m[1], "weights' ω") || !strings.Contains(m[1], "random weights N(0, 1/n)") {
		t.Errorf("feasibility text %q: want it to name the random weights N(0, 1/n)", m[1])
	}
}

// TestCertificateNoteCount: the certificate note counts the box search's
// attempts in words that agree in number ("1 attempt", not "1 attempts").
func TestCertificateNoteCount(t *testing.T) {
	d, _ := testPage(t)
	if d.Certificate == nil {
		t.Fatal("no certificate for (0, 4)")
	}
	if m := regexp.MustCompile(`\b1 attempts\b`).FindString(d.Certificate.Note); m != "" {
		t.Errorf("certificate note says %q: %s", m, d.Certificate.Note)
	}
	if !regexp.MustCompile(`; \d+ attempts?, \d+ boxes`).MatchString(d.Certificate.Note) {
		t.Errorf("certificate note gives no count of attempts: %s", d.Certificate.Note)
	}
}

// TestRandomWeightsNamedByScale builds reports for exact rows with τ = 2
// (selu-solve report --tau 2). The random weights the page compares with
// are then N(0, 2/n), not LeCun-normal N(0, 1/n): the headline, the
// warning and the comparison must name them so, and must not send the
// reader to selu-solve --weights lecun, whose constants are for τ = 1.
func TestRandomWeightsNamedByScale(t *testing.T) {
	t.Parallel()
	for _, mean := range []string{"0", "0.5"} {
		c := smallConfig(t, mean, "1")
		c.Result = solved(t, mean, "1", "0", "2")
		c.MC.Off, c.Verify.Off, c.Tradeoff.Off = true, true, true
		_, page := buildPage(t, c)
		m := regexp.MustCompile(`(?s)<section id="summary">(.*?)</section>`).FindStringSubmatch(page)
		if m == nil {
			t.Fatal("no summary section")
		}
		sum := m[1]
		for _, bad := range []string{"LeCun-normal", "--weights lecun"} {
			if strings.Contains(sum, bad) {
				t.Errorf("mean %s, τ = 2: the summary says %q", mean, bad)
			}
		}
		if !strings.Contains(sum, "random weights N(0, 2/n)") {
			t.Errorf("mean %s, τ = 2: the summary does not name the random weights N(0, 2/n)", mean)
		}
	}
}

// TestBasinFixedPointText: for (0, 4) the 2-D basin is drawn at ω = 0.1,
// whose fixed point is (0, 4) again (the net input's mean μω is 0 at
// μ = 0). Newton's method in float64 lands within about 10⁻¹⁶ of μ = 0;
// the caption must not print that rounding error as if it were a mean of
// 3.6·10⁻¹⁶ to four digits.
func TestBasinFixedPointText(t *testing.T) {
	d, page := testPage(t)
	if d.Basin == nil || math.Abs(d.Basin.Fixed.Mean) > 1e-12 || math.Abs(d.Basin.Fixed.Var-4) > 1e-12 {
		t.Fatalf("basin fixed point %+v: want (0, 4) within 10⁻¹²", d.Basin)
	}
	if !strings.Contains(string(page), "this map's own fixed point, (0, 4))") {
		m := regexp.MustCompile(`own fixed point, \([^)]*\)`).FindString(string(page))
		t.Errorf("basin caption says %q, want (0, 4)", m)
	}
}

// TestNormCaptionWithoutContour: for the notebook convention at (0, 1) the
// spectral norm exceeds 1 all over the window of the S map, so there is no
// contour S = 1 to draw; the caption must say so instead of announcing
// one. For (0, 4), where the contour crosses the window, it names it.
func TestNormCaptionWithoutContour(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, mean, variance, omega, tau, want string
	}{
		{"notebook (0, 1)", "0", "1", "1", "1", "S &gt; 1 everywhere in the window: no contour S = 1"},
		{"paper (0, 4)", "0", "4", "", "", "with the contour S = 1 (solid)"},
	} {
		c := smallConfig(t, tc.mean, tc.variance)
		c.Result = solved(t, tc.mean, tc.variance, tc.omega, tc.tau)
		c.MC.Off, c.Verify.Off, c.Tradeoff.Off = true, true, true
		_, page := buildPage(t, c)
		m := regexp.MustCompile(`(?s)id="fig-norm".*?<figcaption>(.*?)</figcaption>`).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("%s: no caption of the S map", tc.name)
		}
		if !strings.Contains(m[1], tc.want) {
			t.Errorf("%s: S map caption %q, want %q", tc.name, m[1], tc.want)
		}
	}
}
