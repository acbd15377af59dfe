package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/selu-tool/selu/solver"
	"github.com/selu-tool/selu/sweep"
)

// TestBrowserSweepCertified loads the page of a certified sweep
// (selu-solve sweep --certify --html) in headless Chromium, as TestBrowser
// does the plain one: no console errors, six heat maps (the five of every
// sweep and the certified widths), each with its raster and color bar, the
// layout checks clean, and a screenshot saved as a test artifact.
func TestBrowserSweepCertified(t *testing.T) {
	ctx := newBrowser(t)
	m, _ := sweep.ParseAxis("-0.6:0.6:0.3")
	v, _ := sweep.ParseAxis("0.5:2:0.5")
	g, err := sweep.NewGrid(m, v)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := sweep.Run(context.Background(), g, &sweep.Options{Solver: &solver.Options{Digits: 8}, Certify: true})
	if err != nil {
		t.Fatal(err)
	}
	var page bytes.Buffer
	if err := RenderSweep(&page, tab); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sweep.html")
	if err := os.WriteFile(path, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	boxes, shots, problems, err := loadPage(ctx, "file://"+path, "#maps")
	if err != nil {
		t.Fatalf("driving %s: %v", chromium, err)
	}
	for _, p := range problems {
		t.Errorf("browser: %s", p)
	}
	for _, p := range shots.layout {
		t.Errorf("layout: %s", p)
	}
	if len(boxes) != 6 || !slices.ContainsFunc(boxes, func(b plotBox) bool { return b.ID == "fig-certified" }) {
		t.Errorf("%d plots, want 6 with fig-certified: %+v", len(boxes), boxes)
	}
	for _, b := range boxes {
		if !(b.Width > 100 && b.Height > 100) || b.Images != 2 || !(b.ImageArea > 1000) {
			t.Errorf("plot %s rendered at %.0f×%.0f px with %d raster images covering %.0f px²", b.ID, b.Width, b.Height, b.Images, b.ImageArea)
		}
	}
	if len(shots.screen) == 0 {
		t.Fatal("empty screenshot")
	}
	if err := os.WriteFile(filepath.Join(t.ArtifactDir(), "sweep-certified.png"), shots.full, 0o644); err != nil {
		t.Error(err)
	}
}
