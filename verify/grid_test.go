package verify_test

import (
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/verify"
)

var gridDoc = flag.Bool("griddoc", false, "run the full target grid of docs/verify.md and print its table")

// gridResult is the outcome of Certify for one target of a grid.
type gridResult struct {
	target   mapping.Point
	feasible bool
	rho      float64
	c        *verify.Certificate
	smallOK  bool // the box contains ω ∈ [−0.01, 0.01], τ ∈ [0.99, 1.01]
	err      error
}

func certifyGrid(t testing.TB, means, vars []float64) []gridResult {
	var out []gridResult
	for _, m := range means {
		for _, v := range vars {
			p := mapping.Point{Mean: m, Var: v}
			r := gridResult{target: p}
			k, err := mapping.Normalized().Solve(p)
			if err != nil {
				out = append(out, r)
				continue
			}
			r.feasible = true
			r.rho = mapping.Layer{Constants: k, Weights: mapping.Normalized()}.Stability(m, v).SpectralRadius
			r.c, r.err = verify.Certify(p, k, mapping.Normalized(), nil)
			if r.err != nil {
				t.Fatalf("target %v: %v", p, r.err)
			}
			b := r.c.Box
			r.smallOK = r.c.Certified && b.Omega.Lo <= -0.01 && b.Omega.Hi >= 0.01 && b.Tau.Lo <= 0.99 && b.Tau.Hi >= 1.01
			out = append(out, r)
		}
	}
	return out
}

// gridCell is the cell of docs/verify.md's grid table for r: "infeasible",
// "✓" (certified at the paper's widths), the fraction of those widths
// certified, or "✗ (ρ …)", followed by " P" when the norm is weighted (in
// some piece) and ", n pieces" for a piecewise certificate.
func gridCell(r gridResult) string {
	var cell string
	switch {
	case !r.feasible:
		return "infeasible"
	case r.c.Certified && r.c.Search.Scale == 1:
		cell = "✓"
	case r.c.Certified:
		cell = fmt.Sprintf("%.3g", r.c.Search.Scale)
	default:
		cell = fmt.Sprintf("✗ (ρ %.3f)", r.rho)
	}
	if r.c.Certified && weighted(r.c) {
		cell += " P"
	}
	if r.c.Certified && r.c.Piecewise() {
		cell += fmt.Sprintf(", %d pieces", len(r.c.Pieces))
	}
	return cell
}

// weighted reports whether c, or one of its pieces, is proved in a
// weighted norm.
func weighted(c *verify.Certificate) bool {
	if !c.Piecewise() {
		return !c.Norm.Euclidean()
	}
	for _, p := range c.Pieces {
		if !p.Norm.Euclidean() {
			return true
		}
	}
	return false
}

// TestGridDoc runs the grid of docs/verify.md (μ* from −1 to 0.6 by 0.1,
// ν* from 0.1 to 100 at 1, 2, 5 per decade) with -griddoc and prints the
// table and the counts written there:
//
//	go test -run TestGridDoc -griddoc -v ./verify
func TestGridDoc(t *testing.T) {
	if !*gridDoc {
		t.Skip("the full grid runs with -griddoc (see docs/verify.md)")
	}
	var means []float64
	for i := -10; i <= 6; i++ {
		means = append(means, float64(i)/10)
	}
	vars := []float64{0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100}
	res := certifyGrid(t, means, vars)
	var b strings.Builder
	counts := map[string]int{}
	var total, slowest float64
	maxPieces := 0
	var slowTarget mapping.Point
	fmt.Fprintf(&b, "| μ* \\ ν* |")
	for _, v := range vars {
		fmt.Fprintf(&b, " %g |", v)
	}
	fmt.Fprintf(&b, "\n|---|%s\n", strings.Repeat("---|", len(vars)))
	for i, m := range means {
		fmt.Fprintf(&b, "| %g |", m)
		for j := range vars {
			r := res[i*len(vars)+j]
			cell := gridCell(r)
			switch {
			case !r.feasible:
				counts["infeasible"]++
			case r.c.Certified && r.c.Search.Scale == 1:
				counts["certified at the paper's widths"]++
			case r.c.Certified:
				counts["certified at smaller widths"]++
			default:
				counts["not certified"]++
			}
			if r.feasible && r.c.Certified && weighted(r.c) {
				counts["weighted norm"]++
			}
			if r.feasible && r.c.Certified && r.c.Piecewise() {
				counts["in pieces"]++
				maxPieces = max(maxPieces, len(r.c.Pieces))
			}
			if r.feasible && r.rho <= 0.97 {
				counts["ρ ≤ 0.97"]++
				if r.smallOK {
					counts["ρ ≤ 0.97 and certified with ω ∈ [−0.01, 0.01], τ ∈ [0.99, 1.01]"]++
				}
			}
			if r.feasible {
				sec := r.c.Search.Elapsed.Seconds()
				total += sec
				if sec > slowest {
					slowest, slowTarget = sec, r.target
				}
			}
			fmt.Fprintf(&b, " %s |", cell)
		}
		fmt.Fprintln(&b)
	}
	t.Logf("\n%s", b.String())
	for _, k := range []string{"infeasible", "certified at the paper's widths", "certified at smaller widths", "not certified",
		"weighted norm", "in pieces", "ρ ≤ 0.97", "ρ ≤ 0.97 and certified with ω ∈ [−0.01, 0.01], τ ∈ [0.99, 1.01]"} {
		t.Logf("%s: %d", k, counts[k])
	}
	t.Logf("most pieces: %d", maxPieces)
	t.Logf("search and proof: %.1f s in all, slowest %.2f s at %v", total, slowest, slowTarget)
	for _, r := range res {
		if r.feasible && r.c.Certified && (r.c.Piecewise() || r.c.Search.Scale < 1) {
			s := r.c.Search
			single := "none"
			if s.SingleBox != nil {
				single = fmt.Sprintf("%.3g", s.SingleScale)
			}
			t.Logf("%v (ρ = %.4f): scale %.3g, %d pieces, bound %.6g, single box at %s, %d boxes, %.2f s",
				r.target, r.rho, s.Scale, len(r.c.Pieces), r.c.MaxSpectralNorm, single, s.Boxes, s.Elapsed.Seconds())
		}
		if r.feasible && r.rho <= 0.97 && !r.smallOK {
			t.Logf("ρ ≤ 0.97 without ω ∈ [−0.01, 0.01], τ ∈ [0.99, 1.01]: %v (ρ = %.4f): box %v", r.target, r.rho, r.c.Box)
		}
	}
}
