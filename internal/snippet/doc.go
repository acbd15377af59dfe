// Package snippet writes the ready-to-paste Python code that selu-solve
// prints and the HTML report shows, for PyTorch, Keras 3 and JAX, from one
// solved target (a solver.Result): the SELU λ·elu(x, α) with the solved
// constants, an alpha-dropout layer that computes a, b for any rate from
// the formula of Klambauer et al. 2017, section "New Dropout Technique"
// (docs/model.md §6), and the weight initialization the constants assume
// (docs/model.md §7): the exact-row initializer (every unit's Σw = ω,
// Σw² = τ) for the fixed-sum conventions, the framework's LeCun-normal
// initializer for constants solved for random weights.
package snippet // import "github.com/selu-tool/selu/internal/snippet"
