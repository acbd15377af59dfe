package bigmath_test

import (
	"fmt"
	"math/big"

	"github.com/selu-tool/selu/internal/bigmath"
)

// The complementary error function at 1/√2 to 50 digits: erfc(1/√2) is the
// probability that a standard normal variable lies outside ±1. (mpmath
// 1.2.1 agrees; see testdata/ref.txt.)
func ExampleErfc() {
	const prec = 200 // bits; about 60 decimal digits
	x := bigmath.Sqrt(new(big.Float).SetPrec(prec), big.NewFloat(0.5))
	z := bigmath.Erfc(new(big.Float).SetPrec(prec), x)
	fmt.Println(z.Text('g', 50))
	// Output:
	// 0.31731050786291410282953490873592415504417406654679
}

// Erfcx stays finite where e^{x²} and erfc(x) separately do not fit in a
// float64.
func ExampleErfcx() {
	x := new(big.Float).SetPrec(128).SetInt64(30)
	fmt.Println(bigmath.Erfcx(new(big.Float), x).Text('g', 30))
	fmt.Println(bigmath.Erfc(new(big.Float), x).Text('g', 30))
	// Output:
	// 0.0187958888614167514971253290494
	// 2.5646562037561116000333972775e-393
}

func ExamplePi() {
	fmt.Println(bigmath.Pi(100).Text('g', 30))
	// Output:
	// 3.14159265358979323846264338328
}

func ExampleExp() {
	x := new(big.Float).SetPrec(256).SetInt64(1)
	fmt.Println(bigmath.Exp(new(big.Float), x).Text('g', 70))
	// Output:
	// 2.718281828459045235360287471352662497757247093699959574966967627724077
}
