package solver

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

// readFloats reads the whitespace-separated rows of a reference table,
// skipping comments, each with at least n numbers.
func readFloats(t *testing.T, path string, n int) [][]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := strings.Fields(sc.Text())
		if len(w) == 0 || strings.HasPrefix(w[0], "#") {
			continue
		}
		if len(w) < n {
			t.Fatalf("%s: %d fields, want %d: %q", path, len(w), n, sc.Text())
		}
		r := make([]float64, n)
		for i := range n {
			if r[i], err = strconv.ParseFloat(w[i], 64); err != nil {
				t.Fatal(err)
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// TestJacobianReference checks Jacobian against mpmath's differentiation
// of the closed forms at 160 digits (../mapping/testdata/jacobian.txt,
// written by ../mapping/testdata/gen_reference.py: λ α ω τ μ ν, then J and
// H row by row), at the rows whose net input the solver accepts. Every
// entry must be within 2 ulp (4.5e-16 relative) of the reference, or
// within 1e-60 of the size of its row: the numerical derivatives of that
// table are not accurate much beyond (an H12 of −2.3e-251 is 0 there).
func TestJacobianReference(t *testing.T) {
	rows := readFloats(t, "../mapping/testdata/jacobian.txt", 14)
	checked := 0
	for _, r := range rows {
		l := mapping.Layer{Constants: mapping.Constants{Lambda: r[0], Alpha: r[1]}, Weights: mapping.Weights{Omega: r[2], Tau: r[3]}}
		m, s2 := r[4]*r[2], r[5]*r[3]
		if m*m/(2*s2) > 0.99e6 {
			continue // beyond the solver's range
		}
		checked++
		h, err := Jacobian(l, mapping.Point{Mean: r[4], Var: r[5]})
		if err != nil {
			t.Errorf("%v at (%v, %v): %v", l, r[4], r[5], err)
			continue
		}
		for k := range 4 {
			got, want := h[k/2][k%2], r[10+k]
			row := math.Max(math.Abs(r[10+k/2*2]), math.Abs(r[11+k/2*2]))
			if !(math.Abs(got-want) <= 4.5e-16*math.Abs(want) || math.Abs(got-want) <= 1e-60*row) {
				t.Errorf("%v at (%v, %v): H%d%d = %v, want %v", l, r[4], r[5], k/2+1, k%2+1, got, want)
			}
		}
	}
	if checked < 20 {
		t.Fatalf("%d rows of ../mapping/testdata/jacobian.txt checked, want at least 20", checked)
	}
}

// TestJacobianFar checks Jacobian against testdata/jacobian.txt (mpmath
// central differences at 400 digits of the paper's moment map at given
// float64 constants and points, by testdata/gen_jacobian.py), where
// mapping.Layer.Jacobian is not accurate: far out (at (−1e10, 1e20) with
// ω = 1e-10 it gives ∂ν̃/∂μ = −4.4e-6 for 1.8e-11) or with an entry far
// below its row (∂ν̃/∂μ = −8.9e-50 beside 0.72). Every entry must be
// within 2 ulp (4.5e-16 relative) of the reference.
func TestJacobianFar(t *testing.T) {
	rows := readFloats(t, "testdata/jacobian.txt", 10)
	if len(rows) != 8 {
		t.Fatalf("%d rows in testdata/jacobian.txt, want 8", len(rows))
	}
	for _, r := range rows {
		l := mapping.Layer{Constants: mapping.Constants{Lambda: r[0], Alpha: r[1]}, Weights: mapping.Weights{Omega: r[2], Tau: r[3]}}
		h, err := Jacobian(l, mapping.Point{Mean: r[4], Var: r[5]})
		if err != nil {
			t.Errorf("%v at (%v, %v): %v", l, r[4], r[5], err)
			continue
		}
		for k := range 4 {
			got, want := h[k/2][k%2], r[6+k]
			if !(math.Abs(got-want) <= 4.5e-16*math.Abs(want)) {
				t.Errorf("%v at (%v, %v): H%d%d = %v, want %v", l, r[4], r[5], k/2+1, k%2+1, got, want)
			}
		}
	}
}

// TestJacobianBadInput checks that inputs outside the range are errors,
// not numbers.
func TestJacobianBadInput(t *testing.T) {
	paper := mapping.Paper()
	for _, tc := range []struct {
		l mapping.Layer
		p mapping.Point
	}{
		{mapping.Layer{Constants: paper, Weights: mapping.Normalized()}, mapping.Point{Mean: 0, Var: 1e-30}},
		{mapping.Layer{Constants: paper, Weights: mapping.Normalized()}, mapping.Point{Mean: 0, Var: 1e30}},
		{mapping.Layer{Constants: paper, Weights: mapping.Weights{Omega: 1, Tau: 1}}, mapping.Point{Mean: 1e4, Var: 1e-4}},
		{mapping.Layer{Constants: paper, Weights: mapping.Normalized()}, mapping.Point{Mean: math.NaN(), Var: 1}},
		{mapping.Layer{Constants: mapping.Constants{Lambda: 0, Alpha: 1}, Weights: mapping.Normalized()}, mapping.Point{Mean: 0, Var: 1}},
		{mapping.Layer{Constants: mapping.Constants{Lambda: 1, Alpha: math.Inf(1)}, Weights: mapping.Normalized()}, mapping.Point{Mean: 0, Var: 1}},
	} {
		if h, err := Jacobian(tc.l, tc.p); err == nil {
			t.Errorf("Jacobian(%v, %v) = %v, want an error", tc.l, tc.p, h)
		}
	}
}
