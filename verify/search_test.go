package verify_test

import (
	"fmt"
	"testing"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/solver"
	"github.com/selu-tool/selu/verify"
)

func solve(t testing.TB, mean, variance string) mapping.Constants {
	t.Helper()
	tg, err := solver.ParseTarget(mean, variance)
	if err != nil {
		t.Fatal(err)
	}
	r, err := solver.Solve(tg, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r.Constants
}

func TestExplore(t *testing.T) {
	for _, tg := range [][2]string{{"0", "1"}, {"0", "16"}, {"0", "0.25"}, {"0.3", "2"}, {"-0.5", "0.5"}, {"0.1", "1.2"}, {"0.5", "1"}, {"0.6", "1"}, {"0.05", "0.5"}, {"0.2", "3"}} {
		k := solve(t, tg[0], tg[1])
		var m, v float64
		m, v = parse(tg[0]), parse(tg[1])
		c, err := verify.Certify(mapping.Point{Mean: m, Var: v}, k, mapping.Normalized, nil)
		if err != nil {
			t.Fatal(err)
		}
		s := c.Search
		t.Logf("%v: ρ=%.4f certified=%v scale=%v box=%v norm=%v S≤%v boxes=%d %v\n  %s\n  %s", tg, s.Stability.SpectralRadius, c.Certified, s.Scale, c.Box, c.Norm, c.MaxSpectralNorm, s.Boxes, s.Elapsed, c.Reason(), s.Advice)
		for _, a := range s.Attempts {
			t.Logf("    %.4g %v %v %v %s", a.Scale, a.Box, a.Norm, a.Certified, a.Reason)
		}
	}
}

func parse(s string) float64 {
	var x float64
	_, _ = fmt.Sscan(s, &x)
	return x
}
