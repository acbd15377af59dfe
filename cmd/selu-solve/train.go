package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/selu-tool/selu/internal/atomicfile"
	"github.com/selu-tool/selu/train"
)

func init() {
	register(command{
		name:    "train",
		summary: "train a deep SELU, ReLU + BN or ReLU network on (Fashion-)MNIST; --study compares targets",
		run:     runTrain,
	})
}

const trainSynopsis = `selu-solve train [--mean 0 --var 1] [--omega 0 --tau 1] [--activation selu|relu-bn|relu]
       [--depth 8] [--width 256] [--epochs 10] [--batch 128] [--lr 0.01] [--optimizer sgd|adam]
       [--dropout R] [--seed 1] [--data DIR] [--json]
   or: selu-solve train --study [--quick] [--json | --csv] [--html study.html]

Trains a dense classifier (input, --depth hidden layers of --width units,
10-way softmax, cross-entropy) on MNIST or Fashion-MNIST in idx format
(--data DIR; default /usr/share/datasets/fashion-mnist, Debian's
dataset-fashion-mnist) and prints the training loss and test accuracy after
every epoch, and the per-layer activation mean and variance and gradient
norms at initialization and after the last epoch (all epochs with --json).

SELU units use the λ, α solved for the target (--mean, --var) at (--omega,
--tau); the inputs are standardized to that mean and variance, and the
weights are LeCun-normal N(0, τ/k) when ω = 0 and μ* = 0, exact rows
(Σw = ω, Σw² = τ per unit) otherwise (--init overrides: lecun, exact, he,
gain=0.75 for PyTorch's SELU gain). --dropout adds alpha dropout with the
target's a, b. relu-bn is ReLU after BatchNorm, relu is ReLU with He weights.

--study trains SELU 0/0.25, 0/1, 0/4 and ReLU + BN at depths 8, 32 and 64,
width 256, 3 epochs, learning rate 0.002 (about 10 minutes on 2 cores) and
prints a table (--json, --csv), and with --html writes a page with the
learning curves, accuracy against depth with the mean-field trainable
depth 6ξ_c, and the gradients at initialization against χ. --quick runs a
small version.
--epochs, --width, --batch, --lr, --optimizer, --seed, --train-limit and
--test-limit apply to the study.

A network whose buffers (weights, gradients, packed copies, optimizer
state, a batch of activations) would need more than 90% of the available
memory is refused before training, and so is a run (or study) of more
than --max-work multiply-adds: about 3 per weight for every training
sample of every epoch and 1 per weight for every test sample at each
evaluation; the default 1e14 is about an hour on two cores, the default
study about 1.7e13. Ctrl-C stops after the current step
and prints the epochs that finished.
The same seed gives the same numbers whatever the number of cores.`

func runTrain(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("train", trainSynopsis, stderr)
	mean := fs.String("mean", "0", "SELU target mean μ* (exact decimal)")
	variance := fs.String("var", "1", "SELU target variance ν* > 0 (exact decimal)")
	omega := fs.String("omega", "0", "SELU weights' ω = Σw per unit (exact decimal)")
	tau := fs.String("tau", "1", "SELU weights' τ = Σw² per unit, > 0 (exact decimal)")
	act := fs.String("activation", "selu", "selu, relu-bn or relu")
	initF := fs.String("init", "auto", "hidden weights: auto, lecun, exact, he or gain=G")
	depth := fs.Int("depth", 8, "hidden layers L")
	width := fs.Int("width", 256, "units per hidden layer n")
	epochs := fs.Int("epochs", 10, "epochs")
	batch := fs.Int("batch", 128, "mini-batch size")
	lr := fs.Float64("lr", 0.01, "learning rate")
	momentum := fs.Float64("momentum", 0.9, "SGD momentum in [0, 1)")
	opt := fs.String("optimizer", "sgd", "sgd (with momentum) or adam")
	dropout := fs.Float64("dropout", 0, "alpha-dropout rate in [0, 1) (SELU only)")
	seed := fs.Uint64("seed", 1, "random seed: weights, shuffling, dropout")
	data := fs.String("data", "", "directory of the idx files (default "+train.DefaultDataDir+")")
	dtype := fs.String("dtype", "float32", "float32 or float64")
	trainLimit := fs.Int("train-limit", 0, "use only the first N training samples (0: all)")
	testLimit := fs.Int("test-limit", 0, "use only the first N test samples (0: all)")
	asJSON := fs.Bool("json", false, "write JSON")
	asCSV := fs.Bool("csv", false, "study: write CSV (one line per run and epoch)")
	htmlOut := fs.String("html", "", "study: also write the HTML page to this file")
	study := fs.Bool("study", false, "run the study (see above)")
	quick := fs.Bool("quick", false, "study: the small smoke-test version")
	quiet := fs.Bool("quiet", false, "no progress bar")
	maxWork := realFlag(fs, "max-work", trainDefaultMaxWork, "refuse runs of more multiply-adds than this")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	set := setFlags(fs)
	if !(*maxWork > 0) {
		return badInput("--max-work must be > 0, got %v", *maxWork)
	}

	// Check every flag before loading data.
	if err := firstError(finite("lr", *lr), finite("momentum", *momentum), finite("dropout", *dropout)); err != nil {
		return err
	}
	if *asJSON && *asCSV {
		return badInput("train: --json and --csv are alternatives; choose one")
	}
	if !*study {
		for _, f := range []string{"quick", "csv", "html"} {
			if set[f] {
				return badInput("train: --%s applies to --study only", f)
			}
		}
	}
	// The page's destination is checked before the study, not after it.
	if set["html"] {
		if *htmlOut == "" {
			return badInput("train: --html needs a file name")
		}
		if err := atomicfile.Check(*htmlOut); err != nil {
			return badInput("train: --html %s: %v", *htmlOut, err)
		}
	}
	a, err := train.ParseActivation(*act)
	if err != nil {
		return badInput("--activation must be selu, relu-bn or relu, got %q", *act)
	}
	o, err := train.ParseOptimizer(*opt)
	if err != nil {
		return badInput("--optimizer must be sgd or adam, got %q", *opt)
	}
	in, err := train.ParseInit(*initF)
	if err != nil {
		return badInput("--init must be auto, lecun, exact, he or gain=G with G > 0, got %q", *initF)
	}
	var dt train.DType
	switch *dtype {
	case "float32":
	case "float64":
		dt = train.Float64
	default:
		return badInput("--dtype must be float32 or float64, got %q", *dtype)
	}
	ints := []struct {
		name   string
		v, lo  int
		hi     int
		inHelp string
	}{
		{"depth", *depth, 1, train.MaxDepth, ""}, {"width", *width, 2, train.MaxWidth, ""},
		{"epochs", *epochs, 1, 100000, ""}, {"batch", *batch, 2, train.MaxBatch, ""},
		{"train-limit", *trainLimit, 0, 1 << 30, ""}, {"test-limit", *testLimit, 0, 1 << 30, ""},
	}
	for _, x := range ints {
		if x.v < x.lo || x.v > x.hi {
			return badInput("--%s must be between %d and %d, got %d", x.name, x.lo, x.hi, x.v)
		}
	}
	if *lr <= 0 {
		return badInput("--lr must be > 0, got %v", *lr)
	}
	if *momentum < 0 || *momentum >= 1 {
		return badInput("--momentum must be in [0, 1), got %v", *momentum)
	}
	if *dropout < 0 || *dropout >= 1 {
		return badInput("--dropout must be in [0, 1), got %v", *dropout)
	}
	if *study {
		for _, f := range []string{"mean", "var", "omega", "tau", "activation", "init", "depth", "dropout", "momentum", "dtype"} {
			if set[f] {
				return badInput("train: --%s is fixed by --study (it compares SELU targets and ReLU + BN at fixed depths); drop it or run without --study", f)
			}
		}
	}
	if a != train.SELU && !*study {
		for _, f := range []string{"mean", "var", "omega", "tau", "dropout"} {
			if set[f] {
				return badInput("train: --%s applies to SELU units, not --activation %s", f, a)
			}
		}
	}

	// The configuration (solving the SELU) before the data.
	c := train.Defaults()
	c.Activation, c.Init, c.DType = a, in, dt
	c.Depth, c.Width, c.Epochs, c.Batch = *depth, *width, *epochs, *batch
	c.LR, c.Momentum, c.Optimizer, c.Seed = *lr, *momentum, o, *seed
	c.TrainLimit, c.TestLimit = *trainLimit, *testLimit
	if a == train.SELU && !*study {
		if _, _, _, err := parseProblem(*mean, *variance, *omega, *tau); err != nil {
			return err
		}
		if err := c.SolveSELU(*mean, *variance, *omega, *tau, *dropout); err != nil {
			return usageError{err}
		}
	}
	if !*study {
		if err := c.Validate(); err != nil {
			return usageError{err}
		}
	}
	var sc train.StudyConfig
	if *study {
		sc = train.DefaultStudy()
		if *quick {
			sc = train.QuickStudy()
		}
		if set["epochs"] {
			sc.Epochs = *epochs
		}
		if set["width"] {
			sc.Width = *width
		}
		if set["batch"] {
			sc.Batch = *batch
		}
		if set["lr"] {
			sc.LR = *lr
		}
		if set["optimizer"] {
			sc.Optimizer = o
		}
		if set["seed"] {
			sc.Seed = *seed
		}
		if set["train-limit"] {
			sc.TrainLimit = *trainLimit
		}
		if set["test-limit"] {
			sc.TestLimit = *testLimit
		}
		if err := sc.Validate(); err != nil {
			return usageError{err}
		}
	}

	dir := *data
	if dir == "" {
		if _, err := os.Stat(train.DefaultDataDir); err != nil {
			return badInput("train: no data: Fashion-MNIST is not installed in %s (Debian: apt-get install dataset-fashion-mnist); give --data DIR with the idx files of MNIST or Fashion-MNIST", train.DefaultDataDir)
		}
		dir = train.DefaultDataDir
	}
	trainSet, testSet, err := train.LoadDir(dir)
	if err != nil {
		return usageError{err}
	}
	// Memory, before any training: the largest network asked for.
	est, netDepth, netWidth, netBatch := c, c.Depth, c.Width, c.Batch
	if *study {
		// The study's deepest arm, with BatchNorm's extra buffers.
		netDepth, netWidth, netBatch = slices.Max(sc.Depths), sc.Width, sc.Batch
		est.Optimizer, est.Activation, est.Dropout = sc.Optimizer, train.ReLUBN, 0
	}
	if need, avail := trainNetBytes(&est, netDepth, netWidth, netBatch, trainSet.Features()), trainMemory(); need > avail/10*9 {
		return badInput("train: the network needs about %s (%d hidden layers of %d units: weights with their gradients, packed copies and optimizer state, %v) but only %s is available; use a smaller --width or --depth",
			mcBytes(need), netDepth, netWidth, est.DType, mcBytes(avail))
	}
	// Time, before any training: the multiply-adds of every run asked for.
	nTrain, nTest := trainSet.Subset(c.TrainLimit).N, testSet.Subset(c.TestLimit).N
	work, what := trainWork(c.Depth, c.Width, trainSet.Features(), c.Epochs, nTrain, nTest), "the run"
	if *study {
		nTrain, nTest = trainSet.Subset(sc.TrainLimit).N, testSet.Subset(sc.TestLimit).N
		work, what = 0, "the study"
		for _, d := range sc.Depths {
			work += float64(len(sc.Arms)) * trainWork(d, sc.Width, trainSet.Features(), sc.Epochs, nTrain, nTest)
		}
	}
	if work > *maxWork {
		return badInput("train: %s is about %.2g multiply-adds (%d training and %d test samples), over the limit of %.2g of --max-work; use a smaller --width, --depth or --epochs, --train-limit, or raise --max-work to run it anyway",
			what, work, nTrain, nTest, *maxWork)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var bar *trainBar
	if !*quiet && isTerminal(stderr) {
		bar = &trainBar{w: stderr}
	}
	if *study {
		return runTrainStudy(ctx, sc, trainSet, testSet, bar, args, dir, *asJSON, *asCSV, *htmlOut, stdout, stderr)
	}
	if bar != nil {
		c.Progress = func(epoch, step, steps int) { bar.update(fmt.Sprintf("epoch %d/%d", epoch, c.Epochs), step, steps) }
	}
	res, err := train.Run(ctx, c, trainSet, testSet)
	bar.done()
	if err != nil {
		return usageError{err}
	}
	if res.Interrupted {
		fmt.Fprintf(stderr, "selu-solve: train: interrupted; %d finished epochs follow\n", len(res.Epochs))
	}
	if *asJSON {
		return writeJSON(stdout, res)
	}
	return writeTrainText(stdout, res, dir)
}

// runTrainStudy runs and writes the study.
func runTrainStudy(ctx context.Context, sc train.StudyConfig, trainSet, testSet *train.Set, bar *trainBar, args []string, dir string,
	asJSON, asCSV bool, htmlOut string, stdout, stderr io.Writer) error {
	if bar != nil {
		sc.Progress = func(run, runs int, name string, depth, epoch, step, steps int) {
			bar.update(fmt.Sprintf("run %d/%d %s depth %d, epoch %d/%d", run, runs, name, depth, epoch, sc.Epochs), step, steps)
		}
	}
	load0 := trainLoadAverage()
	date := time.Now().UTC().Format("2006-01-02 15:04 UTC")
	st, err := train.RunStudy(ctx, sc, trainSet, testSet)
	bar.done()
	if err != nil {
		return usageError{err}
	}
	if st.Interrupted {
		fmt.Fprintf(stderr, "selu-solve: train: study interrupted; the %d runs started so far follow\n", len(st.Runs))
	}
	if htmlOut != "" {
		var b bytes.Buffer
		info := train.PageInfo{
			Command: "selu-solve train " + strings.Join(args, " "),
			Machine: fmt.Sprintf("%s, %d cores (GOMAXPROCS %d)", trainCPUModel(), runtime.NumCPU(), runtime.GOMAXPROCS(0)),
			Date:    date, Load: fmt.Sprintf("%s at the start, %s at the end (1, 5, 15 min)", load0, trainLoadAverage()), Data: dir,
		}
		if err := st.WriteHTML(&b, info); err != nil {
			return err
		}
		if err := atomicfile.WriteFile(htmlOut, b.Bytes(), 0o644); err != nil {
			return badInput("train: --html: %v", err)
		}
	}
	switch {
	case asJSON:
		return st.WriteJSON(stdout)
	case asCSV:
		return st.WriteCSV(stdout)
	}
	return st.WriteText(stdout)
}

// writeTrainText prints a run: the configuration, one line per epoch, and
// the per-layer statistics at initialization and after the last epoch.
func writeTrainText(w io.Writer, res *train.Result, dir string) error {
	c := res.Config
	var sb strings.Builder
	switch c.Activation {
	case train.SELU:
		fmt.Fprintf(&sb, "SELU for the target (%g, %g) with ω = %g, τ = %g: λ = %v, α = %v", c.Target.Mean, c.Target.Var, c.Weights.Omega, c.Weights.Tau, c.Constants.Lambda, c.Constants.Alpha)
		if c.Dropout > 0 {
			fmt.Fprintf(&sb, "; alpha dropout %g (a = %.6g, b = %.6g)", c.Dropout, c.DropoutA, c.DropoutB)
		}
	case train.ReLUBN:
		sb.WriteString("ReLU after BatchNorm")
	default:
		sb.WriteString("ReLU")
	}
	fmt.Fprintf(&sb, "\ndepth %d, width %d, %d parameters; batch %d, %v lr %g", c.Depth, c.Width, res.Params, c.Batch, c.Optimizer, c.LR)
	if c.Optimizer == train.SGD {
		fmt.Fprintf(&sb, " momentum %g", c.Momentum)
	}
	fmt.Fprintf(&sb, ", %v, seed %d\ndata: %s, %d training and %d test samples; %d workers, gemm kernel %s\n\n",
		c.DType, c.Seed, dir, res.TrainSamples, res.TestSamples, res.Parallelism, res.Kernel)
	tw := tabwriter.NewWriter(&sb, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "epoch\ttrain loss\ttrain acc %\ttest loss\ttest acc %\tseconds\t")
	fmt.Fprintf(tw, "0\t\t\t%.4f\t%.2f\t\t\n", res.InitTestLoss, 100*res.InitTestAccuracy)
	for _, e := range res.Epochs {
		fmt.Fprintf(tw, "%d\t%.4f\t%.2f\t%.4f\t%.2f\t%.1f\t\n", e.Epoch, e.TrainLoss, 100*e.TrainAccuracy, e.TestLoss, 100*e.TestAccuracy, e.Seconds)
	}
	tw.Flush()
	if res.Diverged {
		sb.WriteString("\nThe training loss diverged (NaN or infinite); training stopped.\n")
	}
	last := res.Init
	lastName := "init"
	if n := len(res.Epochs); n > 0 && len(res.Epochs[n-1].Layers) > 0 {
		last, lastName = res.Epochs[n-1].Layers, fmt.Sprintf("epoch %d", n)
	}
	fmt.Fprintf(&sb, "\nper layer on the probe batch (first %d training samples): activation mean and variance,\nRMS of ∂L/∂z and ‖∂L/∂W‖ at initialization and after %s\n\n", min(c.Batch, res.TrainSamples), lastName)
	tw = tabwriter.NewWriter(&sb, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "layer\tmean\tvar\tδ rms\t‖∂W‖\t\tmean\tvar\tδ rms\t‖∂W‖\t")
	for i, l := range res.Init {
		fmt.Fprintf(tw, "%d\t%.4f\t%.4f\t%.3g\t%.3g\t\t", l.Layer, l.Mean, l.Var, l.DeltaRMS, l.GradNorm)
		if i < len(last) {
			m := last[i]
			fmt.Fprintf(tw, "%.4f\t%.4f\t%.3g\t%.3g\t", m.Mean, m.Var, m.DeltaRMS, m.GradNorm)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	_, err := io.WriteString(w, sb.String())
	return err
}

// trainBar draws a one-line progress bar on a terminal.
type trainBar struct {
	w     io.Writer
	last  time.Time
	drawn bool
}

func (b *trainBar) update(label string, step, steps int) {
	if now := time.Now(); step < steps && now.Sub(b.last) < 100*time.Millisecond {
		return
	} else {
		b.last = now
	}
	const cells = 24
	k := step * cells / max(steps, 1)
	fmt.Fprintf(b.w, "\rtrain: %s [%s%s] %d/%d  ", label, strings.Repeat("#", k), strings.Repeat(".", cells-k), step, steps)
	b.drawn = true
}

// done erases the bar; it accepts a nil receiver (no bar).
func (b *trainBar) done() {
	if b != nil && b.drawn {
		fmt.Fprintf(b.w, "\r%s\r", strings.Repeat(" ", 100))
	}
}

// trainLoadAverage returns the three load averages of /proc/loadavg, or "unknown".
func trainLoadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], ", ")
	}
	return "unknown"
}

// trainCPUModel returns the CPU's model name from /proc/cpuinfo, or GOARCH.
func trainCPUModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err == nil {
		for line := range strings.SplitSeq(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				return strings.TrimSpace(v)
			}
		}
	}
	return runtime.GOARCH
}

// trainMemory is the memory available to a training run (mcAvailableMemory;
// tests replace it).
var trainMemory = func() int64 { m, _ := mcAvailableMemory(); return m }

// trainNetBytes estimates the memory of the network train.Run builds for c
// with depth hidden layers of width units, batches of batch rows and
// inputs features: every weight matrix k×n five times (weights, gradient,
// two packed layouts for the forward and backward products, momentum), six
// times with Adam, each layer's activations (and BatchNorm's normalized
// inputs, dropout's masks) for a batch, and the two delta buffers, with a
// tenth added for the kernels' padding and small buffers.
func trainNetBytes(c *train.Config, depth, width, batch, inputs int) int64 {
	size := int64(4)
	if c.DType == train.Float64 {
		size = 8
	}
	copies := int64(5)
	if c.Optimizer == train.Adam {
		copies++
	}
	b := int64(batch)
	var elems int64
	k := int64(inputs)
	for l := 0; l <= depth; l++ {
		n := int64(train.Classes)
		if l < depth {
			n = int64(width)
		}
		elems += k*n*copies + 2*n*copies // weights; biases or BatchNorm's γ, β
		acts := int64(1)
		if l < depth && c.Activation == train.ReLUBN {
			acts++
		}
		if l < depth && c.Dropout > 0 {
			acts += 2 // the output after dropout, and the mask (at most one element's size)
		}
		elems += b * n * acts
		k = n
	}
	elems += 2 * b * int64(max(inputs, width, train.Classes))
	return elems * size / 10 * 11
}

// trainDefaultMaxWork is the default of --max-work: 1e14 multiply-adds,
// about an hour on two cores (the default study, about 1.7e13, took 9
// minutes on an Intel Xeon with AVX-512).
const trainDefaultMaxWork = 1e14

// trainWork estimates the multiply-adds of one training run: a network of
// P weights (inputs×width, depth−1 times width², width×10) costs about 3P
// per training sample and epoch (the forward product and the two backward
// products, for the deltas and for the weight gradients) and P per test
// sample at each of the epochs+1 evaluations.
func trainWork(depth, width, inputs, epochs, nTrain, nTest int) float64 {
	w := float64(width)
	p := float64(inputs)*w + float64(depth-1)*w*w + w*float64(train.Classes)
	return p * (3*float64(epochs)*float64(nTrain) + float64(epochs+1)*float64(nTest))
}
