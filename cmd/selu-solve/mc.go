package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/selu-tool/selu/internal/decimal"
	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/montecarlo"
	"github.com/selu-tool/selu/solver"
)

func init() {
	register(command{
		name:    "mc",
		summary: "simulate a deep SELU network and compare each layer with the map",
		run:     runMC,
	})
}

const mcSynopsis = `selu-solve mc [--mean 0 --var 1] [--omega 0 --tau 1] [--width 1024] [--depth 32]
       [--batch 1024] [--dtype float32|float64] [--weights exact|lecun|gain=0.75] [--dropout R]
       [--input-mean a --input-var b | --input FILE.csv] [--lambda L --alpha A] [--seed 1]
       [--gradients] [--pair C0] [--quiet] [--json]

Simulates a dense SELU network of --depth layers of --width units on a batch
of inputs, with fresh weights for every layer, and prints for every layer the
mean and variance of the activations (pooled over batch × width) with their
standard errors, beside the prediction of the layer map g iterated from the
measured input moments. λ and α are solved for the target (--mean, --var) at
(--omega, --tau) unless --lambda and --alpha are given.

Weights: exact makes every unit's weights sum to ω with squares summing to τ
exactly (centre, scale, shift), and the prediction is the map g; lecun draws
N(0, 1/n) and gain=G draws N(0, G²/n) (PyTorch's calculate_gain('selu') is
3/4): every unit's Σw is then random, N(0, τ) with τ = G², the statistics
pooled over units follow the one-dimensional map of var + mean²
(docs/model.md §7), and λ, α are solved for that map (as solve --weights
lecun does), which it predicts. With --lambda and --alpha (for example the
exact-row constants) the prediction is still that map.
Inputs are N(mean+1, 2·var) by default, away from the target so that
convergence shows, or the rows of a CSV file (one sample per line).

The verdict compares the last layer with the target within 3 standard
deviations plus a finite-width allowance (docs/montecarlo.md); it does not
call a run converged when the map's own prediction is not at the target
(too few layers, or a drift) or the tolerance is as wide as the target. Exit status:
0 converged, 1 did not converge, 2 bad input.

Limits, checked before any work: width 2 to 65536, depth 1 to 10000, batch 1
to 16777216; the memory of every buffer the run allocates (the inputs, two
activation buffers, the packed weights, the kernel's blocks) at most 90% of
MemAvailable; and the work L·n·n·(B + 256) multiply-adds (a weight draw
costs about 256) at most --max-work, 1e12 by default, a few minutes on two
cores. An input file has fields of at most 1024 bytes and at most 65536 per
line. Generated inputs N(m, v) must fit the number type: |m| + 10·√v in its
range and √v at least 64 units in the last place of m. A run whose
activations overflow it (λ, α or the inputs too large), or whose inputs
have variance 0, is refused, exit 2.`

// Memory used when /proc/meminfo is not readable.
const mcFallbackMemory = 4 << 30

// mcDefaultMaxWork is the default of --max-work: 1e12 multiply-adds, a few
// minutes on two cores.
const mcDefaultMaxWork = 1e12

// mcRun and mcMemory are montecarlo.Run and mcAvailableMemory; tests
// replace them to check that a refusal comes before any work.
var (
	mcRun    = montecarlo.Run
	mcMemory = mcAvailableMemory
)

// mcJSON is the --json output.
type mcJSON struct {
	Layers    []mcLayerJSON `json:"layers"`
	Converged bool          `json:"converged"`
	Seconds   jsonNumber    `json:"seconds"`
	GFlops    jsonNumber    `json:"gflops"`

	Verdict       string     `json:"verdict"`
	Target        [2]float64 `json:"target"`
	Lambda        float64    `json:"lambda"`
	Alpha         float64    `json:"alpha"`
	Omega         float64    `json:"omega"`
	Tau           float64    `json:"tau"`
	Weights       string     `json:"weights"`
	DType         string     `json:"dtype"`
	Width         int        `json:"width"`
	Depth         int        `json:"depth"`
	Batch         int        `json:"batch"`
	Seed          uint64     `json:"seed"`
	DropoutRate   float64    `json:"dropout_rate"`
	DropoutA      float64    `json:"dropout_a"`
	DropoutB      float64    `json:"dropout_b"`
	InputMean     jsonNumber `json:"input_mean"`
	InputVar      jsonNumber `json:"input_var"`
	ToleranceSDs  float64    `json:"tolerance_sds"`
	MemoryBytes   int64      `json:"memory_bytes"`
	InputFileRows int        `json:"input_rows,omitempty"`
	*mcTrackJSON             // --gradients, --pair
}

type mcLayerJSON struct {
	Layer         int        `json:"layer"`
	Mean          jsonNumber `json:"mean"`
	Var           jsonNumber `json:"var"`
	MeanSE        jsonNumber `json:"mean_se"`
	VarSE         jsonNumber `json:"var_se"`
	PredictedMean jsonNumber `json:"predicted_mean"`
	PredictedVar  jsonNumber `json:"predicted_var"`
	UnitMeanSD    jsonNumber `json:"unit_mean_sd"`
	UnitVarSD     jsonNumber `json:"unit_var_sd"`
	MeanTolerance jsonNumber `json:"mean_tolerance"`
	VarTolerance  jsonNumber `json:"var_tolerance"`
}

// mcK is the number of standard deviations of the verdict.
const mcK = 3

func runMC(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("mc", mcSynopsis, stderr)
	mean := fs.String("mean", "0", "target mean μ* (exact: 0.1 or 1/3)")
	variance := fs.String("var", "1", "target variance ν* > 0 (exact: 0.1 or 1/3)")
	omega := fs.String("omega", "0", "ω = Σw of every unit's weights (exact weights only)")
	tau := fs.String("tau", "1", "τ = Σw² of every unit's weights, > 0 (exact weights only)")
	width := fs.Int("width", 1024, "units per layer n")
	depth := fs.Int("depth", 32, "number of SELU layers L")
	batch := fs.Int("batch", 1024, "inputs per batch B (with --input: the first B rows, all rows when not given)")
	dtype := fs.String("dtype", "float32", "float32 or float64")
	weights := fs.String("weights", "exact", "exact, lecun or gain=G")
	dropout := realFlag(fs, "dropout", 0, "alpha dropout rate between layers, in [0, 1)")
	inMean := realFlag(fs, "input-mean", 0, "mean of the generated inputs (default: target mean + 1)")
	inVar := realFlag(fs, "input-var", 0, "variance of the generated inputs (default: 2 × target variance)")
	input := fs.String("input", "", "CSV file of inputs, one sample per line (instead of generated inputs)")
	lambda := realFlag(fs, "lambda", 0, "SELU λ (with --alpha; default: solved for the target)")
	alpha := realFlag(fs, "alpha", 0, "SELU α (with --lambda; default: solved for the target)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same numbers")
	quiet := fs.Bool("quiet", false, "no progress bar")
	asJSON := fs.Bool("json", false, "write JSON instead of text")
	gradients := fs.Bool("gradients", false, "also backpropagate a random linear read-out: squared gradient norm per layer beside χ")
	pair := fs.String("pair", "", "send the batch as pairs of inputs with correlation C0 in [-1, 1]: measured correlation per layer beside the correlation map")
	maxWork := realFlag(fs, "max-work", mcDefaultMaxWork, "refuse runs of more multiply-adds than this (weight draws count 256 each)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	set := setFlags(fs)
	if !(*maxWork > 0) {
		return badInput("--max-work must be > 0, got %v", *maxWork)
	}

	// Check every flag before any work.
	if *width < 2 || *width > montecarlo.MaxWidth {
		return badInput("--width must be between 2 and %d, got %d", montecarlo.MaxWidth, *width)
	}
	if *depth < 1 || *depth > montecarlo.MaxDepth {
		return badInput("--depth must be between 1 and %d, got %d", montecarlo.MaxDepth, *depth)
	}
	if *batch < 1 || *batch > montecarlo.MaxBatch {
		return badInput("--batch must be between 1 and %d, got %d", montecarlo.MaxBatch, *batch)
	}
	dt, err := montecarlo.ParseDType(*dtype)
	if err != nil {
		return badInput("--dtype must be float32 or float64, got %q", *dtype)
	}
	winit, err := montecarlo.ParseInit(*weights)
	randomTau := big.NewRat(1, 1) // τ of random weights, exact: G² (1 for lecun)
	if g, ok := strings.CutPrefix(*weights, "gain="); ok {
		// G with the grammar of every number (gain=3/4 too).
		var r *big.Rat
		if r, err = decimal.Parse(g); err == nil && r.Sign() > 0 {
			winit = montecarlo.Init{Kind: montecarlo.Gain}
			winit.Gain, err = ratFloat(r)
			randomTau.Mul(r, r)
		} else if err == nil {
			err = errors.New("not > 0")
		}
	}
	if err != nil {
		return badInput("--weights must be exact, lecun or gain=G with G > 0, got %s", decimal.Quote(*weights))
	}
	if err := firstError(finite("dropout", *dropout), finite("input-mean", *inMean), finite("input-var", *inVar),
		finite("lambda", *lambda), finite("alpha", *alpha)); err != nil {
		return err
	}
	if *dropout < 0 || *dropout >= 1 {
		return badInput("--dropout must be in [0, 1), got %v", *dropout)
	}
	if set["input"] && strings.TrimSpace(*input) == "" {
		return badInput("--input needs a file name (a CSV file of inputs, one sample per line)")
	}
	if set["input"] && (set["input-mean"] || set["input-var"]) {
		return badInput("--input reads the inputs from a file; drop --input-mean and --input-var")
	}
	if set["input-var"] && *inVar <= 0 {
		return badInput("--input-var must be > 0, got %v", *inVar)
	}
	if set["lambda"] != set["alpha"] {
		return badInput("--lambda and --alpha go together (or leave both out to solve them for the target)")
	}
	if set["lambda"] && (*lambda <= 0 || *alpha <= 0) {
		return badInput("--lambda and --alpha must be > 0, got %v and %v", *lambda, *alpha)
	}
	t, om, ta, err := parseProblem(*mean, *variance, *omega, *tau)
	if err != nil {
		return err
	}
	omF, _ := om.Float64()
	taF, _ := ta.Float64()
	if winit.Kind != montecarlo.Exact && (omF != 0 || taF != 1) {
		return badInput("--omega and --tau set every unit's weight sums exactly and need --weights exact; %v weights have ω = 0 and τ = %v only on average", winit, mcNominalTau(winit))
	}
	muF, _ := t.Mean.Float64()
	nuF, _ := t.Var.Float64()

	cfg := &montecarlo.Config{
		Width: *width, Depth: *depth, Batch: *batch, DType: dt,
		Target:      mapping.Point{Mean: muF, Var: nuF},
		Init:        winit,
		Weights:     mapping.Weights{Omega: omF, Tau: taF},
		DropoutRate: *dropout,
		InputMean:   muF + 1, InputVar: 2 * nuF,
		Seed: *seed,
	}
	if err := mcTracking(cfg, *gradients, *pair, set["pair"]); err != nil {
		return err
	}
	if set["input-mean"] {
		cfg.InputMean = *inMean
	}
	if set["input-var"] {
		cfg.InputVar = *inVar
	}
	avail, availFrom := mcMemory()

	if set["input"] {
		if !set["batch"] {
			cfg.Batch = 0 // all rows
		}
		m, err := mcReadInput(*input, avail)
		if err != nil {
			return err
		}
		cfg.Inputs = m
		if cfg.Batch > m.Rows {
			return badInput("--batch %d exceeds the %d data rows of %s", cfg.Batch, m.Rows, *input)
		}
	}
	// Memory, before any work.
	need := cfg.Bytes()
	if need > avail*9/10 {
		b, k0 := *batch, *width
		if cfg.Inputs != nil {
			b, k0 = cfg.Inputs.Rows, cfg.Inputs.Cols
			if cfg.Batch > 0 {
				b = cfg.Batch
			}
		}
		return badInput("the run needs about %s (activations 2×%d×%d, weights %d×%d, %v) but only %s is available (%s); use a smaller --width or --batch",
			mcBytes(need), b, *width, max(k0, *width), *width, dt, mcBytes(avail), availFrom)
	}
	if w := cfg.Work(); w > *maxWork {
		return badInput("the run is about %.2g multiply-adds (depth %d × width² %d² × (batch + 256 per weight draw)), over the limit of %.2g of --max-work; use a smaller --depth, --width or --batch, or raise --max-work to run it anyway",
			w, *depth, *width, *maxWork)
	}

	// Constants.
	var dropRes *solver.Dropout
	if set["lambda"] {
		cfg.Constants = mapping.Constants{Lambda: *lambda, Alpha: *alpha}
	} else {
		opts := &solver.Options{Omega: om, Tau: ta}
		if *dropout > 0 {
			opts.DropoutRates = []float64{*dropout}
		}
		var res *solver.Result
		if winit.Kind == montecarlo.Exact {
			res, err = solver.Solve(t, opts)
		} else {
			// Random weights: the constants of the random-weight map
			// (solver.SolveLeCun, docs/model.md §7) at τ = G².
			res, err = solver.SolveLeCun(t, randomTau, &solver.Options{DropoutRates: opts.DropoutRates})
			err = lecunScaleError(err, randomTau)
		}
		if err != nil {
			return solverError(err, map[string]string{"mean": *mean, "var": *variance, "omega": *omega, "tau": *tau})
		}
		cfg.Constants = res.Constants
		if len(res.Dropout) == 1 {
			dropRes = &res.Dropout[0]
		}
	}
	if dropRes != nil {
		cfg.DropoutA, _ = dropRes.A.Float64()
		cfg.DropoutB, _ = dropRes.B.Float64()
	}
	if err := cfg.Validate(); err != nil {
		if ce := (*montecarlo.ConfigError)(nil); errors.As(err, &ce) {
			return badInput("%s", ce.Reason)
		}
		return usageError{err}
	}

	if cfg.Inputs == nil {
		if err := mcInputsFit(cfg, set["input-mean"] || set["input-var"]); err != nil {
			return err
		}
	}

	// Progress on a terminal only.
	var bar *mcProgress
	if !*quiet && mcIsTerminal(stderr) {
		bar = &mcProgress{w: stderr}
		cfg.Progress = bar.update
	}
	res, err := mcRun(context.Background(), cfg)
	bar.done()
	if err != nil {
		return usageError{err}
	}

	if err := mcFinite(res); err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(stdout, mcToJSON(res, need)); err != nil {
			return err
		}
	} else if err := writeMCText(stdout, res); err != nil {
		return err
	}
	if !res.Converged(mcK) {
		return negativeResult{"the network did not converge to the target (see the verdict)"}
	}
	return nil
}

// mcInputsFit refuses generated inputs N(m, v) that the simulation's
// number type cannot hold: |m| + 10·√v must be finite in it, and √v at
// least 64 units in the last place of m (and not below 2⁻¹⁰⁰ in float32,
// 2⁻¹⁰⁰⁰ in float64), so that the inputs' variance is not lost to
// rounding. given reports whether --input-mean or --input-var was given.
func mcInputsFit(c *montecarlo.Config, given bool) error {
	name, maxV, eps, tiny := "float32", float64(math.MaxFloat32), 0x1p-23, 0x1p-100
	if c.DType == montecarlo.Float64 {
		name, maxV, eps, tiny = "float64", math.MaxFloat64, 0x1p-52, 0x1p-1000
	}
	m, sd := math.Abs(c.InputMean), math.Sqrt(c.InputVar)
	from := "--input-mean and --input-var"
	if !given {
		from = "the default inputs (mean: target mean + 1, variance: 2 × target variance; set --input-mean, --input-var)"
	}
	switch {
	case !(m+10*sd <= maxV):
		return badInput("the inputs N(%g, %g) do not fit in %s: want |mean| + 10·√var below %.3g; change %s", c.InputMean, c.InputVar, name, maxV, from)
	case sd < max(64*eps*m, tiny):
		if c.DType != montecarlo.Float64 {
			from += ", or use --dtype float64"
		}
		return badInput("the inputs N(%g, %g) vary too little for %s to hold their variance: want √var at least max(64·%.3g·|mean|, %.3g); change %s", c.InputMean, c.InputVar, name, eps, tiny, from)
	}
	return nil
}

// mcFinite refuses a run whose inputs or activations left the range of
// the number type (λ, α or the inputs too large for it): its table would
// be NaN or Inf, not an answer.
func mcFinite(res *montecarlo.Result) error {
	ok := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	if !ok(res.InputMean) || !ok(res.InputVar) {
		return badInput("the inputs' mean and variance are not finite in %v (mean %v, var %v); use smaller input values or --dtype float64", res.Config.DType, res.InputMean, res.InputVar)
	}
	if res.InputVar == 0 {
		return badInput("the inputs have variance 0 in %v (every value %v): the layer map that predicts the layers needs a variance > 0", res.Config.DType, res.InputMean)
	}
	for _, s := range res.Layers {
		if !ok(s.Mean) || !ok(s.Var) {
			return badInput("the activations overflow %v at layer %d (mean %v, var %v): λ = %v, α = %v and the inputs must keep them finite; use smaller values or --dtype float64",
				res.Config.DType, s.Layer, s.Mean, s.Var, res.Config.Constants.Lambda, res.Config.Constants.Alpha)
		}
	}
	return nil
}

// mcNominalTau is the τ that LeCun and gain weights have on average.
func mcNominalTau(wi montecarlo.Init) float64 {
	if wi.Kind == montecarlo.Gain {
		return wi.Gain * wi.Gain
	}
	return 1
}

// mcReadInput reads a CSV file of inputs, refusing files whose values
// would not fit in memory.
func mcReadInput(name string, avail int64) (*montecarlo.Matrix, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, badInput("--input: %v", err)
	}
	defer f.Close()
	m, err := montecarlo.ReadCSV(f, int(min(avail/4/8, math.MaxInt32)))
	var ie *montecarlo.InputError
	switch {
	case errors.As(err, &ie) && ie.Field > 0:
		return nil, badInput("--input %s: line %d, field %d: %s", name, ie.Line, ie.Field, ie.Reason)
	case errors.As(err, &ie) && ie.Line > 0:
		return nil, badInput("--input %s: line %d: %s", name, ie.Line, ie.Reason)
	case errors.As(err, &ie):
		return nil, badInput("--input %s: %s", name, ie.Reason)
	case err != nil:
		return nil, badInput("--input %s: %v", name, err)
	}
	return m, nil
}

// mcAvailableMemory returns MemAvailable from /proc/meminfo, or a fixed
// cap when it cannot be read, and says which.
func mcAvailableMemory() (int64, string) {
	data, err := os.ReadFile("/proc/meminfo")
	if err == nil {
		for line := range strings.SplitSeq(string(data), "\n") {
			rest, ok := strings.CutPrefix(line, "MemAvailable:")
			if !ok {
				continue
			}
			f := strings.Fields(rest)
			if len(f) == 2 && f[1] == "kB" {
				if kb, err := strconv.ParseInt(f[0], 10, 64); err == nil && kb > 0 {
					return kb << 10, "MemAvailable in /proc/meminfo"
				}
			}
		}
	}
	return mcFallbackMemory, "fixed cap: /proc/meminfo unreadable"
}

// mcBytes formats a byte count.
func mcBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KiB", (n+1023)>>10)
}

// mcIsTerminal reports whether w is a character device (a terminal).
func mcIsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// mcProgress draws a one-line progress bar, redrawn with \r.
type mcProgress struct {
	w     io.Writer
	drawn bool
}

func (p *mcProgress) update(done, total int) {
	const cells = 30
	k := done * cells / total
	fmt.Fprintf(p.w, "\rmc: [%s%s] layer %d/%d", strings.Repeat("#", k), strings.Repeat(".", cells-k), done, total)
	p.drawn = true
}

// done erases the bar. It accepts a nil receiver (no bar).
func (p *mcProgress) done() {
	if p != nil && p.drawn {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 60))
	}
}

func mcToJSON(res *montecarlo.Result, need int64) mcJSON {
	c := res.Config
	j := mcJSON{
		Layers:    make([]mcLayerJSON, 0, len(res.Layers)),
		Converged: res.Converged(mcK), Seconds: jsonNumber(res.Seconds), GFlops: jsonNumber(res.GFlops()),
		Verdict: agreementText(res.Agreement(mcK)) + mcTrackVerdict(res), mcTrackJSON: mcTrackToJSON(res),
		Target: [2]float64{c.Target.Mean, c.Target.Var},
		Lambda: c.Constants.Lambda, Alpha: c.Constants.Alpha,
		Omega: c.Weights.Omega, Tau: c.Weights.Tau,
		Weights: c.Init.String(), DType: c.DType.String(),
		Width: c.Width, Depth: c.Depth, Batch: c.Batch, Seed: c.Seed,
		DropoutRate: c.DropoutRate, DropoutA: res.DropoutA, DropoutB: res.DropoutB,
		InputMean: jsonNumber(res.InputMean), InputVar: jsonNumber(res.InputVar),
		ToleranceSDs: mcK, MemoryBytes: need,
	}
	if c.Inputs != nil {
		j.InputFileRows = c.Inputs.Rows
		if j.Batch == 0 {
			j.Batch = c.Inputs.Rows
		}
	}
	for _, s := range res.Layers {
		tm, tv := s.Tolerance(mcK)
		j.Layers = append(j.Layers, mcLayerJSON{
			Layer: s.Layer, Mean: jsonNumber(s.Mean), Var: jsonNumber(s.Var),
			MeanSE: jsonNumber(s.MeanSE), VarSE: jsonNumber(s.VarSE),
			PredictedMean: jsonNumber(s.PredictedMean), PredictedVar: jsonNumber(s.PredictedVar),
			UnitMeanSD: jsonNumber(s.UnitMeanSD), UnitVarSD: jsonNumber(s.UnitVarSD),
			MeanTolerance: jsonNumber(tm), VarTolerance: jsonNumber(tv),
		})
	}
	return j
}

func writeMCText(w io.Writer, res *montecarlo.Result) error {
	c := res.Config
	b := c.Batch
	if c.Inputs != nil && b == 0 {
		b = c.Inputs.Rows
	}
	var sb strings.Builder
	if c.Init.Kind == montecarlo.Exact {
		fmt.Fprintf(&sb, "SELU network: %d layers of width %d, batch %d, %v, %v weights (ω = %g, τ = %g)", c.Depth, c.Width, b, c.DType, c.Init, c.Weights.Omega, c.Weights.Tau)
	} else {
		fmt.Fprintf(&sb, "SELU network: %d layers of width %d, batch %d, %v, %v weights N(0, %g/n), predicted by the random-weight map of var + mean²", c.Depth, c.Width, b, c.DType, c.Init, mcNominalTau(c.Init))
	}
	if c.DropoutRate > 0 {
		fmt.Fprintf(&sb, ", alpha dropout %g (a = %.6g, b = %.6g)", c.DropoutRate, res.DropoutA, res.DropoutB)
	}
	fmt.Fprintf(&sb, "\nλ = %v, α = %v; target (%g, %g); inputs: mean %.4g, var %.4g; seed %d\n\n",
		c.Constants.Lambda, c.Constants.Alpha, c.Target.Mean, c.Target.Var, res.InputMean, res.InputVar, c.Seed)
	tw := tabwriter.NewWriter(&sb, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "layer\tmean\t± se\tvar\t± se\tpredicted mean\tpredicted var\t")
	for _, s := range res.Layers {
		fmt.Fprintf(tw, "%d\t%.5f\t%.5f\t%.5f\t%.5f\t%.5f\t%.5f\t\n", s.Layer, s.Mean, s.MeanSE, s.Var, s.VarSE, s.PredictedMean, s.PredictedVar)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(&sb, "\n%s\n", agreementText(res.Agreement(mcK)))
	sb.WriteString(mcTrackText(res))
	fmt.Fprintf(&sb, "%.2f s, %.1f GFLOP/s\n", res.Seconds, res.GFlops())
	_, err := io.WriteString(w, sb.String())
	return err
}
