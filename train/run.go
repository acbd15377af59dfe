package train

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/selu-tool/selu/internal/gemm"
)

// LayerStats are the measurements of one hidden layer on the probe batch
// (the first Batch training samples, in training mode without dropout).
type LayerStats struct {
	Layer int // 1 … Depth
	// Mean and Var are the mean and variance of the layer's B×n
	// activations, pooled over samples and units.
	Mean, Var float64
	// DeltaRMS is the root mean square of δ = ∂L/∂z over the B×n net
	// inputs z of the layer (for ReLU + BN: the inputs of BatchNorm), L the
	// mean loss of the batch. Mean-field theory predicts δ² to grow by χ per
	// layer towards the input (docs/model.md §7).
	DeltaRMS float64
	// GradNorm is the Frobenius norm of ∂L/∂W of the layer's weights.
	GradNorm float64
}

// Epoch is the record of one finished epoch.
type Epoch struct {
	Epoch         int
	TrainLoss     float64 // mean loss over the epoch's training batches
	TrainAccuracy float64 // fraction of training samples right during the epoch
	TestLoss      float64 // mean loss on the test set (running BatchNorm statistics, no dropout)
	TestAccuracy  float64
	Seconds       float64      // training time of the epoch
	EvalSeconds   float64      // time of the test pass and the probe
	Layers        []LayerStats // after the epoch
}

// Result is the record of a run.
type Result struct {
	Config Config
	// Init holds the layer statistics at initialization; InitTestAccuracy
	// and InitTestLoss the untrained network's test performance.
	Init                       []LayerStats
	InitTestAccuracy           float64
	InitTestLoss               float64
	Epochs                     []Epoch
	Interrupted                bool // stopped by the context; Epochs holds the finished ones
	Diverged                   bool // the training loss became NaN or infinite; training stopped
	PixelMean, PixelSD         float64
	Params                     int    // number of trainable parameters
	Kernel                     string // gemm's kernel tier
	TrainSamples, TestSamples  int
	StepsPerEpoch, Parallelism int
}

// Run trains the network of c on trainSet and reports the test accuracy on
// testSet after every epoch. It stops early, keeping the finished epochs,
// when ctx is cancelled (Result.Interrupted) or the loss diverges
// (Result.Diverged). The numbers depend only on c and the data, not on
// GOMAXPROCS.
func Run(ctx context.Context, c Config, trainSet, testSet *Set) (*Result, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if trainSet == nil || testSet == nil || trainSet.N < 2 || testSet.N < 1 {
		return nil, fmt.Errorf("train: need at least 2 training samples and 1 test sample")
	}
	if trainSet.Features() != testSet.Features() {
		return nil, fmt.Errorf("train: training samples have %d features, test samples %d", trainSet.Features(), testSet.Features())
	}
	trainSet, testSet = trainSet.Subset(c.TrainLimit), testSet.Subset(c.TestLimit)
	if c.DType == Float64 {
		return run[float64](ctx, &c, trainSet, testSet)
	}
	return run[float32](ctx, &c, trainSet, testSet)
}

// trainer holds the data side of a run.
type trainer[T gemm.Float] struct {
	c          *Config
	nt         *network[T]
	lut        [256]T // pixel value → standardized input
	x          []T
	labels     []uint8
	train, tst *Set
}

func run[T gemm.Float](ctx context.Context, c *Config, trainSet, testSet *Set) (*Result, error) {
	f := trainSet.Features()
	rows := min(c.Batch, trainSet.N)
	nt, err := newNetwork[T](c, f, max(rows, 2))
	if err != nil {
		return nil, err
	}
	tr := &trainer[T]{c: c, nt: nt, train: trainSet, tst: testSet,
		x: make([]T, rows*f), labels: make([]uint8, rows)}
	res := &Result{Config: *c, Kernel: gemm.Tier(), TrainSamples: trainSet.N, TestSamples: testSet.N}
	res.Config.Progress = nil
	res.PixelMean, res.PixelSD = pixelMoments(trainSet)
	if res.PixelSD == 0 {
		return nil, fmt.Errorf("train: every training pixel has the same value %v; nothing to standardize", res.PixelMean)
	}
	in := c.inputTarget()
	for v := range tr.lut {
		tr.lut[v] = T(in.Mean + math.Sqrt(in.Var)*(float64(v)-res.PixelMean)/res.PixelSD)
	}
	for _, p := range nt.params {
		res.Params += len(p.w)
	}
	steps := trainSet.N / rows
	if trainSet.N%rows >= 2 {
		steps++
	}
	res.StepsPerEpoch = steps
	res.Parallelism = len(nt.muls)

	res.InitTestLoss, res.InitTestAccuracy = tr.evaluate()
	res.Init = tr.probe()
	perm := make([]int, trainSet.N)
	for epoch := 1; epoch <= c.Epochs; epoch++ {
		start := time.Now()
		for i := range perm {
			perm[i] = i
		}
		rng := stream(c.Seed, streamShuffle, uint64(epoch), 0)
		rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		var loss float64
		var correct, seen int
		for s := range steps {
			if ctx.Err() != nil {
				res.Interrupted = true
				return res, nil
			}
			idx := perm[s*rows : min((s+1)*rows, len(perm))]
			tr.gather(trainSet, idx)
			m := len(idx)
			logits := nt.forward(tr.x, m, modeTrain, uint64(nt.steps))
			l, k := softmaxLoss(logits, tr.labels, m, nt.d0)
			loss += l
			correct += k
			seen += m
			if math.IsNaN(l) || math.IsInf(l, 0) {
				res.Diverged = true
				break
			}
			st := nt.newStepper(c.LR)
			nt.backward(m, false, &st)
			if c.Progress != nil {
				c.Progress(epoch, s+1, steps)
			}
		}
		e := Epoch{Epoch: epoch, TrainLoss: loss / float64(seen), TrainAccuracy: float64(correct) / float64(seen)}
		e.Seconds = time.Since(start).Seconds()
		start = time.Now()
		e.TestLoss, e.TestAccuracy = tr.evaluate()
		if !res.Diverged {
			e.Layers = tr.probe()
		}
		e.EvalSeconds = time.Since(start).Seconds()
		res.Epochs = append(res.Epochs, e)
		if res.Diverged {
			break
		}
	}
	return res, nil
}

// pixelMoments returns the mean and standard deviation of all pixels of s,
// exactly from their histogram.
func pixelMoments(s *Set) (mean, sd float64) {
	var h [256]int64
	for _, v := range s.Images {
		h[v]++
	}
	n := float64(len(s.Images))
	for v, c := range h {
		mean += float64(v) * float64(c)
	}
	mean /= n
	var ss float64
	for v, c := range h {
		d := float64(v) - mean
		ss += d * d * float64(c)
	}
	return mean, math.Sqrt(ss / n)
}

// gather writes the standardized samples idx of s into tr.x and their
// labels into tr.labels.
func (tr *trainer[T]) gather(s *Set, idx []int) {
	f := s.Features()
	byRows(len(idx), func(r0, r1 int) {
		for r := r0; r < r1; r++ {
			src := s.Images[idx[r]*f : (idx[r]+1)*f]
			dst := tr.x[r*f : (r+1)*f]
			for p, v := range src {
				dst[p] = tr.lut[v]
			}
		}
	})
	for r, i := range idx {
		tr.labels[r] = s.Labels[i]
	}
}

// evaluate returns the mean loss and the accuracy on the test set, in
// batches, with BatchNorm's running statistics and without dropout.
func (tr *trainer[T]) evaluate() (loss, acc float64) {
	rows := len(tr.labels)
	idx := make([]int, 0, rows)
	var correct int
	for i0 := 0; i0 < tr.tst.N; i0 += rows {
		idx = idx[:0]
		for i := i0; i < min(i0+rows, tr.tst.N); i++ {
			idx = append(idx, i)
		}
		tr.gather(tr.tst, idx)
		logits := tr.nt.forward(tr.x, len(idx), modeEval, 0)
		l, k := softmaxLoss[T](logits, tr.labels, len(idx), nil)
		loss += l
		correct += k
	}
	n := float64(tr.tst.N)
	return loss / n, float64(correct) / n
}

// probe runs the probe batch (the first Batch training samples) forward in
// training mode without dropout and backward, and returns the statistics
// of every hidden layer. It changes no parameter.
func (tr *trainer[T]) probe() []LayerStats {
	rows := len(tr.labels)
	idx := make([]int, rows)
	for i := range idx {
		idx[i] = i
	}
	tr.gather(tr.train, idx)
	nt := tr.nt
	logits := nt.forward(tr.x, rows, modeProbe, 0)
	softmaxLoss(logits, tr.labels, rows, nt.d0)
	nt.backward(rows, true, nil)
	var st []LayerStats
	for l, ly := range nt.layers {
		if !ly.hidden {
			continue
		}
		out := ly.out[:rows*ly.n]
		var s, ss float64
		for _, v := range out {
			s += float64(v)
		}
		m := s / float64(len(out))
		for _, v := range out {
			d := float64(v) - m
			ss += d * d
		}
		st = append(st, LayerStats{Layer: l + 1, Mean: m, Var: ss / float64(len(out)),
			DeltaRMS: math.Sqrt(ly.deltaSS / float64(len(out))), GradNorm: ly.gradNorm})
	}
	return st
}
