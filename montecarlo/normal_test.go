package montecarlo

import (
	"math"
	"slices"
	"testing"
)

// TestGaussian checks the ziggurat stream against the standard normal: the
// first four moments and the tail masses beyond 2, 3 and zigR (the
// ziggurat's tail algorithm) within 5 standard errors, and the
// Kolmogorov–Smirnov distance to Φ below its 0.1% critical value
// 1.95/√N. Φ(x) = erfc(−x/√2)/2 (DLMF 7.2.2, 7.18.2).
func TestGaussian(t *testing.T) {
	const N = 1 << 20
	x := make([]float64, N)
	for b := range 4 {
		g := newGaussian(7, streamWeights, 1, b)
		for i := b * N / 4; i < (b+1)*N/4; i++ {
			x[i] = g.norm()
		}
	}
	var m1, m2, m3, m4 float64
	tails := []float64{2, 3, zigR}
	count := make([]float64, len(tails))
	for _, v := range x {
		m1 += v
		m2 += v * v
		m3 += v * v * v
		m4 += v * v * v * v
		for k, c := range tails {
			if math.Abs(v) > c {
				count[k]++
			}
		}
	}
	n := float64(N)
	// Standard errors of the sample moments of N(0, 1): √(Var(Xᵏ)/N) with
	// Var(X) = 1, Var(X²) = 2, Var(X³) = 15, Var(X⁴) = 96.
	for _, q := range []struct {
		name      string
		got, want float64
		v         float64
	}{
		{"E x", m1 / n, 0, 1}, {"E x²", m2 / n, 1, 2}, {"E x³", m3 / n, 0, 15}, {"E x⁴", m4 / n, 3, 96},
	} {
		if se := math.Sqrt(q.v / n); math.Abs(q.got-q.want) > 5*se {
			t.Errorf("%s = %v, want %v ± %v", q.name, q.got, q.want, 5*se)
		}
	}
	for k, c := range tails {
		p := math.Erfc(c / math.Sqrt2)
		if se := math.Sqrt(p * (1 - p) / n); math.Abs(count[k]/n-p) > 5*se {
			t.Errorf("P(|x| > %v) = %v, want %v ± %v", c, count[k]/n, p, 5*se)
		}
	}
	slices.Sort(x)
	var d float64
	for i, v := range x {
		phi := 0.5 * math.Erfc(-v/math.Sqrt2)
		d = max(d, math.Abs(phi-float64(i)/n), math.Abs(phi-float64(i+1)/n))
	}
	if crit := 1.95 / math.Sqrt(n); d > crit {
		t.Errorf("Kolmogorov–Smirnov distance %v > %v", d, crit)
	}
}

// TestGaussianStreams checks that streams of different blocks differ and
// that a stream is reproducible.
func TestGaussianStreams(t *testing.T) {
	a, b, c := newGaussian(1, streamWeights, 2, 0), newGaussian(1, streamWeights, 2, 1), newGaussian(1, streamWeights, 2, 0)
	same := 0
	for range 1000 {
		x, y, z := a.norm(), b.norm(), c.norm()
		if x == y {
			same++
		}
		if x != z {
			t.Fatal("the same key gave different numbers")
		}
	}
	if same > 0 {
		t.Errorf("blocks 0 and 1 share %d of 1000 numbers", same)
	}
}

func BenchmarkGaussian(b *testing.B) {
	g := newGaussian(1, streamWeights, 1, 0)
	var s float64
	for b.Loop() {
		s += g.norm()
	}
	_ = s
}

// BenchmarkNormFloat64 is the ChaCha8 NormFloat64 that gaussian replaces,
// for comparison.
func BenchmarkNormFloat64(b *testing.B) {
	r := stream(1, streamWeights, 1, 0)
	var s float64
	for b.Loop() {
		s += r.NormFloat64()
	}
	_ = s
}

// TestFillNormal checks that fillNormal gives the numbers of norm.
func TestFillNormal(t *testing.T) {
	g, h := newGaussian(3, streamWeights, 4, 5), newGaussian(3, streamWeights, 4, 5)
	got := make([]float64, 100000)
	fillNormal(&g, got[:7], 0.5)
	fillNormal(&g, got[7:], 0.5)
	for i, v := range got {
		if want := 0.5 * h.norm(); v != want {
			t.Fatalf("variate %d: fillNormal %v, norm %v", i, v, want)
		}
	}
}

func BenchmarkFillNormal(b *testing.B) {
	g := newGaussian(1, streamWeights, 1, 0)
	dst := make([]float64, 1024)
	for b.Loop() {
		fillNormal(&g, dst, 1)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1024, "ns/variate")
}
