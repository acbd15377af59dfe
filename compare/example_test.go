package compare_test

import (
	"fmt"

	"github.com/selu-tool/selu/compare"
	"github.com/selu-tool/selu/solver"
)

// Comparing the targets (0, 1) and (0, 4): the larger variance settles in
// fewer layers but grows gradients faster and forgets correlations sooner.
func ExampleRows() {
	var targets []compare.Target
	for _, v := range []string{"1", "4"} {
		t, err := solver.ParseTarget("0", v)
		if err != nil {
			fmt.Println(err)
			return
		}
		targets = append(targets, t)
	}
	rows, err := compare.Rows(targets, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rows {
		fmt.Printf("(%g, %g): ρ %.4f, %d layers to 1%%, χ %.4f (×%.1f over %d), ξ_c %.1f\n",
			r.Mean, r.Var, r.SpectralRadius, r.LayersTo1Pct, r.GradientGrowth, r.GradientGrowthOverDepth, r.Depth, r.CorrelationDepth)
	}
	// Output:
	// (0, 1): ρ 0.7826, 19 layers to 1%, χ 1.0716 (×9.1 over 32), ξ_c 33.6
	// (0, 4): ρ 0.7099, 14 layers to 1%, χ 1.1977 (×321.1 over 32), ξ_c 15.2
}
