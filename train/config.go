package train

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/solver"
)

// Activation is the hidden-unit type of a network.
type Activation int

const (
	// SELU is selu(z) = λz for z > 0 and λα(eᶻ − 1) otherwise, with the
	// constants of a target (Klambauer et al. 2017, Eq. 2).
	SELU Activation = iota
	// ReLUBN is a batch-normalized ReLU unit: z → BN(z) = γ·(z − m)/√(s² + ε) + β
	// → max(0, ·), with the batch's mean m and variance s² in training and
	// running averages at test time (Ioffe and Szegedy 2015).
	ReLUBN
	// ReLU is max(0, z) with He initialization N(0, 2/k).
	ReLU
)

func (a Activation) String() string {
	switch a {
	case SELU:
		return "selu"
	case ReLUBN:
		return "relu-bn"
	case ReLU:
		return "relu"
	}
	return fmt.Sprintf("Activation(%d)", int(a))
}

// ParseActivation parses "selu", "relu-bn" or "relu".
func ParseActivation(s string) (Activation, error) {
	for _, a := range []Activation{SELU, ReLUBN, ReLU} {
		if s == a.String() {
			return a, nil
		}
	}
	return 0, fmt.Errorf("train: activation %q: want selu, relu-bn or relu", s)
}

// Optimizer is the update rule.
type Optimizer int

const (
	// SGD is stochastic gradient descent with momentum μ:
	// v ← μv + g, w ← w − η·v (the form PyTorch uses).
	SGD Optimizer = iota
	// Adam is Kingma and Ba (2015), β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸.
	Adam
)

func (o Optimizer) String() string {
	if o == Adam {
		return "adam"
	}
	return "sgd"
}

// ParseOptimizer parses "sgd" or "adam".
func ParseOptimizer(s string) (Optimizer, error) {
	switch s {
	case "sgd":
		return SGD, nil
	case "adam":
		return Adam, nil
	}
	return 0, fmt.Errorf("train: optimizer %q: want sgd or adam", s)
}

// InitKind names a weight initialization of the hidden layers.
type InitKind int

const (
	// InitAuto follows the activation's convention: for SELU LeCun-normal
	// scaled to τ, N(0, τ/k), when ω = 0 and μ* = 0, exact rows otherwise;
	// He for ReLU and ReLU + BN.
	InitAuto InitKind = iota
	// InitLeCun draws N(0, τ/k) (N(0, 1/k) for τ = 1).
	InitLeCun
	// InitExact draws each unit's weights and centres, scales and shifts them
	// so that Σw = ω and Σw² = τ exactly (docs/model.md §7).
	InitExact
	// InitHe draws N(0, 2/k) (He et al. 2015).
	InitHe
	// InitGain draws N(0, G²/k); PyTorch's calculate_gain('selu') is G = 3/4.
	InitGain
)

// Init is a weight initialization: a kind and, for InitGain, the gain.
type Init struct {
	Kind InitKind
	Gain float64
}

func (i Init) String() string {
	switch i.Kind {
	case InitAuto:
		return "auto"
	case InitLeCun:
		return "lecun"
	case InitExact:
		return "exact"
	case InitHe:
		return "he"
	case InitGain:
		return "gain=" + strconv.FormatFloat(i.Gain, 'g', -1, 64)
	}
	return fmt.Sprintf("Init(%d)", int(i.Kind))
}

// ParseInit parses "auto", "lecun", "exact", "he" or "gain=G" (G > 0).
func ParseInit(s string) (Init, error) {
	for _, k := range []InitKind{InitAuto, InitLeCun, InitExact, InitHe} {
		if s == (Init{Kind: k}).String() {
			return Init{Kind: k}, nil
		}
	}
	if g, ok := strings.CutPrefix(s, "gain="); ok {
		v, err := strconv.ParseFloat(g, 64)
		if err == nil && v > 0 && !math.IsInf(v, 0) {
			return Init{Kind: InitGain, Gain: v}, nil
		}
	}
	return Init{}, fmt.Errorf("train: init %q: want auto, lecun, exact, he or gain=G with G > 0 (e.g. gain=0.75)", s)
}

// DType is the floating-point type of the computation.
type DType int

const (
	Float32 DType = iota
	Float64
)

func (d DType) String() string {
	if d == Float64 {
		return "float64"
	}
	return "float32"
}

// Limits on the size of a network.
const (
	MaxDepth = 1000
	MaxWidth = 1 << 14
	MaxBatch = 1 << 16
)

// Config describes a network and its training.
type Config struct {
	Activation Activation

	// Target is the SELU's fixed point (μ*, ν*); the inputs are
	// standardized to this mean and variance. ReLU networks use (0, 1).
	Target mapping.Point
	// Weights are ω and τ of the SELU's convention (zero value: ω = 0,
	// τ = 1).
	Weights mapping.Weights
	// Constants are the SELU's λ and α (see SolveSELU).
	Constants mapping.Constants

	// Dropout is the alpha-dropout rate (SELU only), applied after every
	// hidden layer in training; DropoutA, DropoutB are the target's affine
	// correction a, b (docs/model.md §6).
	Dropout            float64
	DropoutA, DropoutB float64

	Init Init // hidden-layer weights; the output layer is N(0, 1/k)

	Depth, Width int // hidden layers L and units per layer n
	Epochs       int
	Batch        int
	LR           float64 // learning rate η
	Momentum     float64 // SGD momentum μ (0.9 by default, see Defaults)
	Optimizer    Optimizer
	Seed         uint64
	DType        DType

	// TrainLimit and TestLimit use only the first samples of the sets
	// (0: all of them).
	TrainLimit, TestLimit int

	// Progress, if not nil, is called after every training step.
	Progress func(epoch, step, steps int)
}

// Defaults returns a configuration with the paper's SELU for (0, 1) and
// the training settings of the command line's defaults: depth 8, width
// 256, batch 128, SGD with learning rate 0.01 and momentum 0.9, 10 epochs.
func Defaults() Config {
	return Config{
		Activation: SELU,
		Target:     mapping.Point{Mean: 0, Var: 1},
		Weights:    mapping.Normalized(),
		Constants:  mapping.Constants{Lambda: 1.0507009873554805, Alpha: 1.6732632423543772},
		Depth:      8, Width: 256, Epochs: 10, Batch: 128,
		LR: 0.01, Momentum: 0.9, Seed: 1,
	}
}

// SolveSELU sets c.Target, c.Weights and c.Constants to the SELU of the
// target (mean, variance) for weights (omega, tau), all exact decimals,
// solved by solver.Solve, and, for a dropout rate > 0, c.Dropout, c.DropoutA
// and c.DropoutB to that target's alpha dropout.
func (c *Config) SolveSELU(mean, variance, omega, tau string, dropout float64) error {
	t, err := solver.ParseTarget(mean, variance)
	if err != nil {
		return err
	}
	om, err := solver.ParseDecimal(omega)
	if err != nil {
		return fmt.Errorf("train: ω: %v", err)
	}
	ta, err := solver.ParseDecimal(tau)
	if err != nil {
		return fmt.Errorf("train: τ: %v", err)
	}
	if ta.Sign() <= 0 {
		return fmt.Errorf("train: τ = %s: want τ > 0", tau)
	}
	if !(dropout >= 0 && dropout < 1) {
		return fmt.Errorf("train: dropout rate %v: want 0 ≤ rate < 1", dropout)
	}
	opts := &solver.Options{Omega: om, Tau: ta, Digits: 20}
	if dropout > 0 {
		opts.DropoutRates = []float64{dropout}
	}
	res, err := solver.Solve(t, opts)
	if err != nil {
		return err
	}
	c.Target = mapping.Point{Mean: ratFloat(t.Mean), Var: ratFloat(t.Var)}
	c.Weights = res.Weights
	c.Constants = res.Constants
	c.Dropout, c.DropoutA, c.DropoutB = 0, 1, 0
	if dropout > 0 {
		c.Dropout = dropout
		c.DropoutA, _ = res.Dropout[0].A.Float64()
		c.DropoutB, _ = res.Dropout[0].B.Float64()
	}
	return nil
}

func ratFloat(r *big.Rat) float64 { f, _ := r.Float64(); return f }

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Validate checks c and returns the first problem found.
func (c *Config) Validate() error {
	switch {
	case c.Activation < SELU || c.Activation > ReLU:
		return fmt.Errorf("train: unknown activation %v", c.Activation)
	case c.Depth < 1 || c.Depth > MaxDepth:
		return fmt.Errorf("train: depth %d: want 1 to %d hidden layers", c.Depth, MaxDepth)
	case c.Width < 2 || c.Width > MaxWidth:
		return fmt.Errorf("train: width %d: want 2 to %d units", c.Width, MaxWidth)
	case c.Batch < 2 || c.Batch > MaxBatch:
		return fmt.Errorf("train: batch %d: want 2 to %d", c.Batch, MaxBatch)
	case c.Epochs < 0 || c.Epochs > 100000:
		return fmt.Errorf("train: %d epochs: want 0 to 100000", c.Epochs)
	case !finite(c.LR) || c.LR <= 0:
		return fmt.Errorf("train: learning rate %v: want a finite number > 0", c.LR)
	case !finite(c.Momentum) || c.Momentum < 0 || c.Momentum >= 1:
		return fmt.Errorf("train: momentum %v: want 0 ≤ μ < 1", c.Momentum)
	case c.Optimizer != SGD && c.Optimizer != Adam:
		return fmt.Errorf("train: unknown optimizer %v", c.Optimizer)
	case c.DType != Float32 && c.DType != Float64:
		return fmt.Errorf("train: unknown dtype %v", c.DType)
	case c.TrainLimit < 0 || c.TestLimit < 0:
		return fmt.Errorf("train: negative sample limit")
	case !finite(c.Dropout) || c.Dropout < 0 || c.Dropout >= 1:
		return fmt.Errorf("train: dropout rate %v: want 0 ≤ rate < 1", c.Dropout)
	case c.Dropout > 0 && c.Activation != SELU:
		return fmt.Errorf("train: alpha dropout needs SELU units, not %v", c.Activation)
	}
	if c.Activation == SELU {
		l, a := c.Constants.Lambda, c.Constants.Alpha
		if !finite(l) || !finite(a) || l <= 0 || a <= 0 {
			return fmt.Errorf("train: SELU constants λ = %v, α = %v: want finite λ > 0, α > 0 (see SolveSELU)", l, a)
		}
		if !finite(c.Target.Mean) || !finite(c.Target.Var) || c.Target.Var <= 0 {
			return fmt.Errorf("train: target (%v, %v): want a finite mean and a variance > 0", c.Target.Mean, c.Target.Var)
		}
		if c.Dropout > 0 && (!finite(c.DropoutA) || !finite(c.DropoutB) || c.DropoutA <= 0) {
			return fmt.Errorf("train: alpha dropout a = %v, b = %v: want finite a > 0", c.DropoutA, c.DropoutB)
		}
	}
	w := c.weights()
	if !finite(w.Omega) || !finite(w.Tau) || w.Tau <= 0 {
		return fmt.Errorf("train: weights ω = %v, τ = %v: want finite ω and τ > 0", w.Omega, w.Tau)
	}
	switch c.Init.Kind {
	case InitAuto, InitExact, InitHe:
	case InitLeCun, InitGain:
		if w.Omega != 0 {
			return fmt.Errorf("train: %v weights have ω = 0 on average; ω = %v needs exact weights", c.Init, w.Omega)
		}
		if c.Init.Kind == InitGain && (!finite(c.Init.Gain) || c.Init.Gain <= 0) {
			return fmt.Errorf("train: gain %v: want a finite gain > 0", c.Init.Gain)
		}
	default:
		return fmt.Errorf("train: unknown initialization %v", c.Init)
	}
	return nil
}

// weights returns ω, τ with the zero value meaning (0, 1).
func (c *Config) weights() mapping.Weights {
	if c.Weights == (mapping.Weights{}) {
		return mapping.Normalized()
	}
	return c.Weights
}

// inputTarget is the mean and variance the inputs are standardized to.
func (c *Config) inputTarget() mapping.Point {
	if c.Activation == SELU {
		return c.Target
	}
	return mapping.Point{Mean: 0, Var: 1}
}

// hiddenInit resolves InitAuto to the convention of the activation.
func (c *Config) hiddenInit() Init {
	if c.Init.Kind != InitAuto {
		return c.Init
	}
	if c.Activation != SELU {
		return Init{Kind: InitHe}
	}
	if w := c.weights(); w.Omega == 0 && c.Target.Mean == 0 {
		return Init{Kind: InitLeCun}
	}
	return Init{Kind: InitExact}
}
