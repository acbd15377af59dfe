package report

import (
	"context"
	"fmt"
	"io"
	"testing"
)

// BenchmarkBuild times the computation of a report without the Monte Carlo
// networks and the certificate, for grid sizes n×n.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{25, 50, 100, 150} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			c := Config{Result: solved(b, "0", "4", "", ""), GridN: n, BasinN: n, FeasibleN: n,
				MC: MCConfig{Off: true}, Verify: VerifyConfig{Off: true}}
			for b.Loop() {
				if _, err := build(context.Background(), c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRender times drawing the plots and the page for grid sizes n×n.
func BenchmarkRender(b *testing.B) {
	for _, n := range []int{25, 50, 100, 150} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			d, err := build(context.Background(), Config{Result: solved(b, "0", "4", "", ""), GridN: n, BasinN: n, FeasibleN: n,
				MC: MCConfig{Width: 16, Depth: 8, Batch: 16}, Verify: VerifyConfig{Off: true}})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := render(io.Discard, d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
