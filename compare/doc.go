// Package compare puts SELU targets side by side: for each target (μ*, ν*)
// the constants λ, α, how fast the layer map settles (spectral radius ρ,
// layers to get within 1%), how the squared gradient norm grows per layer
// and over a depth (χ = τ·E[selu′(z)²]), how long input correlations
// survive (the correlation map's fixed point c*, slope χ_c and depth
// ξ_c = −1/ln χ_c, with the trainable depth 6ξ_c that Schoenholz et al.,
// "Deep Information Propagation", ICLR 2017, predict), how far the fixed
// point moves when the weight scale τ is 10% off, and the alpha-dropout
// correction at rate 0.1.
//
// A target (0, v) is not a rescaled (0, 1): SELU is not positively
// homogeneous (eˣ has a unit scale), so each variance gives another
// nonlinearity, and these columns show the trade-off between settling fast
// (large ν*) and keeping gradients and correlations (small ν*). The
// definitions are in docs/why-0-and-1.md.
package compare // import "github.com/selu-tool/selu/compare"
