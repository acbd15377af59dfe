package diagnose

import (
	"encoding/json"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

// omegaReference is diagnose/testdata/omega.json, written by
// testdata/gen_omega.py (mpmath, 80 digits): for the paper's constants and
// ω ≠ 0, the fixed points found by the same one-dimensional reduction as
// the Go code but independently (mean roots by a scan and mp.findroot,
// sign changes of ln(ν̃/ν) on a grid of ν from 1e-16/τ to 1e14/τ, each
// polished by two-dimensional mp.findroot), and the limits of ν̃/ν along
// the mean curve from the closed forms of the homogeneous limits (not from
// the map, which the Go code evaluates at s = 1e∓150 instead).
type omegaReference struct {
	Source string `json:"source"`
	Cases  []struct {
		Omega, Tau  string
		FixedPoints []struct {
			Mean, Var      string
			SpectralRadius string `json:"spectral_radius"`
			Stable         bool
		} `json:"fixed_points"`
		LimitsAt0   []struct{ T, Ratio string } `json:"limits_at_0"`
		LimitsAtInf []struct{ T, Ratio string } `json:"limits_at_inf"`
	}
}

func loadOmega(t testing.TB) omegaReference {
	t.Helper()
	b, err := os.ReadFile("testdata/omega.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref omegaReference
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Cases) < 10 {
		t.Fatalf("omega.json has %d cases", len(ref.Cases))
	}
	return ref
}

// TestAnalyzeOmegaFar checks, for ω = ±0.3, the fixed points near the
// weight variances where one appears out of ν = 0 (variances down to
// 1.05e-12) and out of ν = ∞ (up to 1.0e8), and weight variances just
// beyond, where there is none: the reference scan finds no sign change of
// ln(ν̃/ν) in [1e-16/τ, 1e14/τ] and the limits of the ratio at both ends
// lie on the same side of 1. Every reference fixed point must be found and
// nothing else. Tolerance as in TestAnalyzeFarFixedPoints: 1e-13/|1 − ρ|
// relative for ν* and μ* (the conditioning of the root), 1e-10 for ρ.
// The limits of ν̃/ν along the branches of the mean curve (Result.Curve)
// are checked to 1e-12 relative, their T = lim m/s to 1e-12 absolute.
func TestAnalyzeOmegaFar(t *testing.T) {
	t.Parallel()
	ref := loadOmega(t)
	for _, c := range ref.Cases {
		l := mapping.Layer{Constants: mapping.Paper(), Weights: mapping.Weights{Omega: num(t, c.Omega), Tau: num(t, c.Tau)}}
		res, err := Analyze(l, nil)
		if err != nil {
			t.Fatal(err)
		}
		name := "ω = " + c.Omega + ", τ = " + c.Tau
		if len(res.FixedPoints) != len(c.FixedPoints) {
			t.Errorf("%s: %d fixed points %+v, want %d %+v", name, len(res.FixedPoints), res.FixedPoints, len(c.FixedPoints), c.FixedPoints)
			continue
		}
		for i, w := range c.FixedPoints {
			g := res.FixedPoints[i]
			rho := num(t, w.SpectralRadius)
			tol := 1e-13 / math.Abs(1-rho)
			if !close(g.Var, num(t, w.Var), tol, 0) || !close(g.Mean, num(t, w.Mean), tol, math.Sqrt(g.Var)) {
				t.Errorf("%s: fixed point (%v, %v), want (%s, %s)", name, g.Mean, g.Var, w.Mean, w.Var)
			}
			if !close(g.Stability.SpectralRadius, rho, 1e-10, 0) || g.Stable() != w.Stable {
				t.Errorf("%s: ρ = %v, want %s", name, g.Stability.SpectralRadius, w.SpectralRadius)
			}
		}
		if res.Curve == nil {
			t.Fatalf("%s: no curve limits", name)
		}
		for _, end := range []struct {
			what string
			got  []CurveLimit
			want []struct{ T, Ratio string }
		}{{"ν → 0", res.Curve.AtZero, c.LimitsAt0}, {"ν → ∞", res.Curve.AtInf, c.LimitsAtInf}} {
			if len(end.got) != len(end.want) {
				t.Errorf("%s: %d branches as %s, want %d", name, len(end.got), end.what, len(end.want))
				continue
			}
			for i, w := range end.want {
				g := end.got[i]
				if !g.Scaled || !close(g.T, num(t, w.T), 1e-12, 1) || !close(g.Ratio, num(t, w.Ratio), 1e-12, 0) {
					t.Errorf("%s: branch as %s: %+v, want T = %s, ratio %s", name, end.what, g, w.T, w.Ratio)
				}
			}
		}
		if len(c.FixedPoints) == 0 && !res.Collapse && !res.Explode {
			t.Errorf("%s: no fixed point, but neither collapse nor explosion", name)
		}
	}
}

// BenchmarkScanCurve times the scan of the mean curve alone (ω ≠ 0), the
// part of Analyze that finds the fixed points; the rest is the iteration
// of g from the start grid.
func BenchmarkScanCurve(b *testing.B) {
	for _, om := range []float64{0.3, -0.3} {
		l := mapping.Layer{Constants: mapping.Paper(), Weights: mapping.Weights{Omega: om, Tau: 0.9}}
		b.Run("omega="+formatG(om), func(b *testing.B) {
			for b.Loop() {
				scanCurve(l, minNetVar, maxNetVar)
			}
		})
	}
}

func formatG(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// FuzzScanCurve checks the scan of the mean curve (ω ≠ 0) on arbitrary
// valid layers: it must not panic, and every fixed point it reports must
// verify in the layer's own coordinates, g(μ, ν) = (μ, ν) to 1e-9
// relative (of ν, and of |μ| + √ν for the mean).
func FuzzScanCurve(f *testing.F) {
	f.Add(1.0507009873554805, 1.6732632423543772, 0.3, 0.46859)
	f.Add(1.0507009873554805, 1.6732632423543772, -0.3, 3.035)
	f.Add(1.0507009873554805, 1.6732632423543772, 1.0, 1.0)
	f.Add(1.0507009873554805, 1.6732632423543772, 3.0, 3.0)
	f.Add(2.0, 0.1, 0.9, 0.2)
	f.Add(1e-3, 1e3, 1e3, 1e3)
	f.Fuzz(func(t *testing.T, lambda, alpha, omega, tau float64) {
		l := mapping.Layer{Constants: mapping.Constants{Lambda: lambda, Alpha: alpha}, Weights: mapping.Weights{Omega: omega, Tau: tau}}
		if omega == 0 || checkLayer(l) != nil || math.Abs(omega) > 1e6 || lambda > 1e6 || alpha > 1e6 {
			t.Skip()
		}
		cs := scanCurve(l, minNetVar, maxNetVar)
		for _, p := range cs.points {
			m := l.Moments(p.Mean, p.Var)
			if !(math.Abs(m.Var-p.Var) <= 1e-9*p.Var) || !(math.Abs(m.Mean-p.Mean) <= 1e-9*(math.Abs(p.Mean)+math.Sqrt(p.Var))) {
				t.Fatalf("%+v: reported fixed point (%v, %v) maps to (%v, %v)", l, p.Mean, p.Var, m.Mean, m.Var)
			}
		}
	})
}
