package decimal_test

import (
	"fmt"

	"github.com/selu-tool/selu/internal/decimal"
)

func Example() {
	for _, s := range []string{"0.1", "-2.5e-3", "1/3", "1e400", "abc"} {
		r, err := decimal.Parse(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(decimal.String(r))
	}
	// Output:
	// 0.1
	// -0.0025
	// 1/3
	// 1e+400
	// "abc" is not a number (want a decimal such as -0.25 or 1e-3, or a fraction p/q such as 1/3)
}
