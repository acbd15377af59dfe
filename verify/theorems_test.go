package verify

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

// λ01 and α01 (Eq. 14, docs/model.md §4), nearest float64.
const (
	lambda01 = 1.0507009873554804934
	alpha01  = 1.6732632423543772848
)

var paper = mapping.Constants{Lambda: lambda01, Alpha: alpha01}

// Independent values used below. From testdata/corners.py (mpmath at 40
// digits, closed forms of docs/model.md §2):
//
//	μ̃(m = −0.01, s² = 0.76) = −0.0310605017922   (μ = −0.1, ω = 0.1, ν = 0.8, τ = 0.95)
//	μ̃(m = +0.01, s² = 1.65) =  0.0677251016899   (μ = ω = 0.1, ν = 1.5, τ = 1.1)
//	ν̃(m = −0.01, s² = 0.76) =  0.803711757679
//	ν̃(m = +0.01, s² = 1.65) =  1.48157495827
//
// From testdata/grid.py (15⁴ float64 grid, Python math.erfc): the largest S
// of H is 0.8976083584 on Theorem 1's Ω and 0.9890262718 on Lemma 12's box,
// both at μ = ω = ±0.1, ν = 0.8 and the largest τ; that of J on Lemma 12's
// box is 0.9912524171, the paper's grid maximum.

func TestTheorem1(t *testing.T) {
	c, err := FixedPoint(paper, Theorem1Box(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("S ≤ %.10g (attained %.10g), μ̃ ∈ %v, ν̃ ∈ %v, %d boxes, %v", c.MaxSpectralNorm, c.SpectralNormAttained, c.Mean, c.Var, c.Boxes, c.Elapsed)
	if !c.Certified {
		t.Fatalf("Theorem 1 not certified: %s", c.Reason())
	}
	if !(c.MaxSpectralNorm < 1 && c.MaxSpectralNorm >= 0.8976083584) || c.SpectralNormAttained > c.MaxSpectralNorm {
		t.Errorf("S bound %v, attained %v: want 0.8976083584 ≤ bound < 1", c.MaxSpectralNorm, c.SpectralNormAttained)
	}
	if c.MaxSpectralNorm-0.8976083584 > 2*DefaultSpectralTolerance {
		t.Errorf("S bound %v not within the tolerance of the grid maximum 0.8976083584", c.MaxSpectralNorm)
	}
	// The enclosures must contain the extreme values (they are attained at
	// corners of Ω) and be tight to the tolerance.
	wantMu, wantNu := Range{-0.0310605017922, 0.0677251016899}, Range{0.803711757679, 1.48157495827}
	for _, r := range []struct {
		name      string
		got, want Range
	}{{"μ̃", c.Mean, wantMu}, {"ν̃", c.Var, wantNu}} {
		if !(r.got.Lo <= r.want.Lo+1e-12 && r.got.Hi >= r.want.Hi-1e-12) {
			t.Errorf("%s enclosure %v misses the attained values %v", r.name, r.got, r.want)
		}
		if r.want.Lo-r.got.Lo > 1e-9 || r.got.Hi-r.want.Hi > 1e-9 {
			t.Errorf("%s enclosure %v is not within 1e-9 of %v", r.name, r.got, r.want)
		}
	}
	// The paper: μ̃ ∈ [−0.03106, 0.06773], ν̃ ∈ [0.80009, 1.48617]. The true
	// minimum of μ̃, −0.0310605018, lies 5·10⁻⁷ below the paper's −0.03106
	// (rounded to nearest, not outwards), so the mean is checked against
	// −0.0310606.
	if !(c.Mean.Lo >= -0.0310606 && c.Mean.Hi <= 0.06773) {
		t.Errorf("μ̃ enclosure %v not inside [−0.0310606, 0.06773]", c.Mean)
	}
	if !(c.Var.Lo >= 0.80009 && c.Var.Hi <= 1.48617) {
		t.Errorf("ν̃ enclosure %v not inside the paper's [0.80009, 1.48617]", c.Var)
	}
}

func TestLemma12(t *testing.T) {
	c, err := Contraction(paper, Lemma12Box(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("S ≤ %.10g (attained %.10g), %d boxes, %v", c.MaxSpectralNorm, c.SpectralNormAttained, c.Boxes, c.Elapsed)
	if !c.Certified {
		t.Fatalf("Lemma 12 not certified: %s", c.Reason())
	}
	// The paper's grid maximum 0.9912524171 is the norm of J, not of H
	// (docs/model.md §5); S of H peaks at 0.98903 on the grid.
	if !(c.MaxSpectralNorm < 1 && c.MaxSpectralNorm >= 0.9890262718) {
		t.Errorf("S bound %v: want 0.9890262718 ≤ bound < 1", c.MaxSpectralNorm)
	}
	if c.MaxSpectralNorm-c.SpectralNormAttained > DefaultSpectralTolerance {
		t.Errorf("S bound %v not within the tolerance of the attained %v", c.MaxSpectralNorm, c.SpectralNormAttained)
	}
}

func TestTheorems2And3(t *testing.T) {
	for _, test := range []struct {
		name     string
		box      Box
		increase bool
		want     float64 // extreme of ν̃ − ν, mpmath at the extreme corner
	}{
		// ν̃ − ν at μ = 1, ω = 0.1, ν = 3, τ = 1.25.
		{"Theorem 2", Theorem2Box(), false, -0.119744289955994},
		// ν̃ − ν at μω = 0.01, ν = 0.02 and the smallest τ.
		{"Theorem 3 (τ ≥ 0.8)", Theorem3Boxes()[0], true, 0.00773608321058602},
		{"Theorem 3 (τ ≥ 0.9)", Theorem3Boxes()[1], true, 0.0110292742044202},
	} {
		f := VarianceDecreases
		if test.increase {
			f = VarianceIncreases
		}
		m, err := f(paper, test.box, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: margin %.15g (attained %.15g), %d boxes, %v", test.name, m.Margin, m.Attained, m.Boxes, m.Elapsed)
		if !m.Certified {
			t.Errorf("%s not certified: %s", test.name, m.Reason())
			continue
		}
		sound := m.Margin >= test.want && m.Margin < 0
		if test.increase {
			sound = m.Margin <= test.want && m.Margin > 0
		}
		if !sound || math.Abs(m.Margin-test.want) > 1e-9 {
			t.Errorf("%s: margin %.15g, want a bound on the attained %.15g within 1e-9", test.name, m.Margin, test.want)
		}
	}
}

// TestNotebookRefused: the notebook convention ω = τ = 1 puts the fixed
// point of λ01, α01 at (0, 1) too, but it is unstable there (docs/model.md §1):
// the prover must disprove the contraction, not merely fail.
func TestNotebookRefused(t *testing.T) {
	b := Theorem1Box()
	b.Omega, b.Tau = Range{1, 1}, Range{1, 1}
	for _, b := range []Box{b, {Range{0, 0}, Range{1, 1}, Range{1, 1}, Range{1, 1}}} {
		c, err := FixedPoint(paper, b, nil)
		if err != nil {
			t.Fatal(err)
		}
		if c.Certified || c.Failure == nil || !c.Failure.Proven || c.Failure.Condition != SpectralNorm || c.Failure.Bound < 1 {
			t.Fatalf("box %v: got %+v, want a proof that S ≥ 1", b, c)
		}
		t.Log(c.Reason())
	}
}

func TestDeterministic(t *testing.T) {
	b := Lemma12Box()
	b.Nu = Range{0.8, 0.9}
	var first *Certificate
	for _, w := range []int{1, 2, 5} {
		c, err := FixedPoint(paper, b, &Settings{Workers: w, MaxBoxes: 2000})
		if err != nil {
			t.Fatal(err)
		}
		c.Elapsed = 0
		if first == nil {
			first = c
			continue
		}
		if c.Reason() != first.Reason() || c.Failure != nil && *c.Failure != *first.Failure {
			t.Errorf("workers %d: %v, workers 1: %v", w, c.Failure, first.Failure)
		}
		c.Failure = first.Failure
		if !reflect.DeepEqual(c, first) {
			t.Errorf("workers %d: %+v, workers 1: %+v", w, c, first)
		}
	}
}

func TestBudgetExhausted(t *testing.T) {
	c, err := Contraction(paper, Lemma12Box(), &Settings{MaxBoxes: 40})
	if err != nil {
		t.Fatal(err)
	}
	if c.Certified || c.Failure == nil || c.Failure.Proven {
		t.Fatalf("got %+v, want an unproven failure", c)
	}
	// Whatever was evaluated still bounds S on the whole box.
	if !(c.MaxSpectralNorm >= 0.9890262718) || c.Boxes > 40 {
		t.Errorf("bound %v after %d boxes", c.MaxSpectralNorm, c.Boxes)
	}
	t.Log(c.Reason())
}

// TestBudgetBeforeFirstBox: a budget smaller than the corners leaves the
// whole box unevaluated; the failure then has no bound (it reported the
// bound 0, which was never obtained).
func TestBudgetBeforeFirstBox(t *testing.T) {
	c, err := FixedPoint(paper, Theorem1Box(), &Settings{MaxBoxes: 10})
	if err != nil {
		t.Fatal(err)
	}
	f := c.Failure
	if c.Certified || f == nil || f.Proven {
		t.Fatalf("got %+v, want an unproven failure", c)
	}
	if f.Condition == Budget && !math.IsNaN(f.Bound) || strings.Contains(c.Reason(), "(bound") {
		t.Errorf("condition %v, bound %v, reason %q: a bound that was never obtained", f.Condition, f.Bound, c.Reason())
	}
}

// TestLoose: a budget that suffices for the proof but not for refining the
// bound on S to a 1e-12 tolerance still certifies, and says so.
func TestLoose(t *testing.T) {
	c, err := Contraction(paper, Theorem1Box(), &Settings{MaxBoxes: 300, SpectralTolerance: 1e-12})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Certified || !c.Loose || c.Failure != nil || !(c.MaxSpectralNorm < 1) {
		t.Errorf("got %+v, want a loose certificate", c)
	}
}

// TestSelfMapFails: Lemma 12's box is not mapped into itself (ν̃ leaves [0.8, 1.5] for
// τ = 0.8 and for τ = 1.25), which FixedPoint must prove false on the (m, s²) image.
func TestSelfMapFails(t *testing.T) {
	c, err := FixedPoint(paper, Lemma12Box(), nil)
	if err != nil {
		t.Fatal(err)
	}
	f := c.Failure
	if c.Certified || f == nil || !f.Proven || f.Condition != VarInRange || !f.Image || Lemma12Box().Nu.Contains(f.Bound) {
		t.Fatalf("got %+v %+v", c, f)
	}
	t.Log(c.Reason())
}

func TestBadInput(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	good := Theorem1Box()
	for _, test := range []struct {
		lambda, alpha float64
		box           Box
	}{
		{nan, 1, good}, {1, nan, good}, {-1, 1, good}, {1, 0, good}, {inf, 1, good},
		{1, 1, Box{Range{1, 0}, good.Omega, good.Nu, good.Tau}},
		{1, 1, Box{good.Mu, good.Omega, Range{0, 1}, good.Tau}},
		{1, 1, Box{good.Mu, good.Omega, good.Nu, Range{-1, 1}}},
		{1, 1, Box{Range{nan, 0}, good.Omega, good.Nu, good.Tau}},
		{1, 1, Box{good.Mu, Range{0, inf}, good.Nu, good.Tau}},
		{1, 1, Box{good.Mu, good.Omega, Range{1, 1e13}, good.Tau}},
		{1, 1, Box{Range{-100, 100}, Range{-100, 100}, good.Nu, good.Tau}},
	} {
		if _, err := FixedPoint(mapping.Constants{Lambda: test.lambda, Alpha: test.alpha}, test.box, nil); err == nil {
			t.Errorf("FixedPoint(%v, %v, %v): no error", test.lambda, test.alpha, test.box)
		} else if err.Error()[:8] != "verify: " {
			t.Errorf("error %q lacks the package prefix", err)
		}
		if _, err := VarianceDecreases(mapping.Constants{Lambda: test.lambda, Alpha: test.alpha}, test.box, nil); err == nil {
			t.Errorf("VarianceDecreases(%v, %v, %v): no error", test.lambda, test.alpha, test.box)
		}
	}
}

func TestDefaultBox(t *testing.T) {
	if b := DefaultBox(0, 1); b != Theorem1Box() {
		t.Errorf("DefaultBox(0, 1) = %v, want Theorem 1's Ω %v", b, Theorem1Box())
	}
	b := DefaultBox(0.5, 4)
	want := Box{Range{0.3, 0.7}, Range{-0.1, 0.1}, Range{3.2, 6}, Range{0.95, 1.1}}
	for i, r := range [4][2]Range{{b.Mu, want.Mu}, {b.Omega, want.Omega}, {b.Nu, want.Nu}, {b.Tau, want.Tau}} {
		if math.Abs(r[0].Lo-r[1].Lo) > 1e-15 || math.Abs(r[0].Hi-r[1].Hi) > 1e-15 {
			t.Errorf("DefaultBox(0.5, 4) coordinate %d = %v, want %v", i, r[0], r[1])
		}
	}
}

// TestJustAboveOne: on Lemma 12's box stretched to τ ≤ 1.3, S exceeds 1
// near μ = ω = ±0.1, ν = 0.8, τ = 1.3 (about 0.989·1.3/1.25 ≈ 1.03), although
// it is below 1 at the centre of the box: the prover must find a point
// with S ≥ 1 and report the statement false.
func TestJustAboveOne(t *testing.T) {
	b := Lemma12Box()
	b.Tau.Hi = 1.3
	c, err := Contraction(paper, b, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := c.Failure
	if c.Certified || f == nil || !f.Proven || f.Condition != SpectralNorm || f.Bound < 1 || c.MaxSpectralNorm < 1 {
		t.Fatalf("got %+v, %+v", c, f)
	}
	t.Log(c.Reason())
}

// TestNotFiniteGivesUp: with λ = α = 1e300 the moments overflow float64 at
// every point, so no subdivision can prove anything; the prover must stop at
// the corners (before, it ran through its whole budget of 2²⁰ boxes).
func TestNotFiniteGivesUp(t *testing.T) {
	k := mapping.Constants{Lambda: 1e300, Alpha: 1e300}
	b := Box{Range{-1, 1}, Range{-0.1, 0.1}, Range{0.5, 2}, Range{0.95, 1.1}}
	c, err := FixedPoint(k, b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Certified || c.Failure == nil || c.Failure.Proven || c.Boxes > 100 {
		t.Fatalf("got %+v, %v: want an unproven failure after at most 100 boxes", c, c.Failure)
	}
	if !strings.Contains(c.Reason(), "not finite") {
		t.Errorf("reason %q does not say the values are not finite", c.Reason())
	}
	m, err := VarianceDecreases(k, b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Certified || m.Boxes > 100 {
		t.Errorf("VarianceDecreases: %+v", m)
	}
}
