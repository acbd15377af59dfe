package gemm

import "testing"

// BenchmarkMicroKernel times the micro-kernel alone on cache-resident
// panels (KC deep), one goroutine: the per-core ceiling of the product.
// On a CPU with AVX-512 it times the AVX2 kernels too (the avx2
// sub-benchmarks), for the comparison.
func BenchmarkMicroKernel(b *testing.B) {
	benchMicroKernel(b)
	if hasAVX512 {
		b.Run("avx2", func(b *testing.B) {
			noAVX512 = true
			defer func() { noAVX512 = false }()
			benchMicroKernel(b)
		})
	}
}

func benchMicroKernel(b *testing.B) {
	b.Run("float32", func(b *testing.B) {
		a, bp, c := make([]float32, KC*MR), make([]float32, KC*16), make([]float32, MR*16)
		k := kernelFor[float32]()
		cpu0 := cpuSeconds()
		for b.Loop() {
			k(KC, a, bp, c, 16, true)
		}
		b.ReportMetric(2*KC*MR*16*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		b.ReportMetric(2*KC*MR*16*float64(b.N)/(cpuSeconds()-cpu0)/1e9, "GFLOP/cpu-s")
	})
	b.Run("float64", func(b *testing.B) {
		a, bp, c := make([]float64, KC*MR), make([]float64, KC*8), make([]float64, MR*8)
		k := kernelFor[float64]()
		cpu0 := cpuSeconds()
		for b.Loop() {
			k(KC, a, bp, c, 8, true)
		}
		b.ReportMetric(2*KC*MR*8*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		b.ReportMetric(2*KC*MR*8*float64(b.N)/(cpuSeconds()-cpu0)/1e9, "GFLOP/cpu-s")
	})
}
