package solver

import (
	"bufio"
	"fmt"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"
)

// hpValue is one line of testdata/reference_highprec.txt, generated with
// mpmath by testdata/gen_highprec.py: the closed forms of docs/model.md §2,
// §4 and §6 at 2N+60 digits, cross-checked at 2N+120 digits and against
// the paper's moment equations (Eq. 4, 5), printed to N = 10040
// significant digits.
type hpValue struct {
	name, mean, vari, omega, tau string
	rates                        []float64
	quantity                     string
	digits                       string // the N significant digits
	exp10                        int    // decimal exponent of the first digit
	neg                          bool
}

func readHighPrec(t *testing.T) []hpValue {
	t.Helper()
	f, err := os.Open("testdata/reference_highprec.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []hpValue
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		w := strings.Fields(line)
		if len(w) != 8 {
			t.Fatalf("bad line %.80q", line)
		}
		v := hpValue{name: w[0], mean: w[1], vari: w[2], omega: w[3], tau: w[4], quantity: w[6]}
		if w[5] != "-" {
			for _, r := range strings.Split(w[5], ",") {
				f, err := strconv.ParseFloat(r, 64)
				if err != nil {
					t.Fatal(err)
				}
				v.rates = append(v.rates, f)
			}
		}
		mant, exp, _ := strings.Cut(w[7], "e")
		v.neg = strings.HasPrefix(mant, "-")
		v.digits = strings.Replace(strings.TrimPrefix(mant, "-"), ".", "", 1)
		if v.exp10, err = strconv.Atoi(exp); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// round returns v rounded to d significant digits (half up; the generator
// checked that no tie is near) in the format of big.Float.Text('e', d−1).
func (v hpValue) round(d int) string {
	digs := []byte(v.digits[:d])
	e := v.exp10
	if v.digits[d] >= '5' {
		i := d - 1
		for ; i >= 0 && digs[i] == '9'; i-- {
			digs[i] = '0'
		}
		if i < 0 {
			digs = append([]byte{'1'}, digs[:d-1]...)
			e++
		} else {
			digs[i]++
		}
	}
	s := string(digs[:1])
	if d > 1 {
		s += "." + string(digs[1:])
	}
	if v.neg {
		s = "-" + s
	}
	return fmt.Sprintf("%se%+03d", s, e)
}

// TestSolveHighPrecision compares λ, α, α' and the dropout a, b digit by
// digit with the mpmath references at 1985, 2000, 2013, 4030, 8100 and 10000
// digits, for the paper's target (0, 1) with two dropout rates, a target
// with μ* ≠ 0 (0.471477, 1.76368) and a target with ω = 1, τ = 0.8 (1.1,
// 37.5) with two dropout rates. These digit counts put the working
// precision just below 53·2^k bits, where big.Float.Sqrt is good to only
// about 52·2^k bits.
func TestSolveHighPrecision(t *testing.T) {
	if raceEnabled {
		t.Skip("sequential precision sweep: run without -race")
	}
	t.Parallel()
	digits := []int{1985, 2000, 2013, 4030, 8100, 10000}
	if testing.Short() {
		digits = []int{2000, 4030}
	}
	cases := map[string][]hpValue{}
	var names []string
	for _, v := range readHighPrec(t) {
		if _, ok := cases[v.name]; !ok {
			names = append(names, v.name)
		}
		cases[v.name] = append(cases[v.name], v)
	}
	if len(names) != 3 {
		t.Fatalf("reference file has %d cases, want 3", len(names))
	}
	for _, name := range names {
		vals := cases[name]
		c := vals[0]
		tg, err := ParseTarget(c.mean, c.vari)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range digits {
			res, err := Solve(tg, &Options{Omega: rat(t, c.omega), Tau: rat(t, c.tau), Digits: d, DropoutRates: c.rates})
			if err != nil {
				t.Fatalf("%s at %d digits: %v", name, d, err)
			}
			got := map[string]*big.Float{"lambda": res.Lambda, "alpha": res.Alpha, "alpha_prime": res.AlphaPrime}
			for i, dr := range res.Dropout {
				got[fmt.Sprintf("a[%d]", i)] = dr.A
				got[fmt.Sprintf("b[%d]", i)] = dr.B
			}
			if len(got) != len(vals) {
				t.Fatalf("%s: %d values, reference has %d", name, len(got), len(vals))
			}
			for _, v := range vals {
				g := got[v.quantity].Text('e', d-1)
				if want := v.round(d); g != want {
					i := 0
					for i < len(g) && i < len(want) && g[i] == want[i] {
						i++
					}
					t.Errorf("%s %s at %d digits: differs from the reference from character %d on (got …%s, want …%s)",
						name, v.quantity, d, i, g[max(0, i-5):min(len(g), i+15)], want[max(0, i-5):min(len(want), i+15)])
				}
			}
		}
	}
}

// TestAgreementExposesPrimitiveError puts big.Float.Sqrt, which just below
// 53·2^k bits is good to only about 52·2^k bits, in place of the solver's
// square root and checks that Solve still gives the reference digits at
// 2000 and 4030 digits (where the shortfall made it print wrong digits
// before): the two passes it compares run their primitives at precisions
// 6% apart (passGuard), so the error shows as a disagreement and Solve
// goes on to a precision outside the bad band. Not parallel: it replaces
// a package variable while no other test runs.
func TestAgreementExposesPrimitiveError(t *testing.T) {
	if raceEnabled {
		t.Skip("sequential precision sweep: run without -race")
	}
	saved := sqrtPrim
	defer func() { sqrtPrim = saved }()
	sqrtPrim = func(z, x *big.Float) *big.Float { return z.Sqrt(x) }
	want := map[string]hpValue{}
	for _, v := range readHighPrec(t) {
		want[v.name+" "+v.quantity] = v
	}
	for _, c := range []struct {
		name, mean, vari, omega, tau string
		digits                       int
	}{
		{"mu", "0.471477", "1.76368", "0", "1", 2000},
		{"paper", "0", "1", "0", "1", 4030},
	} {
		tg, err := ParseTarget(c.mean, c.vari)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Solve(tg, &Options{Omega: rat(t, c.omega), Tau: rat(t, c.tau), Digits: c.digits})
		if err != nil {
			t.Fatalf("%s at %d digits: %v", c.name, c.digits, err)
		}
		for q, got := range map[string]*big.Float{"lambda": res.Lambda, "alpha": res.Alpha, "alpha_prime": res.AlphaPrime} {
			if g, w := got.Text('e', c.digits-1), want[c.name+" "+q].round(c.digits); g != w {
				t.Errorf("%s %s at %d digits: wrong digits with big.Float.Sqrt in the passes", c.name, q, c.digits)
			}
		}
	}
}
