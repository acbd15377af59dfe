package compare

import (
	"bufio"
	"errors"
	"math"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/selu-tool/selu/solver"
)

// readReference reads testdata/compare.txt, written by
// testdata/gen_compare.py (mpmath 1.2.1 at 40 digits, closed forms and
// 1-D quadratures independent of the Go code).
func readReference(t *testing.T) (vars []string, rows [][]float64) {
	t.Helper()
	f, err := os.Open("testdata/compare.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		fs := strings.Fields(line)
		if len(fs) != 16 {
			t.Fatalf("compare.txt: %d fields, want 16", len(fs))
		}
		row := make([]float64, len(fs))
		for i, s := range fs {
			if row[i], err = strconv.ParseFloat(s, 64); err != nil {
				t.Fatal(err)
			}
		}
		vars = append(vars, fs[0])
		rows = append(rows, row)
	}
	return vars, rows
}

// TestRowsReference checks every column for the targets (0, ν) against
// the mpmath reference to 1e-10 relative (most agree to 1e-13).
func TestRowsReference(t *testing.T) {
	vars, ref := readReference(t)
	targets := make([]Target, len(vars))
	for i, v := range vars {
		var err error
		if targets[i], err = solver.ParseTarget("0", v); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := Rows(targets, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		want := ref[i]
		if r.Err != nil {
			t.Fatalf("ν=%v: %v", vars[i], r.Err)
		}
		for _, c := range []struct {
			name string
			got  float64
			want float64
		}{
			{"lambda", r.Lambda, want[1]},
			{"alpha", r.Alpha, want[2]},
			{"rho", r.SpectralRadius, want[3]},
			{"S", r.SpectralNorm, want[4]},
			{"chi", r.GradientGrowth, want[5]},
			{"chi^32", r.GradientGrowthOverDepth, want[6]},
			{"chi_c", r.CorrelationSlope, want[7]},
			{"xi_c", r.CorrelationDepth, want[8]},
			{"6 xi_c", r.TrainableDepth, want[9]},
			{"var at 0.9 tau", r.TauLow.Var, want[10]},
			{"var at 1.1 tau", r.TauHigh.Var, want[11]},
			{"dropout a", r.DropoutA, want[12]},
			{"dropout b", r.DropoutB, want[13]},
			{"mean at 0.9 tau", r.TauLow.Mean, want[14]},
			{"mean at 1.1 tau", r.TauHigh.Mean, want[15]},
		} {
			if math.IsNaN(c.want) {
				if !math.IsNaN(c.got) {
					t.Errorf("ν=%s %s = %v, want NaN (no fixed point)", vars[i], c.name, c.got)
				}
				continue
			}
			if e := math.Abs(c.got-c.want) / math.Abs(c.want); !(e <= 1e-10) {
				t.Errorf("ν=%s %s = %.17g, want %.17g (rel %.1e)", vars[i], c.name, c.got, c.want, e)
			}
		}
		if r.CorrelationFixedPoint != 0 {
			t.Errorf("ν=%s: c* = %v, want 0", vars[i], r.CorrelationFixedPoint)
		}
		if wantK := int(math.Ceil(math.Log(0.01) / math.Log(want[3]))); r.LayersTo1Pct != wantK {
			t.Errorf("ν=%s: layers to 1%% = %d, want %d", vars[i], r.LayersTo1Pct, wantK)
		}
	}
}

// TestRowsInfeasible checks that an infeasible target is a row that says
// so, beside feasible rows, and that bad options are errors.
func TestRowsInfeasible(t *testing.T) {
	good, _ := solver.ParseTarget("0", "1")
	bad, _ := solver.ParseTarget("5", "1") // μ*/√(ν*+μ*²) ≈ 0.98 > A/√C: infeasible
	rows, err := Rows([]Target{good, bad, good}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rows[0].Feasible() || !rows[2].Feasible() {
		t.Fatalf("feasible rows failed: %v, %v", rows[0].Err, rows[2].Err)
	}
	var ie *solver.InfeasibleError
	if !errors.As(rows[1].Err, &ie) {
		t.Fatalf("row (5, 1): err = %v, want an *solver.InfeasibleError", rows[1].Err)
	}
	if !math.IsNaN(rows[1].Lambda) || rows[1].Mean != 5 || rows[1].Var != 1 {
		t.Errorf("infeasible row: %+v", rows[1])
	}
	for _, o := range []*Options{
		{Tau: big.NewRat(-1, 1)},
		{Depth: -3},
		{DropoutRate: 1},
		{TauError: 2},
	} {
		if _, err := Rows([]Target{good}, o); err == nil {
			t.Errorf("Rows with %+v: no error", o)
		}
	}
}

// TestRowsSmallVariance: as ν* → 0, 1 − χ_c shrinks like ν* and ξ_c grows
// beyond what float64 resolves. Rows must then report ξ_c (and 6ξ_c) as
// +Inf, "larger than MaxCorrelationDepth", and otherwise agree with mpmath
// (testdata/small_var.txt from gen_small_var.py, 80 digits) to 1e-5
// relative; ν* = 1e-12 gave 1.5665e13 where the value is 1.5620e13.
func TestRowsSmallVariance(t *testing.T) {
	f, err := os.Open("testdata/small_var.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) == 0 || fs[0][0] == '#' {
			continue
		}
		xi, err := strconv.ParseFloat(fs[2], 64)
		if err != nil || len(fs) != 3 {
			t.Fatalf("small_var.txt: %q", sc.Text())
		}
		tg, err := solver.ParseTarget("0", fs[0])
		if err != nil {
			t.Fatal(err)
		}
		rows, err := Rows([]Target{tg}, nil)
		if err != nil {
			t.Fatal(err)
		}
		r := rows[0]
		switch {
		case math.IsInf(r.CorrelationDepth, 1):
			if xi <= MaxCorrelationDepth/10 {
				t.Errorf("ν* = %s: ξ_c = +Inf, but it is %.6g, well within float64's reach", fs[0], xi)
			}
		case math.Abs(r.CorrelationDepth-xi) > 1e-5*xi || math.Abs(r.TrainableDepth-6*xi) > 6e-5*xi:
			t.Errorf("ν* = %s: ξ_c = %.8g, 6ξ_c = %.8g, want %.8g (mpmath)", fs[0], r.CorrelationDepth, r.TrainableDepth, xi)
		}
		if !math.IsInf(r.CorrelationDepth, 1) {
			n++
		}
	}
	if n < 3 {
		t.Errorf("only %d finite ξ_c; ν* from 1e-4 to 1e-8 are resolved", n)
	}
}
