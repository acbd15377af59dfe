package diagnose

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

// TestAnalyzeRandomReference compares AnalyzeRandom with the mpmath values
// of testdata/random.txt (written by testdata/gen_random.py, which finds q*
// by quadrature and findroot, not by the closed forms).
func TestAnalyzeRandomReference(t *testing.T) {
	f, err := os.Open("testdata/random.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		num := func(i int) float64 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				t.Fatalf("random.txt: %v", err)
			}
			return v
		}
		l := mapping.LeCunLayer{Constants: mapping.Constants{Lambda: num(0), Alpha: num(1)}, Tau: num(2)}
		res, err := AnalyzeRandom(l, nil)
		if err != nil {
			t.Fatalf("%v: %v", l, err)
		}
		n++
		if fields[3] == "none" {
			if len(res.FixedPoints) != 0 || res.Collapse == res.Explode {
				t.Errorf("%v: got %d fixed points, collapse %v, explode %v; want none and one of collapse, explode", l, len(res.FixedPoints), res.Collapse, res.Explode)
			}
			continue
		}
		if len(res.FixedPoints) != 1 {
			t.Fatalf("%v: got %d fixed points, want 1", l, len(res.FixedPoints))
		}
		fp := res.FixedPoints[0]
		// The map is evaluated to about 1e-13 relative (package mapping);
		// a root of q̃/q − 1 with slope 1 − q̃' ≥ 0.015 is then good to
		// about 1e-11. The mean at (0, 1) is 0 up to rounding: absolute.
		for _, c := range []struct {
			name      string
			got, want float64
			tol       float64
		}{
			{"q", fp.Q, num(3), 1e-11},
			{"mean", fp.Mean, num(4), 1e-11},
			{"var", fp.Var, num(5), 1e-11},
			{"slope", fp.Slope, num(6), 1e-11},
			{"spectral radius", fp.Stability.SpectralRadius, num(6), 1e-9},
			{"chi", fp.GradientGrowth, num(7), 1e-11},
		} {
			if d := math.Abs(c.got - c.want); d > c.tol*max(1, math.Abs(c.want)) {
				t.Errorf("%v: %s = %.17g, want %.17g (mpmath)", l, c.name, c.got, c.want)
			}
		}
		if !fp.Stable() || fp.LayersTo1Pct != LayersToWithin(num(6), 0.01) {
			t.Errorf("%v: stable %v, layers %d; want stable, %d", l, fp.Stable(), fp.LayersTo1Pct, LayersToWithin(num(6), 0.01))
		}
		if res.Collapse || res.Explode {
			t.Errorf("%v: collapse %v, explode %v with a stable fixed point", l, res.Collapse, res.Explode)
		}
	}
	if n != 8 {
		t.Errorf("read %d reference lines, want 8", n)
	}
}

// TestAnalyzeRandomZeroMean checks that at the paper's constants with τ = 1
// the random-weight fixed point is the paper's (0, 1) and agrees with
// Analyze: the two conventions coincide at mean 0 (docs/model.md §7).
func TestAnalyzeRandomZeroMean(t *testing.T) {
	c := mapping.Paper()
	rr, err := AnalyzeRandom(mapping.LeCunLayer{Constants: c, Tau: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Analyze(mapping.Layer{Constants: c, Weights: mapping.Weights{Tau: 1}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rr.FixedPoints) != 1 || len(r.FixedPoints) != 1 {
		t.Fatalf("fixed points: random %d, exact %d; want 1 and 1", len(rr.FixedPoints), len(r.FixedPoints))
	}
	a, b := rr.FixedPoints[0], r.FixedPoints[0]
	if math.Abs(a.Var-b.Var) > 1e-12 || math.Abs(a.Slope-b.Stability.SpectralRadius) > 1e-9 || math.Abs(a.GradientGrowth-b.GradientGrowth) > 1e-12 {
		t.Errorf("random (%v, slope %v, χ %v) differs from exact (%v, ρ %v, χ %v)", a.Var, a.Slope, a.GradientGrowth, b.Var, b.Stability.SpectralRadius, b.GradientGrowth)
	}
}

// TestRandomRatioBounds checks the bounds of RandomRatioLimits against the
// map on a wide grid: AtInf < q̃/q < AtZero, q̃/q ≥ AtZero − ZeroSlope·s and
// q̃/q ≤ AtInf + InfSlope/s².
func TestRandomRatioBounds(t *testing.T) {
	for _, c := range []mapping.Constants{mapping.Paper(), {Lambda: 1.2, Alpha: 1.5}, {Lambda: 0.9, Alpha: 2.5}, {Lambda: 1.39, Alpha: 0.34}} {
		for _, tau := range []float64{0.3, 1, 1.7} {
			l := mapping.LeCunLayer{Constants: c, Tau: tau}
			lim := RandomRatioLimits(l)
			for e := -8.0; e <= 8; e += 0.25 {
				q := math.Pow(10, e)
				m := l.Moments(0, q)
				r := (m.Var + m.Mean*m.Mean) / q
				s := math.Sqrt(tau * q)
				const eps = 1e-12
				if !(r > lim.AtInf*(1-eps) && r < lim.AtZero*(1+eps)) || r < (lim.AtZero-lim.ZeroSlope*s)*(1+eps) || r > (lim.AtInf+lim.InfSlope/(s*s))*(1+eps) {
					t.Errorf("%v τ=%v q=%g: q̃/q = %v outside the bounds %+v", c, tau, q, r, lim)
				}
			}
		}
	}
}

func TestAnalyzeRandomBadInput(t *testing.T) {
	for _, l := range []mapping.LeCunLayer{
		{Constants: mapping.Constants{Lambda: math.NaN(), Alpha: 1}, Tau: 1},
		{Constants: mapping.Constants{Lambda: 1, Alpha: -1}, Tau: 1},
		{Constants: mapping.Paper(), Tau: 0},
		{Constants: mapping.Paper(), Tau: math.Inf(1)},
		{Constants: mapping.Constants{Lambda: 1e200, Alpha: 1e200}, Tau: 1e-300},
	} {
		if r, err := AnalyzeRandom(l, nil); err == nil && len(r.FixedPoints) > 0 {
			for _, fp := range r.FixedPoints {
				if !isFinite(fp.Slope) || !isFinite(fp.Q) {
					t.Errorf("%v: non-finite fixed point %+v without an error", l, fp)
				}
			}
		} else if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: error on more than one line: %v", l, err)
		}
	}
	if _, err := AnalyzeRandom(mapping.LeCunLayer{Constants: mapping.Paper(), Tau: 1}, &Search{PerDecade: -1}); err == nil {
		t.Error("PerDecade -1: no error")
	}
}

func ExampleAnalyzeRandom() {
	// PyTorch's gain 3/4 with LeCun-style random weights: τ = 9/16.
	r, err := AnalyzeRandom(mapping.LeCunLayer{Constants: mapping.Paper(), Tau: 0.5625}, nil)
	if err != nil {
		panic(err)
	}
	fp := r.FixedPoints[0]
	fmt.Printf("mean %.4f, variance %.4f, slope %.4f, %d layers to 1%%\n", fp.Mean, fp.Var, fp.Slope, fp.LayersTo1Pct)
	// Output:
	// mean -0.0335, variance 0.0398, slope 0.9235, 58 layers to 1%
}

// FuzzAnalyzeRandom checks AnalyzeRandom on arbitrary λ, α, τ: no panic,
// errors on one line, and every fixed point reported finite and a fixed
// point indeed (q̃(q*) = q* to 1e-9 relative, the map evaluated anew).
func FuzzAnalyzeRandom(f *testing.F) {
	f.Add(mapping.Paper().Lambda, mapping.Paper().Alpha, 1.0)
	f.Add(1.393099911513797, 0.3432464153498073, 1.0)
	f.Add(1.0507, 1.6733, 0.5625)
	f.Add(1e-100, 1e100, 1e300)
	f.Add(1.4142, 1e-8, 1.0)
	f.Fuzz(func(t *testing.T, lambda, alpha, tau float64) {
		l := mapping.LeCunLayer{Constants: mapping.Constants{Lambda: lambda, Alpha: alpha}, Tau: tau}
		r, err := AnalyzeRandom(l, &Search{PerDecade: 8})
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error on more than one line: %v", err)
			}
			return
		}
		for _, fp := range r.FixedPoints {
			if !isFinite(fp.Q) || !isFinite(fp.Slope) || !isFinite(fp.Mean) || !isFinite(fp.GradientGrowth) || !(fp.Q > 0) {
				t.Fatalf("%v: fixed point %+v not finite", l, fp)
			}
			m := l.Moments(0, fp.Q)
			if q2 := m.Var + m.Mean*m.Mean; math.Abs(q2-fp.Q) > 1e-9*fp.Q {
				t.Fatalf("%v: q̃(%v) = %v", l, fp.Q, q2)
			}
		}
		if len(r.FixedPoints) > 0 && (r.Collapse || r.Explode) {
			t.Fatalf("%v: fixed points with collapse %v, explode %v", l, r.Collapse, r.Explode)
		}
	})
}
