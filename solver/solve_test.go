package solver

import (
	"bufio"
	"errors"
	"math"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

// refCase is one line of testdata/reference.txt (or reference_big.txt),
// generated independently with mpmath by testdata/gen_reference.py: closed
// forms of docs/model.md §2/§4 at 2·D+30 digits, polished by mp.findroot on the
// paper's moment equations (Eq. 4, 5) for D ≤ 1000, rounded half-even to
// D significant digits with the decimal module.
type refCase struct {
	kind                   string
	mean, vari, omega, tau string
	digits                 int
	fields                 []string
}

func readRef(t *testing.T, name string) []refCase {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []refCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		w := strings.Fields(line)
		c := refCase{kind: w[0], mean: w[1], vari: w[2], omega: w[3], tau: w[4]}
		rest := w[5:]
		if c.kind != "infeasible" {
			c.digits, err = strconv.Atoi(w[5])
			if err != nil {
				t.Fatalf("bad line %q", line)
			}
			rest = w[6:]
		}
		c.fields = rest
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func rat(t testing.TB, s string) *big.Rat {
	t.Helper()
	r, err := ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func solveRef(t *testing.T, c refCase, rates []float64) (*Result, error) {
	t.Helper()
	tg, err := ParseTarget(c.mean, c.vari)
	if err != nil {
		t.Fatal(err)
	}
	return Solve(tg, &Options{Omega: rat(t, c.omega), Tau: rat(t, c.tau), Digits: c.digits, DropoutRates: rates})
}

// TestSolveReference compares λ, α, α' digit by digit with the mpmath
// references: targets with μ* of both signs, ν* from 0.01 to 1e4, both
// conventions ω = 0 and ω = 1 (and one custom), at 5 to 1000 digits.
func TestSolveReference(t *testing.T) {
	t.Parallel()
	for _, c := range readRef(t, "testdata/reference.txt") {
		if c.kind != "solve" || (testing.Short() && c.digits > 100) {
			continue
		}
		res, err := solveRef(t, c, nil)
		if err != nil {
			t.Errorf("%s/%s ω=%s τ=%s D=%d: %v", c.mean, c.vari, c.omega, c.tau, c.digits, err)
			continue
		}
		for i, got := range []*big.Float{res.Lambda, res.Alpha, res.AlphaPrime} {
			if g := res.Text(got); g != c.fields[i] {
				t.Errorf("%s/%s ω=%s τ=%s D=%d: %s\n got %s\nwant %s", c.mean, c.vari, c.omega, c.tau, c.digits,
					[]string{"λ", "α", "α'"}[i], g, c.fields[i])
			}
		}
	}
}

// TestSolveDropoutReference compares a and b digit by digit with the
// mpmath references, which include the docs/model.md §6 values for (0, 1) at rates
// 0.05 and 0.1 (33 digits).
func TestSolveDropoutReference(t *testing.T) {
	t.Parallel()
	for _, c := range readRef(t, "testdata/reference.txt") {
		if c.kind != "dropout" {
			continue
		}
		r, _ := strconv.ParseFloat(c.fields[0], 64)
		res, err := solveRef(t, c, []float64{0, r})
		if err != nil {
			t.Errorf("%s/%s D=%d rate %v: %v", c.mean, c.vari, c.digits, r, err)
			continue
		}
		d := res.Dropout[1]
		if d.Rate != r || res.Text(d.A) != c.fields[1] || res.Text(d.B) != c.fields[2] {
			t.Errorf("%s/%s D=%d rate %v:\n got a=%s b=%s\nwant a=%s b=%s", c.mean, c.vari, c.digits, r,
				res.Text(d.A), res.Text(d.B), c.fields[1], c.fields[2])
		}
		// rate 0 keeps everything: a = 1, b = 0
		if d0 := res.Dropout[0]; d0.A.Cmp(big.NewFloat(1)) != 0 || d0.B.Sign() != 0 {
			t.Errorf("rate 0: a=%v b=%v, want 1, 0", d0.A, d0.B)
		}
	}
}

// TestSolveSpec checks the 32- and 33-digit values printed in docs/model.md §4 and
// the paper (Eq. 14) directly.
func TestSolveSpec(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		mean, vari    string
		digits        int
		lambda, alpha string
	}{
		// the paper's λ01, α01 (docs/model.md §4: correctly rounded)
		{"0", "1", 32, "1.0507009873554804934193349852946", "1.6732632423543772848170429916717"},
		// docs/model.md §4 table
		{"0", "1", 33, "1.05070098735548049341933498529461", "1.67326324235437728481704299167165"},
		{"0", "4", 33, "1.07023227444711082731986364607838", "2.40400533821648224237642412369141"},
	} {
		tg, _ := ParseTarget(test.mean, test.vari)
		res, err := Solve(tg, &Options{Digits: test.digits})
		if err != nil {
			t.Fatal(err)
		}
		if res.Text(res.Lambda) != test.lambda || res.Text(res.Alpha) != test.alpha {
			t.Errorf("%s/%s: got λ=%s α=%s, want %s %s", test.mean, test.vari,
				res.Text(res.Lambda), res.Text(res.Alpha), test.lambda, test.alpha)
		}
	}
}

// TestSolveStability checks the stability at (0, 1) against docs/model.md §3 (Eq. 6
// and 69: H12, H22 and S from mpmath at 30 digits); float64, relative
// tolerance 1e-12.
func TestSolveStability(t *testing.T) {
	t.Parallel()
	tg, _ := ParseTarget("0", "1")
	res, err := Solve(tg, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := res.Stability
	const tol = 1e-12
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"H11", s.H[0][0], 0}, {"H21", s.H[1][0], 0},
		{"H12", s.H[0][1], 0.0888347551068901234827506146205},
		{"H22", s.H[1][1], 0.782647883196812847228262743375},
		{"S", s.SpectralNorm, 0.787673360465715602059395582595},
		{"ρ", s.SpectralRadius, 0.782647883196812847228262743375},
	} {
		if math.Abs(c.got-c.want) > tol*math.Max(1, math.Abs(c.want)) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	// S = 0.7877 < 1 (above): the fixed point of the paper's convention is contracting.
	if !res.Stable() || res.Verdict != mapping.Contracting || res.Convention != ConventionPaper {
		t.Errorf("verdict %v, convention %v; want contracting, paper", res.Verdict, res.Convention)
	}
	if res.Constants.Lambda != 1.0507009873554805 || res.Constants.Alpha != 1.6732632423543772 {
		t.Errorf("float64 constants %v", res.Constants)
	}
}

// TestSolveNotebook reproduces the authors' notebook getSELUparameters.ipynb
// (docs/model.md §4): target (−0.1, 2) with ω = 1, τ = 1 gives α = 1.9769021954242014,
// λ = 1.073851239616046 as printed by the notebook in float64; the notebook
// solves with scipy fsolve, so a relative tolerance of 1e-12 is used.
func TestSolveNotebook(t *testing.T) {
	t.Parallel()
	tg, _ := ParseTarget("-0.1", "2")
	res, err := Solve(tg, &Options{Omega: big.NewRat(1, 1), Tau: big.NewRat(1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-12
	if got := res.Constants.Alpha; math.Abs(got/1.9769021954242014-1) > tol {
		t.Errorf("α = %v, want 1.9769021954242014", got)
	}
	if got := res.Constants.Lambda; math.Abs(got/1.073851239616046-1) > tol {
		t.Errorf("λ = %v, want 1.073851239616046", got)
	}
	if res.Convention != ConventionNotebook {
		t.Errorf("convention %v", res.Convention)
	}
	// docs/model.md §1: the notebook's fixed points are unstable; the verdict says so.
	if res.Stable() || res.Verdict != mapping.Unstable {
		t.Errorf("ρ = %v, verdict %v", res.Stability.SpectralRadius, res.Verdict)
	}
}

// TestSolveInfeasible checks the error and the feasible interval it names
// against the mpmath bisection of gen_reference.py (6 digits).
func TestSolveInfeasible(t *testing.T) {
	t.Parallel()
	n := 0
	for _, c := range readRef(t, "testdata/reference.txt") {
		if c.kind != "infeasible" {
			continue
		}
		n++
		_, err := solveRef(t, c, nil)
		var ie *InfeasibleError
		if !errors.As(err, &ie) {
			t.Errorf("%s/%s ω=%s: got %v, want an InfeasibleError", c.mean, c.vari, c.omega, err)
			continue
		}
		lo, _ := strconv.ParseFloat(c.fields[0], 64)
		hi, _ := strconv.ParseFloat(c.fields[1], 64)
		if math.Abs(ie.Lo/lo-1) > 1e-5 || math.Abs(ie.Hi/hi-1) > 1e-5 {
			t.Errorf("%s/%s ω=%s: feasible (%v, %v), want (%v, %v)", c.mean, c.vari, c.omega, ie.Lo, ie.Hi, lo, hi)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "solver: target ") || !strings.Contains(msg, "infeasible") ||
			!strings.Contains(msg, strconv.FormatFloat(ie.Hi, 'g', 6, 64)) {
			t.Errorf("message %q", msg)
		}
	}
	if n == 0 {
		t.Fatal("no infeasible cases in the reference file")
	}
}

// TestRoundTracked checks the decimal rounding of roundTracked against
// big.Float.Text on values of all magnitudes, near ties and near carries.
func TestRoundTracked(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"1.0507009873554804934193349852946063519589812", "-2.6e-7", "9.9999999999999999999999999", "0.00012345678901234567890123",
		"123456789.123456789123456789", "-9.99999949999999999999999999999e100", "1.00000050000000000001",
		"3.14159265358979323846264338327950288", "7.49999999999999999999999999e-300",
	} {
		x, _, err := big.ParseFloat(s, 10, 300, big.ToNearestEven)
		if err != nil {
			t.Fatal(err)
		}
		for d := 1; d <= 30; d++ {
			got, ok := roundTracked(tracked{x, 4}, 300, d)
			want := x.Text('e', d-1)
			if ok && got != want {
				t.Errorf("%s to %d digits: got %s, want %s", s, d, got, want)
			}
			if !ok && d < 20 && !strings.Contains(s, "4999") && !strings.Contains(s, "5000") && !strings.Contains(s, "9999") {
				t.Errorf("%s to %d digits: uncertain", s, d)
			}
		}
		// a large error bound is never certain
		if _, ok := roundTracked(tracked{x, 290}, 300, 20); ok {
			t.Errorf("%s: certain with a 2^-10 error bound at 20 digits", s)
		}
	}
}

// TestRoundTrackedHugeExponents checks the scaled decimal conversion of
// roundTracked (scale10) against big.Float.Text for values far from 1.
func TestRoundTrackedHugeExponents(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"1.2345678901234567890123456789e+5000", "-9.87654321098765432109876543e-3000",
		"3.14159265358979323846264338327950288e+1585", "2.7182818284590452353602874713527e-20000"} {
		x, _, err := big.ParseFloat(s, 10, 200, big.ToNearestEven)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range []int{1, 5, 17, 30, 40} {
			got, ok := roundTracked(tracked{x, 4}, 200, d)
			if want := x.Text('e', d-1); !ok || got != want {
				t.Errorf("%s to %d digits: got %s (%v), want %s", s, d, got, ok, want)
			}
		}
	}
	// a target whose α is about 3.8e+15854 (ω = 3, τ = 0.5)
	tg, _ := ParseTarget("26.7", "0.0879")
	res, err := Solve(tg, &Options{Omega: big.NewRat(3, 1), Tau: big.NewRat(1, 2), Digits: 12})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Text(res.Alpha); !strings.HasSuffix(got, "e+15854") || got != formatDigits(res.Alpha.Text('e', 11), 12) {
		t.Errorf("α = %s", got)
	}
}
