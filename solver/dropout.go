package solver

import (
	"math/big"
)

// Dropout holds the alpha-dropout parameters for one rate (paper section
// "New Dropout Technique"; docs/model.md §6). A unit is dropped with probability
// Rate = 1 − q and then set to α' = −λα; the affine map y = A·x' + B of the
// dropped-out activation x' = x·d + α'(1−d), d ~ Bernoulli(q), restores the
// target mean μ* and variance ν*:
//
//	a = √( ν* / ( q((1−q)(α'−μ*)² + ν*) ) ),   b = μ* − a(qμ* + (1−q)α').
//
// For (0, 1) these are the paper's a = (q + α'²q(1−q))^(−1/2), b = −a(1−q)α'.
// Keras' rate and PyTorch's p are Rate; TensorFlow 1's keep_prob is q.
type Dropout struct {
	Rate float64    // drop probability 1 − q, as an exact decimal (see Options)
	A, B *big.Float // a and b, correctly rounded to the result's digits
}

// dropout evaluates a and b for the rate r (q = 1 − r) at c's precision.
func (c arith) dropout(mu, nu, ap tracked, r, q *big.Rat) (a, b tracked) {
	if r.Sign() == 0 {
		return c.int(1), c.int(0)
	}
	rt, qt := c.rat(r), c.rat(q)
	diff := c.sub(ap, mu)                                     // α' − μ*
	den := c.mul(qt, c.add(c.mul(rt, c.mul(diff, diff)), nu)) // q((1−q)(α'−μ*)² + ν*)
	a = c.sqrt(c.quo(nu, den))
	b = c.sub(mu, c.mul(a, c.add(c.mul(qt, mu), c.mul(rt, ap))))
	return a, b
}
