package train

import "math"

// This file holds the float32 element-wise passes of SELU networks written
// without data-dependent branches: about half of a SELU layer's net inputs
// are positive, in no predictable pattern, so a branch on the sign is
// mispredicted about every other element. Each function computes exactly
// the numbers of its generic counterpart (activate, activateBack).

// Constants of expm1Neg's reduction.
const (
	log2e = 1.4426950408889634
	ln2hi = 6.93147180369123816490e-01 // ln 2 in 32 bits, so k·ln2hi is exact
	ln2lo = 1.90821492927058770002e-10
)

// seluConsts returns the constants of the assembly SELU (selu_amd64.s):
// λ, λα, log2e, 1/2, ln2hi, ln2lo, −40, then the Taylor coefficients
// 1/10!, …, 1/2!, 1 in Horner order.
func seluConsts(lam, la float64) [17]float64 {
	return [17]float64{lam, la, log2e, 0.5, ln2hi, ln2lo, -40,
		1.0 / 3628800, 1.0 / 362880, 1.0 / 40320, 1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 1.0 / 2, 1}
}

// seluBias32 sets y[r·n + j] = selu(y[r·n + j] + b[j]) for every row r of
// y, SELU with λ = lam and λα = la:
//
//	selu(z) = λz for z > 0,  λα·(eᶻ − 1) for z ≤ 0 (eᶻ − 1 as expm1Neg).
//
// On amd64 with AVX2 the row runs in assembly, four float64 lanes at a
// time, both branches evaluated and blended (seluRow4); the same
// operations in the same order give bitwise the same numbers. Elsewhere,
// and for the last len(b) mod 4 columns, a first pass over a row stores λz
// and appends the position of every z ≤ 0 to a list (the append is
// unconditional, only the list's length depends on the sign), and a second
// pass evaluates expm1Neg, inlined, on the listed positions only, its
// argument clamped at −40 (for z < −40 it gives −1 either way).
func seluBias32(y, b []float32, lam, la float64) {
	n := len(b)
	cs := seluConsts(lam, la)
	var idx [256]int32
	for r := 0; r+n <= len(y); r += n {
		row := y[r : r+n : r+n]
		for c0 := seluRow4(row, b, &cs); c0 < n; c0 += len(idx) {
			c1 := min(c0+len(idx), n)
			cnt := 0
			for j := c0; j < c1; j++ {
				// λz, or the net input z itself for the second pass.
				z := row[j] + b[j]
				var neg uint32
				if z <= 0 {
					neg = 1
				}
				m := -neg
				v := math.Float32bits(float32(lam * float64(z)))
				row[j] = math.Float32frombits(v&^m | math.Float32bits(z)&m)
				idx[cnt] = int32(j)
				cnt += int(neg)
			}
			for _, j := range idx[:cnt] {
				x := max(float64(row[j]), -40)
				k := math.Floor(x*log2e + 0.5)
				q := (x - k*ln2hi) - k*ln2lo
				p := q * (1 + q*(1.0/2+q*(1.0/6+q*(1.0/24+q*(1.0/120+q*(1.0/720+q*(1.0/5040+q*(1.0/40320+q*(1.0/362880+q*(1.0/3628800))))))))))
				s := math.Float64frombits(uint64(int64(k)+1023) << 52)
				row[j] = float32(la * (s*p + (s - 1)))
			}
		}
	}
}

// seluBack32 multiplies d by SELU's derivative, computed from the output y:
// λ where y > 0 and y + λα elsewhere (λα·eᶻ = y + λα), the choice made by
// a bit mask (on amd64 with AVX2, in assembly with the same operations).
func seluBack32(d, y []float32, lam, la float64) {
	lb := math.Float32bits(float32(lam))
	y = y[:len(d)]
	i0 := seluBack4(d, y, lam, la) // amd64 with AVX2: four at a time
	for i, v := range y[i0:] {
		i += i0
		var m uint32
		if v > 0 {
			m = ^uint32(0)
		}
		neg := math.Float32bits(float32(float64(v) + la))
		d[i] *= math.Float32frombits(lb&m | neg&^m)
	}
}
