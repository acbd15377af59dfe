// Package train trains dense classifiers on MNIST-like image sets to
// compare SELU networks with different targets, and with ReLU +
// BatchNorm, on real data.
//
// A network is input → Depth hidden layers of Width units → a 10-way
// softmax, trained on the mean cross-entropy:
//
//	z⁽ˡ⁾ = x⁽ˡ⁻¹⁾W⁽ˡ⁾ + b⁽ˡ⁾,  x⁽ˡ⁾ = f(z⁽ˡ⁾),  l = 1 … L;  logits = x⁽ᴸ⁾W⁽ᴸ⁺¹⁾ + b⁽ᴸ⁺¹⁾.
//
// The hidden units f are
//
//   - SELU with the constants λ, α of a target (μ*, ν*) and weights (ω, τ)
//     (Klambauer et al., "Self-Normalizing Neural Networks", NeurIPS 2017,
//     arXiv 1706.02515; Config.SolveSELU calls solver.Solve), optionally
//     with alpha dropout at the target's a, b (docs/model.md §6);
//   - ReLU after BatchNorm (no bias; γ, β learned; batch statistics in
//     training, running averages with momentum 0.1 at test time, ε = 10⁻⁵,
//     as PyTorch and Keras do);
//   - ReLU with He initialization N(0, 2/k).
//
// The hidden weights of a SELU network follow the target's convention
// (docs/model.md §7): LeCun-normal N(0, τ/k) for ω = 0 and μ* = 0, exact
// rows (every unit's k weights centred, scaled and shifted to Σw = ω,
// Σw² = τ) otherwise, drawn by montecarlo.DrawWeights, so a network starts
// from the weights `selu-solve mc` simulates. PyTorch's SELU gain 3/4 is
// Init{Kind: InitGain, Gain: 0.75}. The output layer is N(0, 1/k) and the
// biases start at 0. Pixels are standardized with the training set's mean
// and standard deviation to the target's mean and variance (a 0/4 network
// gets inputs of variance 4; ReLU networks get 0 and 1).
//
// # Computation
//
// Forward and backward passes run on selu/internal/gemm in float32 (or
// float64): the forward product x·W with the bias, activation and dropout
// applied to each row block in the product's epilogue; ∂L/∂x = δ·Wᵀ; and
// ∂L/∂W = xᵀ·δ, whose epilogue takes the optimizer step (SGD with momentum,
// or Adam) on the finished rows of W and writes them into the packed copies
// of W and Wᵀ the next products read. Element-wise passes run on row
// blocks, column reductions (BatchNorm, bias gradients) on column blocks,
// each summed in a fixed order, and the random streams (weights, shuffles,
// dropout masks) are keyed by the seed and the position of the work, so a
// run gives bitwise the same numbers for any GOMAXPROCS.
//
// # Measurements
//
// Run records the training loss and accuracy of every epoch, the test loss
// and accuracy after it, and, at initialization and after every epoch, for
// every hidden layer the mean and variance of the activations, the root
// mean square of ∂L/∂z and the norm of ∂L/∂W on a fixed probe batch. The
// study (RunStudy) trains several arms at several depths and sets the
// results beside the mean-field predictions χ and 6ξ_c (MeanFieldSELU);
// docs/experiment.md reports a run on Fashion-MNIST.
//
// # Data
//
// LoadDir reads MNIST or Fashion-MNIST in LeCun's idx format, raw or
// gzip-compressed; DefaultDataDir is where Debian's dataset-fashion-mnist
// installs Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, arXiv 1708.07747).
package train // import "github.com/selu-tool/selu/train"
