package solver

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

// TestStabilityBeyondFloat64 checks the Jacobian H at fixed points whose λ
// or α does not fit a float64 (λ ≈ 2.65e13575 for (−50, 0.01) with ω = 1,
// τ = 2), or whose net input lies outside the range where the float64 map
// is accurate ((−1e10, 1e20) with ω = 1e-10, where the float64 Jacobian
// gave ∂ν̃/∂μ = −4.4e-6 for 1.8e-11, and (0, 1e-20), where its ∂μ̃/∂ν was
// 1.1e-7 too large), against testdata/stability.txt: central differences of the
// paper's moment map (Eq. 4, 5) in mpmath at 80 digits, by
// testdata/gen_stability.py. Entries must agree to 1e-9 relative (or be
// below 1e-300 in magnitude where the reference is), and the spectral
// radius must be that of the reference H.
func TestStabilityBeyondFloat64(t *testing.T) {
	f, err := os.Open("testdata/stability.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		w := strings.Fields(sc.Text())
		if len(w) == 0 || strings.HasPrefix(w[0], "#") {
			continue
		}
		n++
		tg, err := ParseTarget(w[0], w[1])
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range []int{3, 30} { // few digits: H from a 256-bit re-solve
			res, err := Solve(tg, &Options{Omega: rat(t, w[2]), Tau: rat(t, w[3]), Digits: d})
			if err != nil {
				t.Fatal(err)
			}
			var want [2][2]float64
			for k := range 4 {
				if want[k/2][k%2], err = strconv.ParseFloat(w[4+k], 64); err != nil {
					t.Fatal(err)
				}
			}
			got := res.Stability.H
			for r := range 2 {
				for c := range 2 {
					g, x := got[r][c], want[r][c]
					if !(math.Abs(g-x) <= 1e-9*math.Abs(x) || (math.Abs(x) < 1e-300 && math.Abs(g) < 1e-300)) {
						t.Errorf("(%s, %s) ω = %s τ = %s: H%d%d = %v, want %v", w[0], w[1], w[2], w[3], r+1, c+1, g, x)
					}
				}
			}
			rho := mapping.NewStability(want).Eigenvalues
			if wr := math.Hypot(real(rho[0]), imag(rho[0])); math.Abs(res.Stability.SpectralRadius-wr) > 1e-9*wr {
				t.Errorf("(%s, %s): ρ = %v, want %v", w[0], w[1], res.Stability.SpectralRadius, wr)
			}
		}
	}
	if n != 8 {
		t.Fatalf("%d cases in testdata/stability.txt, want 8", n)
	}
}
