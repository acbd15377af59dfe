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
func predict(c *Config, res *Result, inRows rowMoments, parts []seParts, k0 int) {
	layer := mapping.Layer{Constants: c.Constants, Weights: c.Weights}
	drop := c.DropoutRate > 0
	q := 1 - c.DropoutRate
	sat := -c.Constants.Lambda * c.Constants.Alpha
	dmap := func(p mapping.Point, l int) mapping.Point { // input of layer l+1 from output of layer l
		if drop && l < c.Depth {
			return dropoutMoments(p, q, sat, c.DropoutA, c.DropoutB)
		}
		return p
	}
	g := func(p mapping.Point) mapping.Point {
		m := layer.Moments(p.Mean, p.Var)
		return mapping.Point{Mean: m.Mean, Var: m.Var}
	}

	start := mapping.Point{Mean: res.InputMean, Var: res.InputVar}
	pred := make([]mapping.Point, c.Depth+1)
	if drop {
		pred[0] = start
		for l := 1; l <= c.Depth; l++ {
			pred[l] = g(dmap(pred[l-1], l-1))
		}
	} else {
		pred = layer.Iterate(start, c.Depth)
	}
	// Iterate stops early where the map leaves its domain (the variance
	// underflows to 0 or a value overflows); there is no prediction beyond.
	for len(pred) < c.Depth+1 {
		pred = append(pred, mapping.Point{Mean: math.NaN(), Var: math.NaN()})
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
		step := func(p mapping.Point) mapping.Point { return dmap(g(p), l) }
		spread = spread.step(step, in, fourthMoment(c, in, drop && l < c.Depth, q, sat), c.Width)
		var h [2][2]float64
		if l > 1 {
			h = jacobian(func(p mapping.Point) mapping.Point { return g(dmap(p, l-1)) }, pred[l-1])
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

// jacobian returns ∂f/∂(μ, ν) at p by central differences.
func jacobian(f func(mapping.Point) mapping.Point, p mapping.Point) [2][2]float64 {
	hm := 1e-5 * max(1, math.Abs(p.Mean))
	hv := 1e-5 * p.Var
	a := f(mapping.Point{Mean: p.Mean + hm, Var: p.Var})
	b := f(mapping.Point{Mean: p.Mean - hm, Var: p.Var})
	cc := f(mapping.Point{Mean: p.Mean, Var: p.Var + hv})
	d := f(mapping.Point{Mean: p.Mean, Var: p.Var - hv})
	return [2][2]float64{
		{(a.Mean - b.Mean) / (2 * hm), (cc.Mean - d.Mean) / (2 * hv)},
		{(a.Var - b.Var) / (2 * hm), (cc.Var - d.Var) / (2 * hv)},
	}
}
