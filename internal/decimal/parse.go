package decimal

import (
	"math/big"
	"strconv"
	"strings"
)

// Limits of the grammar. They reject typing mistakes that would otherwise
// exhaust memory (10^999999999 has a billion digits), not useful numbers.
const (
	// MaxLen is the longest input Parse accepts, in bytes.
	MaxLen = 1000
	// MaxExponent bounds the decimal exponent: |N| ≤ MaxExponent in eN.
	MaxExponent = 1000
)

// A SyntaxError reports an input that is not a number of the grammar.
type SyntaxError struct {
	Input  string // the text as given (not shortened)
	Reason string // what is wrong, e.g. "is not a number"
}

func (e *SyntaxError) Error() string {
	if e.Input == "" {
		return "empty value: " + e.Reason
	}
	return Quote(e.Input) + " " + e.Reason
}

// Grammar is a one-line description of what Parse accepts, for error
// messages and help texts.
const Grammar = "a decimal such as -0.25 or 1e-3, or a fraction p/q such as 1/3"

// Parse parses s as an exact rational number. Surrounding white space is
// ignored. The grammar:
//
//	number   = decimal | decimal "/" decimal
//	decimal  = [sign] (digits ["." [digits]] | "." digits) [exponent]
//	exponent = ("e" | "E") [sign] digits        (|exponent| ≤ MaxExponent)
//	sign     = "+" | "-"
//
// NaN, Inf, hexadecimal, underscores, a zero denominator and inputs longer
// than MaxLen bytes are refused with a *SyntaxError.
func Parse(s string) (*big.Rat, error) {
	t := strings.TrimSpace(s)
	fail := func(reason string) (*big.Rat, error) {
		return nil, &SyntaxError{Input: s, Reason: reason}
	}
	if t == "" {
		return fail("want " + Grammar)
	}
	if len(t) > MaxLen {
		return fail("is too long (" + strconv.Itoa(len(t)) + " characters, at most " + strconv.Itoa(MaxLen) + ")")
	}
	num, den, frac := strings.Cut(t, "/")
	p, reason := parseDecimal(strings.TrimSpace(num))
	if reason != "" {
		return fail(reason)
	}
	if !frac {
		return p, nil
	}
	q, reason := parseDecimal(strings.TrimSpace(den))
	if reason != "" {
		return fail(reason)
	}
	if q.Sign() == 0 {
		return fail("divides by zero")
	}
	return p.Quo(p, q), nil
}

// parseDecimal parses one decimal of the grammar; reason is "" on success.
func parseDecimal(s string) (*big.Rat, string) {
	const notNumber = "is not a number (want " + Grammar + ")"
	mant, exp, hasExp := s, "", false
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, exp, hasExp = s[:i], s[i+1:], true
	}
	body := mant
	if body != "" && (body[0] == '+' || body[0] == '-') {
		body = body[1:]
	}
	digits, points := 0, 0
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			points++
		default:
			return nil, notNumber
		}
	}
	if digits == 0 || points > 1 {
		return nil, notNumber
	}
	e := 0
	if hasExp {
		es := exp
		if es != "" && (es[0] == '+' || es[0] == '-') {
			es = es[1:]
		}
		if es == "" || strings.Trim(es, "0123456789") != "" {
			return nil, "has a bad exponent (want e.g. 1e-3)"
		}
		v, err := strconv.Atoi(exp)
		if err != nil || v > MaxExponent || v < -MaxExponent {
			return nil, "has an exponent out of range [-" + strconv.Itoa(MaxExponent) + ", " + strconv.Itoa(MaxExponent) + "]"
		}
		e = v
	}
	// Digits and point only: big.Rat reads them exactly; the exponent is
	// applied separately so that SetString never sees it.
	r, ok := new(big.Rat).SetString(mant)
	if !ok {
		return nil, notNumber
	}
	if e != 0 {
		pow := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(e))), nil)
		if e > 0 {
			r.Mul(r, new(big.Rat).SetInt(pow))
		} else {
			r.Quo(r, new(big.Rat).SetInt(pow))
		}
	}
	return r, ""
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Quote returns s in double quotes for an error message, shortened to
// about 40 characters with "…" in the middle when it is longer, so that a
// message stays one readable line.
func Quote(s string) string {
	const keep = 18
	r := []rune(s)
	if len(r) <= 2*keep+4 {
		return strconv.Quote(s)
	}
	return strconv.Quote(string(r[:keep])+"…"+string(r[len(r)-keep:])) + " (" + strconv.Itoa(len(s)) + " characters)"
}
