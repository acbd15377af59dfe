package sweep

import (
	"bytes"
	"context"
	"math"
	"math/big"
	"strings"
	"testing"

	"selu/solver"
)

func TestWriteHTML(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		mean, vari string
		omega      *big.Rat
		summary    string
	}{
		{"-0.6:0.6:0.3", "0.5:2:0.5", nil, "20: 18 feasible, 18 of them stable"},
		{"2:3:0.5", "0.5:1:0.5", nil, "6: 0 feasible, 0 of them stable"},               // all infeasible: grey maps
		{"-0.1:0.1:0.1", "1:2:1", big.NewRat(1, 1), "6: 6 feasible, 0 of them stable"}, // notebook: all unstable
	} {
		g := mustGrid(t, c.mean, c.vari)
		tab, err := Run(context.Background(), g, &Options{Solver: &solver.Options{Digits: 8, Omega: c.omega}})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := tab.WriteHTML(&b); err != nil {
			t.Fatal(err)
		}
		p := b.String()
		if n := strings.Count(p, "<svg"); n != 3 {
			t.Errorf("%s × %s: %d SVG figures, want 3", c.mean, c.vari, n)
		}
		if strings.Contains(p, "<script") || strings.Contains(p, "<?xml") || !strings.Contains(p, c.summary) {
			t.Errorf("%s × %s: page lacks %q or has a script or an XML prolog", c.mean, c.vari, c.summary)
		}
		if !strings.Contains(p, `preserveAspectRatio="none"`) {
			t.Errorf("%s × %s: raster images keep their aspect ratio", c.mean, c.vari)
		}
	}
	one := mustGrid(t, "0", "1:2:1")
	tab, err := Run(context.Background(), one, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := tab.WriteHTML(&bytes.Buffer{}); err == nil || !strings.HasPrefix(err.Error(), "sweep: ") {
		t.Errorf("one mean: error = %v, want one", err)
	}
}

// TestEdgeMeans compares the float64 edges drawn on the heat maps with
// solver.FeasibleMeans (big.Float, about 10 significant digits).
func TestEdgeMeans(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ omega, tau, nu float64 }{
		{0, 1, 1}, {0, 1, 0.25}, {0, 1, 4}, {0, 0.5625, 1}, {1, 1, 1}, {1, 1, 2}, {0.5, 0.9, 0.5}, {-1, 1, 1},
		{0.3, 1, 1}, {0.1, 1, 2}, {2, 1, 1}, {-0.5, 1, 0.5},
	} {
		lo, hi := edgeMeans(c.omega, c.tau, c.nu)
		wlo, whi, err := solver.FeasibleMeans(new(big.Rat).SetFloat64(c.nu),
			&solver.Options{Omega: new(big.Rat).SetFloat64(c.omega), Tau: new(big.Rat).SetFloat64(c.tau)})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range [][2]float64{{lo, wlo}, {hi, whi}} {
			if math.IsInf(e[1], 0) {
				if e[0] != e[1] {
					t.Errorf("ω = %v, τ = %v, ν = %v: edge %v, want %v", c.omega, c.tau, c.nu, e[0], e[1])
				}
				continue
			}
			if math.Abs(e[0]-e[1]) > 1e-8*math.Abs(e[1]) {
				t.Errorf("ω = %v, τ = %v, ν = %v: edge %v, want %v", c.omega, c.tau, c.nu, e[0], e[1])
			}
		}
	}
	// ω = 0: the upper edge is √(ν/(π−1)) (SPEC §4).
	if _, hi := edgeMeans(0, 1, 2); math.Abs(hi-math.Sqrt(2/(math.Pi-1))) > 1e-14 {
		t.Errorf("ω = 0, ν = 2: upper edge %v, want %v", hi, math.Sqrt(2/(math.Pi-1)))
	}
}
