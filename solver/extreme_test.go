package solver

import (
	"fmt"
	"math"
	"math/big"
	"math/rand"
	"strings"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

// checkSolve runs Solve and FeasibleMeans on one input and reports a panic,
// an error without the package prefix, or a non-finite value presented as
// a number: λ, α, α', a, b must be finite and nonzero, the float64
// stability either finite or declared unknown by the verdict, and the
// feasible edges never NaN with lo ≤ 0 ≤ hi.
func checkSolve(t *testing.T, tg Target, o *Options) {
	t.Helper()
	desc := fmt.Sprintf("target (%s, %s) ω = %v τ = %v digits %d dropout %v", ratString(tg.Mean), ratString(tg.Var), o.Omega, o.Tau, o.Digits, o.DropoutRates)
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("%s: panic: %v", desc, r)
		}
	}()
	lo, hi, err := FeasibleMeans(tg.Var, o)
	if err == nil && (math.IsNaN(lo) || math.IsNaN(hi) || lo > 0 || hi < 0) {
		t.Errorf("%s: feasible means (%v, %v)", desc, lo, hi)
	}
	res, err := Solve(tg, o)
	if err != nil {
		if !strings.HasPrefix(err.Error(), "solver: ") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error not one line with the prefix: %q", desc, err)
		}
		return
	}
	vals := []*big.Float{res.Lambda, res.Alpha, res.AlphaPrime}
	for _, d := range res.Dropout {
		vals = append(vals, d.A, d.B)
	}
	for i, v := range vals {
		if v == nil || v.IsInf() || (i < 3 && v.Sign() == 0) {
			t.Errorf("%s: value %d is %v", desc, i, v)
		}
		if s := res.Text(v); strings.Contains(s, "Inf") || strings.Contains(s, "NaN") {
			t.Errorf("%s: value %d printed as %q", desc, i, s)
		}
	}
	if res.Lambda.Sign() <= 0 || res.Alpha.Sign() <= 0 {
		t.Errorf("%s: λ = %v, α = %v", desc, res.Lambda, res.Alpha)
	}
	s := res.Stability
	finite := !math.IsNaN(s.SpectralRadius) && !math.IsInf(s.SpectralRadius, 0) && !math.IsNaN(s.SpectralNorm) && !math.IsInf(s.SpectralNorm, 0)
	for _, row := range s.H {
		for _, h := range row {
			finite = finite && !math.IsNaN(h) && !math.IsInf(h, 0)
		}
	}
	if !finite && res.Verdict != mapping.Unknown {
		t.Errorf("%s: stability %+v presented with verdict %v", desc, s, res.Verdict)
	}
}

// TestExtremeInputsReported are inputs that made Solve or FeasibleMeans
// panic (0·∞ in the integrals of a far-out scan point; a NaN error bound
// turned into a huge digit count when rounding).
func TestExtremeInputsReported(t *testing.T) {
	cases := []struct {
		mean, vari, omega, tau string
		digits                 int
		rates                  []float64
	}{
		{"0", "1", "5", "1", 0, nil},
		{"0", "1", "10", "1", 0, nil},
		{"0", "1", "-1e20", "1", 0, nil},
		{"0.5", "1", "1", "1e-5", 0, nil},
		{"-0.1", "2.5", "0.5", "1e-5", 0, nil},
		{"-3", "1", "10", "0.5", 5, []float64{0.05, 0.1}},
		{"-3", "1", "10", "0.5", 5, nil},
	}
	for _, c := range cases {
		tg, err := ParseTarget(c.mean, c.vari)
		if err != nil {
			t.Fatal(err)
		}
		checkSolve(t, tg, &Options{Omega: rat(t, c.omega), Tau: rat(t, c.tau), Digits: c.digits, DropoutRates: c.rates})
	}
}

// TestExtremeInputs draws targets and weights log-uniformly over the whole
// accepted range (and a little beyond), with random digits and dropout
// rates, and checks each with checkSolve.
func TestExtremeInputs(t *testing.T) {
	if raceEnabled {
		t.Skip("sequential precision sweep: run without -race")
	}
	rng := rand.New(rand.NewSource(11))
	n := 200
	if testing.Short() {
		n = 60
	}
	num := func(maxExp float64, signed bool) string {
		switch rng.Intn(8) {
		case 0:
			return "0"
		case 1:
			return "1"
		}
		e := (rng.Float64()*2 - 1) * maxExp
		s := fmt.Sprintf("%.3ge%d", 1+9*rng.Float64(), int(e))
		if signed && rng.Intn(2) == 0 {
			s = "-" + s
		}
		return s
	}
	for range n {
		mean, vari := num(22, true), num(22, false)
		if vari == "0" {
			vari = "1"
		}
		tg, err := ParseTarget(mean, vari)
		if err != nil {
			continue // out of the accepted range: an error, as it should be
		}
		o := &Options{Omega: rat(t, num(22, true)), Tau: rat(t, num(22, false)), Digits: 1 + rng.Intn(30)}
		if o.Tau.Sign() == 0 {
			o.Tau.SetInt64(1)
		}
		for range rng.Intn(3) {
			o.DropoutRates = append(o.DropoutRates, math.Round(rng.Float64()*100)/100)
		}
		checkSolve(t, tg, o)
	}
}

// FuzzSolveExtreme checks any decimal target, weights, digits and one
// dropout rate with checkSolve.
func FuzzSolveExtreme(f *testing.F) {
	f.Add("0", "1", "5", "1", uint8(30), 0.0)
	f.Add("-3", "1", "10", "0.5", uint8(5), 0.05)
	f.Add("-0.1", "2.5", "0.5", "1e-5", uint8(30), 0.1)
	f.Add("-50", "0.01", "1", "2", uint8(30), 0.2)
	f.Fuzz(func(t *testing.T, mean, vari, omega, tau string, digits uint8, rate float64) {
		tg, err := ParseTarget(mean, vari)
		if err != nil {
			return
		}
		om, err := ParseDecimal(omega)
		if err != nil {
			return
		}
		ta, err := ParseDecimal(tau)
		if err != nil || ta.Sign() <= 0 {
			return
		}
		o := &Options{Omega: om, Tau: ta, Digits: int(digits%40) + 1}
		if rate >= 0 && rate < 1 {
			o.DropoutRates = []float64{rate}
		}
		checkSolve(t, tg, o)
	})
}
