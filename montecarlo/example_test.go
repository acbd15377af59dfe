package montecarlo_test

import (
	"context"
	"fmt"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/montecarlo"
)

// A 16-layer SELU network with the paper's constants, started from inputs
// with variance 3, settles at the fixed point (0, 1).
func ExampleRun() {
	r, err := montecarlo.Run(context.Background(), &montecarlo.Config{
		Width: 128, Depth: 16, Batch: 64,
		Constants: mapping.Paper(), Target: mapping.Point{Mean: 0, Var: 1},
		Init:      montecarlo.Init{Kind: montecarlo.Exact},
		InputMean: 1, InputVar: 3, Seed: 1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range []int{1, 4, 16} {
		s := r.Layers[l-1]
		fmt.Printf("layer %2d: var %.2f ± %.2f, predicted %.2f\n", l, s.Var, s.SDVar, s.PredictedVar)
	}
	fmt.Println("converged:", r.Converged(3))
	// Output:
	// layer  1: var 2.48 ± 0.06, predicted 2.39
	// layer  4: var 1.46 ± 0.05, predicted 1.51
	// layer 16: var 1.01 ± 0.05, predicted 1.02
	// converged: true
}
