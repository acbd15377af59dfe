package solver

import (
	"errors"
	"math/big"
	"testing"

	"github.com/selu-tool/selu/internal/bigmath"
)

// offFrom returns f with a relative error of 2^-bit added at every
// precision above bit+8: the effect of a wrong term far down a series (an
// overflowing coefficient, a mistyped digit), which computing at another
// precision does not change.
func offFrom(f func(uint) *big.Float, bit int) func(uint) *big.Float {
	return func(prec uint) *big.Float {
		v := f(prec)
		if int(prec) > bit+8 {
			v.Add(v, new(big.Float).SetMantExp(v, -bit))
		}
		return v
	}
}

// halfGood returns f good to only half the bits of each precision: one
// Newton step short.
func halfGood(f func(uint) *big.Float) func(uint) *big.Float {
	return func(prec uint) *big.Float {
		v := f(prec)
		return v.Add(v, new(big.Float).SetMantExp(v, -int(prec/2)))
	}
}

// TestAgreementExposesConstantError puts a faulty π or ln 2 (wrong from a
// fixed bit on at every precision, or good to only half the bits) into the
// constants of the even or of the odd passes and checks that Solve either
// refuses (ErrPrecision) or prints the reference digits: the two passes it
// compares take their constants from two independent computations
// (passConstants), so a wrong constant shows as a disagreement. As a check
// that each fault matters, the same faulty constants shared by both
// passes, as one cache served both before, must make Solve print wrong
// digits. The reference is testdata/reference_highprec.txt (mpmath, see
// hpValue). Not parallel: it replaces a package variable while no other
// test runs.
func TestAgreementExposesConstantError(t *testing.T) {
	if raceEnabled {
		t.Skip("replaces a package variable: run without -race")
	}
	saved := passConstants
	defer func() { passConstants = saved }()
	want := map[string]hpValue{}
	for _, v := range readHighPrec(t) {
		want[v.name+" "+v.quantity] = v
	}
	pi, ln2 := bigmath.Primary.Pi, bigmath.Primary.Ln2
	targets := map[string][2]string{"paper": {"0", "1"}, "mu": {"0.471477", "1.76368"}}
	for _, c := range []struct {
		name, target string
		digits       int
		faulty       func() *bigmath.Constants
		slot         int // 0: even passes, 1: odd passes
	}{
		{"pi wrong from bit 900", "paper", 300, func() *bigmath.Constants { return bigmath.NewConstants(offFrom(pi, 900), ln2) }, 0},
		{"pi wrong from bit 900", "mu", 300, func() *bigmath.Constants { return bigmath.NewConstants(offFrom(pi, 900), ln2) }, 1},
		{"ln 2 wrong from bit 900", "mu", 300, func() *bigmath.Constants { return bigmath.NewConstants(pi, offFrom(ln2, 900)) }, 0},
		{"ln 2 wrong from bit 3000", "paper", 1000, func() *bigmath.Constants { return bigmath.NewConstants(pi, offFrom(ln2, 3000)) }, 1},
		{"pi half good", "mu", 300, func() *bigmath.Constants { return bigmath.NewConstants(halfGood(pi), ln2) }, 0},
		{"ln 2 half good", "paper", 300, func() *bigmath.Constants { return bigmath.NewConstants(pi, halfGood(ln2)) }, 1},
	} {
		tg, err := ParseTarget(targets[c.target][0], targets[c.target][1])
		if err != nil {
			t.Fatal(err)
		}
		o := &Options{Digits: c.digits}
		wrong := func(res *Result) []string {
			var w []string
			for q, got := range map[string]*big.Float{"lambda": res.Lambda, "alpha": res.Alpha, "alpha_prime": res.AlphaPrime} {
				if got.Text('e', c.digits-1) != want[c.target+" "+q].round(c.digits) {
					w = append(w, q)
				}
			}
			return w
		}

		f := c.faulty()
		passConstants = [2]*bigmath.Constants{f, f}
		if res, err := Solve(tg, o); err != nil {
			t.Errorf("%s, %s at %d digits, shared by both passes: %v (want wrong digits)", c.name, c.target, c.digits, err)
		} else if len(wrong(res)) == 0 {
			t.Errorf("%s, %s at %d digits, shared by both passes: right digits; the fault has no effect", c.name, c.target, c.digits)
		}

		passConstants = saved
		passConstants[c.slot] = c.faulty()
		res, err := Solve(tg, o)
		switch {
		case errors.Is(err, ErrPrecision):
			t.Logf("%s, %s at %d digits: refused", c.name, c.target, c.digits)
		case err != nil:
			t.Errorf("%s, %s at %d digits: %v", c.name, c.target, c.digits, err)
		default:
			if w := wrong(res); len(w) > 0 {
				t.Errorf("%s, %s at %d digits: wrong %v", c.name, c.target, c.digits, w)
			} else {
				t.Logf("%s, %s at %d digits: right digits", c.name, c.target, c.digits)
			}
		}
	}
}
