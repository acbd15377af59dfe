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

// A TargetError reports a value of the target (Target.Mean, Target.Var) or
// of the weights (Options.Omega, Options.Tau) that the solver does not
// take, before any solving. Field names the value: "mean", "var", "omega"
// or "tau"; Value is the value given (nil when it is missing or not a
// number); Reason says what is wrong and what would be valid, e.g. "must
// be > 0" or "out of range [-1e+20, 1e+20]"; Err is the parse error of a
// text that is not a number (ParseTarget), else nil. Its message reads
// "solver: variance must be > 0, got -0.5".
type TargetError struct {
	Field  string
	Value  *big.Rat
	Reason string
	Err    error
}

// Unwrap returns e.Err.
func (e *TargetError) Unwrap() error { return e.Err }

func (e *TargetError) Error() string {
	name := map[string]string{"var": "variance", "omega": "ω = Σw", "tau": "τ = Σw²"}[e.Field]
	if name == "" {
		name = e.Field
	}
	switch {
	case e.Err != nil:
		return "solver: " + name + ": " + e.Err.Error()
	case e.Value == nil:
		return "solver: " + name + " " + e.Reason
	}
	return "solver: " + name + " " + e.Reason + ", got " + ratString(e.Value)
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
