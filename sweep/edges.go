package sweep

import (
	"math"

	"github.com/selu-tool/selu/mapping"
)

// Edges returns the edges of the feasible region, lo(ν) < μ* < hi(ν), at n
// variances evenly spanning the grid's variance axis (its first and last
// points included): lo holds the points (lo(ν), ν) and hi the points
// (hi(ν), ν), in order of increasing ν. The edges are
// mapping.Weights.FeasibleMeans at the table's ω, τ (in float64: closed
// forms for ω = 0, a scan outward from μ = 0 and bisection otherwise); they
// agree with solver.FeasibleMeans to about 8 significant digits. A
// variance at which an edge is not found (FeasibleMeans gives ±Inf: |μ|
// beyond about 10⁴√ν, or float64 cannot decide the condition, as for very
// negative μω) contributes no point to that edge. With ω ≠ 0 the edges
// bound the part of the feasible set around μ* = 0. Edges panics if n < 2.
func (t *Table) Edges(n int) (lo, hi []mapping.Point) {
	if n < 2 {
		panic("sweep: Edges needs at least 2 variances")
	}
	g := t.Grid
	v0, v1 := g.Var.Float64(0), g.Var.Float64(g.Var.Len()-1)
	om, _ := t.Omega.Float64()
	tau, _ := t.Tau.Float64()
	w := mapping.Weights{Omega: om, Tau: tau}
	for i := range n {
		nu := v0 + (v1-v0)*float64(i)/float64(n-1)
		l, h, err := w.FeasibleMeans(nu)
		if err != nil {
			continue
		}
		if !math.IsInf(l, 0) && !math.IsNaN(l) {
			lo = append(lo, mapping.Point{Mean: l, Var: nu})
		}
		if !math.IsInf(h, 0) && !math.IsNaN(h) {
			hi = append(hi, mapping.Point{Mean: h, Var: nu})
		}
	}
	return lo, hi
}

// Counts returns the number of feasible targets of the table and, of
// those, the number whose fixed point is stable (ρ < 1, Row.Stable).
func (t *Table) Counts() (feasible, stable int) {
	for _, r := range t.Rows {
		if r.Feasible {
			feasible++
			if r.Stable() {
				stable++
			}
		}
	}
	return feasible, stable
}

// WeightsText returns the weights ω and τ of the table as exact decimals
// (as fractions p/q when their decimal expansion is longer than 60
// digits, e.g. τ = 1/3).
func (t *Table) WeightsText() (omega, tau string) { return decimal(t.Omega), decimal(t.Tau) }
