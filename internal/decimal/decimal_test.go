package decimal

import (
	"errors"
	"math/big"
	"strings"
	"testing"
)

func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic(s)
	}
	return r
}

// The accepted forms and their exact values (written as big.Rat fractions
// by hand from the decimal definition).
func TestParse(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"0", "0"},
		{"0.1", "1/10"},
		{"-2.5e-3", "-1/400"},
		{"+.5", "1/2"},
		{"1.", "1"},
		{" 7 ", "7"},
		{"1E2", "100"},
		{"1e+2", "100"},
		{"1/3", "1/3"},
		{"-1/3", "-1/3"},
		{"1e3/7", "1000/7"},
		{"0.5/0.25", "2"},
		{"1e-1000", "1/1" + strings.Repeat("0", 1000)},
	} {
		got, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got.Cmp(rat(tc.want)) != 0 {
			t.Errorf("Parse(%q) = %s, want %s", tc.in, got.RatString(), tc.want)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	for _, in := range []string{
		"", " ", "NaN", "nan", "Inf", "-inf", "+Inf", "0x10", "1_000", "1..2", "1.2.3", "--1", "+-1", "e5", "1e", "1e+",
		"1e1001", "1e-1001", "1e99999999999999999999", "1/0", "1/0.0", "1/", "/2", "1/2/3", "1 2", "½", "1e3.5",
		strings.Repeat("1", MaxLen+1),
	} {
		r, err := Parse(in)
		if err == nil {
			t.Errorf("Parse(%q) = %v, want an error", in, r)
			continue
		}
		var se *SyntaxError
		if !errors.As(err, &se) || se.Input != in {
			t.Errorf("Parse(%q): error %T %v is not a *SyntaxError with the input", in, err, err)
		}
		if msg := err.Error(); len(msg) > 200 || strings.Contains(msg, "\n") {
			t.Errorf("Parse(%q): message %q is not one short line", in, msg)
		}
	}
}

func TestQuote(t *testing.T) {
	if got := Quote("1e400"); got != `"1e400"` {
		t.Errorf("Quote(1e400) = %s", got)
	}
	long := "1" + strings.Repeat("0", 400)
	got := Quote(long)
	if len(got) > 60 || !strings.Contains(got, "…") || !strings.Contains(got, "401 characters") {
		t.Errorf("Quote(401 digits) = %s", got)
	}
}

func TestExactAndString(t *testing.T) {
	for _, tc := range []struct{ in, exact, str string }{
		{"0", "0", "0"},
		{"1/10", "0.1", "0.1"},
		{"-1/400", "-0.0025", "-0.0025"},
		{"1/3", "1/3", "1/3"},
		{"1" + strings.Repeat("0", 400), "1e+400", "1e+400"},
		{"-25/1" + strings.Repeat("0", 302), "-2.5e-301", "-2.5e-301"},
		{"123456789012345678901234567890123456789012345678901/1", "123456789012345678901234567890123456789012345678901", "≈1.2345678901234569e+50"}, // strconv.ParseFloat of the 51 digits
		{"1/3" + strings.Repeat("0", 60), "1/3" + strings.Repeat("0", 60), "≈3.3333333333333335e-61"},
		{"1/" + strings.Repeat("3", 60), "1/" + strings.Repeat("3", 60), "≈3.0000000000000002e-60"},
	} {
		r := rat(tc.in)
		if got := Exact(r); got != tc.exact {
			t.Errorf("Exact(%s) = %q, want %q", tc.in, got, tc.exact)
		}
		if got := String(r); got != tc.str {
			t.Errorf("String(%s) = %q, want %q", tc.in, got, tc.str)
		}
		back, err := Parse(Exact(r))
		if err != nil || back.Cmp(r) != 0 {
			t.Errorf("Parse(Exact(%s)) = %v, %v: not the same rational", tc.in, back, err)
		}
		if back, ok := new(big.Rat).SetString(Exact(r)); !ok || back.Cmp(r) != 0 {
			t.Errorf("big.Rat reads Exact(%s) as %v, %v", tc.in, back, ok)
		}
	}
}

// FuzzParse checks that Parse never panics, refuses with a one-line
// *SyntaxError, and that what it accepts survives Exact and Parse.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"0.1", "-2.5e-3", "1/3", "1e1000", "1e-1000/7", "NaN", "", "1/0", "+.5e+5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := Parse(s)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("Parse(%q): %v", s, err)
			}
			return
		}
		// Exact may leave the grammar's limits (1e-1000/7e1000 reduces to a
		// denominator of 7e+2000); within them it must read back exactly.
		back, err := Parse(Exact(r))
		if err == nil && back.Cmp(r) != 0 {
			t.Fatalf("Parse(%q) = %s; Exact and Parse give %v, %v", s, r.RatString(), back, err)
		}
	})
}
