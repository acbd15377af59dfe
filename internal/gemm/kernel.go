package gemm

// kernel computes one MR×NR tile of C: the slice sum
//
//	s[r][j] = Σ_{p<kb} a[p*MR+r] · b[p*NR+j],
//
// accumulated in p order from zero, then c[r*ldc+j] = s[r][j] (load false,
// the first KC slice) or c[r*ldc+j] += s[r][j] (load true, later slices).
// a and b are packed panels.
type kernel[T Float] func(kb int, a, b, c []T, ldc int, load bool)

// Kernel tiers.
const (
	TierGo     = "go"       // portable Go
	TierAVX2   = "avx2+fma" // amd64 assembly, 256-bit FMA
	TierAVX512 = "avx512"   // amd64 assembly, 512-bit FMA, bitwise equal to TierAVX2
)

// portable forces the portable Go kernel (see ForcePortable).
var portable bool

// noAVX512 makes the AVX2 kernels run on a CPU with AVX-512 (for tests
// that compare the two).
var noAVX512 bool

// ForcePortable makes every later product use the portable Go kernel (on
// true) or the fastest kernel the CPU supports (on false). It exists so that
// tests can check both tiers on one machine; it must not be called while a
// product is running.
func ForcePortable(on bool) { portable = on }

// Tier returns the name of the kernel tier that float32 and float64
// products use now: "avx512", "avx2+fma" or "go".
func Tier() string {
	switch {
	case portable || !hasAsm:
		return TierGo
	case hasAVX512 && !noAVX512:
		return TierAVX512
	}
	return TierAVX2
}

func kernelFor[T Float]() kernel[T] {
	var z T
	switch any(z).(type) {
	case float32:
		if hasAVX512 && !portable && !noAVX512 {
			return any(kernel[float32](kernelZ32)).(kernel[T])
		}
		if hasAsm && !portable {
			return any(kernel[float32](kernelAsm32)).(kernel[T])
		}
		return any(kernel[float32](kernelGo32)).(kernel[T])
	default:
		if hasAVX512 && !portable && !noAVX512 {
			return any(kernel[float64](kernelZ64)).(kernel[T])
		}
		if hasAsm && !portable {
			return any(kernel[float64](kernelAsm64)).(kernel[T])
		}
		return any(kernel[float64](kernelGo64)).(kernel[T])
	}
}

// kernelGo32 is the portable float32 kernel. Each product is rounded before
// it is added (the conversion forbids fusing into an FMA), so the results are
// the same on every platform.
func kernelGo32(kb int, a, b, c []float32, ldc int, load bool) {
	kernelGo(kb, a, b, c, ldc, load, 16)
}

// kernelGo64 is the portable float64 kernel; see kernelGo32.
func kernelGo64(kb int, a, b, c []float64, ldc int, load bool) {
	kernelGo(kb, a, b, c, ldc, load, 8)
}

// kernelGo computes the MR×nr tile in blocks of 2 rows × 4 columns, whose
// eight sums stay in registers over the whole slice; each sum runs over p in
// order from zero, as in the assembly kernels.
func kernelGo[T Float](kb int, a, b, c []T, ldc int, load bool, nr int) {
	a = a[:kb*MR]
	b = b[:kb*nr]
	for r := 0; r < MR; r += 2 {
		for j := 0; j < nr; j += 4 {
			var c00, c01, c02, c03, c10, c11, c12, c13 T
			for p := range kb {
				ap := a[p*MR+r : p*MR+r+2 : p*MR+r+2]
				bp := b[p*nr+j : p*nr+j+4 : p*nr+j+4]
				a0, a1 := ap[0], ap[1]
				b0, b1, b2, b3 := bp[0], bp[1], bp[2], bp[3]
				c00 += T(a0 * b0)
				c01 += T(a0 * b1)
				c02 += T(a0 * b2)
				c03 += T(a0 * b3)
				c10 += T(a1 * b0)
				c11 += T(a1 * b1)
				c12 += T(a1 * b2)
				c13 += T(a1 * b3)
			}
			row0 := c[r*ldc+j : r*ldc+j+4 : r*ldc+j+4]
			row1 := c[(r+1)*ldc+j : (r+1)*ldc+j+4 : (r+1)*ldc+j+4]
			if load {
				row0[0] += c00
				row0[1] += c01
				row0[2] += c02
				row0[3] += c03
				row1[0] += c10
				row1[1] += c11
				row1[2] += c12
				row1[3] += c13
			} else {
				row0[0], row0[1], row0[2], row0[3] = c00, c01, c02, c03
				row1[0], row1[1], row1[2], row1[3] = c10, c11, c12, c13
			}
		}
	}
}

// Accelerated reports whether this CPU and build have the assembly kernels,
// whether or not ForcePortable is in effect.
func Accelerated() bool { return hasAsm }

// Portable reports whether ForcePortable(true) is in effect.
func Portable() bool { return portable }
