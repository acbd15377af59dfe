package train_test

import (
	"bytes"
	"context"
	"fmt"
	"log"

	"github.com/selu-tool/selu/train"
)

// The mean-field predictions for the paper's SELU (target (0, 1), ω = 0,
// τ = 1): gradient growth χ per layer, the correlation map's slope χ_c and
// the trainable depth 6ξ_c.
func ExampleMeanFieldSELU() {
	c := train.Defaults()
	if err := c.SolveSELU("0", "1", "0", "1", 0); err != nil {
		log.Fatal(err)
	}
	mf := train.MeanFieldSELU(c.Constants.Lambda, c.Constants.Alpha, 1, 1)
	fmt.Printf("χ = %.4f, χ_c = %.4f, ξ_c = %.1f, 6ξ_c = %.0f\n", mf.Chi, mf.ChiC, mf.Xi, 6*mf.Xi)
	// Output:
	// χ = 1.0716, χ_c = 0.9707, ξ_c = 33.6, 6ξ_c = 202
}

// An idx file: magic 0x00000803 (unsigned bytes, 3 dimensions), the
// dimensions, then the data.
func ExampleReadIDX() {
	raw := []byte{0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 10, 20, 30, 40}
	dims, data, err := train.ReadIDX(bytes.NewReader(raw))
	fmt.Println(dims, data, err)
	_, _, err = train.ReadIDX(bytes.NewReader(raw[:18]))
	fmt.Println(err)
	// Output:
	// [2 1 2] [10 20 30 40] <nil>
	// truncated: dimensions [2 1 2] need 4 bytes of data, found 2
}

// A SELU network for the target (0, 4) trained on a small synthetic image
// set: 4×4 images whose label is the index of the one bright pixel, with
// noise on the others. Real runs load MNIST or Fashion-MNIST with LoadDir.
func ExampleRun() {
	images := func(n int, seed uint32) *train.Set {
		s := &train.Set{N: n, Rows: 4, Cols: 4, Images: make([]uint8, n*16), Labels: make([]uint8, n)}
		x := seed
		for i := range n {
			label := i % 10
			s.Labels[i] = uint8(label)
			for j := range 16 {
				x = x*1664525 + 1013904223 // a linear congruential generator
				s.Images[i*16+j] = uint8(x >> 27)
			}
			s.Images[i*16+label] = 255
		}
		return s
	}
	c := train.Defaults()
	if err := c.SolveSELU("0", "4", "0", "1", 0); err != nil {
		log.Fatal(err)
	}
	c.Depth, c.Width, c.Epochs, c.Batch = 2, 32, 3, 20
	r, err := train.Run(context.Background(), c, images(400, 1), images(100, 2))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("λ = %.6f, α = %.6f\n", c.Constants.Lambda, c.Constants.Alpha)
	fmt.Printf("%d parameters, %d steps per epoch\n", r.Params, r.StepsPerEpoch)
	fmt.Printf("test accuracy after %d epochs: %.2f\n", len(r.Epochs), r.Epochs[len(r.Epochs)-1].TestAccuracy)
	// Output:
	// λ = 1.070232, α = 2.404005
	// 1930 parameters, 20 steps per epoch
	// test accuracy after 3 epochs: 1.00
}
