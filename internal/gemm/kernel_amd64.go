//go:build amd64 && !purego

package gemm

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

//go:generate go run asmgen.go

// hasAsm reports whether the AVX2+FMA kernels can run on this CPU.
var hasAsm = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// hasAVX512 reports whether the AVX-512 kernels can run on this CPU (and
// the operating system saves the 512-bit registers, which cpu checks).
var hasAVX512 = hasAsm && cpu.X86.HasAVX512F

// kernel6x16s is the AVX2+FMA float32 kernel (kernel_amd64.s); see kernel.
//
//go:noescape
func kernel6x16s(kb int, a, b, c *float32, ldc int, load bool)

// kernel6x8d is the AVX2+FMA float64 kernel (kernel_amd64.s); see kernel.
//
//go:noescape
func kernel6x8d(kb int, a, b, c *float64, ldc int, load bool)

func kernelAsm32(kb int, a, b, c []float32, ldc int, load bool) {
	// The assembly reads kb·MR values of a and kb·16 of b and reads and
	// writes MR rows of 16 values of c: check the bounds here.
	_ = a[kb*MR-1]
	_ = b[kb*16-1]
	_ = c[(MR-1)*ldc+15]
	kernel6x16s(kb, unsafe.SliceData(a), unsafe.SliceData(b), unsafe.SliceData(c), ldc, load)
}

func kernelAsm64(kb int, a, b, c []float64, ldc int, load bool) {
	_ = a[kb*MR-1]
	_ = b[kb*8-1]
	_ = c[(MR-1)*ldc+7]
	kernel6x8d(kb, unsafe.SliceData(a), unsafe.SliceData(b), unsafe.SliceData(c), ldc, load)
}

// kernel6x16z is the AVX-512 float32 kernel (kernel_amd64.s), bitwise equal
// to kernel6x16s.
//
//go:noescape
func kernel6x16z(kb int, a, b, c *float32, ldc int, load bool)

// kernel6x8z is the AVX-512 float64 kernel (kernel_amd64.s), bitwise equal
// to kernel6x8d.
//
//go:noescape
func kernel6x8z(kb int, a, b, c *float64, ldc int, load bool)

func kernelZ32(kb int, a, b, c []float32, ldc int, load bool) {
	_ = a[kb*MR-1]
	_ = b[kb*16-1]
	_ = c[(MR-1)*ldc+15]
	kernel6x16z(kb, unsafe.SliceData(a), unsafe.SliceData(b), unsafe.SliceData(c), ldc, load)
}

func kernelZ64(kb int, a, b, c []float64, ldc int, load bool) {
	_ = a[kb*MR-1]
	_ = b[kb*8-1]
	_ = c[(MR-1)*ldc+7]
	kernel6x8z(kb, unsafe.SliceData(a), unsafe.SliceData(b), unsafe.SliceData(c), ldc, load)
}
