package mapping

import (
	"math"
	"testing"
)

// TestAlphaDropoutMap checks that the target is a fixed point of the map
// with mapping's own a, b, that the moments equal those of the dropped-out
// activation computed term by term (E y = a(qμ + (1−q)α') + b; Var y from
// E x'² = q(ν + μ²) + (1−q)α'²), and the Jacobian against central
// differences.
func TestAlphaDropoutMap(t *testing.T) {
	c := Paper()
	for _, target := range []Point{{0, 1}, {0.3, 1.7}, {-0.2, 0.5}} {
		for _, rate := range []float64{0.05, 0.2, 0.5} {
			a, b, err := c.AlphaDropout(target, rate)
			if err != nil {
				t.Fatal(err)
			}
			d := AlphaDropoutMap{Rate: rate, A: a, B: b, Saturation: c.Saturation()}
			if p := d.Moments(target); math.Abs(p.Mean-target.Mean) > 1e-14 || math.Abs(p.Var/target.Var-1) > 1e-14 {
				t.Errorf("%v rate %v: target maps to %v", target, rate, p)
			}
			x := Point{target.Mean + 0.4, target.Var * 1.3}
			q, s := 1-rate, c.Saturation()
			m1 := q*x.Mean + (1-q)*s
			m2 := q*(x.Var+x.Mean*x.Mean) + (1-q)*s*s
			want := Point{a*m1 + b, a * a * (m2 - m1*m1)}
			if got := d.Moments(x); math.Abs(got.Mean-want.Mean) > 1e-14 || math.Abs(got.Var/want.Var-1) > 1e-13 {
				t.Errorf("%v rate %v: Moments(%v) = %v, want %v", target, rate, x, got, want)
			}
			j := d.Jacobian(x)
			const h = 1e-6
			for k, dx := range []Point{{h, 0}, {0, h}} {
				p := d.Moments(Point{x.Mean + dx.Mean, x.Var + dx.Var})
				m := d.Moments(Point{x.Mean - dx.Mean, x.Var - dx.Var})
				fd := [2]float64{(p.Mean - m.Mean) / (2 * h), (p.Var - m.Var) / (2 * h)}
				for r := range 2 {
					if math.Abs(fd[r]-j[r][k]) > 1e-8*math.Max(1, math.Abs(j[r][k])) {
						t.Errorf("%v rate %v: J[%d][%d] = %v, central difference %v", target, rate, r, k, j[r][k], fd[r])
					}
				}
			}
		}
	}
}
