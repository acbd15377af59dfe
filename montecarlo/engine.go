package montecarlo

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"

	"github.com/selu-tool/selu/internal/gemm"
)

// float is the element type of a simulated network.
type float interface{ float32 | float64 }

// panelRows is the height of the row panels handed to the epilogue. It is
// part of the reduction order of the statistics (partial sums are kept per
// panel and added in panel order), so it is a constant and not a tuning
// knob of the engine: changing it changes the last bits of the results.
const panelRows = 32

// panels returns the number of row panels of a b-row matrix.
func panels(b int) int { return (b + panelRows - 1) / panelRows }

// An engine computes one dense layer of the network. It is the only place
// that multiplies matrices, so a faster kernel replaces the gonum one by
// implementing this interface and changing newEngine.
//
// layer sets y = x·w, where x is b×k, w is k×n and y is b×n, all dense and
// row-major (w's column j holds the weights of unit j), and then calls
// ep.apply(y, p) exactly once for every row panel p in [0, panels(b)),
// panel p being rows [p·panelRows, min((p+1)·panelRows, b)). When apply is
// called for p, those rows of y must hold their final products; apply
// overwrites them in place with the layer's output. Calls for different
// panels may run concurrently and in any order, but the product of each
// element must not depend on the schedule (a fixed summation order per
// element), so that results are reproducible for any GOMAXPROCS.
//
// A fused kernel computes a panel of y and immediately calls apply on it
// while it is still in cache; the gonum engine computes the whole product
// and then runs the panels in parallel.
type engine[T float] interface {
	layer(y, x, w []T, b, k, n int, ep epilogue[T])
}

// An epilogue is the per-layer element-wise pass fused with the statistics:
// SELU, the moment sums, and alpha dropout. See layerEpilogue.
type epilogue[T float] interface {
	apply(y []T, p int)
}

// newEngine returns the matrix engine used by Run: the gemm engine
// (engine_gemm.go) where gemm has its assembly kernels, the gonum engine
// elsewhere (its Go and assembly BLAS is faster than gemm's portable
// kernel), or the one a test asks for in engineChoice.
func newEngine[T float]() engine[T] {
	switch {
	case engineChoice == useGonum, engineChoice == useAuto && !gemm.Accelerated():
		return gonumEngine[T]{}
	}
	return newGemmEngine[T]()
}

// Engine choices for tests.
const (
	useAuto  = iota // gemm if accelerated, else gonum
	useGonum        // the reference
	useGemm         // gemm, with whatever kernel gemm.ForcePortable selects
)

// engineChoice selects Run's engine; tests change it.
var engineChoice = useAuto

// gonumEngine multiplies with gonum's pure-Go BLAS (Sgemm, Dgemm). Gonum
// computes each 64×64 block of the product by one goroutine in a fixed
// order along k, so its results do not depend on GOMAXPROCS.
type gonumEngine[T float] struct{}

func (gonumEngine[T]) layer(y, x, w []T, b, k, n int, ep epilogue[T]) {
	var impl gonum.Implementation
	switch y := any(y).(type) {
	case []float32:
		impl.Sgemm(blas.NoTrans, blas.NoTrans, b, n, k, 1, any(x).([]float32), k, any(w).([]float32), n, 0, y, n)
	case []float64:
		impl.Dgemm(blas.NoTrans, blas.NoTrans, b, n, k, 1, any(x).([]float64), k, any(w).([]float64), n, 0, y, n)
	}
	parallel(panels(b), func(p int) { ep.apply(y, p) })
}
