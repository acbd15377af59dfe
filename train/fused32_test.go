package train

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The branch-free float32 SELU passes (the assembly rows on amd64, the Go
// loops for the other columns) give bitwise the numbers of the
// direct formulas (activate's bias, λz or λα·expm1Neg(z); activateBack's
// λ or y + λα) on random inputs and the edge values 0, −0, ±tiny, around
// the clamp at −40 and beyond it, ±∞ and NaN.
func TestFused32(t *testing.T) {
	c := Defaults()
	lam, la := c.Constants.Lambda, c.Constants.Lambda*c.Constants.Alpha
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 3, 4, 7, 16, 37} {
		testFused32(t, rng, n, lam, la)
	}
}

func testFused32(t *testing.T, rng *rand.Rand, n int, lam, la float64) {
	edges := []float32{0, float32(math.Copysign(0, -1)), 1e-30, -1e-30, -39.99, -40, -40.01, -1000, 1000, -88, 3, float32(math.NaN()), float32(math.Inf(-1)), float32(math.Inf(1))}
	y := make([]float32, 0, 64*n)
	for range 64 * n {
		y = append(y, float32(rng.NormFloat64()*3))
	}
	for i, e := range edges {
		y[i*n] = e // first column: the assembly's on amd64 when n ≥ 4
		y[i+n*len(edges)] = e
	}
	b := make([]float32, n)
	for j := range b {
		b[j] = float32(rng.NormFloat64() * 0.1)
	}
	b[0] = 0
	got := append([]float32(nil), y...)
	seluBias32(got, b, lam, la)
	for i, v := range y {
		z := v + b[i%n]
		var want float32
		if z > 0 {
			want = float32(lam * float64(z))
		} else {
			want = float32(la * expm1Neg(float64(z)))
		}
		if got[i] != want && !(got[i] == 0 && want == 0) && !(isNaN32(got[i]) && isNaN32(want)) {
			t.Errorf("selu(%v + %v) = %v, want %v", v, b[i%n], got[i], want)
		}
	}
	d := make([]float32, len(got))
	for i := range d {
		d[i] = float32(rng.NormFloat64())
	}
	dg := append([]float32(nil), d...)
	seluBack32(dg, got, lam, la)
	for i, v := range got {
		want := d[i] * float32(float64(v)+la)
		if v > 0 {
			want = d[i] * float32(lam)
		}
		if dg[i] != want && !(isNaN32(dg[i]) && isNaN32(want)) {
			t.Errorf("δ·selu'(y = %v) = %v, want %v", v, dg[i], want)
		}
	}
}

func isNaN32(x float32) bool { return x != x }
