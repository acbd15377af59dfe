//go:build amd64 && !purego

package montecarlo

import "golang.org/x/sys/cpu"

//go:generate go run seluasm.go

// hasSELUAsm reports whether the AVX2+FMA SELU kernels can run.
var hasSELUAsm = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// seluStats32 applies SELU to y[0:n] (n a multiple of 4) in place and adds
// the outputs and their squares to cs[j], cq[j] and to the four lanes
// acc[0:4], acc[4:8]; c holds λ and λα. See seluRow.
//
//go:noescape
func seluStats32(y *float32, cs, cq *float64, n int, c *[2]float64, acc *[8]float64)

// seluStats64 is seluStats32 for float64.
//
//go:noescape
func seluStats64(y *float64, cs, cq *float64, n int, c *[2]float64, acc *[8]float64)
