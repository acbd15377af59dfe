package diagnose

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

// farReference is diagnose/testdata/far.json, written by
// testdata/gen_far.py (mpmath, 120 digits for the roots, 400 for the
// limits): fixed points of ν̃(ν) = ν for ω = 0 at weight variances near the
// thresholds τ0 and τ∞ where they lie far from variance 1 (down to 1e-12,
// up to 2e9), and the limits of ν̃/ν, evaluated as the ratio itself at
// ν = 1e∓60 rather than from the closed forms of VarianceRatioLimits.
type farReference struct {
	Source  string `json:"source"`
	Tau0    string `json:"tau0"`
	TauInf  string `json:"tau_inf"`
	Cases2D []struct {
		Omega, Tau string
		FixedPoint struct {
			Mean, Var      string
			SpectralRadius string `json:"spectral_radius"`
			Stable         bool
		} `json:"fixed_point"`
	} `json:"cases_2d"`
	Cases []struct {
		Tau, Lambda, Alpha string
		FixedPoints        []struct {
			Mean, Var      string
			SpectralRadius string `json:"spectral_radius"`
			Stable         bool
			GradientGrowth string `json:"gradient_growth"`
			LayersTo1Pct   *int   `json:"layers_to_1pct"`
		} `json:"fixed_points"`
		RatioAt0   string `json:"ratio_at_0"`
		RatioAtInf string `json:"ratio_at_inf"`
		ZeroSlope  string `json:"zero_slope"`
		InfSlope   string `json:"inf_slope"`
		Collapse   bool
		Explode    bool
	}
}

func loadFar(t testing.TB) farReference {
	t.Helper()
	b, err := os.ReadFile("testdata/far.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref farReference
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Cases) < 10 {
		t.Fatalf("far.json has %d cases", len(ref.Cases))
	}
	return ref
}

// TestAnalyzeFarFixedPoints checks the fixed points that lie outside the
// default region s² ∈ [1e-6, 1e6] (just above τ0 ≈ 0.4955893 they tend to
// ν = 0, just below τ∞ ≈ 2.6575700 to ∞), that there is none just below τ0
// (collapse) and just above τ∞ (explode), and the collapse and explode
// flags, against testdata/far.json.
//
// Tolerance: the root ν* of ν̃(ν) = ν moves by δ/|1 − ρ| (relative) when
// ν̃ has the relative error δ (package mapping: 1e-13 at most), and here
// 1 − ρ is as small as 7e-7; so ν* is checked to 1e-13/|1 − ρ|, μ* to the
// same relative error plus 1e-13 of μ̃'s scale, and ρ, χ to 1e-10 (they
// are smooth in ν*).
func TestAnalyzeFarFixedPoints(t *testing.T) {
	t.Parallel()
	ref := loadFar(t)
	for _, c := range ref.Cases {
		t.Run("tau="+c.Tau+"/alpha="+c.Alpha[:min(len(c.Alpha), 6)], func(t *testing.T) {
			l := mapping.Layer{
				Constants: mapping.Constants{Lambda: num(t, c.Lambda), Alpha: num(t, c.Alpha)},
				Weights:   mapping.Weights{Tau: num(t, c.Tau)},
			}
			res, err := Analyze(l, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.FixedPoints) != len(c.FixedPoints) {
				t.Fatalf("%d fixed points, want %d: %+v (search %+v)", len(res.FixedPoints), len(c.FixedPoints), res.FixedPoints, res.Search)
			}
			for i, w := range c.FixedPoints {
				g := res.FixedPoints[i]
				rho := num(t, w.SpectralRadius)
				tol := 1e-13 / math.Abs(1-rho)
				wantVar := num(t, w.Var)
				if !close(g.Var, wantVar, tol, 0) {
					t.Errorf("ν* = %v, want %s (tolerance %.1g relative)", g.Var, w.Var, tol)
				}
				// μ̃ scales like s = √(ντ) near 0 and ∞.
				scale := l.Lambda * (1 + l.Alpha) * math.Sqrt(wantVar*l.Tau)
				if !close(g.Mean, num(t, w.Mean), tol, scale) {
					t.Errorf("μ* = %v, want %s", g.Mean, w.Mean)
				}
				if !close(g.Stability.SpectralRadius, rho, 1e-10, 0) {
					t.Errorf("ρ = %v, want %s", g.Stability.SpectralRadius, w.SpectralRadius)
				}
				if g.Stable() != w.Stable {
					t.Errorf("stable = %v, want %v", g.Stable(), w.Stable)
				}
				if !close(g.GradientGrowth, num(t, w.GradientGrowth), 1e-10, 0) {
					t.Errorf("χ = %v, want %s", g.GradientGrowth, w.GradientGrowth)
				}
				// LayersTo1Pct = ⌈ln 0.01/ln ρ⌉ is ill-conditioned for ρ → 1:
				// allow ±1 where ρ is within 1e-6 of 1.
				want := -1
				if w.LayersTo1Pct != nil {
					want = *w.LayersTo1Pct
				}
				if d := g.LayersTo1Pct - want; d != 0 && !(math.Abs(float64(d)) <= 1 && 1-rho < 1e-6) {
					t.Errorf("layers to 1%% = %d, want %d", g.LayersTo1Pct, want)
				}
				if g.Var >= res.Search.MaxVar || g.Var <= res.Search.MinVar {
					t.Errorf("ν* = %v outside the reported search [%v, %v]", g.Var, res.Search.MinVar, res.Search.MaxVar)
				}
			}
			if res.Collapse != c.Collapse || res.Explode != c.Explode {
				t.Errorf("collapse, explode = %v, %v, want %v, %v", res.Collapse, res.Explode, c.Collapse, c.Explode)
			}
		})
	}
}

// TestAnalyzeFarFixedPoints2D: with ω ≠ 0 the start grid spans net-input
// variances [1e-12, 1e12] and the collapse and explosion thresholds lie
// beyond it, so that stable fixed points near variance 1e-6 (which a grid
// from 1e-6 missed, reporting no stable fixed point) are found; reference
// testdata/far.json cases_2d (mpmath findroot in two dimensions).
// Tolerances as in TestAnalyzeFarFixedPoints.
func TestAnalyzeFarFixedPoints2D(t *testing.T) {
	t.Parallel()
	ref := loadFar(t)
	if len(ref.Cases2D) < 2 {
		t.Fatal("no two-dimensional cases in far.json")
	}
	for _, c := range ref.Cases2D {
		l := mapping.Layer{Constants: mapping.Paper(), Weights: mapping.Weights{Omega: num(t, c.Omega), Tau: num(t, c.Tau)}}
		res, err := Analyze(l, nil)
		if err != nil {
			t.Fatal(err)
		}
		w := c.FixedPoint
		rho := num(t, w.SpectralRadius)
		tol := 1e-13 / math.Abs(1-rho)
		found := false
		for _, g := range res.FixedPoints {
			if close(g.Var, num(t, w.Var), tol, 0) && close(g.Mean, num(t, w.Mean), tol, math.Sqrt(g.Var)) {
				found = true
				if !close(g.Stability.SpectralRadius, rho, 1e-10, 0) || g.Stable() != w.Stable {
					t.Errorf("ω = %s, τ = %s: ρ = %v, want %s", c.Omega, c.Tau, g.Stability.SpectralRadius, w.SpectralRadius)
				}
			}
		}
		if !found {
			t.Errorf("ω = %s, τ = %s: fixed point (%s, %s) not found: %+v", c.Omega, c.Tau, w.Mean, w.Var, res.FixedPoints)
		}
	}
}

// TestVarianceRatioLimits checks the closed forms of RatioLimits against
// the mpmath ratio at ν = 1e∓60 and its slopes at s = 1e∓20
// (testdata/far.json), and the thresholds τ0 = 1/AtZero(τ = 1),
// τ∞ = 1/AtInf(τ = 1) for the paper's constants. Tolerance 4e-16 relative
// for the limits (a few roundings), 1e-14 for the slopes.
func TestVarianceRatioLimits(t *testing.T) {
	t.Parallel()
	ref := loadFar(t)
	for _, c := range ref.Cases {
		l := mapping.Layer{
			Constants: mapping.Constants{Lambda: num(t, c.Lambda), Alpha: num(t, c.Alpha)},
			Weights:   mapping.Weights{Tau: num(t, c.Tau)},
		}
		lim := VarianceRatioLimits(l)
		for _, x := range []struct {
			name      string
			got, want float64
			tol       float64
		}{
			{"AtZero", lim.AtZero, num(t, c.RatioAt0), 4e-16},
			{"AtInf", lim.AtInf, num(t, c.RatioAtInf), 4e-16},
			{"ZeroSlope", lim.ZeroSlope, num(t, c.ZeroSlope), 1e-14},
			{"InfSlope", lim.InfSlope, num(t, c.InfSlope), 1e-14},
		} {
			if !close(x.got, x.want, x.tol, 0) {
				t.Errorf("τ = %s, λ = %s, α = %s: %s = %v, want %v", c.Tau, c.Lambda, c.Alpha, x.name, x.got, x.want)
			}
		}
	}
	lim := VarianceRatioLimits(mapping.Standard())
	if got, want := 1/lim.AtZero, num(t, ref.Tau0); !close(got, want, 4e-16, 0) {
		t.Errorf("τ0 = %v, want %v", got, want)
	}
	if got, want := 1/lim.AtInf, num(t, ref.TauInf); !close(got, want, 4e-16, 0) {
		t.Errorf("τ∞ = %v, want %v", got, want)
	}
}

// TestAnalyzeThresholdSweep runs Analyze over weight variances from just
// below τ0 to just above τ∞ for the paper's constants and checks the
// structure that the limits imply: exactly one fixed point, stable, in
// (τ0, τ∞); none and collapse below τ0; none and explode above τ∞; and the
// fixed point verifies ν̃(ν*) = ν* to 1e-12.
func TestAnalyzeThresholdSweep(t *testing.T) {
	t.Parallel()
	ref := loadFar(t)
	tau0, tauInf := num(t, ref.Tau0), num(t, ref.TauInf)
	var taus []float64
	for _, d := range []float64{-1e-3, -1e-6, 1e-9, 1e-6, 1e-4, 1e-3} {
		taus = append(taus, tau0*(1+d), tauInf*(1-d))
	}
	for i := range 40 {
		taus = append(taus, tau0+(tauInf-tau0)*(float64(i)+0.5)/40)
	}
	for _, tau := range taus {
		l := mapping.Layer{Constants: mapping.Paper(), Weights: mapping.Weights{Tau: tau}}
		res, err := Analyze(l, nil)
		if err != nil {
			t.Fatalf("τ = %v: %v", tau, err)
		}
		inside := tau > tau0 && tau < tauInf
		switch {
		case inside && (len(res.FixedPoints) != 1 || !res.FixedPoints[0].Stable() || res.Collapse || res.Explode):
			t.Errorf("τ = %.17g (inside (τ0, τ∞)): %+v", tau, res)
		case tau < tau0 && (len(res.FixedPoints) != 0 || !res.Collapse || res.Explode):
			t.Errorf("τ = %.17g (below τ0): %+v", tau, res)
		case tau > tauInf && (len(res.FixedPoints) != 0 || res.Collapse || !res.Explode):
			t.Errorf("τ = %.17g (above τ∞): %+v", tau, res)
		}
		for _, fp := range res.FixedPoints {
			if v := l.Moments(fp.Mean, fp.Var).Var; !close(v, fp.Var, 1e-12, 0) {
				t.Errorf("τ = %v: ν̃(ν*) = %v, ν* = %v", tau, v, fp.Var)
			}
		}
	}
}
