//go:build !amd64 || purego

package montecarlo

const hasSELUAsm = false

func seluStats32(y *float32, cs, cq *float64, n int, c *[2]float64, acc *[8]float64) {
	panic("montecarlo: no assembly SELU kernel")
}

func seluStats64(y *float64, cs, cq *float64, n int, c *[2]float64, acc *[8]float64) {
	panic("montecarlo: no assembly SELU kernel")
}
