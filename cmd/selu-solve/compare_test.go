package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCompareJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"compare", "--mean", "0,5", "--var", "1,4", "--json"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var out struct {
		Depth int                          `json:"depth"`
		Rows  []map[string]json.RawMessage `json:"rows"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if out.Depth != 32 || len(out.Rows) != 4 {
		t.Fatalf("depth %d, %d rows; want 32 and 4 (2 means × 2 variances)", out.Depth, len(out.Rows))
	}
	num := func(i int, k string) float64 {
		var v float64
		if err := json.Unmarshal(out.Rows[i][k], &v); err != nil {
			t.Fatalf("row %d %s: %s", i, k, out.Rows[i][k])
		}
		return v
	}
	for _, k := range []string{"mean", "var", "lambda", "alpha", "spectral_radius", "layers_to_1pct", "gradient_growth",
		"gradient_growth_over_depth", "correlation_fixed_point", "correlation_slope", "correlation_depth", "predicted_trainable_depth",
		"fixed_point_tau_minus_10pct", "fixed_point_tau_plus_10pct", "dropout_a", "dropout_b", "feasible"} {
		if _, ok := out.Rows[0][k]; !ok {
			t.Errorf("row lacks %q", k)
		}
	}
	// Order: means outer, variances inner. Values: compare's tests check
	// them against mpmath; here the wiring (ρ at (0, 4): 0.70985039833847388007
	// from compare/testdata/compare.txt).
	if num(1, "mean") != 0 || num(1, "var") != 4 || math.Abs(num(1, "spectral_radius")-0.70985039833847388007) > 1e-12 {
		t.Errorf("row 1: mean %v var %v ρ %v", num(1, "mean"), num(1, "var"), num(1, "spectral_radius"))
	}
	if string(out.Rows[2]["feasible"]) != "false" || !strings.Contains(string(out.Rows[2]["error"]), "feasible") || string(out.Rows[2]["lambda"]) != "null" {
		t.Errorf("row (5, 1) should be infeasible: %s", out.Rows[2])
	}
}

func TestCompareText(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"compare", "--var", "1,4"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	s := stdout.String()
	for _, want := range []string{"(0, 1)", "(0, 4)", "0.782648", "0.70985", "1.07157", "1.19765", "×9.13529", "×321.059",
		"33.6043", "15.1885", "settles faster", "forgotten faster", "Schoenholz"} {
		if !strings.Contains(s, want) {
			t.Errorf("text lacks %q:\n%s", want, s)
		}
	}
}

// TestCompareTinyVariance: at ν* = 1e-20, χ_c is 1 − 6.4e-22 (mpmath),
// beyond float64, and ρ = 1 − 4e-11 gives about 1.1543e11 layers to within
// 1% (mpmath 115434497984; the float64 ρ fixes only the first 5 or 6
// digits). The table says so instead of printing ∞ and a 12-digit count.
func TestCompareTinyVariance(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"compare", "--var", "1e-20"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	s := stdout.String()
	for _, want := range []string{"1.154e+11", "> 1.000e+10", "> 6.000e+10"} {
		if !strings.Contains(s, want) {
			t.Errorf("text lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "∞") || strings.Contains(s, "115434") {
		t.Errorf("text prints ∞ or the digits of the count:\n%s", s)
	}
}

func TestCompareCSVAndHTML(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"compare", "--var", "1", "--tau", "1,1.1", "--csv"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "mean,var,omega,tau,feasible,lambda") || !strings.Contains(lines[2], ",1.1,") {
		t.Errorf("CSV:\n%s", stdout.String())
	}
	path := filepath.Join(t.TempDir(), "t.html")
	stdout.Reset()
	if code := run([]string{"compare", "--var", "1,4", "--html", path}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	b, err := os.ReadFile(path)
	if err != nil || !bytes.Contains(b, []byte("fig-tradeoff")) {
		t.Errorf("HTML page: %v, %d bytes", err, len(b))
	}
}

// TestCompareHTMLChecked: an --html destination that cannot be written is
// refused before the rows are computed, naming the flag.
func TestCompareHTMLChecked(t *testing.T) {
	var stdout, stderr bytes.Buffer
	path := filepath.Join(t.TempDir(), "missing", "t.html")
	code := run([]string{"compare", "--html", path}, &stdout, &stderr)
	if code != 2 || stdout.Len() != 0 || !strings.HasPrefix(stderr.String(), "selu-solve: compare: --html "+path+": cannot write") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

func TestCompareBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"--var", "1,,4"},
		{"--var", "-1"},
		{"--mean", "x"},
		{"--tau", "0"},
		{"--depth", "0"},
		{"--json", "--csv"},
		{"--html", "-o"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"compare"}, args...), &stdout, &stderr)
		if code != 2 || strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("%q: exit %d, stderr %q; want 2 and one line", args, code, stderr.String())
		}
	}
}
