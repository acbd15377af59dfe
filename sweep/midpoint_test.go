package sweep

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/selu-tool/selu/solver"
)

// TestNearMidpoint: targets whose constants lie very close to a rounding
// midpoint, or are tiny (α ≈ 1e-8 next to the upper edge), are delivered
// correctly rounded (reference: mpmath, testdata/reference.json
// near_midpoint).
func TestNearMidpoint(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		NearMidpoint []struct {
			Mean, Var     string
			Digits        int
			Lambda, Alpha string
			AlphaPrime    string `json:"alpha_prime"`
		} `json:"near_midpoint"`
	}
	if err := json.Unmarshal(b, &ref); err != nil || len(ref.NearMidpoint) == 0 {
		t.Fatalf("reference: %v", err)
	}
	for _, c := range ref.NearMidpoint {
		g := mustGrid(t, c.Mean, c.Var)
		tab, err := Run(context.Background(), g, &Options{Solver: &solver.Options{Digits: c.Digits}})
		if err != nil {
			t.Fatal(err)
		}
		r := tab.Rows[0]
		for _, v := range []struct{ got, want string }{{r.Lambda, c.Lambda}, {r.Alpha, c.Alpha}, {r.AlphaPrime, c.AlphaPrime}} {
			if !correctlyRounded(t, v.got, v.want, c.Digits) {
				t.Errorf("(%s, %s) at %d digits: %s, want %s correctly rounded", c.Mean, c.Var, c.Digits, v.got, v.want)
			}
		}
	}
}
