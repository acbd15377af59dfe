package montecarlo

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/selu-tool/selu/mapping"
)

// Result is the outcome of a simulation.
type Result struct {
	Config Config // the configuration run, with defaults filled in

	// InputMean and InputVar are the pooled moments of the B×n₀ inputs
	// actually used; the prediction starts from them.
	InputMean, InputVar float64

	// DropoutA and DropoutB are the alpha dropout correction used (0 when
	// dropout is off).
	DropoutA, DropoutB float64

	Layers []LayerStats

	// Gradients (with Config.Gradients) holds layers 0…L of the backward
	// pass and GradientSummary their comparison with χ; Pairs (with
	// Config.Pair) the pair correlations at layers 0…L, each with the
	// prediction of package mapping (Layer.GradientGrowth, Layer.Correlation).
	Gradients       []GradientLayer
	GradientSummary *GradientSummary
	Pairs           []PairLayer
	BackwardSeconds float64 // wall time of the backward pass (with Gradients)

	Seconds float64 // wall time of the forward pass, weights included
	Flops   float64 // 2·B·n·(n₀ + (L−1)·n) multiply-adds counted as 2
}

// GFlops returns the speed of the forward pass in 10⁹ flop/s.
func (r *Result) GFlops() float64 {
	if r.Seconds <= 0 {
		return 0
	}
	return r.Flops / r.Seconds / 1e9
}

// Run simulates the network described by c. It checks c first and returns
// an error wrapping ErrConfig, before any work, when c is invalid. It
// returns ctx.Err() if ctx is cancelled between layers.
func Run(ctx context.Context, c *Config) (*Result, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	cfg := *c
	cfg.Weights = c.weights()
	if cfg.DropoutRate > 0 && cfg.DropoutA == 0 && cfg.DropoutB == 0 {
		a, b, err := cfg.Constants.AlphaDropout(cfg.Target, cfg.DropoutRate)
		if err != nil {
			return nil, err
		}
		cfg.DropoutA, cfg.DropoutB = a, b
	}
	if cfg.DType == Float32 {
		return run[float32](ctx, &cfg)
	}
	return run[float64](ctx, &cfg)
}

func run[T float](ctx context.Context, c *Config) (*Result, error) {
	B, k0 := c.dims()
	n, L := c.Width, c.Depth
	eng := newEngine[T]()

	// Inputs.
	x0 := make([]T, B*k0)
	if c.Inputs != nil {
		for i, v := range c.Inputs.Data[:B*k0] {
			x0[i] = T(v)
		}
	} else {
		sd := math.Sqrt(c.InputVar)
		parallel(panels(B), func(p int) {
			rng := stream(c.Seed, streamInputs, 0, p)
			for i := p * panelRows * k0; i < min((p+1)*panelRows, B)*k0; i++ {
				x0[i] = T(c.InputMean + sd*rng.NormFloat64())
			}
		})
	}
	tr := newTracker[T](c, B)
	tr.pairInputs(x0, k0)
	inRows, inMean, inVar := inputStats(x0, B, k0)
	tr.after(0, x0, k0, inMean, inVar)

	// Buffers: x is the current input, y the product; they swap each layer.
	x, y := x0, make([]T, B*n)
	var w []T // the portable engine's weights; the gemm engine packs its own
	ep := newLayerEpilogue[T](B, n)
	ep.lam = c.Constants.Lambda
	ep.la = c.Constants.Lambda * c.Constants.Alpha
	ep.seed = c.Seed
	q := 1 - c.DropoutRate

	res := &Result{Config: *c, InputMean: inMean, InputVar: inVar}
	if c.DropoutRate > 0 {
		res.DropoutA, res.DropoutB = c.DropoutA, c.DropoutB
	}
	parts := make([]seParts, L)
	start := time.Now()
	for l := 1; l <= L; l++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		k := n
		if l == 1 {
			k = k0
		}
		// With the gemm engine the weights go straight into its packed
		// layout.
		ge, direct := eng.(*gemmEngine[T])
		if direct {
			drawWeightsPacked(ge.packedWeights(k, n), c.Init, c.Weights.Omega, c.Weights.Tau, c.Seed, l)
		} else {
			if w == nil {
				w = make([]T, max(k0, n)*n)
			}
			drawWeights(w[:k*n], k, n, c.Init, c.Weights.Omega, c.Weights.Tau, c.Seed, l)
		}
		ep.layer = l
		ep.drop = c.DropoutRate > 0 && l < L
		if ep.drop {
			ep.keep = q
			ep.sat = T(-c.Constants.Lambda * c.Constants.Alpha)
			ep.da, ep.db = T(c.DropoutA), T(c.DropoutB)
		}
		if direct {
			ge.multiply(y, x[:B*k], B, ep)
		} else {
			eng.layer(y, x[:B*k], w[:k*n], B, k, n, ep)
		}
		st, se := ep.reduce(l)
		res.Layers = append(res.Layers, st)
		parts[l-1] = se
		// y now holds the next input; reuse the old input buffer unless it
		// is x0 of another width.
		if len(x) == B*n {
			x, y = y, x
		} else {
			x, y = y, make([]T, B*n)
		}
		tr.after(l, x, n, st.Mean, st.Var)
		if c.Progress != nil {
			c.Progress(l, L)
		}
	}
	res.Seconds = time.Since(start).Seconds()
	res.Flops = 2 * float64(B) * float64(n) * (float64(k0) + float64(L-1)*float64(n))
	predict(c, res, inRows, parts, k0)
	tr.finish(res, k0)
	return res, nil
}

// inputStats returns the row spread and the pooled mean and variance of
// the b×k inputs.
func inputStats[T float](x []T, b, k int) (rowMoments, float64, float64) {
	sum := make([]float64, b)
	sq := make([]float64, b)
	for r := range b {
		var s, q float64
		for _, v := range x[r*k : (r+1)*k] {
			f := float64(v)
			s += f
			q += f * f
		}
		sum[r], sq[r] = s, q
	}
	var tot float64
	for _, s := range sum {
		tot += s
	}
	N := float64(b) * float64(k)
	m := tot / N
	var ss float64
	for _, v := range x[:b*k] {
		d := float64(v) - m
		ss += d * d
	}
	return rowStats(sum, sq, k), m, ss / N
}

// An Agreement compares a run's last layer with the target.
type Agreement struct {
	Layer           int           // the last layer, 1-based
	Target          mapping.Point // the target (μ*, ν*) of the run's Config
	Mean, Var       float64       // the last layer's measured mean and variance
	MeanTol, VarTol float64       // the allowed |mean − μ*| and |var − ν*| (LayerStats.Tolerance)
	Converged       bool          // both deviations are within their tolerance, and the comparison is decisive
	// Undecided is "" when the comparison with the target means something,
	// and otherwise the reason why not (Result.Decisive).
	Undecided string
}

// Decisive returns "" when the comparison of Converged(k) with the target
// means something, and otherwise the reason why not. The tolerance is
// propagated along the map's predicted orbit, so it applies to the target
// only when the prediction is within it of the target; and a tolerance of
// the variance of at least ν* (or of the mean of at least √ν*) cannot tell
// the target from a network whose activations have died out. Both fail for
// a network whose map drifts away (random weights with the constants for
// exact rows) or whose fluctuations grow with depth as fast as its map
// contracts.
func (r *Result) Decisive(k float64) string {
	if len(r.Layers) == 0 {
		return "no layers"
	}
	last := r.Layers[len(r.Layers)-1]
	tm, tv := last.Tolerance(k)
	t := r.Config.Target
	switch {
	case !(math.Abs(last.PredictedMean-t.Mean) <= tm && math.Abs(last.PredictedVar-t.Var) <= tv):
		return fmt.Sprintf("the map itself is at (%.5g, %.5g) after %d layers from these inputs, not at the target: it converges slowly here, or not at all", last.PredictedMean, last.PredictedVar, last.Layer)
	case !(tv < t.Var && tm < math.Sqrt(t.Var)):
		return fmt.Sprintf("the tolerance (%.3g, %.3g) is as wide as the target itself; use a wider network", tm, tv)
	}
	return ""
}

// Agreement compares the last layer's mean and variance with the target,
// allowing k standard deviations plus the finite-width allowance
// (LayerStats.Tolerance); k = 3 is what the command line uses. A Result
// without layers gives the zero Agreement (not converged).
func (r *Result) Agreement(k float64) Agreement {
	if len(r.Layers) == 0 {
		return Agreement{Target: r.Config.Target}
	}
	last := r.Layers[len(r.Layers)-1]
	tm, tv := last.Tolerance(k)
	t := r.Config.Target
	why := r.Decisive(k)
	return Agreement{
		Layer: last.Layer, Target: t, Mean: last.Mean, Var: last.Var, MeanTol: tm, VarTol: tv,
		Converged: math.Abs(last.Mean-t.Mean) <= tm && math.Abs(last.Var-t.Var) <= tv && why == "",
		Undecided: why,
	}
}

// Converged reports whether the last layer's mean and variance agree with
// the target within k standard deviations plus the finite-width allowance:
// Agreement(k).Converged.
func (r *Result) Converged(k float64) bool { return r.Agreement(k).Converged }
