package report

import "testing"

// TestFewTicks: two to four labelled ticks at round values for ranges of
// the report's plots.
func TestFewTicks(t *testing.T) {
	for _, r := range [][2]float64{{0, 1}, {0.25, 1.75}, {-1, 2}, {-3.7, 3.7}, {0, 4}, {1, 32}, {0.9, 1.1}, {1e-3, 2e-3}, {-0.6, 0.6}, {0.5, 2}, {0.8, 1.25}, {0, 507}} {
		n := 0
		for _, tk := range (fewTicks{}).Ticks(r[0], r[1]) {
			if tk.Label != "" {
				n++
			}
			if tk.Value < r[0]-1e-12 || tk.Value > r[1]+1e-12 {
				t.Errorf("%v: tick %v outside", r, tk.Value)
			}
		}
		if n < 2 || n > 4 {
			t.Errorf("%v: %d labelled ticks, want 2 to 4: %v", r, n, (fewTicks{}).Ticks(r[0], r[1]))
		}
	}
	for _, r := range [][2]float64{{1e-3, 1e3}, {0.01, 16}, {0.04, 40}, {1e-6, 1e6}} {
		n := 0
		for _, tk := range (logTicks{}).Ticks(r[0], r[1]) {
			if tk.Label != "" {
				n++
			}
		}
		if n < 2 || n > 4 {
			t.Errorf("log %v: %d labelled ticks, want 2 to 4: %v", r, n, (logTicks{}).Ticks(r[0], r[1]))
		}
	}
}
