package bigmath

import (
	"math/big"
	"testing"
)

// TestConstantSetsAgree compares the two computations of π (Chudnovsky,
// Takano's arctangents) and of ln 2 (two atanh formulas), which share no
// series, at precisions from 53 to 40000 bits, including the bands just
// below 53·2^k: each is within 1 ulp of the exact value, so they must be
// within 2 ulp of each other. This is a second, independent check of the
// values that TestReference and TestHighPrecisionReference compare with
// mpmath and with Machin's formula.
func TestConstantSetsAgree(t *testing.T) {
	if raceEnabled {
		t.Skip("sequential precision sweep: run without -race")
	}
	t.Parallel()
	var precs []uint
	for p := uint(53); p <= 2000; p += 37 {
		precs = append(precs, p)
	}
	for k := uint(5); 53<<k <= 30000; k++ {
		for p := uint(52) << k; p <= 53<<k+8; p += 1 << (k - 2) {
			precs = append(precs, p)
		}
	}
	precs = append(precs, 40000)
	if testing.Short() {
		precs = precs[:len(precs)/2]
	}
	for _, c := range []struct {
		name string
		a, b func(uint) *big.Float
	}{
		{"pi", computePi, computePiMachin},
		{"ln 2", computeLn2, computeLn2Alt},
	} {
		for _, p := range precs {
			a, b := c.a(p), c.b(p)
			if a.Prec() != p || b.Prec() != p {
				t.Fatalf("%s at %d bits: precisions %d and %d", c.name, p, a.Prec(), b.Prec())
			}
			if u := ulps(a, b, p); u >= 2 {
				t.Errorf("%s at %d bits: the two methods differ by %.3g ulp", c.name, p, u)
			}
		}
	}
}

// TestSecondaryExposesExpSeriesError puts a wrong Taylor coefficient into
// e^x (1/60! taken as 1/(59!·61)) and checks that Primary's and
// Secondary's e^x then differ by more than the 2 ulp that two correctly
// rounded values can, because Secondary sums the series at another point,
// while a set that differs from Primary in its constants only (as the
// sets did before) agrees with Primary on the same wrong value. Not
// parallel: it replaces a package variable while no other test runs.
func TestSecondaryExposesExpSeriesError(t *testing.T) {
	saved := expDivisor
	defer func() { expDivisor = saved }()
	const p = 4096
	x := big.NewFloat(0.5)
	right := Exp(new(big.Float).SetPrec(p), x)
	expDivisor = func(k int) uint64 {
		if k == 60 {
			return 61
		}
		return uint64(k)
	}
	constsOnly := NewConstants(computePiMachin, computeLn2Alt)
	primary := Primary.Exp(new(big.Float).SetPrec(p), x)
	if u := ulps(primary, right, p); u < 2 {
		t.Fatalf("the wrong coefficient changes e^1/2 at %d bits by only %.3g ulp: the test is void", p, u)
	}
	if u := ulps(constsOnly.Exp(new(big.Float).SetPrec(p), x), primary, p); u >= 2 {
		t.Errorf("constants-only set: %.3g ulp from Primary, want agreement on the wrong value", u)
	}
	if u := ulps(Secondary.Exp(new(big.Float).SetPrec(p), x), primary, p); u < 2 {
		t.Errorf("Secondary agrees with Primary's wrong e^1/2 to %.3g ulp", u)
	}
}
