package train

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"
)

// PageInfo describes how a study was run, for the HTML page.
type PageInfo struct {
	Command string // the command line that produced it
	Machine string // CPU and core count
	Date    string
	Load    string // load average while it ran
	Data    string // data directory
}

type figure struct {
	SVG     template.HTML
	Caption string
}

type page struct {
	Info     PageInfo
	Study    *Study
	Rows     []Summary
	Arms     []armRow
	Curves   []figure
	Depth    []figure
	Gradient []figure
	Moments  []figure
}

type armRow struct {
	Name, Target        string
	Chi, ChiC, Xi, Xi6  string
	IsSELU              bool
	Lambda, Alpha, Init string
}

// WriteHTML writes a self-contained HTML page of the study: the table, the
// learning curves per depth, test accuracy against depth with the
// mean-field trainable depth 6ξ_c marked, the gradient at initialization
// layer by layer against χ^{(L−l)/2}, and the activation variance layer by
// layer.
func (st *Study) WriteHTML(w io.Writer, info PageInfo) error {
	p := page{Info: info, Study: st, Rows: st.Summaries()}
	sc := st.Config
	for i, a := range sc.Arms {
		r := armRow{Name: a.Name, IsSELU: a.Activation == SELU, Target: "BatchNorm (γ, β learned)", Init: "He N(0, 2/k)"}
		if r.IsSELU {
			mf := st.MeanField[i]
			c, _ := sc.config(a, sc.Depths[0])
			r.Target = fmt.Sprintf("(%s, %s)", a.Mean, a.Var)
			r.Lambda, r.Alpha = fmt.Sprintf("%.6f", c.Constants.Lambda), fmt.Sprintf("%.6f", c.Constants.Alpha)
			r.Chi, r.ChiC = fmt.Sprintf("%.4f", mf.Chi), fmt.Sprintf("%.4f", mf.ChiC)
			r.Xi, r.Xi6 = fmt.Sprintf("%.1f", mf.Xi), fmt.Sprintf("%.0f", 6*mf.Xi)
			r.Init = "LeCun N(0, 1/k)"
		}
		p.Arms = append(p.Arms, r)
	}
	color := func(name string) string {
		for i, a := range sc.Arms {
			if a.Name == name {
				return palette[i%len(palette)]
			}
		}
		return palette[len(palette)-1]
	}
	// Learning curves per depth.
	for _, d := range sc.Depths {
		acc := &chart{title: fmt.Sprintf("Test accuracy, depth %d", d), xlabel: "epoch", ylabel: "test accuracy (%)"}
		loss := &chart{title: fmt.Sprintf("Training loss, depth %d", d), xlabel: "epoch", ylabel: "mean cross-entropy", logY: true}
		for _, r := range st.Runs {
			if r.Depth != d {
				continue
			}
			sa := series{name: r.Arm.Name, color: color(r.Arm.Name), x: []float64{0}, y: []float64{100 * r.Result.InitTestAccuracy}}
			sl := series{name: r.Arm.Name, color: color(r.Arm.Name)}
			for _, e := range r.Result.Epochs {
				sa.x, sa.y = append(sa.x, float64(e.Epoch)), append(sa.y, 100*e.TestAccuracy)
				sl.x, sl.y = append(sl.x, float64(e.Epoch)), append(sl.y, e.TrainLoss)
			}
			acc.series, loss.series = append(acc.series, sa), append(loss.series, sl)
		}
		p.Curves = append(p.Curves,
			figure{acc.svg(), fmt.Sprintf("Test accuracy after each epoch (epoch 0: untrained), depth %d, width %d.", d, sc.Width)},
			figure{loss.svg(), fmt.Sprintf("Mean training loss of each epoch, depth %d.", d)})
	}
	// Accuracy against depth with 6ξ_c.
	dc := &chart{title: "Final test accuracy against depth", xlabel: "depth L (log scale)", ylabel: "test accuracy (%)", logX: true, legendBottomLeft: true}
	for i, a := range sc.Arms {
		s := series{name: a.Name, color: color(a.Name)}
		for _, r := range st.Summaries() {
			if r.Arm == a.Name {
				s.x, s.y = append(s.x, float64(r.Depth)), append(s.y, 100*r.TestAccuracy)
			}
		}
		dc.series = append(dc.series, s)
		if a.Activation == SELU && !math.IsInf(st.MeanField[i].Xi, 0) {
			dc.vlines = append(dc.vlines, vline{x: 6 * st.MeanField[i].Xi, label: fmt.Sprintf("6ξ_c %s", a.Name), color: color(a.Name)})
		}
	}
	p.Depth = append(p.Depth, figure{dc.svg(), "Test accuracy after the last epoch for every arm and depth. Dotted lines: the mean-field trainable depth 6ξ_c of each SELU arm (Schoenholz et al. 2017), a prediction; every depth left of its line should train."})
	// Gradients at initialization, deepest depth.
	deep := sc.Depths[len(sc.Depths)-1]
	gc := &chart{title: fmt.Sprintf("Gradient at initialization, depth %d", deep), xlabel: "layer l", ylabel: "RMS ∂L/∂z at l / at L (log)", logY: true}
	vc := &chart{title: fmt.Sprintf("Activation variance, depth %d", deep), xlabel: "layer l", ylabel: "variance of the activations (log)", logY: true}
	for i, a := range sc.Arms {
		for _, r := range st.Runs {
			if r.Depth != deep || r.Arm.Name != a.Name || len(r.Result.Init) == 0 {
				continue
			}
			init := r.Result.Init
			ref := init[len(init)-1].DeltaRMS
			s := series{name: a.Name, color: color(a.Name)}
			v0 := series{name: a.Name + " init", color: color(a.Name)}
			for _, l := range init {
				s.x, s.y = append(s.x, float64(l.Layer)), append(s.y, l.DeltaRMS/ref)
				v0.x, v0.y = append(v0.x, float64(l.Layer)), append(v0.y, l.Var)
			}
			gc.series = append(gc.series, s)
			vc.series = append(vc.series, v0)
			if n := len(r.Result.Epochs); n > 0 && len(r.Result.Epochs[n-1].Layers) > 0 {
				v1 := series{name: a.Name + " trained", color: color(a.Name), dash: true}
				for _, l := range r.Result.Epochs[n-1].Layers {
					v1.x, v1.y = append(v1.x, float64(l.Layer)), append(v1.y, l.Var)
				}
				vc.series = append(vc.series, v1)
			}
			if a.Activation == SELU {
				chi := st.MeanField[i].Chi
				pr := series{color: color(a.Name), dash: true}
				for _, l := range init {
					pr.x = append(pr.x, float64(l.Layer))
					pr.y = append(pr.y, math.Pow(chi, float64(len(init)-l.Layer)/2))
				}
				gc.series = append(gc.series, pr)
			}
		}
	}
	p.Gradient = append(p.Gradient, figure{gc.svg(), "Root mean square of the gradient ∂L/∂z of the net inputs of each layer at initialization (probe batch), relative to the last hidden layer. Dashed: the mean-field prediction χ^((L−l)/2) for the SELU arms."})
	p.Moments = append(p.Moments, figure{vc.svg(), "Variance of each layer's activations on the probe batch at initialization (solid) and after the last epoch (dashed). A SELU arm's target variance is its ν*."})
	return pageTmpl.Execute(w, p)
}

var pageFuncs = template.FuncMap{
	"pct": func(x float64) string { return fmtNum(100*x, 2) },
	"num": fmtNum,
	"g":   fmtG,
	"join": func(d []int) string {
		s := make([]string, len(d))
		for i, v := range d {
			s[i] = fmt.Sprint(v)
		}
		return strings.Join(s, ", ")
	},
}

var pageTmpl = template.Must(template.New("study").Funcs(pageFuncs).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SELU targets against ReLU + BatchNorm: training study</title>
<style>
:root { --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --tint: #f6f8fa; --bad: #b3261e;
  font-family: system-ui, -apple-system, "Segoe UI", "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
  font-size: 16px; line-height: 1.5; color: var(--ink); background: #fff; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem 2rem 3rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-top: .6rem; border-top: 1px solid var(--rule); }
p { max-width: 48rem; }
.lede { color: var(--muted); }
code { font-family: "Liberation Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9rem; }
.note { color: var(--muted); font-size: .95rem; }
.bad { color: var(--bad); }
table.numbers { border-collapse: collapse; margin: .8rem 0; max-width: 100%; }
table.numbers th, table.numbers td { text-align: right; padding: .25rem .8rem .25rem 0; border-bottom: 1px solid var(--rule); }
table.numbers th:first-child, table.numbers td:first-child { text-align: left; }
table.numbers thead th { font-weight: 600; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(26rem, 1fr)); gap: 1rem 1.5rem; }
figure.plot { margin: 0; break-inside: avoid; }
figure.plot svg { display: block; width: 100%; height: auto; font-family: inherit; }
figcaption { font-size: .9rem; color: var(--muted); margin-top: .2rem; }
@media print { body { max-width: none; padding: 0; } .figures { grid-template-columns: 1fr 1fr; } }
</style></head><body>
<h1>SELU targets against ReLU + BatchNorm on {{if .Info.Data}}<code>{{.Info.Data}}</code>{{else}}Fashion-MNIST{{end}}</h1>
<p class="lede">Dense networks of width {{.Study.Config.Width}} and depth {{join .Study.Config.Depths}}, {{.Study.Config.Epochs}} epochs, batch {{.Study.Config.Batch}}, {{.Study.Config.Optimizer}} with learning rate {{.Study.Config.LR}}{{if eq .Study.Config.Optimizer.String "sgd"}} and momentum 0.9{{end}}, seed {{.Study.Config.Seed}}{{if .Study.Config.TrainLimit}}, first {{.Study.Config.TrainLimit}} training and {{.Study.Config.TestLimit}} test samples{{end}}. Total {{num .Study.Seconds 0}} s.</p>
<p class="note">{{if .Info.Command}}Command: <code>{{.Info.Command}}</code>. {{end}}{{if .Info.Machine}}Machine: {{.Info.Machine}}. {{end}}{{if .Info.Load}}Load average: {{.Info.Load}}. {{end}}{{if .Info.Date}}Date: {{.Info.Date}}.{{end}}</p>
{{if .Study.Interrupted}}<p class="bad">The study was interrupted; only the finished runs and epochs are shown.</p>{{end}}

<h2>Arms</h2>
<table class="numbers"><thead><tr><th>arm</th><th>target (μ*, ν*)</th><th>λ</th><th>α</th><th>hidden weights</th><th>χ</th><th>χ_c</th><th>ξ_c</th><th>6ξ_c</th></tr></thead><tbody>
{{range .Arms}}<tr><td>{{.Name}}</td><td>{{.Target}}</td><td>{{.Lambda}}</td><td>{{.Alpha}}</td><td>{{.Init}}</td><td>{{.Chi}}</td><td>{{.ChiC}}</td><td>{{.Xi}}</td><td>{{.Xi6}}</td></tr>
{{end}}</tbody></table>
<p class="note">Inputs are standardized to the arm's target mean and variance (ReLU + BN: 0 and 1). χ = τ·E[selu'(z)²] is the growth of the mean squared gradient per layer, χ_c = τ·(E[selu'(z)])² the slope of the correlation map at its fixed point 0 and ξ_c = −1/ln χ_c the correlation depth, for z ~ N(0, ν*τ) with ω = 0, τ = 1. The output layer is N(0, 1/k) for every arm.</p>

<h2>Results</h2>
<table class="numbers"><thead><tr><th>arm</th><th>depth</th><th>epochs</th><th>test accuracy (%)</th><th>best (%)</th><th>train loss</th><th>s / epoch</th><th>gradient ratio l=1 / l=L at init</th><th>χ^((L−1)/2)</th><th>6ξ_c</th></tr></thead><tbody>
{{range .Rows}}<tr><td>{{.Arm}}</td><td>{{.Depth}}</td><td>{{.Epochs}}</td><td>{{pct .TestAccuracy}}</td><td>{{pct .BestTestAccuracy}}</td><td>{{num .TrainLoss 4}}{{if .Diverged}} <span class="bad">diverged</span>{{end}}</td><td>{{num .SecondsPerEpoch 1}}</td><td>{{g .InitGradRatio}}</td><td>{{g .PredictedGradRatio}}</td><td>{{num .TrainableDepth 0}}</td></tr>
{{end}}</tbody></table>

<h2>Learning curves</h2>
<div class="figures">{{range .Curves}}<figure class="plot">{{.SVG}}<figcaption>{{.Caption}}</figcaption></figure>{{end}}</div>

<h2>Accuracy against depth</h2>
<div class="figures">{{range .Depth}}<figure class="plot">{{.SVG}}<figcaption>{{.Caption}}</figcaption></figure>{{end}}</div>

<h2>Gradients and moments at initialization</h2>
<div class="figures">{{range .Gradient}}<figure class="plot">{{.SVG}}<figcaption>{{.Caption}}</figcaption></figure>{{end}}{{range .Moments}}<figure class="plot">{{.SVG}}<figcaption>{{.Caption}}</figcaption></figure>{{end}}</div>
</body></html>
`))
