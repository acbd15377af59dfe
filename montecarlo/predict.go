package montecarlo

import (
	"math"

	"github.com/selu-tool/selu/mapping"
)

// predict fills the map's prediction and the propagated tolerances of
// every layer (docs/montecarlo.md, "Tolerance").
//
// With p₀ the measured input moments, the input of layer l is
// pₗ₋₁ (or its alpha dropout image Dₗ₋₁(pₗ₋₁) when dropout follows layer
// l−1), and pₗ = g(input). The fluctuation of layer l's moments has two
// parts. The weights of every layer shift the whole population of rows;
// those shifts are carried through the Jacobian Hₗ of the step, with
// absolute values (no cancellation assumed). The batch is one sample of
// rows, followed through all layers; its error at layer l is measured by
// the spread of layer l's row means alone (row part of seₗ², which already
// reflects every earlier layer):
//
//	Uₗ = |Hₗ|·Uₗ₋₁ ⊕ unitₗ,   SDₗ = Uₗ ⊕ rowₗ,   Biasₗ = |Hₗ|·Biasₗ₋₁ + |βₗ|,
//
// with a ⊕ b = √(a² + b²) componentwise and βₗ the finite-width
// deviation of layer l alone (allowance).
//
// For LeCun and gain weights the map is the random-weight map
// mapping.LeCunLayer (docs/model.md §7), whose net input pooled over units
// is N(0, τ(ν + μ²)), and H is its rank-one Jacobian in (μ, ν); for exact
// weights it is mapping.Layer with the rows' ω, τ.
func predict(c *Config, res *Result, inRows rowMoments, parts []seParts, k0 int) {
	layer := c.layerMap()
	drop := c.DropoutRate > 0
	q := 1 - c.DropoutRate
	sat := -c.Constants.Lambda * c.Constants.Alpha
	// Dropout follows layers 1…L−1 only: the inputs (l = 0) and the last
	// layer's output go through unchanged.
	after := func(l int) bool { return drop && l >= 1 && l < c.Depth }
	dmap := func(p mapping.Point, l int) mapping.Point { // input of layer l+1 from output of layer l
		if after(l) {
			return dropoutMoments(p, q, sat, c.DropoutA, c.DropoutB)
		}
		return p
	}
	djac := func(p mapping.Point, l int) [2][2]float64 { // the Jacobian of dmap
		if after(l) {
			return dropoutJacobian(p, q, sat, c.DropoutA)
		}
		return [2][2]float64{{1, 0}, {0, 1}}
	}
	g := func(p mapping.Point) mapping.Point {
		m := layer.Moments(p.Mean, p.Var)
		return mapping.Point{Mean: m.Mean, Var: m.Var}
	}
	// gJac returns g(p) and its Jacobian H (mapping.Layer.Jacobian, Eq. 87,
	// or the rank-one H of mapping.LeCunLayer.Stability).
	gJac := layer.jacobian

	start := mapping.Point{Mean: res.InputMean, Var: res.InputVar}
	pred := make([]mapping.Point, c.Depth+1)
	pred[0] = start
	for l := 1; l <= c.Depth; l++ {
		pred[l] = g(dmap(pred[l-1], l-1))
		// Where the map leaves its domain (the variance underflows to 0 or
		// a value overflows) there is no prediction beyond.
		if !(pred[l].Var > 0) || !finiteF(pred[l].Var) || !finiteF(pred[l].Mean) {
			for ; l <= c.Depth; l++ {
				pred[l] = mapping.Point{Mean: math.NaN(), Var: math.NaN()}
			}
		}
	}

	var usd, bias [2]float64
	spread := measuredSpread(inRows)
	for l := 1; l <= c.Depth; l++ {
		s := &res.Layers[l-1]
		s.PredictedMean, s.PredictedVar = pred[l].Mean, pred[l].Var
		in := dmap(pred[l-1], l-1)
		k := c.Width
		if l == 1 {
			k = k0
		}
		beta := allowance(c, layer, in, spread, k)
		// The step D∘g of this layer (dropout after it) and its Jacobian
		// D'(g(p))·H(p), by the chain rule.
		step := func(p mapping.Point) (mapping.Point, [2][2]float64) {
			y, hg := gJac(p)
			return dmap(y, l), mul2(djac(y, l), hg)
		}
		spread = spread.step(step, in, fourthMoment(c, in, drop && l < c.Depth, q, sat), c.Width)
		var h [2][2]float64
		if l > 1 {
			// ∂pₗ/∂pₗ₋₁ = H(D(pₗ₋₁))·D'(pₗ₋₁)
			_, hg := gJac(in)
			h = mul2(hg, djac(pred[l-1], l-1))
		}
		var nsd, sd, nbias [2]float64
		for i := range 2 {
			inh := math.Abs(h[i][0])*usd[0] + math.Abs(h[i][1])*usd[1]
			nsd[i] = math.Sqrt(inh*inh + parts[l-1].unit[i])
			sd[i] = math.Sqrt(nsd[i]*nsd[i] + parts[l-1].row[i])
			nbias[i] = math.Abs(h[i][0])*bias[0] + math.Abs(h[i][1])*bias[1] + math.Abs(beta[i])
		}
		usd, bias = nsd, nbias
		s.SDMean, s.SDVar = sd[0], sd[1]
		s.BiasMean, s.BiasVar = bias[0], bias[1]
		for _, v := range []float64{s.PredictedMean, s.PredictedVar, s.SDMean, s.SDVar, s.BiasMean, s.BiasVar} {
			if !finiteF(v) {
				s.SDMean, s.SDVar = math.Inf(1), math.Inf(1)
				break
			}
		}
	}
}

// layerMap is the map whose iterates predict a layer's pooled moments:
// mapping.Layer for exact weights, mapping.LeCunLayer for random ones
// (isRand set).
type layerMap struct {
	exact  mapping.Layer
	random mapping.LeCunLayer
	isRand bool
}

// layerMap returns the map of c's weights (c.Weights as set by Run).
func (c *Config) layerMap() layerMap {
	if c.Init.Kind == Exact {
		return layerMap{exact: mapping.Layer{Constants: c.Constants, Weights: c.Weights}}
	}
	return layerMap{random: mapping.LeCunLayer{Constants: c.Constants, Tau: c.weights().Tau}, isRand: true}
}

// Moments returns the map's image of a layer input (mu, nu).
func (m layerMap) Moments(mu, nu float64) mapping.Moments {
	if m.isRand {
		return m.random.Moments(mu, nu)
	}
	return m.exact.Moments(mu, nu)
}

// jacobian returns the map's image of p and its Jacobian in (μ, ν).
func (m layerMap) jacobian(p mapping.Point) (mapping.Point, [2][2]float64) {
	if m.isRand {
		mo := m.random.Moments(p.Mean, p.Var)
		return mapping.Point{Mean: mo.Mean, Var: mo.Var}, m.random.Stability(p.Mean, p.Var).H
	}
	mo, j := m.exact.Jacobian(p.Mean, p.Var)
	return mapping.Point{Mean: mo.Mean, Var: mo.Var}, j.H
}

// netInput returns the mean and standard deviation of the Gaussian net
// input of a layer whose input has moments (mu, nu): N(ωμ, τν) for exact
// rows, N(0, τ(ν + μ²)) pooled over units for random weights.
func (m layerMap) netInput(mu, nu float64) (mean, sd float64) {
	if m.isRand {
		return 0, math.Sqrt(m.random.Tau * (nu + mu*mu))
	}
	return mu * m.exact.Omega, math.Sqrt(nu * m.exact.Tau)
}

// mul2 returns the matrix product a·b of 2×2 matrices.
func mul2(a, b [2][2]float64) [2][2]float64 {
	var p [2][2]float64
	for i := range 2 {
		for j := range 2 {
			p[i][j] = a[i][0]*b[0][j] + a[i][1]*b[1][j]
		}
	}
	return p
}
