package verify

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/selu-tool/selu/mapping"
)

// Settings bound the work of a proof. The zero value (or nil) selects the
// defaults.
type Settings struct {
	// MaxBoxes is the number of boxes that may be evaluated before the
	// prover gives up (0: DefaultMaxBoxes).
	MaxBoxes int
	// Timeout stops the prover after this long (0: no limit). A result
	// cut short by the timeout depends on the speed of the machine; the
	// box budget does not.
	Timeout time.Duration
	// Workers is the number of goroutines evaluating boxes (0: GOMAXPROCS),
	// and in Certify the number of pieces proved at once. The result does
	// not depend on it.
	Workers int
	// Tolerance is how far (absolutely, relatively for ν̃ above 1) the
	// reported enclosures of μ̃, ν̃ and of the margin ν̃ − ν may lie outside
	// the values attained at points of the box (0: DefaultTolerance).
	Tolerance float64
	// SpectralTolerance is how far the reported bound on S may lie above the
	// largest S found at a point (0: DefaultSpectralTolerance; negative: the
	// bound is only refined until it is below 1).
	SpectralTolerance float64
	// Norm is the norm in which FixedPoint and Contraction prove the
	// contraction (zero: the 2-norm of the paper).
	Norm Norm
}

// Defaults of Settings.
const (
	DefaultMaxBoxes          = 1 << 20
	DefaultTolerance         = 1e-10
	DefaultSpectralTolerance = 1e-6
)

func (s Settings) maxBoxes() int {
	if s.MaxBoxes <= 0 {
		return DefaultMaxBoxes
	}
	return s.MaxBoxes
}

func (s Settings) tolerance() float64 {
	if s.Tolerance <= 0 {
		return DefaultTolerance
	}
	return s.Tolerance
}

func (s Settings) spectralTolerance() float64 {
	if s.SpectralTolerance == 0 {
		return DefaultSpectralTolerance
	}
	return s.SpectralTolerance
}

// Condition names what a proof has to show on every box.
type Condition int

const (
	// SpectralNorm is S(H) < 1 (Lemma 12).
	SpectralNorm Condition = iota + 1
	// MeanInRange is μ̃ ∈ the μ range of the box (Lemma 13).
	MeanInRange
	// VarInRange is ν̃ ∈ the ν range of the box (Lemma 13).
	VarInRange
	// VarDecreases is ν̃ < ν (Theorem 2).
	VarDecreases
	// VarIncreases is ν̃ > ν (Theorem 3).
	VarIncreases
	// Tightness is the refinement of a reported bound to its tolerance.
	Tightness
	// Budget marks a run stopped before the first box was evaluated.
	Budget
	// BoxSearch marks a failure of Certify's box search itself (no fixed
	// point found, no box the prover accepts).
	BoxSearch
)

func (c Condition) String() string {
	switch c {
	case SpectralNorm:
		return "contraction S < 1"
	case MeanInRange:
		return "self-map μ̃ ∈ μ range"
	case VarInRange:
		return "self-map ν̃ ∈ ν range"
	case VarDecreases:
		return "ν̃ < ν"
	case VarIncreases:
		return "ν̃ > ν"
	case Tightness:
		return "tightness of the reported bounds"
	case Budget:
		return "budget"
	case BoxSearch:
		return "box search"
	}
	return fmt.Sprintf("Condition(%d)", int(c))
}

// A Failure says why a proof did not succeed.
type Failure struct {
	// Condition is the condition that could not be shown.
	Condition Condition
	// Box is where it failed.
	Box Box
	// Bound is the best bound obtained there: for SpectralNorm an upper bound
	// on S (or, if Proven, a lower bound ≥ 1 at the box's centre); for the
	// self-map conditions the offending end of the enclosure of μ̃ or ν̃ (or,
	// if Proven, the value at the centre); for the margin conditions the
	// bound on ν̃ − ν; NaN when there is none (a value not finite in
	// float64, a failure of Certify's box search).
	Bound float64
	// Proven is true when the condition is proved false at the centre of
	// Box, which may be a corner of the whole box given as a point box (the
	// statement does not hold); false when the prover merely ran out of
	// budget or resolution.
	Proven bool
	// Detail says more, e.g. which budget ran out.
	Detail string
	// Image is true for the self-map conditions of FixedPoint, which are
	// proved on the image of the box under (μ, ω, ν, τ) ↦ (m, s²) = (μω, ντ):
	// then Box.Mu holds the range of m and Box.Nu that of s², and Box.Omega
	// = Box.Tau = [1, 1].
	Image bool
}

func (f *Failure) where() string {
	b := f.Box
	if f.Image {
		return fmt.Sprintf("the centre of m = μω ∈ %v, s² = ντ ∈ %v", b.Mu, b.Nu)
	}
	if b.Mu.Width() == 0 && b.Omega.Width() == 0 && b.Nu.Width() == 0 && b.Tau.Width() == 0 {
		return fmt.Sprintf("the point μ = %.10g, ω = %.10g, ν = %.10g, τ = %.10g", b.Mu.Lo, b.Omega.Lo, b.Nu.Lo, b.Tau.Lo)
	}
	return "the centre of " + b.String()
}

// beyond formats a proven bound x that lies strictly beyond limit (above
// it for a lower bound, below it for an upper one), rounded outward with
// 10 significant digits, or with 17 when 10 would reach the limit.
func beyond(x, limit float64, upper bool) string {
	s := FormatBound(x, upper, 10)
	if v, err := strconv.ParseFloat(s, 64); err == nil && (v == limit || (v < limit) != upper) {
		s = FormatBound(x, upper, 17)
	}
	return s
}

func (f *Failure) String() string {
	if f.Proven {
		switch f.Condition {
		case SpectralNorm:
			return fmt.Sprintf("false: S ≥ %s > 1 at %v, so g is not a contraction there", beyond(f.Bound, 1, false), f.where())
		case MeanInRange:
			return fmt.Sprintf("false: μ̃ = %.10g at %v lies outside the μ range", f.Bound, f.where())
		case VarInRange:
			return fmt.Sprintf("false: ν̃ = %.10g at %v lies outside the ν range", f.Bound, f.where())
		case VarDecreases:
			return fmt.Sprintf("false: ν̃ − ν ≥ %s ≥ 0 at %v", FormatBound(f.Bound, false, 10), f.where())
		case VarIncreases:
			return fmt.Sprintf("false: ν̃ − ν ≤ %s ≤ 0 at %v", FormatBound(f.Bound, true, 10), f.where())
		}
	}
	if f.Condition == BoxSearch {
		return "box search: " + f.Detail
	}
	msg := fmt.Sprintf("not proved: %v on %v", f.Condition, strings.TrimPrefix(f.where(), "the centre of "))
	if f.Condition == Budget {
		msg = "not proved: nothing on " + strings.TrimPrefix(f.where(), "the centre of ")
	}
	if !math.IsNaN(f.Bound) && !math.IsInf(f.Bound, 0) {
		msg += fmt.Sprintf(" (bound %.10g)", f.Bound)
	}
	if f.Detail != "" {
		msg += ": " + f.Detail
	}
	return msg
}

// Certificate is the result of FixedPoint, Contraction or Certify.
type Certificate struct {
	// Certified is true when every condition was proved on the whole box.
	Certified bool
	// Box is the box Ω on which the conditions were to be proved (for
	// Certify, the last box tried: the certified one when Certified).
	Box Box
	// Norm is the norm of the contraction: the 2-norm (the zero Norm), or
	// ‖P·‖₂.
	Norm Norm
	// MaxSpectralNorm is a proven upper bound on S(H) = ‖H‖₂ (Eq. 69/88), or
	// for a weighted Norm on ‖P H P⁻¹‖₂, over the box; +Inf if none was
	// obtained.
	MaxSpectralNorm float64
	// SpectralNormAttained is a value of that norm of H at a point of the
	// box (a lower bound on its maximum): the maximum lies in
	// [SpectralNormAttained, MaxSpectralNorm].
	SpectralNormAttained float64
	// Mean and Var enclose μ̃ and ν̃ on the box. For FixedPoint they are the
	// enclosure of the fixed point for every (ω, τ) of the box, and lie
	// within Settings.Tolerance of values attained; for Contraction they are
	// not refined.
	Mean, Var Range
	// Loose is true when the budget ran out before the bounds were refined
	// to the tolerances (they are still proven bounds).
	Loose bool
	// Boxes is the number of boxes evaluated, Levels the depth of the
	// subdivision tree.
	Boxes, Levels int
	// Elapsed is the wall time of the proof.
	Elapsed time.Duration
	// Failure is nil when Certified.
	Failure *Failure
	// Search describes the box search of Certify (nil for FixedPoint and
	// Contraction).
	Search *Search
	// Pieces, for a piecewise certificate of Certify (nil otherwise), are
	// the certificates of the pieces, sorted by ω then τ: each a full
	// fixed-point certificate (as FixedPoint's) of its own box, in its own
	// norm, and their (ω, τ) ranges cover those of Box exactly. Then Box's
	// μ and ν ranges are the hull of the pieces' (g need not map that hull
	// into itself), Mean and Var the hulls of the pieces' enclosures of the
	// fixed point, Norm, MaxSpectralNorm and SpectralNormAttained those of
	// the piece with the largest bound, Boxes and Elapsed the sums over the
	// pieces. See Certify.
	Pieces []*Certificate
}

// Reason returns why the certificate failed, or "".
func (c *Certificate) Reason() string {
	if c.Failure == nil {
		return ""
	}
	return c.Failure.String()
}

// Margin is the result of VarianceDecreases or VarianceIncreases.
type Margin struct {
	// Certified is true when the inequality was proved on the whole box.
	Certified bool
	// Margin is the proven bound on ν̃ − ν: an upper bound (< 0 when
	// certified) for VarianceDecreases, a lower bound (> 0) for
	// VarianceIncreases.
	Margin float64
	// Attained is ν̃ − ν at a point of the box, within Settings.Tolerance of
	// Margin when certified.
	Attained float64
	// Loose, Boxes, Levels, Elapsed and Failure are as in Certificate.
	Loose         bool
	Boxes, Levels int
	Elapsed       time.Duration
	Failure       *Failure
}

// Reason returns why the proof failed, or "".
func (m *Margin) Reason() string {
	if m.Failure == nil {
		return ""
	}
	return m.Failure.String()
}

func newProblem(k mapping.Constants, b Box, s *Settings) (*problem, error) {
	if err := validateConstants(k); err != nil {
		return nil, err
	}
	if err := b.Validate(); err != nil {
		return nil, err
	}
	p := &problem{layer: newLayer(k.Lambda, k.Alpha), root: fromBox(b)}
	if s != nil {
		p.settings = *s
	}
	if err := p.settings.Norm.Validate(); err != nil {
		return nil, err
	}
	p.norm = newPNorm(p.settings.Norm)
	return p, nil
}

func (p *problem) certificate() *Certificate {
	o := p.run()
	return &Certificate{
		Certified:            o.proved,
		Box:                  p.root.box(),
		Norm:                 p.settings.Norm,
		MaxSpectralNorm:      o.sBound,
		SpectralNormAttained: o.sAttained,
		Mean:                 Range{o.mu.Lo, o.mu.Hi},
		Var:                  Range{o.nu.Lo, o.nu.Hi},
		Loose:                o.loose,
		Boxes:                o.boxes,
		Levels:               o.levels,
		Elapsed:              o.elapsed,
		Failure:              o.failure,
	}
}

// selfMapProblem returns the problem of proving g(box) ⊆ μ × ν. The moments
// depend on (μ, ω, ν, τ) only through m = μω and q = ντ, and the image of the
// box under (μω, ντ) is exactly the rectangle M × Q of their ranges, so the
// proof runs on that rectangle, written as the box μ = M, ω = 1, ν = Q, τ = 1.
func (p *problem) selfMapProblem() *problem {
	r := p.root
	q := &problem{layer: p.layer, selfMap: true, settings: p.settings, targetMu: r[0], targetNu: r[2]}
	q.root = dims{mulExact(r[0], r[1]), {Lo: 1, Hi: 1}, mulExact(r[2], r[3]), {Lo: 1, Hi: 1}}
	return q
}

// mulExact returns x·y rounded outward only where a product of endpoints is
// inexact, so that the range of μω stays [0, 0] when ω = 0.
func mulExact(x, y iv) iv {
	ps := [4]float64{x.Lo * y.Lo, x.Lo * y.Hi, x.Hi * y.Lo, x.Hi * y.Hi}
	exact := true
	for i, a := range [2]float64{x.Lo, x.Hi} {
		for j, b := range [2]float64{y.Lo, y.Hi} {
			if p := ps[2*i+j]; math.IsInf(p, 0) || math.IsNaN(p) || math.FMA(a, b, -p) != 0 {
				exact = false
			}
		}
	}
	if !exact {
		return x.Mul(y)
	}
	return iv{Lo: min(ps[0], ps[1], ps[2], ps[3]) + 0, Hi: max(ps[0], ps[1], ps[2], ps[3]) + 0} // + 0: no −0
}

// FixedPoint proves, for the SELU constants k = (λ, α) and the box Ω = b,
// the two hypotheses of Banach's fixed-point theorem used for Theorem 1 of
// the paper:
//
//   - the Jacobian H of g (Eq. 87) satisfies S(H) < 1 on Ω, where S is its
//     largest singular value (Eq. 69/88) (Lemma 12), or, with a weighted
//     Settings.Norm, ‖P H P⁻¹‖₂ < 1; and
//   - g maps the (μ, ν) range of Ω into itself for every (ω, τ) of Ω
//     (Lemma 13).
//
// Together they give, for every (ω, τ) of Ω, a unique fixed point of g in
// the (μ, ν) range, attracting, with (μ, ν) in Mean × Var of the
// certificate. The constants are taken as the given float64 values widened
// by one ulp, so that a certificate for the float64 nearest to λ01 holds for
// λ01 itself.
//
// Bad input (non-finite or non-positive λ, α, an invalid box or norm)
// returns an error; a proof that fails is not an error but a Certificate
// with Certified false and a Failure.
func FixedPoint(k mapping.Constants, b Box, s *Settings) (*Certificate, error) {
	p, err := newProblem(k, b, s)
	if err != nil {
		return nil, err
	}
	p.contraction = true
	c := p.certificate()
	m := p.selfMapProblem().certificate()
	if m.Failure != nil {
		m.Failure.Image = true
	}
	return combine(c, m), nil
}

// Contraction proves S(H) < 1 (or ‖P H P⁻¹‖₂ < 1 with a weighted
// Settings.Norm) on the box b (Lemma 12), and nothing else.
func Contraction(k mapping.Constants, b Box, s *Settings) (*Certificate, error) {
	p, err := newProblem(k, b, s)
	if err != nil {
		return nil, err
	}
	p.contraction = true
	return p.certificate(), nil
}

func (p *problem) marginResult() *Margin {
	o := p.run()
	m := &Margin{Certified: o.proved, Loose: o.loose, Boxes: o.boxes, Levels: o.levels, Elapsed: o.elapsed, Failure: o.failure}
	if p.margin < 0 {
		m.Margin, m.Attained = o.f.Hi, o.fAttained.Hi
	} else {
		m.Margin, m.Attained = o.f.Lo, o.fAttained.Lo
	}
	return m
}

// VarianceDecreases proves ν̃ < ν on the box b (Theorem 2 of the paper:
// large variances shrink) and returns the proven upper bound on ν̃ − ν.
func VarianceDecreases(k mapping.Constants, b Box, s *Settings) (*Margin, error) {
	return marginOn(k, []Box{b}, s, -1)
}

// VarianceIncreases proves ν̃ > ν on the box b (Theorem 3 of the paper:
// small variances grow) and returns the proven lower bound on ν̃ − ν.
func VarianceIncreases(k mapping.Constants, b Box, s *Settings) (*Margin, error) {
	return marginOn(k, []Box{b}, s, 1)
}

// VarianceDecreasesOn proves ν̃ < ν on the union of the boxes: the margin is
// the largest of the upper bounds proved on each, the box count and the time
// are their sums, and the failure is that of the first box not certified.
func VarianceDecreasesOn(k mapping.Constants, boxes []Box, s *Settings) (*Margin, error) {
	return marginOn(k, boxes, s, -1)
}

// VarianceIncreasesOn proves ν̃ > ν on the union of the boxes, such as
// Theorem3Boxes(): the margin is the smallest of the lower bounds proved on
// each, the box count and the time are their sums, and the failure is that
// of the first box not certified.
func VarianceIncreasesOn(k mapping.Constants, boxes []Box, s *Settings) (*Margin, error) {
	return marginOn(k, boxes, s, 1)
}

func marginOn(k mapping.Constants, boxes []Box, s *Settings, sign int) (*Margin, error) {
	if len(boxes) == 0 {
		return nil, fmt.Errorf("verify: no box given")
	}
	total := &Margin{Certified: true, Margin: math.Inf(sign), Attained: math.Inf(sign)}
	for _, b := range boxes {
		p, err := newProblem(k, b, s)
		if err != nil {
			return nil, err
		}
		p.margin = sign
		m := p.marginResult()
		if sign > 0 {
			total.Margin, total.Attained = math.Min(total.Margin, m.Margin), math.Min(total.Attained, m.Attained)
		} else {
			total.Margin, total.Attained = math.Max(total.Margin, m.Margin), math.Max(total.Attained, m.Attained)
		}
		total.Loose = total.Loose || m.Loose
		total.Boxes += m.Boxes
		total.Levels = max(total.Levels, m.Levels)
		total.Elapsed += m.Elapsed
		if !m.Certified && total.Certified {
			total.Certified, total.Failure = false, m.Failure
		}
	}
	return total, nil
}

// MaxBoxesLimit is the largest Settings.MaxBoxes accepted by the command
// line. The boxes waiting for evaluation are held in memory: a run that uses
// its whole budget peaks at about 350 bytes per box of the budget (measured:
// 360 MB for DefaultMaxBoxes = 2²⁰), so about 0.75 GB at this limit.
const MaxBoxesLimit = 1 << 21
