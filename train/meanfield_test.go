package train

import (
	"math"
	"testing"
)

// The closed forms of MeanFieldSELU against an independent numerical
// integration: the composite Simpson rule on [−14s, 0] and [0, 14s] (selu'
// jumps at 0), 100001 points each, of the N(0, s²) density times selu'(z) and selu'(z)², whose error
// is far below the 1e-9 relative tolerance. Constants from the solver.
func TestMeanFieldSELU(t *testing.T) {
	for _, tc := range []struct{ mean, v string }{{"0", "1"}, {"0", "4"}, {"0", "0.25"}} {
		c := Defaults()
		if err := c.SolveSELU(tc.mean, tc.v, "0", "1", 0); err != nil {
			t.Fatal(err)
		}
		lam, alpha, nu := c.Constants.Lambda, c.Constants.Alpha, c.Target.Var
		mf := MeanFieldSELU(lam, alpha, nu, 1)
		s := math.Sqrt(nu)
		// selu' jumps at 0: integrate each side with its own limit there.
		simpson := func(a, b float64, d func(z float64) float64) (m1, m2 float64) {
			const n = 100000
			h := (b - a) / n
			for i := 0; i <= n; i++ {
				z := a + float64(i)*h
				w := 2.0
				if i == 0 || i == n {
					w = 1
				} else if i%2 == 1 {
					w = 4
				}
				pdf := math.Exp(-z*z/(2*nu)) / math.Sqrt(2*math.Pi*nu)
				m1 += w * d(z) * pdf
				m2 += w * d(z) * d(z) * pdf
			}
			return m1 * h / 3, m2 * h / 3
		}
		l1, l2 := simpson(-14*s, 0, func(z float64) float64 { return lam * alpha * math.Exp(z) })
		r1, r2 := simpson(0, 14*s, func(float64) float64 { return lam })
		e1, e2 := l1+r1, l2+r2
		if math.Abs(mf.ChiC-e1*e1) > 1e-9*e1*e1 || math.Abs(mf.Chi-e2) > 1e-9*e2 {
			t.Errorf("(%s, %s): χ_c = %.12g, χ = %.12g; quadrature %.12g, %.12g", tc.mean, tc.v, mf.ChiC, mf.Chi, e1*e1, e2)
		}
		if mf.ChiC >= 1 || mf.Xi <= 0 || math.Abs(mf.Xi+1/math.Log(mf.ChiC)) > 1e-12*mf.Xi {
			t.Errorf("(%s, %s): ξ_c = %v for χ_c = %v", tc.mean, tc.v, mf.Xi, mf.ChiC)
		}
		t.Logf("(%s, %s): χ = %.6f, χ_c = %.6f, ξ_c = %.2f, 6ξ_c = %.1f", tc.mean, tc.v, mf.Chi, mf.ChiC, mf.Xi, 6*mf.Xi)
	}
}
