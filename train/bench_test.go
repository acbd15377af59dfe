package train

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkEpoch times one epoch of Fashion-MNIST (60000 samples, float32,
// SGD with momentum) for the network of the PyTorch comparison in
// scripts/bench-train.sh (depth 8, width 512, batch 128) and a smaller one.
// It reports samples per second; scripts/bench-train.sh prints the ratio to
// PyTorch's epoch time.
func BenchmarkEpoch(b *testing.B) {
	trainSet, testSet := loadFashion(b)
	testSet = testSet.Subset(1000)
	for _, sz := range []struct{ depth, width int }{{8, 512}, {4, 128}} {
		for _, act := range []Activation{SELU, ReLUBN} {
			b.Run(fmt.Sprintf("%v/depth=%d/width=%d", act, sz.depth, sz.width), func(b *testing.B) {
				c := Defaults()
				c.Activation = act
				c.Depth, c.Width, c.Batch, c.Epochs = sz.depth, sz.width, 128, 1
				var secs float64
				for b.Loop() {
					res, err := Run(context.Background(), c, trainSet, testSet)
					if err != nil {
						b.Fatal(err)
					}
					secs += res.Epochs[0].Seconds
				}
				b.ReportMetric(secs/float64(b.N), "s/epoch")
				b.ReportMetric(float64(trainSet.N*b.N)/secs, "samples/s")
			})
		}
	}
}
