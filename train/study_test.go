package train

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

// A two-depth study on the synthetic problem writes consistent text, CSV,
// JSON and HTML.
func TestStudyOutputs(t *testing.T) {
	sc := QuickStudy()
	sc.Depths = []int{1, 3}
	sc.Width, sc.Epochs, sc.Batch = 16, 2, 20
	sc.TrainLimit, sc.TestLimit = 0, 0
	calls := 0
	sc.Progress = func(run, runs int, name string, depth, epoch, step, steps int) { calls++ }
	st, err := RunStudy(context.Background(), sc, synthetic(200, 1), synthetic(60, 2))
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Runs) != 8 || calls != 8*2*10 {
		t.Fatalf("%d runs, %d progress calls; want 8 and 160", len(st.Runs), calls)
	}
	var text bytes.Buffer
	if err := st.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"SELU 0/0.25", "SELU 0/4", "ReLU+BN", "6ξ_c", "test acc"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
	var cb bytes.Buffer
	if err := st.WriteCSV(&cb); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&cb).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+8*3 { // header, then epochs 0, 1, 2 of 8 runs
		t.Errorf("%d CSV records, want 25", len(recs))
	}
	var jb bytes.Buffer
	if err := st.WriteJSON(&jb); err != nil {
		t.Fatal(err)
	}
	var j struct {
		Arms []struct {
			Name string   `json:"name"`
			Xi   *float64 `json:"xi_c"`
		} `json:"arms"`
		Summary []map[string]any `json:"summary"`
		Runs    []struct {
			Result struct {
				Epochs []struct {
					Epoch        int     `json:"epoch"`
					TestAccuracy float64 `json:"test_accuracy"`
					Layers       []any   `json:"layers"`
				} `json:"epochs"`
			} `json:"result"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(jb.Bytes(), &j); err != nil {
		t.Fatalf("JSON: %v", err)
	}
	if len(j.Arms) != 4 || j.Arms[1].Xi == nil || len(j.Summary) != 8 || len(j.Runs) != 8 ||
		len(j.Runs[7].Result.Epochs) != 2 || len(j.Runs[7].Result.Epochs[1].Layers) != 3 {
		t.Errorf("JSON shape wrong:\n%.2000s", jb.String())
	}
	var hb bytes.Buffer
	if err := st.WriteHTML(&hb, PageInfo{Command: "selu-solve train --study", Machine: "test"}); err != nil {
		t.Fatal(err)
	}
	h := hb.String()
	if n := strings.Count(h, "<svg xmlns"); n != 2*2+1+2 {
		t.Errorf("%d charts in the HTML page, want 7", n)
	}
	for _, want := range []string{"6ξ_c SELU 0/1", "<polyline", "selu-solve train --study", "</html>"} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}
