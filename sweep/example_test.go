package sweep_test

import (
	"context"
	"fmt"
	"log"

	"github.com/selu-tool/selu/solver"
	"github.com/selu-tool/selu/sweep"
)

// Three means by two variances, mean-major; (0.5, 0.5) is infeasible: the
// largest feasible mean for variance 0.5 is √(0.5/(π−1)) ≈ 0.483 (docs/model.md §4).
func ExampleRun() {
	mean, err := sweep.ParseAxis("-0.5:0.5:0.5")
	if err != nil {
		log.Fatal(err)
	}
	variance, err := sweep.ParseAxis("0.5:1:0.5")
	if err != nil {
		log.Fatal(err)
	}
	grid, err := sweep.NewGrid(mean, variance)
	if err != nil {
		log.Fatal(err)
	}
	tab, err := sweep.Run(context.Background(), grid, &sweep.Options{Solver: &solver.Options{Digits: 8}})
	if err != nil {
		log.Fatal(err)
	}
	for k, r := range tab.Rows {
		if !r.Feasible {
			fmt.Printf("%v infeasible\n", tab.Target(k))
			continue
		}
		fmt.Printf("%v λ = %s, α = %s, ρ = %.4f\n", tab.Target(k), r.Lambda, r.Alpha, r.Stability.SpectralRadius)
	}
	// Output:
	// (-0.5, 0.5) λ = 0.10735360, α = 25.706357, ρ = 0.5942
	// (-0.5, 1) λ = 0.43424494, α = 6.5026217, ρ = 0.5820
	// (0, 0.5) λ = 1.0409573, α = 1.4680599, ρ = 0.8214
	// (0, 1) λ = 1.0507010, α = 1.6732632, ρ = 0.7826
	// (0.5, 0.5) infeasible
	// (0.5, 1) λ = 1.5572488, α = 0.32657767, ρ = 0.9561
}

// With Options.Certify each feasible row carries the answer of
// verify.Certify: (0, 1) is Theorem 1 of the paper, certified at its own
// widths ω ∈ [−0.1, 0.1], τ ∈ [0.95, 1.1] in the 2-norm on one box;
// (0.5, 1), with ρ = 0.956, only at half of those widths, in 52 pieces
// with boxes and weighted norms of their own (docs/verify.md).
func ExampleOptions_certify() {
	mean, _ := sweep.ParseAxis("0:0.5:0.5")
	variance, _ := sweep.ParseAxis("1")
	grid, err := sweep.NewGrid(mean, variance)
	if err != nil {
		log.Fatal(err)
	}
	tab, err := sweep.Run(context.Background(), grid, &sweep.Options{Certify: true})
	if err != nil {
		log.Fatal(err)
	}
	for k, r := range tab.Rows {
		c := r.Certificate
		fmt.Printf("%v certified %v at %g of the widths: ω ∈ [%g, %g], τ ∈ [%g, %g], 2-norm %v, %d box(es)\n",
			tab.Target(k), c.Certified, c.Scale, c.Box.Omega.Lo, c.Box.Omega.Hi, c.Box.Tau.Lo, c.Box.Tau.Hi, c.Norm.Euclidean(), c.Pieces)
	}
	// Output:
	// (0, 1) certified true at 1 of the widths: ω ∈ [-0.1, 0.1], τ ∈ [0.95, 1.1], 2-norm true, 1 box(es)
	// (0.5, 1) certified true at 0.5 of the widths: ω ∈ [-0.05, 0.05], τ ∈ [0.95, 1.05], 2-norm false, 52 box(es)
}
