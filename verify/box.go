package verify

import (
	"fmt"
	"math"

	"github.com/selu-tool/selu/mapping"
)

// Range is the closed interval [Lo, Hi] of one coordinate of a box.
type Range struct{ Lo, Hi float64 }

// Width returns Hi − Lo.
func (r Range) Width() float64 { return r.Hi - r.Lo }

// Contains reports whether Lo ≤ x ≤ Hi.
func (r Range) Contains(x float64) bool { return r.Lo <= x && x <= r.Hi }

func (r Range) String() string { return fmt.Sprintf("[%.10g, %.10g]", r.Lo, r.Hi) }

// Box is the domain Ω = μ × ω × ν × τ of the paper (Theorem 1): the input
// mean μ, the weight sum ω = Σw, the input variance ν and the sum of squared
// weights τ = Σw².
type Box struct {
	Mu, Omega, Nu, Tau Range
}

func (b Box) String() string {
	return fmt.Sprintf("μ∈%v ω∈%v ν∈%v τ∈%v", b.Mu, b.Omega, b.Nu, b.Tau)
}

// The domains of the paper's theorems (Klambauer et al. 2017, Theorems 1–3,
// Lemma 12; docs/model.md §5). Each call returns a fresh value.

// Theorem1Box returns Ω of Theorem 1: μ, ω ∈ [−0.1, 0.1], ν ∈ [0.8, 1.5],
// τ ∈ [0.95, 1.1].
func Theorem1Box() Box {
	return Box{Range{-0.1, 0.1}, Range{-0.1, 0.1}, Range{0.8, 1.5}, Range{0.95, 1.1}}
}

// Lemma12Box returns the larger box of Lemma 12, on which S < 1 is proved:
// Ω with τ ∈ [0.8, 1.25].
func Lemma12Box() Box {
	return Box{Range{-0.1, 0.1}, Range{-0.1, 0.1}, Range{0.8, 1.5}, Range{0.8, 1.25}}
}

// Theorem2Box returns the domain of Theorem 2 (ν̃ < ν): μ ∈ [−1, 1],
// ω ∈ [−0.1, 0.1], ν ∈ [3, 16], τ ∈ [0.8, 1.25].
func Theorem2Box() Box {
	return Box{Range{-1, 1}, Range{-0.1, 0.1}, Range{3, 16}, Range{0.8, 1.25}}
}

// Theorem3Boxes returns the two domains of Theorem 3 (ν̃ > ν):
// ν ∈ [0.02, 0.16] with τ ∈ [0.8, 1.25], and ν ∈ [0.02, 0.24] with
// τ ∈ [0.9, 1.25] (μ, ω ∈ [−0.1, 0.1]). The appendix writes 0.05 where the
// main text writes 0.02 for the lower end of ν; the main text's (larger)
// domain is used.
func Theorem3Boxes() []Box {
	return []Box{
		{Range{-0.1, 0.1}, Range{-0.1, 0.1}, Range{0.02, 0.16}, Range{0.8, 1.25}},
		{Range{-0.1, 0.1}, Range{-0.1, 0.1}, Range{0.02, 0.24}, Range{0.9, 1.25}},
	}
}

// DefaultBox returns the box around the fixed point (μ*, ν*) of a target
// that mirrors Theorem 1's Ω:
//
//	μ ∈ μ* ± 0.1·√ν*,  ω ∈ [−0.1, 0.1],  ν ∈ [0.8ν*, 1.5ν*],  τ ∈ [0.95, 1.1].
//
// For (0, 1) it is exactly Theorem1Box().
func DefaultBox(mean, variance float64) Box {
	h := 0.1 * math.Sqrt(variance)
	return Box{
		Mu:    Range{mean - h, mean + h},
		Omega: Range{-0.1, 0.1},
		Nu:    Range{0.8 * variance, 1.5 * variance},
		Tau:   Range{0.95, 1.1},
	}
}

// Validate reports whether b is a box the prover accepts: finite ranges with
// Lo ≤ Hi, ν > 0 and τ > 0, s² = ντ within [1e-10, 1e10] and |m| = |μω| ≤ 1e3.
func (b Box) Validate() error {
	for _, c := range []struct {
		name string
		r    Range
	}{{"μ", b.Mu}, {"ω", b.Omega}, {"ν", b.Nu}, {"τ", b.Tau}} {
		if math.IsNaN(c.r.Lo) || math.IsNaN(c.r.Hi) || math.IsInf(c.r.Lo, 0) || math.IsInf(c.r.Hi, 0) {
			return fmt.Errorf("verify: the %s range %v must be finite", c.name, c.r)
		}
		if c.r.Lo > c.r.Hi {
			return fmt.Errorf("verify: the %s range %v has lo > hi", c.name, c.r)
		}
	}
	if b.Nu.Lo <= 0 {
		return fmt.Errorf("verify: the ν range %v must be > 0 (a variance)", b.Nu)
	}
	if b.Tau.Lo <= 0 {
		return fmt.Errorf("verify: the τ range %v must be > 0 (a sum of squared weights)", b.Tau)
	}
	if b.Nu.Lo*b.Tau.Lo < 1e-10 || b.Nu.Hi*b.Tau.Hi > 1e10 {
		return fmt.Errorf("verify: s² = ντ must stay within [1e-10, 1e10], got [%g, %g]", b.Nu.Lo*b.Tau.Lo, b.Nu.Hi*b.Tau.Hi)
	}
	if m := math.Max(math.Abs(b.Mu.Lo), math.Abs(b.Mu.Hi)) * math.Max(math.Abs(b.Omega.Lo), math.Abs(b.Omega.Hi)); m > 1e3 {
		return fmt.Errorf("verify: |m| = |μω| must stay below 1e3, got up to %g", m)
	}
	return nil
}

func validateConstants(c mapping.Constants) error {
	if math.IsNaN(c.Lambda) || math.IsInf(c.Lambda, 0) || c.Lambda <= 0 {
		return fmt.Errorf("verify: λ must be a finite number > 0, got %v", c.Lambda)
	}
	if math.IsNaN(c.Alpha) || math.IsInf(c.Alpha, 0) || c.Alpha <= 0 {
		return fmt.Errorf("verify: α must be a finite number > 0, got %v", c.Alpha)
	}
	return nil
}

// dims is a box as four intervals, in the order μ, ω, ν, τ.
type dims [4]iv

func fromBox(b Box) dims {
	return dims{{Lo: b.Mu.Lo, Hi: b.Mu.Hi}, {Lo: b.Omega.Lo, Hi: b.Omega.Hi}, {Lo: b.Nu.Lo, Hi: b.Nu.Hi}, {Lo: b.Tau.Lo, Hi: b.Tau.Hi}}
}

func (d dims) box() Box {
	r := func(x iv) Range { return Range{x.Lo, x.Hi} }
	return Box{r(d[0]), r(d[1]), r(d[2]), r(d[3])}
}
