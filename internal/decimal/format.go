package decimal

import (
	"math/big"
	"strconv"
	"strings"
)

// maxPositional is the longest positional form (sign, digits and point)
// Exact and String write; longer finite decimals use scientific notation.
const maxPositional = 48

// maxShown is the longest form String writes before it approximates.
const maxShown = 48

// Exact formats r exactly, always:
//   - a finite decimal expansion is written positionally (0.1, -2.5,
//     1000) when that takes at most 48 characters or is shorter than exact
//     scientific notation with every significant digit (1e+400,
//     1.25e-300), which is used otherwise;
//   - any other rational is written p/q (1/3) with integers p and q.
//
// Parse reads every result back to the same rational, as long as it stays
// within the grammar's limits (MaxLen, MaxExponent); so does big.Rat's
// SetString. Exact panics if r is
// nil.
func Exact(r *big.Rat) string {
	if s, ok := finiteDecimal(r); ok {
		return s
	}
	return r.Num().String() + "/" + r.Denom().String()
}

// String formats r for people: as Exact when that takes at most 48
// characters, otherwise as "≈" followed by the float64 nearest r to 17
// significant digits. A nil r is "<nil>".
func String(r *big.Rat) string {
	if r == nil {
		return "<nil>"
	}
	if s := Exact(r); len(s) <= maxShown {
		return s
	}
	f, _ := r.Float64()
	return "≈" + strconv.FormatFloat(f, 'g', 17, 64)
}

// finiteDecimal returns the exact decimal form of r when its expansion
// terminates (the reduced denominator is 2^a·5^b).
func finiteDecimal(r *big.Rat) (string, bool) {
	d := new(big.Int).Set(r.Denom())
	n2 := int(d.TrailingZeroBits())
	d.Rsh(d, uint(n2))
	n5 := 0
	five, q, m := big.NewInt(5), new(big.Int), new(big.Int)
	for d.Cmp(big.NewInt(1)) != 0 {
		q.QuoRem(d, five, m)
		if m.Sign() != 0 {
			return "", false
		}
		d, q = q, d
		n5++
	}
	k := max(n2, n5) // r·10^k is an integer
	pos := r.FloatString(k)
	if len(pos) <= maxPositional {
		return pos, true
	}
	// Scientific: the integer N = |r|·10^k has digits D; r = ±D·10^−k.
	n := new(big.Int).Mul(r.Num(), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil))
	n.Quo(n, r.Denom())
	sign := ""
	if n.Sign() < 0 {
		sign = "-"
		n.Neg(n)
	}
	digits := n.String()
	e := len(digits) - 1 - k
	digits = strings.TrimRight(digits, "0")
	mant := digits[:1]
	if len(digits) > 1 {
		mant += "." + digits[1:]
	}
	es := strconv.Itoa(e)
	if e >= 0 {
		es = "+" + es
	}
	if sci := sign + mant + "e" + es; len(sci) < len(pos) {
		return sci, true
	}
	return pos, true
}
