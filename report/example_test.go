package report_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"selu/report"
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
