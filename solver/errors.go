package solver

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
)

// ErrPrecision is returned (wrapped) when the results could not be
// certified to the requested number of digits within the working-precision
// budget, which happens only for targets extremely close to the edge of
// the feasible region, where α → 0 or α → ∞.
var ErrPrecision = errors.New("solver: cannot certify the requested digits")

// An InfeasibleError reports a target for which no SELU (λ > 0, α > 0)
// has it as a fixed point. Lo and Hi bound the feasible means for the
// target's variance (and the same ω, τ) around 0, as FeasibleMeans
// computes them (±Inf: no edge found). With ω = 0 (any τ) the feasible means form
// exactly the interval (Lo, Hi), with Hi = √(ν*/(π−1)) (docs/model.md §4). With
// other weights the feasible set need not be an interval; (Lo, Hi) is its
// part around 0.
type InfeasibleError struct {
	Target     Target
	Omega, Tau *big.Rat
	Lo, Hi     float64
	Reason     string // which edge is crossed: α → 0 (mean too high) or α → ∞ (mean too low)
}

func (e *InfeasibleError) Error() string {
	w := ""
	if e.Omega.Sign() != 0 || e.Tau.Cmp(big.NewRat(1, 1)) != 0 {
		w = fmt.Sprintf(" with ω = %s, τ = %s", ratString(e.Omega), ratString(e.Tau))
	}
	around := ""
	if e.Omega.Sign() != 0 {
		around = " around 0"
	}
	return fmt.Sprintf("solver: target %v is infeasible%s: no SELU with λ > 0, α > 0 has it as fixed point (%s); the feasible mean for variance %s%s is (%s, %s)",
		e.Target, w, e.Reason, ratString(e.Target.Var), around, edge(e.Lo), edge(e.Hi))
}

func edge(x float64) string {
	switch {
	case math.IsInf(x, 1):
		return "+∞"
	case math.IsInf(x, -1):
		return "-∞"
	}
	return strconv.FormatFloat(x, 'g', 6, 64)
}
