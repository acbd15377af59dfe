package sweep

import (
	"math"

	"github.com/selu-tool/selu/mapping"
)

// Edges returns the edges of the feasible region, lo(ν) < μ* < hi(ν), at n
// variances evenly spanning the grid's variance axis (its first and last
// points included): lo holds the points (lo(ν), ν) and hi the points
// (hi(ν), ν), in order of increasing ν. The edges are computed in float64
// by bisection on the feasibility condition (docs/model.md §4)
//
//	−|B|/√D < μ/√(ν+μ²) < A/√C,
//
// with A, B, C, D the integrals of z ~ N(μω, ντ) (docs/model.md §2), stepping
// outward from μ = 0 (see edgeMeans); they agree with solver.FeasibleMeans
// to about 8 significant digits. A variance at which an edge is not found
// (|μ| beyond about 10⁴√ν, or float64 cannot decide the condition, as for
// very negative μω) contributes no point to that edge. With ω ≠ 0 the
// edges bound the part of the feasible set around μ* = 0. Edges panics if
// n < 2.
func (t *Table) Edges(n int) (lo, hi []mapping.Point) {
	if n < 2 {
		panic("sweep: Edges needs at least 2 variances")
	}
	g := t.Grid
	v0, v1 := g.Var.Float64(0), g.Var.Float64(g.Var.Len()-1)
	om, _ := t.Omega.Float64()
	tau, _ := t.Tau.Float64()
	for i := range n {
		nu := v0 + (v1-v0)*float64(i)/float64(n-1)
		l, h := edgeMeans(om, tau, nu)
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

// feasible reports, in float64, whether the target (mu, nu) has a SELU at
// weights ω, τ: with A, B, C, D the integrals of z ~ N(μω, ντ) (docs/model.md §2),
//
//	−|B|/√D < μ/√(ν+μ²) < A/√C    (docs/model.md §4).
//
// decided is false when float64 cannot tell: a bound is not finite (A, C
// underflow for very negative μω), or h = μ/√(ν+μ²) is within 1e-12 of a
// bound (for large |μω| the bounds and h agree to exponentially small
// terms).
func feasible(omega, tau, mu, nu float64) (ok, decided bool) {
	in := mapping.NewIntegrals(mu*omega, nu*tau)
	h := mu / math.Sqrt(nu+mu*mu)
	lo, hi := -math.Abs(in.B)/math.Sqrt(in.D), in.A/math.Sqrt(in.C)
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) || !(lo < hi) {
		return false, false
	}
	ok = lo < h && h < hi
	return ok, math.Min(math.Abs(h-lo), math.Abs(hi-h)) > 1e-12
}

// edgeMeans returns the edges of the feasible means around 0 for variance
// nu, in float64, for drawing: it steps outward from μ = 0 through
// μ = ±√ν·0.01·1.25ᵏ, k = 0…63 (as solver.FeasibleMeans does) to the first
// infeasible mean and bisects to float64 resolution. An edge not found
// within |μ| ≈ 10⁴√ν, or beyond a step that float64 cannot decide, is
// ±Inf (not drawn). The tests compare it with solver.FeasibleMeans.
func edgeMeans(omega, tau, nu float64) (lo, hi float64) {
	edge := func(sign float64) float64 {
		in := 0.0
		for k := range 64 {
			out := sign * math.Sqrt(nu) * 0.01 * math.Pow(1.25, float64(k))
			ok, decided := feasible(omega, tau, out, nu)
			if !decided {
				return sign * math.Inf(1)
			}
			if !ok {
				// Near the edge h meets a bound, so bisect on the plain
				// comparison.
				for range 200 {
					mid := in + (out-in)/2
					if mid == in || mid == out {
						break
					}
					if ok, _ := feasible(omega, tau, mid, nu); ok {
						in = mid
					} else {
						out = mid
					}
				}
				return in + (out-in)/2
			}
			in = out
		}
		return sign * math.Inf(1)
	}
	return edge(-1), edge(1)
}
