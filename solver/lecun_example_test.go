package solver_test

import (
	"fmt"

	"github.com/selu-tool/selu/solver"
)

// Constants that LeCun-normal weights, N(0, 1/n), keep at mean 0.5 and
// variance 1, next to the paper's convention (every unit's Σw = 0 exactly),
// whose constants such weights do not keep.
func ExampleSolveLeCun() {
	t, _ := solver.ParseTarget("0.5", "1")
	random, err := solver.SolveLeCun(t, nil, &solver.Options{Digits: 12})
	if err != nil {
		fmt.Println(err)
		return
	}
	rows, _ := solver.Solve(t, &solver.Options{Digits: 12})
	fmt.Println("random weights: λ =", random.Text(random.Lambda), "α =", random.Text(random.Alpha))
	fmt.Printf("slope of the map of ν + μ²: %.4f\n", random.Stability.SpectralRadius)
	fmt.Println("exact rows:     λ =", rows.Text(rows.Lambda), "α =", rows.Text(rows.Alpha))
	// Output:
	// random weights: λ = 1.39309991151 α = 0.343246415350
	// slope of the map of ν + μ²: 0.9847
	// exact rows:     λ = 1.55724878986 α = 0.326577670496
}
