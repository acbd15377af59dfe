//go:build amd64 && !purego

package train

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

// hasSELUAsm reports whether seluRow4 can run (AVX2).
var hasSELUAsm = cpu.X86.HasAVX2

// seluRow4Asm is seluBias32 on one row of n elements, n a multiple of 4,
// four float64 lanes at a time (selu_amd64.s); c points to seluConsts.
//
//go:noescape
func seluRow4Asm(y, b *float32, n int, c *[17]float64)

// seluRow4 runs seluRow4Asm on the first len(y) − len(y) mod 4 elements of
// the row y with biases b and returns how many it did.
func seluRow4(y, b []float32, c *[17]float64) int {
	n := len(y) &^ 3
	if n == 0 || !hasSELUAsm {
		return 0
	}
	_ = b[n-1]
	seluRow4Asm(unsafe.SliceData(y), unsafe.SliceData(b), n, c)
	return n
}

// seluBackRow4Asm is seluBack32 on n elements, n a multiple of 4
// (selu_amd64.s).
//
//go:noescape
func seluBackRow4Asm(d, y *float32, n int, lam float32, la float64)

// seluBack4 runs seluBackRow4Asm on the first len(d) − len(d) mod 4
// elements and returns how many it did.
func seluBack4(d, y []float32, lam, la float64) int {
	n := len(d) &^ 3
	if n == 0 || !hasSELUAsm {
		return 0
	}
	_ = y[n-1]
	seluBackRow4Asm(unsafe.SliceData(d), unsafe.SliceData(y), n, float32(lam), la)
	return n
}
