// Package sweep solves the SELU constants (λ, α) for every target of a grid
// of means and variances, in parallel, and writes the results as CSV or
// JSON. Package report draws a table as an HTML page of heat maps
// (report.RenderSweep); Table.Edges and Table.Counts compute what that page
// shows besides the rows.
//
// A grid is the product of two axes, each an arithmetic progression of
// exact decimals lo, lo+step, …, up to hi (see ParseAxis). Targets are
// ordered mean-major: all variances of the first mean, then all variances
// of the next, so row k is (Mean.At(k / Var.Len()), Var.At(k % Var.Len())).
// Stream solves them with solver.Solve over GOMAXPROCS goroutines and passes
// the rows on in that order whatever the scheduling, so the output is
// deterministic, holding only a small window of rows at a time; a RowWriter
// writes them as CSV or JSON as they come, and Run collects them into a
// Table instead. Estimate solves three targets of a grid to predict the time
// and the output size of the whole sweep.
//
// With Options.Certify every feasible row also carries the certificate of
// its fixed point that `selu-solve verify --mean M --var V` gives
// (verify.Certify: a box around the fixed point, found by a search, on
// which g provably has a unique attracting fixed point, Theorem 1 of the
// paper for that target), with the fraction of Theorem 1's (ω, τ) widths
// it holds for (Certification). It is off by default: a certificate takes
// 0.02 s to a few seconds, the constants milliseconds.
//
// A target that no SELU (λ > 0, α > 0) has as its fixed point (Klambauer
// et al., "Self-Normalizing Neural Networks", NeurIPS 2017, docs/model.md §4:
// feasible iff −|B|/√D < μ*/√(ν*+μ*²) < A/√C) is a row
// marked infeasible, with the solver's explanation; it does not fail the
// sweep. Any other error of the solver does, naming the target.
package sweep // import "github.com/selu-tool/selu/sweep"
