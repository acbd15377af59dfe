package report

import (
	"bytes"
	"context"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/solver"
	"github.com/selu-tool/selu/verify"
)

// solved solves the target (mean, variance) with weights ω, τ (empty: the
// paper's 0, 1) and the report's usual dropout rates, at 30 digits.
func solved(tb testing.TB, mean, variance, omega, tau string) *solver.Result {
	tb.Helper()
	t, err := solver.ParseTarget(mean, variance)
	if err != nil {
		tb.Fatal(err)
	}
	o := &solver.Options{DropoutRates: []float64{0.01, 0.05, 0.1, 0.2}}
	if omega != "" {
		o.Omega, _ = solver.ParseDecimal(omega)
		o.Tau, _ = solver.ParseDecimal(tau)
	}
	r, err := solver.Solve(t, o)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// smallConfig is a configuration that builds in well under a second:
// coarse grids and a tiny Monte Carlo.
func smallConfig(tb testing.TB, mean, variance string) Config {
	return Config{
		Result: solved(tb, mean, variance, "", ""),
		FieldN: 7, GridN: 16, BasinN: 12, FeasibleN: 16, CurveN: 40, MaxSteps: 100,
		MC:          MCConfig{Width: 16, Depth: 4, Batch: 16, Seed: 3, DropoutRate: 0.1},
		Tradeoff:    TradeoffConfig{CurvePoints: 9, MapPoints: 5},
		CommandLine: "test",
	}
}

var (
	pageOnce sync.Once
	pageData *reportData
	pageHTML []byte
	pageErr  error
)

// testPage builds and renders the report for (0, 4) once per test binary.
func testPage(t *testing.T) (*reportData, []byte) {
	t.Helper()
	pageOnce.Do(func() {
		pageData, pageErr = build(context.Background(), smallConfig(t, "0", "4"))
		if pageErr != nil {
			return
		}
		var buf bytes.Buffer
		pageErr = render(&buf, pageData)
		pageHTML = buf.Bytes()
	})
	if pageErr != nil {
		t.Fatal(pageErr)
	}
	return pageData, pageHTML
}

// buildPage builds and renders the report for c.
func buildPage(t *testing.T, c Config) (*reportData, string) {
	t.Helper()
	d, err := build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	var page strings.Builder
	if err := render(&page, d); err != nil {
		t.Fatal(err)
	}
	return d, page.String()
}

// parse parses page as HTML and fails the test if it cannot.
func parse(t *testing.T, page []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("the report does not parse as HTML: %v", err)
	}
	return doc
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key || (a.Namespace != "" && a.Namespace+":"+a.Key == key) {
			return a.Val, true
		}
	}
	return "", false
}

// walk calls fn for every element node under n.
func walk(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func text(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return strings.TrimSpace(b.String())
}

func byID(doc *html.Node) map[string]*html.Node {
	ids := map[string]*html.Node{}
	walk(doc, func(n *html.Node) {
		if id, ok := attr(n, "id"); ok {
			ids[id] = n
		}
	})
	return ids
}

func TestSectionsPresent(t *testing.T) {
	t.Parallel()
	_, page := testPage(t)
	ids := byID(parse(t, page))
	for _, id := range []string{
		"summary", "dynamics", "variance", "stability", "feasibility", "montecarlo", "dropout", "reproducibility",
		"constants", "jacobian", "spectrum", "certificate", "dropout-table", "mc-table", "repro", "timings",
	} {
		if ids[id] == nil {
			t.Errorf("no element with id %q", id)
		}
	}
	// Every figure holds a plot: an <svg> with a viewBox.
	for _, id := range []string{"fig-field", "fig-basin", "fig-variance", "fig-norm", "fig-radius", "fig-feasibility", "fig-mc-exact-mean", "fig-mc-exact-var", "fig-mc-lecun-mean", "fig-mc-lecun-var"} {
		fig := ids[id]
		if fig == nil {
			t.Errorf("no figure %q", id)
			continue
		}
		var svgs int
		walk(fig, func(n *html.Node) {
			if n.Data == "svg" {
				if _, ok := attr(n, "viewbox"); !ok {
					if _, ok := attr(n, "viewBox"); !ok {
						t.Errorf("figure %q: svg without viewBox", id)
					}
				}
				svgs++
			}
		})
		if svgs != 1 {
			t.Errorf("figure %q has %d svg elements, want 1", id, svgs)
		}
	}
}

// TestContentsListEverySection checks that the page's list of contents
// links every top-level section, in the order of the page.
func TestContentsListEverySection(t *testing.T) {
	t.Parallel()
	_, page := testPage(t)
	var sections, links []string
	walk(parse(t, page), func(n *html.Node) {
		switch n.Data {
		case "section":
			if id, ok := attr(n, "id"); ok {
				sections = append(sections, id)
			}
		case "a":
			if href, ok := attr(n, "href"); ok && strings.HasPrefix(href, "#") && n.Parent != nil && n.Parent.Data == "li" &&
				n.Parent.Parent != nil && n.Parent.Parent.Parent != nil && n.Parent.Parent.Parent.Data == "nav" {
				links = append(links, href[1:])
			}
		}
	})
	if strings.Join(links, ",") != strings.Join(sections, ",") {
		t.Errorf("contents link %v, the page's sections are %v", links, sections)
	}
}

// TestSelfContained checks that nothing on the page points outside it: no
// scripts, no external style sheets, fonts or images; links are fragments
// of the page and images are data: URIs.
func TestSelfContained(t *testing.T) {
	t.Parallel()
	_, page := testPage(t)
	checkSelfContained(t, page)
	if strings.Contains(pageCSS, "url(") || strings.Contains(pageCSS, "@import") {
		t.Error("the style sheet loads external resources")
	}
}

// checkSelfContained reports elements and attributes of page that would
// load anything from outside the file: only fragment links to an existing
// id and inline PNG images are allowed.
func checkSelfContained(t *testing.T, page []byte) {
	t.Helper()
	doc := parse(t, page)
	ids := byID(doc)
	walk(doc, func(n *html.Node) {
		switch n.Data {
		case "script", "link", "iframe", "object", "embed", "base", "frame", "audio", "video", "source", "track":
			t.Errorf("element <%s> on a self-contained page", n.Data)
		}
		for _, a := range n.Attr {
			k := strings.ToLower(a.Key)
			if k != "src" && k != "href" && k != "srcset" && k != "action" && k != "poster" && k != "data" {
				continue
			}
			v := strings.TrimSpace(a.Val)
			switch {
			case strings.HasPrefix(v, "#"):
				if ids[v[1:]] == nil {
					t.Errorf("<%s %s=%q>: no such fragment", n.Data, a.Key, v)
				}
			case strings.HasPrefix(v, "data:image/png;base64,"):
			default:
				t.Errorf("<%s %s=%q> points outside the file", n.Data, a.Key, shorten(v))
			}
		}
		if s, ok := attr(n, "style"); ok && strings.Contains(s, "url(") {
			t.Errorf("<%s style=%q> loads a URL", n.Data, shorten(s))
		}
	})
}

func shorten(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// TestNumbersEqualSolver compares the numbers in the tables with an
// independent call of the solver for the same target.
func TestNumbersEqualSolver(t *testing.T) {
	t.Parallel()
	_, page := testPage(t)
	ids := byID(parse(t, page))
	res, err := solver.Solve(solver.NewTarget(0, 4), &solver.Options{DropoutRates: []float64{0.01, 0.05, 0.1, 0.2}})
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string]string{}
	walk(ids["constants"], func(n *html.Node) {
		if v, ok := attr(n, "data-value"); ok {
			cells[v] = text(n)
		}
	})
	for _, c := range []struct {
		name string
		want *big.Float
	}{{"lambda", res.Lambda}, {"alpha", res.Alpha}, {"alphaprime", res.AlphaPrime}} {
		if got, want := cells[c.name], res.Text(c.want); got != want {
			t.Errorf("%s: page says %q, solver %q", c.name, got, want)
		}
	}
	// λ and α for (0, 4) from docs/model.md §4 (mpmath at 60 digits), 30 digits.
	if got, want := cells["lambda"], "1.07023227444711082731986364608"; got != want {
		t.Errorf("λ = %s, want %s (docs/model.md §4)", got, want)
	}
	if got, want := cells["alpha"], "2.40400533821648224237642412369"; got != want {
		t.Errorf("α = %s, want %s (docs/model.md §4)", got, want)
	}

	// Stability at the fixed point, as the solver reports it.
	spectrum := map[string]string{}
	walk(ids["spectrum"], func(n *html.Node) {
		if v, ok := attr(n, "data-value"); ok {
			spectrum[v] = text(n)
		}
	})
	if got, want := spectrum["S"], strconv.FormatFloat(res.Stability.SpectralNorm, 'g', -1, 64); got != want {
		t.Errorf("S = %s, solver %s", got, want)
	}
	if got, want := spectrum["rho"], strconv.FormatFloat(res.Stability.SpectralRadius, 'g', -1, 64); got != want {
		t.Errorf("ρ = %s, solver %s", got, want)
	}

	// The certificate, as verify proves it for the same constants and box.
	v, err := verify.Certify(mapping.Point{Mean: 0, Var: 4}, res.Constants, res.Weights,
		&verify.SearchOptions{Settings: &verify.Settings{MaxBoxes: DefaultVerifyBoxes}})
	if err != nil {
		t.Fatal(err)
	}
	certCells := map[string]string{}
	walk(ids["certificate"], func(n *html.Node) {
		if k, ok := attr(n, "data-value"); ok {
			certCells[k] = text(n)
		}
	})
	if got, want := certCells["bound"], "S ≤ "+verify.FormatBound(v.MaxSpectralNorm, true, 10); !strings.HasPrefix(got, want) {
		t.Errorf("certificate bound %q, verify %q", got, want)
	}
	if got, want := certCells["boxes"], strconv.Itoa(v.Boxes); got != want {
		t.Errorf("certificate boxes %s, verify %s", got, want)
	}
	if got, want := cells["certified"], map[bool]string{true: "yes", false: "no"}[v.Certified]; got != want {
		t.Errorf("certified %q, verify says %q", got, want)
	}

	var rows int
	walk(ids["dropout-table"], func(n *html.Node) {
		rate, ok := attr(n, "data-rate")
		if !ok {
			return
		}
		var row *solver.Dropout
		for i := range res.Dropout {
			if fmtRate(res.Dropout[i].Rate) == rate {
				row = &res.Dropout[i]
			}
		}
		if row == nil {
			t.Errorf("dropout row for rate %s not in the solver's result", rate)
			return
		}
		rows++
		walk(n, func(td *html.Node) {
			switch v, _ := attr(td, "data-value"); v {
			case "a":
				if got, want := text(td), res.Text(row.A); got != want {
					t.Errorf("rate %s: a = %q, solver %q", rate, got, want)
				}
			case "b":
				if got, want := text(td), res.Text(row.B); got != want {
					t.Errorf("rate %s: b = %q, solver %q", rate, got, want)
				}
			}
		})
	})
	if rows != 4 {
		t.Errorf("dropout table has %d rows, want 4", rows)
	}
}

func fmtRate(r float64) string { return new(big.Float).SetFloat64(r).Text('g', -1) }

// TestNotComputed renders a Data value with only the solver's part and
// checks that every missing part is announced as such.
func TestNotComputed(t *testing.T) {
	t.Parallel()
	full, _ := testPage(t)
	d := &reportData{Target: full.Target, Convention: full.Convention, Constants: full.Constants,
		Verdict:   verdictView{Class: full.Verdict.Class},
		Stability: full.Stability, Dropout: full.Dropout, Repro: full.Repro}
	var buf bytes.Buffer
	if err := render(&buf, d); err != nil {
		t.Fatal(err)
	}
	doc := parse(t, buf.Bytes())
	var missing int
	walk(doc, func(n *html.Node) {
		if c, _ := attr(n, "class"); c == "missing" && strings.HasPrefix(text(n), "Not computed") {
			missing++
		}
	})
	// 6 figures, the certificate, the Monte Carlo section and the
	// trade-off section.
	if want := 6 + 1 + 1 + 1; missing != want {
		t.Errorf("%d parts announced as not computed, want %d", missing, want)
	}
	if !strings.Contains(buf.String(), "not computed") {
		t.Error("the summary does not say the certificate was not computed")
	}
	if err := render(&buf, nil); err == nil {
		t.Error("Render(nil) returned no error")
	}
}

// TestDefaultGridsSize renders the default grids (with a tiny Monte Carlo
// and no certificate, which add no images) and checks that the file stays
// well under 3 MB, with every heat map rasterized:
// one PNG per heat map plus one per color bar.
func TestDefaultGridsSize(t *testing.T) {
	t.Parallel()
	d, err := build(context.Background(), Config{Result: solved(t, "0", "4", "", ""),
		MC: MCConfig{Width: 8, Depth: 2, Batch: 8}, Verify: VerifyConfig{Off: true}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := render(&buf, d); err != nil {
		t.Fatal(err)
	}
	if n := buf.Len(); n > 3<<20 {
		t.Errorf("default report is %d bytes, want < 3 MB", n)
	}
	// basin, S and ρ with color bars (2 each), feasibility (1), and the
	// trade-off section's maps of χ and ξ_c with color bars (2 each).
	if got, want := strings.Count(buf.String(), "data:image/png;base64,"), 11; got != want {
		t.Errorf("%d embedded PNG images, want %d", got, want)
	}
	// A vector heat map would draw one path per cell (22500 for S alone).
	if n := strings.Count(buf.String(), "<path"); n > 5000 {
		t.Errorf("%d SVG paths: heat maps drawn as vector cells?", n)
	}
}
