package solver

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
)

// Options configure Solve. The zero value (or a nil *Options) asks for the
// paper's convention ω = 0, τ = 1 and 30 significant digits.
type Options struct {
	// Omega and Tau are the weight sums ω = Σwᵢ and τ = Σwᵢ² of a unit, as
	// exact rationals. nil means ω = 0 and τ = 1, the paper's normalized
	// weights (LeCun-normal initialization). ω = 1, τ = 1 reproduces the
	// authors' notebook getSELUparameters.ipynb, whose fixed points are
	// typically unstable. Tau must be positive.
	Omega, Tau *big.Rat

	// Digits is the number of significant decimal digits of every result,
	// from 1 to MaxDigits; 0 means DefaultDigits.
	Digits int

	// DropoutRates are alpha-dropout rates r = 1 − q (q the keep
	// probability), 0 ≤ r < 1. Each rate is taken as the exact decimal
	// number of its shortest float64 representation, so 0.1 means exactly
	// 1/10 (strconv.FormatFloat(r, 'g', -1, 64)), matching how the rate is
	// written in code and on command lines.
	DropoutRates []float64
}

// Digits limits.
const (
	DefaultDigits = 30
	MaxDigits     = 10000
)

// resolved holds validated options.
type resolved struct {
	omega, tau *big.Rat
	digits     int
	rates      []*big.Rat
	rateF      []float64
}

func (o *Options) resolve() (resolved, error) {
	var r resolved
	if o == nil {
		o = &Options{}
	}
	r.omega, r.tau = o.Omega, o.Tau
	if r.omega == nil {
		r.omega = new(big.Rat)
	}
	if r.tau == nil {
		r.tau = big.NewRat(1, 1)
	}
	if r.tau.Sign() <= 0 {
		return r, &TargetError{Field: "tau", Value: r.tau, Reason: "must be > 0"}
	}
	if f, _ := r.omega.Float64(); math.Abs(f) > maxAbs {
		return r, &TargetError{Field: "omega", Value: r.omega, Reason: fmt.Sprintf("out of range [%g, %g]", -maxAbs, maxAbs)}
	}
	if f, _ := r.tau.Float64(); f > maxAbs {
		return r, &TargetError{Field: "tau", Value: r.tau, Reason: fmt.Sprintf("out of range (0, %g]", maxAbs)}
	}
	switch {
	case o.Digits == 0:
		r.digits = DefaultDigits
	case o.Digits < 0 || o.Digits > MaxDigits:
		return r, fmt.Errorf("solver: digits must be between 1 and %d, got %d", MaxDigits, o.Digits)
	default:
		r.digits = o.Digits
	}
	for _, f := range o.DropoutRates {
		q, err := rateRat(f)
		if err != nil {
			return r, err
		}
		r.rates = append(r.rates, q)
		r.rateF = append(r.rateF, f)
	}
	return r, nil
}

// rateRat returns the exact decimal value of the shortest representation
// of the dropout rate f, after checking 0 ≤ f < 1.
func rateRat(f float64) (*big.Rat, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f >= 1 {
		return nil, fmt.Errorf("solver: dropout rate must be in [0, 1), got %v", f)
	}
	q, ok := new(big.Rat).SetString(strconv.FormatFloat(f, 'g', -1, 64))
	if !ok {
		panic("solver: cannot parse a formatted float64")
	}
	return q, nil
}
