package report

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"
)

func TestFormatG(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		x    float64
		n    int
		want string
	}{
		{0, 6, "0"},
		{0.787673360465715, 6, "0.787673"},
		{-2.5728441, 4, "−2.573"},
		{1.5e-7, 3, "1.5·10⁻⁷"},
		{-2.5e12, 2, "−2.5·10¹²"},
		{math.NaN(), 6, "NaN"},
		{math.Inf(1), 6, "∞"},
		{math.Inf(-1), 6, "−∞"},
	} {
		if got := formatG(c.x, c.n); got != c.want {
			t.Errorf("formatG(%v, %d) = %q, want %q", c.x, c.n, got, c.want)
		}
	}
}

// FuzzRatText checks that ratText writes every rational so that it reads
// back to the same value, as a decimal when one exists.
func FuzzRatText(f *testing.F) {
	for _, s := range []string{"0", "-1/10", "1/3", "3/8", "123456789/1024", "-7/1250"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, ok := new(big.Rat).SetString(s)
		if !ok || len(s) > 200 {
			return
		}
		got := ratText(r)
		back, ok := new(big.Rat).SetString(got)
		if !ok || back.Cmp(r) != 0 {
			t.Fatalf("ratText(%s) = %q does not read back", s, got)
		}
		if strings.Contains(got, "/") {
			// Only for denominators with a prime factor other than 2 and 5.
			d := new(big.Int).Set(r.Denom())
			for _, p := range []int64{2, 5} {
				for new(big.Int).Mod(d, big.NewInt(p)).Sign() == 0 {
					d.Quo(d, big.NewInt(p))
				}
			}
			if d.Cmp(big.NewInt(1)) == 0 {
				t.Fatalf("ratText(%s) = %q: a fraction for a terminating decimal", s, got)
			}
		}
	})
}

// FuzzFormatG checks that formatG never panics and that, without an
// exponent, its digits read back close to x.
func FuzzFormatG(f *testing.F) {
	for _, x := range []float64{0, 1, -1e-300, 6.02e23, 0.5} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		s := formatG(x, 6)
		if math.IsNaN(x) || math.IsInf(x, 0) || strings.Contains(s, "·10") {
			return
		}
		v, err := strconv.ParseFloat(strings.Replace(s, "−", "-", 1), 64)
		if err != nil || math.Abs(v-x) > 1e-5*math.Abs(x) {
			t.Fatalf("formatG(%v) = %q", x, s)
		}
	})
}
