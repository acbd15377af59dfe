package montecarlo

import (
	"context"
	"math"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

// TestGradientsNaive checks the backward pass and the pair correlations of
// a small network against a plain re-implementation: the forward pass with
// drawWeights and triple loops, the read-out gradient backpropagated by
// the chain rule, the pair estimator written out.
func TestGradientsNaive(t *testing.T) {
	for _, dt := range []DType{Float64, Float32} {
		c := &Config{Width: 12, Depth: 3, Batch: 6, DType: dt, Constants: mapping.Paper(),
			Target: mapping.Point{Mean: 0, Var: 1}, InputMean: 0.3, InputVar: 1.5, Seed: 7,
			Gradients: true, Pair: true, PairCorrelation: 0.6}
		res, err := Run(context.Background(), c)
		if err != nil {
			t.Fatal(err)
		}
		n, L, B := c.Width, c.Depth, c.Batch
		lam, la := mapping.Paper().Lambda, mapping.Paper().Lambda*mapping.Paper().Alpha
		// Inputs: the run's draws, paired.
		x0 := make([]float64, B*n)
		for p := range panels(B) {
			rng := stream(c.Seed, streamInputs, 0, p)
			for i := p * panelRows * n; i < min((p+1)*panelRows, B)*n; i++ {
				x0[i] = c.InputMean + math.Sqrt(c.InputVar)*rng.NormFloat64()
			}
		}
		s := math.Sqrt(1 - 0.36)
		for p := 0; 2*p+1 < B; p++ {
			for j := range n {
				a, b := x0[2*p*n+j], x0[(2*p+1)*n+j]
				x0[(2*p+1)*n+j] = c.InputMean + 0.6*(a-c.InputMean) + s*(b-c.InputMean)
			}
		}
		xs := [][]float64{x0}
		ws := make([][]float64, L+1)
		for l := 1; l <= L; l++ {
			w := make([]float64, n*n)
			drawWeights(w, n, n, c.Init, 0, 1, c.Seed, l)
			ws[l] = w
			x := xs[l-1]
			y := make([]float64, B*n)
			for i := range B {
				for j := range n {
					var z float64
					for k := range n {
						z += x[i*n+k] * w[k*n+j]
					}
					if z > 0 {
						y[i*n+j] = lam * z
					} else {
						y[i*n+j] = la * math.Expm1(z)
					}
				}
			}
			xs = append(xs, y)
		}
		rng := stream(c.Seed, streamReadout, 0, 0)
		r := make([]float64, n)
		for j := range r {
			r[j] = rng.NormFloat64()
		}
		g := make([]float64, B*n)
		for i := range B {
			copy(g[i*n:], r)
		}
		tol := 1e-12
		if dt == Float32 {
			tol = 1e-4
		}
		norm := func(g []float64) float64 {
			var s float64
			for _, v := range g {
				s += v * v
			}
			return s / float64(B)
		}
		check := func(what string, got, want float64) {
			t.Helper()
			if math.Abs(got-want) > tol*math.Abs(want) {
				t.Errorf("%v %s: got %.15g, want %.15g", dt, what, got, want)
			}
		}
		check("norm2 L", res.Gradients[L].Norm2, norm(g))
		for l := L; l >= 1; l-- {
			next := make([]float64, B*n)
			for i := range B {
				for k := range n {
					var v float64
					for j := range n {
						out := xs[l][i*n+j]
						d := lam
						if out <= 0 {
							d = out + la
						}
						v += g[i*n+j] * d * ws[l][k*n+j]
					}
					next[i*n+k] = v
				}
			}
			g = next
			check("norm2", res.Gradients[l-1].Norm2, norm(g))
			check("ratio", res.Gradients[l-1].Ratio, res.Gradients[l-1].Norm2/res.Gradients[l].Norm2)
		}
		// Pair correlation at layer 2 with the layer's pooled moments.
		x := xs[2]
		var m, v float64
		for _, e := range x {
			m += e
		}
		m /= float64(len(x))
		for _, e := range x {
			v += (e - m) * (e - m)
		}
		v /= float64(len(x))
		var cs float64
		for p := range B / 2 {
			var s float64
			for j := range n {
				s += (x[2*p*n+j] - m) * (x[(2*p+1)*n+j] - m)
			}
			cs += s / (float64(n) * v)
		}
		check("pair correlation", res.Pairs[2].Correlation, cs/float64(B/2))
	}
}

// TestGradientsMatchChi runs the (0, 4) network of docs/why-0-and-1.md
// (λ, α solved for (0, 4) with ω = 0, τ = 1: 1.0702322744471109,
// 2.404005338216482 from mapping/testdata/correlation.txt) and checks that
// the measured per-layer gradient ratio, averaged over the layers relative
// to χ, is 1 within 3 standard errors, and that the measured pair
// correlations follow the iterated correlation map within 4 standard
// errors at every layer.
func TestGradientsMatchChi(t *testing.T) {
	if testing.Short() {
		t.Skip("a 256-wide, 24-layer simulation")
	}
	c := &Config{Width: 256, Depth: 24, Batch: 256, DType: Float64,
		Constants: mapping.Constants{Lambda: 1.0702322744471109, Alpha: 2.404005338216482},
		Target:    mapping.Point{Mean: 0, Var: 4}, InputMean: 0, InputVar: 4, Seed: 3,
		Gradients: true, Pair: true, PairCorrelation: 0.5}
	res, err := Run(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	s := res.GradientSummary
	if !s.Agrees(3) {
		t.Errorf("gradient ratio / χ = %.5f ± %.5f over %d layers, want 1 within 3 SE", s.MeanRatio, s.MeanRatioSE, c.Depth)
	}
	if math.Abs(s.Chi-1.1976523278739109904) > 1e-12 {
		t.Errorf("χ at (0, 4) = %.17g, want 1.1976523278739109904 (mapping/testdata/correlation.txt)", s.Chi)
	}
	for _, p := range res.Pairs {
		if math.Abs(p.Correlation-p.PredictedCorrelation) > 4*p.CorrelationSE {
			t.Errorf("layer %d: correlation %.5f ± %.5f, predicted %.5f", p.Layer, p.Correlation, p.CorrelationSE, p.PredictedCorrelation)
		}
	}
}

func TestTrackingConfig(t *testing.T) {
	base := Config{Width: 8, Depth: 2, Batch: 8, Constants: mapping.Paper(), Target: mapping.Point{Var: 1}, InputVar: 1}
	for _, mod := range []func(c *Config){
		func(c *Config) { c.Gradients, c.DropoutRate = true, 0.1 },
		func(c *Config) { c.Pair, c.PairCorrelation = true, 1.5 },
		func(c *Config) { c.Pair, c.PairCorrelation = true, math.NaN() },
		func(c *Config) { c.Pair, c.Batch = true, 3 },
		func(c *Config) { c.Pair, c.Inputs = true, &Matrix{Rows: 8, Cols: 8, Data: make([]float64, 64)} },
	} {
		c := base
		mod(&c)
		if err := c.Validate(); err == nil {
			t.Errorf("%+v: no error", c)
		}
	}
}
