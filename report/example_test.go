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

// Build computes the report's numbers for a target; Render writes the page.
func ExampleBuild() {
	d, err := report.Build(context.Background(), report.Config{
		Mean: "0", Var: "1",
		FieldN: 5, GridN: 8, BasinN: 8, FeasibleN: 8, CurveN: 20,
		Verify: report.VerifyConfig{Off: true},
		MC:     report.MCConfig{Off: true},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("λ =", d.Constants.Lambda)
	fmt.Println("α =", d.Constants.Alpha)
	fmt.Printf("stable: %v, S = %.4f\n", d.Verdict.Stable, d.Stability.Norm)

	var page bytes.Buffer
	if err := report.Render(&page, d); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Count(page.String(), "<section id="), "sections")
	// Output:
	// λ = 1.05070098735548049341933498529
	// α = 1.67326324235437728481704299167
	// stable: true, S = 0.7877
	// 8 sections
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
	// 3 heat maps
}
