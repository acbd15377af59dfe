package sweep

import (
	"math/big"
	"strings"
	"testing"
)

func TestParseAxis(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		in   string
		want []string
	}{
		{"0:1:0.25", []string{"0", "0.25", "0.5", "0.75", "1"}},
		{"0:1:0.3", []string{"0", "0.3", "0.6", "0.9"}},
		{"-0.2:0.2:0.1", []string{"-0.2", "-0.1", "0", "0.1", "0.2"}},
		{"0.1:0.3:0.1", []string{"0.1", "0.2", "0.3"}},                // exact decimals: 0.3 is reached
		{"0:0.2999999999999:0.1", []string{"0", "0.1", "0.2", "0.3"}}, // hi within 1e-9 steps
		{"0:0.29:0.1", []string{"0", "0.1", "0.2"}},
		{"1e-3:3e-3:1e-3", []string{"0.001", "0.002", "0.003"}},
		{"2", []string{"2"}},
		{"2:2:0.5", []string{"2"}},
		{" 1 : 2 : 1 ", []string{"1", "2"}},
		{"0:1:3", []string{"0"}},
	} {
		a, err := ParseAxis(test.in)
		if err != nil {
			t.Errorf("ParseAxis(%q): %v", test.in, err)
			continue
		}
		var got []string
		for i := range a.Len() {
			got = append(got, a.Text(i))
		}
		if strings.Join(got, ",") != strings.Join(test.want, ",") {
			t.Errorf("ParseAxis(%q) = %v, want %v", test.in, got, test.want)
		}
	}
}

func TestParseAxisErrors(t *testing.T) {
	t.Parallel()
	for _, test := range []struct{ in, msg string }{
		{"", "axis"},
		{"1:0:0.1", "lo must be <= hi"},
		{"0:1:0", "step must be > 0"},
		{"0:1:-0.1", "step must be > 0"},
		{"0:1", "lo:hi:step"},
		{"0:1:0.1:2", "lo:hi:step"},
		{"a:1:0.1", "lo"},
		{"0:NaN:0.1", "hi"},
		{"0:Inf:1", "hi"},
		{"0:1:0x1p-3", "step"},
		{"0:1:1e-6", "more than 1000000 points"},
		{"0:1e300:1e-300", "more than 1000000 points"},
		{"0:1:1e-2000", "exponent"},
	} {
		_, err := ParseAxis(test.in)
		if err == nil || !strings.HasPrefix(err.Error(), "sweep: ") || !strings.Contains(err.Error(), test.msg) {
			t.Errorf("ParseAxis(%q) error = %v, want one containing %q", test.in, err, test.msg)
		}
	}
	// A long axis is quoted shortened, with its length: the error of a
	// 100000-character value is one short line, not the value again.
	long := "0." + strings.Repeat("3", 100_000)
	for _, in := range []string{long, "0:1:" + long, "0:1:0.1:" + long} {
		_, err := ParseAxis(in)
		if err == nil || len(err.Error()) > 300 || !strings.Contains(err.Error(), "characters") {
			t.Errorf("ParseAxis of %d characters: error of %d characters, want a short one that gives the length", len(in), len(err.Error()))
		}
	}
}

func TestNewGrid(t *testing.T) {
	t.Parallel()
	ax := func(s string) Axis {
		a, err := ParseAxis(s)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	g, err := NewGrid(ax("-1:1:0.5"), ax("0.5:2:0.5"))
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 20 {
		t.Fatalf("Len = %d, want 20", g.Len())
	}
	// Mean-major order: target 6 is the second mean, third variance.
	if tg := g.Target(6); tg.Mean.Cmp(big.NewRat(-1, 2)) != 0 || tg.Var.Cmp(big.NewRat(3, 2)) != 0 {
		t.Errorf("Target(6) = %v, want (-0.5, 1.5)", tg)
	}
	for _, test := range []struct{ mean, vari, msg string }{
		{"0", "0:1:0.5", "variances must be > 0"},
		{"0", "-1:1:0.5", "variances must be > 0"},
		{"0:1:0.001", "1:2:0.0001", "exceeds the limit"},
	} {
		if _, err := NewGrid(ax(test.mean), ax(test.vari)); err == nil || !strings.Contains(err.Error(), test.msg) {
			t.Errorf("NewGrid(%s, %s) error = %v, want %q", test.mean, test.vari, err, test.msg)
		}
	}
}

func FuzzParseAxis(f *testing.F) {
	for _, s := range []string{"0:1:0.1", "1", "-1e3:1e3:7", "0:1:1e-9", "1e-1000:1:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAxis(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "sweep: ") {
				t.Fatalf("error without prefix: %v", err)
			}
			return
		}
		if a.Len() < 1 || a.Len() > MaxTargets {
			t.Fatalf("ParseAxis(%q).Len() = %d", s, a.Len())
		}
		// Points increase by step and the text is an exact decimal.
		last := a.At(a.Len() - 1)
		if r, ok := new(big.Rat).SetString(a.Text(a.Len() - 1)); !ok || r.Cmp(last) != 0 {
			t.Fatalf("Text(%d) = %q is not %v", a.Len()-1, a.Text(a.Len()-1), last)
		}
	})
}
