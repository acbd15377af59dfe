package mapping

import (
	"math"
	"testing"
)

// TestCorrelationReference compares C(c) and C′(c) with
// testdata/correlation.txt, written by testdata/gen_correlation.py (mpmath
// 1.2.1 at 40 digits: a one-dimensional integral of an mpmath closed form
// of the conditional expectation, itself checked against the full
// two-dimensional integral).
func TestCorrelationReference(t *testing.T) {
	rows := readTable(t, "correlation.txt", 9)
	if len(rows) < 50 {
		t.Fatalf("%d rows in correlation.txt, want at least 50", len(rows))
	}
	for _, r := range rows {
		l := Layer{Constants{r[0], r[1]}, Weights{r[2], r[3]}}
		cm, err := l.Correlation(r[4], r[5])
		if err != nil {
			t.Fatal(err)
		}
		c := r[6]
		got, gotD := cm.C(c), cm.Slope(c)
		// C: relative 1e-12, or absolute 1e-15 where C is tiny (c = 0).
		if e := math.Abs(got - r[7]); e > 1e-12*math.Abs(r[7]) && e > 1e-15 {
			t.Errorf("%v c=%v: C = %.17g, want %.17g (rel %.1e)", r[:6], c, got, r[7], e/math.Abs(r[7]))
		}
		if e := math.Abs(gotD-r[8]) / r[8]; e > 1e-12 {
			t.Errorf("%v c=%v: C' = %.17g, want %.17g (rel %.1e)", r[:6], c, gotD, r[8], e)
		}
	}
}

// TestCorrelationSlopeAtOneIsChi checks C′(1) = τ·E[selu′(z)²]·ν/ν̃, which
// at a fixed point (ν̃ = ν) is the gradient growth χ: the quadrature of
// selu′² against the closed form τλ²(P(z>0) + α²E[e^{2z}1{z≤0}]).
func TestCorrelationSlopeAtOneIsChi(t *testing.T) {
	for _, tc := range []struct {
		l      Layer
		mu, nu float64
	}{
		{Standard(), 0, 1},
		{Standard(), 0.3, 0.5},
		{Layer{Paper(), Notebook()}, 0.2, 1.3},
		{Layer{Constants{1.1, 2.5}, Weights{-0.7, 1.4}}, 0.8, 3},
		{Layer{Constants{0.9, 1.2}, Weights{2, 0.5}}, -1.5, 20},
	} {
		cm, err := tc.l.Correlation(tc.mu, tc.nu)
		if err != nil {
			t.Fatal(err)
		}
		mo := tc.l.Moments(tc.mu, tc.nu)
		want := tc.l.GradientGrowth(Point{tc.mu, tc.nu}) * tc.nu / mo.Var
		got := cm.Slope(1)
		if e := math.Abs(got-want) / want; e > 1e-13 {
			t.Errorf("%+v at (%v, %v): C'(1) = %.17g, χ·ν/ν̃ = %.17g (rel %.1e)", tc.l, tc.mu, tc.nu, got, want, e)
		}
		// The left difference quotient (C(1) − C(1−h))/h tends to C′(1), with
		// an error of order √h (C″ grows like (1 − c)^(−½): selu′ jumps at 0).
		const h = 1e-8
		fd := (1 - cm.C(1-h)) / h
		if e := math.Abs(fd-got) / got; e > 1e-3 {
			t.Errorf("%+v: (C(1) − C(1−h))/h = %.10g, C'(1) = %.10g", tc.l, fd, got)
		}
	}
}

// TestCorrelationFixedPointZeroMean checks, for the fixed points (0, ν) of
// the solved constants in testdata/correlation.txt (ω = 0, τ = 1), that
// c* = 0 and χ_c = τ·(E selu′(z))², the latter in closed form:
// E selu′(z) = λ(½ + α·e^{s²/2}·½erfc(s/√2)) for z ~ N(0, s²).
func TestCorrelationFixedPointZeroMean(t *testing.T) {
	for _, r := range readTable(t, "correlation.txt", 9) {
		if r[2] != 0 || r[4] != 0 || r[6] != 0 {
			continue
		}
		l := Layer{Constants{r[0], r[1]}, Weights{r[2], r[3]}}
		cm, err := l.Correlation(0, r[5])
		if err != nil {
			t.Fatal(err)
		}
		fp := cm.FixedPoint()
		s := math.Sqrt(r[5] * r[3])
		ed := l.Lambda * (0.5 + l.Alpha*0.5*Erfcx(s/math.Sqrt2))
		want := r[3] * ed * ed
		if fp.Correlation != 0 {
			t.Errorf("ν=%v: c* = %v, want 0", r[5], fp.Correlation)
		}
		if e := math.Abs(fp.Slope-want) / want; e > 1e-13 {
			t.Errorf("ν=%v: χ_c = %.17g, τ(E selu')² = %.17g", r[5], fp.Slope, want)
		}
		if e := math.Abs(fp.Slope-r[8]) / r[8]; e > 1e-12 {
			t.Errorf("ν=%v: χ_c = %.17g, mpmath %.17g", r[5], fp.Slope, r[8])
		}
		if d := -1 / math.Log(r[8]); math.Abs(fp.Depth-d) > 1e-11*d {
			t.Errorf("ν=%v: ξ_c = %.17g, want %.17g", r[5], fp.Depth, d)
		}
	}
}

// TestCorrelationEdges checks the values every map shares and the
// rejection of bad arguments.
func TestCorrelationEdges(t *testing.T) {
	cm, err := Standard().Correlation(0, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []float64{math.NaN(), -1.5, 1.0000001, math.Inf(1)} {
		if v := cm.C(c); !math.IsNaN(v) {
			t.Errorf("C(%v) = %v, want NaN", c, v)
		}
		if v := cm.Slope(c); !math.IsNaN(v) {
			t.Errorf("Slope(%v) = %v, want NaN", c, v)
		}
	}
	if cm.C(1) != 1 || cm.C(0) != 0 {
		t.Errorf("C(1) = %v, C(0) = %v", cm.C(1), cm.C(0))
	}
	// C(−1) = corr(selu(z), selu(−z)) for z ~ N(0, 1), in (−1, 0).
	if v := cm.C(-1); !(v > -1 && v < 0) {
		t.Errorf("C(-1) = %v", v)
	}
	// C is increasing: C′ > 0 on [−1, 1].
	prev := math.Inf(-1)
	for c := -1.0; c <= 1; c += 0.125 {
		v := cm.C(c)
		if !(v > prev) {
			t.Errorf("C(%v) = %v not above %v", c, v, prev)
		}
		prev = v
	}
	for _, bad := range []struct{ mu, nu float64 }{{0, 0}, {math.NaN(), 1}, {0, -1}} {
		if _, err := Standard().Correlation(bad.mu, bad.nu); err == nil {
			t.Errorf("Correlation(%v, %v): no error", bad.mu, bad.nu)
		}
	}
	if _, err := (Layer{Constants{-1, 1}, Normalized()}).Correlation(0, 1); err == nil {
		t.Error("λ = −1: no error")
	}
}

func TestCorrelationDepth(t *testing.T) {
	for _, tc := range []struct{ chi, want float64 }{
		{math.Exp(-1), 1},
		{math.Exp(-0.5), 2},
		{1, math.Inf(1)},
	} {
		if got := CorrelationDepth(tc.chi); math.Abs(got-tc.want) > 1e-15*tc.want && got != tc.want {
			t.Errorf("CorrelationDepth(%v) = %v, want %v", tc.chi, got, tc.want)
		}
	}
	for _, bad := range []float64{0, -0.5, 1.5, math.NaN()} {
		if got := CorrelationDepth(bad); !math.IsNaN(got) {
			t.Errorf("CorrelationDepth(%v) = %v, want NaN", bad, got)
		}
	}
}

func BenchmarkCorrelation(b *testing.B) {
	cm, err := Standard().Correlation(0, 1)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("C", func(b *testing.B) {
		for b.Loop() {
			cm.C(0.5)
		}
	})
	b.Run("Slope", func(b *testing.B) {
		for b.Loop() {
			cm.Slope(0.5)
		}
	})
}

// FuzzCorrelation checks, for any valid layer and input, the inequalities
// behind CorrelationMap.FixedPoint — C′(0) ≤ 1 ≤ C′(1) (Gaussian Poincaré
// inequality) — and that C is a correlation, |C(c)| ≤ 1, increasing in c.
func FuzzCorrelation(f *testing.F) {
	f.Add(1.0507, 1.6733, 0.0, 1.0, 0.0, 1.0, 0.5)
	f.Add(1.2, 0.8, -2.0, 0.9, 0.6, 0.7, -0.5)
	f.Add(1.0, 4.0, 2.0, 1.0, 0.3, 0.01, 0.99)
	f.Fuzz(func(t *testing.T, lam, al, om, tau, mu, nu, c float64) {
		l := Layer{Constants{lam, al}, Weights{om, tau}}
		if !(lam > 0.1 && lam < 10 && al >= 0 && al < 20 && math.Abs(om) < 5 && tau > 0.05 && tau < 20 &&
			math.Abs(mu) < 5 && nu > 1e-3 && nu < 1e3 && c >= -1 && c <= 1) {
			return
		}
		if math.Abs(mu*om) > 10*math.Sqrt(nu*tau) {
			return // z on one side of 0 beyond 10 standard deviations: selu affine, ν̃ vanishing relative to the mean
		}
		cm, err := l.Correlation(mu, nu)
		if err != nil {
			return
		}
		const eps = 1e-9
		s0, s1 := cm.Slope(0), cm.Slope(1)
		if !(s0 > 0 && s0 <= 1+eps && s1 >= 1-eps) {
			t.Errorf("%+v at (%v, %v): C'(0) = %v, C'(1) = %v; want 0 < C'(0) ≤ 1 ≤ C'(1)", l, mu, nu, s0, s1)
		}
		v := cm.C(c)
		if !(math.Abs(v) <= 1+eps) {
			t.Errorf("%+v at (%v, %v): C(%v) = %v", l, mu, nu, c, v)
		}
		if d := cm.Slope(c); !(d >= 0) {
			t.Errorf("%+v at (%v, %v): C'(%v) = %v < 0", l, mu, nu, c, d)
		}
		if fp := cm.FixedPoint(); fp.Correlation != 0 || !(fp.Slope > 0 && fp.Slope <= 1) {
			t.Errorf("fixed point %+v", fp)
		}
	})
}

// TestCorrelationLargeVariance compares C′(0), C′(1/2) and C′(1) with
// testdata/correlation_large.txt (gen_correlation_large.py: mpmath 1.2.1 at
// 60 digits, closed forms for c = 0 and 1, tanh-sinh quadrature for 1/2)
// at net-input variances up to 1e20. There the left part of selu′,
// λα·e^z, lives in a width 1/s of x = (z − m)/s, which panels of width
// quadPanel alone do not resolve: C′(0) was 20% low at s² = 1e6 and
// C′(0) = ½ (the α term lost) from 1e8 on. Tolerance 1e-12 relative.
func TestCorrelationLargeVariance(t *testing.T) {
	rows := readTable(t, "correlation_large.txt", 9)
	if len(rows) < 10 {
		t.Fatalf("%d rows in correlation_large.txt, want at least 10", len(rows))
	}
	for _, r := range rows {
		l := Layer{Constants{r[0], r[1]}, Weights{r[2], r[3]}}
		cm, err := l.Correlation(r[4], r[5])
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range []float64{0, 0.5, 1} {
			got, want := cm.Slope(c), r[6+i]
			if e := math.Abs(got-want) / want; !(e <= 1e-12) {
				t.Errorf("%v: C'(%v) = %.17g, want %.17g (rel %.1e)", r[:6], c, got, want, e)
			}
		}
	}
}
