package mapping

import (
	"math"
	"strings"
	"testing"
)

func TestPaperConstants(t *testing.T) {
	// Eq. 14 / docs/model.md §4: the 32-digit values, rounded to float64.
	if Paper().Lambda != 1.0507009873554805 || Paper().Alpha != 1.6732632423543772 {
		t.Errorf("Paper = %+v", Paper())
	}
	if got, want := Paper().Saturation(), -1.7580993408473766; math.Abs(got-want) > 2e-16 {
		t.Errorf("Saturation = %v, want %v", got, want)
	}
	if Standard().Weights != Normalized() || Normalized() != (Weights{0, 1}) || Notebook() != (Weights{1, 1}) {
		t.Errorf("conventions: Standard() %+v, Normalized() %+v, Notebook() %+v", Standard(), Normalized(), Notebook())
	}
}

func TestValidate(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, test := range []struct {
		layer  Layer
		mu, nu float64
		want   string // substring of the error, "" for none
	}{
		{Standard(), 0, 1, ""},
		{Layer{Constants{1, 0}, Weights{-3, 0.1}}, -2, 1e-300, ""},
		{Layer{Constants{0, 1}, Normalized()}, 0, 1, "lambda must be a finite number > 0"},
		{Layer{Constants{-1, 1}, Normalized()}, 0, 1, "lambda"},
		{Layer{Constants{nan, 1}, Normalized()}, 0, 1, "lambda"},
		{Layer{Constants{1, -0.5}, Normalized()}, 0, 1, "alpha must be a finite number >= 0"},
		{Layer{Constants{1, inf}, Normalized()}, 0, 1, "alpha"},
		{Layer{Paper(), Weights{nan, 1}}, 0, 1, "omega must be a finite number"},
		{Layer{Paper(), Weights{0, 0}}, 0, 1, "tau must be a finite number > 0"},
		{Layer{Paper(), Weights{0, -inf}}, 0, 1, "tau"},
		{Standard(), nan, 1, "mean must be a finite number"},
		{Standard(), inf, 1, "mean"},
		{Standard(), 0, 0, "variance must be a finite number > 0"},
		{Standard(), 0, -1, "variance"},
		{Standard(), 0, inf, "variance"},
		{Layer{Paper(), Weights{1e300, 1}}, 1e10, 1, "out of float64 range"},
		{Layer{Paper(), Weights{0, 1e-300}}, 0, 1e-30, "out of float64 range"},
	} {
		err := test.layer.ValidateInput(test.mu, test.nu)
		switch {
		case test.want == "" && err != nil:
			t.Errorf("%+v at (%v, %v): unexpected error %v", test.layer, test.mu, test.nu, err)
		case test.want != "" && (err == nil || !strings.Contains(err.Error(), test.want) || !strings.HasPrefix(err.Error(), "mapping: ")):
			t.Errorf("%+v at (%v, %v): error %v, want one containing %q", test.layer, test.mu, test.nu, err, test.want)
		}
		if test.want != "" {
			mo := test.layer.Moments(test.mu, test.nu)
			if !math.IsNaN(mo.Mean) || !math.IsNaN(mo.Var) {
				t.Errorf("%+v at (%v, %v): Moments = %+v, want NaN for invalid input", test.layer, test.mu, test.nu, mo)
			}
		}
	}
}

// FuzzMoments checks that the moments and the Jacobian are finite and
// consistent (ν̃ ≥ 0, ξ̃ ≥ ν̃, |μ̃| ≤ √ξ̃ up to rounding) for every valid
// input whose net-input moments lie in |m| ≤ 1e3, 1e-200 ≤ s² ≤ 1e100.
func FuzzMoments(f *testing.F) {
	f.Add(1.0507009873554805, 1.6732632423543772, 0.0, 1.0, 0.0, 1.0)
	f.Add(1.0, 0.0, 1.0, 1.0, -50.0, 1e-6)
	f.Add(2.0, 3.0, -1.0, 2.0, 30.0, 1e6)
	f.Fuzz(func(t *testing.T, lam, al, om, tau, mu, nu float64) {
		l := Layer{Constants{lam, al}, Weights{om, tau}}
		if l.ValidateInput(mu, nu) != nil {
			return
		}
		m, s2 := mu*om, nu*tau
		if math.Abs(m) > 1e3 || s2 < 1e-200 || s2 > 1e100 || lam > 1e50 || al > 1e50 {
			return
		}
		mo, j := l.Jacobian(mu, nu)
		for _, v := range []float64{mo.Mean, mo.SecondMoment, mo.Var, j.H[0][0], j.H[0][1], j.H[1][0], j.H[1][1], j.DAlpha[1]} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("%+v at (%v, %v): %+v %+v", l, mu, nu, mo, j)
			}
		}
		if mo.Var < 0 || mo.SecondMoment < mo.Var*(1-1e-12) || mo.Mean*mo.Mean > mo.SecondMoment*(1+1e-12) {
			t.Fatalf("%+v at (%v, %v): inconsistent moments %+v", l, mu, nu, mo)
		}
	})
}

// TestInputOK checks that the fast validity test agrees with ValidateInput,
// one field at a time and for the products m = μω, s² = ντ.
func TestInputOK(t *testing.T) {
	vals := []float64{math.NaN(), math.Inf(-1), -math.MaxFloat64, -1, -1e-300, 0, 1e-300, 0.5, 1, 1e300, math.MaxFloat64, math.Inf(1)}
	check := func(x [6]float64) {
		l := Layer{Constants{x[0], x[1]}, Weights{x[2], x[3]}}
		if got, want := l.inputOK(x[4], x[5]), l.ValidateInput(x[4], x[5]) == nil; got != want {
			t.Errorf("%+v at (%v, %v): inputOK %v, ValidateInput ok %v", l, x[4], x[5], got, want)
		}
	}
	base := [6]float64{1, 1, 1, 1, 1, 1}
	for i := range base {
		for _, v := range vals {
			x := base
			x[i] = v
			check(x)
		}
	}
	for _, pair := range [][2]int{{2, 4}, {3, 5}} {
		for _, a := range vals {
			for _, b := range vals {
				x := base
				x[pair[0]], x[pair[1]] = a, b
				check(x)
			}
		}
	}
}

// TestAccurate checks the ends of the range Layer.Accurate names (the
// range of the accuracy claim in the package documentation and of the
// mpmath tables in testdata): the net input's mean |μω| ≤ 50 and variance
// 1e-6 ≤ ντ ≤ 1e6, both ends included.
func TestAccurate(t *testing.T) {
	notebook := Layer{Constants: Paper(), Weights: Weights{Omega: 1, Tau: 2}}
	for _, tc := range []struct {
		mu, nu float64
		want   bool
	}{
		{0, 1, true},
		{50, 1, true},
		{-50, 1, true},
		{math.Nextafter(50, 100), 1, false},
		{0, 0.5e-6, true},
		{0, math.Nextafter(0.5e-6, 0), false},
		{0, 0.5e6, true},
		{0, math.Nextafter(0.5e6, 1e7), false},
		{-1e10, 1e20, false},
	} {
		if got := notebook.Accurate(tc.mu, tc.nu); got != tc.want {
			t.Errorf("Accurate(%v, %v) with ω = 1, τ = 2: %v, want %v", tc.mu, tc.nu, got, tc.want)
		}
	}
}
