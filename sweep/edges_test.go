package sweep

import (
	"context"
	"math"
	"math/big"
	"strconv"
	"testing"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/solver"
)

// TestEdgeMeans compares the float64 edges drawn on the heat maps
// (Table.Edges, through mapping.Weights.FeasibleMeans) with
// solver.FeasibleMeans (big.Float, about 10 significant digits).
func TestEdgeMeans(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ omega, tau, nu float64 }{
		{0, 1, 1}, {0, 1, 0.25}, {0, 1, 4}, {0, 0.5625, 1}, {1, 1, 1}, {1, 1, 2}, {0.5, 0.9, 0.5}, {-1, 1, 1},
		{0.3, 1, 1}, {0.1, 1, 2}, {2, 1, 1}, {-0.5, 1, 0.5},
	} {
		lo, hi := edgeMeans(t, c.omega, c.tau, c.nu)
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
	// ω = 0: the upper edge is √(ν/(π−1)) (docs/model.md §4).
	if _, hi := edgeMeans(t, 0, 1, 2); math.Abs(hi-math.Sqrt(2/(math.Pi-1))) > 1e-14 {
		t.Errorf("ω = 0, ν = 2: upper edge %v, want %v", hi, math.Sqrt(2/(math.Pi-1)))
	}
}

// edgeMeans returns the edges that Table.Edges draws at the single
// variance nu (±Inf where it draws none).
func edgeMeans(t *testing.T, omega, tau, nu float64) (lo, hi float64) {
	t.Helper()
	g := mustGrid(t, "0:1:1", strconv.FormatFloat(nu, 'g', -1, 64)+":"+strconv.FormatFloat(2*nu, 'g', -1, 64)+":"+strconv.FormatFloat(nu, 'g', -1, 64))
	tab := &Table{Grid: g, Omega: new(big.Rat).SetFloat64(omega), Tau: new(big.Rat).SetFloat64(tau)}
	l, h := tab.Edges(2)
	lo, hi = math.Inf(-1), math.Inf(1)
	if len(l) > 0 && l[0].Var == nu {
		lo = l[0].Mean
	}
	if len(h) > 0 && h[0].Var == nu {
		hi = h[0].Mean
	}
	return lo, hi
}

// TestEdges checks the sampling of Table.Edges and, for ω = 0, τ = 1, its
// upper edge against the closed form hi(ν) = √(ν/(π−1)) (docs/model.md §4).
func TestEdges(t *testing.T) {
	t.Parallel()
	g := mustGrid(t, "-0.5:0.5:0.5", "0.5:2.5:1")
	tab := &Table{Grid: g, Omega: new(big.Rat), Tau: big.NewRat(1, 1)}
	const n = 9
	lo, hi := tab.Edges(n)
	if len(lo) != n || len(hi) != n {
		t.Fatalf("%d and %d edge points, want %d each", len(lo), len(hi), n)
	}
	for i := range n {
		nu := 0.5 + 2*float64(i)/(n-1)
		if math.Abs(lo[i].Var-nu) > 1e-15 || hi[i].Var != lo[i].Var {
			t.Errorf("point %d: variances %v, %v, want %v", i, lo[i].Var, hi[i].Var, nu)
		}
		if want := math.Sqrt(nu / (math.Pi - 1)); math.Abs(hi[i].Mean-want) > 1e-14 {
			t.Errorf("ν = %v: upper edge %v, want √(ν/(π−1)) = %v", nu, hi[i].Mean, want)
		}
		if !(lo[i].Mean < 0) {
			t.Errorf("ν = %v: lower edge %v, want < 0", nu, lo[i].Mean)
		}
	}
}

// TestCounts compares Table.Counts with an independent count: the float64
// feasibility condition of docs/model.md §4 (mapping.Weights.Feasible) and
// ρ < 1 per row. The grid is the one
// of the CLI tests: (±0.6, 0.5) lie beyond the edges (hi(0.5) =
// √(0.5/(π−1)) ≈ 0.483).
func TestCounts(t *testing.T) {
	t.Parallel()
	g := mustGrid(t, "-0.6:0.6:0.3", "0.5:2:0.5")
	tab, err := Run(context.Background(), g, &Options{Solver: &solver.Options{Digits: 8}})
	if err != nil {
		t.Fatal(err)
	}
	feasibleN, stableN := tab.Counts()
	wantF, wantS := 0, 0
	for k, r := range tab.Rows {
		i, j := g.Index(k)
		ok, decided := mapping.Normalized().Feasible(mapping.Point{Mean: g.Mean.Float64(i), Var: g.Var.Float64(j)})
		if !decided {
			t.Fatalf("target %d: float64 cannot decide feasibility", k)
		}
		if ok {
			wantF++
			if r.Stability.SpectralRadius < 1 {
				wantS++
			}
		}
	}
	if feasibleN != wantF || stableN != wantS || feasibleN != 18 {
		t.Errorf("Counts() = %d, %d, want %d, %d (and 18 feasible)", feasibleN, stableN, wantF, wantS)
	}
}

func TestWeightsText(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		omega, tau *big.Rat
		wo, wt     string
	}{
		{new(big.Rat), big.NewRat(1, 1), "0", "1"},
		{big.NewRat(-1, 2), big.NewRat(9, 16), "-0.5", "0.5625"},
		{big.NewRat(1, 1), big.NewRat(1, 3), "1", "1/3"},
	} {
		tab := &Table{Omega: c.omega, Tau: c.tau}
		if o, tau := tab.WeightsText(); o != c.wo || tau != c.wt {
			t.Errorf("WeightsText(%v, %v) = %q, %q, want %q, %q", c.omega, c.tau, o, tau, c.wo, c.wt)
		}
	}
}
