package bigmath

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/ALTree/bigfloat"
)

// benchPrecs are the precisions of the benchmarks, in bits: powers of two,
// and 200 and 3500 bits, the solver's working precisions for 50 and 1000
// digits.
var benchPrecs = []uint{64, 200, 256, 1024, 3500, 4096}

// benchArg returns 1/√2 (u0 at the standard fixed point) at prec bits, or
// the value v if v != 0.
func benchArg(prec uint, v float64) *big.Float {
	x := new(big.Float).SetPrec(prec)
	if v != 0 {
		return x.SetFloat64(v)
	}
	x.SetInt64(2)
	x.Sqrt(x)
	return x.Quo(new(big.Float).SetPrec(prec).SetInt64(1), x)
}

func benchFunc(b *testing.B, f func(z, x *big.Float) *big.Float, v float64) {
	for _, prec := range benchPrecs {
		b.Run(fmt.Sprint(prec), func(b *testing.B) {
			x := benchArg(prec, v)
			z := new(big.Float).SetPrec(prec)
			f(z, x) // warm the constant caches
			b.ReportAllocs()
			for b.Loop() {
				f(z, x)
			}
		})
	}
}

func BenchmarkExp(b *testing.B) { benchFunc(b, Exp, 0) }

// BenchmarkBigfloatExp measures github.com/ALTree/bigfloat.Exp on the same
// arguments as BenchmarkExp, for comparison.
func BenchmarkBigfloatExp(b *testing.B) {
	benchFunc(b, func(z, x *big.Float) *big.Float { return z.Set(bigfloat.Exp(x)) }, 0)
}

func BenchmarkErf(b *testing.B)           { benchFunc(b, Erf, 0) }
func BenchmarkErfc(b *testing.B)          { benchFunc(b, Erfc, 0) }
func BenchmarkErfcx(b *testing.B)         { benchFunc(b, Erfcx, 0) }
func BenchmarkErfcLarge(b *testing.B)     { benchFunc(b, Erfc, 5.5) }
func BenchmarkErfcxLarge(b *testing.B)    { benchFunc(b, Erfcx, 5.5) }
func BenchmarkErfcxNegative(b *testing.B) { benchFunc(b, Erfcx, -1.5) }

// BenchmarkConstants times one computation of each cached constant by
// the methods of Primary and Secondary (the cost of the first call at a
// precision; later calls round the cached value), up to the 40000 bits
// of a 10000-digit solve.
func BenchmarkConstants(b *testing.B) {
	for _, c := range []struct {
		name string
		f    func(uint) *big.Float
	}{
		{"pi/Chudnovsky", computePi},
		{"pi/Machin", computePiMachin},
		{"ln2/primary", computeLn2},
		{"ln2/secondary", computeLn2Alt},
	} {
		for _, prec := range []uint{128, 4096, 40000} {
			b.Run(fmt.Sprintf("%s/%d", c.name, prec), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					c.f(prec)
				}
			})
		}
	}
}

// BenchmarkSqrtVsFloat compares Sqrt (integer square root, proven) with
// big.Float.Sqrt (no error bound) at the same precisions, up to the
// 40000 bits of a 10000-digit solve.
func BenchmarkSqrtVsFloat(b *testing.B) {
	for _, prec := range []uint{64, 1024, 4096, 13500, 40000} {
		x := new(big.Float).SetPrec(prec).Quo(big.NewFloat(3), new(big.Float).SetPrec(prec).SetInt64(7))
		z := new(big.Float).SetPrec(prec)
		b.Run(fmt.Sprintf("bigmath/%d", prec), func(b *testing.B) {
			for b.Loop() {
				Sqrt(z, x)
			}
		})
		b.Run(fmt.Sprintf("float/%d", prec), func(b *testing.B) {
			for b.Loop() {
				z.Sqrt(x)
			}
		})
	}
}
