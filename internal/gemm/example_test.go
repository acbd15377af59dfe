package gemm_test

import (
	"fmt"

	"github.com/selu-tool/selu/internal/gemm"
)

func ExampleGemm() {
	// C (2×2) = A (2×3) · B (3×2), row-major.
	a := []float64{
		1, 2, 3,
		4, 5, 6,
	}
	b := []float64{
		7, 8,
		9, 10,
		11, 12,
	}
	c := make([]float64, 4)
	gemm.Gemm(2, 2, 3, a, 3, b, 2, c, 2)
	fmt.Println(c)
	// Output:
	// [58 64 139 154]
}

// Weights generated straight into the packed layout, then multiplied with
// an epilogue that sums each row block of the product.
func ExampleMultiplier_Mul() {
	const m, k, n = 100, 64, 32
	pb := gemm.NewPackedB[float32](k, n)
	for p := range k {
		for j := range n {
			pb.Data[pb.Index(p, j)] = 1 // B(p, j) = 1
		}
	}
	a := make([]float32, m*k)
	for i := range a {
		a[i] = 0.5
	}
	c := make([]float32, m*n)
	sums := make([]float64, gemm.RowBlocks(m)) // one partial per block
	mu := gemm.NewMultiplier[float32](0)
	mu.Mul(m, a, k, pb, c, n, func(block, r0, r1 int) {
		for _, v := range c[r0*n : r1*n] {
			sums[block] += float64(v)
		}
	})
	var total float64
	for _, s := range sums { // fixed order: deterministic
		total += s
	}
	fmt.Println(c[0], total)
	// Output:
	// 32 102400
}
