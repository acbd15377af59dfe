package verify

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestFormatBound(t *testing.T) {
	for _, test := range []struct {
		x      float64
		upper  bool
		digits int
		want   string
	}{
		// 0.8976093554623774 to 10 digits: nearest is 0.8976093555 (up).
		{0.8976093554623774, true, 10, "0.8976093555"},
		{0.8976093554623774, false, 10, "0.8976093554"},
		// −0.031060501792225696: the lower bound goes away from zero.
		{-0.031060501792225696, false, 10, "-0.0310605018"},
		{-0.031060501792225696, true, 10, "-0.03106050179"},
		// 0.1 is 0.1000000000000000055511151231257827 as a float64: an
		// upper bound must not print as 0.1.
		{0.1, true, 10, "0.1000000001"},
		{0.1, false, 10, "0.1"},
		{0.1, true, 17, "0.10000000000000001"},
		{0.1, false, 17, "0.1"},
		// 1 is exact.
		{1, true, 3, "1"}, {1, false, 3, "1"},
		// A carry into a new digit.
		{9.9999999999, true, 3, "10"},
		{0.99999999, true, 4, "1"},
		{1e-7 + 1e-20, true, 4, "1.001e-07"},
		{1.5e300, false, 4, "1.5e+300"},
		{math.Inf(1), true, 10, "+Inf"}, {math.Inf(-1), false, 10, "-Inf"}, {0, true, 10, "0"},
		{math.SmallestNonzeroFloat64, true, 4, "4.941e-324"},
		{math.SmallestNonzeroFloat64, false, 4, "4.94e-324"},
	} {
		if got := FormatBound(test.x, test.upper, test.digits); got != test.want {
			t.Errorf("FormatBound(%v, upper=%v, %d) = %s, want %s", test.x, test.upper, test.digits, got, test.want)
		}
	}
}

// TestFormatBoundOutward: for random floats of every magnitude and every
// number of digits, the printed upper bound read as an exact decimal is ≥
// the float and the lower bound ≤, each within one unit of the last printed
// digit.
func TestFormatBoundOutward(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 3))
	for range 20000 {
		x := math.Float64frombits(r.Uint64())
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue
		}
		digits := 1 + r.IntN(17)
		exact := new(big.Rat).SetFloat64(x)
		for _, upper := range []bool{true, false} {
			s := FormatBound(x, upper, digits)
			v, ok := new(big.Rat).SetString(s)
			if !ok {
				t.Fatalf("FormatBound(%v) = %q does not parse", x, s)
			}
			if c := v.Cmp(exact); upper && c < 0 || !upper && c > 0 {
				t.Fatalf("FormatBound(%v, upper=%v, %d) = %s is on the wrong side", x, upper, digits, s)
			}
			// Within one unit of the digits-th significant digit.
			e := int(math.Floor(math.Log10(math.Abs(x)))) - digits + 1
			unit := decimalRat(big.NewInt(1), e+1) // generous: log10 may be off by one near powers of 10
			if d := new(big.Rat).Sub(v, exact); d.Abs(d).Cmp(unit) > 0 {
				t.Fatalf("FormatBound(%v, upper=%v, %d) = %s is too far", x, upper, digits, s)
			}
		}
	}
}

// FuzzFormatBound: for any float64 and number of digits, the printed bound
// parses, is on the safe side, and has at most the digits asked.
func FuzzFormatBound(f *testing.F) {
	f.Add(0.1, true, 10)
	f.Add(-4.940656458412465e-324, false, 3)
	f.Add(1.7976931348623157e308, true, 17)
	f.Fuzz(func(t *testing.T, x float64, upper bool, digits int) {
		s := FormatBound(x, upper, digits)
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		v, ok := new(big.Rat).SetString(s)
		if !ok {
			t.Fatalf("FormatBound(%v, %v, %d) = %q does not parse", x, upper, digits, s)
		}
		if c := v.Cmp(new(big.Rat).SetFloat64(x)); upper && c < 0 || !upper && c > 0 {
			t.Fatalf("FormatBound(%v, %v, %d) = %q is on the wrong side", x, upper, digits, s)
		}
		if digits < 1 || digits > 17 {
			digits = 17
		}
		mant := strings.TrimLeft(strings.Split(strings.TrimPrefix(s, "-"), "e")[0], "0.")
		if n := len(strings.ReplaceAll(mant, ".", "")); n > digits && !strings.Contains(s, "e") && strings.Contains(s, ".") {
			t.Fatalf("FormatBound(%v, %v, %d) = %q has %d digits", x, upper, digits, s, n)
		}
	})
}

// TestFailureBoundsOutward: a failure that proves a bound false prints its
// proven bound rounded outward, like a certificate: a lower bound on S down
// (to nearest, 1.11228802696 printed as 1.112288027, above what was
// proved, and 1 + 4e-11 as "S ≥ 1 > 1"), a lower bound on ν̃ − ν down, an
// upper bound up.
func TestFailureBoundsOutward(t *testing.T) {
	point := Box{Range{0.1, 0.1}, Range{0.1, 0.1}, Range{0.8, 0.8}, Range{1.1, 1.1}}
	for _, test := range []struct {
		c     Condition
		bound float64
		want  string
	}{
		{SpectralNorm, 1.11228802696, "S ≥ 1.112288026 > 1"},
		{SpectralNorm, 1 + 4e-11, "S ≥ 1.00000000004 > 1"},
		{VarDecreases, 0.012345678916, "ν̃ − ν ≥ 0.01234567891 ≥ 0"},
		{VarIncreases, -0.012345678916, "ν̃ − ν ≤ -0.01234567891 ≤ 0"},
	} {
		f := &Failure{Condition: test.c, Box: point, Bound: test.bound, Proven: true}
		if s := f.String(); !strings.Contains(s, test.want) {
			t.Errorf("%v, bound %v: %q, want %q in it", test.c, test.bound, s, test.want)
		}
	}
}
