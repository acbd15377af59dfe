package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestMCGradientsJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"mc", "--var", "4", "--input-mean", "0", "--input-var", "4", "--width", "128", "--batch", "64", "--depth", "6",
		"--gradients", "--pair", "0.5", "--json", "--quiet"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var out struct {
		Verdict   string                       `json:"verdict"`
		Gradients []map[string]json.RawMessage `json:"gradients"`
		Pairs     []map[string]json.RawMessage `json:"pairs"`
		Summary   map[string]json.RawMessage   `json:"gradient_summary"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Gradients) != 7 || len(out.Pairs) != 7 || out.Summary == nil {
		t.Fatalf("%d gradient layers, %d pair layers, summary %v; want 7, 7 and a summary", len(out.Gradients), len(out.Pairs), out.Summary)
	}
	for _, k := range []string{"gradient_norm2", "gradient_ratio", "predicted_gradient_ratio", "gradient_norm2_se", "gradient_ratio_se"} {
		if _, ok := out.Gradients[0][k]; !ok {
			t.Errorf("gradients lack %q", k)
		}
	}
	for _, k := range []string{"correlation", "predicted_correlation", "correlation_se"} {
		if _, ok := out.Pairs[1][k]; !ok {
			t.Errorf("pairs lack %q", k)
		}
	}
	if !strings.Contains(out.Verdict, "Gradients") || !strings.Contains(out.Verdict, "Pair correlations") {
		t.Errorf("verdict does not cover gradients and pairs: %q", out.Verdict)
	}
}

func TestMCGradientsText(t *testing.T) {
	var stdout, stderr bytes.Buffer
	// Exit status 1 would say that the 4 layers did not reach the target
	// from the default start; the table is printed either way.
	code := run([]string{"mc", "--width", "64", "--batch", "32", "--depth", "4", "--gradients", "--quiet"}, &stdout, &stderr)
	if code != 0 && code != 1 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if s := stdout.String(); !strings.Contains(s, "predicted χ") || !strings.Contains(s, "ratio to layer above") {
		t.Errorf("text lacks the gradient table:\n%s", s)
	}
	for _, args := range [][]string{
		{"mc", "--pair", "2"},
		{"mc", "--pair", "x"},
		{"mc", "--gradients", "--dropout", "0.1"},
	} {
		stdout.Reset()
		stderr.Reset()
		if code := run(args, &stdout, &stderr); code != 2 {
			t.Errorf("%q: exit %d, want 2 (stderr %q)", args, code, stderr.String())
		}
	}
}
