package mapping_test

import (
	"fmt"

	"github.com/selu-tool/selu/mapping"
)

// The correlation map at the paper's fixed point (0, 1): pairs of inputs
// decorrelate towards c* = 0 by χ_c ≈ 0.971 per layer (over ξ_c ≈ 34
// layers), while identical inputs are repelling with slope χ ≈ 1.072.
func ExampleCorrelationMap() {
	cm, err := mapping.Standard().Correlation(0, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fp := cm.FixedPoint()
	fmt.Printf("C(0.5) = %.6f\n", cm.C(0.5))
	fmt.Printf("c* = %v, χ_c = %.6f, ξ_c = %.3f layers\n", fp.Correlation, fp.Slope, fp.Depth)
	fmt.Printf("C'(1) = χ = %.6f\n", cm.Slope(1))
	// Output:
	// C(0.5) = 0.490569
	// c* = 0, χ_c = 0.970680, ξ_c = 33.604 layers
	// C'(1) = χ = 1.071575
}
