package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/verify"
)

func runVerifyCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(append([]string{"verify"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

type verifyOut struct {
	Certified       *bool       `json:"certified"`
	MaxSpectralNorm *float64    `json:"max_spectral_norm"`
	MeanRange       *[2]float64 `json:"mean_range"`
	VarRange        *[2]float64 `json:"var_range"`
	Margin          *float64    `json:"margin"`
	Boxes           int         `json:"boxes"`
	Seconds         *float64    `json:"seconds"`
	Reason          string      `json:"reason"`
}

func decodeVerify(t *testing.T, s string) verifyOut {
	t.Helper()
	var v verifyOut
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad JSON %q: %v", s, err)
	}
	if v.Certified == nil || v.Seconds == nil || v.Boxes <= 0 {
		t.Fatalf("JSON lacks certified, seconds or boxes: %s", s)
	}
	return v
}

// TestVerifyTheorem1 reproduces Theorem 1 of the paper (docs/model.md §5): the
// default box for the default constants is the paper's Ω.
func TestVerifyTheorem1(t *testing.T) {
	var first verifyOut
	for i, args := range [][]string{{"--theorem", "1", "--json"}, {"--json"}, {"--mean", "0", "--var", "1", "--json"}} {
		code, out, errOut := runVerifyCLI(t, args...)
		if code != 0 {
			t.Fatalf("verify %v: exit %d, stderr %q", args, code, errOut)
		}
		v := decodeVerify(t, out)
		if !*v.Certified || v.MaxSpectralNorm == nil || *v.MaxSpectralNorm >= 1 || v.Reason != "" {
			t.Fatalf("verify %v: %s", args, out)
		}
		// The paper: μ̃ ∈ [−0.03106, 0.06773], ν̃ ∈ [0.80009, 1.48617]. The
		// true minimum of μ̃ is −0.0310605018 (mpmath; see verify's tests),
		// which the paper rounded to nearest.
		if m, r := *v.MeanRange, *v.VarRange; m[0] < -0.0310606 || m[1] > 0.06773 || r[0] < 0.80009 || r[1] > 1.48617 {
			t.Errorf("verify %v: enclosures %v %v outside the paper's", args, m, r)
		}
		if i == 0 {
			first = v
		} else if *v.MeanRange != *first.MeanRange || *v.MaxSpectralNorm != *first.MaxSpectralNorm || v.Boxes != first.Boxes {
			t.Errorf("verify %v differs from --theorem 1: %s", args, out)
		}
	}
}

func TestVerifyTheorems(t *testing.T) {
	code, out, _ := runVerifyCLI(t, "--theorem", "lemma12", "--json")
	if v := decodeVerify(t, out); code != 0 || !*v.Certified || *v.MaxSpectralNorm >= 1 {
		t.Errorf("lemma12: exit %d, %s", code, out)
	}
	code, out, _ = runVerifyCLI(t, "--theorem", "2", "--json")
	if v := decodeVerify(t, out); code != 0 || !*v.Certified || v.Margin == nil || *v.Margin >= 0 || v.MaxSpectralNorm != nil {
		t.Errorf("theorem 2: exit %d, %s", code, out)
	}
	code, out, _ = runVerifyCLI(t, "--theorem", "3", "--json")
	if v := decodeVerify(t, out); code != 0 || !*v.Certified || v.Margin == nil || *v.Margin <= 0 {
		t.Errorf("theorem 3: exit %d, %s", code, out)
	}
	code, out, _ = runVerifyCLI(t, "--theorem", "3")
	if code != 0 || !strings.Contains(out, "CERTIFIED: ν̃ > ν") || !strings.Contains(out, "Theorem 3, domain 1 of 2: μ ∈ [-0.1, 0.1], ω ∈ [-0.1, 0.1], ν ∈ [0.02, 0.16], τ ∈ [0.8, 1.25]") || !strings.Contains(out, "Theorem 3, domain 2 of 2: μ ∈ [-0.1, 0.1], ω ∈ [-0.1, 0.1], ν ∈ [0.02, 0.24], τ ∈ [0.9, 1.25]") {
		t.Errorf("theorem 3 text: exit %d\n%s", code, out)
	}
	// Range flags change a copy of the domains, not the package's.
	runVerifyCLI(t, "--theorem", "3", "--nu-range", "0.05:0.1")
	if verify.Theorem3Boxes()[0].Nu != (verify.Range{Lo: 0.02, Hi: 0.16}) {
		t.Errorf("--nu-range changed verify.Theorem3Boxes: %v", verify.Theorem3Boxes())
	}
}

// TestVerifyRefusesNotebook: in the notebook convention (ω = τ = 1) the
// fixed point (0, 1) of λ01, α01 is unstable (docs/model.md §1); verify must say
// not certified, with exit status 1 and the reason.
func TestVerifyRefusesNotebook(t *testing.T) {
	for _, args := range [][]string{
		{"--lambda", "1.0507009873554804934", "--alpha", "1.6732632423543772848", "--omega-range", "1:1", "--tau-range", "1:1"},
		{"--omega-range", "1:1", "--tau-range", "1:1", "--json"},
		{"--mean", "0", "--var", "1", "--omega-range", "1:1", "--tau-range", "1:1", "--mu-range", "-0.01:0.01", "--nu-range", "0.99:1.01"},
	} {
		code, out, errOut := runVerifyCLI(t, args...)
		if code != 1 || !strings.Contains(errOut, "not certified") || !strings.Contains(errOut, "S ≥") {
			t.Errorf("verify %v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
		if strings.Contains(out, "{") {
			if v := decodeVerify(t, out); *v.Certified || v.Reason == "" {
				t.Errorf("verify %v: %s", args, out)
			}
		} else if !strings.Contains(out, "NOT CERTIFIED") {
			t.Errorf("verify %v: %s", args, out)
		}
	}
}

func TestVerifyTarget(t *testing.T) {
	code, out, errOut := runVerifyCLI(t, "--mean", "0", "--var", "4")
	if code != 0 || !strings.Contains(out, "CERTIFIED") || !strings.Contains(out, "target (0, 4)") {
		t.Errorf("verify --mean 0 --var 4: exit %d\n%s\n%s", code, out, errOut)
	}
}

// TestVerifyConstants: with --lambda, --alpha and no target, the box is
// centred on the fixed point of the constants; those of the target (0, 4)
// (docs/model.md §4) give the box of --mean 0 --var 4.
func TestVerifyConstants(t *testing.T) {
	code, out, errOut := runVerifyCLI(t, "--lambda", "1.07023227444711082731986364607838", "--alpha", "2.40400533821648224237642412369141", "--json")
	var v struct {
		Certified bool
		Box       struct{ Nu [2]float64 }
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil || code != 0 || !v.Certified {
		t.Fatalf("exit %d, %v\n%s\n%s", code, err, out, errOut)
	}
	// The fixed point found from the constants is (0, 4) to about 1e-14.
	if math.Abs(v.Box.Nu[0]-3.2) > 1e-12 || math.Abs(v.Box.Nu[1]-6) > 1e-12 {
		t.Errorf("ν range %v, want [3.2, 6] (the default box of (0, 4))", v.Box.Nu)
	}
}

func TestVerifyBudget(t *testing.T) {
	code, out, errOut := runVerifyCLI(t, "--theorem", "lemma12", "--max-boxes", "10", "--json")
	if v := decodeVerify(t, out); code != 1 || *v.Certified || !strings.Contains(v.Reason, "budget") || !strings.Contains(errOut, "budget") {
		t.Errorf("exit %d, stdout %s, stderr %q", code, out, errOut)
	}
}

// TestVerifyBudgetAdvice: a proof stopped by its budget says so, prints no
// bound it did not obtain (it printed "(bound 0)" for a box never
// evaluated), and suggests the budget that might succeed.
func TestVerifyBudgetAdvice(t *testing.T) {
	for _, test := range []struct {
		args []string
		want string
	}{
		{[]string{"--mu-range", "-0.1:0.1", "--max-boxes", "10"}, "--max-boxes"},
		{[]string{"--theorem", "2", "--max-boxes", "3"}, "--max-boxes"},
		{[]string{"--mean", "0", "--var", "1", "--max-boxes", "1"}, "--max-boxes"},
		{[]string{"--mean", "0", "--var", "1", "--timeout", "1ns"}, "--timeout"},
	} {
		code, out, errOut := runVerifyCLI(t, test.args...)
		if code != 1 || strings.Count(errOut, "\n") != 1 {
			t.Errorf("verify %v: exit %d, stderr %q; want exit 1 and one line", test.args, code, errOut)
		}
		for _, s := range []string{out, errOut} {
			if strings.Contains(s, "(bound 0)") {
				t.Errorf("verify %v: a bound never obtained is printed: %q", test.args, s)
			}
		}
		if !strings.Contains(errOut, test.want) || !strings.Contains(out, test.want) {
			t.Errorf("verify %v: stdout %q, stderr %q; want advice naming %s", test.args, out, errOut, test.want)
		}
	}
}

// TestVerifyMaxBoxesCount: --max-boxes bounds each proof, not the sum
// printed; the help says so (it said "give up after evaluating this many
// boxes", and Theorem 1 with --max-boxes 100 prints 150 boxes).
func TestVerifyMaxBoxesCount(t *testing.T) {
	code, out, _ := runVerifyCLI(t, "--theorem", "1", "--max-boxes", "100", "--json")
	v := decodeVerify(t, out)
	// Two proofs (self-map, contraction), each within 100 boxes plus its
	// 16 corners and the root.
	if code != 0 || v.Boxes > 2*(100+17) {
		t.Errorf("exit %d, %d boxes; want a certificate within two budgets", code, v.Boxes)
	}
	_, helpOut, helpErr := runVerifyCLI(t, "--help")
	help := helpOut + helpErr
	if !strings.Contains(help, "budget each") || !strings.Contains(help, "corners") {
		t.Errorf("the help does not say that --max-boxes bounds each proof: %q", help)
	}
}

func TestOutward(t *testing.T) {
	for _, test := range []struct {
		x     float64
		lower bool
		want  string
	}{
		{-0.03106050179222464, true, "-0.03106050180"},
		{-0.03106050179222464, false, "-0.03106050179"},
		{0.06772510168988434, false, "0.06772510169"},
		{0.06772510168988434, true, "0.06772510168"},
		{0.8037117576790902, true, "0.8037117576"},
		{1.5, false, "1.5"},
	} {
		got := outward(test.x, test.lower)
		v, err := strconv.ParseFloat(got, 64)
		if err != nil || test.lower && v > test.x || !test.lower && v < test.x {
			t.Errorf("outward(%v, %v) = %q is not a bound", test.x, test.lower, got)
		}
		if w, _ := strconv.ParseFloat(test.want, 64); v != w {
			t.Errorf("outward(%v, %v) = %q, want %s", test.x, test.lower, got, test.want)
		}
	}
}

func TestVerifyBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"--theorem", "4"},
		{"--lambda", "1.05"},
		{"--lambda", "-1", "--alpha", "1.6"},
		{"--lambda", "NaN", "--alpha", "1.6"},
		{"--mu-range", "1:0"},
		{"--mu-range", "x"},
		{"--nu-range", "-1:1"},
		{"--tau-range", "0:1"},
		{"--omega-range", "0:Inf"},
		{"--mean", "x", "--var", "1"},
		{"--mean", "0", "--var", "0"},
		{"--mean", "0", "--var", "-1"},
		{"--mean", "5", "--var", "1"},
		{"--theorem", "1", "--mean", "0"},
		{"--max-boxes", "0"},
		{"--max-boxes", "268435456"}, // 2²⁸ was accepted and could hold 90 GB
		{"--max-boxes", "4194304"},
		{"--mean", ""}, // was silently 0
		{"--var", ""},  // was silently 1
		{"--mean", " ", "--var", "1"},
		{"--mean", "0", "--var", ""},
		{"--no-shrink", "--mu-range", "-0.1:0.1"},
		{"--no-pieces", "--mu-range", "-0.1:0.1"},
		{"--no-pieces", "--theorem", "1"},
		{"--mean", "0", "--var", "1", "--tau-range", "0:1.3"},
		// No ν > 0 gives s² = ντ within [1e-10, 1e10] on these τ ranges
		// (an explicit box with them is refused as well).
		{"--mean", "0", "--var", "1", "--tau-range", "1:1e300"},
		{"--tau-range", "1e-15:1e15"},
		{"--mean", "0", "--var", "1e20"}, // s² = 1e20 at the target

		{"--timeout", "-1s"},
		{"extra"},
	} {
		code, out, errOut := runVerifyCLI(t, args...)
		if code != 2 || out != "" || !strings.HasPrefix(errOut, "selu-solve: ") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("verify %v: exit %d, stdout %q, stderr %q; want exit 2 and one line", args, code, out, errOut)
		}
	}
}

// TestVerifySearch: without range flags the box is searched; the JSON gives
// the box, the norm and the search, and the text says what was proved.
// (0.5, 1) needs, for a single box (--no-pieces), smaller (ω, τ) ranges and
// a weighted norm (docs/verify.md).
func TestVerifySearch(t *testing.T) {
	code, out, errOut := runVerifyCLI(t, "--mean", "0.5", "--var", "1", "--no-pieces", "--json")
	var v struct {
		Certified bool
		Box       map[string][2]float64
		Norm      json.RawMessage
		Search    struct {
			Scale    float64
			Attempts []struct{ Certified bool }
			Advice   string
		}
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil || code != 0 || !v.Certified {
		t.Fatalf("exit %d, %v\n%s\n%s", code, err, out, errOut)
	}
	om, ta := v.Box["omega"], v.Box["tau"]
	if len(v.Box) != 4 || !(om[0] <= -0.01 && om[1] >= 0.01 && ta[0] <= 0.99 && ta[1] >= 1.01) {
		t.Errorf("box %v: want ω ⊇ [−0.01, 0.01], τ ⊇ [0.99, 1.01]", v.Box)
	}
	var p [2][2]float64
	if err := json.Unmarshal(v.Norm, &p); err != nil || p[1][1] <= 0 {
		t.Errorf("norm %s: want the matrix P of a weighted norm", v.Norm)
	}
	if !(v.Search.Scale > 0 && v.Search.Scale < 1) || len(v.Search.Attempts) < 2 || !strings.Contains(v.Search.Advice, "not certified at the widths asked") {
		t.Errorf("search %+v", v.Search)
	}
	code, out, _ = runVerifyCLI(t, "--mean", "0.5", "--var", "1", "--no-pieces")
	for _, want := range []string{"CERTIFIED", "box (found by the search)", "contraction in ‖x‖ = ‖P x‖₂ with P = ", "self-map: g(box) ⊆ box", "shrunk to", "search:"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	// (0, 16) failed on its default box (μ̃ reaches 0.44 > 0.4) and is
	// certified at the paper's widths on a searched box.
	code, out, _ = runVerifyCLI(t, "--mean", "0", "--var", "16")
	if code != 0 || !strings.Contains(out, "box (found by the search)") || strings.Contains(out, "shrunk") {
		t.Errorf("(0, 16): exit %d\n%s", code, out)
	}
	// --no-shrink keeps the widths and says no.
	code, out, errOut = runVerifyCLI(t, "--mean", "0.5", "--var", "1", "--no-shrink")
	if code != 1 || !strings.Contains(out, "NOT CERTIFIED") || !strings.Contains(out, "not shrunk") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("--no-shrink: exit %d\n%s\n%s", code, out, errOut)
	}
}

// TestVerifyPrintedBoundsOutward: every bound printed in the text is on the
// safe side of the bound proved (given exactly in the JSON, whose 17 digits
// are rounded outward too): S ≤ printed ≥ proved, and the enclosures'
// printed lower ends ≤ the proved ones, upper ends ≥.
func TestVerifyPrintedBoundsOutward(t *testing.T) {
	for _, args := range [][]string{{}, {"--mean", "0.5", "--var", "1", "--no-pieces"}, {"--mean", "-0.5", "--var", "0.5"}, {"--theorem", "lemma12"}} {
		_, js, _ := runVerifyCLI(t, append(args, "--json")...)
		_, text, _ := runVerifyCLI(t, args...)
		var v struct {
			MaxSpectralNorm json.Number    `json:"max_spectral_norm"`
			MeanRange       [2]json.Number `json:"mean_range"`
			VarRange        [2]json.Number `json:"var_range"`
		}
		d := json.NewDecoder(strings.NewReader(js))
		d.UseNumber()
		if err := d.Decode(&v); err != nil {
			t.Fatal(err)
		}
		rat := func(s string) *big.Rat {
			r, ok := new(big.Rat).SetString(s)
			if !ok {
				t.Fatalf("%q is not a number", s)
			}
			return r
		}
		m := regexp.MustCompile(`≤ ([-0-9.e+]+) on the box`).FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("verify %v: no bound in\n%s", args, text)
		}
		if rat(m[1]).Cmp(rat(string(v.MaxSpectralNorm))) < 0 {
			t.Errorf("verify %v: printed S ≤ %s below the proved %s", args, m[1], v.MaxSpectralNorm)
		}
		if len(args) > 0 && args[0] == "--theorem" {
			continue
		}
		e := regexp.MustCompile(`μ̃ ∈ \[([-0-9.e+]+), ([-0-9.e+]+)\], ν̃ ∈ \[([-0-9.e+]+), ([-0-9.e+]+)\]`).FindStringSubmatch(text)
		if e == nil {
			t.Fatalf("verify %v: no enclosures in\n%s", args, text)
		}
		proved := []json.Number{v.MeanRange[0], v.MeanRange[1], v.VarRange[0], v.VarRange[1]}
		for i, want := range []int{-1, 1, -1, 1} {
			if c := rat(e[i+1]).Cmp(rat(string(proved[i]))); c != 0 && c != want {
				t.Errorf("verify %v: printed %s on the wrong side of %s", args, e[i+1], proved[i])
			}
		}
	}
}

// TestVerifyGivesUpAtOnce: with λ = α = 1e300 every value overflows float64;
// the prover stops at once (it used to evaluate 2²⁰ boxes in about a minute).
func TestVerifyGivesUpAtOnce(t *testing.T) {
	code, out, errOut := runVerifyCLI(t, "--lambda", "1e300", "--alpha", "1e300", "--mu-range", "-1:1", "--nu-range", "0.5:2", "--json")
	v := decodeVerify(t, out)
	if code != 1 || *v.Certified || v.Boxes > 100 || !strings.Contains(errOut, "not finite") {
		t.Errorf("exit %d, %s, %q", code, out, errOut)
	}
}

// TestVerifyNoDenormalNoise: with ω = 0 the range of m = μω is [0, 0], not
// [−4.94e-324, 4.94e-324].
func TestVerifyNoDenormalNoise(t *testing.T) {
	_, out, errOut := runVerifyCLI(t, "--mean", "0", "--var", "0.25", "--omega-range", "0:0", "--mu-range", "-0.05:0.05", "--nu-range", "0.2:0.375")
	if strings.Contains(out+errOut, "e-324") || !strings.Contains(out, "m = μω ∈ [0, 0]") {
		t.Errorf("%s%s", out, errOut)
	}
}

// TestBoundJSON: a bound in JSON, read as an exact decimal, is on the safe
// side of the float64 proved. The shortest round-trip decimal is not: 0.1
// is the float64 0.1000000000000000055…, so an upper bound printed "0.1"
// would be below it.
func TestBoundJSON(t *testing.T) {
	for _, x := range []float64{0.1, 0.8976093554623774, -0.031060501792225696, 1.4815749583114033, 3, 1e-300, -7.5e200} {
		for _, upper := range []bool{true, false} {
			b, err := json.Marshal(bound{x, upper})
			if err != nil {
				t.Fatal(err)
			}
			got, ok := new(big.Rat).SetString(string(b))
			if !ok {
				t.Fatalf("bound %v: %s", x, b)
			}
			c := got.Cmp(new(big.Rat).SetFloat64(x))
			if upper && c < 0 || !upper && c > 0 {
				t.Errorf("bound{%v, upper %v} = %s is on the wrong side", x, upper, b)
			}
			if f, _ := strconv.ParseFloat(string(b), 64); math.Abs(f-x) > 2*math.Abs(x)*0x1p-52 {
				t.Errorf("bound{%v, upper %v} = %s is not within 2 ulp", x, upper, b)
			}
		}
	}
	if b, _ := json.Marshal(bound{math.Inf(1), true}); string(b) != "null" {
		t.Errorf("+Inf: %s", b)
	}
}

// TestVerifyPieces: (0.2, 0.2) has no single (μ, ν) box for
// ω ∈ [−0.01, 0.01], τ ∈ [0.99, 1.01] (docs/verify.md) and is certified in
// pieces. The text names the pieces, their boxes, norms and bounds, and
// what is not proved; the JSON adds "pieces"; every printed bound is on
// the safe side of the proved one; --no-pieces --no-shrink says no.
func TestVerifyPieces(t *testing.T) {
	args := []string{"--mean", "0.2", "--var", "0.2", "--omega-range", "-0.01:0.01", "--tau-range", "0.99:1.01"}
	code, js, errOut := runVerifyCLI(t, append(args, "--json")...)
	var v struct {
		Certified bool
		Box       map[string][2]float64
		Pieces    []struct {
			Box             map[string][2]float64
			Norm            json.RawMessage
			MaxSpectralNorm json.Number    `json:"max_spectral_norm"`
			MeanRange       [2]json.Number `json:"mean_range"`
			VarRange        [2]json.Number `json:"var_range"`
			Boxes           int
		}
		Search struct {
			Scale    float64
			Attempts []struct {
				Certified, Piecewise bool
				Pieces               int
			}
		}
	}
	d := json.NewDecoder(strings.NewReader(js))
	d.UseNumber()
	if err := d.Decode(&v); err != nil || code != 0 || !v.Certified || len(v.Pieces) < 2 || v.Search.Scale != 1 {
		t.Fatalf("exit %d, %v\n%s\n%s", code, err, js, errOut)
	}
	if v.Box["omega"] != [2]float64{-0.01, 0.01} || v.Box["tau"] != [2]float64{0.99, 1.01} {
		t.Errorf("box %v", v.Box)
	}
	last := v.Search.Attempts[len(v.Search.Attempts)-1]
	if !last.Certified || !last.Piecewise || last.Pieces != len(v.Pieces) || v.Search.Attempts[0].Piecewise {
		t.Errorf("attempts %+v", v.Search.Attempts)
	}
	code, text, _ := runVerifyCLI(t, args...)
	for _, want := range []string{fmt.Sprintf("CERTIFIED IN %d PIECES", len(v.Pieces)), "cover them exactly", "largest bound:",
		"not proved: one (μ, ν) box mapped into itself", "no single (μ, ν) box was certified", "false: S ≥"} {
		if code != 0 || !strings.Contains(text, want) {
			t.Errorf("text output lacks %q:\n%s", want, text)
		}
	}
	rat := func(s string) *big.Rat {
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			t.Fatalf("%q is not a number", s)
		}
		return r
	}
	line := regexp.MustCompile(`(?m)^ +([0-9]+)\. ω ∈ \[([-0-9.e]+), ([-0-9.e]+)\], τ ∈ \[([-0-9.e]+), ([-0-9.e]+)\]: box .*≤ ([-0-9.e+]+).*fixed point μ ∈ \[([-0-9.e+]+), ([-0-9.e+]+)\], ν ∈ \[([-0-9.e+]+), ([-0-9.e+]+)\]$`)
	lines := line.FindAllStringSubmatch(text, -1)
	if len(lines) != len(v.Pieces) {
		t.Fatalf("%d piece lines for %d pieces:\n%s", len(lines), len(v.Pieces), text)
	}
	for i, m := range lines {
		p := v.Pieces[i]
		if rat(m[2]).Cmp(rat(fmt.Sprint(p.Box["omega"][0]))) != 0 || rat(m[5]).Cmp(rat(fmt.Sprint(p.Box["tau"][1]))) != 0 {
			t.Errorf("piece %s: text ω, τ %v, JSON %v", m[1], m[2:6], p.Box)
		}
		if rat(m[6]).Cmp(rat(string(p.MaxSpectralNorm))) < 0 {
			t.Errorf("piece %s: printed bound %s below the proved %s", m[1], m[6], p.MaxSpectralNorm)
		}
		proved := []json.Number{p.MeanRange[0], p.MeanRange[1], p.VarRange[0], p.VarRange[1]}
		for j, want := range []int{-1, 1, -1, 1} {
			if c := rat(m[7+j]).Cmp(rat(string(proved[j]))); c != 0 && c != want {
				t.Errorf("piece %s: printed %s on the wrong side of %s", m[1], m[7+j], proved[j])
			}
		}
	}
	code, text, _ = runVerifyCLI(t, append(args, "--no-pieces", "--no-shrink")...)
	if code != 1 || !strings.Contains(text, "NOT CERTIFIED") || strings.Contains(text, "PIECES") {
		t.Errorf("--no-pieces --no-shrink: exit %d\n%s", code, text)
	}
}

// TestVerifyAttainedRoundedDown: the value of the norm attained at a point
// is a proven lower bound on its maximum over the box, so it is printed
// rounded down (to nearest, 0.89760835846 was printed as 0.8976083585,
// above what was proved).
func TestVerifyAttainedRoundedDown(t *testing.T) {
	req := &verifyRequest{constants: mapping.Paper(), origin: "test", theorem: "1"}
	c := &verify.Certificate{Certified: true, Box: verify.Theorem1Box(), MaxSpectralNorm: 0.8976093555,
		SpectralNormAttained: 0.89760835846, Mean: verify.Range{Lo: -0.04, Hi: 0.07}, Var: verify.Range{Lo: 0.8, Hi: 1.49}}
	var b strings.Builder
	if err := req.writeCertificate(&b, c); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "(0.8976083584 is attained)") {
		t.Errorf("want the attained value rounded down, 0.8976083584, in\n%s", b.String())
	}
}

// TestVerifyJSONConstants: the JSON names the constants proved (λ, α as
// the float64 the proof used, as in the text); it lacked them, so a
// certificate read from JSON did not say for which SELU it holds.
func TestVerifyJSONConstants(t *testing.T) {
	for _, args := range [][]string{{}, {"--mean", "0", "--var", "16"}, {"--lambda", "1.05", "--alpha", "1.67"}, {"--theorem", "2"}} {
		_, js, _ := runVerifyCLI(t, append(args, "--json")...)
		_, text, _ := runVerifyCLI(t, args...)
		var v struct{ Lambda, Alpha *float64 }
		if err := json.Unmarshal([]byte(js), &v); err != nil {
			t.Fatal(err)
		}
		if v.Lambda == nil || v.Alpha == nil {
			t.Errorf("verify %v: no lambda or alpha in %s", args, js)
			continue
		}
		if want := fmt.Sprintf("constants: λ = %v, α = %v ", *v.Lambda, *v.Alpha); !strings.HasPrefix(text, want) {
			t.Errorf("verify %v: JSON λ = %v, α = %v; text %q", args, *v.Lambda, *v.Alpha, strings.SplitN(text, "\n", 2)[0])
		}
	}
}

// TestVerifyBoundBelowOneShown: a proven bound below 1 is printed with the
// digits that show it below 1 (rounded up to 10 digits it printed "≤ 1",
// next to "CERTIFIED: S(H) < 1"). S = 1 − 6.2e-11 at the corner τ =
// 1.2682958894 (mpmath at 40 digits, ν = 0.8, μ = ω = 0.1).
func TestVerifyBoundBelowOneShown(t *testing.T) {
	code, text, _ := runVerifyCLI(t, "--theorem", "lemma12", "--tau-range", "0.8:1.2682958894")
	m := regexp.MustCompile(`≤ ([0-9.e+-]+) on the box`).FindStringSubmatch(text)
	if code != 0 || m == nil {
		t.Fatalf("exit %d:\n%s", code, text)
	}
	if v, err := strconv.ParseFloat(m[1], 64); err != nil || !(v < 1) {
		t.Errorf("certified S < 1, but the bound printed is %s", m[1])
	}
}
