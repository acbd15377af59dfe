package mapping

import (
	"fmt"
	"math"
)

// AlphaDropout returns the affine correction a, b of alpha dropout at the
// given rate (the drop probability 1 − q) for a unit whose activations have
// the mean μ and the variance ν of target (Klambauer et al. 2017, section
// "New Dropout Technique"; docs/model.md §6). A dropped unit is set to the
// saturation value α' = −λα of c, and y = a·x' + b restores the mean and
// the variance of the dropped-out activation x' = x·d + α'(1 − d),
// d ~ Bernoulli(q):
//
//	a = √( ν / ( q((1−q)(α'−μ)² + ν) ) ),   b = μ − a(qμ + (1−q)α').
//
// For (μ, ν) = (0, 1) these are the paper's a = (q + α'²q(1−q))^(−1/2),
// b = −a(1−q)α'. Rate 0 gives a = 1, b = 0. Keras' rate and PyTorch's p
// are the rate; TensorFlow 1's keep_prob is q.
//
// The error is non-nil, and a, b are 0, if the rate is not in [0, 1), the
// target's mean is not finite or its variance not a finite number > 0, or
// c does not have λ > 0 and α > 0 (finite).
func (c Constants) AlphaDropout(target Point, rate float64) (a, b float64, err error) {
	if math.IsNaN(rate) || rate < 0 || rate >= 1 {
		return 0, 0, fmt.Errorf("mapping: dropout rate %v: want 0 ≤ rate < 1", rate)
	}
	mu, nu := target.Mean, target.Var
	if math.IsNaN(mu) || math.IsInf(mu, 0) || math.IsNaN(nu) || math.IsInf(nu, 0) || nu <= 0 {
		return 0, 0, fmt.Errorf("mapping: dropout target (%v, %v): want a finite mean and a finite variance > 0", mu, nu)
	}
	if err := c.Validate(); err != nil || c.Alpha == 0 {
		return 0, 0, fmt.Errorf("mapping: dropout constants λ = %v, α = %v: want finite λ > 0, α > 0", c.Lambda, c.Alpha)
	}
	if rate == 0 {
		return 1, 0, nil
	}
	q := 1 - rate
	sat := c.Saturation()
	d := sat - mu
	a = math.Sqrt(nu / (q * (rate*d*d + nu)))
	b = mu - a*(q*mu+rate*sat)
	return a, b, nil
}
