package train

import (
	"math"
	"testing"
)

// expm1Neg agrees with math.Expm1 (accurate to < 1 ulp) to 10⁻¹² relative
// on a dense grid of [−45, 0] including the reduction's switch points.
func TestExpm1Neg(t *testing.T) {
	worst := 0.0
	for i := 0; i <= 450000; i++ {
		x := -float64(i) * 1e-4
		for _, x := range []float64{x, x - 1e-9, x + 1e-9} {
			if x > 0 {
				continue
			}
			got, want := expm1Neg(x), math.Expm1(x)
			e := math.Abs(got - want)
			if want != 0 {
				e /= math.Abs(want)
			}
			worst = max(worst, e)
		}
	}
	if worst > 1e-12 {
		t.Errorf("largest relative error %g, want < 1e-12", worst)
	}
	t.Logf("largest relative error %.3g", worst)
}
