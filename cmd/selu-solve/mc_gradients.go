package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/selu-tool/selu/montecarlo"
)

// mc --gradients and --pair: the backward pass of a random read-out and
// pairs of correlated inputs (montecarlo/gradients.go).

// mcTrackSDs is the number of standard errors within which a measured
// gradient growth or pair correlation agrees with the prediction.
const mcTrackSDs = 3

// mcTracking sets the Gradients and Pair fields of cfg from the flags.
func mcTracking(cfg *montecarlo.Config, gradients bool, pair string, pairSet bool) error {
	cfg.Gradients = gradients
	if !pairSet {
		return nil
	}
	c0, err := strconv.ParseFloat(strings.TrimSpace(pair), 64)
	if err != nil || !(c0 >= -1 && c0 <= 1) {
		return badInput("--pair must be a correlation C0 in [-1, 1], got %q", pair)
	}
	cfg.Pair, cfg.PairCorrelation = true, c0
	return nil
}

type mcTrackJSON struct {
	Gradients       []mcGradientJSON `json:"gradients,omitempty"`
	GradientSummary *mcGradSumJSON   `json:"gradient_summary,omitempty"`
	Pairs           []mcPairJSON     `json:"pairs,omitempty"`
	BackwardSeconds jsonNumber       `json:"backward_seconds,omitempty"`
}

type mcGradientJSON struct {
	Layer                  int        `json:"layer"`
	GradientNorm2          jsonNumber `json:"gradient_norm2"`
	GradientNorm2SE        jsonNumber `json:"gradient_norm2_se"`
	GradientRatio          jsonNumber `json:"gradient_ratio"`
	GradientRatioSE        jsonNumber `json:"gradient_ratio_se"`
	PredictedGradientRatio jsonNumber `json:"predicted_gradient_ratio"`
}

type mcGradSumJSON struct {
	MeanRatioToChi   jsonNumber `json:"mean_ratio_to_predicted"`
	MeanRatioToChiSE jsonNumber `json:"mean_ratio_to_predicted_se"`
	Chi              jsonNumber `json:"chi_at_target"`
	Agrees           bool       `json:"agrees"`
}

type mcPairJSON struct {
	Layer                int        `json:"layer"`
	Correlation          jsonNumber `json:"correlation"`
	CorrelationSE        jsonNumber `json:"correlation_se"`
	PredictedCorrelation jsonNumber `json:"predicted_correlation"`
}

func mcTrackToJSON(res *montecarlo.Result) *mcTrackJSON {
	if res.Gradients == nil && res.Pairs == nil {
		return nil
	}
	j := &mcTrackJSON{}
	for _, g := range res.Gradients {
		j.Gradients = append(j.Gradients, mcGradientJSON{g.Layer, jsonNumber(g.Norm2), jsonNumber(g.Norm2SE),
			jsonNumber(g.Ratio), jsonNumber(g.RatioSE), jsonNumber(g.PredictedRatio)})
	}
	if s := res.GradientSummary; s != nil {
		j.GradientSummary = &mcGradSumJSON{jsonNumber(s.MeanRatio), jsonNumber(s.MeanRatioSE), jsonNumber(s.Chi), s.Agrees(mcTrackSDs)}
		j.BackwardSeconds = jsonNumber(res.BackwardSeconds)
	}
	for _, p := range res.Pairs {
		j.Pairs = append(j.Pairs, mcPairJSON{p.Layer, jsonNumber(p.Correlation), jsonNumber(p.CorrelationSE), jsonNumber(p.PredictedCorrelation)})
	}
	return j
}

// mcPairsAgree counts the layers whose measured pair correlation is within
// mcTrackSDs standard errors of the prediction.
func mcPairsAgree(res *montecarlo.Result) (ok, n int) {
	for _, p := range res.Pairs {
		n++
		if math.Abs(p.Correlation-p.PredictedCorrelation) <= mcTrackSDs*p.CorrelationSE {
			ok++
		}
	}
	return ok, n
}

// mcTrackVerdict is the sentence the verdict gains with --gradients and
// --pair ("" without them).
func mcTrackVerdict(res *montecarlo.Result) string {
	var b strings.Builder
	if s := res.GradientSummary; s != nil {
		if s.Agrees(mcTrackSDs) {
			fmt.Fprintf(&b, " Gradients agree with the mean-field growth χ: measured/predicted per-layer ratio %.4f ± %.4f over %d layers (χ = %.5g at the target).",
				s.MeanRatio, s.MeanRatioSE, len(res.Gradients)-1, s.Chi)
		} else {
			fmt.Fprintf(&b, " Gradients do NOT agree with χ: measured/predicted per-layer ratio %.4f ± %.4f over %d layers, more than %d standard errors from 1 (χ = %.5g at the target).",
				s.MeanRatio, s.MeanRatioSE, len(res.Gradients)-1, mcTrackSDs, s.Chi)
		}
	}
	if res.Pairs != nil {
		ok, n := mcPairsAgree(res)
		if ok == n {
			fmt.Fprintf(&b, " Pair correlations follow the correlation map at all %d layers (within %d standard errors).", n, mcTrackSDs)
		} else {
			fmt.Fprintf(&b, " Pair correlations follow the correlation map at %d of %d layers only (within %d standard errors).", ok, n, mcTrackSDs)
		}
	}
	return b.String()
}

// mcTrackText is the text block for --gradients and --pair.
func mcTrackText(res *montecarlo.Result) string {
	if res.Gradients == nil && res.Pairs == nil {
		return ""
	}
	var sb strings.Builder
	if res.Gradients != nil {
		sb.WriteString("\nGradients of a random linear read-out, backpropagated (layer 0 is the input):\n")
		tw := tabwriter.NewWriter(&sb, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "layer\t‖grad‖²\t± se\tratio to layer above\t± se\tpredicted χ\t")
		for _, g := range res.Gradients {
			if math.IsNaN(g.Ratio) {
				fmt.Fprintf(tw, "%d\t%.5g\t%.3g\t–\t\t\t\n", g.Layer, g.Norm2, g.Norm2SE)
				continue
			}
			fmt.Fprintf(tw, "%d\t%.5g\t%.3g\t%.5f\t%.5f\t%.5f\t\n", g.Layer, g.Norm2, g.Norm2SE, g.Ratio, g.RatioSE, g.PredictedRatio)
		}
		tw.Flush()
		fmt.Fprintf(&sb, "(standard errors over the batch, weights fixed; backward pass %.2f s)\n", res.BackwardSeconds)
	}
	if res.Pairs != nil {
		fmt.Fprintf(&sb, "\nPairs of inputs with correlation %g (%d pairs; layer 0 is the input):\n", res.Config.PairCorrelation, res.Config.Batch/2)
		tw := tabwriter.NewWriter(&sb, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "layer\tcorrelation\t± se\tpredicted (map C iterated)\t")
		for _, p := range res.Pairs {
			fmt.Fprintf(tw, "%d\t%.5f\t%.5f\t%.5f\t\n", p.Layer, p.Correlation, p.CorrelationSE, p.PredictedCorrelation)
		}
		tw.Flush()
	}
	if v := mcTrackVerdict(res); v != "" {
		sb.WriteString("\n" + strings.TrimSpace(v) + "\n")
	}
	return sb.String()
}
