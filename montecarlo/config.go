package montecarlo

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"strings"

	"github.com/selu-tool/selu/internal/gemm"
	"github.com/selu-tool/selu/mapping"
)

// Limits on the size of a run. They reject typing mistakes, not big runs:
// memory is checked separately by Config.Bytes.
const (
	MaxWidth = 1 << 16
	MaxDepth = 10000
	MaxBatch = 1 << 24
)

// DType is the floating-point type the network computes in.
type DType int

// The two DTypes.
const (
	Float64 DType = iota // float64 throughout
	Float32              // float32 activations and weights, float64 moment sums
)

func (d DType) String() string {
	if d == Float32 {
		return "float32"
	}
	return "float64"
}

// size returns the size of one element in bytes.
func (d DType) size() int64 {
	if d == Float32 {
		return 4
	}
	return 8
}

// ParseDType parses "float32" or "float64".
func ParseDType(s string) (DType, error) {
	switch s {
	case "float64":
		return Float64, nil
	case "float32":
		return Float32, nil
	}
	return 0, fmt.Errorf("montecarlo: dtype %q: want float32 or float64", s)
}

// InitKind names a weight initialization.
type InitKind int

const (
	// Exact draws each unit's weights and then centres, scales and shifts
	// them so that Σᵢ wᵢ = ω and Σᵢ wᵢ² = τ exactly (docs/model.md §7).
	Exact InitKind = iota
	// LeCun draws wᵢ ~ N(0, 1/k) independently (k inputs), what frameworks
	// do; ω = 0, τ = 1 only in expectation.
	LeCun
	// Gain draws wᵢ ~ N(0, G²/k) independently: LeCun with a gain G, as in
	// PyTorch's calculate_gain('selu') = 3/4.
	Gain
)

// Init is a weight initialization.
type Init struct {
	Kind InitKind
	Gain float64 // G, for Kind == Gain
}

func (i Init) String() string {
	switch i.Kind {
	case Exact:
		return "exact"
	case LeCun:
		return "lecun"
	case Gain:
		return "gain=" + strconv.FormatFloat(i.Gain, 'g', -1, 64)
	}
	return fmt.Sprintf("Init(%d)", int(i.Kind))
}

// ParseInit parses "exact", "lecun" or "gain=G" with finite G > 0.
func ParseInit(s string) (Init, error) {
	switch s {
	case "exact":
		return Init{Kind: Exact}, nil
	case "lecun":
		return Init{Kind: LeCun}, nil
	}
	if g, ok := strings.CutPrefix(s, "gain="); ok {
		v, err := strconv.ParseFloat(g, 64)
		if err != nil || !(v > 0) || math.IsInf(v, 0) {
			return Init{}, fmt.Errorf("montecarlo: weights %q: the gain must be a finite number > 0", s)
		}
		return Init{Kind: Gain, Gain: v}, nil
	}
	return Init{}, fmt.Errorf("montecarlo: weights %q: want exact, lecun or gain=G (e.g. gain=0.75)", s)
}

// weights returns the (ω, τ) the map's prediction uses: the exact values
// for Exact, the expectations (0, G²) for LeCun (G = 1) and Gain.
func (c *Config) weights() mapping.Weights {
	switch c.Init.Kind {
	case LeCun:
		return mapping.Weights{Omega: 0, Tau: 1}
	case Gain:
		return mapping.Weights{Omega: 0, Tau: c.Init.Gain * c.Init.Gain}
	}
	if c.Weights == (mapping.Weights{}) {
		return mapping.Normalized()
	}
	return c.Weights
}

// Matrix is a dense row-major matrix of inputs: Rows samples of Cols
// features.
type Matrix struct {
	Rows, Cols int
	Data       []float64
}

// Config describes one simulation.
type Config struct {
	Width int   // n, units per layer
	Depth int   // L, number of SELU layers
	Batch int   // B, number of inputs; 0 with Inputs means all rows
	DType DType // element type of the network

	Constants mapping.Constants // λ, α of every layer
	Target    mapping.Point     // μ*, ν*: the fixed point aimed at (verdict, dropout)

	Init    Init            // weight initialization
	Weights mapping.Weights // ω, τ of every unit for Init Exact; zero value means mapping.Normalized()

	// DropoutRate is the alpha dropout rate 1 − q applied between layers
	// (after layers 1…L−1), in training mode; 0 disables dropout.
	// DropoutA and DropoutB are the affine correction a, b; when both are
	// zero Run computes them from Constants and Target (mapping.Constants.AlphaDropout).
	DropoutRate        float64
	DropoutA, DropoutB float64

	// Inputs holds real data (B rows are used, all if Batch is 0). When nil,
	// Batch×Width inputs are drawn iid N(InputMean, InputVar).
	Inputs              *Matrix
	InputMean, InputVar float64

	Seed uint64 // same seed, same numbers

	// Gradients adds the backward pass of a random read-out (the squared
	// gradient norm per layer against χ, Result.Gradients), and Pair sends
	// the batch as pairs of inputs with correlation PairCorrelation (their
	// correlation per layer against the correlation map, Result.Pairs);
	// both without dropout.
	Gradients, Pair bool
	PairCorrelation float64

	// Progress, if not nil, is called after every layer with the number of
	// layers done.
	Progress func(done, total int)
}

// Errors returned for invalid configurations wrap ErrConfig.
var ErrConfig = errors.New("montecarlo: invalid configuration")

// A ConfigError is an invalid configuration; Reason says what is wrong
// and what would be valid. It wraps ErrConfig.
type ConfigError struct{ Reason string }

func (e *ConfigError) Error() string { return ErrConfig.Error() + ": " + e.Reason }

// Unwrap returns ErrConfig.
func (e *ConfigError) Unwrap() error { return ErrConfig }

func configError(format string, args ...any) error {
	return &ConfigError{Reason: fmt.Sprintf(format, args...)}
}

func finiteF(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// dims returns the batch size and the input width of the run.
func (c *Config) dims() (b, k0 int) {
	if c.Inputs != nil {
		b = c.Inputs.Rows
		if c.Batch > 0 {
			b = c.Batch
		}
		return b, c.Inputs.Cols
	}
	return c.Batch, c.Width
}

// Validate reports whether c describes a run that can be done, saying what
// is wrong and what would be valid.
func (c *Config) Validate() error {
	switch {
	case c.Width < 2 || c.Width > MaxWidth:
		return configError("width %d: want 2 ≤ width ≤ %d", c.Width, MaxWidth)
	case c.Depth < 1 || c.Depth > MaxDepth:
		return configError("depth %d: want 1 ≤ depth ≤ %d", c.Depth, MaxDepth)
	case c.Batch < 0 || c.Batch > MaxBatch || (c.Batch == 0 && c.Inputs == nil):
		return configError("batch %d: want 1 ≤ batch ≤ %d", c.Batch, MaxBatch)
	case c.DType != Float32 && c.DType != Float64:
		return configError("dtype %d: want Float32 or Float64", int(c.DType))
	}
	lam, alpha := c.Constants.Lambda, c.Constants.Alpha
	if !finiteF(lam) || !finiteF(alpha) || lam <= 0 || alpha <= 0 {
		return configError("SELU constants λ = %v, α = %v: want finite λ > 0, α > 0", lam, alpha)
	}
	if !finiteF(c.Target.Mean) || !finiteF(c.Target.Var) || c.Target.Var <= 0 {
		return configError("target (%v, %v): want a finite mean and a finite variance > 0", c.Target.Mean, c.Target.Var)
	}
	switch c.Init.Kind {
	case Exact:
		w := c.weights()
		if !finiteF(w.Omega) || !finiteF(w.Tau) || w.Tau <= 0 {
			return configError("weights ω = %v, τ = %v: want finite ω and τ > 0", w.Omega, w.Tau)
		}
	case LeCun:
	case Gain:
		if !finiteF(c.Init.Gain) || c.Init.Gain <= 0 {
			return configError("gain %v: want a finite gain > 0", c.Init.Gain)
		}
	default:
		return configError("unknown weight initialization %d", int(c.Init.Kind))
	}
	if c.Init.Kind != Exact && c.Weights != (mapping.Weights{}) && c.Weights != mapping.Normalized() {
		return configError("weights ω = %v, τ = %v need exact initialization; %v draws ω = 0 and τ = %v only in expectation",
			c.Weights.Omega, c.Weights.Tau, c.Init, c.weights().Tau)
	}
	r := c.DropoutRate
	if !finiteF(r) || r < 0 || r >= 1 {
		return configError("dropout rate %v: want 0 ≤ rate < 1", r)
	}
	if !finiteF(c.DropoutA) || !finiteF(c.DropoutB) || c.DropoutA < 0 {
		return configError("dropout correction a = %v, b = %v: want finite a ≥ 0 and b", c.DropoutA, c.DropoutB)
	}
	if m := c.Inputs; m != nil {
		if m.Rows < 1 || m.Cols < 2 || len(m.Data) != m.Rows*m.Cols {
			return configError("inputs: %d×%d with %d values: want at least 1 row, 2 columns and rows×columns values", m.Rows, m.Cols, len(m.Data))
		}
		if c.Batch > m.Rows {
			return configError("batch %d exceeds the %d rows of the inputs", c.Batch, m.Rows)
		}
		for i, v := range m.Data {
			if !finiteF(v) {
				return configError("inputs: row %d, column %d is %v: want finite values", i/m.Cols+1, i%m.Cols+1, v)
			}
		}
	} else if !finiteF(c.InputMean) || !finiteF(c.InputVar) || c.InputVar <= 0 {
		return configError("input mean %v, variance %v: want a finite mean and a finite variance > 0", c.InputMean, c.InputVar)
	}
	if err := c.validateTracking(); err != nil {
		return err
	}
	if c.Init.Kind == Exact {
		_, k0 := c.dims()
		w := c.weights()
		if k := float64(min(k0, c.Width)); w.Tau <= w.Omega*w.Omega/k {
			return configError("weights ω = %v, τ = %v: rows of %v weights with Σw = ω have Σw² ≥ ω²/%v = %v; want τ > %v",
				w.Omega, w.Tau, k, k, w.Omega*w.Omega/k, w.Omega*w.Omega/k)
		}
	}
	return nil
}

// Bytes returns the memory a run of c allocates, summed over every
// allocation as if none were freed (the collector may not have returned a
// dead buffer when the next is made): the inputs as float64 when given, the
// input buffer, the two activation buffers, the packed weights of the
// first layer and of the others with the matrix kernel's per-worker blocks
// (or the weights of the portable engine), the per-panel and per-row
// sums, the transient statistics of a layer and the per-layer results.
func (c *Config) Bytes() int64 {
	b, k0 := c.dims()
	B, n, k, L := int64(b), int64(c.Width), int64(k0), int64(c.Depth)
	s := c.DType.size()
	bytes := B*k*s + B*n*s // x0, y
	if k != n {
		bytes += B * n * s // the second activation buffer
	}
	if e := engineChoice; e == useGemm || e == useAuto && gemm.Accelerated() {
		var nr, blk int64
		if c.DType == Float32 {
			nr, blk = int64(gemm.NR[float32]()), int64(gemm.MC*gemm.KC+gemm.MR*gemm.NR[float32]())
		} else {
			nr, blk = int64(gemm.NR[float64]()), int64(gemm.MC*gemm.KC+gemm.MR*gemm.NR[float64]())
		}
		npad := (n + nr - 1) / nr * nr
		bytes += k * npad * s // packed weights of layer 1
		if k != n && L > 1 {
			bytes += n * npad * s // and of the others
		}
		bytes += int64(runtime.GOMAXPROCS(0)) * blk * s // the kernel's blocks
	} else {
		bytes += max(k, n) * n * s // the portable engine's weights
	}
	if m := c.Inputs; m != nil {
		bytes += int64(len(m.Data)) * 8
	}
	bytes += (2*int64(panels(b))*n + 4*B) * 8 // panel and row sums, input statistics
	bytes += (5*n + 2*B) * 8                  // one layer's statistics
	bytes += L * 512                          // per-layer results and error parts
	if c.Gradients {
		bytes += L * B * n * s // every layer's output, kept for the backward pass
	}
	bytes += 256 << 10 // goroutines, closures, the result
	return bytes
}

// WeightCost is the cost of drawing one weight, in multiply-adds of the
// network's products: Work counts each weight this many times. It was
// measured on an Intel Xeon (2 cores, AVX-512) by timing runs of batch 1
// against runs of batch 4096 at width 2048, depth 8.
const WeightCost = 256

// Work returns the arithmetic of a run of c in multiply-adds: every layer
// of k inputs and n units multiplies B×k by k×n and draws k×n weights,
// L·k·n·(B + WeightCost) summed over the layers, and with Gradients one more
// B×n by n×n product per layer for the backward pass. Together with a
// measured rate it predicts the run time.
func (c *Config) Work() float64 {
	b, k0 := c.dims()
	n, L := float64(c.Width), float64(c.Depth)
	per := float64(b) + WeightCost
	w := n*float64(k0)*per + (L-1)*n*n*per
	if c.Gradients {
		w += (L - 1) * n * n * float64(b) // one more product per layer backwards
	}
	return w
}
