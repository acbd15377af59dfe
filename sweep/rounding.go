package sweep

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"

	"selu/solver"
)

// guardDigits is the number of extra digits of the second attempt of
// solveRow.
const guardDigits = 12

// solveRow solves target t. If the solver cannot certify o.Digits digits
// (solver.ErrPrecision), it solves again at o.Digits + guardDigits digits
// and rounds those correctly rounded decimals to o.Digits digits, which is
// exact unless a value's extra digits are exactly 5 followed by zeros (a
// tie that only more digits could break); in that case the original error
// is returned.
//
// The second attempt covers values that lie within about 10⁻⁶ of a unit in
// the last place from a rounding midpoint, which the solver may fail to
// certify at any precision.
func solveRow(t solver.Target, o *solver.Options) (*solver.Result, [3]string, error) {
	res, err := solver.Solve(t, o)
	if err == nil {
		return res, [3]string{res.Text(res.Lambda), res.Text(res.Alpha), res.Text(res.AlphaPrime)}, nil
	}
	d := o.Digits
	if d == 0 {
		d = solver.DefaultDigits
	}
	if !errors.Is(err, solver.ErrPrecision) || d+guardDigits > solver.MaxDigits {
		return nil, [3]string{}, err
	}
	o2 := *o
	o2.Digits = d + guardDigits
	res2, err2 := solver.Solve(t, &o2)
	if err2 != nil {
		return nil, [3]string{}, err
	}
	var out [3]string
	for i, x := range []*big.Float{res2.Lambda, res2.Alpha, res2.AlphaPrime} {
		s, ok := roundDecimal(res2.Text(x), d)
		if !ok {
			return nil, [3]string{}, err
		}
		out[i] = s
	}
	res2.Digits = d
	return res2, out, nil
}

// roundDecimal rounds the decimal s (as written by solver.Result.Text:
// optional sign, digits with an optional point, optional e±XX), which is
// the exact value correctly rounded to its number of significant digits,
// to d significant digits, and formats the result like Result.Text with
// Digits = d. It reports false when the discarded digits are exactly 5
// followed by zeros: the exact value may then lie on either side of the
// midpoint. It also reports false if s has no more than d significant
// digits to discard but is not already exact at d digits (which cannot
// happen for well-formed input) or is malformed.
func roundDecimal(s string, d int) (string, bool) {
	if d < 1 {
		return "", false
	}
	neg := strings.HasPrefix(s, "-")
	body := strings.TrimPrefix(s, "-")
	mant, exp, hasExp := strings.Cut(body, "e")
	e10 := 0
	if hasExp {
		v, err := strconv.Atoi(exp)
		if err != nil {
			return "", false
		}
		e10 = v
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := intPart + frac
	// value = 0.digits × 10^(len(intPart)+e10), then strip leading zeros.
	point := len(intPart) + e10
	trimmed := strings.TrimLeft(digits, "0")
	point -= len(digits) - len(trimmed)
	digits = strings.TrimRight(trimmed, "0")
	if digits == "" {
		return "0", true
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	if len(digits) > d {
		tail := digits[d:]
		head := []byte(digits[:d])
		up := false
		switch {
		case tail[0] > '5':
			up = true
		case tail[0] == '5':
			if strings.TrimRight(tail[1:], "0") == "" {
				return "", false // an exact tie in the longer decimal: undecidable
			}
			up = true
		}
		if up {
			i := d - 1
			for ; i >= 0 && head[i] == '9'; i-- {
				head[i] = '0'
			}
			if i < 0 {
				head = append([]byte{'1'}, head[:d-1]...)
				point++
			} else {
				head[i]++
			}
		}
		digits = string(head)
	}
	// Format through Result.Text so that the layout is the solver's.
	dec := "0." + digits + "e" + strconv.Itoa(point)
	if neg {
		dec = "-" + dec
	}
	prec := uint(math.Ceil(float64(d)*math.Log2(10))) + 64
	x, _, err := big.ParseFloat(dec, 10, prec, big.ToNearestEven)
	if err != nil {
		return "", false
	}
	return (&solver.Result{Digits: d}).Text(x), true
}
