package diagnose_test

import (
	"fmt"
	"log"

	"github.com/selu-tool/selu/diagnose"
	"github.com/selu-tool/selu/mapping"
)

// PyTorch's calculate_gain('selu') = 3/4 used as init gain gives τ = 9/16:
// the network settles near standard deviation 0.16, and slowly.
func ExampleAnalyze() {
	p, _ := diagnose.LookupPreset("pytorch-gain")
	r, err := diagnose.Analyze(p.Layer(mapping.Paper()), nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, fp := range r.FixedPoints {
		fmt.Printf("mean %.4f, variance %.5f (std %.3f)\n", fp.Mean, fp.Var, fp.Std())
		fmt.Printf("S = %.4f, ρ = %.4f, stable: %v, layers to 1%%: %d\n",
			fp.Stability.SpectralNorm, fp.Stability.SpectralRadius, fp.Stable(), fp.LayersTo1Pct)
		fmt.Printf("χ = %.4f: squared gradient norm ×%.2f over 10 layers\n", fp.GradientGrowth, fp.GradientGrowthOver(10))
	}
	fmt.Println("collapse:", r.Collapse, "explode:", r.Explode)
	// Output:
	// mean -0.0284, variance 0.02676 (std 0.164)
	// S = 1.0310, ρ = 0.9406, stable: true, layers to 1%: 76
	// χ = 1.0327: squared gradient norm ×1.38 over 10 layers
	// collapse: false explode: false
}

// PyTorch's default nn.Linear init has τ = 1/3: there is no fixed point
// with positive variance and the variance collapses.
func ExampleAnalyze_collapse() {
	l := mapping.Layer{Constants: mapping.Paper(), Weights: mapping.Weights{Omega: 0, Tau: 1.0 / 3}}
	r, err := diagnose.Analyze(l, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("fixed points:", len(r.FixedPoints), "collapse:", r.Collapse, "explode:", r.Explode)
	// Output:
	// fixed points: 0 collapse: true explode: false
}

// At the paper's fixed point (0, 1) SELU networks still grow gradients
// slowly with depth (docs/model.md §7): χ and χ¹⁰⁰.
func ExampleFixedPoint_GradientGrowthOver() {
	r, err := diagnose.Analyze(mapping.Standard(), nil)
	if err != nil {
		log.Fatal(err)
	}
	fp := r.FixedPoints[0]
	fmt.Printf("χ = %.4f, χ^100 = %.0f\n", fp.GradientGrowth, fp.GradientGrowthOver(100))
	// Output:
	// χ = 1.0716, χ^100 = 1005
}

func ExampleLayersToWithin() {
	// ρ at the paper's fixed point (docs/model.md §3).
	fmt.Println(diagnose.LayersToWithin(0.782647883196812847, 0.01))
	// Output:
	// 19
}
