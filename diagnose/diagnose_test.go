package diagnose

import (
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/solver"
)

// reference is diagnose/testdata/reference.json, written by
// testdata/gen_reference.py with mpmath at 50 digits: fixed points by
// scanning and mp.findroot, the Jacobian by numerical differentiation
// (mp.diff), χ by quadrature (mp.quad), i.e. independently of the closed
// forms used here and in package mapping.
type reference struct {
	Source            string `json:"source"`
	TruncatedLeCunTau string `json:"truncated_lecun_tau"`
	Cases             []struct {
		Name, Note                string
		Lambda, Alpha, Omega, Tau string
		FixedPoints               []struct {
			Mean, Var         string
			SpectralNorm      string `json:"spectral_norm"`
			SpectralRadius    string `json:"spectral_radius"`
			Stable            bool
			GradientGrowth    string `json:"gradient_growth"`
			GradientGrowth10  string `json:"gradient_growth_10"`
			GradientGrowth100 string `json:"gradient_growth_100"`
			LayersTo1Pct      *int   `json:"layers_to_1pct"`
		} `json:"fixed_points"`
		Collapse, Explode *bool
	}
}

func loadReference(t testing.TB) reference {
	t.Helper()
	b, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref reference
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Cases) == 0 {
		t.Fatal("no reference cases")
	}
	return ref
}

func num(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("bad reference number %q: %v", s, err)
	}
	return v
}

// close reports |got − want| ≤ tol·max(|want|, floor).
func close(got, want, tol, floor float64) bool {
	return math.Abs(got-want) <= tol*math.Max(math.Abs(want), floor)
}

func TestAnalyzeReference(t *testing.T) {
	t.Parallel()
	// Tolerances against the 50-digit reference: the fixed point is found
	// to near machine precision, amplified by 1/|1−ρ| (ρ ≤ 0.95 here); S and
	// ρ come from the float64 closed-form Jacobian of package mapping.
	const (
		tolPoint = 1e-12
		tolStab  = 1e-10
		tolChi   = 1e-12
	)
	ref := loadReference(t)
	for _, c := range ref.Cases {
		t.Run(c.Name, func(t *testing.T) {
			l := mapping.Layer{
				Constants: mapping.Constants{Lambda: num(t, c.Lambda), Alpha: num(t, c.Alpha)},
				Weights:   mapping.Weights{Omega: num(t, c.Omega), Tau: num(t, c.Tau)},
			}
			res, err := Analyze(l, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.FixedPoints) != len(c.FixedPoints) {
				t.Fatalf("%d fixed points, want %d: %+v", len(res.FixedPoints), len(c.FixedPoints), res.FixedPoints)
			}
			for i, w := range c.FixedPoints {
				g := res.FixedPoints[i]
				if !close(g.Mean, num(t, w.Mean), tolPoint, 1) || !close(g.Var, num(t, w.Var), tolPoint, 0) {
					t.Errorf("fixed point %d = (%v, %v), want (%s, %s)", i, g.Mean, g.Var, w.Mean, w.Var)
				}
				if !close(g.Stability.SpectralNorm, num(t, w.SpectralNorm), tolStab, 0) {
					t.Errorf("S = %v, want %s", g.Stability.SpectralNorm, w.SpectralNorm)
				}
				if !close(g.Stability.SpectralRadius, num(t, w.SpectralRadius), tolStab, 0) {
					t.Errorf("ρ = %v, want %s", g.Stability.SpectralRadius, w.SpectralRadius)
				}
				if g.Stable() != w.Stable {
					t.Errorf("stable = %v, want %v", g.Stable(), w.Stable)
				}
				if !close(g.GradientGrowth, num(t, w.GradientGrowth), tolChi, 0) {
					t.Errorf("χ = %v, want %s", g.GradientGrowth, w.GradientGrowth)
				}
				if !close(g.GradientGrowthOver(10), num(t, w.GradientGrowth10), 10*tolChi, 0) ||
					!close(g.GradientGrowthOver(100), num(t, w.GradientGrowth100), 100*tolChi, 0) {
					t.Errorf("χ^10, χ^100 = %v, %v, want %s, %s", g.GradientGrowthOver(10), g.GradientGrowthOver(100), w.GradientGrowth10, w.GradientGrowth100)
				}
				want := -1
				if w.LayersTo1Pct != nil {
					want = *w.LayersTo1Pct
				}
				if g.LayersTo1Pct != want {
					t.Errorf("layers to 1%% = %d, want %d", g.LayersTo1Pct, want)
				}
			}
			if c.Collapse != nil && res.Collapse != *c.Collapse {
				t.Errorf("collapse = %v, want %v", res.Collapse, *c.Collapse)
			}
			if c.Explode != nil && res.Explode != *c.Explode {
				t.Errorf("explode = %v, want %v", res.Explode, *c.Explode)
			}
		})
	}
}

// TestGradientGrowthReference checks the χ that Analyze reports
// (mapping.Layer.GradientGrowth) at extreme arguments.
func TestGradientGrowthReference(t *testing.T) {
	t.Parallel()
	// Reference: testdata/reference.json "chi", mpmath quadrature at 50
	// digits checked against the closed form. The tolerance allows for
	// e^{x²} at x ≈ 27 in erfcx (relative error ≈ x²·2⁻⁵³).
	const tol = 1e-12
	var ref struct {
		Chi []struct {
			Args []string
			Chi  string
		}
	}
	b, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Chi) == 0 {
		t.Fatal("no chi reference values")
	}
	for _, c := range ref.Chi {
		a := make([]float64, 6)
		for i := range a {
			a[i] = num(t, c.Args[i])
		}
		l := mapping.Layer{Constants: mapping.Constants{Lambda: a[0], Alpha: a[1]}, Weights: mapping.Weights{Omega: a[2], Tau: a[3]}}
		if got, want := l.GradientGrowth(mapping.Point{Mean: a[4], Var: a[5]}), num(t, c.Chi); !close(got, want, tol, 0) {
			t.Errorf("GradientGrowth(%v) = %v, want %v", c.Args, got, want)
		}
	}
	for _, bad := range [][3]float64{{0, 0, 1}, {0, -1, 1}, {math.NaN(), 1, 1}, {0, math.Inf(1), 1}, {0, 1, 0}} {
		l := mapping.Standard()
		l.Tau = bad[2]
		if got := l.GradientGrowth(mapping.Point{Mean: bad[0], Var: bad[1]}); !math.IsNaN(got) {
			t.Errorf("GradientGrowth(μ=%v, ν=%v, τ=%v) = %v, want NaN", bad[0], bad[1], bad[2], got)
		}
	}
}

func TestLayersToWithin(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		rho, frac float64
		want      int
	}{
		{0, 0.01, 1},
		{0.01, 0.01, 1},
		{0.1, 0.01, 2},
		{0.5, 0.01, 7},    // 0.5⁶ = 0.0156, 0.5⁷ = 0.0078
		{0.9, 0.01, 44},   // ln 0.01 / ln 0.9 = 43.7
		{0.99, 0.01, 459}, // ln 0.01 / ln 0.99 = 458.2
		{1, 0.01, -1},
		{1.5, 0.01, -1},
	} {
		if got := LayersToWithin(test.rho, test.frac); got != test.want {
			t.Errorf("LayersToWithin(%v, %v) = %d, want %d", test.rho, test.frac, got, test.want)
		}
	}
	// ρ just below 1 (compare and diagnose reach it at variances near
	// 1e-20): the count is far above 2³¹ and must not be cut there.
	// mpmath, 40 digits, ⌈ln 0.01 / ln ρ⌉ for the float64 ρ; the relative
	// slack of 1e-12 moves the result by a few units, hence the tolerance.
	for _, test := range []struct {
		rho  float64
		want float64
	}{
		{1 - 1e-12, 4605272062526},
		{0.9999999999601057, 115434260599},
		{1 - 1e-15, 4608853940798595},
	} {
		if got := LayersToWithin(test.rho, 0.01); math.Abs(float64(got)-test.want) > 1e-9*test.want {
			t.Errorf("LayersToWithin(%v, 0.01) = %d, want %.0f", test.rho, got, test.want)
		}
	}
}

// TestLayersTo1PctIteration checks LayersTo1Pct against an actual iteration
// of g: a start displaced from the fixed point by a small relative amount
// along the slowest eigendirection must be within 1% of its initial
// distance after LayersTo1Pct layers and not one layer earlier.
func TestLayersTo1PctIteration(t *testing.T) {
	t.Parallel()
	for _, l := range []mapping.Layer{
		mapping.Standard(),
		{Constants: mapping.Paper(), Weights: mapping.Weights{Tau: 0.5625}},
		{Constants: mapping.Paper(), Weights: mapping.Weights{Tau: TruncatedLeCunTau}},
		{Constants: mapping.Paper(), Weights: mapping.Weights{Omega: 0.3, Tau: 0.9}},
	} {
		res, err := Analyze(l, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.FixedPoints) != 1 || !res.FixedPoints[0].Stable() {
			t.Fatalf("%+v: want one stable fixed point, got %+v", l, res.FixedPoints)
		}
		fp := res.FixedPoints[0]
		// Slowest eigendirection of H: eigenvector of the eigenvalue of
		// largest modulus (real here).
		h := fp.Stability.H
		ev := real(fp.Stability.Eigenvalues[0])
		if math.Abs(real(fp.Stability.Eigenvalues[1])) > math.Abs(ev) {
			ev = real(fp.Stability.Eigenvalues[1])
		}
		dir := [2]float64{h[0][1], ev - h[0][0]} // (H − ev I) v = 0
		if math.Abs(dir[0])+math.Abs(dir[1]) == 0 {
			dir = [2]float64{ev - h[1][1], h[1][0]}
		}
		n := math.Hypot(dir[0], dir[1])
		const eps = 1e-5 // relative displacement: small enough to be linear
		d0 := eps * fp.Var
		start := mapping.Point{Mean: fp.Mean + d0*dir[0]/n, Var: fp.Var + d0*dir[1]/n}
		path := l.Iterate(start, fp.LayersTo1Pct)
		dist := func(p mapping.Point) float64 { return math.Hypot(p.Mean-fp.Mean, p.Var-fp.Var) }
		k := 0
		for k < len(path) && dist(path[k]) > 0.01*d0 {
			k++
		}
		if k != fp.LayersTo1Pct {
			t.Errorf("%+v: iteration is within 1%% after %d layers, LayersTo1Pct = %d", l, k, fp.LayersTo1Pct)
		}
	}
}

// TestPresets checks the consequences stated in the preset summaries and
// in docs/model.md §7 against Analyze.
func TestPresets(t *testing.T) {
	t.Parallel()
	get := func(name string) *Result {
		p, ok := LookupPreset(name)
		if !ok {
			t.Fatalf("no preset %q", name)
		}
		res, err := Analyze(p.Layer(mapping.Paper()), nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	// paper: the fixed point (0, 1), stable, χ ≈ 1.0716 (docs/model.md §7).
	r := get("paper")
	if len(r.FixedPoints) != 1 || math.Abs(r.FixedPoints[0].Var-1) > 1e-12 || math.Abs(r.FixedPoints[0].Mean) > 1e-12 ||
		math.Round(r.FixedPoints[0].GradientGrowth*1e4) != 10716 || r.Collapse || r.Explode {
		t.Errorf("paper: %+v", r)
	}
	// pytorch-gain: settles near std 0.16, slowly (ρ > 0.9).
	r = get("pytorch-gain")
	if len(r.FixedPoints) != 1 || math.Round(math.Sqrt(r.FixedPoints[0].Var)*100) != 16 ||
		!r.FixedPoints[0].Stable() || r.FixedPoints[0].Stability.SpectralRadius < 0.9 {
		t.Errorf("pytorch-gain: %+v", r)
	}
	// pytorch-linear-default: no non-trivial fixed point, collapse.
	r = get("pytorch-linear-default")
	if len(r.FixedPoints) != 0 || !r.Collapse || r.Explode {
		t.Errorf("pytorch-linear-default: %+v", r)
	}
	// truncated-lecun: τ ≈ 0.774, fixed point at variance 0.35.
	r = get("truncated-lecun")
	if math.Round(TruncatedLeCunTau*1000) != 774 || len(r.FixedPoints) != 1 || math.Round(r.FixedPoints[0].Var*100) != 35 {
		t.Errorf("truncated-lecun: τ = %v, %+v", TruncatedLeCunTau, r)
	}
	// The 0.8796 correction is 1/√τ.
	if math.Round(math.Sqrt(TruncatedLeCunTau)*1e4) != 8796 {
		t.Errorf("√τ = %v, want 0.8796", math.Sqrt(TruncatedLeCunTau))
	}
	if _, ok := LookupPreset("no-such"); ok {
		t.Error("LookupPreset found a preset that does not exist")
	}
}

func TestTruncatedLeCunTau(t *testing.T) {
	t.Parallel()
	// Reference: testdata/reference.json, mpmath at 50 digits.
	ref := loadReference(t)
	if want := num(t, ref.TruncatedLeCunTau); !close(TruncatedLeCunTau, want, 2e-16, 0) {
		t.Errorf("TruncatedLeCunTau = %v, want %v", TruncatedLeCunTau, want)
	}
	// The formula of its doc comment, in float64: 1 − 4φ(2)/(2Φ(2) − 1).
	if f := 1 - 4*math.Exp(-2)/math.Sqrt(2*math.Pi)/math.Erf(math.Sqrt2); !close(f, TruncatedLeCunTau, 4e-16, 0) {
		t.Errorf("1 − 4φ(2)/(2Φ(2) − 1) = %v in float64, constant %v", f, TruncatedLeCunTau)
	}
	// Presets returns fresh values: changing one result changes no other.
	a := Presets()
	a[0].Tau = 42
	if b := Presets(); b[0].Tau == 42 {
		t.Error("Presets shares its slice between calls")
	}
}

func TestAnalyzeOverflow(t *testing.T) {
	t.Parallel()
	// α² overflows inside the map while λ²τ(π−1)/(2π) < 1 calls for a scan.
	l := mapping.Layer{Constants: mapping.Constants{Lambda: 1, Alpha: 1e200}, Weights: mapping.Normalized()}
	if _, err := Analyze(l, nil); err == nil || !strings.HasPrefix(err.Error(), "diagnose: ") || !strings.Contains(err.Error(), "too large") {
		t.Errorf("α = 1e200: error = %v, want one", err)
	}
	// λ = 1e-200: ν̃ underflows at the small end of the scan. The error
	// must not blame a value that is too large.
	l = mapping.Layer{Constants: mapping.Constants{Lambda: 1e-200, Alpha: 1.5}, Weights: mapping.Normalized()}
	if _, err := Analyze(l, nil); err == nil || !strings.Contains(err.Error(), "λ too small") {
		t.Errorf("λ = 1e-200: error = %v, want one that says λ may be too small", err)
	}
	// λ = 1e200: ν̃/ν > λ²τ(π−1)/(2π) = +Inf everywhere, a definite answer
	// without evaluating the map.
	l = mapping.Layer{Constants: mapping.Constants{Lambda: 1e200, Alpha: 1}, Weights: mapping.Normalized()}
	if r, err := Analyze(l, nil); err != nil || !r.Explode || r.Collapse || len(r.FixedPoints) != 0 {
		t.Errorf("λ = 1e200: %+v, %v; want explode from every start", r, err)
	}
}

func TestAnalyzeBadInput(t *testing.T) {
	t.Parallel()
	nan, inf := math.NaN(), math.Inf(1)
	for _, l := range []mapping.Layer{
		{Constants: mapping.Constants{Lambda: 0, Alpha: 1}, Weights: mapping.Normalized()},
		{Constants: mapping.Constants{Lambda: -1, Alpha: 1}, Weights: mapping.Normalized()},
		{Constants: mapping.Constants{Lambda: nan, Alpha: 1}, Weights: mapping.Normalized()},
		{Constants: mapping.Constants{Lambda: 1, Alpha: 0}, Weights: mapping.Normalized()},
		{Constants: mapping.Constants{Lambda: 1, Alpha: inf}, Weights: mapping.Normalized()},
		{Constants: mapping.Paper(), Weights: mapping.Weights{Omega: nan, Tau: 1}},
		{Constants: mapping.Paper(), Weights: mapping.Weights{Omega: 0, Tau: 0}},
		{Constants: mapping.Paper(), Weights: mapping.Weights{Omega: 0, Tau: -1}},
		{Constants: mapping.Paper(), Weights: mapping.Weights{Omega: 0, Tau: inf}},
	} {
		if _, err := Analyze(l, nil); err == nil || !errors.Is(err, ErrBadLayer) || !strings.HasPrefix(err.Error(), "diagnose: ") {
			t.Errorf("Analyze(%+v) error = %v, want ErrBadLayer", l, err)
		}
	}
	for _, s := range []Search{
		{MinVar: -1},
		{MinVar: 2, MaxVar: 1},
		{MaxVar: inf},
		{PerDecade: -1},
		{MaxMean: nan},
		{MeanStarts: 1e6},
		{MaxSteps: -3},
		{MinVar: 1e-300, MaxVar: 1e300, PerDecade: 10000},
	} {
		if _, err := Analyze(mapping.Standard(), &s); err == nil || !strings.HasPrefix(err.Error(), "diagnose: ") {
			t.Errorf("Analyze with search %+v: error = %v, want one", s, err)
		}
	}
}

// TestExplodeAll: for τ = 3 the variance grows from every start
// (ν̃/ν → 1.129 as ν → ∞, see testdata/reference.json case tau-3).
func TestExplodeAll(t *testing.T) {
	t.Parallel()
	l := mapping.Layer{Constants: mapping.Paper(), Weights: mapping.Weights{Tau: 3}}
	r, err := Analyze(l, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.FixedPoints) != 0 || !r.Explode || r.Collapse {
		t.Errorf("τ = 3: %+v", r)
	}
	path := l.Iterate(mapping.Point{Mean: 0, Var: 1}, 30)
	for i := 1; i < len(path); i++ {
		if !(path[i].Var > path[i-1].Var) {
			t.Fatalf("τ = 3: variance does not grow at layer %d: %v", i, path[:i+1])
		}
	}
	if last := path[len(path)-1].Var; !(last > 100) {
		t.Errorf("τ = 3: variance after 30 layers is %v, want > 100", last)
	}
}

// TestNotebookWeights: with ω = 1 the paper's (0, 1) is a fixed point but
// unstable (docs/model.md §1), and the variance collapses from some starts.
func TestNotebookWeights(t *testing.T) {
	t.Parallel()
	r, err := Analyze(mapping.Layer{Constants: mapping.Paper(), Weights: mapping.Notebook()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.FixedPoints) != 1 || r.FixedPoints[0].Stable() || r.FixedPoints[0].LayersTo1Pct != -1 {
		t.Errorf("ω = 1: %+v", r)
	}
	if !r.Collapse {
		t.Errorf("ω = 1: no collapse found: %+v", r)
	}
}

// FuzzAnalyze: for any valid layer Analyze neither panics nor reports a
// fixed point that is not one: |g(x) − x| is small at every reported point,
// and the reported stability is that of the point.
func FuzzAnalyze(f *testing.F) {
	f.Add(1.0507009873554805, 1.6732632423543772, 0.0, 1.0)
	f.Add(1.0507009873554805, 1.6732632423543772, 0.0, 0.5625)
	f.Add(1.2, 1.0, 0.0, 1.0)
	f.Add(1.0, 0.01, 0.0, 5.0)
	f.Add(3.0, 10.0, 0.0, 0.1)
	f.Add(1.0507009873554805, 1.6732632423543772, 0.0, 0.4955893006557006) // τ0: fixed point → 0
	f.Add(1.0507009873554805, 1.6732632423543772, 0.0, 2.657570040520786)  // τ∞: fixed point → ∞
	f.Add(1.0, 1e-300, 0.0, 1.0)
	f.Add(1e-150, 1e150, 0.0, 1e300)
	f.Add(1e150, 0.5, 0.0, 1e-300)
	f.Fuzz(func(t *testing.T, lambda, alpha, omega, tau float64) {
		l := mapping.Layer{Constants: mapping.Constants{Lambda: lambda, Alpha: alpha}, Weights: mapping.Weights{Omega: omega, Tau: tau}}
		if omega != 0 {
			// The 2-D search is slow for a fuzz target; ω ≠ 0 is covered
			// by the reference cases.
			t.Skip()
		}
		r, err := Analyze(l, &Search{PerDecade: 10})
		if err != nil {
			if !errors.Is(err, ErrBadLayer) && !strings.Contains(err.Error(), "too large") {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for _, fp := range r.FixedPoints {
			m := l.Moments(fp.Mean, fp.Var)
			if !(math.Abs(m.Var-fp.Var) <= 1e-9*fp.Var) || !(math.Abs(m.Mean-fp.Mean) <= 1e-9*(1+math.Abs(fp.Mean))) {
				t.Fatalf("%+v: reported fixed point (%v, %v) maps to (%v, %v)", l, fp.Mean, fp.Var, m.Mean, m.Var)
			}
			if fp.Stable() != (fp.LayersTo1Pct > 0) {
				t.Fatalf("%+v: stable %v but layers to 1%% %d", l, fp.Stable(), fp.LayersTo1Pct)
			}
		}
		if len(r.FixedPoints) == 0 && r.Collapse == r.Explode {
			t.Fatalf("%+v: no fixed point, but collapse = explode = %v", l, r.Collapse)
		}
		// Collapse and explosion follow the limits of ν̃/ν, away from the
		// map's resolution of the thresholds.
		lim := r.Limits
		if lim.AtInf >= 1 && (!r.Explode || len(r.FixedPoints) != 0) ||
			lim.AtInf < 1-1e-9 && r.Explode ||
			lim.AtZero < 1-1e-9 && !r.Collapse || lim.AtZero > 1+1e-9 && r.Collapse {
			t.Fatalf("%+v: limits %+v, but collapse = %v, explode = %v, %d fixed points", l, lim, r.Collapse, r.Explode, len(r.FixedPoints))
		}
	})
}

func BenchmarkAnalyze(b *testing.B) {
	for _, c := range []struct {
		name string
		l    mapping.Layer
	}{
		{"omega=0", mapping.Standard()},
		{"omega=0.3", mapping.Layer{Constants: mapping.Paper(), Weights: mapping.Weights{Omega: 0.3, Tau: 0.9}}},
		{"omega=0.3/tau=0.46859", mapping.Layer{Constants: mapping.Paper(), Weights: mapping.Weights{Omega: 0.3, Tau: 0.46859}}},
		{"omega=-0.3/tau=3.035", mapping.Layer{Constants: mapping.Paper(), Weights: mapping.Weights{Omega: -0.3, Tau: 3.035}}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Analyze(c.l, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestPresetIterations checks the worked examples of docs/diagnose.md: the
// variance after k layers from (0, 1), by mapping.Layer.Iterate, against
// testdata/reference.json "iterations" (mpmath at 50 digits). The map's
// float64 error compounds over the iterations; 1e-9 relative is ample.
func TestPresetIterations(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Iterations []struct {
			Name     string
			VarAfter map[string]string `json:"var_after"`
		}
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Iterations) == 0 {
		t.Fatal("no iteration references")
	}
	for _, c := range ref.Iterations {
		p, ok := LookupPreset(c.Name)
		if !ok {
			t.Fatalf("no preset %q", c.Name)
		}
		path := p.Layer(mapping.Paper()).Iterate(mapping.Point{Mean: 0, Var: 1}, 100)
		for k, w := range c.VarAfter {
			n, _ := strconv.Atoi(k)
			if got, want := path[n].Var, num(t, w); !close(got, want, 1e-9, 0) {
				t.Errorf("%s: variance after %d layers = %v, want %v", c.Name, n, got, want)
			}
		}
	}
}

// TestSolvedConstantsRoundTrip: constants that package solver derives for
// a target at some τ make that target the fixed point diagnose finds.
func TestSolvedConstantsRoundTrip(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ mean, vari, tau string }{
		{"0", "1", "0.5625"}, {"0", "1", "0.25"}, {"0.2", "0.5", "1"}, {"-0.3", "2", "0.7"},
	} {
		tg, err := solver.ParseTarget(c.mean, c.vari)
		if err != nil {
			t.Fatal(err)
		}
		tau, _ := new(big.Rat).SetString(c.tau)
		res, err := solver.Solve(tg, &solver.Options{Tau: tau, Digits: 20})
		if err != nil {
			t.Fatal(err)
		}
		r, err := Analyze(mapping.Layer{Constants: res.Constants, Weights: res.Weights}, nil)
		if err != nil {
			t.Fatal(err)
		}
		mu, _ := tg.Mean.Float64()
		nu, _ := tg.Var.Float64()
		if len(r.FixedPoints) != 1 || !close(r.FixedPoints[0].Mean, mu, 1e-12, 1) || !close(r.FixedPoints[0].Var, nu, 1e-12, 0) {
			t.Errorf("target %v at τ = %s: fixed points %+v", tg, c.tau, r.FixedPoints)
		}
	}
}

// TestIterateOutcomes checks the classification of starts used by the
// two-dimensional search against testdata/reference.json "outcomes" (the
// iteration of g in mpmath at 50 digits, same thresholds), and that Analyze
// reports collapse and explode whenever one of those starts (all inside the
// default search region) does.
func TestIterateOutcomes(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Outcomes []struct {
			Omega, Tau string
			Start      [2]string
			Outcome    string
		}
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Outcomes) == 0 {
		t.Fatal("no outcome references")
	}
	names := map[mapping.Status]string{mapping.Converged: "converged", mapping.Collapsed: "collapsed", mapping.Exploded: "exploded", mapping.NotConverged: "undecided"}
	type key struct{ omega, tau float64 }
	seen := map[key]map[string]bool{}
	for _, c := range ref.Outcomes {
		l := mapping.Layer{Constants: mapping.Paper(), Weights: mapping.Weights{Omega: num(t, c.Omega), Tau: num(t, c.Tau)}}
		start := mapping.Point{Mean: num(t, c.Start[0]), Var: num(t, c.Start[1])}
		if _, got := iterate(l, start, 5000, collapseVar, explodeSize); names[got] != c.Outcome {
			t.Errorf("ω = %s, τ = %s, start %v: %s, want %s", c.Omega, c.Tau, c.Start, names[got], c.Outcome)
		}
		k := key{l.Omega, l.Tau}
		if seen[k] == nil {
			seen[k] = map[string]bool{}
		}
		seen[k][c.Outcome] = true
	}
	for k, s := range seen {
		r, err := Analyze(mapping.Layer{Constants: mapping.Paper(), Weights: mapping.Weights{Omega: k.omega, Tau: k.tau}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if s["collapsed"] && !r.Collapse || s["exploded"] && !r.Explode {
			t.Errorf("ω = %v, τ = %v: collapse, explode = %v, %v; reference starts %v", k.omega, k.tau, r.Collapse, r.Explode, s)
		}
	}
}
