//go:build !amd64 || purego

package gemm

const (
	hasAsm    = false
	hasAVX512 = false
)

func kernelAsm32(kb int, a, b, c []float32, ldc int, load bool) { panic("gemm: no assembly kernel") }
func kernelAsm64(kb int, a, b, c []float64, ldc int, load bool) { panic("gemm: no assembly kernel") }
func kernelZ32(kb int, a, b, c []float32, ldc int, load bool)   { panic("gemm: no assembly kernel") }
func kernelZ64(kb int, a, b, c []float64, ldc int, load bool)   { panic("gemm: no assembly kernel") }
