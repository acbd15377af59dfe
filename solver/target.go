package solver

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
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
// variance is positive. Syntax: an optional sign, decimal digits with an
// optional point, an optional exponent e±N with |N| ≤ 1000.
func ParseTarget(mean, variance string) (Target, error) {
	mu, err := ParseDecimal(mean)
	if err != nil {
		return Target{}, fmt.Errorf("solver: mean: %v", err)
	}
	nu, err := ParseDecimal(variance)
	if err != nil {
		return Target{}, fmt.Errorf("solver: variance: %v", err)
	}
	t := Target{Mean: mu, Var: nu}
	if err := t.check(); err != nil {
		return Target{}, err
	}
	return t, nil
}

// maxExponent bounds the decimal exponent ParseDecimal accepts, so that a
// typo such as 1e999999999 cannot exhaust memory.
const maxExponent = 1000

// ParseDecimal parses s as an exact decimal number into a big.Rat. It
// accepts an optional sign, digits with an optional decimal point and an
// optional exponent (e or E, |exponent| ≤ 1000), and rejects everything
// else: NaN, Inf, hexadecimal, fractions, empty strings, more than 1000
// characters.
func ParseDecimal(s string) (*big.Rat, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, fmt.Errorf("empty number")
	}
	if len(s) > 1000 {
		return nil, fmt.Errorf("number too long (%d characters)", len(s))
	}
	mant, exp := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, exp = s[:i], s[i+1:]
	}
	body := strings.TrimLeft(mant, "+-")
	if len(mant)-len(body) > 1 {
		return nil, fmt.Errorf("%q is not a decimal number", s)
	}
	digits, point := 0, 0
	for _, c := range body {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			point++
		default:
			return nil, fmt.Errorf("%q is not a finite decimal number", s)
		}
	}
	if digits == 0 || point > 1 {
		return nil, fmt.Errorf("%q is not a decimal number", s)
	}
	if exp != "" || strings.ContainsAny(s, "eE") {
		e, err := strconv.Atoi(exp)
		if err != nil {
			return nil, fmt.Errorf("%q has a bad exponent", s)
		}
		if e > maxExponent || e < -maxExponent {
			return nil, fmt.Errorf("%q: exponent out of range [-%d, %d]", s, maxExponent, maxExponent)
		}
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return nil, fmt.Errorf("%q is not a decimal number", s)
	}
	return r, nil
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
	if t.Mean == nil || t.Var == nil {
		return fmt.Errorf("solver: target has a nil mean or variance")
	}
	if t.Var.Sign() <= 0 {
		return fmt.Errorf("solver: variance must be > 0, got %s", ratString(t.Var))
	}
	if f, _ := t.Var.Float64(); f < minS2 || f > maxS2 {
		return fmt.Errorf("solver: variance %s out of range [%g, %g]", ratString(t.Var), minS2, maxS2)
	}
	if f, _ := t.Mean.Float64(); math.Abs(f) > maxAbs {
		return fmt.Errorf("solver: mean %s out of range [%g, %g]", ratString(t.Mean), -maxAbs, maxAbs)
	}
	return nil
}

// String formats t as (μ*, ν*) with the shortest exact decimals, or
// fractions where a value is not a finite decimal.
func (t Target) String() string {
	return "(" + ratString(t.Mean) + ", " + ratString(t.Var) + ")"
}

// ratString formats r exactly: as a decimal when r has a finite decimal
// expansion of at most 40 significant digits, otherwise as p/q (or, for
// huge p/q, to 17 significant digits with a ≈ sign).
func ratString(r *big.Rat) string {
	if r == nil {
		return "<nil>"
	}
	if r.IsInt() {
		return r.Num().String()
	}
	// finite decimal iff the denominator is 2^a·5^b
	d := new(big.Int).Set(r.Denom())
	n2, n5 := 0, 0
	two, five := big.NewInt(2), big.NewInt(5)
	m := new(big.Int)
	for {
		q, rem := new(big.Int).QuoRem(d, two, m)
		if rem.Sign() != 0 {
			break
		}
		d, n2 = q, n2+1
	}
	for {
		q, rem := new(big.Int).QuoRem(d, five, m)
		if rem.Sign() != 0 {
			break
		}
		d, n5 = q, n5+1
	}
	if d.Cmp(big.NewInt(1)) == 0 {
		k := max(n2, n5)
		s := r.FloatString(k)
		if len(s) <= 48 {
			return s
		}
	}
	if len(r.Num().String())+len(r.Denom().String()) <= 40 {
		return r.String()
	}
	f, _ := r.Float64()
	return "≈" + strconv.FormatFloat(f, 'g', 17, 64)
}
