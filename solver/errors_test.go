package solver

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestParseDecimal(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		in   string
		want string // exact rational, "" for an error
	}{
		{"0.1", "1/10"},
		{"-2.5e-3", "-1/400"},
		{"+3", "3/1"},
		{" 1E2 ", "100/1"},
		{".5", "1/2"},
		{"5.", "5/1"},
		{"1e1000", "1" + strings.Repeat("0", 1000) + "/1"},
		{"", ""}, {"NaN", ""}, {"nan", ""}, {"Inf", ""}, {"-Inf", ""}, {"infinity", ""},
		{"0x10", ""}, {"1/3", "1/3"}, {"-1e3/7", "-1000/7"}, {"1/0", ""}, {"1e1001", ""}, {"1e-1001", ""}, {"1e", ""}, {"e5", ""},
		{"--1", ""}, {"1..2", ""}, {".", ""}, {"1e5.5", ""}, {"abc", ""}, {"1_000", ""},
		{strings.Repeat("1", 1001), ""},
	} {
		r, err := ParseDecimal(test.in)
		switch {
		case test.want == "" && err == nil:
			t.Errorf("ParseDecimal(%q) = %v, want an error", test.in, r)
		case test.want != "" && err != nil:
			t.Errorf("ParseDecimal(%q): %v", test.in, err)
		case test.want != "" && r.String() != test.want:
			t.Errorf("ParseDecimal(%q) = %v, want %s", test.in, r, test.want)
		}
	}
}

// TestSolveBadInput: bad targets and options are errors with the package
// prefix that say what is wrong and what is valid; none panics.
func TestSolveBadInput(t *testing.T) {
	t.Parallel()
	one := big.NewRat(1, 1)
	std, _ := ParseTarget("0", "1")
	for _, test := range []struct {
		name string
		t    Target
		o    *Options
		want string
	}{
		{"var 0", Target{new(big.Rat), new(big.Rat)}, nil, "variance must be > 0"},
		{"var < 0", Target{new(big.Rat), big.NewRat(-1, 2)}, nil, "variance must be > 0, got -0.5"},
		{"nil mean", Target{nil, one}, nil, "nil"},
		{"nil var", Target{one, nil}, nil, "nil"},
		{"tiny var", Target{new(big.Rat), big.NewRat(1, 1e15)}, &Options{Tau: big.NewRat(1, 1e15)}, "out of range"},
		{"huge var", NewTarget(0, 1e21), nil, "out of range"},
		{"huge mean", NewTarget(1e21, 1), nil, "out of range"},
		{"tau 0", std, &Options{Tau: new(big.Rat)}, "τ = Σw² must be > 0"},
		{"tau < 0", std, &Options{Tau: big.NewRat(-1, 1)}, "τ = Σw² must be > 0"},
		{"digits < 0", std, &Options{Digits: -1}, "digits must be between 1 and 10000"},
		{"digits > max", std, &Options{Digits: MaxDigits + 1}, "digits must be between 1 and 10000, got 10001"},
		{"rate 1", std, &Options{DropoutRates: []float64{1}}, "dropout rate must be in [0, 1)"},
		{"rate < 0", std, &Options{DropoutRates: []float64{-0.1}}, "dropout rate must be in [0, 1)"},
		{"rate NaN", std, &Options{DropoutRates: []float64{math.NaN()}}, "dropout rate must be in [0, 1)"},
		{"rate Inf", std, &Options{DropoutRates: []float64{math.Inf(1)}}, "dropout rate must be in [0, 1)"},
		{"infeasible high", NewTarget(0.7, 1), nil, "feasible mean for variance 1 is (-0.803261, 0.683332)"},
		{"infeasible low", NewTarget(-1, 1), &Options{Omega: one, Tau: big.NewRat(1, 1)}, ""},
		{"far net input", NewTarget(-2000, 1), &Options{Omega: one}, "too far from 0"},
	} {
		res, err := Solve(test.t, test.o)
		if test.want == "" { // the notebook convention is feasible for every mean checked
			continue
		}
		if err == nil {
			t.Errorf("%s: got %v, want an error", test.name, res)
			continue
		}
		if !strings.HasPrefix(err.Error(), "solver: ") || !strings.Contains(err.Error(), test.want) {
			t.Errorf("%s: error %q, want one containing %q", test.name, err, test.want)
		}
	}
	for _, test := range []struct{ mean, vari, want string }{
		{"NaN", "1", "solver: mean"},
		{"0", "Inf", "solver: variance"},
		{"0", "-1", "variance must be > 0"},
		{"0", "0", "variance must be > 0"},
		{"x", "1", "solver: mean"},
	} {
		if _, err := ParseTarget(test.mean, test.vari); err == nil || !strings.Contains(err.Error(), test.want) {
			t.Errorf("ParseTarget(%q, %q): %v, want %q", test.mean, test.vari, err, test.want)
		}
	}
	if _, _, err := FeasibleMeans(new(big.Rat), nil); err == nil {
		t.Error("FeasibleMeans(0) did not fail")
	}
}

func TestNewTargetPanics(t *testing.T) {
	t.Parallel()
	for _, v := range [][2]float64{{math.NaN(), 1}, {0, math.Inf(1)}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewTarget(%v, %v) did not panic", v[0], v[1])
				}
			}()
			NewTarget(v[0], v[1])
		}()
	}
}

// TestSolveNearEdges: targets ever closer to the edges of the feasible
// region (α → 0 at the top, α → ∞ at the bottom, and the ω = 1 tails where
// the edge recedes to infinity) either converge to a result that satisfies
// the fixed-point equations or are refused with ErrPrecision or an
// InfeasibleError; none loops (the bounded number of passes; the test
// timeout would catch it) or returns garbage.
func TestSolveNearEdges(t *testing.T) {
	t.Parallel()
	one := big.NewRat(1, 1)
	cases := []struct {
		mean, vari string
		omega      *big.Rat
	}{
		// upper edge √(1/(π−1)) = 0.6833316961214808598...; lower edge
		// −0.8032608348275692809... (mpmath, closed forms of docs/model.md §4); the
		// last of each row is past the edge
		{"0.68333", "1", nil}, {"0.6833316", "1", nil}, {"0.683331696", "1", nil}, {"0.68333169612", "1", nil},
		{"0.6833316961214808", "1", nil}, {"0.68333169612148085983", "1", nil}, {"0.6833316962", "1", nil},
		{"-0.80326", "1", nil}, {"-0.8032608", "1", nil}, {"-0.803260834827", "1", nil}, {"-0.80326083482756928092", "1", nil},
		{"-0.8032608349", "1", nil},
		{"8", "1", one}, {"20", "1", one}, {"40", "1", one}, {"200", "1", one}, {"-40", "1", one},
	}
	for _, c := range cases {
		for _, d := range []int{5, 30} {
			tg, err := ParseTarget(c.mean, c.vari)
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			res, err := Solve(tg, &Options{Omega: c.omega, Tau: one, Digits: d})
			var ie *InfeasibleError
			switch {
			case errors.Is(err, ErrPrecision) || errors.As(err, &ie):
				t.Logf("%s/%s ω=%v D=%d: refused in %v: %v", c.mean, c.vari, c.omega, d, time.Since(start), err)
				continue
			case err != nil:
				t.Errorf("%s/%s ω=%v D=%d: unexpected error %v", c.mean, c.vari, c.omega, d, err)
				continue
			}
			t.Logf("%s/%s ω=%v D=%d: λ = %s, α = %s (%d bits, %v)", c.mean, c.vari, c.omega, d, res.Text(res.Lambda), res.Text(res.Alpha), res.Precision, time.Since(start))
			checkFixedPoint(t, res, c.mean+"/"+c.vari)
		}
	}
}

// checkFixedPoint evaluates the map at the result's λ, α (rounded to its
// digits) in higher precision and checks that the target is reproduced to
// about the digits given.
func checkFixedPoint(t *testing.T, res *Result, name string) {
	t.Helper()
	l, a := res.Lambda, res.Alpha
	if l.Sign() <= 0 || a.Sign() <= 0 {
		t.Errorf("%s: λ = %v, α = %v not positive", name, l, a)
		return
	}
	c := arith{uint(res.Digits)*4 + 128}
	m := new(big.Rat).Mul(res.Target.Mean, res.Omega)
	s2 := new(big.Rat).Mul(res.Target.Var, res.Tau)
	in := c.integrals(m, s2)
	lt, at := c.exact(l), c.exact(a)
	mean := c.mul(lt, c.add(in.A, c.mul(at, in.B)))
	second := c.mul(c.mul(lt, lt), c.add(in.C, c.mul(c.mul(at, at), in.D)))
	mu := c.rat(res.Target.Mean)
	nu := c.rat(res.Target.Var)
	v := c.sub(second, c.mul(mean, mean))
	// relative deviation of the variance and absolute (scaled) of the mean
	dv, _ := new(big.Float).Quo(new(big.Float).Sub(v.x, nu.x), nu.x).Float64()
	dm, _ := new(big.Float).Sub(mean.x, mu.x).Float64()
	// λ, α rounded to D digits move the mean by about 10^−D·(|μ*| + √ν*)
	nuF, _ := nu.x.Float64()
	muF, _ := mu.x.Float64()
	sc := math.Sqrt(nuF) + math.Abs(muF)
	tol := math.Pow(10, -float64(res.Digits)+3)
	// near the edges λ, α are ill-conditioned the other way round: the
	// map is insensitive to them, so the residual is tiny; a loose bound
	// catches garbage.
	if math.Abs(dv) > tol*1e3 || math.Abs(dm)/sc > tol*1e3 || math.IsNaN(dv) {
		t.Errorf("%s D=%d: residual mean %g, var %g (λ = %s, α = %s)", name, res.Digits, dm, dv, res.Text(l), res.Text(a))
	}
}

// TestSolveConcurrent runs Solve from several goroutines (the sweep does);
// run with -race.
func TestSolveConcurrent(t *testing.T) {
	t.Parallel()
	var wg sync.WaitGroup
	want := "1.67326324235437728481704299167"
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tg, _ := ParseTarget("0", "1")
			res, err := Solve(tg, &Options{Digits: 30 + i%3*20})
			if err != nil {
				t.Error(err)
				return
			}
			if got := res.Text(res.Alpha); !strings.HasPrefix(got, want[:31-i%3]) && !strings.HasPrefix(want, got[:30]) {
				t.Errorf("α = %s", got)
			}
		}()
	}
	wg.Wait()
}

// TestSolveBig checks 10000 digits against reference_big.txt (mpmath at
// 20030 digits, closed form; see gen_reference.py --big).
func TestSolveBig(t *testing.T) {
	if testing.Short() {
		t.Skip("10000 digits take a few seconds")
	}
	t.Parallel()
	for _, c := range readRef(t, "testdata/reference_big.txt") {
		res, err := solveRef(t, c, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i, got := range []*big.Float{res.Lambda, res.Alpha, res.AlphaPrime} {
			if g := res.Text(got); g != c.fields[i] {
				t.Errorf("%s/%s ω=%s D=%d: value %d differs", c.mean, c.vari, c.omega, c.digits, i)
			}
		}
	}
}

// FuzzSolve: any decimal target and weights either give an error or a
// result with λ > 0, α > 0 that reproduces the target.
func FuzzSolve(f *testing.F) {
	for _, s := range [][3]string{{"0", "1", "0"}, {"0.5", "1", "0"}, {"-0.1", "2", "1"}, {"0.7", "1", "0"}, {"1e-5", "1e-5", "0.5"}, {"-3", "100", "1"}} {
		f.Add(s[0], s[1], s[2], uint8(10))
	}
	f.Fuzz(func(t *testing.T, mean, vari, omega string, digits uint8) {
		tg, err := ParseTarget(mean, vari)
		if err != nil {
			return
		}
		om, err := ParseDecimal(omega)
		if err != nil {
			return
		}
		d := int(digits%40) + 1
		res, err := Solve(tg, &Options{Omega: om, Digits: d})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "solver: ") {
				t.Errorf("error without prefix: %v", err)
			}
			return
		}
		checkFixedPoint(t, res, mean+"/"+vari)
	})
}

// TestResultText: Text of a field gives its decimal; of a changed field or
// another value, the value rounded to Digits.
func TestResultText(t *testing.T) {
	t.Parallel()
	res, err := Solve(NewTarget(0, 1), &Options{Digits: 10})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Text(res.Alpha); got != "1.673263242" {
		t.Errorf("α: %s", got)
	}
	x := new(big.Float).Copy(res.Alpha)
	x.Add(x, big.NewFloat(1e-3))
	if got := res.Text(x); got != "1.674263242" {
		t.Errorf("α + 1e-3: %s", got)
	}
	if got := res.Text(big.NewFloat(-0.000123456789012)); got != "-0.0001234567890" {
		t.Errorf("small: %s", got)
	}
	if got := res.Text(new(big.Float)); got != "0" {
		t.Errorf("zero: %s", got)
	}
	if lo, hi := res.FeasibleMeans(); math.Abs(hi-math.Sqrt(1/(math.Pi-1))) > 1e-12 || lo > -0.8 {
		t.Errorf("FeasibleMeans = %v, %v", lo, hi)
	}
}
