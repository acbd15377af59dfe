package montecarlo

import (
	"math"
	"time"

	"github.com/selu-tool/selu/internal/gemm"
	"github.com/selu-tool/selu/mapping"
)

// streamReadout is the random stream of the linear read-out r.
const streamReadout uint64 = 100

// GradientLayer is the backward pass at one layer (Config.Gradients): the
// gradient of the read-out y = r·x_L (one random vector r ~ N(0, I) for
// the whole batch) with respect to the output x_l of layer l (l = 0: the
// network's input), backpropagated through the same weights as the
// forward pass.
type GradientLayer struct {
	Layer int // l, 0 … L

	// Norm2 is the squared gradient norm ‖∂y/∂x_l‖² averaged over the
	// batch, and Norm2SE its standard error over the batch.
	Norm2, Norm2SE float64

	// Ratio is Norm2 at l over Norm2 at l+1 (the layer above): the factor
	// by which backpropagating through layer l+1 multiplied the squared
	// gradient norm. RatioSE is its standard error over the batch (the
	// weights held fixed; a ratio of means, by the delta method).
	// PredictedRatio is the mean-field gradient growth χ = τ·E[selu′(z)²]
	// of layer l+1 at its predicted input moments (g iterated from the
	// measured input, as for LayerStats.PredictedMean). All three are NaN
	// at l = L.
	Ratio, RatioSE, PredictedRatio float64
}

// GradientSummary compares the measured per-layer ratios with χ over all
// layers: MeanRatio is the mean over the L layers of Ratio/PredictedRatio,
// MeanRatioSE its standard error from the spread across layers (each layer
// has fresh weights, so this includes the fluctuations of finite width
// that the per-layer batch errors do not), and Chi the predicted χ at the
// target.
type GradientSummary struct {
	MeanRatio, MeanRatioSE float64
	Chi                    float64
}

// Agrees reports whether MeanRatio is within k standard errors of 1.
func (s GradientSummary) Agrees(k float64) bool {
	return math.Abs(s.MeanRatio-1) <= k*s.MeanRatioSE
}

// PairLayer is the correlation between the two inputs of a pair at the
// output of layer l (Config.Pair; l = 0: the inputs themselves).
type PairLayer struct {
	Layer int // l, 0 … L

	// Correlation is the mean over the B/2 pairs (a, b) of
	// Σⱼ(aⱼ − M)(bⱼ − M)/(n·V), with M, V the layer's pooled mean and
	// variance; CorrelationSE its standard error over the pairs.
	Correlation, CorrelationSE float64

	// PredictedCorrelation is the correlation map C (mapping.CorrelationMap)
	// iterated from the measured input correlation, each layer's map taken
	// at that layer's predicted input moments.
	PredictedCorrelation float64
}

// validateTracking checks the Gradients and Pair settings of c.
func (c *Config) validateTracking() error {
	if !c.Gradients && !c.Pair {
		return nil
	}
	if c.DropoutRate > 0 {
		return configError("gradients and input pairs are measured without dropout; got dropout rate %v", c.DropoutRate)
	}
	if c.Pair {
		if c.Inputs != nil {
			return configError("input pairs are drawn by the simulation; they cannot be combined with input data")
		}
		if !(c.PairCorrelation >= -1 && c.PairCorrelation <= 1) {
			return configError("pair correlation %v: want −1 ≤ C0 ≤ 1", c.PairCorrelation)
		}
		if b, _ := c.dims(); b < 4 {
			return configError("batch %d: input pairs need a batch of at least 4 (2 pairs)", b)
		}
	}
	return nil
}

// tracker records what the backward pass and the pair correlations need
// during the forward pass of run.
type tracker[T float] struct {
	c    *Config
	b, n int
	outs [][]T // outputs of layers 1…L (with Gradients)
	pair []pairRaw
}

type pairRaw struct {
	mean, se float64
}

func newTracker[T float](c *Config, b int) *tracker[T] {
	if !c.Gradients && !c.Pair {
		return nil
	}
	return &tracker[T]{c: c, b: b, n: c.Width}
}

// pairInputs turns the b iid input rows into b/2 pairs with correlation C0:
// row 2p+1 becomes M + C0·(x₂ₚ − M) + √(1 − C0²)·(x₂ₚ₊₁ − M), M the
// distribution's mean, so that both rows keep mean M and variance V.
func (t *tracker[T]) pairInputs(x []T, k int) {
	if t == nil || !t.c.Pair || t.c.Inputs != nil {
		return
	}
	c0, m := t.c.PairCorrelation, t.c.InputMean
	s := math.Sqrt((1 - c0) * (1 + c0))
	for p := 0; 2*p+1 < t.b; p++ {
		a, b := x[2*p*k:(2*p+1)*k], x[(2*p+1)*k:(2*p+2)*k]
		for j := range b {
			b[j] = T(m + c0*(float64(a[j])-m) + s*(float64(b[j])-m))
		}
	}
}

// after records the output x (b×k) of layer l with pooled moments (m, v).
func (t *tracker[T]) after(l int, x []T, k int, m, v float64) {
	if t == nil {
		return
	}
	if t.c.Pair {
		var sum, sq float64
		np := t.b / 2
		for p := range np {
			a, b := x[2*p*k:(2*p+1)*k], x[(2*p+1)*k:(2*p+2)*k]
			var s float64
			for j := range a {
				s += (float64(a[j]) - m) * (float64(b[j]) - m)
			}
			c := s / (float64(k) * v)
			sum += c
			sq += c * c
		}
		mean := sum / float64(np)
		se := math.NaN()
		if np > 1 {
			se = math.Sqrt(math.Max(0, (sq-float64(np)*mean*mean)/float64(np-1)) / float64(np))
		}
		t.pair = append(t.pair, pairRaw{mean, se})
	}
	if t.c.Gradients && l > 0 {
		t.outs = append(t.outs, append([]T(nil), x[:t.b*k]...))
	}
}

// finish runs the backward pass and the predictions and stores them in res.
func (t *tracker[T]) finish(res *Result, k0 int) {
	if t == nil {
		return
	}
	c := t.c
	layer := mapping.Layer{Constants: c.Constants, Weights: c.Weights}
	// Predicted input moments of layer l (l = 1…L): the measured input,
	// then the map's prediction for the layers below.
	in := make([]mapping.Point, c.Depth+1)
	in[1] = mapping.Point{Mean: res.InputMean, Var: res.InputVar}
	for l := 2; l <= c.Depth; l++ {
		s := res.Layers[l-2]
		in[l] = mapping.Point{Mean: s.PredictedMean, Var: s.PredictedVar}
	}
	if c.Pair {
		res.Pairs = make([]PairLayer, len(t.pair))
		pred := t.pair[0].mean
		for l, p := range t.pair {
			if l > 0 {
				pred = math.NaN()
				if cm, err := layer.Correlation(in[l].Mean, in[l].Var); err == nil && !math.IsNaN(res.Pairs[l-1].PredictedCorrelation) {
					pred = cm.C(math.Max(-1, math.Min(1, res.Pairs[l-1].PredictedCorrelation)))
				}
			}
			res.Pairs[l] = PairLayer{Layer: l, Correlation: p.mean, CorrelationSE: p.se, PredictedCorrelation: pred}
		}
	}
	if c.Gradients {
		start := time.Now()
		norms := t.backward(k0)
		res.BackwardSeconds = time.Since(start).Seconds()
		res.Gradients = make([]GradientLayer, len(norms))
		var sum, sq float64
		for l, nr := range norms {
			g := GradientLayer{Layer: l, Norm2: nr.mean, Norm2SE: nr.se, Ratio: math.NaN(), RatioSE: math.NaN(), PredictedRatio: math.NaN()}
			if l < c.Depth {
				g.Ratio, g.RatioSE = ratioSE(nr.rows, norms[l+1].rows)
				g.PredictedRatio = layer.GradientGrowth(in[l+1])
				q := g.Ratio / g.PredictedRatio
				sum += q
				sq += q * q
			}
			res.Gradients[l] = g
		}
		L := float64(c.Depth)
		s := GradientSummary{MeanRatio: sum / L, MeanRatioSE: math.NaN(), Chi: layer.GradientGrowth(c.Target)}
		if c.Depth > 1 {
			s.MeanRatioSE = math.Sqrt(math.Max(0, (sq-L*s.MeanRatio*s.MeanRatio)/(L-1)) / L)
		}
		res.GradientSummary = &s
	}
}

// rowNorms holds the per-row squared gradient norms of one layer and their
// mean and standard error.
type rowNorms struct {
	rows     []float64
	mean, se float64
}

func newRowNorms[T float](g []T, b, k int) rowNorms {
	r := rowNorms{rows: make([]float64, b)}
	var sum, sq float64
	for i := range b {
		var s float64
		for _, v := range g[i*k : (i+1)*k] {
			f := float64(v)
			s += f * f
		}
		r.rows[i] = s
		sum += s
		sq += s * s
	}
	B := float64(b)
	r.mean = sum / B
	r.se = math.NaN()
	if b > 1 {
		r.se = math.Sqrt(math.Max(0, (sq-B*r.mean*r.mean)/(B-1)) / B)
	}
	return r
}

// ratioSE returns Σa/Σb and its standard error over the rows by the delta
// method: se² = Σ(aᵢ − R·bᵢ)² / (B(B−1)·mean(b)²).
func ratioSE(a, b []float64) (r, se float64) {
	var sa, sb float64
	for i := range a {
		sa += a[i]
		sb += b[i]
	}
	r = sa / sb
	if len(a) < 2 {
		return r, math.NaN()
	}
	var ss float64
	for i := range a {
		d := a[i] - r*b[i]
		ss += d * d
	}
	B := float64(len(a))
	mb := sb / B
	return r, math.Sqrt(ss/(B*(B-1))) / mb
}

// packTransposed writes Wᵀ into pb (n×k) from the row-major k×n matrix w,
// in parallel over pb's column panels: one pass, no transposed copy.
func packTransposed[T float](pb *gemm.PackedB[T], w []T) {
	n, k := pb.K, pb.N
	nr := gemm.NR[T]()
	parallel((k+nr-1)/nr, func(c int) {
		i0 := c * nr
		nb := min(nr, k-i0)
		for j := range n {
			at := pb.Index(j, i0)
			dst := pb.Data[at : at+nb]
			for t := range dst {
				dst[t] = w[(i0+t)*n+j]
			}
		}
	})
}

// backward backpropagates the read-out through the recorded layers and
// returns the squared gradient norms at the outputs of layers L, L−1, …, 0
// (indexed by layer). Per layer it redraws the layer's weights W (k×n, the
// same numbers as the forward pass), multiplies the gradient, scaled by
// selu′(z) = λ (z > 0), selu(z) + λα (z ≤ 0), by Wᵀ with the gemm kernels
// of the forward pass (one product of the same size per layer; the weight
// gradient, a second product, is not needed for the norms and is not
// formed).
func (t *tracker[T]) backward(k0 int) []rowNorms {
	c := t.c
	b, n, L := t.b, t.n, c.Depth
	lam, la := c.Constants.Lambda, c.Constants.Lambda*c.Constants.Alpha
	rng := stream(c.Seed, streamReadout, 0, 0)
	r := make([]T, n)
	for j := range r {
		r[j] = T(rng.NormFloat64())
	}
	K := max(k0, n)
	g := make([]T, b*K) // the gradient at the output of layer l (b×n; b×k0 at l = 0)
	for i := range b {
		copy(g[i*n:(i+1)*n], r)
	}
	norms := make([]rowNorms, L+1)
	norms[L] = newRowNorms(g[:b*n], b, n)
	w := make([]T, K*n)
	next := make([]T, b*K)
	mu := gemm.NewMultiplier[T](0)
	for l := L; l >= 1; l-- {
		k := n
		if l == 1 {
			k = k0
		}
		out := t.outs[l-1]
		parallel(panels(b), func(p int) {
			for i := p * panelRows * n; i < min((p+1)*panelRows, b)*n; i++ { // g is b×n here
				if s := out[i]; s > 0 {
					g[i] *= T(lam)
				} else {
					g[i] *= T(float64(s) + la)
				}
			}
		})
		drawWeights(w[:k*n], k, n, c.Init, c.Weights.Omega, c.Weights.Tau, c.Seed, l)
		pb := gemm.NewPackedB[T](n, k)
		packTransposed(pb, w[:k*n])
		mu.Mul(b, g[:b*n], n, pb, next[:b*k], k, nil)
		norms[l-1] = newRowNorms(next[:b*k], b, k)
		g, next = next, g
	}
	t.outs = nil
	return norms
}
