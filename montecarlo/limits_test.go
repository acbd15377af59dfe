package montecarlo

import (
	"context"
	"runtime"
	"testing"
)

// Bytes is an upper bound of what a run allocates, and not a loose one: the
// bytes allocated during Run (runtime.MemStats.TotalAlloc, which counts
// every allocation, freed or not) are between 85% and 100% of the
// estimate, for both element types, both engines, and inputs of another
// width than the network's.
func TestBytesCountsEverything(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates about 40 MB per case")
	}
	in := &Matrix{Rows: 300, Cols: 700, Data: make([]float64, 300*700)}
	for i := range in.Data {
		in.Data[i] = float64(i%7) - 3
	}
	for _, eng := range []int{useGemm, useGonum} {
		for _, dt := range []DType{Float32, Float64} {
			for _, inputs := range []*Matrix{nil, in} {
				c := &Config{Width: 1024, Depth: 3, Batch: 300, DType: dt, Constants: selu01, Target: selu01Target,
					InputMean: 1, InputVar: 2, Inputs: inputs, Seed: 1}
				defer func(old int) { engineChoice = old }(engineChoice)
				engineChoice = eng
				est := c.Bytes()
				// Run copies the inputs' matrix header only; the data are
				// the caller's, allocated before the measurement.
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				if _, err := Run(context.Background(), c); err != nil {
					t.Fatal(err)
				}
				runtime.ReadMemStats(&after)
				got := int64(after.TotalAlloc - before.TotalAlloc)
				if inputs != nil {
					got += int64(len(inputs.Data)) * 8 // Bytes counts the caller's matrix too
				}
				if got > est || float64(got) < 0.85*float64(est) {
					t.Errorf("engine %d, %v, inputs %v: allocated %d bytes, Bytes() = %d (ratio %.3f), want 0.85 to 1",
						eng, dt, inputs != nil, got, est, float64(got)/float64(est))
				}
			}
		}
	}
}

// Work counts the products and the weight draws of every layer.
func TestWork(t *testing.T) {
	c := &Config{Width: 100, Depth: 3, Batch: 10}
	want := 3 * 100.0 * 100 * (10 + WeightCost)
	if got := c.Work(); got != want {
		t.Errorf("Work = %v, want %v", got, want)
	}
	c.Inputs = &Matrix{Rows: 20, Cols: 7, Data: make([]float64, 140)}
	c.Batch = 0 // all 20 rows
	want = 100*7*(20+WeightCost) + 2*100*100*(20+WeightCost)
	if got := c.Work(); got != want {
		t.Errorf("Work with inputs = %v, want %v", got, want)
	}
}
