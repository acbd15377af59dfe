package montecarlo

import (
	"fmt"
	"math"

	"github.com/selu-tool/selu/mapping"
)

// AlphaDropout returns the affine correction a, b of alpha dropout at the
// given rate (the drop probability 1 − q) for SELU constants c and a unit
// whose activations have the target mean μ and variance ν (docs/model.md §6;
// Klambauer et al. 2017, section "New Dropout Technique"):
//
//	a = √( ν / ( q((1−q)(α'−μ)² + ν) ) ),   b = μ − a(qμ + (1−q)α'),   α' = −λα.
//
// A dropped unit is set to α', then y = a·x + b, so that y has mean μ and
// variance ν again. For (μ, ν) = (0, 1) this is the paper's
// a = (q + α'²q(1−q))^(−1/2), b = −a(1−q)α'. Rate 0 gives a = 1, b = 0.
func AlphaDropout(c mapping.Constants, target mapping.Point, rate float64) (a, b float64, err error) {
	if !finiteF(rate) || rate < 0 || rate >= 1 {
		return 0, 0, fmt.Errorf("montecarlo: dropout rate %v: want 0 ≤ rate < 1", rate)
	}
	mu, nu := target.Mean, target.Var
	if !finiteF(mu) || !finiteF(nu) || nu <= 0 {
		return 0, 0, fmt.Errorf("montecarlo: dropout target (%v, %v): want a finite mean and a finite variance > 0", mu, nu)
	}
	if !finiteF(c.Lambda) || !finiteF(c.Alpha) || c.Lambda <= 0 || c.Alpha <= 0 {
		return 0, 0, fmt.Errorf("montecarlo: dropout constants λ = %v, α = %v: want finite λ > 0, α > 0", c.Lambda, c.Alpha)
	}
	q := 1 - rate
	sat := -c.Lambda * c.Alpha
	d := sat - mu
	a = math.Sqrt(nu / (q * ((1-q)*d*d + nu)))
	b = mu - a*(q*mu+(1-q)*sat)
	return a, b, nil
}

// dropoutMoments maps the mean and variance of x to those of
// a(x·d + α'(1−d)) + b with d ~ Bernoulli(q) independent of x:
//
//	mean = a(qμ + (1−q)α') + b,   var = a²(qν + q(1−q)(μ − α')²).
func dropoutMoments(p mapping.Point, q, sat, a, b float64) mapping.Point {
	d := p.Mean - sat
	return mapping.Point{
		Mean: a*(q*p.Mean+(1-q)*sat) + b,
		Var:  a * a * (q*p.Var + q*(1-q)*d*d),
	}
}
