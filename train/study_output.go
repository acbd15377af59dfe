package train

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"text/tabwriter"
)

// fmtNum formats x with the given decimals, "–" when it is not finite.
func fmtNum(x float64, prec int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	return strconv.FormatFloat(x, 'f', prec, 64)
}

// fmtG formats x in %g with 3 significant digits, "–" when not finite.
func fmtG(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	return strconv.FormatFloat(x, 'g', 3, 64)
}

// WriteText writes the study's table: one row per arm and depth.
func (st *Study) WriteText(w io.Writer) error {
	sc := st.Config
	fmt.Fprintf(w, "Study: %d arms × depths %v, width %d, %d epochs, batch %d, %v lr %g, seed %d", len(sc.Arms), sc.Depths, sc.Width, sc.Epochs, sc.Batch, sc.Optimizer, sc.LR, sc.Seed)
	if sc.TrainLimit > 0 || sc.TestLimit > 0 {
		fmt.Fprintf(w, ", first %d training / %d test samples", sc.TrainLimit, sc.TestLimit)
	}
	fmt.Fprintf(w, "; %.0f s\n", st.Seconds)
	if st.Interrupted {
		fmt.Fprintln(w, "Interrupted: the table holds the runs and epochs that finished.")
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "arm\tdepth\tepochs\ttest acc\tbest\ttrain loss\ts/epoch\tgrad ratio init\tχ^((L−1)/2)\t6ξ_c\t")
	for _, s := range st.Summaries() {
		note := ""
		if s.Diverged {
			note = " (diverged)"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s%s\t%s\t%s\t%s\t%s\t\n", s.Arm, s.Depth, s.Epochs,
			fmtNum(100*s.TestAccuracy, 2), fmtNum(100*s.BestTestAccuracy, 2), fmtNum(s.TrainLoss, 4), note,
			fmtNum(s.SecondsPerEpoch, 1), fmtG(s.InitGradRatio), fmtG(s.PredictedGradRatio), fmtNum(s.TrainableDepth, 0))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\ntest acc in %; grad ratio = RMS of ∂L/∂z at layer 1 over layer L at initialization, beside the")
	_, err := fmt.Fprintln(w, "mean-field χ^((L−1)/2); 6ξ_c = the mean-field trainable depth (SELU at mean 0, ω = 0, τ = 1).")
	return err
}

// WriteCSV writes one line per run and epoch (epoch 0: the untrained
// network).
func (st *Study) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"arm", "activation", "mean", "var", "depth", "width", "epoch", "train_loss", "train_accuracy",
		"test_loss", "test_accuracy", "seconds", "last_layer_mean", "last_layer_var", "first_layer_delta_rms", "last_layer_delta_rms"})
	f := func(x float64) string {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ""
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	for _, r := range st.Runs {
		res := r.Result
		c := res.Config
		in := c.inputTarget()
		row := func(epoch int, trl, tra, tel, tea, secs float64, ls []LayerStats) {
			lm, lv, d1, dl := math.NaN(), math.NaN(), math.NaN(), math.NaN()
			if n := len(ls); n > 0 {
				lm, lv, d1, dl = ls[n-1].Mean, ls[n-1].Var, ls[0].DeltaRMS, ls[n-1].DeltaRMS
			}
			cw.Write([]string{r.Arm.Name, c.Activation.String(), f(in.Mean), f(in.Var), strconv.Itoa(r.Depth), strconv.Itoa(c.Width),
				strconv.Itoa(epoch), f(trl), f(tra), f(tel), f(tea), f(secs), f(lm), f(lv), f(d1), f(dl)})
		}
		row(0, math.NaN(), math.NaN(), res.InitTestLoss, res.InitTestAccuracy, math.NaN(), res.Init)
		for _, e := range res.Epochs {
			row(e.Epoch, e.TrainLoss, e.TrainAccuracy, e.TestLoss, e.TestAccuracy, e.Seconds, e.Layers)
		}
	}
	cw.Flush()
	return cw.Error()
}

type studyJSON struct {
	Config struct {
		Depths     []int   `json:"depths"`
		Width      int     `json:"width"`
		Epochs     int     `json:"epochs"`
		Batch      int     `json:"batch"`
		LR         float64 `json:"lr"`
		Optimizer  string  `json:"optimizer"`
		Seed       uint64  `json:"seed"`
		TrainLimit int     `json:"train_limit"`
		TestLimit  int     `json:"test_limit"`
	} `json:"config"`
	Arms        []armJSON     `json:"arms"`
	Summary     []summaryJSON `json:"summary"`
	Runs        []runJSON     `json:"runs"`
	Seconds     number        `json:"seconds"`
	Interrupted bool          `json:"interrupted"`
}

type armJSON struct {
	Name       string `json:"name"`
	Activation string `json:"activation"`
	Mean       string `json:"mean,omitempty"`
	Var        string `json:"var,omitempty"`
	Chi        number `json:"chi,omitempty"`
	ChiC       number `json:"chi_c,omitempty"`
	Xi         number `json:"xi_c,omitempty"`
}

type summaryJSON struct {
	Arm                string `json:"arm"`
	Depth              int    `json:"depth"`
	Epochs             int    `json:"epochs"`
	TestAccuracy       number `json:"test_accuracy"`
	BestTestAccuracy   number `json:"best_test_accuracy"`
	TrainLoss          number `json:"train_loss"`
	SecondsPerEpoch    number `json:"seconds_per_epoch"`
	Diverged           bool   `json:"diverged"`
	InitGradRatio      number `json:"init_grad_ratio"`
	PredictedGradRatio number `json:"predicted_grad_ratio"`
	TrainableDepth     number `json:"trainable_depth"`
}

type runJSON struct {
	Arm    string  `json:"arm"`
	Depth  int     `json:"depth"`
	Result *Result `json:"result"`
}

// WriteJSON writes the whole study: configuration, arms with their
// mean-field predictions, the summary rows and every run's full record.
func (st *Study) WriteJSON(w io.Writer) error {
	var j studyJSON
	sc := st.Config
	j.Config.Depths, j.Config.Width, j.Config.Epochs, j.Config.Batch = sc.Depths, sc.Width, sc.Epochs, sc.Batch
	j.Config.LR, j.Config.Optimizer, j.Config.Seed = sc.LR, sc.Optimizer.String(), sc.Seed
	j.Config.TrainLimit, j.Config.TestLimit = sc.TrainLimit, sc.TestLimit
	for i, a := range sc.Arms {
		aj := armJSON{Name: a.Name, Activation: a.Activation.String()}
		if a.Activation == SELU {
			mf := st.MeanField[i]
			aj.Mean, aj.Var, aj.Chi, aj.ChiC, aj.Xi = a.Mean, a.Var, number(mf.Chi), number(mf.ChiC), number(mf.Xi)
		}
		j.Arms = append(j.Arms, aj)
	}
	for _, s := range st.Summaries() {
		j.Summary = append(j.Summary, summaryJSON{s.Arm, s.Depth, s.Epochs, number(s.TestAccuracy), number(s.BestTestAccuracy),
			number(s.TrainLoss), number(s.SecondsPerEpoch), s.Diverged, number(s.InitGradRatio), number(s.PredictedGradRatio), number(s.TrainableDepth)})
	}
	for _, r := range st.Runs {
		j.Runs = append(j.Runs, runJSON{r.Arm.Name, r.Depth, r.Result})
	}
	j.Seconds, j.Interrupted = number(st.Seconds), st.Interrupted
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(j)
}
