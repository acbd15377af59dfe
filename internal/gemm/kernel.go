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
	TierGo   = "go"       // portable Go
	TierAVX2 = "avx2+fma" // amd64 assembly, 256-bit FMA
)

// portable forces the portable Go kernel (see ForcePortable).
var portable bool

// ForcePortable makes every later product use the portable Go kernel (on
// true) or the fastest kernel the CPU supports (on false). It exists so that
// tests can check both tiers on one machine; it must not be called while a
// product is running.
func ForcePortable(on bool) { portable = on }

// Tier returns the name of the kernel tier that float32 and float64
// products use now: "avx2+fma" or "go".
func Tier() string {
	if portable || !hasAsm {
		return TierGo
	}
	return TierAVX2
}

func kernelFor[T Float]() kernel[T] {
	var z T
	switch any(z).(type) {
	case float32:
		if hasAsm && !portable {
			return any(kernel[float32](kernelAsm32)).(kernel[T])
		}
		return any(kernel[float32](kernelGo32)).(kernel[T])
	default:
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
	const nr = 16
	var acc [MR * nr]float32
	for p := range kb {
		ap := a[p*MR : p*MR+MR]
		bp := b[p*nr : p*nr+nr]
		for r := range MR {
			ar := ap[r]
			row := acc[r*nr : r*nr+nr]
			for j, bv := range bp {
				row[j] += float32(ar * bv)
			}
		}
	}
	for r := range MR {
		if load {
			row := c[r*ldc : r*ldc+nr]
			for j := range row {
				row[j] += acc[r*nr+j]
			}
		} else {
			copy(c[r*ldc:r*ldc+nr], acc[r*nr:r*nr+nr])
		}
	}
}

// kernelGo64 is the portable float64 kernel; see kernelGo32.
func kernelGo64(kb int, a, b, c []float64, ldc int, load bool) {
	const nr = 8
	var acc [MR * nr]float64
	for p := range kb {
		ap := a[p*MR : p*MR+MR]
		bp := b[p*nr : p*nr+nr]
		for r := range MR {
			ar := ap[r]
			row := acc[r*nr : r*nr+nr]
			for j, bv := range bp {
				row[j] += float64(ar * bv)
			}
		}
	}
	for r := range MR {
		if load {
			row := c[r*ldc : r*ldc+nr]
			for j := range row {
				row[j] += acc[r*nr+j]
			}
		} else {
			copy(c[r*ldc:r*ldc+nr], acc[r*nr:r*nr+nr])
		}
	}
}

// Portable reports whether ForcePortable(true) is in effect.
func Portable() bool { return portable }
