package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// diagRun runs selu-solve with args and returns the exit status and output.
func diagRun(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// diagOut is the --json output of diagnose.
type diagOut struct {
	Layer struct {
		Lambda, Alpha, Omega, Tau float64
	}
	Preset      string
	FixedPoints []struct {
		Mean, Var      float64
		SpectralNorm   float64 `json:"spectral_norm"`
		SpectralRadius float64 `json:"spectral_radius"`
		Stable         bool
		LayersTo1Pct   *int    `json:"layers_to_1pct"`
		GradientGrowth float64 `json:"gradient_growth"`
	} `json:"fixed_points"`
	Collapse, Explode bool
}

// diagRefCase is one case of diagnose/testdata/reference.json, computed
// with mpmath at 50 digits by diagnose/testdata/gen_reference.py (fixed
// points by scan + findroot, S and ρ from mp.diff, χ by quadrature).
type diagRefCase struct {
	Name        string
	Tau         string
	FixedPoints []struct {
		Mean, Var      string
		SpectralNorm   string `json:"spectral_norm"`
		SpectralRadius string `json:"spectral_radius"`
		Stable         bool
		LayersTo1Pct   *int   `json:"layers_to_1pct"`
		GradientGrowth string `json:"gradient_growth"`
	} `json:"fixed_points"`
	Collapse, Explode bool
}

// diagRef reads the reference cases of package diagnose by name.
func diagRef(t *testing.T) map[string]diagRefCase {
	t.Helper()
	b, err := os.ReadFile("../../diagnose/testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct{ Cases []diagRefCase }
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	m := map[string]diagRefCase{}
	for _, c := range ref.Cases {
		m[c.Name] = c
	}
	if len(m) == 0 {
		t.Fatal("no reference cases")
	}
	return m
}

func diagNum(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestDiagnosePresetsJSON checks each preset (and the defaults) against the
// 50-digit mpmath reference, to 1e-10 relative (float64 map), and the
// exit status: 0 with a stable fixed point, 1 without.
func TestDiagnosePresetsJSON(t *testing.T) {
	ref := diagRef(t)
	for _, test := range []struct {
		args []string
		ref  string
		code int
	}{
		{nil, "paper", 0},
		{[]string{"--preset", "paper"}, "paper", 0},
		{[]string{"--preset", "pytorch-gain"}, "pytorch-gain", 0},
		{[]string{"--gain", "0.75"}, "pytorch-gain", 0},
		{[]string{"--tau", "9/16"}, "pytorch-gain", 0},
		{[]string{"--preset", "pytorch-linear-default"}, "pytorch-linear-default", 1},
		{[]string{"--tau", "1/3"}, "pytorch-linear-default", 1},
		{[]string{"--preset", "truncated-lecun"}, "truncated-lecun", 0},
		{[]string{"--tau", "3"}, "tau-3", 1},
		{[]string{"--tau", "1.5"}, "tau-1.5", 0},
		{[]string{"--lambda", "1.2", "--alpha", "1"}, "lambda-1.2-alpha-1", 0},
		{[]string{"--omega", "1"}, "notebook-weights", 1},
		{[]string{"--omega", "0.3", "--tau", "0.9"}, "omega-0.3-tau-0.9", 0},
	} {
		name := strings.Join(test.args, " ")
		code, out, errs := diagRun(append([]string{"diagnose", "--json"}, test.args...)...)
		if code != test.code {
			t.Errorf("%s: exit %d, want %d (%s)", name, code, test.code, errs)
		}
		var got diagOut
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		want := ref[test.ref]
		if len(got.FixedPoints) != len(want.FixedPoints) {
			t.Errorf("%s: %d fixed points, want %d", name, len(got.FixedPoints), len(want.FixedPoints))
			continue
		}
		rel := func(g float64, w string, floor float64) bool {
			wv := diagNum(t, w)
			return math.Abs(g-wv) <= 1e-10*math.Max(math.Abs(wv), floor)
		}
		for i, w := range want.FixedPoints {
			g := got.FixedPoints[i]
			if !rel(g.Mean, w.Mean, 1) || !rel(g.Var, w.Var, 0) || !rel(g.SpectralNorm, w.SpectralNorm, 0) ||
				!rel(g.SpectralRadius, w.SpectralRadius, 0) || !rel(g.GradientGrowth, w.GradientGrowth, 0) || g.Stable != w.Stable {
				t.Errorf("%s: fixed point %+v, want %+v", name, g, w)
			}
			if (g.LayersTo1Pct == nil) != (w.LayersTo1Pct == nil) || (g.LayersTo1Pct != nil && *g.LayersTo1Pct != *w.LayersTo1Pct) {
				t.Errorf("%s: layers_to_1pct %v, want %v", name, g.LayersTo1Pct, w.LayersTo1Pct)
			}
		}
		if test.ref != "notebook-weights" && test.ref != "omega-0.3-tau-0.9" && (got.Collapse != want.Collapse || got.Explode != want.Explode) {
			t.Errorf("%s: collapse, explode = %v, %v, want %v, %v", name, got.Collapse, got.Explode, want.Collapse, want.Explode)
		}
	}
}

// TestDiagnoseJSONKeys: the --json layout documented in docs/diagnose.md.
func TestDiagnoseJSONKeys(t *testing.T) {
	_, out, _ := diagRun("diagnose", "--json")
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"fixed_points", "collapse", "explode"} {
		if _, ok := m[k]; !ok {
			t.Errorf("no key %q in %s", k, out)
		}
	}
	var fps []map[string]json.RawMessage
	if err := json.Unmarshal(m["fixed_points"], &fps); err != nil || len(fps) != 1 {
		t.Fatalf("fixed_points = %s (%v)", m["fixed_points"], err)
	}
	for _, k := range []string{"mean", "var", "spectral_norm", "spectral_radius", "stable", "layers_to_1pct", "gradient_growth"} {
		if _, ok := fps[0][k]; !ok {
			t.Errorf("no key %q in the fixed point", k)
		}
	}
	// No fixed point: an empty list, not null; unstable: layers_to_1pct null.
	_, out, _ = diagRun("diagnose", "--json", "--tau", "0.3")
	if !strings.Contains(out, `"fixed_points": []`) || !strings.Contains(out, `"collapse": true`) {
		t.Errorf("τ = 0.3: %s", out)
	}
	_, out, _ = diagRun("diagnose", "--json", "--omega", "1")
	if !strings.Contains(out, `"layers_to_1pct": null`) {
		t.Errorf("ω = 1: %s", out)
	}
}

// TestDiagnoseText checks the text report of the paper's setting and of
// the presets against the values of docs/model.md §7 and the reference.
func TestDiagnoseText(t *testing.T) {
	for _, test := range []struct {
		args []string
		want []string
	}{
		{nil, []string{"1 fixed point", "variance 1 (std 1)", "ρ = 0.782648: stable", "layers to get within 1%: 19", "χ = 1.07157", "×1.996 over 10 layers", "×1005 over 100", "neither collapses nor blows up"}},
		{[]string{"--preset", "pytorch-gain"}, []string{"preset pytorch-gain:", "(std 0.1636)", "layers to get within 1%: 76", "not a contraction"}},
		{[]string{"--preset", "pytorch-linear-default"}, []string{"No fixed point", "collapses to 0 from every start"}},
		{[]string{"--tau", "3"}, []string{"No fixed point", "blows up from every start"}},
		{[]string{"--omega", "1"}, []string{"UNSTABLE", "layers to get within 1%: never"}},
		// λ and α as typed (the shortest form of the float64), not
		// 0.90000000000000002.
		{[]string{"--lambda", "0.9", "--alpha", "5", "--tau", "3"}, []string{"SELU layer λ = 0.9, α = 5;"}},
		{[]string{"--lambda", "0.9", "--alpha", "5", "--tau", "3", "--weights", "lecun"}, []string{"SELU layer λ = 0.9, α = 5;"}},
		// A preset's summary holds for the paper's constants and exact
		// rows; with others it is not repeated as if it did.
		{[]string{"--preset", "paper", "--lambda", "2"}, []string{"preset paper: τ = 1 (its summary"}},
		{[]string{"--preset", "pytorch-gain", "--weights", "lecun"}, []string{"preset pytorch-gain: τ = 0.5625 (its summary"}},
		{[]string{"--preset", "paper", "--omega", "1"}, []string{"preset paper: τ = 1 (its summary"}},
	} {
		_, out, _ := diagRun(append([]string{"diagnose"}, test.args...)...)
		for _, w := range test.want {
			if !strings.Contains(out, w) {
				t.Errorf("diagnose %v: output lacks %q:\n%s", test.args, w, out)
			}
		}
	}
}

// TestDiagnoseFarFixedPoints: fixed points far below and far above
// variance 1 (τ just above τ0 ≈ 0.49559 and just below τ∞ ≈ 2.65757) are
// found and reported stable with exit 0, and just beyond the thresholds
// there is none (exit 1), against the mpmath values of
// diagnose/testdata/far.json (gen_far.py, 120 digits). Tolerance: the
// root moves by the map's relative error (1e-13) over |1 − ρ|.
func TestDiagnoseFarFixedPoints(t *testing.T) {
	b, err := os.ReadFile("../../diagnose/testdata/far.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Cases []struct {
			Tau, Lambda, Alpha string
			FixedPoints        []struct {
				Mean, Var      string
				SpectralRadius string `json:"spectral_radius"`
			} `json:"fixed_points"`
			Collapse, Explode bool
		}
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, c := range ref.Cases {
		if !strings.HasPrefix(c.Lambda, "1.0507009873554804934") {
			continue // other constants: covered by package diagnose
		}
		seen++
		code, out, errs := diagRun("diagnose", "--json", "--tau", c.Tau)
		want := 0
		if len(c.FixedPoints) == 0 {
			want = 1
		}
		if code != want {
			t.Errorf("τ = %s: exit %d, want %d (%s)", c.Tau, code, want, errs)
		}
		var got diagOut
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("τ = %s: %v\n%s", c.Tau, err, out)
		}
		if len(got.FixedPoints) != len(c.FixedPoints) || got.Collapse != c.Collapse || got.Explode != c.Explode {
			t.Errorf("τ = %s: %d fixed points, collapse %v, explode %v; want %d, %v, %v", c.Tau,
				len(got.FixedPoints), got.Collapse, got.Explode, len(c.FixedPoints), c.Collapse, c.Explode)
			continue
		}
		for i, w := range c.FixedPoints {
			g := got.FixedPoints[i]
			rho := diagNum(t, w.SpectralRadius)
			tol := 1e-13 / (1 - rho)
			nu := diagNum(t, w.Var)
			if math.Abs(g.Var-nu) > tol*nu || math.Abs(g.Mean-diagNum(t, w.Mean)) > tol*(math.Abs(diagNum(t, w.Mean))+3*math.Sqrt(nu)) ||
				math.Abs(g.SpectralRadius-rho) > 1e-10 || !g.Stable {
				t.Errorf("τ = %s: fixed point %+v, want %+v", c.Tau, g, w)
			}
		}
	}
	if seen < 8 {
		t.Fatalf("only %d reference cases for the paper's constants", seen)
	}
}

// TestDiagnoseFarFixedPoint2D: with ω ≠ 0 a stable fixed point near
// variance 6e-7 is found (exit 0), where a start grid from variance·τ =
// 1e-6 reported none (exit 1); reference diagnose/testdata/far.json
// cases_2d (mpmath findroot), tolerance 1e-13/(1 − ρ) ≈ 3e-10.
func TestDiagnoseFarFixedPoint2D(t *testing.T) {
	code, out, errs := diagRun("diagnose", "--json", "--omega", "0.3", "--tau", "0.46859")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got diagOut
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	const wantMean, wantVar = -0.0002590403579155504732, 5.903974997450900438e-7
	if len(got.FixedPoints) != 1 || !got.FixedPoints[0].Stable ||
		math.Abs(got.FixedPoints[0].Var-wantVar) > 3e-10*wantVar || math.Abs(got.FixedPoints[0].Mean-wantMean) > 3e-10*math.Abs(wantMean) {
		t.Errorf("fixed points %+v, want one stable at (%v, %v)", got.FixedPoints, wantMean, wantVar)
	}
}

// TestDiagnoseOmegaFar: with ω = ±0.3, fixed points from variance 1.05e-12
// to 1.0e8 are found, the process exits 0 exactly when one is stable and
// 1 when there is none, against diagnose/testdata/omega.json (gen_omega.py,
// mpmath at 80 digits, by an independent one-dimensional reduction).
// Tolerance: the root moves by the map's relative error (1e-13) over
// |1 − ρ|. The JSON also carries the limits of ν̃/ν along the mean curve.
func TestDiagnoseOmegaFar(t *testing.T) {
	b, err := os.ReadFile("../../diagnose/testdata/omega.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Cases []struct {
			Omega, Tau  string
			FixedPoints []struct {
				Mean, Var      string
				SpectralRadius string `json:"spectral_radius"`
				Stable         bool
			} `json:"fixed_points"`
			LimitsAt0 []struct{ Ratio string } `json:"limits_at_0"`
		}
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Cases) < 10 {
		t.Fatalf("only %d cases in omega.json", len(ref.Cases))
	}
	for _, c := range ref.Cases {
		name := "ω = " + c.Omega + ", τ = " + c.Tau
		code, out, errs := diagRun("diagnose", "--json", "--omega", c.Omega, "--tau", c.Tau)
		want := 1
		for _, w := range c.FixedPoints {
			if w.Stable {
				want = 0
			}
		}
		if code != want {
			t.Errorf("%s: exit %d, want %d (%s)", name, code, want, errs)
		}
		var got struct {
			diagOut
			Curve *struct {
				AtZero []float64 `json:"at_zero"`
			} `json:"curve_limits"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		if len(got.FixedPoints) != len(c.FixedPoints) {
			t.Errorf("%s: %d fixed points, want %d", name, len(got.FixedPoints), len(c.FixedPoints))
			continue
		}
		for i, w := range c.FixedPoints {
			g := got.FixedPoints[i]
			rho := diagNum(t, w.SpectralRadius)
			tol := 1e-13 / math.Abs(1-rho)
			nu := diagNum(t, w.Var)
			if math.Abs(g.Var-nu) > tol*nu || math.Abs(g.Mean-diagNum(t, w.Mean)) > tol*(math.Abs(diagNum(t, w.Mean))+math.Sqrt(nu)) ||
				math.Abs(g.SpectralRadius-rho) > 1e-10 || g.Stable != w.Stable {
				t.Errorf("%s: fixed point %+v, want %+v", name, g, w)
			}
		}
		if got.Curve == nil || len(got.Curve.AtZero) != len(c.LimitsAt0) {
			t.Errorf("%s: curve_limits %+v, want %d branches at 0", name, got.Curve, len(c.LimitsAt0))
		} else if r := diagNum(t, c.LimitsAt0[0].Ratio); math.Abs(got.Curve.AtZero[0]-r) > 1e-12*r {
			t.Errorf("%s: curve_limits.at_zero %v, want %v", name, got.Curve.AtZero[0], r)
		}
	}
}

func TestDiagnoseBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"--lambda", "-1"},
		{"--lambda", "0"},
		{"--alpha", "NaN"},
		{"--alpha", "x"},
		{"--omega", "Inf"},
		{"--tau", "0"},
		{"--tau", "-1"},
		{"--tau", "1/0"},
		{"--tau", "1e999"},
		{"--tau", "1e-320"},
		{"--tau", "2e300"},
		{"--gain", "1e-200"},
		{"--gain", "1e160"},
		{"--gain", "0"},
		{"--gain", "-0.5"},
		{"--tau", "1", "--gain", "1"},
		{"--preset", "no-such"},
		{"--preset", "paper", "--tau", "2"},
		{"--preset", "paper", "--gain", "2"},
		{"extra"},
	} {
		code, out, errs := diagRun(append([]string{"diagnose"}, args...)...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "selu-solve: ") {
			t.Errorf("diagnose %v: exit %d, stdout %q, stderr %q; want exit 2 and one line", args, code, out, errs)
		}
		// A range error names the flag and the valid range, not an
		// internal field.
		if strings.HasPrefix(args[0], "--") && (strings.Contains(args[1], "e-") || strings.Contains(args[1], "e1") || strings.Contains(args[1], "e3")) &&
			!(strings.Contains(errs, args[0]+" must be in [") || strings.Contains(errs, args[0]+" must be finite")) {
			t.Errorf("diagnose %v: %q does not name %s and its range", args, errs, args[0])
		}
	}
}

func TestDiagnoseHelp(t *testing.T) {
	code, out, _ := diagRun("diagnose", "-h")
	if code != 0 || !strings.Contains(out, "pytorch-linear-default") || !strings.Contains(out, "--gain") {
		t.Errorf("diagnose -h: exit %d, %s", code, out)
	}
}
