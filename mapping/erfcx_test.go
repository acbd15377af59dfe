package mapping

import (
	"math"
	"os"
	"testing"
)

// TestErfcxReference compares Erfcx with mpmath (exp(x²)·erfc(x) at 160
// digits, testdata/erfcx.txt from testdata/gen_reference.py) at fixed
// points from −26.6 to 1e300 and random ones. Tolerance: 4 ulp, an ulp
// here being 2⁻⁵³ relative (the worst seen, 3.8, is at x < 0 where exp(x²)
// dominates; x ≥ 0 stays within 2, i.e. within one ulp of the binade). Set
// MAPPING_EXTRA_ERFCX to the path of another such table to check it too.
func TestErfcxReference(t *testing.T) {
	const tol = 4 * 0x1p-53
	worst, at := 0.0, 0.0
	worstPos, atPos := 0.0, 0.0
	rows := readTable(t, "erfcx.txt", 2)
	if extra := os.Getenv("MAPPING_EXTRA_ERFCX"); extra != "" {
		rows = append(rows, readTable(t, extra, 2)...)
	}
	for _, r := range rows {
		x, want := r[0], r[1]
		got := Erfcx(x)
		e := relErr(got, want)
		if e > worst {
			worst, at = e, x
		}
		if x >= 0 && e > worstPos {
			worstPos, atPos = e, x
		}
		if e > tol {
			t.Errorf("Erfcx(%v) = %v, want %v (relative error %.3g)", x, got, want, e)
		}
	}
	t.Logf("worst relative error %.3g ulp at x = %v; for x ≥ 0 %.3g ulp at x = %v", worst/0x1p-53, at, worstPos/0x1p-53, atPos)
}

func TestErfcxSpecial(t *testing.T) {
	for _, test := range []struct{ x, want float64 }{
		{math.Inf(1), 0},
		{math.Inf(-1), math.Inf(1)},
		{-27, math.Inf(1)},
		{-26.63, math.Inf(1)},
		{0, 1},
		{math.Copysign(0, -1), 1},
		{math.MaxFloat64, 1 / math.SqrtPi / math.MaxFloat64},
	} {
		if got := Erfcx(test.x); got != test.want {
			t.Errorf("Erfcx(%v) = %v, want %v", test.x, got, test.want)
		}
	}
	if got := Erfcx(math.NaN()); !math.IsNaN(got) {
		t.Errorf("Erfcx(NaN) = %v, want NaN", got)
	}
}

// TestErfcxMonotone checks that Erfcx decreases across the switch points
// of its implementation.
func TestErfcxMonotone(t *testing.T) {
	for _, x0 := range []float64{-26.6, -1, 0, erfcxAsymptotic, 1e8} {
		prev := Erfcx(x0 - 1e-9*math.Max(1, math.Abs(x0)))
		for i := -5; i <= 5; i++ {
			x := x0 + float64(i)*1e-12*math.Max(1, math.Abs(x0))
			v := Erfcx(x)
			if v > prev*(1+4e-16) {
				t.Errorf("Erfcx not decreasing near %v: Erfcx(%v) = %v > %v", x0, x, v, prev)
			}
			prev = v
		}
	}
}

func FuzzErfcx(f *testing.F) {
	for _, x := range []float64{-26.6, -3, 0, 0.5, 3, 25.999, 26, 1e10} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		v := Erfcx(x)
		switch {
		case math.IsNaN(x):
			if !math.IsNaN(v) {
				t.Fatalf("Erfcx(NaN) = %v", v)
			}
		case x < -26.63:
			if !math.IsInf(v, 1) {
				t.Fatalf("Erfcx(%v) = %v, want +Inf", x, v)
			}
		case x < -26.628:
			// 2e^{x²} crosses MaxFloat64 here: +Inf or a finite value.
			if math.IsNaN(v) || v < 0 {
				t.Fatalf("Erfcx(%v) = %v", x, v)
			}
		default:
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Fatalf("Erfcx(%v) = %v", x, v)
			}
			// Bounds, DLMF 7.8.2: 1/(x+√(x²+2)) < √π/2·erfcx(x) ≤ 1/(x+√(x²+4/π)), x ≥ 0.
			if x >= 0 && x < 1e150 {
				lo := 2 / math.SqrtPi / (x + math.Sqrt(x*x+2))
				hi := 2 / math.SqrtPi / (x + math.Sqrt(x*x+4/math.Pi))
				if v < lo*(1-1e-15) || v > hi*(1+1e-15) {
					t.Fatalf("Erfcx(%v) = %v outside DLMF 7.8.2 bounds [%v, %v]", x, v, lo, hi)
				}
			}
		}
	})
}
