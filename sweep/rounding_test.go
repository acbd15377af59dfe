package sweep

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"selu/solver"
)

func TestRoundDecimal(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		in   string
		d    int
		want string
		ok   bool
	}{
		// α for (0.005, 0.68), 1.4e-6 units of the 10th digit above the
		// midpoint (testdata/reference.json near_midpoint).
		{"1.52736859750000141750317117792", 10, "1.527368598", true},
		{"-1.60692927938673500038407839490", 10, "-1.606929279", true},
		{"1.05209003381171944583148934493", 10, "1.052090034", true},
		{"1.5", 1, "", false},           // exact tie: undecidable
		{"1.50000000000", 1, "", false}, // exact tie with zeros
		{"1.5000000001", 1, "2", true},
		{"1.4999999999", 1, "1", true},
		{"2.5000000001", 1, "3", true},
		{"9.9999999999", 3, "10.0", true},
		{"-9.9999999999", 3, "-10.0", true},
		{"0.000123456789", 4, "0.0001235", true},
		{"1.23456789e-07", 3, "1.23e-07", true},
		{"9.99999e+09", 2, "1.0e+10", true},
		{"123456.789", 3, "1.23e+05", true},
		{"123.456", 3, "123", true},
		{"12.3", 5, "12.300", true},
		{"0", 3, "0", true},
		{"1.2x4", 2, "", false},
	} {
		got, ok := roundDecimal(test.in, test.d)
		if ok != test.ok || got != test.want {
			t.Errorf("roundDecimal(%q, %d) = %q, %v, want %q, %v", test.in, test.d, got, ok, test.want, test.ok)
		}
	}
}

// TestNearMidpoint: targets whose constants lie very close to a rounding
// midpoint are still delivered correctly rounded (reference: mpmath,
// testdata/reference.json near_midpoint).
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
