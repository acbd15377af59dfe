package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"testing"
)

func runArgs(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestSolvePaperConstants: bare selu-solve at 32 digits prints the paper's
// λ01, α01 (Eq. 14; docs/model.md §4, correctly rounded).
func TestSolvePaperConstants(t *testing.T) {
	code, out, errs := runArgs(t, "--digits", "32")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"1.0507009873554804934193349852946", "1.6732632423543772848170429916717",
		"normalized weights", "stable", "import torch", "import keras", "jax.nn.elu"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

// TestSolveJSON checks the documented --json layout, with the docs/model.md §4
// values for (0, 4) and the docs/model.md §6 dropout values for (0, 1).
func TestSolveJSON(t *testing.T) {
	code, out, errs := runArgs(t, "--var", "4", "--digits", "33", "--dropout", "0.1", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	want := []string{"alpha", "alpha_prime", "digits", "dropout", "jacobian", "lambda", "spectral_norm", "spectral_radius", "stable", "target", "weights"}
	sort.Strings(keys)
	if strings.Join(keys, " ") != strings.Join(want, " ") {
		t.Errorf("keys %v, want %v", keys, want)
	}
	var j struct {
		Target         struct{ Mean, Var string }
		Weights        struct{ Omega, Tau string }
		Digits         int
		Lambda, Alpha  string
		AlphaPrime     string `json:"alpha_prime"`
		Jacobian       [2][2]float64
		SpectralNorm   float64 `json:"spectral_norm"`
		SpectralRadius float64 `json:"spectral_radius"`
		Stable         bool
		Dropout        []struct {
			Rate float64
			A, B string
		}
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if j.Target.Mean != "0" || j.Target.Var != "4" || j.Weights.Omega != "0" || j.Weights.Tau != "1" || j.Digits != 33 {
		t.Errorf("echo: %+v", j)
	}
	// docs/model.md §4 table, (0, 4)
	if j.Lambda != "1.07023227444711082731986364607838" || j.Alpha != "2.40400533821648224237642412369141" {
		t.Errorf("λ = %s, α = %s", j.Lambda, j.Alpha)
	}
	// mpmath (testdata/reference.txt of package solver): α' at 33 digits
	if j.AlphaPrime != "-2.57284410090242171019047954698026" {
		t.Errorf("α' = %s", j.AlphaPrime)
	}
	if len(j.Dropout) != 1 || j.Dropout[0].Rate != 0.1 || len(strings.TrimLeft(strings.ReplaceAll(j.Dropout[0].A, ".", ""), "0")) != 33 {
		t.Errorf("dropout %+v", j.Dropout)
	}
	if !j.Stable || j.SpectralRadius >= 1 {
		t.Errorf("(0, 4) should be stable: %+v", j)
	}

	// docs/model.md §6, (0, 1), rate 0.05 and 0.1 at 33 digits
	code, out, errs = runArgs(t, "--digits", "33", "--dropout", "0.05,0.1", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	for i, w := range [][2]string{
		{"0.954844476005030876386208679097277", "0.0839355721938101867131310251022053"},
		{"0.921284516149711482728428828483598", "0.161970970057570227938175725632166"},
	} {
		if j.Dropout[i].A != w[0] || j.Dropout[i].B != w[1] {
			t.Errorf("rate %v: a=%s b=%s, want %s %s", j.Dropout[i].Rate, j.Dropout[i].A, j.Dropout[i].B, w[0], w[1])
		}
	}
}

// TestSolveNotebookUnstable: the notebook convention ω = 1 at (−0.1, 2)
// reproduces the notebook's α ≈ 1.9769021954242014 and says plainly that the
// fixed point is unstable (docs/model.md §1: every checked ω = 1 fixed point is).
func TestSolveNotebookUnstable(t *testing.T) {
	code, out, errs := runArgs(t, "--mean", "-0.1", "--var", "2", "--omega", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "1.97690219542420") || !strings.Contains(out, "notebook") {
		t.Errorf("output:\n%s", out)
	}
	if !strings.Contains(out, "UNSTABLE") || !strings.Contains(errs, "UNSTABLE") {
		t.Errorf("no plain instability warning:\n%s\n%s", out, errs)
	}
	code, out, _ = runArgs(t, "--mean", "-0.1", "--var", "2", "--omega", "1", "--json")
	if code != 0 || !strings.Contains(out, `"stable": false`) {
		t.Errorf("json: %s", out)
	}
}

// TestSolveBadInput: every bad or infeasible input is one line on stderr
// with exit status 2 and names what is wrong.
func TestSolveBadInput(t *testing.T) {
	for _, test := range []struct {
		args []string
		want string // in the message
	}{
		{[]string{"--var", "0"}, "--var must be > 0"},
		{[]string{"--var", "-1"}, "--var must be > 0"},
		{[]string{"--var", "NaN"}, "--var"},
		{[]string{"--mean", "Inf"}, "--mean"},
		{[]string{"--mean", "-inf"}, "--mean"},
		{[]string{"--mean", "abc"}, "--mean"},
		{[]string{"--mean", "1e99999999"}, "exponent"},
		{[]string{"--mean", "0x10"}, "--mean"},
		{[]string{"--omega", "nan"}, "--omega"},
		{[]string{"--tau", "0"}, "--tau must be > 0"},
		{[]string{"--tau", "-1"}, "--tau must be > 0"},
		{[]string{"--digits", "0"}, "--digits must be between 1 and 10000"},
		{[]string{"--digits", "10001"}, "--digits must be between 1 and 10000"},
		{[]string{"--digits", "x"}, "digits"},
		{[]string{"--dropout", "1"}, "[0, 1)"},
		{[]string{"--dropout", "-0.1"}, "[0, 1)"},
		{[]string{"--dropout", "0.1,x"}, "--dropout"},
		{[]string{"--dropout", "0.123456789012345678901"}, "float64"},
		{[]string{"--mean", "0.7"}, "feasible mean for variance 1 is (-0.803261, 0.683332)"},
		{[]string{"--mean", "-0.9"}, "(-0.803261, 0.683332)"},
		{[]string{"--mean", "1", "--var", "1", "--omega", "-1"}, "(-0.532415, 0.484609)"},
		{[]string{"--var", "1e30"}, `--var must be in [1e-20, 1e20], got "1e30"`},
		{[]string{"--mean", "-2e20"}, `--mean must be in [-1e20, 1e20], got "-2e20"`},
		{[]string{"--omega", "3e20"}, `--omega must be in [-1e20, 1e20], got "3e20"`},
		{[]string{"--tau", "1e21"}, `--tau must be at most 1e20, got "1e21"`},
		// The weight scale of random weights comes from --weights and the
		// target, not from a --tau the user did not give.
		{[]string{"--weights", "gain=1e11"}, "--weights: random weights N(0, τ/n) with τ = G² = 1e+22"},
		// Why G is not a number is said, not only that it must be one.
		{[]string{"--weights", "gain=1e99999"}, `("1e99999" has an exponent out of range [-1000, 1000])`},
		{[]string{"--mean", "10", "--var", "1e-20", "--weights", "lecun"}, "τ(ν* + μ*²)/ν* = 1e+22, above the largest the solver takes (1e20)"},
		{[]string{"extra"}, `unknown command "extra"`},
		{[]string{"--mean", "0", "extra"}, "unexpected argument"},
		{[]string{"--nosuchflag"}, "nosuchflag"},
	} {
		code, out, errs := runArgs(t, test.args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (stdout %q)", test.args, code, out)
		}
		if strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "selu-solve: ") || !strings.Contains(errs, test.want) {
			t.Errorf("%v: stderr %q, want one line containing %q", test.args, errs, test.want)
		}
	}
}

// TestSolveSnippetsParse checks that the generated Python parses (with the
// system Python's ast module, when present).
func TestSolveSnippetsParse(t *testing.T) {
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		t.Skip("no /usr/bin/python3")
	}
	for _, args := range [][]string{{}, {"--digits", "50", "--mean", "0.2", "--dropout", "0.05,0.1,0.2"}, {"--dropout", ""}} {
		_, out, _ := runArgs(t, args...)
		i := strings.Index(out, "# ---- PyTorch")
		if i < 0 {
			t.Fatalf("no snippets for %v", args)
		}
		code := out[i:]
		if !regexp.MustCompile(`SELU_ALPHA = [0-9.]+`).MatchString(code) {
			t.Errorf("%v: no SELU_ALPHA literal", args)
		}
		cmd := exec.Command(py, "-c", "import ast, sys; ast.parse(sys.stdin.read())")
		cmd.Stdin = strings.NewReader(code)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%v: snippets do not parse: %v\n%s", args, err, msg)
		}
	}
}

// TestSolveHelp: 'selu-solve help solve' and 'selu-solve solve' reach the
// root command.
func TestSolveHelp(t *testing.T) {
	code, out, errs := runArgs(t, "help", "solve")
	if code != 0 || !strings.Contains(out+errs, "--digits") {
		t.Errorf("help solve: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = runArgs(t, "solve", "--var", "4", "--digits", "5", "--json")
	if code != 0 || !strings.Contains(out, `"alpha": "2.4040"`) {
		t.Errorf("solve: exit %d\n%s", code, out)
	}
}

// TestSolveExtremeWeights: inputs that crashed the solver (0·∞ in a far
// scan point, a NaN error bound in the rounding) give a normal answer, and
// a λ beyond float64 (≈ 2.65e13575 at (−50, 0.01), ω = 1, τ = 2) still
// gives the stability: ρ = 62502.4999520035 by mpmath differences of the
// moment map (solver/testdata/gen_stability.py).
func TestSolveExtremeWeights(t *testing.T) {
	for _, args := range [][]string{
		{"--omega", "5"}, {"--omega", "10"}, {"--omega", "-1e20"},
		{"--mean", "0.5", "--omega", "1", "--tau", "1e-5"},
		{"--omega", "0.5", "--tau", "1e-5", "--mean", "-0.1", "--var", "2.5"},
		{"--mean", "-3", "--var", "1", "--omega", "10", "--tau", "0.5", "--digits", "5"},
		{"--mean", "-3", "--var", "1", "--omega", "10", "--tau", "0.5", "--digits", "5", "--json"},
	} {
		code, out, errs := runArgs(t, args...)
		if code != 0 || strings.Contains(errs, "panic") || strings.Contains(out, "NaN") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
	code, out, errs := runArgs(t, "--mean", "-50", "--var", "0.01", "--omega", "1", "--tau", "2", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var j struct {
		SpectralRadius *float64 `json:"spectral_radius"`
		Stable         *bool    `json:"stable"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if j.SpectralRadius == nil || j.Stable == nil || *j.Stable || *j.SpectralRadius < 62502.49 || *j.SpectralRadius > 62502.51 {
		t.Errorf("ρ = %v, stable = %v; want 62502.5, false", j.SpectralRadius, j.Stable)
	}
}
