package montecarlo

import (
	"math"
	"testing"
)

func TestExactWeights(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		k, n       int
		omega, tau float64
	}{
		{100, 70, 0, 1},
		{129, 64, 1, 1},
		{2, 3, 0, 0.5},
		{300, 5, -2, 3},
	} {
		w := make([]float64, test.k*test.n)
		drawWeights(w, test.k, test.n, Init{Kind: Exact}, test.omega, test.tau, 7, 1)
		w32 := make([]float32, test.k*test.n)
		drawWeights(w32, test.k, test.n, Init{Kind: Exact}, test.omega, test.tau, 7, 1)
		for j := range test.n {
			var s, q, s32, q32 float64
			for i := range test.k {
				v := w[i*test.n+j]
				s += v
				q += v * v
				v32 := float64(w32[i*test.n+j])
				s32 += v32
				q32 += v32 * v32
			}
			// float64: rounding of k terms; float32: rounding to float32.
			if math.Abs(s-test.omega) > 1e-13 || math.Abs(q-test.tau) > 1e-13 {
				t.Errorf("%+v unit %d: Σw = %v, Σw² = %v", test, j, s, q)
			}
			if tol := 1e-6 * math.Sqrt(float64(test.k)); math.Abs(s32-test.omega) > tol || math.Abs(q32-test.tau) > tol {
				t.Errorf("%+v unit %d float32: Σw = %v, Σw² = %v", test, j, s32, q32)
			}
		}
	}
}

// LeCun and gain weights have variance G²/k per entry.
func TestGaussianWeights(t *testing.T) {
	t.Parallel()
	const k, n = 256, 256
	for _, init := range []Init{{Kind: LeCun}, {Kind: Gain, Gain: 0.75}} {
		g := 1.0
		if init.Kind == Gain {
			g = init.Gain
		}
		w := make([]float64, k*n)
		drawWeights(w, k, n, init, 0, 0, 3, 2)
		var s, q float64
		for _, v := range w {
			s += v
			q += v * v
		}
		N := float64(k * n)
		want := g * g / k
		// se of the sample second moment of N(0, σ²): σ²√(2/N).
		if v := q / N; math.Abs(v-want) > 5*want*math.Sqrt(2/N) {
			t.Errorf("%v: mean square %v, want %v", init, v, want)
		}
		if m := s / N; math.Abs(m) > 5*math.Sqrt(want/N) {
			t.Errorf("%v: mean %v, want 0", init, m)
		}
	}
}

func TestParseInit(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		in   string
		want Init
		ok   bool
	}{
		{"exact", Init{Kind: Exact}, true},
		{"lecun", Init{Kind: LeCun}, true},
		{"gain=0.75", Init{Kind: Gain, Gain: 0.75}, true},
		{"gain=0", Init{}, false},
		{"gain=-1", Init{}, false},
		{"gain=NaN", Init{}, false},
		{"gain=Inf", Init{}, false},
		{"gain=", Init{}, false},
		{"xavier", Init{}, false},
	} {
		got, err := ParseInit(test.in)
		if (err == nil) != test.ok || (test.ok && got != test.want) {
			t.Errorf("ParseInit(%q) = %v, %v", test.in, got, err)
		}
		if test.ok && got.String() != test.in {
			t.Errorf("%v.String() = %q", got, got.String())
		}
	}
}

func FuzzParseInit(f *testing.F) {
	for _, s := range []string{"exact", "lecun", "gain=0.75", "gain=1e308", "gain=-0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		in, err := ParseInit(s)
		if err != nil {
			return
		}
		if in.Kind == Gain && !(in.Gain > 0 && !math.IsInf(in.Gain, 0)) {
			t.Errorf("ParseInit(%q) accepted gain %v", s, in.Gain)
		}
	})
}
