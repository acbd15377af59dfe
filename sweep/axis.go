package sweep

import (
	"fmt"
	"math/big"
	"strings"

	numtext "github.com/selu-tool/selu/internal/decimal"
	"github.com/selu-tool/selu/solver"
)

// MaxTargets bounds the number of targets of a grid (and of each axis).
const MaxTargets = 1_000_000

// An Axis is the arithmetic progression lo, lo+step, …, lo+(n−1)·step of
// exact rationals, where n−1 = ⌊(hi − lo)/step + 10⁻⁹⌋: the last point is
// the largest lo + k·step ≤ hi + 10⁻⁹·step, so hi is included when it is on
// the progression, and so is a point that exceeds hi by at most 10⁻⁹ steps
// (a hi rounded down in its last printed digit).
type Axis struct {
	lo, step *big.Rat
	n        int
}

// NewAxis returns the axis from lo to hi by step. It returns an error if
// lo > hi, step ≤ 0 (unless lo = hi), or the axis would have more than
// MaxTargets points.
func NewAxis(lo, hi, step *big.Rat) (Axis, error) {
	if lo == nil || hi == nil || step == nil {
		return Axis{}, fmt.Errorf("sweep: axis with a nil bound or step")
	}
	switch c := lo.Cmp(hi); {
	case c > 0:
		return Axis{}, fmt.Errorf("sweep: axis from %s to %s: lo must be <= hi", decimal(lo), decimal(hi))
	case c == 0:
		return Axis{lo: new(big.Rat).Set(lo), step: big.NewRat(1, 1), n: 1}, nil
	}
	if step.Sign() <= 0 {
		return Axis{}, fmt.Errorf("sweep: axis from %s to %s: step must be > 0, got %s", decimal(lo), decimal(hi), decimal(step))
	}
	q := new(big.Rat).Sub(hi, lo)
	q.Quo(q, step)
	q.Add(q, big.NewRat(1, 1_000_000_000))
	if q.Cmp(big.NewRat(MaxTargets, 1)) >= 0 {
		return Axis{}, fmt.Errorf("sweep: axis from %s to %s by %s has more than %d points; use a larger step",
			decimal(lo), decimal(hi), decimal(step), MaxTargets)
	}
	k := new(big.Int).Quo(q.Num(), q.Denom()) // floor, q ≥ 0
	return Axis{lo: new(big.Rat).Set(lo), step: new(big.Rat).Set(step), n: int(k.Int64()) + 1}, nil
}

// ParseAxis parses "lo:hi:step" with exact decimals (solver.ParseDecimal:
// "0.1" is exactly 1/10), or a single decimal "v" for the one-point axis
// {v}. See NewAxis for the points and the errors.
func ParseAxis(s string) (Axis, error) {
	parts := strings.Split(s, ":")
	if len(parts) == 1 {
		v, err := solver.ParseDecimal(parts[0])
		if err != nil {
			return Axis{}, fmt.Errorf("sweep: axis %s: %v", numtext.Quote(s), err)
		}
		return NewAxis(v, v, big.NewRat(1, 1))
	}
	if len(parts) != 3 {
		return Axis{}, fmt.Errorf("sweep: axis %s must be lo:hi:step (or a single value)", numtext.Quote(s))
	}
	var r [3]*big.Rat
	for i, p := range parts {
		v, err := solver.ParseDecimal(p)
		if err != nil {
			return Axis{}, fmt.Errorf("sweep: axis %s: %s: %v", numtext.Quote(s), [3]string{"lo", "hi", "step"}[i], err)
		}
		r[i] = v
	}
	return NewAxis(r[0], r[1], r[2])
}

// Len returns the number of points of the axis.
func (a Axis) Len() int { return a.n }

// At returns the i-th point lo + i·step, exactly. It panics if i is out of
// range.
func (a Axis) At(i int) *big.Rat {
	if i < 0 || i >= a.n {
		panic("sweep: axis index out of range")
	}
	v := new(big.Rat).SetInt64(int64(i))
	v.Mul(v, a.step)
	return v.Add(v, a.lo)
}

// Float64 returns the nearest float64 to the i-th point.
func (a Axis) Float64(i int) float64 {
	f, _ := a.At(i).Float64()
	return f
}

// Text returns the i-th point as an exact decimal.
func (a Axis) Text(i int) string { return decimal(a.At(i)) }

// decimal formats r exactly (decimal.Exact): a decimal number when its
// expansion is finite, else a fraction p/q.
func decimal(r *big.Rat) string {
	return numtext.Exact(r)
}

// A Grid is the product of a mean axis and a variance axis, ordered
// mean-major.
type Grid struct {
	Mean, Var Axis
}

// NewGrid returns the grid of targets (μ*, ν*) for μ* on mean and ν* on
// variance. It returns an error if a variance is ≤ 0 or the grid has more
// than MaxTargets targets.
func NewGrid(mean, variance Axis) (Grid, error) {
	if mean.n == 0 || variance.n == 0 {
		return Grid{}, fmt.Errorf("sweep: empty axis")
	}
	if variance.lo.Sign() <= 0 {
		return Grid{}, fmt.Errorf("sweep: variances must be > 0, the variance axis starts at %s", decimal(variance.lo))
	}
	if n := int64(mean.n) * int64(variance.n); n > MaxTargets {
		return Grid{}, fmt.Errorf("sweep: grid of %d means × %d variances = %d targets exceeds the limit of %d; use larger steps",
			mean.n, variance.n, n, MaxTargets)
	}
	return Grid{Mean: mean, Var: variance}, nil
}

// Len returns the number of targets.
func (g Grid) Len() int { return g.Mean.n * g.Var.n }

// Index returns the mean and variance indices of target k (mean-major).
func (g Grid) Index(k int) (i, j int) { return k / g.Var.n, k % g.Var.n }

// Target returns target k.
func (g Grid) Target(k int) solver.Target {
	i, j := g.Index(k)
	return solver.Target{Mean: g.Mean.At(i), Var: g.Var.At(j)}
}
