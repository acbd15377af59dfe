package montecarlo

import (
	"fmt"
	"math"

	"selu/mapping"
)

// predict fills the map's prediction and the propagated tolerances of
// every layer (docs/montecarlo.md, "Tolerance").
//
// With p₀ the measured input moments, the input of layer l is
// pₗ₋₁ (or its alpha dropout image Dₗ₋₁(pₗ₋₁) when dropout follows layer
// l−1), and pₗ = g(input). Fluctuations and biases are carried through the
// Jacobian Hₗ of that step with absolute values (no cancellation assumed):
//
//	SDₗ = √( (|Hₗ|·SDₗ₋₁)² + seₗ² ),     Biasₗ = |Hₗ|·Biasₗ₋₁ + |βₗ|,
//
// where βₗ is the finite-width deviation of layer l alone (allowance).
func predict(c *Config, res *Result, rows []rowMoments, k0 int) error {
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
	if len(pred) != c.Depth+1 {
		return fmt.Errorf("montecarlo: map iteration returned %d points, want %d", len(pred), c.Depth+1)
	}

	var sd, bias [2]float64
	for l := 1; l <= c.Depth; l++ {
		s := &res.Layers[l-1]
		s.PredictedMean, s.PredictedVar = pred[l].Mean, pred[l].Var
		in := dmap(pred[l-1], l-1)
		k := c.Width
		if l == 1 {
			k = k0
		}
		beta := allowance(c, layer, in, rows[l-1], k)
		var h [2][2]float64
		if l > 1 {
			h = jacobian(func(p mapping.Point) mapping.Point { return g(dmap(p, l-1)) }, pred[l-1])
		}
		var nsd, nbias [2]float64
		se := [2]float64{s.MeanSE, s.VarSE}
		for i := range 2 {
			inh := math.Abs(h[i][0])*sd[0] + math.Abs(h[i][1])*sd[1]
			nsd[i] = math.Hypot(inh, se[i])
			nbias[i] = math.Abs(h[i][0])*bias[0] + math.Abs(h[i][1])*bias[1] + math.Abs(beta[i])
		}
		sd, bias = nsd, nbias
		s.SDMean, s.SDVar = sd[0], sd[1]
		s.BiasMean, s.BiasVar = bias[0], bias[1]
		for _, v := range []float64{s.PredictedMean, s.PredictedVar, s.SDMean, s.SDVar, s.BiasMean, s.BiasVar} {
			if !finiteF(v) {
				s.SDMean, s.SDVar = math.Inf(1), math.Inf(1)
				break
			}
		}
	}
	return nil
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
