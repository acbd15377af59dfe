package bigmath

import (
	"math/big"
	"testing"
)

// TestSqrtEveryPrecision checks Sqrt against its definition, without any
// other square root: for s = Sqrt(x) at precision p in each rounding mode,
// the exact squares of s and of its neighbours s ± 1 ulp (big.Int
// arithmetic through big.Float with enough bits to be exact) must bracket x
// as the mode requires. Every precision from 53 to 40000 bits in steps
// of 3 up to 2000 and 37 above (and every precision in 53·2^k − 40 …
// 53·2^k + 8) is tried for several radicands: big.Float.Sqrt falls short
// in the bands 52·2^k … 53·2^k, which are 2^k bits wide.
func TestSqrtEveryPrecision(t *testing.T) {
	if raceEnabled {
		t.Skip("sequential precision sweep: run without -race")
	}
	t.Parallel()
	maxPrec := uint(40000)
	step := uint(37)
	if testing.Short() {
		maxPrec, step = 14000, 101
	}
	var precs []uint
	for p := uint(53); p <= 2000; p += 3 {
		precs = append(precs, p)
	}
	for p := uint(2000); p <= maxPrec; p += step {
		precs = append(precs, p)
	}
	for k := uint(53); k <= maxPrec; k *= 2 {
		for p := k - 40; p <= k+8 && p <= maxPrec; p++ {
			precs = append(precs, p)
		}
	}
	radicands := func(p uint) []*big.Float {
		wp := p + 80
		third := new(big.Float).SetPrec(wp).Quo(big.NewFloat(1), big.NewFloat(3))
		big7 := new(big.Float).SetPrec(wp).SetMantExp(big.NewFloat(7), 100001)
		tiny := new(big.Float).SetPrec(wp).Quo(big.NewFloat(5), new(big.Float).SetMantExp(big.NewFloat(1), 3333))
		return []*big.Float{big.NewFloat(2), big.NewFloat(3), big.NewFloat(10005), third, big7, tiny}
	}
	modes := []big.RoundingMode{big.ToNearestEven, big.ToZero, big.AwayFromZero}
	for i, p := range precs {
		for j, x := range radicands(p) {
			mode := modes[(i+j)%len(modes)]
			s := Sqrt(new(big.Float).SetPrec(p).SetMode(mode), x)
			if err := checkSqrt(s, x, p, mode); err != "" {
				t.Fatalf("Sqrt(%.20g) at %d bits, %v: %s", x, p, mode, err)
			}
		}
	}
}

// checkSqrt reports how s fails to be √x rounded to p bits in mode.
func checkSqrt(s, x *big.Float, p uint, mode big.RoundingMode) string {
	if s.Prec() != p {
		return "wrong precision"
	}
	ulp := new(big.Float).SetMantExp(big.NewFloat(1), s.MantExp(nil)-int(p))
	exact := 2*p + 2*x.MinPrec() + 64
	sq := func(v *big.Float) *big.Float { return new(big.Float).SetPrec(exact).Mul(v, v) }
	add := func(a, b *big.Float, sign int) *big.Float {
		z := new(big.Float).SetPrec(p + 2)
		if sign < 0 {
			return z.Sub(a, b)
		}
		return z.Add(a, b)
	}
	half := new(big.Float).SetMantExp(ulp, -1)
	below, above := add(s, ulp, -1), add(s, ulp, 1)
	switch mode {
	case big.ToZero: // s² ≤ x < (s+ulp)²
		if sq(s).Cmp(x) > 0 || sq(above).Cmp(x) <= 0 {
			return "not truncated"
		}
	case big.AwayFromZero: // (s−ulp)² < x ≤ s²
		if sq(s).Cmp(x) < 0 || sq(below).Cmp(x) >= 0 {
			return "not rounded up"
		}
	default: // (s−ulp/2)² ≤ x ≤ (s+ulp/2)²
		if sq(add(s, half, -1)).Cmp(x) > 0 || sq(add(s, half, 1)).Cmp(x) < 0 {
			return "not rounded to nearest"
		}
	}
	return ""
}

// TestSqrtExact checks exact squares and the special values.
func TestSqrtExact(t *testing.T) {
	for _, p := range []uint{1, 2, 53, 64, 1000, 6700} {
		for _, v := range []int64{1, 4, 9, 1 << 40, 12345 * 12345} {
			x := new(big.Float).SetInt64(v)
			x.SetMantExp(x, 2*int(p)) // stays a square
			s := Sqrt(new(big.Float).SetPrec(p), x)
			if sq := new(big.Float).SetPrec(4*p).Mul(s, s); sq.Cmp(x) != 0 && s.MinPrec() < p {
				t.Errorf("Sqrt(%d·4^%d) at %d bits = %g, square %g", v, p, p, s, sq)
			}
		}
	}
}
