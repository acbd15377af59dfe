// Package report renders the computed results of a SELU analysis into one
// self-contained HTML file: no scripts, no external fonts, styles or images.
// Plots are drawn with gonum.org/v1/plot and inlined as SVG; heat maps are
// rasterized inside the SVG so that the file stays small.
//
// The caller solves the target first (solver.Solve for weight rows with
// fixed sums ω, τ, solver.SolveLeCun for random weights N(0, τ/n)) and
// passes the result in a Config. Build computes everything the report shows
// (the map's vector field and basin of attraction over a grid, the
// contraction and stability maps, the feasible region of targets, the other
// weight convention for comparison, the certificate, the Monte Carlo runs)
// into a Report; Report.Render turns it into HTML and computes nothing.
// Parts that were not computed render as "not computed". RenderSweep writes
// the page of a sweep over a grid of targets (package sweep).
//
// The mathematics follows Klambauer, Unterthiner, Mayr and Hochreiter,
// "Self-Normalizing Neural Networks", NeurIPS 2017 (arXiv 1706.02515 v5);
// equation numbers in this package refer to that paper.
package report // import "github.com/selu-tool/selu/report"
