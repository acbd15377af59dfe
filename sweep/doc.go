// Package sweep solves the SELU constants (λ, α) for every target of a grid
// of means and variances, in parallel, and writes the results as CSV, JSON
// or an HTML page of heat maps.
//
// A grid is the product of two axes, each an arithmetic progression of
// exact decimals lo, lo+step, …, up to hi (see ParseAxis). Targets are
// ordered mean-major: all variances of the first mean, then all variances
// of the next, so row k is (Mean.At(k / Var.Len()), Var.At(k % Var.Len())).
// Run solves them with solver.Solve over GOMAXPROCS goroutines and returns
// the rows in that order whatever the scheduling, so the output is
// deterministic.
//
// A target that no SELU (λ > 0, α > 0) has as its fixed point (Klambauer
// et al., "Self-Normalizing Neural Networks", NeurIPS 2017, §4 of the
// project's SPEC: feasible iff −|B|/√D < μ*/√(ν*+μ*²) < A/√C) is a row
// marked infeasible, with the solver's explanation; it does not fail the
// sweep. Any other error of the solver does, naming the target, with one
// exception: when the solver cannot certify the requested D digits
// (solver.ErrPrecision, which can happen when a value lies within about
// 10⁻⁶ units in the last place of a rounding midpoint), Run solves the
// target again at D+12 digits and rounds those correctly rounded decimals to
// D digits. That is exact unless the 12 extra digits are exactly 5 followed
// by zeros, in which case the error stands.
package sweep // import "selu/sweep"
