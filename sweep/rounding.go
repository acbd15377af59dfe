package sweep

import (
	"errors"
	"fmt"
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
	d := o.Digits
	if d == 0 {
		d = solver.DefaultDigits
	}
	res, err := solver.Solve(t, o)
	if err == nil {
		return res, [3]string{textDigits(res.Lambda, d), textDigits(res.Alpha, d), textDigits(res.AlphaPrime, d)}, nil
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
		s, ok := roundDecimal(textDigits(x, d+guardDigits), d)
		if !ok {
			return nil, [3]string{}, err
		}
		out[i] = s
	}
	res2.Digits = d
	return res2, out, nil
}

// roundDecimal rounds the decimal s (as written by textDigits:
// optional sign, digits with an optional point, optional e±XX), which is
// the exact value correctly rounded to its number of significant digits,
// to d significant digits, and formats the result like textDigits. It reports false when the discarded digits are exactly 5
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
	// value = 0.digits × 10^point = d.igits × 10^(point−1)
	digits += strings.Repeat("0", d-len(digits))
	mantissa := digits[:1] + "." + digits[1:]
	if d == 1 {
		mantissa = digits
	}
	sign := ""
	if neg {
		sign = "-"
	}
	e := point - 1
	es := "+"
	if e < 0 {
		es, e = "-", -e
	}
	return layout(sign + mantissa + "e" + es + fmt.Sprintf("%02d", e)), true
}

// textDigits formats x, which holds a decimal of d significant digits
// (solver.Result's Lambda, Alpha, AlphaPrime), with exactly d significant
// digits in the layout of solver.Result.Text: positional notation when the
// decimal exponent is in [−5, d), else d.ddd…e±XX.
func textDigits(x *big.Float, d int) string {
	if x.Sign() == 0 {
		return "0"
	}
	return layout(x.Text('e', d-1))
}

// layout rewrites s, a number in the 'e' format of big.Float.Text
// (−d.ddde±XX), positionally when the exponent is in [−5, number of
// digits), and leaves it as it is otherwise.
func layout(s string) string {
	mant, exp, _ := strings.Cut(s, "e")
	sign := ""
	if strings.HasPrefix(mant, "-") {
		sign, mant = "-", mant[1:]
	}
	digits := strings.Replace(mant, ".", "", 1)
	e10, err := strconv.Atoi(exp) // decimal, whatever leading zeros
	if err != nil {
		panic("sweep: malformed exponent in " + s)
	}
	switch {
	case e10 >= 0 && e10 < len(digits):
		ip, fp := digits[:e10+1], digits[e10+1:]
		if fp == "" {
			return sign + ip
		}
		return sign + ip + "." + fp
	case e10 < 0 && e10 >= -5:
		return sign + "0." + strings.Repeat("0", -e10-1) + digits
	}
	return s
}
