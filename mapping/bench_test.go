package mapping

import (
	"fmt"
	"math"
	"testing"
)

// benchPoints are (m, s²) = (μ, ν) with ω = 1, τ = 1 from each regime of
// the implementation: the paper's fixed point, the small-s series for m ≥ 0
// and m < 0, a concentrated m ≪ 0, and large s².
var benchPoints = []struct{ mu, nu float64 }{
	{0, 1}, {0.5, 2}, {2, 1e-4}, {-0.1, 1e-4}, {-20, 0.5}, {3, 1e4},
}

func BenchmarkMoments(b *testing.B) {
	l := Layer{Paper(), Notebook()}
	for _, p := range benchPoints {
		b.Run(fmt.Sprintf("mu=%g/nu=%g", p.mu, p.nu), func(b *testing.B) {
			for b.Loop() {
				l.Moments(p.mu, p.nu)
			}
		})
	}
}

func BenchmarkJacobian(b *testing.B) {
	l := Layer{Paper(), Notebook()}
	for _, p := range benchPoints {
		b.Run(fmt.Sprintf("mu=%g/nu=%g", p.mu, p.nu), func(b *testing.B) {
			for b.Loop() {
				l.Jacobian(p.mu, p.nu)
			}
		})
	}
}

func BenchmarkErfcx(b *testing.B) {
	for _, x := range []float64{-1, 0.5, 5, 30} {
		b.Run(fmt.Sprint(x), func(b *testing.B) {
			for b.Loop() {
				Erfcx(x)
			}
		})
	}
}

// BenchmarkBaseline times math.Exp(x)·math.Erfc(x), the unit in which the
// cost of the moments is best read on a shared machine.
func BenchmarkBaseline(b *testing.B) {
	x := 0.7
	for b.Loop() {
		_ = math.Exp(x) * math.Erfc(x)
	}
}
