package train_test

import (
	"bytes"
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
