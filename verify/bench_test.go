package verify

import (
	"fmt"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

// BenchmarkTheorems times the paper's statements with 1 and 2 workers.
// Run with -benchtime=1x for one proof each.
func BenchmarkTheorems(b *testing.B) {
	for _, bench := range []struct {
		name string
		f    func(s *Settings) (any, error)
	}{
		{"Theorem1", func(s *Settings) (any, error) { return FixedPoint(paper, Theorem1Box(), s) }},
		{"Lemma12", func(s *Settings) (any, error) { return Contraction(paper, Lemma12Box(), s) }},
		{"Theorem2", func(s *Settings) (any, error) { return VarianceDecreases(paper, Theorem2Box(), s) }},
		{"Theorem3a", func(s *Settings) (any, error) { return VarianceIncreases(paper, Theorem3Boxes()[0], s) }},
		{"Theorem3b", func(s *Settings) (any, error) { return VarianceIncreases(paper, Theorem3Boxes()[1], s) }},
	} {
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/workers=%d", bench.name, w), func(b *testing.B) {
				for b.Loop() {
					if _, err := bench.f(&Settings{Workers: w}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkEvaluate times the analysis of one box, the unit of work.
func BenchmarkEvaluate(b *testing.B) {
	for _, w := range []float64{1e-1, 1e-3, 1e-6} {
		b.Run(fmt.Sprintf("width=%g", w), func(b *testing.B) {
			p, err := newProblem(paper, Theorem1Box(), nil)
			if err != nil {
				b.Fatal(err)
			}
			p.contraction = true
			d := dims{{Lo: 0, Hi: w}, {Lo: 0, Hi: w}, {Lo: 1, Hi: 1 + w}, {Lo: 1, Hi: 1 + w}}
			for b.Loop() {
				p.evaluate(d)
			}
		})
	}
}

// BenchmarkCertify times the box search and proof of Certify for one
// target each (λ, α solved in float64 for the target, ω = 0, τ = 1): one
// certified with the default box, one with a searched box at the paper's
// widths, one in pieces at shrunk widths (a single box with a weighted
// norm at 0.1 of them), one at ν* = 100, and (0.2, 0.2), which no single
// box certifies at ω ∈ [−0.01, 0.01], τ ∈ [0.99, 1.01] but pieces do.
// docs/verify.md quotes the figures (-benchtime=3x).
func BenchmarkCertify(b *testing.B) {
	for _, p := range []mapping.Point{{Mean: 0, Var: 1}, {Mean: 0, Var: 16}, {Mean: 0.5, Var: 1}, {Mean: 0, Var: 100}, {Mean: 0.2, Var: 0.2}} {
		k, err := mapping.Normalized().Solve(p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("target=%g,%g", p.Mean, p.Var), func(b *testing.B) {
			for b.Loop() {
				c, err := Certify(p, k, mapping.Normalized(), nil)
				if err != nil || !c.Certified {
					b.Fatal(err, c.Reason())
				}
			}
		})
	}
}
