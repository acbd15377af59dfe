package verify

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// FormatBound formats a proven bound x as a decimal with at most digits
// significant digits (1 to 17; 0 or out of range: 17), rounded outward:
// up when upper is true, down otherwise. The printed number, read as an
// exact decimal, is therefore a bound too: for an upper bound x it is ≥ x,
// for a lower bound ≤ x. (Rounding to nearest, as %g does, can print an
// upper bound below the proven one.)
//
// Trailing zeros are dropped; the form is plain for decimal exponents from
// −5 to digits−1 and scientific otherwise (as %g). ±Inf and NaN print as
// "+Inf", "-Inf" and "NaN"; zero prints as "0".
//
// Every bound of a certificate that is printed (text, JSON or HTML) should
// go through FormatBound or FormatRange.
func FormatBound(x float64, upper bool, digits int) string {
	if digits < 1 || digits > 17 {
		digits = 17
	}
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "+Inf"
	case math.IsInf(x, -1):
		return "-Inf"
	case x == 0:
		return "0"
	}
	// Nearest decimal d.ddd…e±X with digits significant digits.
	s := strconv.FormatFloat(x, 'e', digits-1, 64)
	mant, expS, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expS)
	neg := strings.HasPrefix(mant, "-")
	mant = strings.TrimPrefix(mant, "-")
	m, _ := new(big.Int).SetString(strings.Replace(mant, ".", "", 1), 10)
	if neg {
		m.Neg(m)
	}
	// value = m · 10^e10
	e10 := exp - (digits - 1)
	exact := new(big.Rat).SetFloat64(x)
	cmp := decimalRat(m, e10).Cmp(exact)
	switch {
	case upper && cmp < 0:
		m.Add(m, big.NewInt(1))
	case !upper && cmp > 0:
		m.Sub(m, big.NewInt(1))
	}
	return formatDecimal(m, e10, digits)
}

// FormatRange formats the proven enclosure r as "[lo, hi]", the lower end
// rounded down and the upper end rounded up (see FormatBound).
func FormatRange(r Range, digits int) string {
	return "[" + FormatBound(r.Lo, false, digits) + ", " + FormatBound(r.Hi, true, digits) + "]"
}

// decimalRat returns m·10^e exactly.
func decimalRat(m *big.Int, e int) *big.Rat {
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(e))), nil)
	r := new(big.Rat).SetInt(m)
	if e >= 0 {
		return r.Mul(r, new(big.Rat).SetInt(p))
	}
	return r.Quo(r, new(big.Rat).SetInt(p))
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// formatDecimal writes m·10^e (m ≠ 0) in the %g style with at most digits
// significant digits, without trailing zeros.
func formatDecimal(m *big.Int, e, digits int) string {
	if m.Sign() == 0 {
		return "0"
	}
	sign := ""
	if m.Sign() < 0 {
		sign = "-"
	}
	ds := new(big.Int).Abs(m).String()
	// Drop trailing zeros into the exponent.
	t := strings.TrimRight(ds, "0")
	e += len(ds) - len(t)
	ds = t
	x := e + len(ds) - 1 // decimal exponent of the leading digit
	if x < -5 || x >= digits {
		out := ds[:1]
		if len(ds) > 1 {
			out += "." + ds[1:]
		}
		es := "e+"
		if x < 0 {
			es, x = "e-", -x
		}
		xs := strconv.Itoa(x)
		if len(xs) < 2 {
			xs = "0" + xs
		}
		return sign + out + es + xs
	}
	switch {
	case e >= 0:
		return sign + ds + strings.Repeat("0", e)
	case -e < len(ds):
		return sign + ds[:len(ds)+e] + "." + ds[len(ds)+e:]
	}
	return sign + "0." + strings.Repeat("0", -e-len(ds)) + ds
}
