package montecarlo

import (
	"context"
	"fmt"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

// BenchmarkBackward times the backward pass of Config.Gradients against
// the forward pass of the same run: backward/forward is the ratio of
// Result.BackwardSeconds to Result.Seconds (the backward pass redraws the
// weights, packs their transpose, and does one product of the forward
// size per layer).
func BenchmarkBackward(b *testing.B) {
	for _, size := range []struct {
		name                string
		depth, width, batch int
	}{
		{"L8n512B512", 8, 512, 512},
		{"L8n1024B1024", 8, 1024, 1024},
	} {
		for _, dtype := range []DType{Float32, Float64} {
			b.Run(fmt.Sprintf("%s/%v", size.name, dtype), func(b *testing.B) {
				c := &Config{
					Width: size.width, Depth: size.depth, Batch: size.batch, DType: dtype,
					Constants: mapping.Paper(), Target: mapping.Point{Mean: 0, Var: 1},
					InputMean: 0, InputVar: 1, Seed: 1, Gradients: true,
				}
				var fwd, bwd float64
				for b.Loop() {
					r, err := Run(context.Background(), c)
					if err != nil {
						b.Fatal(err)
					}
					fwd += r.Seconds
					bwd += r.BackwardSeconds
				}
				b.ReportMetric(bwd/fwd, "backward/forward")
			})
		}
	}
}
