package montecarlo

import (
	"sync/atomic"

	"github.com/selu-tool/selu/internal/gemm"
)

// gemmEngine multiplies with the packed, cache-blocked kernels of
// selu/internal/gemm (AVX2+FMA assembly where the CPU has it, portable Go
// elsewhere) and runs the epilogue of each row panel as soon as the panel's
// rows are final, while they are still in cache. gemm sums every element in
// an order that does not depend on the schedule, so results do not depend on
// GOMAXPROCS; they differ from the gonum engine's by float rounding only.
type gemmEngine[T float] struct {
	mu   *gemm.Multiplier[T]
	pb   *gemm.PackedB[T]
	done []atomic.Int32 // rows of each row panel whose products are final
}

func newGemmEngine[T float]() *gemmEngine[T] {
	return &gemmEngine[T]{mu: gemm.NewMultiplier[T](0)}
}

func (e *gemmEngine[T]) layer(y, x, w []T, b, k, n int, ep epilogue[T]) {
	if e.pb == nil || e.pb.K != k || e.pb.N != n {
		e.pb = gemm.NewPackedB[T](k, n)
	}
	e.pb.Pack(w, n)
	e.multiply(y, x, b, ep)
}

// multiply sets y = x·W for the packed weights e.pb and applies ep to every
// row panel of y. gemm's row blocks (gemm.MC rows) need not line up with the
// epilogue's panels (panelRows): a panel is handed to ep by whichever block
// completes its last rows.
func (e *gemmEngine[T]) multiply(y, x []T, b int, ep epilogue[T]) {
	k, n := e.pb.K, e.pb.N
	np := panels(b)
	if len(e.done) < np {
		e.done = make([]atomic.Int32, np)
	}
	done := e.done[:np]
	for i := range done {
		done[i].Store(0)
	}
	e.mu.Mul(b, x, k, e.pb, y, n, func(_, r0, r1 int) {
		for p := r0 / panelRows; p < np && p*panelRows < r1; p++ {
			lo, hi := p*panelRows, min((p+1)*panelRows, b)
			got := int32(min(hi, r1) - max(lo, r0))
			if done[p].Add(got) == int32(hi-lo) {
				ep.apply(y, p)
			}
		}
	})
}

// packedWeights returns the engine's k×n packed weight matrix, for weights
// drawn straight into it; multiply then uses it.
func (e *gemmEngine[T]) packedWeights(k, n int) *gemm.PackedB[T] {
	if e.pb == nil || e.pb.K != k || e.pb.N != n {
		e.pb = gemm.NewPackedB[T](k, n)
	}
	return e.pb
}
