package train

import (
	"context"
	"fmt"
	"math"
	"time"
)

// An Arm is one network type of a study.
type Arm struct {
	Name       string // as shown in tables, e.g. "SELU 0/1"
	Activation Activation
	Mean, Var  string // SELU target, exact decimals (ω = 0, τ = 1)
}

// StudyConfig describes a study: every arm at every depth, trained the
// same way on the same data.
type StudyConfig struct {
	Arms                  []Arm
	Depths                []int
	Width, Epochs, Batch  int
	LR                    float64
	Optimizer             Optimizer
	Seed                  uint64
	TrainLimit, TestLimit int // first samples only (0: all)

	// Progress, if not nil, is called after every training step of every
	// run (run counts from 1).
	Progress func(run, runs int, name string, depth, epoch, step, steps int)
}

// DefaultStudy is the study of docs/experiment.md: SELU for the targets
// (0, 0.25), (0, 1) and (0, 4) and ReLU + BatchNorm, at depths 8, 32 and
// 64, width 256, 3 epochs of Fashion-MNIST, SGD with momentum 0.9 and
// learning rate 0.002 (deep SELU networks diverge at 0.01), batch 128.
func DefaultStudy() StudyConfig {
	return StudyConfig{
		Arms: []Arm{
			{Name: "SELU 0/0.25", Activation: SELU, Mean: "0", Var: "0.25"},
			{Name: "SELU 0/1", Activation: SELU, Mean: "0", Var: "1"},
			{Name: "SELU 0/4", Activation: SELU, Mean: "0", Var: "4"},
			{Name: "ReLU+BN", Activation: ReLUBN},
		},
		Depths: []int{8, 32, 64},
		Width:  256, Epochs: 3, Batch: 128, LR: 0.002, Optimizer: SGD, Seed: 1,
	}
}

// QuickStudy is a smoke-test version of DefaultStudy: the same arms at
// depths 2 and 6, width 32, 2 epochs on the first 2000 training and 500
// test samples.
func QuickStudy() StudyConfig {
	s := DefaultStudy()
	s.Depths = []int{2, 6}
	s.Width, s.Epochs = 32, 2
	s.TrainLimit, s.TestLimit = 2000, 500
	return s
}

// StudyRun is one trained network of a study.
type StudyRun struct {
	Arm    Arm
	Depth  int
	Result *Result
}

// Study is the record of a study.
type Study struct {
	Config StudyConfig
	Runs   []StudyRun
	// MeanField holds the predictions of each SELU arm (index as in
	// Config.Arms; zero for other arms).
	MeanField   []MeanField
	Seconds     float64
	Interrupted bool
}

// Validate checks the study's configuration.
func (sc *StudyConfig) Validate() error {
	if len(sc.Arms) == 0 || len(sc.Depths) == 0 {
		return fmt.Errorf("train: a study needs at least one arm and one depth")
	}
	for _, d := range sc.Depths {
		if d < 1 || d > MaxDepth {
			return fmt.Errorf("train: study depth %d: want 1 to %d", d, MaxDepth)
		}
	}
	for _, a := range sc.Arms {
		if _, err := sc.config(a, sc.Depths[0]); err != nil {
			return err
		}
	}
	return nil
}

// config returns the Config of arm a at depth d.
func (sc *StudyConfig) config(a Arm, d int) (Config, error) {
	c := Defaults()
	c.Activation = a.Activation
	if a.Activation == SELU {
		if err := c.SolveSELU(a.Mean, a.Var, "0", "1", 0); err != nil {
			return c, fmt.Errorf("train: arm %s: %v", a.Name, err)
		}
	}
	c.Depth, c.Width, c.Epochs, c.Batch = d, sc.Width, sc.Epochs, sc.Batch
	c.LR, c.Optimizer, c.Seed = sc.LR, sc.Optimizer, sc.Seed
	c.TrainLimit, c.TestLimit = sc.TrainLimit, sc.TestLimit
	return c, c.Validate()
}

// RunStudy trains every arm at every depth (depth by depth, arm by arm)
// and records the results. A cancelled ctx stops it after the current
// step; the runs finished so far, and the finished epochs of the current
// one, are kept (Study.Interrupted).
func RunStudy(ctx context.Context, sc StudyConfig, trainSet, testSet *Set) (*Study, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	st := &Study{Config: sc, MeanField: make([]MeanField, len(sc.Arms))}
	st.Config.Progress = nil
	for i, a := range sc.Arms {
		if a.Activation != SELU {
			continue
		}
		c, err := sc.config(a, sc.Depths[0])
		if err != nil {
			return nil, err
		}
		st.MeanField[i] = MeanFieldSELU(c.Constants.Lambda, c.Constants.Alpha, c.Target.Var, 1)
	}
	start := time.Now()
	runs := len(sc.Arms) * len(sc.Depths)
	k := 0
	for _, d := range sc.Depths {
		for _, a := range sc.Arms {
			k++
			c, err := sc.config(a, d)
			if err != nil {
				return nil, err
			}
			if sc.Progress != nil {
				run, name := k, a.Name
				c.Progress = func(epoch, step, steps int) { sc.Progress(run, runs, name, d, epoch, step, steps) }
			}
			res, err := Run(ctx, c, trainSet, testSet)
			if err != nil {
				return nil, err
			}
			st.Runs = append(st.Runs, StudyRun{Arm: a, Depth: d, Result: res})
			if res.Interrupted {
				st.Interrupted = true
				st.Seconds = time.Since(start).Seconds()
				return st, nil
			}
		}
	}
	st.Seconds = time.Since(start).Seconds()
	return st, nil
}

// Summary is one row of a study's table.
type Summary struct {
	Arm                  string
	Depth                int
	Epochs               int     // finished epochs
	TestAccuracy         float64 // after the last finished epoch
	BestTestAccuracy     float64
	TrainLoss            float64 // of the last finished epoch
	SecondsPerEpoch      float64 // mean training time of an epoch
	Diverged             bool
	InitGradRatio        float64 // δ_rms(layer 1)/δ_rms(layer L) at initialization
	PredictedGradRatio   float64 // χ^{(L−1)/2} (SELU arms; NaN otherwise)
	TrainableDepth       float64 // 6ξ_c (SELU arms; NaN otherwise)
	InitTestAccuracy     float64
	FirstLayerVar        float64 // activation variance at initialization, layer 1
	LastLayerVar         float64 // and layer L
	LastLayerVarTrained  float64 // layer L after the last epoch
	LastLayerMeanTrained float64
}

// Summaries returns one row per run.
func (st *Study) Summaries() []Summary {
	var out []Summary
	for _, r := range st.Runs {
		res := r.Result
		s := Summary{Arm: r.Arm.Name, Depth: r.Depth, Epochs: len(res.Epochs), Diverged: res.Diverged,
			TestAccuracy: math.NaN(), TrainLoss: math.NaN(), SecondsPerEpoch: math.NaN(),
			PredictedGradRatio: math.NaN(), TrainableDepth: math.NaN(), InitTestAccuracy: res.InitTestAccuracy,
			LastLayerVarTrained: math.NaN(), LastLayerMeanTrained: math.NaN(), InitGradRatio: math.NaN()}
		var secs float64
		for _, e := range res.Epochs {
			s.TestAccuracy, s.TrainLoss = e.TestAccuracy, e.TrainLoss
			s.BestTestAccuracy = max(s.BestTestAccuracy, e.TestAccuracy)
			secs += e.Seconds
			if n := len(e.Layers); n > 0 {
				s.LastLayerVarTrained, s.LastLayerMeanTrained = e.Layers[n-1].Var, e.Layers[n-1].Mean
			}
		}
		if len(res.Epochs) > 0 {
			s.SecondsPerEpoch = secs / float64(len(res.Epochs))
		}
		if n := len(res.Init); n > 0 {
			s.InitGradRatio = res.Init[0].DeltaRMS / res.Init[n-1].DeltaRMS
			s.FirstLayerVar, s.LastLayerVar = res.Init[0].Var, res.Init[n-1].Var
		}
		for i, a := range st.Config.Arms {
			if a.Name == r.Arm.Name && a.Activation == SELU {
				mf := st.MeanField[i]
				s.PredictedGradRatio = math.Pow(mf.Chi, float64(r.Depth-1)/2)
				s.TrainableDepth = 6 * mf.Xi
			}
		}
		out = append(out, s)
	}
	return out
}
