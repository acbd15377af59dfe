package montecarlo

import (
	"context"
	"fmt"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

// BenchmarkForward times whole simulations, weights drawn fresh for every
// layer, statistics included. W1 (depth 32, width 1024, batch 1024) is the
// workload of scripts/peers/w1_numpy.py; the smaller sizes show the
// scaling. The gflops metric counts 2·B·n² flops per layer.
func BenchmarkForward(b *testing.B) {
	for _, size := range []struct {
		name         string
		depth, width int
		batch        int
	}{
		{"L16n256B256", 16, 256, 256},
		{"W1", 32, 1024, 1024},
	} {
		for _, dtype := range []DType{Float32, Float64} {
			b.Run(fmt.Sprintf("%s/%v", size.name, dtype), func(b *testing.B) {
				c := &Config{
					Width: size.width, Depth: size.depth, Batch: size.batch, DType: dtype,
					Constants: mapping.Paper, Target: mapping.Point{Mean: 0, Var: 1},
					Init: Init{Kind: LeCun}, InputMean: 0, InputVar: 1, Seed: 1,
				}
				var flops float64
				for b.Loop() {
					r, err := Run(context.Background(), c)
					if err != nil {
						b.Fatal(err)
					}
					flops = r.Flops
				}
				b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "gflops")
			})
		}
	}
}
