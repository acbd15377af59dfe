package montecarlo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/selu-tool/selu/internal/gemm"
)

// TestSELURow compares seluRow's fast path (the assembly kernels) with the
// portable loop, which uses math.Expm1: outputs within 2 ulps of T, sums
// within a few ulps of their magnitude. Without the kernels (not amd64, the
// purego tag, or a CPU without AVX2 and FMA) seluRow is the portable loop
// and there is nothing to compare.
func TestSELURow(t *testing.T) {
	if !hasSELUAsm {
		t.Skip("no assembly SELU kernel on this build or CPU (needs amd64 with AVX2 and FMA, without the purego tag): seluRow is the portable loop")
	}
	testSELURow[float32](t, 0x1p-23)
	testSELURow[float64](t, 0x1p-52)
}

func testSELURow[T float](t *testing.T, eps float64) {
	rng := rand.New(rand.NewPCG(1, 2))
	special := []float64{0, math.Copysign(0, -1), -1e-300, -1e-20, -1e-8, -0.3465, -0.3466, -0.6931, -1, -20, -37, -59.9, -60, -61, -745, -800, 1e-30, 1, 3, 1e5}
	for _, n := range []int{1, 3, 4, 5, 8, 67, 1024} {
		for trial := range 20 {
			z := make([]T, n)
			for j := range z {
				switch trial % 3 {
				case 0:
					z[j] = T(rng.NormFloat64())
				case 1:
					z[j] = T(-rng.ExpFloat64() * 10)
				default:
					z[j] = T(special[rng.IntN(len(special))])
				}
			}
			fast, slow := append([]T(nil), z...), append([]T(nil), z...)
			csF, cqF := make([]float64, n), make([]float64, n)
			csS, cqS := make([]float64, n), make([]float64, n)
			for j := range n { // non-zero starting partials
				csF[j], cqF[j] = float64(j), 2*float64(j)
				csS[j], cqS[j] = float64(j), 2*float64(j)
			}
			rsF, rqF := seluRow(fast, csF, cqF, selu01.Lambda, selu01.Lambda*selu01.Alpha)
			gemm.ForcePortable(true)
			rsS, rqS := seluRow(slow, csS, cqS, selu01.Lambda, selu01.Lambda*selu01.Alpha)
			gemm.ForcePortable(false)
			var abs float64
			for j := range n {
				f, s := float64(fast[j]), float64(slow[j])
				abs += s * s
				if d := math.Abs(f - s); !(d <= 2*eps*math.Abs(s)) {
					t.Fatalf("%T n=%d: selu(%v) = %v, want %v", z[0], n, z[j], f, s)
				}
				scale := float64(j) + math.Abs(s) + s*s
				if d := math.Abs(csF[j] - csS[j]); !(d <= 4*eps*scale) {
					t.Fatalf("%T n=%d: cs[%d] = %v, want %v", z[0], n, j, csF[j], csS[j])
				}
				if d := math.Abs(cqF[j] - cqS[j]); !(d <= 4*eps*scale) {
					t.Fatalf("%T n=%d: cq[%d] = %v, want %v", z[0], n, j, cqF[j], cqS[j])
				}
			}
			tol := 4 * eps * float64(n) * math.Sqrt(abs+1)
			if math.Abs(rsF-rsS) > tol || math.Abs(rqF-rqS) > 4*eps*float64(n)*abs {
				t.Fatalf("%T n=%d: row sums (%v, %v), want (%v, %v)", z[0], n, rsF, rqF, rsS, rqS)
			}
		}
	}
}
