package report_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/selu-tool/selu/report"
	"github.com/selu-tool/selu/solver"
	"github.com/selu-tool/selu/sweep"
)

// The target is solved first; Build computes the report's numbers and
// Render writes the page.
func ExampleBuild() {
	t, _ := solver.ParseTarget("0.5", "1")
	res, err := solver.Solve(t, &solver.Options{DropoutRates: []float64{0.1}})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := report.Build(context.Background(), report.Config{
		Result: res,
		FieldN: 5, GridN: 8, BasinN: 8, FeasibleN: 8, CurveN: 20,
		Verify: report.VerifyConfig{Off: true},
		MC:     report.MCConfig{Off: true},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("λ =", res.Text(res.Lambda))
	fmt.Println("α =", res.Text(res.Alpha))
	fmt.Printf("stable: %v, ρ = %.4f\n", r.Result().Stable(), res.Stability.SpectralRadius)

	var page bytes.Buffer
	if err := r.Render(&page); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Count(page.String(), "<section id="), "sections")
	// Output:
	// λ = 1.55724878985651946716505369802
	// α = 0.326577670496372276122241813614
	// stable: true, ρ = 0.9561
	// 9 sections
}

// RenderSweep draws the page of selu-solve sweep --html for a table of
// targets solved by package sweep.
func ExampleRenderSweep() {
	m, _ := sweep.ParseAxis("-0.6:0.6:0.3")
	v, _ := sweep.ParseAxis("0.5:2:0.5")
	g, err := sweep.NewGrid(m, v)
	if err != nil {
		fmt.Println(err)
		return
	}
	tab, err := sweep.Run(context.Background(), g, &sweep.Options{Solver: &solver.Options{Digits: 8}})
	if err != nil {
		fmt.Println(err)
		return
	}
	feasible, stable := tab.Counts()
	fmt.Printf("%d targets, %d feasible, %d stable\n", len(tab.Rows), feasible, stable)

	var page bytes.Buffer
	if err := report.RenderSweep(&page, tab); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Count(page.String(), "<svg"), "heat maps")
	// Output:
	// 20 targets, 18 feasible, 18 stable
	// 5 heat maps
}
