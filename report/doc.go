// Package report renders the computed results of a SELU analysis into one
// self-contained HTML file: no scripts, no external fonts, styles or images.
// Plots are drawn with gonum.org/v1/plot and inlined as SVG; heat maps are
// rasterized inside the SVG so that the file stays small.
//
// The work is split in two. Build computes everything a report shows (the
// solved constants, the map's vector field and basin of attraction over a
// grid, the contraction and stability maps, the feasible region of targets,
// the certificate, the Monte Carlo runs) and records it in a Data value;
// Render turns a Data value into HTML and computes nothing. A Data value
// whose optional parts are nil renders those sections as "not computed".
//
// The mathematics follows Klambauer, Unterthiner, Mayr and Hochreiter,
// "Self-Normalizing Neural Networks", NeurIPS 2017 (arXiv 1706.02515 v5);
// equation numbers in this package refer to that paper.
package report // import "github.com/selu-tool/selu/report"
