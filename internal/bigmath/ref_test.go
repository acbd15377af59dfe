package bigmath

import (
	"bufio"
	"math/big"
	"os"
	"strings"
	"testing"
)

// refCase is one line of testdata/ref.txt: fn(arg) = value, computed by
// mpmath 1.2.1 at 2630 digits and printed to 2600 significant digits
// (testdata/gen.py states how, and checks each value at 100 more digits).
type refCase struct {
	fn, name   string
	arg, value string
}

// argPrec holds the arguments of testdata/ref.txt exactly (they have at most
// 8500 bits).
const argPrec = 8600

func readRef(t testing.TB) []refCase {
	t.Helper()
	f, err := os.Open("testdata/ref.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []refCase
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 4 {
			t.Fatalf("bad line in testdata/ref.txt: %.60q", line)
		}
		cases = append(cases, refCase{fields[0], fields[1], fields[2], fields[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 100 {
		t.Fatalf("testdata/ref.txt has only %d cases", len(cases))
	}
	return cases
}

func parseFloat(t testing.TB, s string, prec uint) *big.Float {
	t.Helper()
	x, _, err := big.ParseFloat(s, 0, prec, big.ToNearestEven)
	if err != nil {
		t.Fatalf("cannot parse %.40q: %v", s, err)
	}
	return x
}

// ulps returns |got − want| in units in the last place of want at prec bits
// (ulp = 2^(e−prec) for 2^(e−1) ≤ |want| < 2^e). A faithful result has
// ulps < 1.
func ulps(got, want *big.Float, prec uint) float64 {
	if want.Sign() == 0 {
		if got.Sign() == 0 {
			return 0
		}
		return 1e300
	}
	if got.IsInf() || want.IsInf() {
		if got.IsInf() && want.IsInf() && got.Sign() == want.Sign() {
			return 0
		}
		return 1e300
	}
	d := new(big.Float).SetPrec(want.Prec()).Sub(got, want)
	d.Abs(d)
	d.SetMantExp(d, int(prec)-want.MantExp(nil))
	r, _ := d.Float64()
	return r
}

var refFuncs = map[string]func(z, x *big.Float) *big.Float{
	"exp":   Exp,
	"erf":   Erf,
	"erfc":  Erfc,
	"erfcx": Erfcx,
	"sqrt":  Sqrt,
}

// secondaryFuncs are the functions that depend on the set of constants,
// with Secondary's constants (and its e^x, which sums the Taylor series at
// another point).
var secondaryFuncs = map[string]func(z, x *big.Float) *big.Float{
	"exp":   Secondary.Exp,
	"erf":   Secondary.Erf,
	"erfc":  Secondary.Erfc,
	"erfcx": Secondary.Erfcx,
}

// testPrecs are the precisions at which every reference value is checked.
var testPrecs = []uint{53, 64, 100, 128, 200, 256, 500, 1000, 2000, 4000, 8192}

// TestReference checks every function against the mpmath reference values
// at precisions from 53 to 8192 bits: the result must be within 1 ulp of
// the exact value (the reference, parsed at prec+64 bits).
func TestReference(t *testing.T) {
	for _, c := range readRef(t) {
		for _, prec := range testPrecs {
			if testing.Short() && prec > 2000 {
				continue
			}
			want := parseFloat(t, c.value, prec+64)
			var got *big.Float
			switch c.fn {
			case "pi":
				got = Pi(prec)
				if u := ulps(Secondary.Pi(prec), want, prec); !(u < 1) {
					t.Errorf("Secondary.Pi at %d bits: error %.3g ulp", prec, u)
				}
			case "ln2":
				got = new(big.Float).SetPrec(prec).Set(Primary.ln2.get(prec + 32))
				alt := new(big.Float).SetPrec(prec).Set(Secondary.ln2.get(prec + 32))
				if u := ulps(alt, want, prec); !(u < 1) {
					t.Errorf("Secondary ln 2 at %d bits: error %.3g ulp", prec, u)
				}
			default:
				x := parseFloat(t, c.arg, argPrec)
				got = refFuncs[c.fn](new(big.Float).SetPrec(prec), x)
				if f := secondaryFuncs[c.fn]; f != nil {
					if u := ulps(f(new(big.Float).SetPrec(prec), x), want, prec); !(u < 1) {
						t.Errorf("Secondary.%s(%s) at %d bits: error %.3g ulp", c.fn, c.name, prec, u)
					}
				}
			}
			if got.Prec() != prec {
				t.Errorf("%s(%s) at %d bits: result has precision %d", c.fn, c.name, prec, got.Prec())
			}
			if u := ulps(got, want, prec); !(u < 1) {
				t.Errorf("%s(%s) at %d bits: error %.3g ulp\n got %s\nwant %s", c.fn, c.name, prec, u,
					got.Text('g', 40), want.Text('g', 40))
			}
		}
	}
}

// testModes are the rounding modes of TestCorrectRounding.
var testModes = []big.RoundingMode{big.ToNearestEven, big.ToNearestAway, big.ToZero, big.AwayFromZero, big.ToNegativeInf, big.ToPositiveInf}

// TestCorrectRounding checks that every function is correctly rounded in
// every rounding mode (Cmp == 0 with the reference rounded to the same
// precision and mode, as math/big's TestFloatSqrt does), at precisions that
// are and are not multiples of 64. The reference is first parsed at 8700
// bits, more than its 2600 digits need; rounding that again can differ from
// rounding the exact value only if it lies within 2^-500 ulp of a boundary.
// Above 1000 bits only the round-to-nearest modes are checked, to keep the
// test short. Where the 2600-digit reference is itself a number with at most prec bits
// (erf(100) = 1 − 6.4·10⁻⁴³⁴⁶ prints as 1), it cannot tell the directed
// roundings, and only the round-to-nearest modes are checked.
func TestCorrectRounding(t *testing.T) {
	precs := []uint{1, 2, 24, 53, 64, 65, 100, 127, 200, 256, 333, 1000, 2047, 4096, 8192}
	for _, c := range readRef(t) {
		f, ok := refFuncs[c.fn]
		if !ok {
			continue
		}
		x := parseFloat(t, c.arg, argPrec)
		ref := parseFloat(t, c.value, 8700)
		for _, prec := range precs {
			if testing.Short() && prec > 2047 {
				continue
			}
			representable := new(big.Float).SetPrec(prec).Set(ref).Cmp(ref) == 0
			for _, mode := range testModes {
				if (representable || prec > 1000) && mode != big.ToNearestEven && mode != big.ToNearestAway {
					continue // above 1000 bits, the directed modes only in the fuzz targets
				}
				want := new(big.Float).SetPrec(prec).SetMode(mode).Set(ref)
				got := f(new(big.Float).SetPrec(prec).SetMode(mode), x)
				if got.Cmp(want) != 0 || got.Mode() != mode || got.Prec() != prec {
					t.Errorf("%s(%s) at %d bits, %v: got %s, want %s", c.fn, c.name, prec, mode,
						got.Text('p', 0), want.Text('p', 0))
				}
			}
		}
	}
}

// TestPiCorrectlyRounded checks that Pi is correctly rounded (Cmp == 0 with
// the reference rounded to the same precision), as math/big's Sqrt test
// does, including precisions that are not multiples of 64.
func TestPiCorrectlyRounded(t *testing.T) {
	var ref string
	for _, c := range readRef(t) {
		if c.fn == "pi" {
			ref = c.value
		}
	}
	for _, prec := range []uint{1, 2, 24, 53, 64, 65, 100, 128, 129, 200, 256, 400, 600, 800, 1000, 4000, 8192} {
		want := parseFloat(t, ref, prec)
		if got := Pi(prec); got.Cmp(want) != 0 {
			t.Errorf("Pi(%d) = %s, want %s", prec, got.Text('g', 30), want.Text('g', 30))
		}
	}
}

// TestArgumentPrecision checks the functions at arguments rounded to the
// target precision (the solver's usual case), against the reference
// functions evaluated here at a higher precision: z's value at prec must be
// within 1 ulp of the same function at prec+200 bits.
func TestArgumentPrecision(t *testing.T) {
	for _, c := range readRef(t) {
		f, ok := refFuncs[c.fn]
		if !ok {
			continue
		}
		for _, prec := range []uint{53, 64, 200, 1000} {
			x := parseFloat(t, c.arg, prec)
			got := f(new(big.Float), x) // precision taken from x
			want := f(new(big.Float).SetPrec(prec+200), x)
			if got.Prec() != prec {
				t.Errorf("%s(%s) at %d bits: result has precision %d", c.fn, c.name, prec, got.Prec())
			}
			if u := ulps(got, want, prec); !(u < 1) {
				t.Errorf("%s(%s rounded to %d bits): error %.3g ulp", c.fn, c.name, prec, u)
			}
		}
	}
}
