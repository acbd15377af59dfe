package solver

import (
	"math/big"
	"testing"
)

// formatDigits turns big.Float.Text('e', d−1) output into the printed form:
// positional for decimal exponents in [−5, d), scientific otherwise. The
// exponent is decimal even with a leading zero ("e-08" is −8, not octal).
func TestFormatDigits(t *testing.T) {
	for _, c := range []struct {
		in   string
		d    int
		want string
	}{
		{"1.021824232e-08", 10, "1.021824232e-08"},
		{"1.021824232e-09", 10, "1.021824232e-09"},
		{"-1.750240367e-08", 10, "-1.750240367e-08"},
		{"1.234567890e+08", 10, "123456789.0"},
		{"1.234567890e+09", 10, "1234567890"},
		{"1.234567890e+10", 10, "1.234567890e+10"},
		{"1.234567890e-05", 10, "0.00001234567890"},
		{"1.234567890e-06", 10, "1.234567890e-06"},
		{"1.673263242e+00", 10, "1.673263242"},
		{"0", 10, "0"},
	} {
		if got := formatDigits(c.in, c.d); got != c.want {
			t.Errorf("formatDigits(%q, %d) = %q, want %q", c.in, c.d, got, c.want)
		}
	}
}

// roundTracked must decide a value that lies very close to a rounding
// midpoint once the working precision resolves the distance, and must
// refuse while it does not.
func TestRoundTrackedNearMidpoint(t *testing.T) {
	// 1.5273685975 + 10⁻²⁰: 10⁻¹¹ units of the 10th digit above the
	// midpoint between 1.527368597 and 1.527368598.
	const v = "1.52736859750000000001"
	for _, c := range []struct {
		prec uint
		ok   bool
	}{
		{48, false}, // error bound ≈ 2⁻⁴⁷ ≈ 7·10⁻¹⁵: straddles the midpoint
		{64, false}, // ≈ 5·10⁻²⁰ relative: still within reach of the midpoint
		{90, true},  // ≈ 8·10⁻²⁸: decided
		{400, true},
	} {
		x, _, err := big.ParseFloat(v, 10, c.prec, big.ToNearestEven)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := roundTracked(tracked{x, 1}, c.prec, 10)
		if ok != c.ok {
			t.Errorf("prec %d: decided = %v, want %v (%q)", c.prec, ok, c.ok, got)
			continue
		}
		if ok && got != "1.527368598e+00" {
			t.Errorf("prec %d: %q, want 1.527368598e+00", c.prec, got)
		}
	}
	// Below the midpoint by the same distance: rounds down.
	x, _, _ := big.ParseFloat("1.52736859749999999999", 10, 200, big.ToNearestEven)
	if got, ok := roundTracked(tracked{x, 1}, 200, 10); !ok || got != "1.527368597e+00" {
		t.Errorf("below the midpoint: %q, %v; want 1.527368597e+00, true", got, ok)
	}
}

// A target whose α lies 1.4·10⁻⁶ units of the 10th digit above a rounding
// midpoint. Reference: mpmath 1.2.1 findroot on the closed-form map (docs/model.md
// §2) at 80 digits gives λ = 1.052090033811719445831489344929791550999,
// α = 1.527368597500001417503171177919502218356.
func TestSolveNearMidpoint(t *testing.T) {
	tg, err := ParseTarget("0.005", "0.68")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		digits        int
		lambda, alpha string
	}{
		{10, "1.052090034", "1.527368598"},
		{11, "1.0520900338", "1.5273685975"},
		{16, "1.052090033811719", "1.527368597500001"},
		{17, "1.0520900338117194", "1.5273685975000014"},
	} {
		res, err := Solve(tg, &Options{Digits: c.digits})
		if err != nil {
			t.Errorf("%d digits: %v", c.digits, err)
			continue
		}
		if got := res.Text(res.Lambda); got != c.lambda {
			t.Errorf("%d digits: λ = %s, want %s", c.digits, got, c.lambda)
		}
		if got := res.Text(res.Alpha); got != c.alpha {
			t.Errorf("%d digits: α = %s, want %s", c.digits, got, c.alpha)
		}
	}
}
