package montecarlo

import "github.com/selu-tool/selu/mapping"

// AlphaDropout returns the affine correction a, b of alpha dropout at the
// given rate for SELU constants c and a unit whose activations have the
// target mean and variance: it is c.AlphaDropout(target, rate) (see
// mapping.Constants.AlphaDropout; docs/model.md §6), which Run uses when
// Config.DropoutA and DropoutB are zero.
func AlphaDropout(c mapping.Constants, target mapping.Point, rate float64) (a, b float64, err error) {
	return c.AlphaDropout(target, rate)
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

// dropoutJacobian returns the Jacobian ∂(mean, var)/∂(μ, ν) of
// dropoutMoments at p:
//
//	[[aq, 0], [2a²q(1−q)(μ − α'), a²q]].
func dropoutJacobian(p mapping.Point, q, sat, a float64) [2][2]float64 {
	return [2][2]float64{
		{a * q, 0},
		{2 * a * a * q * (1 - q) * (p.Mean - sat), a * a * q},
	}
}
