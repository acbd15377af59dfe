package sweep

import (
	"context"
	"encoding/json"
	"math/big"
	"os"
	"strings"
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
		{"100000000", 3, "1.00e+08", true},
		{"1.0218242315561e-08", 10, "1.021824232e-08", true},
		{"-1.7502403670867e-08", 10, "-1.750240367e-08", true},
		{"9.99e-09", 2, "1.0e-08", true},
		{"1.23456789e+09", 4, "1.235e+09", true},
	} {
		got, ok := roundDecimal(test.in, test.d)
		if ok != test.ok || got != test.want {
			t.Errorf("roundDecimal(%q, %d) = %q, %v, want %q, %v", test.in, test.d, got, ok, test.want, test.ok)
		}
	}
}

// TestTextDigits: the layout of solver.Result.Text, including decimal
// exponents ±8 and ±9 (written "e-08", which must not be read as octal).
func TestTextDigits(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		in   string
		d    int
		want string
	}{
		{"1.05070098735548049341933498529461", 10, "1.050700987"},
		{"1.0218242315561394e-8", 10, "1.021824232e-08"},
		{"-1.7502403670867597e-8", 10, "-1.750240367e-08"},
		{"1.5e-9", 3, "1.50e-09"},
		{"2.5e8", 3, "2.50e+08"},
		{"9.87e9", 3, "9.87e+09"},
		{"123", 3, "123"},
		{"123", 5, "123.00"},
		{"0.00001234", 3, "0.0000123"},
		{"0.000001234", 3, "1.23e-06"},
		{"12345", 3, "1.23e+04"},
	} {
		x, _, err := big.ParseFloat(test.in, 10, 200, big.ToNearestEven)
		if err != nil {
			t.Fatal(err)
		}
		if got := textDigits(x, test.d); got != test.want {
			t.Errorf("textDigits(%s, %d) = %q, want %q", test.in, test.d, got, test.want)
		}
	}
}

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

// FuzzRoundDecimal compares roundDecimal with rounding in exact rational
// arithmetic: the result must be the d-digit decimal nearest to the input,
// and ties must be refused.
func FuzzRoundDecimal(f *testing.F) {
	for _, s := range []string{"1.52736859750000141750317117792", "9.9999", "1.5", "0.000123456789", "-2.5e-7", "123456.789"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, d int) {
		if d < 1 || d > 40 || len(s) > 60 {
			return
		}
		x, ok := new(big.Rat).SetString(s)
		if !ok || strings.ContainsAny(s, "/xXpP_ +") || strings.Count(s, "e") > 1 {
			return
		}
		got, ok := roundDecimal(s, d)
		if !ok {
			return // a tie, or a format the solver never writes
		}
		g, okg := new(big.Rat).SetString(got)
		if !okg {
			t.Fatalf("roundDecimal(%q, %d) = %q is not a number", s, d, got)
		}
		if x.Sign() == 0 {
			if g.Sign() != 0 {
				t.Fatalf("roundDecimal(%q, %d) = %q, want 0", s, d, got)
			}
			return
		}
		// ulp = 10^(e−d+1) with 10^e ≤ |x| < 10^(e+1); |got − x| ≤ ulp/2.
		ax := new(big.Rat).Abs(x)
		e := 0
		ten := big.NewRat(10, 1)
		p := big.NewRat(1, 1)
		for p.Cmp(ax) > 0 {
			p.Quo(p, ten)
			e--
		}
		for new(big.Rat).Mul(p, ten).Cmp(ax) <= 0 {
			p.Mul(p, ten)
			e++
		}
		ulp := big.NewRat(1, 1)
		for i := 0; i < d-1-e; i++ {
			ulp.Quo(ulp, ten)
		}
		for i := 0; i < e-d+1; i++ {
			ulp.Mul(ulp, ten)
		}
		diff := new(big.Rat).Sub(g, x)
		diff.Abs(diff)
		half := new(big.Rat).Quo(ulp, big.NewRat(2, 1))
		// A carry to the next power of ten doubles the ulp of the result
		// but not of the input; the bound uses the input's ulp.
		if diff.Cmp(half) > 0 {
			t.Fatalf("roundDecimal(%q, %d) = %q: off by %s > half ulp %s", s, d, got, diff.FloatString(40), half.FloatString(40))
		}
		if diff.Cmp(half) == 0 {
			t.Fatalf("roundDecimal(%q, %d) = %q: a tie was not refused", s, d, got)
		}
	})
}
