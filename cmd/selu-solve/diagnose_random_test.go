package main

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestDiagnoseWeightsLeCun checks diagnose --weights lecun and gain=G against
// the mpmath reference of package diagnose (diagnose/testdata/random.txt,
// written by gen_random.py: q* by quadrature and findroot), through --json.
func TestDiagnoseWeightsLeCun(t *testing.T) {
	f, err := os.Open("../../diagnose/testdata/random.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ref := map[string][]float64{} // "λ α τ" → q, mean, var, slope, chi
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if fs[3] == "none" {
			continue
		}
		var v []float64
		for _, s := range fs[3:] {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			v = append(v, x)
		}
		ref[strings.Join(fs[:3], " ")] = v
	}
	for _, c := range []struct {
		args []string
		key  string
	}{
		{[]string{"--weights", "lecun"}, "1.0507009873554805 1.6732632423543772 1.0"},
		{[]string{"--weights", "gain=3/4"}, "1.0507009873554805 1.6732632423543772 0.5625"},
		{[]string{"--weights", "lecun", "--gain", "0.75"}, "1.0507009873554805 1.6732632423543772 0.5625"},
		{[]string{"--weights", "lecun", "--preset", "pytorch-gain"}, "1.0507009873554805 1.6732632423543772 0.5625"},
		{[]string{"--weights", "lecun", "--lambda", "1.393099911513797", "--alpha", "0.3432464153498073"}, "1.393099911513797 0.3432464153498073 1.0"},
		{[]string{"--weights", "gain=1", "--lambda", "0.9", "--alpha", "2.5", "--gain", "1"}, ""}, // refused below
	} {
		code, out, errs := diagRun(append([]string{"diagnose", "--json"}, c.args...)...)
		if c.key == "" {
			if code != 2 || !strings.Contains(errs, "gain=G sets τ") {
				t.Errorf("%v: exit %d, stderr %q; want 2 and the conflict named", c.args, code, errs)
			}
			continue
		}
		if code != 0 {
			t.Fatalf("%v: exit %d, stderr %s", c.args, code, errs)
		}
		var j struct {
			Weights     string
			FixedPoints []struct {
				Mean, Var, Slope float64
				Q                float64 `json:"second_moment"`
				Chi              float64 `json:"gradient_growth"`
				Stable           bool
			} `json:"fixed_points"`
		}
		if err := json.Unmarshal([]byte(out), &j); err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		want := ref[c.key]
		if j.Weights != "random" || len(j.FixedPoints) != 1 || want == nil {
			t.Fatalf("%v: %s", c.args, out)
		}
		fp := j.FixedPoints[0]
		for i, got := range []float64{fp.Q, fp.Mean, fp.Var, fp.Slope, fp.Chi} {
			if math.Abs(got-want[i]) > 1e-11*max(1, math.Abs(want[i])) {
				t.Errorf("%v: field %d = %.17g, want %.17g (mpmath)", c.args, i, got, want[i])
			}
		}
		if !fp.Stable {
			t.Errorf("%v: not stable", c.args)
		}
	}
}

func TestDiagnoseWeightsText(t *testing.T) {
	code, out, _ := diagRun("diagnose", "--weights", "lecun", "--lambda", "1.393099911513797", "--alpha", "0.3432464153498073")
	for _, s := range []string{"random weights", "q = var + mean² = 1.25", "slope dq̃/dq = 0.984678", "wander", "layers to get within 1%: 299"} {
		if !strings.Contains(out, s) {
			t.Errorf("missing %q in\n%s", s, out)
		}
	}
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	code, out, errs := diagRun("diagnose", "--weights", "lecun", "--tau", "0.3")
	if code != 1 || !strings.Contains(out, "collapses to 0 from every start") || !strings.Contains(errs, "no stable fixed point") {
		t.Errorf("τ = 0.3: exit %d, stdout %s, stderr %s; want 1 and a collapse", code, out, errs)
	}
	for _, args := range [][]string{
		{"diagnose", "--weights", "lecun", "--omega", "0.5"},
		{"diagnose", "--weights", "nosuch"},
		{"diagnose", "--weights", "gain=0"},
		{"diagnose", "--weights", "gain=3/4", "--preset", "paper"},
	} {
		if code, _, errs := diagRun(args...); code != 2 || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line", args, code, errs)
		}
	}
}
