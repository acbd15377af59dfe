package train

import (
	"encoding/json"
	"math"
	"strconv"
)

// number is a float64 written as a JSON number, or null when it is not
// finite (a diverged loss).
type number float64

func (x number) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

type layerJSON struct {
	Layer    int    `json:"layer"`
	Mean     number `json:"mean"`
	Var      number `json:"var"`
	DeltaRMS number `json:"delta_rms"`
	GradNorm number `json:"grad_norm"`
}

type epochJSON struct {
	Epoch         int         `json:"epoch"`
	TrainLoss     number      `json:"train_loss"`
	TrainAccuracy number      `json:"train_accuracy"`
	TestLoss      number      `json:"test_loss"`
	TestAccuracy  number      `json:"test_accuracy"`
	Seconds       number      `json:"seconds"`
	EvalSeconds   number      `json:"eval_seconds"`
	Layers        []layerJSON `json:"layers"`
}

type configJSON struct {
	Activation string  `json:"activation"`
	Mean       number  `json:"mean"`
	Var        number  `json:"var"`
	Omega      number  `json:"omega"`
	Tau        number  `json:"tau"`
	Lambda     number  `json:"lambda,omitempty"`
	Alpha      number  `json:"alpha,omitempty"`
	Dropout    number  `json:"dropout"`
	DropoutA   number  `json:"dropout_a,omitempty"`
	DropoutB   number  `json:"dropout_b,omitempty"`
	Init       string  `json:"init"`
	Depth      int     `json:"depth"`
	Width      int     `json:"width"`
	Epochs     int     `json:"epochs"`
	Batch      int     `json:"batch"`
	LR         float64 `json:"lr"`
	Momentum   float64 `json:"momentum"`
	Optimizer  string  `json:"optimizer"`
	Seed       uint64  `json:"seed"`
	DType      string  `json:"dtype"`
}

type resultJSON struct {
	Epochs           []epochJSON `json:"epochs"`
	Init             []layerJSON `json:"init_layers"`
	InitTestAccuracy number      `json:"init_test_accuracy"`
	InitTestLoss     number      `json:"init_test_loss"`
	Interrupted      bool        `json:"interrupted"`
	Diverged         bool        `json:"diverged"`
	Config           configJSON  `json:"config"`
	Params           int         `json:"params"`
	TrainSamples     int         `json:"train_samples"`
	TestSamples      int         `json:"test_samples"`
	StepsPerEpoch    int         `json:"steps_per_epoch"`
	PixelMean        number      `json:"pixel_mean"`
	PixelSD          number      `json:"pixel_sd"`
	Kernel           string      `json:"kernel"`
	Workers          int         `json:"workers"`
}

func layersJSON(ls []LayerStats) []layerJSON {
	out := make([]layerJSON, len(ls))
	for i, s := range ls {
		out[i] = layerJSON{s.Layer, number(s.Mean), number(s.Var), number(s.DeltaRMS), number(s.GradNorm)}
	}
	return out
}

func (c *Config) json() configJSON {
	j := configJSON{
		Activation: c.Activation.String(), Mean: number(c.inputTarget().Mean), Var: number(c.inputTarget().Var),
		Omega: number(c.weights().Omega), Tau: number(c.weights().Tau),
		Dropout: number(c.Dropout), Init: c.hiddenInit().String(),
		Depth: c.Depth, Width: c.Width, Epochs: c.Epochs, Batch: c.Batch, LR: c.LR, Momentum: c.Momentum,
		Optimizer: c.Optimizer.String(), Seed: c.Seed, DType: c.DType.String(),
	}
	if c.Activation == SELU {
		j.Lambda, j.Alpha = number(c.Constants.Lambda), number(c.Constants.Alpha)
		if c.Dropout > 0 {
			j.DropoutA, j.DropoutB = number(c.DropoutA), number(c.DropoutB)
		}
	}
	return j
}

// MarshalJSON writes the record as
//
//	{"epochs": [{"epoch": 1, "train_loss": …, "train_accuracy": …,
//	  "test_loss": …, "test_accuracy": …, "seconds": …, "eval_seconds": …,
//	  "layers": [{"layer": 1, "mean": …, "var": …, "delta_rms": …,
//	  "grad_norm": …}, …]}, …],
//	 "init_layers": […], "init_test_accuracy": …, "interrupted": false,
//	 "diverged": false, "config": {…}, …}
//
// with null for a number that is not finite.
func (r *Result) MarshalJSON() ([]byte, error) {
	j := resultJSON{
		Epochs: make([]epochJSON, 0, len(r.Epochs)), Init: layersJSON(r.Init),
		InitTestAccuracy: number(r.InitTestAccuracy), InitTestLoss: number(r.InitTestLoss),
		Interrupted: r.Interrupted, Diverged: r.Diverged, Config: r.Config.json(),
		Params: r.Params, TrainSamples: r.TrainSamples, TestSamples: r.TestSamples,
		StepsPerEpoch: r.StepsPerEpoch, PixelMean: number(r.PixelMean), PixelSD: number(r.PixelSD),
		Kernel: r.Kernel, Workers: r.Parallelism,
	}
	for _, e := range r.Epochs {
		j.Epochs = append(j.Epochs, epochJSON{
			Epoch: e.Epoch, TrainLoss: number(e.TrainLoss), TrainAccuracy: number(e.TrainAccuracy),
			TestLoss: number(e.TestLoss), TestAccuracy: number(e.TestAccuracy),
			Seconds: number(e.Seconds), EvalSeconds: number(e.EvalSeconds), Layers: layersJSON(e.Layers),
		})
	}
	return json.Marshal(j)
}
