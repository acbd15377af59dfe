package solver_test

import (
	"fmt"
	"log"
	"math"
	"math/big"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/solver"
)

// The SELU that keeps a network at mean 0 and variance 4, to 30 digits
// (docs/model.md §4 gives the same values to 33 digits), and the paper's constants
// for (0, 1).
func ExampleSolve() {
	for _, v := range []string{"4", "1"} {
		t, err := solver.ParseTarget("0", v)
		if err != nil {
			log.Fatal(err)
		}
		res, err := solver.Solve(t, nil) // ω = 0, τ = 1, 30 digits
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("target %v\n", t)
		fmt.Println("λ =", res.Text(res.Lambda))
		fmt.Println("α =", res.Text(res.Alpha))
	}
	// Output:
	// target (0, 4)
	// λ = 1.07023227444711082731986364608
	// α = 2.40400533821648224237642412369
	// target (0, 1)
	// λ = 1.05070098735548049341933498529
	// α = 1.67326324235437728481704299167
}

// Alpha dropout for the standard SELU at rate 0.1 (docs/model.md §6).
func ExampleSolve_dropout() {
	t, _ := solver.ParseTarget("0", "1")
	res, err := solver.Solve(t, &solver.Options{Digits: 20, DropoutRates: []float64{0.1}})
	if err != nil {
		log.Fatal(err)
	}
	d := res.Dropout[0]
	fmt.Println("rate", d.Rate, "a =", res.Text(d.A), "b =", res.Text(d.B))
	// Output:
	// rate 0.1 a = 0.92128451614971148273 b = 0.16197097005757022794
}

// An infeasible target names the feasible means.
func ExampleSolve_infeasible() {
	t, _ := solver.ParseTarget("0.7", "1")
	_, err := solver.Solve(t, nil)
	fmt.Println(err)
	// Output:
	// solver: target (0.7, 1) is infeasible: no SELU with λ > 0, α > 0 has it as fixed point (the mean is above the ReLU limit α → 0); the feasible mean for variance 1 is (-0.803261, 0.683332)
}

// The means a SELU can hold at variance 1 with normalized weights: the
// upper edge is √(1/(π−1)) (the ReLU limit α → 0), the lower one the limit
// α → ∞.
func ExampleFeasibleMeans() {
	lo, hi, err := solver.FeasibleMeans(big.NewRat(1, 1), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("(%.6f, %.6f) √(1/(π−1)) = %.6f\n", lo, hi, math.Sqrt(1/(math.Pi-1)))
	// Output:
	// (-0.803261, 0.683332) √(1/(π−1)) = 0.683332
}

// ExampleJacobian evaluates the layer map's Jacobian where the float64 one
// of package mapping loses its second row: a net input N(−1, 1e20) with
// α ≈ 4e20 (the constants that keep (−1e10, 1e20) at ω = 1e-10).
func ExampleJacobian() {
	l := mapping.Layer{
		Constants: mapping.Constants{Lambda: 5.000000000697928e-11, Alpha: 3.9999999995214456e+20},
		Weights:   mapping.Weights{Omega: 1e-10, Tau: 1},
	}
	h, err := solver.Jacobian(l, mapping.Point{Mean: -1e10, Var: 1e20})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("H = [[%.6g, %.6g], [%.6g, %.6g]]\n", h[0][0], h[0][1], h[1][0], h[1][1])
	fmt.Printf("S = %.6g\n", mapping.SpectralNorm(h))
	// Output:
	// H = [[7.97885e-11, 9.97356e-22], [1.8169e-11, 5.98413e-11]]
	// S = 8.38942e-11
}
