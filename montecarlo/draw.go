package montecarlo

import (
	"fmt"
	"math"
)

// DrawWeights fills w (k×n, row-major; column j holds unit j's k incoming
// weights) with the weights Run draws for layer l of a network with the
// given seed, so that other packages (train) start from the same draws:
//
//   - LeCun: wᵢⱼ ~ N(0, 1/k) independently;
//   - Gain G: wᵢⱼ ~ N(0, G²/k) independently;
//   - Exact: each column is drawn N(0, 1), then centred, scaled and shifted
//     so that Σᵢ wᵢⱼ = ω and Σᵢ wᵢⱼ² = τ (docs/model.md §7).
//
// omega and tau are used by Exact only, which needs τ > ω²/k and k ≥ 2.
func DrawWeights[T float32 | float64](w []T, k, n int, init Init, omega, tau float64, seed uint64, l int) error {
	if k < 1 || n < 1 || len(w) < k*n {
		return fmt.Errorf("montecarlo: DrawWeights %d×%d into %d values", k, n, len(w))
	}
	switch init.Kind {
	case LeCun:
	case Gain:
		if !(init.Gain > 0) || math.IsInf(init.Gain, 0) {
			return fmt.Errorf("montecarlo: weight gain %v: want a finite gain > 0", init.Gain)
		}
	case Exact:
		if k < 2 || !finiteF(omega) || !finiteF(tau) || !(tau > omega*omega/float64(k)) {
			return fmt.Errorf("montecarlo: exact weights with ω = %v, τ = %v over %d inputs: want k ≥ 2 and τ > ω²/k", omega, tau, k)
		}
	default:
		return fmt.Errorf("montecarlo: unknown weight initialization %v", init)
	}
	drawWeights(w[:k*n], k, n, init, omega, tau, seed, l)
	return nil
}
