package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/selu-tool/selu/compare"
	"github.com/selu-tool/selu/solver"
)

// tradeoffTestPage renders the trade-off page for (0, 1) and (0, 4) on
// coarse grids.
func tradeoffTestPage(t *testing.T) []byte {
	t.Helper()
	var targets []compare.Target
	for _, v := range []string{"1", "4"} {
		tg, err := solver.ParseTarget("0", v)
		if err != nil {
			t.Fatal(err)
		}
		targets = append(targets, tg)
	}
	rows, err := compare.Rows(targets, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Tradeoff(&buf, rows, TradeoffOptions{CurvePoints: 21, MapPoints: 15}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tradeoffBox is one figure's rendered size and the number of text boxes
// of its SVG that fall outside the SVG's own box by more than 3 px (the
// title and the y label sit at the edges; their line boxes exceed the
// glyphs by the font's leading, under 2 px).
type tradeoffBox struct {
	ID            string
	Width, Height float64
	Texts         int
	Outside       int
}

const tradeoffBoxesJS = `Array.from(document.querySelectorAll("figure.plot")).map(f => {
	const s = f.querySelector("svg");
	if (!s) return {ID: f.id, Width: 0, Height: 0, Texts: 0, Outside: 0};
	const r = s.getBoundingClientRect();
	let n = 0, out = 0;
	for (const t of s.querySelectorAll("text")) {
		const b = t.getBoundingClientRect();
		if (b.width === 0) continue;
		n++;
		if (b.left < r.left - 3 || b.right > r.right + 3 || b.top < r.top - 3 || b.bottom > r.bottom + 3) out++;
	}
	return {ID: f.id, Width: r.width, Height: r.height, Texts: n, Outside: out};
})`

// TestTradeoffBrowser loads the trade-off page in headless Chromium (as
// TestBrowser does the report): no console errors or Content-Security-Policy
// violations, all nine figures drawn with a non-zero size, their text
// inside the plots, and the table with one row per target. A screenshot is
// saved as a test artifact. Skipped without Chromium unless CI is set.
func TestTradeoffBrowser(t *testing.T) {
	page := tradeoffTestPage(t)
	path := filepath.Join(t.TempDir(), "tradeoff.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t)

	var mu sync.Mutex
	var problems []string
	if err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				mu.Lock()
				problems = append(problems, "console."+string(ev.Type))
				mu.Unlock()
			}
		case *runtime.EventExceptionThrown:
			mu.Lock()
			problems = append(problems, "exception: "+ev.ExceptionDetails.Text)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+path), chromedp.WaitReady(chromedp.CSS("#curves"))); err != nil {
		t.Fatalf("driving %s: %v", chromium, err)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	if title != "SELU targets: the trade-off" {
		t.Errorf("title %q", title)
	}
	boxes, err := chromedp.Run(ctx, chromedp.Evaluate[[]tradeoffBox](tradeoffBoxesJS))
	if err != nil {
		t.Fatal(err)
	}
	rowsShown, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#compare-table tbody tr").length`))
	if err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int]("1")); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	for _, p := range problems {
		t.Errorf("browser: %s", p)
	}
	mu.Unlock()
	want := []string{"fig-rho", "fig-layers", "fig-chi", "fig-chi-depth", "fig-xi", "fig-constants", "fig-tradeoff", "fig-map-chi", "fig-map-xi"}
	if len(boxes) != len(want) {
		t.Fatalf("%d figures, want %d: %+v", len(boxes), len(want), boxes)
	}
	for i, b := range boxes {
		if b.ID != want[i] {
			t.Errorf("figure %d is %q, want %q", i, b.ID, want[i])
		}
		if b.Width < 200 || b.Height < 150 {
			t.Errorf("figure %s rendered at %.0f×%.0f px", b.ID, b.Width, b.Height)
		}
		if b.Texts < 5 || b.Outside > 0 {
			t.Errorf("figure %s: %d text elements, %d outside the plot", b.ID, b.Texts, b.Outside)
		}
	}
	if rowsShown != 2 {
		t.Errorf("table shows %d targets, want 2", rowsShown)
	}
	if len(shot) == 0 {
		t.Error("empty screenshot")
	}
	dir := t.ArtifactDir()
	if err := os.WriteFile(filepath.Join(dir, "tradeoff.png"), shot, 0o644); err != nil {
		t.Error(err)
	}
}

// TestTradeoffPage checks the page's content without a browser.
func TestTradeoffPage(t *testing.T) {
	page := string(tradeoffTestPage(t))
	for _, s := range []string{"Schoenholz", "(0, 4)", "0.782648", "1.19765", `id="fig-map-xi"`, "not a measurement"} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	sec, err := TradeoffSection(nil, TradeoffOptions{})
	if err == nil || sec != "" {
		t.Error("TradeoffSection without rows: no error")
	}
	rows, err := compare.Rows([]compare.Target{solver.NewTarget(0, 1)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sec, err = TradeoffSection(rows, TradeoffOptions{CurvePoints: 5, MapPoints: 4})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(sec), "<figure"); n != 9 || strings.Contains(string(sec), "<html") {
		t.Errorf("TradeoffSection: %d figures (want 9), or a whole page", n)
	}
	if err := Tradeoff(&bytes.Buffer{}, nil, TradeoffOptions{}); err == nil {
		t.Error("no rows: no error")
	}
	if err := Tradeoff(&bytes.Buffer{}, []compare.Row{{}}, TradeoffOptions{VarMin: 2, VarMax: 1}); err == nil {
		t.Error("VarMin > VarMax: no error")
	}
}
