package report

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium is Debian's browser, which .ci/run installs with apt-get.
const chromium = "/usr/bin/chromium"

var pageFlag = flag.String("page", "", "TestBrowser: load this report file instead of a freshly built small one (e.g. ../docs/example-0-4.html)")

// plotBox is the rendered size of one figure's plot.
type plotBox struct {
	ID            string
	Width, Height float64
	Images        int     // raster images inside the SVG
	ImageArea     float64 // their total rendered area
	// The figure's box and the horizontal extent of the grid holding it.
	Left, Right, Top    float64
	GridLeft, GridRight float64
}

// newBrowser returns a tab of headless Chromium for t, closed when t ends,
// with a 90 s limit. The test is skipped when Chromium is absent, unless the
// CI environment variable is set, in which case it fails.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("%s not found (apt-get install -y chromium); set CI=true to make this a failure", chromium)
		}
		t.Fatalf("CI is set and %s is missing: %v (install it with apt-get install -y chromium)", chromium, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1700),
	)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(cancelTab)
	return ctx
}

// TestBrowser loads the report in headless Chromium and checks that it
// renders: no console errors (a Content-Security-Policy violation, i.e. an
// attempt to load anything from outside the file, is one), and every plot
// drawn with a non-zero size, on screen and in the print layout (print
// media at A4 text width). Screenshots and a print to PDF are saved as test
// artifacts (go test -artifacts).
//
// The test is skipped when Chromium is absent, unless the CI environment
// variable is set, in which case it fails.
func TestBrowser(t *testing.T) {
	path := *pageFlag
	if path == "" {
		_, page := testPage(t)
		path = filepath.Join(t.TempDir(), "report.html")
		if err := os.WriteFile(path, page, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}

	ctx := newBrowser(t)

	// The first tab: the report.
	boxes, shots, problems, err := loadPage(ctx, "file://"+path, "#reproducibility")
	if err != nil {
		t.Fatalf("driving %s: %v", chromium, err)
	}
	screen, full, pdf, printed, title := shots.screen, shots.full, shots.pdf, shots.print, shots.title

	// A second tab checks that the harness sees what it looks for: a page
	// that tries to load an image from outside must give a console error.
	bad := filepath.Join(t.TempDir(), "bad.html")
	// It also holds a plot whose label runs out of the SVG and whose two
	// texts overlap, which the layout checks must report.
	badPage := strings.Replace(string(mustPage(t)), "</main>", `<img src="http://127.0.0.1:9/x.png" alt="">`+
		`<figure class="plot" id="fig-bad"><svg viewBox="0 0 100 60" width="200" height="120"><text x="60" y="20">a label running out</text><text x="62" y="22">overlap</text></svg></figure></main>`, 1)
	if err := os.WriteFile(bad, []byte(badPage), 0o644); err != nil {
		t.Fatal(err)
	}
	tab, cancelBad := chromedp.NewContext(ctx)
	_, badShots, badProblems, err := loadPage(tab, "file://"+bad, "#reproducibility")
	cancelBad()
	if err != nil {
		t.Fatalf("driving %s (second tab): %v", chromium, err)
	}
	if len(badProblems) == 0 {
		t.Error("a page loading an external image gave no console error: the harness cannot see violations")
	}
	if l := strings.Join(badShots.layout, "\n"); !strings.Contains(l, `fig-bad: text "a label running out" outside the plot`) || !strings.Contains(l, "fig-bad: texts") {
		t.Errorf("the layout checks did not report the bad plot; they said:\n%s", l)
	}
	if !strings.HasPrefix(title, "SELU constants for mean") {
		t.Errorf("page title %q", title)
	}
	for _, p := range problems {
		t.Errorf("browser: %s", p)
	}
	if len(boxes) < 17 {
		t.Errorf("%d plots on the page, want at least 17", len(boxes))
	}
	// The trade-off section (section 8): its nine figures, each drawn,
	// the two heat maps rasterized (the layout checks below cover them like
	// the others).
	for _, id := range []string{"fig-rho", "fig-layers", "fig-chi", "fig-chi-depth", "fig-xi", "fig-constants", "fig-tradeoff", "fig-map-chi", "fig-map-xi"} {
		i := slices.IndexFunc(boxes, func(b plotBox) bool { return b.ID == id })
		switch {
		case i < 0:
			t.Errorf("trade-off figure %s missing", id)
		case strings.HasPrefix(id, "fig-map") && boxes[i].Images < 1:
			t.Errorf("trade-off heat map %s: no rasterized image rendered", id)
		}
	}
	for _, b := range boxes {
		if !(b.Width > 100 && b.Height > 100) {
			t.Errorf("plot %s rendered at %.0f×%.0f px", b.ID, b.Width, b.Height)
		}
		if b.Images > 0 && !(b.ImageArea > 1000) {
			t.Errorf("plot %s: its %d raster images cover %.0f px²", b.ID, b.Images, b.ImageArea)
		}
	}
	for _, id := range []string{"fig-basin", "fig-norm", "fig-radius", "fig-feasibility"} {
		found := false
		for _, b := range boxes {
			if b.ID == id && b.Images >= 1 {
				found = true
			}
		}
		if !found {
			t.Errorf("heat map %s: no rasterized image rendered", id)
		}
	}

	dir := t.ArtifactDir()
	for _, p := range shots.layout {
		t.Errorf("layout: %s", p)
	}
	for id, png := range shots.sections {
		if len(png) == 0 {
			t.Errorf("empty screenshot of section %s", id)
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, "section-"+id+".png"), png, 0o644); err != nil {
			t.Error(err)
		}
	}
	if len(shots.sections) < 9 || len(shots.sections["tradeoff"]) == 0 {
		t.Errorf("%d section screenshots (trade-off: %d bytes), want 9", len(shots.sections), len(shots.sections["tradeoff"]))
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("printing to PDF gave %d bytes, not a PDF", len(pdf))
	}
	// Printed on A4, plots go two to a row: each must keep a readable size.
	if len(shots.printBoxes) != len(boxes) {
		t.Errorf("%d plots in the print layout, %d on screen", len(shots.printBoxes), len(boxes))
	}
	for _, b := range shots.printBoxes {
		if !(b.Width > 250 && b.Height > 180) {
			t.Errorf("print layout: plot %s at %.0f×%.0f px", b.ID, b.Width, b.Height)
		}
	}
	for name, png := range map[string][]byte{"report-screen.png": screen, "report-full.png": full, "report.pdf": pdf, "report-print.png": printed} {
		if len(png) == 0 {
			t.Errorf("empty screenshot %s", name)
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
			t.Error(err)
		}
	}

	// A third tab: the page of a small sweep (RenderSweep), with its five
	// heat maps.
	var sweepPage bytes.Buffer
	if err := RenderSweep(&sweepPage, sweepTable(t, "-0.6:0.6:0.3", "0.5:2:0.5", nil)); err != nil {
		t.Fatal(err)
	}
	sweepPath := filepath.Join(t.TempDir(), "sweep.html")
	if err := os.WriteFile(sweepPath, sweepPage.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tab, cancelSweep := chromedp.NewContext(ctx)
	sweepBoxes, sweepShots, sweepProblems, err := loadPage(tab, "file://"+sweepPath, "#maps")
	cancelSweep()
	if err != nil {
		t.Fatalf("driving %s (sweep page): %v", chromium, err)
	}
	if sweepShots.title != "SELU constants over a grid of targets" {
		t.Errorf("sweep page title %q", sweepShots.title)
	}
	for _, p := range sweepProblems {
		t.Errorf("browser, sweep page: %s", p)
	}
	if len(sweepBoxes) != 5 || len(sweepShots.printBoxes) != 5 {
		t.Errorf("sweep page: %d plots on screen, %d in print, want 5", len(sweepBoxes), len(sweepShots.printBoxes))
	}
	for _, p := range sweepShots.layout {
		t.Errorf("sweep page layout: %s", p)
	}
	for _, p := range unevenRows(sweepBoxes) {
		t.Errorf("sweep page, screen: %s", p)
	}
	for _, p := range unevenRows(sweepShots.printBoxes) {
		t.Errorf("sweep page, print layout: %s", p)
	}
	for _, b := range sweepBoxes {
		// The heat map and its color bar.
		if !(b.Width > 100 && b.Height > 100) || b.Images != 2 || !(b.ImageArea > 1000) {
			t.Errorf("sweep page: plot %s rendered at %.0f×%.0f px with %d raster images covering %.0f px²", b.ID, b.Width, b.Height, b.Images, b.ImageArea)
		}
	}
	for _, b := range sweepShots.printBoxes {
		if !(b.Width > 250 && b.Height > 180) {
			t.Errorf("sweep page, print layout: plot %s at %.0f×%.0f px", b.ID, b.Width, b.Height)
		}
	}
	for name, png := range map[string][]byte{"sweep-screen.png": sweepShots.screen, "sweep.pdf": sweepShots.pdf} {
		if len(png) == 0 {
			t.Errorf("empty screenshot %s", name)
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
			t.Error(err)
		}
	}
	t.Logf("screenshots in %s", dir)
}

// shots are what loadPage captures.
type shots struct {
	screen, full, pdf, print []byte
	title                    string
	printBoxes               []plotBox // plot sizes in the print layout
	sections                 map[string][]byte
	layout                   []string // problems found by layoutJS
}

// loadPage opens url in the tab of ctx, waits for the element matching the
// CSS selector ready (the last section), and
// returns the sizes of the plots, screenshots, a print to PDF, and the
// console errors and warnings and browser-log errors seen meanwhile.
func loadPage(ctx context.Context, url, ready string) (boxes []plotBox, s shots, problems []string, err error) {
	var mu sync.Mutex
	record := func(p string) {
		mu.Lock()
		problems = append(problems, p)
		mu.Unlock()
	}
	err = chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				record("console." + string(ev.Type) + ": " + strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			record("exception: " + ev.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				record(fmt.Sprintf("log %s (%s): %s %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
			}
		}
	})
	if err != nil {
		return nil, s, nil, err
	}
	if err = chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS(ready))); err != nil {
		return nil, s, nil, err
	}
	if s.title, err = chromedp.Run(ctx, chromedp.Title()); err != nil {
		return nil, s, nil, err
	}
	if boxes, err = chromedp.Run(ctx, chromedp.Evaluate[[]plotBox](plotBoxesJS)); err != nil {
		return nil, s, nil, err
	}
	if s.screen, err = chromedp.Run(ctx, chromedp.CaptureScreenshot()); err != nil {
		return nil, s, nil, err
	}
	if s.full, err = chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		return nil, s, nil, err
	}
	if s.layout, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](layoutJS)); err != nil {
		return nil, s, nil, err
	}
	var ids []string
	if ids, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("main > section[id]")).map(s => s.id)`)); err != nil {
		return nil, s, nil, err
	}
	s.sections = map[string][]byte{}
	for _, id := range ids {
		if s.sections[id], err = chromedp.Run(ctx, chromedp.Screenshot(chromedp.ID(id))); err != nil {
			return nil, s, nil, err
		}
	}
	if s.pdf, err = chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4))); err != nil {
		return nil, s, nil, err
	}
	// The print layout: print media at the width of an A4 page's text
	// (186 mm at 96 px per inch).
	err = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 703, Height: 1000, DeviceScaleFactor: 1})
		return err
	}))
	if err != nil {
		return nil, s, nil, err
	}
	if s.printBoxes, err = chromedp.Run(ctx, chromedp.Evaluate[[]plotBox](plotBoxesJS)); err != nil {
		return nil, s, nil, err
	}
	if s.print, err = chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		return nil, s, nil, err
	}
	// A round trip after the last action lets late console events arrive.
	if _, err = chromedp.Run(ctx, chromedp.Evaluate[int]("1")); err != nil {
		return nil, s, nil, err
	}
	mu.Lock()
	defer mu.Unlock()
	return boxes, s, slices.Clone(problems), nil
}

// plotBoxesJS measures every figure's plot and the raster images in it.
const plotBoxesJS = `Array.from(document.querySelectorAll("figure.plot")).map(f => {
	const s = f.querySelector("svg");
	if (!s) return {ID: f.id, Width: 0, Height: 0, Images: 0, ImageArea: 0};
	const r = s.getBoundingClientRect();
	let n = 0, area = 0;
	for (const im of s.querySelectorAll("image")) {
		const b = im.getBoundingClientRect();
		n++; area += b.width * b.height;
	}
	const fr = f.getBoundingClientRect(), g = f.parentElement.getBoundingClientRect();
	return {ID: f.id, Width: r.width, Height: r.height, Images: n, ImageArea: area,
		Left: fr.left, Right: fr.right, Top: fr.top, GridLeft: g.left, GridRight: g.right};
})`

// unevenRows reports the rows of figures (figures with the same top) that
// are not laid out evenly: figures of a row must have the same width, and
// the row must sit centred in its grid, so that no map is left alone at
// one side of a half-empty row.
func unevenRows(boxes []plotBox) []string {
	rows := map[int][]plotBox{}
	for _, b := range boxes {
		rows[int(math.Round(b.Top))] = append(rows[int(math.Round(b.Top))], b)
	}
	var bad []string
	for top, row := range rows {
		left, right := math.Inf(1), math.Inf(-1)
		for _, b := range row {
			left, right = math.Min(left, b.Left), math.Max(right, b.Right)
			if math.Abs((b.Right-b.Left)-(row[0].Right-row[0].Left)) > 2 {
				bad = append(bad, fmt.Sprintf("row at y = %d: %s is %.0f px wide, %s %.0f px", top, b.ID, b.Right-b.Left, row[0].ID, row[0].Right-row[0].Left))
			}
		}
		if g := row[0]; math.Abs((left-g.GridLeft)-(g.GridRight-right)) > 2 {
			bad = append(bad, fmt.Sprintf("row at y = %d (%d maps) is not centred: %.0f px free on the left, %.0f px on the right", top, len(row), left-g.GridLeft, g.GridRight-right))
		}
	}
	return bad
}

// layoutJS checks every plot cheaply for what a reader sees at a glance
// and returns one line per problem:
//   - every text of the SVG lies inside the SVG (no label cut off);
//   - tick labels (numeric texts) aligned on one axis number two to five;
//   - a legend drawn inside the SVG (texts other than the title, the axis
//     labels and the tick labels) lies inside the axes: right of the
//     y tick labels and above the x tick labels;
//   - texts do not overlap each other.
const layoutJS = `(() => {
	const out = [];
	const num = /^[−\-]?[0-9][0-9.]*(e[−\-+]?[0-9]+)?$|^[−\-]?[0-9.]+·10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+$/;
	for (const f of document.querySelectorAll("figure.plot")) {
		const svg = f.querySelector("svg");
		if (!svg) continue;
		const R = svg.getBoundingClientRect();
		const texts = Array.from(svg.querySelectorAll("text")).map(t => ({s: t.textContent.trim(), r: t.getBoundingClientRect()})).filter(t => t.s !== "");
		for (const t of texts) {
			if (t.r.left < R.left - 1 || t.r.right > R.right + 1 || t.r.top < R.top - 1 || t.r.bottom > R.bottom + 1) {
				out.push(f.id + ": text " + JSON.stringify(t.s) + " outside the plot");
			}
		}
		const ticks = texts.filter(t => num.test(t.s));
		const groups = new Map();
		for (const t of ticks) {
			for (const key of ["y" + Math.round(t.r.top), "x" + Math.round(t.r.right)]) {
				groups.set(key, (groups.get(key) || []).concat([t]));
			}
		}
		let axes = 0;
		for (const [k, g] of groups) {
			if (g.length >= 2) axes++;
			if (g.length > 5) out.push(f.id + ": " + g.length + " tick labels on one axis (" + g.map(t => t.s).join(" ") + ")");
		}
		if (ticks.length > 0 && axes === 0) out.push(f.id + ": no axis with two labelled ticks");
		// Legends inside the axes.
		const xt = ticks.filter(t => groups.get("y" + Math.round(t.r.top)).length >= 2);
		const yt = ticks.filter(t => groups.get("x" + Math.round(t.r.right)).length >= 2 && !xt.includes(t));
		const legend = f.dataset.legend ? texts.filter(t => t.s.startsWith(f.dataset.legend.split("|")[0]) || f.dataset.legend.split("|").some(p => t.s.startsWith(p))) : [];
		if (legend.length > 0 && xt.length > 0 && yt.length > 0) {
			const left = Math.max(...yt.map(t => t.r.right)), bottom = Math.min(...xt.map(t => t.r.top));
			for (const t of legend) {
				if (t.r.left < left || t.r.bottom > bottom) out.push(f.id + ": legend entry " + JSON.stringify(t.s) + " outside the axes");
			}
		}
		for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
			const a = texts[i].r, b = texts[j].r;
			const ox = Math.min(a.right, b.right) - Math.max(a.left, b.left), oy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
			if (ox > 2 && oy > 2) out.push(f.id + ": texts " + JSON.stringify(texts[i].s) + " and " + JSON.stringify(texts[j].s) + " overlap");
		}
	}
	return out;
})()`

// mustPage returns the small test report's HTML.
func mustPage(t *testing.T) []byte {
	_, page := testPage(t)
	return page
}
