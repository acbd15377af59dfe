package train

import (
	"fmt"
	"math"

	"github.com/selu-tool/selu/internal/gemm"
	"github.com/selu-tool/selu/montecarlo"
)

// mode selects how a forward pass treats BatchNorm and dropout.
type mode int

const (
	modeTrain mode = iota // batch statistics (updating the running ones), dropout
	modeProbe             // batch statistics, no dropout, nothing updated
	modeEval              // running statistics, no dropout
)

// bnEps is BatchNorm's ε and bnMomentum the weight of a new batch in the
// running statistics, the defaults of PyTorch and Keras.
const (
	bnEps      = 1e-5
	bnMomentum = 0.1
)

// layer is one dense layer: y = act(x·W + b) for a hidden layer (with
// BatchNorm between the product and the ReLU for ReLUBN), logits = x·W + b
// for the output layer. W is k×n row-major, column j holding unit j's
// incoming weights.
type layer[T gemm.Float] struct {
	k, n   int
	hidden bool

	w, gw             []T // k×n
	b, gb             []T // n; nil for BatchNorm layers (β takes its place)
	gamma, beta       []T // BatchNorm scale and shift, n each
	ggamma, gbeta     []T
	runMean, runVar   []float64
	pw, pwt           *gemm.PackedB[T] // W and Wᵀ packed for gemm
	stale, staleT     bool             // W changed since pw, pwt were packed
	in                []T              // the rows×k input of the last forward pass
	y                 []T              // activations (logits for the output layer), maxRows×n
	out               []T              // y after dropout (y itself without dropout)
	xhat              []T              // BatchNorm: (z − m)/√(s² + ε)
	bnMean, bnInv     []float64        // BatchNorm: m and 1/√(s² + ε) of the last pass
	keep              []bool           // dropout: unit kept
	dropped           bool             // dropout was applied in the last forward pass
	deltaSS, gradNorm float64          // from the last backward pass
}

// network is a dense classifier in float type T.
type network[T gemm.Float] struct {
	c       *Config
	act     Activation
	lam, la float64 // λ and λα of SELU
	q       float64 // dropout keep probability
	da, db  float64 // dropout a, b
	sat     float64 // SELU saturation α' = −λα
	layers  []*layer[T]
	muls    []*gemm.Multiplier[T] // one single-worker Multiplier per part of mul's row split
	maxRows int
	d0, d1  []T // deltas, maxRows × max width
	packs   map[[2]int]*gemm.PackedB[T]
	params  []param[T]
	steps   int // optimizer steps taken
}

// param is one parameter array with its gradient and optimizer state.
type param[T gemm.Float] struct {
	w, g, m, v []T
	l          *layer[T] // W of l (repacked after an update), or nil
}

// newNetwork builds the network of c for inputs of the given size, batches
// of at most maxRows rows, with its initial weights.
func newNetwork[T gemm.Float](c *Config, inputs, maxRows int) (*network[T], error) {
	nt := &network[T]{
		c: c, act: c.Activation, maxRows: maxRows,
		muls:  newMultipliers[T](),
		packs: map[[2]int]*gemm.PackedB[T]{},
		q:     1, da: 1,
	}
	if c.Activation == SELU {
		nt.lam = c.Constants.Lambda
		nt.la = c.Constants.Lambda * c.Constants.Alpha
		nt.sat = -nt.la
		if c.Dropout > 0 {
			nt.q, nt.da, nt.db = 1-c.Dropout, c.DropoutA, c.DropoutB
		}
	}
	init := c.hiddenInit()
	w := c.weights()
	var mc montecarlo.Init
	switch init.Kind {
	case InitLeCun:
		mc = montecarlo.Init{Kind: montecarlo.Gain, Gain: math.Sqrt(w.Tau)}
	case InitHe:
		mc = montecarlo.Init{Kind: montecarlo.Gain, Gain: math.Sqrt2}
	case InitGain:
		mc = montecarlo.Init{Kind: montecarlo.Gain, Gain: init.Gain}
	case InitExact:
		mc = montecarlo.Init{Kind: montecarlo.Exact}
		if !(w.Tau > w.Omega*w.Omega/float64(min(inputs, c.Width))) {
			return nil, fmt.Errorf("train: exact weights need τ > ω²/k: τ = %v, ω = %v, k = %d", w.Tau, w.Omega, min(inputs, c.Width))
		}
	}
	k, maxK := inputs, max(inputs, c.Width, Classes)
	for l := 0; l <= c.Depth; l++ {
		hidden := l < c.Depth
		n := Classes
		if hidden {
			n = c.Width
		}
		ly := &layer[T]{k: k, n: n, hidden: hidden,
			w: make([]T, k*n), gw: make([]T, k*n),
			pw: gemm.NewPackedB[T](k, n), stale: true, staleT: true,
			y: make([]T, maxRows*n),
		}
		if hidden {
			if err := montecarlo.DrawWeights(ly.w, k, n, mc, w.Omega, w.Tau, c.Seed, l); err != nil {
				return nil, fmt.Errorf("train: layer %d: %v", l+1, err)
			}
		} else {
			// Output layer: N(0, 1/k), LeCun's normal, for every activation.
			rng := stream(c.Seed, streamOutput, 0, 0)
			s := 1 / math.Sqrt(float64(k))
			for i := range ly.w {
				ly.w[i] = T(s * rng.NormFloat64())
			}
		}
		if l > 0 {
			ly.pwt = gemm.NewPackedB[T](n, k)
		}
		if hidden && c.Activation == ReLUBN {
			ly.gamma, ly.beta = make([]T, n), make([]T, n)
			ly.ggamma, ly.gbeta = make([]T, n), make([]T, n)
			for j := range ly.gamma {
				ly.gamma[j] = 1
			}
			ly.runMean, ly.runVar = make([]float64, n), make([]float64, n)
			for j := range ly.runVar {
				ly.runVar[j] = 1
			}
			ly.xhat = make([]T, maxRows*n)
			ly.bnMean, ly.bnInv = make([]float64, n), make([]float64, n)
		} else {
			ly.b, ly.gb = make([]T, n), make([]T, n)
		}
		ly.out = ly.y
		if hidden && c.Dropout > 0 {
			ly.out = make([]T, maxRows*n)
			ly.keep = make([]bool, maxRows*n)
		}
		nt.params = append(nt.params, nt.newParam(ly.w, ly.gw, ly))
		if ly.b != nil {
			nt.params = append(nt.params, nt.newParam(ly.b, ly.gb, nil))
		}
		if ly.gamma != nil {
			nt.params = append(nt.params, nt.newParam(ly.gamma, ly.ggamma, nil), nt.newParam(ly.beta, ly.gbeta, nil))
		}
		nt.layers = append(nt.layers, ly)
		k = n
	}
	nt.d0 = make([]T, maxRows*maxK)
	nt.d1 = make([]T, maxRows*maxK)
	return nt, nil
}

func (nt *network[T]) newParam(w, g []T, l *layer[T]) param[T] {
	p := param[T]{w: w, g: g, m: make([]T, len(w)), l: l}
	if nt.c.Optimizer == Adam {
		p.v = make([]T, len(w))
	}
	return p
}

// packedDelta returns a reusable rows×n PackedB.
func (nt *network[T]) packedDelta(rows, n int) *gemm.PackedB[T] {
	key := [2]int{rows, n}
	pb := nt.packs[key]
	if pb == nil {
		pb = gemm.NewPackedB[T](rows, n)
		nt.packs[key] = pb
	}
	return pb
}

// packW packs W into pw (in parallel over column panels).
func packW[T gemm.Float](pb *gemm.PackedB[T], w []T, k, n int) {
	nr := gemm.NR[T]()
	panels := (n + nr - 1) / nr
	parallel(panels, func(c int) {
		j0 := c * nr
		nb := min(nr, n-j0)
		for i := range k {
			at := pb.Index(i, j0)
			copy(pb.Data[at:at+nb], w[i*n+j0:i*n+j0+nb])
		}
	})
}

// packWT packs Wᵀ (n×k; element (p, q) = w[q·n + p]) into pb.
func packWT[T gemm.Float](pb *gemm.PackedB[T], w []T, k, n int) {
	nr := gemm.NR[T]()
	panels := (k + nr - 1) / nr
	parallel(panels, func(c int) {
		q0 := c * nr
		qb := min(nr, k-q0)
		for p := range n {
			dst := pb.Data[pb.Index(p, q0):]
			for qq := range qb {
				dst[qq] = w[(q0+qq)*n+p]
			}
		}
	})
}

// forward computes the logits (rows×Classes) of the rows×inputs matrix x.
// key selects the dropout masks in modeTrain.
func (nt *network[T]) forward(x []T, rows int, md mode, key uint64) []T {
	in := x
	for l, ly := range nt.layers {
		ly.in = in
		if ly.stale {
			packW(ly.pw, ly.w, ly.k, ly.n)
			ly.stale = false
		}
		n := ly.n
		ly.dropped = ly.hidden && md == modeTrain && nt.c.Dropout > 0
		if ly.dropped {
			nt.drawMask(ly.keep[:rows*n], key, l)
		}
		var epi func(r0, r1 int)
		if !ly.hidden {
			epi = func(r0, r1 int) { addBias(ly.y[r0*n:r1*n], ly.b) }
		} else if ly.gamma == nil {
			epi = func(r0, r1 int) { nt.activate(ly, r0, r1, true) }
		}
		nt.mul(rows, in, ly.k, ly.pw, ly.y, n, epi)
		if ly.gamma != nil {
			nt.batchNorm(ly, rows, md)
			byRows(rows, func(r0, r1 int) { nt.activate(ly, r0, r1, false) })
		}
		in = ly.out
	}
	return nt.layers[len(nt.layers)-1].y[:rows*Classes]
}

func addBias[T gemm.Float](y, b []T) {
	n := len(b)
	for r := 0; r+n <= len(y); r += n {
		row := y[r : r+n]
		for j := range row {
			row[j] += b[j]
		}
	}
}

// activate applies the activation (after the bias, if bias) and dropout to
// rows [r0, r1) of ly.y, writing ly.out.
func (nt *network[T]) activate(ly *layer[T], r0, r1 int, bias bool) {
	n := ly.n
	y := ly.y[r0*n : r1*n]
	y32, f32 := any(y).([]float32)
	switch {
	case f32 && bias && nt.act == SELU:
		// Bias and SELU in one branch-free pass (fused32.go).
		seluBias32(y32, any(ly.b).([]float32), nt.lam, nt.la)
	case nt.act == SELU:
		if bias {
			addBias(y, ly.b)
		}
		lam, la := nt.lam, nt.la
		if f32 {
			for i, z := range y {
				if z > 0 {
					y[i] = T(lam * float64(z))
				} else {
					y[i] = T(la * expm1Neg(float64(z)))
				}
			}
			break
		}
		for i, z := range y {
			if z > 0 {
				y[i] = T(lam * float64(z))
			} else {
				y[i] = T(la * math.Expm1(float64(z)))
			}
		}
	default:
		if bias {
			addBias(y, ly.b)
		}
		for i, z := range y {
			y[i] = max(z, 0)
		}
	}
	if ly.dropped {
		out, keep := ly.out[r0*n:r1*n], ly.keep[r0*n:r1*n]
		a, b := nt.da, nt.db
		drop := T(a*nt.sat + b)
		for i, v := range y {
			if keep[i] {
				out[i] = T(a*float64(v) + b)
			} else {
				out[i] = drop
			}
		}
	} else if ly.keep != nil {
		copy(ly.out[r0*n:r1*n], y)
	}
}

// drawMask draws the dropout mask of layer l for the step key: unit kept
// with probability q, from one sequential stream.
func (nt *network[T]) drawMask(keep []bool, key uint64, l int) {
	rng := stream(nt.c.Seed, streamDropout, key, uint64(l))
	thr := uint64(nt.q * (1 << 32))
	for i := 0; i < len(keep); i += 2 {
		u := rng.Uint64()
		keep[i] = u&0xffffffff < thr
		if i+1 < len(keep) {
			keep[i+1] = u>>32 < thr
		}
	}
}

// batchNorm normalizes the net inputs z = ly.y (rows×n) column by column
// and writes γ·x̂ + β back into ly.y, x̂ into ly.xhat.
func (nt *network[T]) batchNorm(ly *layer[T], rows int, md mode) {
	n := ly.n
	z := ly.y[:rows*n]
	byCols(n, func(j0, j1 int) {
		mean, inv := ly.bnMean[j0:j1], ly.bnInv[j0:j1]
		if md == modeEval {
			for j := j0; j < j1; j++ {
				mean[j-j0] = ly.runMean[j]
				inv[j-j0] = 1 / math.Sqrt(ly.runVar[j]+bnEps)
			}
		} else {
			var s, ss [colBlock]float64
			for r := range rows {
				for j, v := range z[r*n+j0 : r*n+j1] {
					s[j] += float64(v)
				}
			}
			for j := range j1 - j0 {
				mean[j] = s[j] / float64(rows)
			}
			for r := range rows {
				for j, v := range z[r*n+j0 : r*n+j1] {
					d := float64(v) - mean[j]
					ss[j] += d * d
				}
			}
			for j := range j1 - j0 {
				v := ss[j] / float64(rows)
				inv[j] = 1 / math.Sqrt(v+bnEps)
				if md == modeTrain {
					jj := j0 + j
					ly.runMean[jj] = (1-bnMomentum)*ly.runMean[jj] + bnMomentum*mean[j]
					ly.runVar[jj] = (1-bnMomentum)*ly.runVar[jj] + bnMomentum*v*float64(rows)/float64(rows-1)
				}
			}
		}
		for r := range rows {
			zr := z[r*n+j0 : r*n+j1]
			xr := ly.xhat[r*n+j0 : r*n+j1]
			for j, v := range zr {
				xh := (float64(v) - mean[j]) * inv[j]
				xr[j] = T(xh)
				zr[j] = T(float64(ly.gamma[j0+j])*xh + float64(ly.beta[j0+j]))
			}
		}
	})
}
