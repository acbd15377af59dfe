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
)

// TestSolveLeCun compares SolveLeCun at 30 digits with the 40-digit
// mpmath references of ../mapping/testdata/lecun.txt (written by
// ../mapping/testdata/gen_lecun.py: root-finding on the random-weight
// moment equations evaluated by quadrature at 60 digits, checked against
// the closed-form quadratic to 1e-45), digit by digit.
func TestSolveLeCun(t *testing.T) {
	f, err := os.Open("../mapping/testdata/lecun.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		w := strings.Fields(sc.Text())
		if len(w) != 6 {
			t.Fatalf("bad line %q", sc.Text())
		}
		// The inputs are float64 values (mpmath reads their exact binary
		// value), so -0.1 is the double nearest −1/10.
		var in [3]float64
		for i := range in {
			if in[i], err = strconv.ParseFloat(w[i], 64); err != nil {
				t.Fatal(err)
			}
		}
		tgt := NewTarget(in[0], in[1])
		tau := new(big.Rat).SetFloat64(in[2])
		r, err := SolveLeCun(tgt, tau, &Options{Digits: 30})
		if err != nil {
			t.Errorf("SolveLeCun(%v, τ=%s): %v", tgt, w[2], err)
			continue
		}
		for _, c := range []struct {
			name string
			got  *big.Float
			ref  string
		}{{"λ", r.Lambda, w[3]}, {"α", r.Alpha, w[4]}} {
			want := roundRef(t, c.ref, 30)
			if got := r.Text(c.got); got != want {
				t.Errorf("(%v, τ=%s) %s = %s, want %s (mpmath %s)", tgt, w[2], c.name, got, want, c.ref)
			}
		}
		slope, _ := strconv.ParseFloat(w[5], 64)
		if d := math.Abs(r.Stability.SpectralRadius - slope); d > 1e-12 {
			t.Errorf("(%v, τ=%s) ρ = %v, want the map's slope %v", tgt, w[2], r.Stability.SpectralRadius, slope)
		}
		if !r.RandomWeights || r.Tau.Cmp(tau) != 0 || r.Omega.Sign() != 0 || r.Weights.Tau != mustF(tau) {
			t.Errorf("(%v, τ=%s): convention not recorded: random %v, ω %s, τ %s, %v", tgt, w[2], r.RandomWeights, r.Omega, r.Tau, r.Weights)
		}
		n++
	}
	if n < 5 {
		t.Fatalf("only %d reference lines", n)
	}
}

func mustF(r *big.Rat) float64 { f, _ := r.Float64(); return f }

// roundRef rounds the decimal s (given with more digits) half-even to d
// significant digits, in the 'e' format Result.Text uses for these sizes.
func roundRef(t *testing.T, s string, d int) string {
	f, _, err := big.ParseFloat(s, 10, 200, big.ToNearestEven)
	if err != nil {
		t.Fatal(err)
	}
	return formatDigits(f.Text('e', d-1), d)
}

// TestSolveLeCunZeroMean checks that for μ* = 0 SolveLeCun gives Solve's
// constants for the same τ (both maps have z ~ N(0, τν*) there), and that
// for μ* ≠ 0 the constants differ from Solve's.
func TestSolveLeCunZeroMean(t *testing.T) {
	for _, c := range []struct{ mean, vari, tau string }{{"0", "1", "1"}, {"0", "4", "1"}, {"0", "2", "3/2"}, {"0.5", "1", "1"}} {
		tgt, _ := ParseTarget(c.mean, c.vari)
		tau, _ := new(big.Rat).SetString(c.tau)
		a, err := SolveLeCun(tgt, tau, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Solve(tgt, &Options{Tau: tau})
		if err != nil {
			t.Fatal(err)
		}
		same := a.Text(a.Lambda) == b.Text(b.Lambda) && a.Text(a.Alpha) == b.Text(b.Alpha)
		if same != (tgt.Mean.Sign() == 0) {
			t.Errorf("%v τ=%s: LeCun λ, α = %s, %s; fixed sums %s, %s", tgt, c.tau, a.Text(a.Lambda), a.Text(a.Alpha), b.Text(b.Lambda), b.Text(b.Alpha))
		}
	}
}

func TestSolveLeCunErrors(t *testing.T) {
	tgt, _ := ParseTarget("0.5", "1")
	for _, c := range []struct {
		tau *big.Rat
		o   *Options
	}{
		{big.NewRat(0, 1), nil},
		{big.NewRat(-1, 1), nil},
		{nil, &Options{Omega: big.NewRat(1, 1)}},
		{nil, &Options{Digits: -1}},
	} {
		if r, err := SolveLeCun(tgt, c.tau, c.o); err == nil {
			t.Errorf("SolveLeCun(τ=%v, %+v) = %v, want an error", c.tau, c.o, r.Text(r.Lambda))
		}
	}
	// Past the feasible edge the error names the random-weight edges: the
	// upper one is √(ν*/(π−1)) (A/√C = 1/√π at m = 0).
	bad, _ := ParseTarget("0.7", "1")
	_, err := SolveLeCun(bad, nil, nil)
	var ie *InfeasibleError
	if !errors.As(err, &ie) {
		t.Fatalf("SolveLeCun(0.7, 1) error %v, want *InfeasibleError", err)
	}
	if want := math.Sqrt(1 / (math.Pi - 1)); math.Abs(ie.Hi-want) > 1e-15 || !(ie.Lo < 0) {
		t.Errorf("feasible means (%v, %v), want (<0, %v)", ie.Lo, ie.Hi, want)
	}
}

// TestFeasibleMeansLeCun checks the lower edge against SolveLeCun itself:
// a mean just inside is solved, one just outside is infeasible.
func TestFeasibleMeansLeCun(t *testing.T) {
	for _, nu := range []float64{0.25, 1, 4} {
		lo, hi := feasibleMeansLeCun(nu, 1)
		for _, c := range []struct {
			mean float64
			ok   bool
		}{{lo * (1 - 1e-6), true}, {lo * (1 + 1e-6), false}, {hi * (1 - 1e-6), true}, {hi * (1 + 1e-6), false}} {
			_, err := SolveLeCun(NewTarget(c.mean, nu), nil, &Options{Digits: 10})
			if (err == nil) != c.ok {
				t.Errorf("ν = %v, edges (%v, %v): mean %v solved = %v, want %v (%v)", nu, lo, hi, c.mean, err == nil, c.ok, err)
			}
		}
	}
}
