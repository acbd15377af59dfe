// Package montecarlo simulates deep dense SELU networks and compares the
// moments of their activations, layer by layer, with the prediction of the
// layer map g (package mapping).
//
// A network of depth L and width n is applied to a batch of B inputs:
//
//	x⁽⁰⁾ = inputs (B×n₀),  z⁽ˡ⁾ = x⁽ˡ⁻¹⁾·W⁽ˡ⁾,  x⁽ˡ⁾ = selu(z⁽ˡ⁾)
//
// with fresh weights W⁽ˡ⁾ for every layer and, optionally, alpha dropout
// between layers (Klambauer et al. 2017, "Self-Normalizing Neural
// Networks", section "New Dropout Technique"). For every layer Run records
// the mean and variance of the B×n activations, their standard errors, the
// spread of the per-unit means and variances, and the map's prediction
// obtained by iterating g from the measured moments of the inputs.
//
// Weights are drawn from per-block random streams (ChaCha8 keyed by seed,
// layer and block, which seeds a ziggurat normal generator on xoshiro256++),
// and every reduction runs in a fixed order, so a run is a function of its
// Config alone: the same seed gives the same numbers for any GOMAXPROCS.
//
// The matrix products run on selu/internal/gemm (packed, cache-blocked, with
// AVX2+FMA and AVX-512 assembly kernels chosen at run time and a portable Go kernel
// elsewhere), with SELU and the moment sums applied to each row panel as
// soon as it is final. The performance figures are in docs/performance.md.
//
// Config.Init chooses the weights: rows with the exact sums ω, τ of the
// model, or LeCun-normal (or scaled) random draws. With Config.Gradients
// Run also sends a random read-out's gradient back through the network and
// compares the squared gradient norm per layer with the growth χ of package
// mapping (Result.Gradients, Result.GradientSummary); with Config.Pair it
// sends the batch as pairs of correlated inputs and compares their
// correlation per layer with the correlation map (Result.Pairs).
//
// Result.Agreement compares the last layer with the target, as a value
// (Agreement; Result.Converged is its verdict); the derivation of the
// standard errors and of the finite-width allowance it uses is in
// docs/montecarlo.md. Config.Bytes and Config.Work give a run's memory and
// multiply-adds before it starts; ReadCSV reads real inputs with bounded
// memory.
package montecarlo // import "github.com/selu-tool/selu/montecarlo"
