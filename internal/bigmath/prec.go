package bigmath

import (
	"math"
	"math/big"
	"math/bits"
	"sync"
)

// defaultPrec is the precision used when neither z nor x has one.
const defaultPrec = 64

// resultPrec returns the precision of the result by the package's rule:
// z's, else x's, else defaultPrec.
func resultPrec(z, x *big.Float) uint {
	if p := z.Prec(); p != 0 {
		return p
	}
	if p := x.Prec(); p != 0 {
		return p
	}
	return defaultPrec
}

// finish rounds v to prec bits into z, in z's rounding mode.
func finish(z *big.Float, prec uint, v *big.Float) *big.Float {
	return z.SetPrec(prec).Set(v)
}

// setExact sets z to the small integer v at prec bits.
func setExact(z *big.Float, prec uint, v int64) *big.Float {
	return z.SetPrec(prec).SetInt64(v)
}

// toFixed returns x·2^w truncated toward zero.
func toFixed(x *big.Float, w uint) *big.Int {
	var t big.Float
	t.SetMantExp(x, int(w))
	i, _ := t.Int(nil)
	return i
}

// fromFixed returns i·2^-w rounded to prec bits.
func fromFixed(i *big.Int, w uint, prec uint) *big.Float {
	f := new(big.Float).SetPrec(prec).SetInt(i)
	return f.SetMantExp(f, -int(w))
}

// log2Abs returns log2|x| for finite nonzero x as a float64, accurate to
// about 1e-15 relative even when |x| is outside the float64 range.
func log2Abs(x *big.Float) float64 {
	var m big.Float
	e := x.MantExp(&m)
	mf, _ := m.Float64()
	return float64(e) + math.Log2(math.Abs(mf))
}

// bitLen returns the number of bits of n ≥ 0.
func bitLen(n int) uint { return uint(bits.Len(uint(n))) }

// add sets z = a + b rounded to z's precision and returns z. big.Float's Add
// aligns the operands exactly, which costs time and memory proportional to
// their exponent difference (gigabytes for e^{x²} + 1/x at x = 25000);
// add drops an operand below 2^-(prec+4) of the other instead, a relative
// error smaller than the rounding of a precision-prec result.
func add(z, a, b *big.Float) *big.Float {
	switch {
	case negligible(b, a, z.Prec()):
		return z.Set(a)
	case negligible(a, b, z.Prec()):
		return z.Set(b)
	}
	return z.Add(a, b)
}

// sub sets z = a − b like add.
func sub(z, a, b *big.Float) *big.Float {
	switch {
	case negligible(b, a, z.Prec()):
		return z.Set(a)
	case negligible(a, b, z.Prec()):
		return z.Neg(b)
	}
	return z.Sub(a, b)
}

// negligible reports whether |b| < 2^-(prec+4)·|a| for finite nonzero a, b.
func negligible(b, a *big.Float, prec uint) bool {
	if a.Sign() == 0 || b.Sign() == 0 || a.IsInf() || b.IsInf() {
		return false
	}
	return int64(a.MantExp(nil))-int64(b.MantExp(nil)) > int64(prec)+5
}

// logTableSize bounds the tables of log2 n! and log2 (2n+1)!!.
const logTableSize = 4096

// logTables holds log2 n! and log2 (1·3···(2n+1)) for n < logTableSize, to
// count series terms without calling math.Log2 per term.
var logTables = sync.OnceValues(func() (fact, dfact []float64) {
	fact = make([]float64, logTableSize)
	dfact = make([]float64, logTableSize)
	for n := 1; n < logTableSize; n++ {
		fact[n] = fact[n-1] + math.Log2(float64(n))
		dfact[n] = dfact[n-1] + math.Log2(float64(2*n+1))
	}
	return fact, dfact
})

// log2Fact returns log2 n!.
func log2Fact(n int) float64 {
	if n < logTableSize {
		fact, _ := logTables()
		return fact[n]
	}
	l, _ := math.Lgamma(float64(n) + 1)
	return l / math.Ln2
}

// log2DoubleFact returns log2 (1·3···(2n+1)) = log2((2n+1)!/(2^n n!)).
func log2DoubleFact(n int) float64 {
	if n < logTableSize {
		_, dfact := logTables()
		return dfact[n]
	}
	fn := float64(n)
	l1, _ := math.Lgamma(2*fn + 2)
	l2, _ := math.Lgamma(fn + 1)
	return (l1-l2)/math.Ln2 - fn
}
