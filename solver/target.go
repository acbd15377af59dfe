package solver

import (
	"fmt"
	"math"
	"math/big"

	numtext "github.com/selu-tool/selu/internal/decimal"
)

// A Target is the fixed point (μ*, ν*) a SELU network should keep its
// activations at: mean Mean and variance Var, both exact rationals.
type Target struct {
	Mean, Var *big.Rat
}

// NewTarget returns the target whose mean and variance are exactly the
// binary values of mean and variance. Use ParseTarget for decimal values:
// NewTarget(0.1, 1) is the float64 nearest 1/10, not 1/10.
// NewTarget panics if mean or variance is NaN or infinite.
func NewTarget(mean, variance float64) Target {
	if math.IsNaN(mean) || math.IsInf(mean, 0) || math.IsNaN(variance) || math.IsInf(variance, 0) {
		panic("solver: NewTarget with a NaN or infinite value")
	}
	return Target{Mean: new(big.Rat).SetFloat64(mean), Var: new(big.Rat).SetFloat64(variance)}
}

// ParseTarget parses mean and variance as exact decimal numbers
// ("0.1" is exactly 1/10, "-2.5e-3" exactly −1/400) and checks that the
// variance is positive; a bad value gives a *TargetError. Syntax: an optional sign, decimal digits with an
// optional point, an optional exponent e±N with |N| ≤ 1000.
func ParseTarget(mean, variance string) (Target, error) {
	mu, err := ParseDecimal(mean)
	if err != nil {
		return Target{}, &TargetError{Field: "mean", Reason: "is not a number", Err: err}
	}
	nu, err := ParseDecimal(variance)
	if err != nil {
		return Target{}, &TargetError{Field: "var", Reason: "is not a number", Err: err}
	}
	t := Target{Mean: mu, Var: nu}
	if err := t.check(); err != nil {
		return Target{}, err
	}
	return t, nil
}

// ParseDecimal parses s as an exact rational: a decimal ("0.1" is exactly
// 1/10; an optional sign, digits with an optional point, an optional
// exponent e±N with |N| ≤ 1000) or a fraction p/q of two decimals ("1/3").
// It rejects everything else: NaN, Inf, hexadecimal, empty strings, a zero
// denominator, more than 1000 characters. The error names the input,
// shortened.
func ParseDecimal(s string) (*big.Rat, error) {
	return numtext.Parse(s)
}

// Range of the net-input variance s² = ν*τ and of |μ*|, |ω| the solver
// accepts. Outside, the question has no practical meaning and the working
// precision needed to answer it grows without bound.
const (
	minS2  = 1e-20
	maxS2  = 1e20
	maxAbs = 1e20
)

func (t Target) check() error {
	switch {
	case t.Mean == nil:
		return &TargetError{Field: "mean", Reason: "is missing (nil)"}
	case t.Var == nil:
		return &TargetError{Field: "var", Reason: "is missing (nil)"}
	case t.Var.Sign() <= 0:
		return &TargetError{Field: "var", Value: t.Var, Reason: "must be > 0"}
	}
	if f, _ := t.Var.Float64(); f < minS2 || f > maxS2 {
		return &TargetError{Field: "var", Value: t.Var, Reason: fmt.Sprintf("out of range [%g, %g]", minS2, maxS2)}
	}
	if f, _ := t.Mean.Float64(); math.Abs(f) > maxAbs {
		return &TargetError{Field: "mean", Value: t.Mean, Reason: fmt.Sprintf("out of range [%g, %g]", -maxAbs, maxAbs)}
	}
	return nil
}

// String formats t as (μ*, ν*) with the shortest exact decimals, or
// fractions where a value is not a finite decimal.
func (t Target) String() string {
	return "(" + ratString(t.Mean) + ", " + ratString(t.Var) + ")"
}

// ratString formats r exactly when that is short (0.1, 1/3, 1e+400),
// else as ≈ and 17 significant digits.
func ratString(r *big.Rat) string { return numtext.String(r) }
