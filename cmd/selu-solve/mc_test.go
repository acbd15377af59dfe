package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/selu-tool/selu/montecarlo"
)

// Small sizes keep these tests fast; the statistics are tested in package
// montecarlo.
var mcSmall = []string{"mc", "--width", "64", "--depth", "8", "--batch", "32"}

// mcArgs returns mcSmall with the flags in extra added or replaced (each
// flag may be given once).
func mcArgs(extra ...string) []string {
	args := append([]string{}, mcSmall...)
	for i := 0; i < len(extra); i++ {
		j := slices.Index(args, extra[i])
		switch {
		case j < 0 || !strings.HasPrefix(extra[i], "--"):
			args = append(args, extra[i])
		case i+1 < len(extra) && j+1 < len(args) && !strings.HasPrefix(args[j+1], "--"):
			args[j+1] = extra[i+1]
			i++
		}
	}
	return args
}

func TestMCText(t *testing.T) {
	code, out, errs := runArgs(t, mcArgs("--depth", "12", "--width", "128", "--batch", "64")...)
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	if errs != "" {
		t.Errorf("stderr not empty when not a terminal: %q", errs)
	}
	for _, want := range []string{"layer", "± se", "predicted mean", "predicted var", "converged to the target (0, 1)",
		"λ = 1.0507009873554805, α = 1.6732632423543772", "GFLOP/s"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n"); n < 12+5 {
		t.Errorf("only %d lines:\n%s", n, out)
	}
	// Given constants are printed as typed, not as 0.90000000000000002.
	_, out, _ = runArgs(t, mcArgs("--depth", "2", "--lambda", "0.9", "--alpha", "1.7")...)
	if !strings.Contains(out, "λ = 0.9, α = 1.7;") {
		t.Errorf("output lacks λ = 0.9, α = 1.7:\n%s", out)
	}
}

func TestMCJSON(t *testing.T) {
	code, out, errs := runArgs(t, mcArgs("--json", "--dtype", "float64", "--dropout", "0.1")...)
	if code != 0 && code != 1 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var j struct {
		Layers []map[string]any `json:"layers"`
		Conv   *bool            `json:"converged"`
		Sec    *float64         `json:"seconds"`
		GF     *float64         `json:"gflops"`
		A      float64          `json:"dropout_a"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	if len(j.Layers) != 8 || j.Conv == nil || j.Sec == nil || j.GF == nil {
		t.Fatalf("missing fields:\n%s", out)
	}
	if (code == 0) != *j.Conv {
		t.Errorf("exit %d but converged = %v", code, *j.Conv)
	}
	for _, k := range []string{"layer", "mean", "var", "mean_se", "var_se", "predicted_mean", "predicted_var"} {
		if _, ok := j.Layers[0][k]; !ok {
			t.Errorf("layer lacks %q", k)
		}
	}
	if j.Layers[7]["layer"] != 8.0 {
		t.Errorf("last layer number %v", j.Layers[7]["layer"])
	}
	// docs/model.md §6: a for rate 0.1 at (0, 1), from the solver.
	if d := j.A - 0.921284516149711482728428828483598; d > 1e-15 || d < -1e-15 {
		t.Errorf("dropout a = %.17g", j.A)
	}
	// Same seed, same numbers.
	_, out2, _ := runArgs(t, mcArgs("--json", "--dtype", "float64", "--dropout", "0.1")...)
	if mcLayersJSON(t, out) != mcLayersJSON(t, out2) {
		t.Error("two runs with the same seed differ")
	}
}

func mcLayersJSON(t *testing.T, s string) string {
	t.Helper()
	var j struct {
		Layers json.RawMessage `json:"layers"`
	}
	if err := json.Unmarshal([]byte(s), &j); err != nil {
		t.Fatal(err)
	}
	return string(j.Layers)
}

// LeCun weights with a target mean of 0.5 drift (docs/model.md §7): exit 1.
func TestMCLeCunDrift(t *testing.T) {
	code, out, errs := runArgs(t, "mc", "--width", "128", "--depth", "16", "--batch", "64", "--mean", "0.5", "--weights", "lecun")
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s\n%s", code, errs, out)
	}
	if !strings.Contains(out, "did not converge") || !strings.Contains(errs, "did not converge") {
		t.Errorf("verdict missing:\n%s\n%s", out, errs)
	}
}

func TestMCInputFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	var b strings.Builder
	b.WriteString("x1,x2,x3,x4,x5\n")
	for i := range 40 {
		for j := range 5 {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString([]string{"0.5", "-1", "2", "0", "1.5", "-0.25", "3"}[(i*5+j)%7])
		}
		b.WriteByte('\n')
	}
	if err := os.WriteFile(good, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runArgs(t, "mc", "--width", "64", "--depth", "10", "--input", good, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	if !strings.Contains(out, `"batch": 40`) || !strings.Contains(out, `"input_rows": 40`) {
		t.Errorf("batch is not the file's 40 rows:\n%s", out)
	}

	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("1,2,3\n4,5,6\n7,eight,9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runArgs(t, "mc", "--input", bad)
	if code != 2 || !strings.Contains(errs, "line 3, field 2") || !strings.Contains(errs, "not a number") {
		t.Errorf("malformed CSV: exit %d, %q", code, errs)
	}
	// Every value equal: variance 0, where the layer map (the
	// prediction) is not defined; refused before any output.
	flat := filepath.Join(dir, "flat.csv")
	if err := os.WriteFile(flat, []byte(strings.Repeat("0.5,0.5,0.5,0.5\n", 8)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runArgs(t, "mc", "--input", flat, "--width", "16", "--depth", "2")
	if code != 2 || out != "" || !strings.Contains(errs, "the inputs have variance 0") {
		t.Errorf("constant CSV: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	ragged := filepath.Join(dir, "ragged.csv")
	if err := os.WriteFile(ragged, []byte("1,2,3\n4,5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runArgs(t, "mc", "--input", ragged)
	if code != 2 || !strings.Contains(errs, "line 2: 2 fields, but the first line has 3") {
		t.Errorf("ragged CSV: exit %d, %q", code, errs)
	}
	code, _, errs = runArgs(t, "mc", "--input", good, "--batch", "41")
	if code != 2 || !strings.Contains(errs, "exceeds the 40 data rows") {
		t.Errorf("batch > rows: exit %d, %q", code, errs)
	}
}

func TestMCBadInput(t *testing.T) {
	for _, test := range []struct {
		args []string
		want string
	}{
		{[]string{"mc", "--width", "0"}, "--width must be between 2 and"},
		{[]string{"mc", "--depth", "100000"}, "--depth must be between 1 and 10000"},
		{[]string{"mc", "--batch", "-1"}, "--batch must be"},
		{[]string{"mc", "--width", "65536", "--batch", "16000000"}, "the run needs about"},
		{[]string{"mc", "--dtype", "float16"}, "--dtype must be float32 or float64"},
		{[]string{"mc", "--weights", "xavier"}, "--weights must be exact, lecun or gain=G"},
		{[]string{"mc", "--weights", "gain=0"}, "--weights must be"},
		{[]string{"mc", "--weights", "gain=1e300"}, "τ = G² = 1e+600"},
		// Inputs and activations the number type cannot hold are bad
		// input, not a run that "did not converge" on NaN or on inputs
		// whose variance rounding has erased.
		{[]string{"mc", "--input-mean", "1e308"}, "do not fit in float32"},
		{[]string{"mc", "--input-mean", "1e200", "--input-var", "1e300", "--dtype", "float64"}, "vary too little for float64 to hold their variance: want √var at least max(64·2.22e-16·|mean|, 9.33e-302); change --input-mean and --input-var\n"},
		{[]string{"mc", "--var", "1e-20"}, "the inputs N(1, 2e-20) vary too little for float32"},
		{[]string{"mc", "--input-mean", "1e30"}, "vary too little for float32"},
		{[]string{"mc", "--lambda", "1e30", "--alpha", "1e10", "--width", "64", "--depth", "3", "--batch", "64"}, "the activations overflow float32 at layer 1"},
		{[]string{"mc", "--dropout", "1"}, "--dropout must be in [0, 1)"},
		{[]string{"mc", "--dropout", "NaN"}, `--dropout: "NaN" is not a number`},
		{[]string{"mc", "--input-var", "0"}, "--input-var must be > 0"},
		{[]string{"mc", "--lambda", "1.05"}, "--lambda and --alpha go together"},
		{[]string{"mc", "--var", "0"}, "--var must be > 0"},
		{[]string{"mc", "--mean", "0.7"}, "infeasible"},
		{[]string{"mc", "--weights", "lecun", "--omega", "1"}, "need --weights exact"},
		{[]string{"mc", "--omega", "40", "--width", "64"}, "want τ >"},
		{[]string{"mc", "--input", "/nonexistent/x.csv"}, "--input"},
		{[]string{"mc", "--input", ""}, "--input needs a file name"},
		{[]string{"mc", "--input", "x.csv", "--input-mean", "1"}, "drop --input-mean"},
		{[]string{"mc", "extra"}, "unexpected argument"},
	} {
		code, out, errs := runArgs(t, test.args...)
		if code != 2 || !strings.Contains(errs, test.want) || out != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want exit 2 and %q", test.args, code, errs, out, test.want)
		}
		if strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("%v: error not on one line: %q", test.args, errs)
		}
	}
}

func TestMCMemoryMessage(t *testing.T) {
	_, _, errs := runArgs(t, "mc", "--width", "65536", "--batch", "16000000")
	// The message gives both numbers and where the available one came from.
	for _, want := range []string{"GiB", "available", "MemAvailable"} {
		if !strings.Contains(errs, want) {
			t.Errorf("memory error lacks %q: %s", want, errs)
		}
	}
}

// The progress bar redraws one line and erases it; it is off for
// anything that is not a terminal.
func TestMCProgress(t *testing.T) {
	var b strings.Builder
	if mcIsTerminal(&b) {
		t.Error("a strings.Builder is a terminal")
	}
	p := &mcProgress{w: &b}
	p.update(1, 4)
	p.update(4, 4)
	p.done()
	s := b.String()
	if !strings.Contains(s, "\rmc: [#######.......................] layer 1/4") || !strings.Contains(s, "layer 4/4") || !strings.HasSuffix(s, "\r") {
		t.Errorf("progress output %q", s)
	}
	var none *mcProgress
	none.done() // no bar: no-op
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if mcIsTerminal(f) {
		t.Error("a regular file is a terminal")
	}
}

// Runs too large for the memory or the work limit are refused before any
// work: the simulation (mcRun) is never called, and the message names the
// limit. The memory is fixed at 1 GiB here so that the case does not depend
// on the machine.
func TestMCLimitsBeforeWork(t *testing.T) {
	defer func(r func(context.Context, *montecarlo.Config) (*montecarlo.Result, error), m func() (int64, string)) {
		mcRun, mcMemory = r, m
	}(mcRun, mcMemory)
	mcRun = func(context.Context, *montecarlo.Config) (*montecarlo.Result, error) {
		t.Fatal("the simulation started")
		return nil, nil
	}
	mcMemory = func() (int64, string) { return 1 << 30, "fixed by the test" }
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"mc", "--width", "8192", "--depth", "10000", "--batch", "1"}, "over the limit of 1e+12 of --max-work"},
		{[]string{"mc", "--width", "16384", "--batch", "16384", "--dtype", "float64", "--depth", "1"}, "only 1.0 GiB is available"},
		// 16384² float32 buffers: x0, y and the packed weights are 1 GiB each.
		{[]string{"mc", "--width", "16384", "--batch", "4096", "--depth", "1", "--max-work", "1e20"}, "the run needs about"},
		{[]string{"mc", "--width", "1024", "--depth", "100", "--batch", "1024", "--max-work", "1e9"}, "raise --max-work"},
		{[]string{"mc", "--max-work", "0"}, "--max-work must be > 0"},
		{[]string{"mc", "--max-work", "-1"}, "--max-work must be > 0"},
	} {
		code, out, errs := runArgs(t, tc.args...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and one line with %q", tc.args, code, out, errs, tc.want)
		}
	}
}
