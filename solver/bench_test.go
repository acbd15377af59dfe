package solver

import (
	"math/big"
	"strconv"
	"testing"
)

// BenchmarkSolve times Solve for the standard target (0, 1) and for the
// notebook target (−0.1, 2) with ω = 1 at 30, 50, 100 and 1000 digits.
// mpmath's findroot on the same equations (scripts/peers/solve_mpmath.py)
// takes about 4–6 ms at 50 digits and 90 ms at 1000 digits on the project
// machine; scripts/bench-solver.sh runs both side by side.
func BenchmarkSolve(b *testing.B) {
	for _, c := range []struct {
		name       string
		mean, vari string
		omega      *big.Rat
	}{
		{"0_1", "0", "1", nil},
		{"-0.1_2_notebook", "-0.1", "2", big.NewRat(1, 1)},
	} {
		tg, err := ParseTarget(c.mean, c.vari)
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range []int{30, 50, 100, 1000} {
			b.Run(c.name+"/digits="+strconv.Itoa(d), func(b *testing.B) {
				b.ReportAllocs()
				o := &Options{Digits: d, Omega: c.omega, Tau: big.NewRat(1, 1)}
				for b.Loop() {
					if _, err := Solve(tg, o); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
