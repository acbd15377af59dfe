// Package gemm computes dense matrix products C = A·B in float32 and float64
// with a packed, cache-blocked algorithm and a register-tiled micro-kernel.
//
// All matrices are row-major with leading dimensions (row strides) lda, ldb
// and ldc:
//
//	C[i*ldc+j] = Σ_{p=0}^{k-1} A[i*lda+p] · B[p*ldb+j],  0 ≤ i < m, 0 ≤ j < n.
//
// The product overwrites C (there is no α or β).
//
// # Algorithm
//
// B is packed once into column panels NR wide and KC deep (see PackedB);
// callers that generate B themselves, such as a network drawing fresh random
// weights, can write it directly in that layout. C is cut into row blocks of
// MC rows; each row block is one task. A worker takes a task, packs the
// block's rows of A into MR-row panels one KC slice at a time and sweeps the
// micro-kernel over the MR×NR tiles of the block. Once a row block has its
// full k-sum the optional epilogue is called for it, so elementwise work on C
// (an activation, statistics) runs while the block is still in cache.
//
// # Determinism
//
// Every element of C is summed in one fixed order, whatever the number of
// workers and wherever the element lies in a tile: the k terms are cut into
// slices of KC, each slice is summed sequentially from zero, and the slice
// sums are added in slice order. The results are bitwise the same for any
// GOMAXPROCS. Row blocks have a fixed
// size (MC), so an epilogue that keeps one partial result per block and
// combines them in block order is deterministic too.
//
// # Kernels
//
// On amd64 the micro-kernel is written in Go assembly with AVX2 and FMA
// (MR×NR = 6×16 in float32, 6×8 in float64), chosen at run time with
// golang.org/x/sys/cpu; where AVX-512 is present, a kernel with one 512-bit
// register per tile row runs the same FMAs in the same order, so its results
// are bitwise those of the AVX2 kernel. Elsewhere, without those features, or under the
// purego build tag a portable Go kernel computes the same products with
// separate multiply and add, so its results differ from the FMA kernel's by
// float rounding only. Tier reports which kernel is in use.
package gemm // import "github.com/selu-tool/selu/internal/gemm"
