package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// mc --weights lecun solves the constants of the random-weight map
// (λ = 1.393099911513797, α = 0.3432464153498073 for (0.5, 1):
// mapping/testdata/lecun.txt, mpmath) and predicts with that map; a network
// started at the target stays there within the tolerance (the sizes are
// those of montecarlo's TestPredictRandomWeights, which explains them).
func TestMCRandomWeightsPrediction(t *testing.T) {
	code, out, errs := runArgs(t, "mc", "--weights", "lecun", "--mean", "0.5", "--var", "1", "--input-mean", "0.5", "--input-var", "1",
		"--width", "1024", "--depth", "24", "--batch", "128", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	var j struct {
		Lambda, Alpha float64
		Weights       string
		Layers        []struct {
			PredictedMean float64 `json:"predicted_mean"`
			PredictedVar  float64 `json:"predicted_var"`
		}
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if math.Abs(j.Lambda-1.393099911513797) > 1e-15 || math.Abs(j.Alpha-0.3432464153498073) > 1e-15 {
		t.Errorf("λ, α = %v, %v; want the random-weight constants 1.393099911513797, 0.3432464153498073", j.Lambda, j.Alpha)
	}
	last := j.Layers[len(j.Layers)-1]
	if math.Abs(last.PredictedMean-0.5) > 0.01 || math.Abs(last.PredictedVar-1) > 0.01 {
		t.Errorf("prediction (%v, %v) left the target", last.PredictedMean, last.PredictedVar)
	}

	// The text names the map and prints the prediction beside the measurement.
	code, out, _ = runArgs(t, "mc", "--weights", "gain=1", "--mean", "0.5", "--width", "64", "--depth", "4", "--batch", "16")
	if !strings.Contains(out, "predicted by the random-weight map") || !strings.Contains(out, "predicted var") || code == 2 {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

// With the exact-row constants for (0.5, 1) (selu-solve --mean 0.5 --digits 6,
// given as --lambda, --alpha) LeCun weights
// drift: the prediction follows the drift and the verdict says so.
func TestMCRandomWeightsExactConstantsDrift(t *testing.T) {
	code, out, errs := runArgs(t, "mc", "--weights", "lecun", "--mean", "0.5", "--input-mean", "0.5", "--input-var", "1",
		"--lambda", "1.55725", "--alpha", "0.326578", "--width", "256", "--depth", "24", "--batch", "64")
	if code != 1 || !strings.Contains(out, "did not converge") || !strings.Contains(errs, "did not converge") {
		t.Fatalf("exit %d, want 1 with a verdict:\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(out, "not at the target: it converges slowly") && !strings.Contains(out, "as wide as the target") {
		t.Errorf("the verdict does not say why:\n%s", out)
	}
}
