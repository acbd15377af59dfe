package mapping_test

import (
	"errors"
	"fmt"
	"math"

	"github.com/selu-tool/selu/mapping"
)

// The paper's layer maps (0, 1) to itself (Eq. 14).
func ExampleLayer_Moments() {
	g := mapping.Standard.Moments(0, 1)
	fmt.Printf("mean %.12f\nvar  %.12f\nE selu² %.12f\n", g.Mean, g.Var, g.SecondMoment)

	// A layer whose inputs have mean 0.5 and variance 2 (with ω = 0 the
	// input mean does not matter).
	g = mapping.Standard.Moments(0.5, 2)
	fmt.Printf("g(0.5, 2) = (%.6f, %.6f)\n", g.Mean, g.Var)
	// Output:
	// mean 0.000000000000
	// var  1.000000000000
	// E selu² 1.000000000000
	// g(0.5, 2) = (0.089612, 1.714478)
}

// Eq. 6: the Jacobian of g at the paper's fixed point, its largest
// singular value S (Eq. 69) and its spectral radius.
func ExampleLayer_Stability() {
	s := mapping.Standard.Stability(0, 1)
	fmt.Printf("H = [[%.4f, %.4f], [%.4f, %.4f]]\n", s.H[0][0], s.H[0][1], s.H[1][0], s.H[1][1])
	fmt.Printf("H12 = %.16f\nH22 = %.16f\n", s.H[0][1], s.H[1][1])
	fmt.Printf("S = %.16f\nρ = %.16f\nstable: %v\n", s.SpectralNorm, s.SpectralRadius, s.Stable())
	// Output:
	// H = [[0.0000, 0.0888], [0.0000, 0.7826]]
	// H12 = 0.0888347551068901
	// H22 = 0.7826478831968128
	// S = 0.7876733604657156
	// ρ = 0.7826478831968128
	// stable: true
}

// Newton's method finds the fixed point; in the notebook convention
// (ω = 1) the same point repels.
func ExampleLayer_FixedPoint() {
	for _, l := range []mapping.Layer{mapping.Standard, {Constants: mapping.Paper, Weights: mapping.Notebook}} {
		res, err := l.FixedPoint(mapping.Point{Mean: 0.05, Var: 1.1}, nil)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("ω=%g: %v, |mean| < 1e-15: %v, var %.12f, ρ = %.4f, stable %v\n", l.Omega, res.Status,
			math.Abs(res.Point.Mean) < 1e-15, res.Point.Var, res.Stability.SpectralRadius, res.Stability.Stable())
	}
	// Output:
	// ω=0: converged, |mean| < 1e-15: true, var 1.000000000000, ρ = 0.7826, stable true
	// ω=1: converged, |mean| < 1e-15: true, var 1.000000000000, ρ = 1.0768, stable false
}

// With a smaller λ the layer settles at another fixed point, of smaller
// variance.
func ExampleLayer_Iterate() {
	l := mapping.Layer{Constants: mapping.Constants{Lambda: 0.9, Alpha: mapping.Paper.Alpha}, Weights: mapping.Normalized}
	for i, p := range l.Iterate(mapping.Point{Mean: 0, Var: 1}, 40) {
		if i%10 == 0 {
			fmt.Printf("%2d: mean %8.5f  var %.3e\n", i, p.Mean, p.Var)
		}
	}
	// Output:
	//  0: mean  0.00000  var 1.000e+00
	// 10: mean -0.04665  var 2.502e-01
	// 20: mean -0.04754  var 2.050e-01
	// 30: mean -0.04757  var 1.980e-01
	// 40: mean -0.04757  var 1.968e-01
}

func ExampleNewIntegrals() {
	in := mapping.NewIntegrals(0, 1)
	fmt.Printf("A = %.15f\nB = %.15f\nC = %.15f\nD = %.15f\n", in.A, in.B, in.C, in.D)
	// The fixed-point condition for μ = 0 (docs/model.md §4): α = −A/B.
	fmt.Printf("α = −A/B = %.15f\n", -in.A/in.B)
	// Output:
	// A = 0.398942280401433
	// B = -0.238421708134877
	// C = 0.500000000000000
	// D = 0.144945417492924
	// α = −A/B = 1.673263242354377
}

func ExampleWeights_Solve() {
	c, err := mapping.Normalized.Solve(mapping.Point{Mean: 0, Var: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("λ = %.15f, α = %.15f\n", c.Lambda, c.Alpha)
	_, err = mapping.Normalized.Solve(mapping.Point{Mean: 1, Var: 1})
	fmt.Println(errors.Is(err, mapping.ErrInfeasible))
	// Output:
	// λ = 1.050700987355480, α = 1.673263242354377
	// true
}

func ExampleWeights_FeasibleMeans() {
	lo, hi, _ := mapping.Normalized.FeasibleMeans(1)
	fmt.Printf("feasible means for variance 1: (%.6f, %.6f)\n", lo, hi)
	// Output:
	// feasible means for variance 1: (-0.803261, 0.683332)
}

func ExampleLayer_Orbit() {
	r, _ := mapping.Standard.Orbit(mapping.Point{Mean: 0.5, Var: 2}, nil)
	fmt.Printf("%v after %d layers at (%.6f, %.6f)\n", r.Status, r.Steps, r.Point.Mean, r.Point.Var)
	// Output:
	// converged after 116 layers at (0.000000, 1.000000)
}

func ExampleLayer_GradientGrowth() {
	fmt.Printf("χ = %.4f\n", mapping.Standard.GradientGrowth(mapping.Point{Mean: 0, Var: 1}))
	// Output:
	// χ = 1.0716
}
