package verify

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/selu-tool/selu/mapping"
)

// SearchOptions configure Certify. The zero value (or nil) asks for the
// paper's widths around the weights and the default proof settings.
type SearchOptions struct {
	// Omega and Tau are the ranges of ω and τ to certify. Nil selects
	// Theorem 1's widths around the weights w given to Certify:
	// ω ∈ w.Omega + [−0.1, 0.1] and τ ∈ w.Tau·[0.95, 1.1] (for the paper's
	// convention ω ∈ [−0.1, 0.1], τ ∈ [0.95, 1.1]). They must contain w.
	Omega, Tau *Range
	// Settings bound each proof (nil: the defaults). During the search a
	// proof is given at most SearchMaxBoxes boxes; Settings.Timeout bounds
	// the whole search.
	Settings *Settings
	// NoShrink keeps the (ω, τ) ranges as asked: when no box is certified
	// there, Certify reports the failure instead of shrinking them.
	NoShrink bool
	// NoPieces asks for a single (μ, ν) box for all of the (ω, τ) ranges:
	// when none is certified there, Certify does not split the ranges into
	// pieces (each with its own box) but shrinks them (unless NoShrink).
	NoPieces bool
}

// SearchMaxBoxes is the box budget of each proof tried during a search
// (or Settings.MaxBoxes if smaller).
const SearchMaxBoxes = 1 << 17

// Search describes how Certify found (or failed to find) its box.
type Search struct {
	// FixedPoint is the fixed point of g for the weights given to Certify
	// (float64, package mapping), around which the box was sought, and
	// Stability the Jacobian's data there.
	FixedPoint mapping.Point
	Stability  mapping.Stability
	// Omega and Tau are the ranges of ω and τ asked for.
	Omega, Tau Range
	// Scale is the fraction of the asked (ω, τ) widths, around the
	// weights, of the certified box: 1 when certified as asked, 0 when
	// nothing was certified.
	Scale float64
	// Attempts lists the boxes tried, in order.
	Attempts []Attempt
	// Boxes is the number of boxes evaluated by all proofs, Elapsed the
	// wall time of the whole search.
	Boxes   int
	Elapsed time.Duration
	// Advice says, when nothing was certified at the widths asked, what
	// failed and what might succeed; "" otherwise.
	Advice string
	// SingleBox is, when the certificate returned is piecewise at widths
	// where no single box was certified, the widest certificate on a
	// single box, at SingleScale of the widths asked; nil when there is
	// none (or when the certificate returned is on a single box).
	SingleBox   *Certificate
	SingleScale float64
}

// Attempt is one (ω, τ) width tried by Certify.
type Attempt struct {
	// Scale is the fraction of the asked (ω, τ) widths.
	Scale float64
	// Box is the box tried: the (μ, ν) ranges found by the search (or the
	// default box, first), with the scaled (ω, τ) ranges.
	Box Box
	// Norm is the norm of the last contraction proof tried on Box (for
	// pieces, of the piece with the largest bound).
	Norm Norm
	// Piecewise is true for an attempt in pieces (each piece of the
	// (ω, τ) ranges with a (μ, ν) box of its own), and Pieces the number
	// of pieces certified (all of them when Certified). Then Box holds the
	// (ω, τ) ranges and, when certified, the hull of the pieces' (μ, ν)
	// ranges (infinite ranges when not).
	Piecewise bool
	Pieces    int
	// Certified is true when the fixed-point certificate holds on Box.
	Certified bool
	// Reason says why not ("" when certified).
	Reason string
}

// Certify proves, for the constants k and weights w, that the layer map g
// has a unique attracting fixed point in a box around its fixed point
// near start (typically the target the constants were solved for), and
// finds that box itself:
//
//  1. the fixed point x* of g for the weights w is located from start
//     (package mapping, float64 Newton);
//  2. for the (ω, τ) ranges asked (SearchOptions; by default the paper's
//     widths), the box that mirrors Theorem 1's Ω around x* (DefaultBox)
//     is tried first, in the 2-norm, so that the paper's results are
//     reproduced as they are;
//  3. otherwise (μ, ν) ranges mapped into themselves are sought by an
//     outer iteration of the image: grown from x* by the hull of the
//     float64 image (with extrapolation of slowly converging ends),
//     then checked and tightened with the rigorous interval image (the
//     self-map proof of FixedPoint), each end moved outward to a short
//     decimal;
//  4. the contraction is proved on that box in the 2-norm if float64
//     samples of S(H) on it are below 1, then in the weighted norm
//     ‖P H P⁻¹‖₂ whose samples are smallest, P chosen before the branch
//     and bound among the eigenvector basis of H at x* and diagonal
//     matrices diag(1, 2ᵏ);
//  5. when no single box is certified at the (ω, τ) ranges asked, they
//     are split into pieces (unless NoPieces): the rectangle of (ω, τ) is
//     bisected, each piece is certified as in steps 3–4 with a (μ, ν) box
//     of its own around the fixed point at the piece's centre and a norm
//     of its own, and a piece that fails is bisected again, at most
//     MaxPieces pieces (see Certificate.Pieces);
//  6. when that fails too, the (ω, τ) ranges are shrunk around w: cut to
//     w ± s·R (R the longer side of the range asked from w) for s = 1/2,
//     1/4, 1/10, 1/20, 1/40, 1/80 until a single box is certified, then
//     bisected twice between the last failure and the first success;
//     unless NoShrink. At s = 1/10 the paper's ranges become
//     ω ∈ [−0.01, 0.01], τ ∈ [0.99, 1.01]. Then the widths of that list
//     where no single box was certified are tried in pieces, from the
//     narrowest up while they succeed (unless NoPieces); when pieces are
//     certified at wider ranges than the single box, the piecewise
//     certificate is returned and the single box is kept in
//     Search.SingleBox.
//
// The returned certificate is that of the widest certified (ω, τ) ranges,
// or when none is certified that of the last single box tried, with its
// Failure; its Search field describes the search. Every certificate, and
// every piece, is proved by the same branch and bound as FixedPoint: the
// search only proposes boxes.
//
// A single box proves, for every (ω, τ) of its ranges, that g maps the
// (μ, ν) box into itself and contracts there: one box serves all the
// weights at once, so it also holds for a network whose layers have
// different (ω, τ) within the ranges (every layer maps the box into
// itself). A piecewise certificate proves for every (ω, τ) that g has a
// unique fixed point in the box of the piece (or pieces) containing
// (ω, τ), which attracts every orbit starting in that box; where pieces
// meet their boxes overlap, so the fixed points agree and form one
// continuous function of (ω, τ). It gives no box that every layer maps
// into itself, so it says nothing about layers whose (ω, τ) vary.
//
// Bad input (constants, weights or start not finite or out of range, an
// invalid range, ranges that do not contain w, a τ range whose ends differ
// by more than a factor 1e20, on which s² = ντ cannot stay within the
// accepted [1e-10, 1e10]) returns an error.
func Certify(start mapping.Point, k mapping.Constants, w mapping.Weights, o *SearchOptions) (*Certificate, error) {
	t0 := time.Now()
	if err := validateConstants(k); err != nil {
		return nil, err
	}
	if err := w.Validate(); err != nil {
		return nil, fmt.Errorf("verify: %v", err)
	}
	if math.IsNaN(start.Mean) || math.IsInf(start.Mean, 0) || !(start.Var > 0) || math.IsInf(start.Var, 0) {
		return nil, fmt.Errorf("verify: the start (%v, %v) must be a finite mean and a variance > 0", start.Mean, start.Var)
	}
	var opt SearchOptions
	if o != nil {
		opt = *o
	}
	W := Range{w.Omega - 0.1, w.Omega + 0.1}
	T := Range{0.95 * w.Tau, 1.1 * w.Tau}
	if opt.Omega != nil {
		W = *opt.Omega
	}
	if opt.Tau != nil {
		T = *opt.Tau
	}
	for _, r := range []struct {
		name string
		r    Range
		x    float64
	}{{"ω", W, w.Omega}, {"τ", T, w.Tau}} {
		if !(r.r.Lo <= r.r.Hi) || math.IsInf(r.r.Lo, 0) || math.IsInf(r.r.Hi, 0) {
			return nil, fmt.Errorf("verify: the %s range %v must be finite with lo ≤ hi", r.name, r.r)
		}
		if !r.r.Contains(r.x) {
			return nil, fmt.Errorf("verify: the %s range %v must contain the weights' %s = %v", r.name, r.r, r.name, r.x)
		}
	}
	if !(T.Lo > 0) {
		return nil, fmt.Errorf("verify: the τ range %v must be > 0", T)
	}
	// s² = ντ must be able to stay within the accepted [1e-10, 1e10]
	// (Box.Validate) on every box of the search.
	if T.Hi/T.Lo > 1e20 {
		return nil, fmt.Errorf("verify: the τ range %v is too wide: no ν keeps s² = ντ within [1e-10, 1e10] on it (want hi/lo ≤ 1e20)", T)
	}
	var set Settings
	if opt.Settings != nil {
		set = *opt.Settings
	}
	if set.Norm != (Norm{}) {
		return nil, fmt.Errorf("verify: Certify chooses the norm itself; leave Settings.Norm zero")
	}
	s := &searcher{k: k, w: w, W: W, T: T, settings: set, search: &Search{Omega: W, Tau: T}}
	if set.Timeout > 0 {
		s.deadline = t0.Add(set.Timeout)
	}
	s.noPieces = opt.NoPieces
	c := s.run(start, opt.NoShrink)
	s.search.Elapsed = time.Since(t0)
	c.Search = s.search
	return c, nil
}

var entire = Range{math.Inf(-1), math.Inf(1)}

// searcher holds the state of one Certify call.
type searcher struct {
	deadline   time.Time // zero: none
	k          mapping.Constants
	w          mapping.Weights
	W, T       Range // asked
	settings   Settings
	search     *Search
	fixed      mapping.Point
	noPieces   bool // SearchOptions.NoPieces
	pieceBoxes int  // boxes evaluated for pieces
}

// remaining returns the time left for one proof: the whole search shares
// Settings.Timeout (0: no limit). Once it has run out, a proof gets a
// nanosecond and stops at once with "time budget exhausted".
func (s *searcher) remaining() time.Duration {
	if s.deadline.IsZero() {
		return 0
	}
	return max(time.Until(s.deadline), time.Nanosecond)
}

// expired reports whether the search's time budget has run out.
func (s *searcher) expired() bool { return !s.deadline.IsZero() && time.Now().After(s.deadline) }

// scaled returns the asked range r cut to x ± sc·R, where R is the longer
// of its two sides from x: at sc = 1 the range asked, at smaller sc a range
// around x that becomes symmetric once sc·R is below the shorter side
// (for the paper's τ ∈ [0.95, 1.1], at sc = 0.1: [0.99, 1.01]).
func scaled(r Range, x, sc float64) Range {
	if sc >= 1 {
		return r
	}
	d := sc * math.Max(x-r.Lo, r.Hi-x)
	if v, err := strconv.ParseFloat(strconv.FormatFloat(d, 'g', 12, 64), 64); err == nil {
		d = v // a short decimal, so that the box prints shortly
	}
	return Range{math.Max(r.Lo, x-d), math.Min(r.Hi, x+d)}
}

// shrinkScales are the fractions of the asked widths tried, in order,
// after the widths asked.
var shrinkScales = [...]float64{0.5, 0.25, 0.1, 0.05, 0.025, 0.0125}

func (s *searcher) run(start mapping.Point, noShrink bool) *Certificate {
	l := mapping.Layer{Constants: s.k, Weights: s.w}
	fp, err := l.FixedPoint(start, nil)
	if err == nil && math.Abs(fp.Point.Mean-start.Mean) <= 1e-12*(math.Abs(start.Mean)+math.Sqrt(start.Var)) &&
		math.Abs(fp.Point.Var-start.Var) <= 1e-12*start.Var {
		// start is the fixed point to float64 accuracy (a target the
		// constants were solved for): keep its exact value, so that the
		// default box of (0, 1) is exactly Theorem 1's Ω.
		fp.Point = start
	}
	s.fixed = fp.Point
	s.search.FixedPoint, s.search.Stability = fp.Point, fp.Stability
	if err != nil || fp.Status != mapping.Converged {
		reason := "no fixed point"
		if err != nil {
			reason = err.Error()
		}
		return &Certificate{Box: Box{Omega: s.W, Tau: s.T}, MaxSpectralNorm: math.Inf(1), Mean: entire, Var: entire,
			Failure: &Failure{Condition: BoxSearch, Box: Box{Omega: s.W, Tau: s.T}, Bound: math.NaN(),
				Detail: fmt.Sprintf("no fixed point of g found from (%g, %g) with ω = %g, τ = %g: %v", start.Mean, start.Var, s.w.Omega, s.w.Tau, reason)}}
	}
	rho := fp.Stability.SpectralRadius
	if !(rho < 1) {
		// No norm makes g a contraction near a fixed point with ρ ≥ 1: prove
		// it false on the default box.
		c := s.attempt(1, true)
		s.search.Advice = fmt.Sprintf("the fixed point (%.6g, %.6g) has spectral radius ρ = %.6g ≥ 1: it is not attracting, so no box and no norm can be certified", s.fixed.Mean, s.fixed.Var, rho)
		return c
	}
	best := s.attempt(1, false)
	if best.Certified {
		s.search.Scale = 1
		return best
	}
	last := best
	if !s.noPieces && (s.W.Width() > 0 || s.T.Width() > 0) {
		// Pieces, each with a box of its own, at the widths asked.
		if c := s.piecewise(1); c.Certified {
			s.search.Scale = 1
			s.search.Advice = s.advicePieces(1)
			return c
		}
	}
	if noShrink || (s.W.Width() == 0 && s.T.Width() == 0) {
		s.search.Advice = s.advice(last, 1)
		return last
	}
	// Halve the widths until a box is certified.
	okScale, badScale := 0.0, 1.0
	var failed []float64 // the widths of shrinkScales that failed
	for _, sc := range shrinkScales {
		if s.expired() {
			break
		}
		c := s.attempt(sc, false)
		if c.Certified {
			okScale, best = sc, c
			break
		}
		badScale, last = sc, c
		failed = append(failed, sc)
	}
	if okScale > 0 {
		// Bisect between the last failure and the first success.
		for range 2 {
			if s.expired() {
				break
			}
			mid := (okScale + badScale) / 2
			c := s.attempt(mid, false)
			if c.Certified {
				okScale, best = mid, c
			} else {
				badScale = mid
			}
		}
	}
	// Pieces at the widths where no single box was certified, from the
	// narrowest up, while they succeed.
	var pieces *Certificate
	pieceScale := 0.0
	for i := len(failed) - 1; i >= 0 && !s.noPieces && !s.expired(); i-- {
		c := s.piecewise(failed[i])
		if !c.Certified {
			break
		}
		pieces, pieceScale = c, failed[i]
	}
	if pieces != nil {
		if okScale > 0 {
			s.search.SingleBox, s.search.SingleScale = best, okScale
		}
		s.search.Scale = pieceScale
		s.search.Advice = s.advicePieces(pieceScale)
		return pieces
	}
	if okScale == 0 {
		s.search.Advice = s.advice(last, badScale)
		if s.expired() {
			s.search.Advice += "; the time budget ran out"
		}
		return last
	}
	s.search.Scale = okScale
	s.search.Advice = s.advice(best, badScale)
	return best
}

// reasons returns why the last single box and the pieces tried at scale sc
// failed ("" when not tried).
func (s *searcher) reasons(sc float64) (single, pieces string) {
	for _, a := range s.search.Attempts {
		if a.Scale != sc {
			continue
		}
		if !a.Piecewise {
			single = a.Reason // the searched box's, after the default box's
		} else if !a.Certified {
			pieces = strings.TrimPrefix(a.Reason, "box search: ")
		}
	}
	return single, pieces
}

// advicePieces explains a piecewise certificate at scale sc: why no single
// box was certified at the widths asked (and at sc), and what was.
func (s *searcher) advicePieces(sc float64) string {
	why, whyPieces := s.reasons(1)
	whySc, _ := s.reasons(sc)
	if sc == 1 {
		return fmt.Sprintf("no single (μ, ν) box was certified for all the (ω, τ) asked (%s), so the (ω, τ) ranges were split into pieces", why)
	}
	msg := fmt.Sprintf("not certified at the widths asked (ω ∈ %v, τ ∈ %v): %s", s.W, s.T, why)
	if whyPieces != "" {
		msg += "; " + whyPieces
	}
	msg += fmt.Sprintf("; at %.3g of those widths no single (μ, ν) box was certified (%s), so the (ω, τ) ranges were split into pieces", sc, whySc)
	if s.search.SingleBox != nil {
		msg += fmt.Sprintf("; a single box is certified at %.3g of the widths", s.search.SingleScale)
	} else {
		msg += "; no single box is certified at any width tried"
	}
	return msg
}

// advice explains a failure at the asked widths (c is the last certificate
// obtained, certified at smaller widths or not at all; failedScale the
// smallest scale that failed).
func (s *searcher) advice(c *Certificate, failedScale float64) string {
	why, whyPieces := s.reasons(1)
	msg := fmt.Sprintf("not certified at the widths asked (ω ∈ %v, τ ∈ %v): %s", s.W, s.T, why)
	if whyPieces != "" {
		msg += "; " + whyPieces
	}
	if c.Certified {
		return msg + fmt.Sprintf("; certified at %.3g of those widths (failed at %.3g)", s.search.Scale, failedScale)
	}
	if failedScale == 1 {
		msg += "; the widths were not shrunk"
	} else {
		msg += fmt.Sprintf("; nothing certified down to %.3g of the widths", failedScale)
	}
	rho := s.search.Stability.SpectralRadius
	hint := ""
	switch {
	case !(rho > 0 && rho < 1):
	case s.W.Width() == 0 && s.T.Width() == 0:
		hint = fmt.Sprintf("; ρ = %.6g at the fixed point; the (ω, τ) asked are a single point, which cannot be narrowed, and the search finds no box for it (near ρ = 1 its outer iteration may not settle)", rho)
	case s.T.Width() == 0:
		hint = fmt.Sprintf("; ρ = %.6g at the fixed point, so ω ranges closer to %g might succeed", rho, s.w.Omega)
	case s.W.Width() == 0:
		hint = fmt.Sprintf("; ρ = %.6g at the fixed point, so τ ranges up to about τ·%.4g (1/ρ) might succeed", rho, 1/rho)
	default:
		hint = fmt.Sprintf("; ρ = %.6g at the fixed point, so τ ranges up to about τ·%.4g (1/ρ) and ω ranges closer to %g might succeed", rho, 1/rho, s.w.Omega)
	}
	return msg + hint
}

// attempt tries the (ω, τ) ranges at scale sc: the default box first (at
// scale 1), then the searched box. With defaultOnly only the default box.
func (s *searcher) attempt(sc float64, defaultOnly bool) *Certificate {
	W := scaled(s.W, s.w.Omega, sc)
	T := scaled(s.T, s.w.Tau, sc)
	set := s.settings
	set.MaxBoxes = min(set.maxBoxes(), SearchMaxBoxes)
	set.Timeout = s.remaining()
	record := func(c *Certificate) *Certificate {
		s.search.Attempts = append(s.search.Attempts, Attempt{Scale: sc, Box: c.Box, Norm: c.Norm, Certified: c.Certified, Reason: c.Reason()})
		return c
	}
	if sc == 1 {
		// The default box, with the settings as given (so that the paper's
		// Ω gives the paper's numbers); the self-map first, which is cheap.
		b := DefaultBox(s.fixed.Mean, s.fixed.Var)
		b.Omega, b.Tau = W, T
		if err := b.Validate(); err != nil {
			if defaultOnly {
				return record(&Certificate{Box: b, MaxSpectralNorm: math.Inf(1), Mean: entire, Var: entire, Failure: &Failure{Condition: BoxSearch, Box: b, Bound: math.NaN(), Detail: err.Error()}})
			}
		} else {
			user := s.settings
			user.Timeout = s.remaining()
			m, err := s.selfMap(b, &user)
			if err == nil && (m.Certified || defaultOnly) {
				p, _ := newProblem(s.k, b, &user)
				p.contraction = true
				cc := p.certificate()
				s.search.Boxes += cc.Boxes
				c := combine(cc, m)
				record(c)
				if c.Certified || defaultOnly {
					return c
				}
			} else if err == nil {
				record(&Certificate{Box: b, MaxSpectralNorm: math.Inf(1), Mean: m.Mean, Var: m.Var, Failure: m.Failure, Boxes: m.Boxes, Elapsed: m.Elapsed})
			}
		}
	}
	return record(s.searched(s.fixed, s.search.Stability.H, W, T, set, 0.25))
}

// searched seeks a (μ, ν) box around x that g maps into itself for every
// ω ∈ W, τ ∈ T (findBox) and proves the fixed-point certificate on it, in
// the norms chooseNorms proposes (h is the Jacobian at x, for the
// eigenvector basis). Unless Settings.SpectralTolerance is set, the bound
// is refined to the fraction refine of its sampled distance from 1.
func (s *searcher) searched(x mapping.Point, h [2][2]float64, W, T Range, set Settings, refine float64) *Certificate {
	box, self, fail := s.findBox(x, W, T, &set)
	if fail != nil {
		c := &Certificate{Box: box, MaxSpectralNorm: math.Inf(1), Failure: fail, Mean: entire, Var: entire}
		if self != nil {
			c.Mean, c.Var = self.Mean, self.Var
		}
		return c
	}
	var c *Certificate
	for _, n := range s.chooseNorms(box, h) {
		set.Norm = n.norm
		if s.settings.SpectralTolerance == 0 && n.sampled < 1 {
			// Refine the bound to a fraction of its distance from 1: the
			// default 10⁻⁶ can take 10⁴–10⁵ boxes on a searched box.
			set.SpectralTolerance = max(DefaultSpectralTolerance, refine*(1-n.sampled))
		}
		p, err := newProblem(s.k, box, &set)
		if err != nil {
			return &Certificate{Box: box, MaxSpectralNorm: math.Inf(1), Mean: entire, Var: entire, Failure: &Failure{Condition: BoxSearch, Box: box, Bound: math.NaN(), Detail: err.Error()}}
		}
		p.contraction = true
		cc := p.certificate()
		s.search.Boxes += cc.Boxes
		c = combine(cc, self)
		if c.Certified {
			break
		}
	}
	return c
}

// combine joins a contraction certificate c and a self-map certificate m
// of the same box into one fixed-point certificate (FixedPoint): certified
// when both are, the first failure, m's enclosures of the image, the work
// of both.
func combine(c, m *Certificate) *Certificate {
	r := *c
	r.Certified = c.Certified && m.Certified
	if r.Failure == nil {
		r.Failure = m.Failure
	}
	r.Mean, r.Var = m.Mean, m.Var
	r.Loose = c.Loose || m.Loose
	r.Boxes += m.Boxes
	r.Levels = max(c.Levels, m.Levels)
	r.Elapsed += m.Elapsed
	return &r
}

// selfMap runs the self-map proof of FixedPoint on b.
func (s *searcher) selfMap(b Box, set *Settings) (*Certificate, error) {
	p, err := newProblem(s.k, b, set)
	if err != nil {
		return nil, err
	}
	m := p.selfMapProblem().certificate()
	s.search.Boxes += m.Boxes
	m.Box = b
	if m.Failure != nil {
		m.Failure.Image = true
	}
	return m, nil
}

// findBox returns (μ, ν) ranges around the point x (a fixed point of g
// for some weights of W × T) that g maps into themselves for every ω ∈ W,
// τ ∈ T, with the self-map certificate; or a failure.
func (s *searcher) findBox(x mapping.Point, W, T Range, set *Settings) (Box, *Certificate, *Failure) {
	mk := func(M, N Range) Box { return Box{Mu: M, Omega: W, Nu: N, Tau: T} }
	snap := func(r Range, positive bool) Range {
		out := Range{snapDecimal(r.Lo, r.Width(), false), snapDecimal(r.Hi, r.Width(), true)}
		if positive && !(out.Lo > 0) {
			out.Lo = r.Lo
		}
		return out
	}
	M, N := Range{x.Mean, x.Mean}, Range{x.Var, x.Var}
	var b Box
	var self *Certificate
	for try := range 3 {
		var fail *Failure
		M, N, fail = s.grow(x, W, T, M, N, float64(int(1)<<(2*try)))
		b = mk(snap(M, false), snap(N, true))
		if fail != nil {
			fail.Box = b
			return b, nil, fail
		}
		if err := b.Validate(); err != nil {
			return b, nil, &Failure{Condition: BoxSearch, Box: b, Bound: math.NaN(), Detail: err.Error()}
		}
		m, err := s.selfMap(b, set)
		if err != nil {
			return b, nil, &Failure{Condition: BoxSearch, Box: b, Bound: math.NaN(), Detail: err.Error()}
		}
		if m.Certified {
			self = m
			break
		}
		if try == 2 {
			return b, m, m.Failure
		}
		// Grow on from the box and what is known of its image, with a
		// larger margin.
		M, N = hullR(b.Mu, m.Mean), hullR(b.Nu, m.Var)
		if !finiteRange(M) || !finiteRange(N) || !(N.Lo > 0) {
			return b, m, m.Failure
		}
	}
	// Tighten: the image with a margin, intersected with the box, is
	// mapped into itself as well (g(b′) ⊆ g(b) ⊆ b′ for b′ ⊆ b).
	scaleMu := math.Abs(x.Mean) + math.Sqrt(x.Var)
	for range 2 {
		t := mk(intersectR(snap(inflate(self.Mean, scaleMu, 1), false), b.Mu), intersectR(snap(inflate(self.Var, x.Var, 1), true), b.Nu))
		if t.Mu.Width() > 0.98*b.Mu.Width() && t.Nu.Width() > 0.98*b.Nu.Width() {
			break
		}
		m, err := s.selfMap(t, set)
		if err != nil || !m.Certified {
			break
		}
		b, self = t, m
	}
	return b, self, nil
}

// inflate widens r on both sides by k(10⁻³·width + 10⁻⁷·scale).
func inflate(r Range, scale, k float64) Range {
	d := k * (1e-3*r.Width() + 1e-7*scale)
	return Range{r.Lo - d, r.Hi + d}
}

func finiteRange(r Range) bool { return !math.IsInf(r.Lo, 0) && !math.IsInf(r.Hi, 0) }

func hullR(a, b Range) Range { return Range{math.Min(a.Lo, b.Lo), math.Max(a.Hi, b.Hi)} }

func intersectR(a, b Range) Range { return Range{math.Max(a.Lo, b.Lo), math.Min(a.Hi, b.Hi)} }

// snapDecimal moves x outward (up if upper) to a decimal with about four
// significant digits more than the width w needs, so that a box prints
// shortly and exactly.
func snapDecimal(x, w float64, upper bool) float64 {
	if x == 0 || !(w > 0) {
		return x
	}
	d := int(math.Ceil(math.Log10(math.Abs(x)/w))) + 4
	d = max(3, min(17, d))
	v, err := strconv.ParseFloat(FormatBound(x, upper, d), 64)
	if err != nil || upper && v < x || !upper && v > x {
		return x
	}
	return v
}

// grow returns (μ, ν) ranges containing M, N whose float64 image under g,
// for every ω ∈ W, τ ∈ T, widened by the margin k(10⁻³·width + 10⁻⁷·scale),
// lies inside them: the outer iteration X ← X ∪ (g(X) + margin), with
// extrapolation of ends that converge slowly (geometrically with ratio r:
// the rest of the series, r/(1−r) times the last step, is added, at most
// the width of the range). It fails when the ranges leave every sensible
// size: then no box mapped into itself exists near the fixed point (or
// none this search can find).
func (s *searcher) grow(x mapping.Point, W, T, M, N Range, k float64) (Range, Range, *Failure) {
	scaleMu := math.Abs(x.Mean) + math.Sqrt(x.Var)
	var prev [4]float64
	const steps = 3000
	for it := range steps {
		gm, gn, ok := s.imageF(M, N, W, T)
		if !ok {
			return M, N, &Failure{Condition: BoxSearch, Bound: math.NaN(), Detail: fmt.Sprintf("the float64 image of μ ∈ %v, ν ∈ %v is not finite", M, N)}
		}
		gm, gn = inflate(gm, scaleMu, k), inflate(gn, x.Var, k)
		if M.Lo <= gm.Lo && gm.Hi <= M.Hi && N.Lo <= gn.Lo && gn.Hi <= N.Hi {
			return M, N, nil
		}
		hm, hn := hullR(M, gm), hullR(N, gn)
		d := [4]float64{hm.Lo - M.Lo, hm.Hi - M.Hi, hn.Lo - N.Lo, hn.Hi - N.Hi}
		raw := d
		for i := range d {
			if r := d[i] / prev[i]; it > 0 && r > 0 && r < 0.9999 {
				w := M.Width()
				if i >= 2 {
					w = N.Width()
				}
				d[i] *= 1 + math.Min(r/(1-r), 200)
				d[i] = math.Copysign(math.Min(math.Abs(d[i]), math.Max(math.Abs(raw[i]), w)), d[i])
			}
		}
		prev = raw
		M = Range{M.Lo + d[0], M.Hi + d[1]}
		N = Range{math.Max(N.Lo+d[2], N.Lo/2), N.Hi + d[3]}
		if N.Hi > 1e4*x.Var || N.Hi*T.Hi > 1e9 || N.Lo < 1e-4*x.Var || N.Lo*T.Lo < 1e-9 || M.Width() > 1e3*scaleMu {
			return M, N, &Failure{Condition: BoxSearch, Bound: math.NaN(), Detail: fmt.Sprintf(
				"self-map: no (μ, ν) box found that g maps into itself for ω ∈ %v, τ ∈ %v: the outer iteration of the image grew to μ ∈ %v, ν ∈ %v without settling", W, T, M, N)}
		}
	}
	return M, N, &Failure{Condition: BoxSearch, Bound: math.NaN(), Detail: fmt.Sprintf("self-map: the outer iteration of the image did not settle in %d steps (last μ ∈ %v, ν ∈ %v)", steps, M, N)}
}

// imageF returns the hull of the float64 values of g on a 5×5 grid of the
// rectangle m = μω ∈ M·W, s² = ντ ∈ N·T (g depends on (μ, ω, ν, τ) only
// through m and s², and is monotone in each on small rectangles, so the
// grid's corners and edges carry its extremes; the proof checks this).
func (s *searcher) imageF(M, N, W, T Range) (Range, Range, bool) {
	ps := [4]float64{M.Lo * W.Lo, M.Lo * W.Hi, M.Hi * W.Lo, M.Hi * W.Hi}
	m := Range{min(ps[0], ps[1], ps[2], ps[3]), max(ps[0], ps[1], ps[2], ps[3])}
	q := Range{N.Lo * T.Lo, N.Hi * T.Hi}
	l := mapping.Layer{Constants: s.k, Weights: mapping.Weights{Omega: 1, Tau: 1}}
	gm := Range{math.Inf(1), math.Inf(-1)}
	gn := gm
	const n = 4
	for i := range n + 1 {
		mi := m.Lo + float64(i)/n*(m.Hi-m.Lo)
		for j := range n + 1 {
			qj := q.Lo + float64(j)/n*(q.Hi-q.Lo)
			g := l.Moments(mi, qj)
			if math.IsNaN(g.Mean) || math.IsInf(g.Mean, 0) || !(g.Var > 0) || math.IsInf(g.Var, 0) {
				return gm, gn, false
			}
			gm = hullR(gm, Range{g.Mean, g.Mean})
			gn = hullR(gn, Range{g.Var, g.Var})
		}
	}
	return gm, gn, true
}

// candidate is a norm with the largest float64 sample of ‖P H P⁻¹‖₂ on a
// box.
type candidate struct {
	norm    Norm
	sampled float64
}

// chooseNorms returns the norms to try on b, in order: the 2-norm when
// float64 samples of S(H) on b are all below 1, then the weighted norm
// with the smallest sampled maximum (if below 1), starting from the
// eigenvector basis of h (the Jacobian at the fixed point) and diagonal
// matrices. When no candidate is below 1 it returns the best one alone,
// whose proof then shows where the contraction fails.
func (s *searcher) chooseNorms(b Box, h [2][2]float64) []candidate {
	// H at the 3⁴ points of b (ends and midpoints).
	var hs [][2][2]float64
	pts := func(r Range) []float64 { return []float64{r.Lo, (r.Lo + r.Hi) / 2, r.Hi} }
	for _, om := range pts(b.Omega) {
		for _, ta := range pts(b.Tau) {
			l := mapping.Layer{Constants: s.k, Weights: mapping.Weights{Omega: om, Tau: ta}}
			for _, mu := range pts(b.Mu) {
				for _, nu := range pts(b.Nu) {
					_, j := l.Jacobian(mu, nu)
					hs = append(hs, j.H)
				}
			}
		}
	}
	sample := func(n Norm) float64 {
		worst := 0.0
		for _, h := range hs {
			v := weightedNorm(n, h)
			if math.IsNaN(v) {
				return math.Inf(1)
			}
			worst = math.Max(worst, v)
		}
		return worst
	}
	var cands []Norm
	if n, ok := eigenNorm(h); ok {
		cands = append(cands, n)
	}
	for e := -16; e <= 16; e++ {
		if e != 0 {
			cands = append(cands, Norm{P: [2][2]float64{{1, 0}, {0, math.Ldexp(1, e)}}})
		}
	}
	best := candidate{sampled: math.Inf(1)}
	for _, n := range cands {
		if v := sample(n); v < best.sampled {
			best = candidate{n, v}
		}
	}
	best = optimizeNorm(best, sample)
	two := candidate{Norm{}, sample(Norm{})}
	var out []candidate
	if two.sampled < 1 {
		out = append(out, two)
	}
	if best.sampled < 1 || len(out) == 0 && best.sampled <= two.sampled {
		out = append(out, best)
	}
	if len(out) == 0 {
		out = append(out, two)
	}
	return out
}

// optimizeNorm improves a weighted norm by a pattern search over the
// upper-triangular P = [[1, x], [0, y]], y > 0, which give every weighted
// 2-norm up to a constant factor (P = QR with Q orthogonal, and
// ‖QRHR⁻¹Qᵀ‖₂ = ‖RHR⁻¹‖₂), minimizing the sampled maximum.
func optimizeNorm(start candidate, sample func(Norm) float64) candidate {
	// Bring the start to the form [[1, x], [0, y]]: P = QR by Gram–Schmidt
	// on the columns of P.
	p := start.norm.P
	if start.norm.Euclidean() {
		p = [2][2]float64{{1, 0}, {0, 1}}
	}
	r11 := math.Hypot(p[0][0], p[1][0])
	if r11 == 0 {
		return start
	}
	q0 := [2]float64{p[0][0] / r11, p[1][0] / r11}
	r12 := q0[0]*p[0][1] + q0[1]*p[1][1]
	u := [2]float64{p[0][1] - r12*q0[0], p[1][1] - r12*q0[1]}
	r22 := math.Hypot(u[0], u[1])
	if r22 == 0 {
		return start
	}
	x, ly := r12/r11, math.Log2(r22/r11)
	norm := func(x, ly float64) Norm { return Norm{P: [2][2]float64{{1, x}, {0, math.Exp2(ly)}}} }
	best := candidate{norm(x, ly), sample(norm(x, ly))}
	if !(best.sampled < start.sampled) {
		best = start
		if !start.norm.Euclidean() && !(start.norm.P[0][1] == 0 && start.norm.P[1][0] == 0 && start.norm.P[0][0] == 1) {
			return start
		}
	}
	dx, dy := 0.25*math.Max(1, math.Abs(x)), 0.5
	for range 200 {
		improved := false
		for _, d := range [][2]float64{{dx, 0}, {-dx, 0}, {0, dy}, {0, -dy}, {dx, dy}, {-dx, -dy}, {dx, -dy}, {-dx, dy}} {
			n := norm(x+d[0], ly+d[1])
			if n.Validate() != nil {
				continue
			}
			if v := sample(n); v < best.sampled {
				best, improved = candidate{n, v}, true
				x, ly = x+d[0], ly+d[1]
				break
			}
		}
		if !improved {
			dx, dy = dx/2, dy/2
			if dy < 1e-3 {
				break
			}
		}
	}
	return best
}

// weightedNorm returns ‖P H P⁻¹‖₂ in float64 (for choosing P only).
func weightedNorm(n Norm, h [2][2]float64) float64 {
	if n.Euclidean() {
		return mapping.SpectralNorm(h)
	}
	p := n.P
	det := p[0][0]*p[1][1] - p[0][1]*p[1][0]
	q := [2][2]float64{{p[1][1] / det, -p[0][1] / det}, {-p[1][0] / det, p[0][0] / det}}
	return mapping.SpectralNorm(mul2(mul2(p, h), q))
}

func mul2(a, b [2][2]float64) [2][2]float64 {
	var c [2][2]float64
	for i := range 2 {
		for j := range 2 {
			c[i][j] = a[i][0]*b[0][j] + a[i][1]*b[1][j]
		}
	}
	return c
}

// eigenNorm returns P = V⁻¹ for a basis V in which H is diagonal (real
// eigenvalues: the eigenvectors) or a scaled rotation (complex
// eigenvalues a ± ib: the real and imaginary parts of an eigenvector), so
// that ‖P H P⁻¹‖₂ = ρ(H) at the point where H was taken. It returns false
// when H is (nearly) defective or not finite.
func eigenNorm(h [2][2]float64) (Norm, bool) {
	a, b, c, d := h[0][0], h[0][1], h[1][0], h[1][1]
	for _, x := range []float64{a, b, c, d} {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return Norm{}, false
		}
	}
	half := (a + d) / 2
	hd := (a - d) / 2
	disc := hd*hd + b*c
	var v [2][2]float64 // columns are the basis vectors
	unit := func(x, y float64) (float64, float64) {
		r := math.Hypot(x, y)
		return x / r, y / r
	}
	// An eigenvector of λ: (b, λ − a) or (λ − d, c), whichever is larger.
	vec := func(l float64) (float64, float64) {
		x1, y1 := b, l-a
		x2, y2 := l-d, c
		if math.Hypot(x1, y1) >= math.Hypot(x2, y2) {
			return unit(x1, y1)
		}
		return unit(x2, y2)
	}
	if disc >= 0 {
		r := math.Sqrt(disc)
		l1, l2 := half+r, half-r
		if math.Abs(l1-l2) <= 1e-9*math.Max(math.Abs(l1), 1e-300) {
			return Norm{}, false
		}
		v[0][0], v[1][0] = vec(l1)
		v[0][1], v[1][1] = vec(l2)
	} else {
		// H(x + iy) = (α + iβ)(x + iy) with β = √(−disc): take the
		// eigenvector (b, λ − a) = (b, (α − a) + iβ).
		beta := math.Sqrt(-disc)
		x0, x1, y0, y1 := b, half-a, 0.0, beta
		if b == 0 {
			return Norm{}, false
		}
		v = [2][2]float64{{x0, y0}, {x1, y1}}
	}
	det := v[0][0]*v[1][1] - v[0][1]*v[1][0]
	if det == 0 || math.IsNaN(det) {
		return Norm{}, false
	}
	p := [2][2]float64{{v[1][1] / det, -v[0][1] / det}, {-v[1][0] / det, v[0][0] / det}}
	// Scale P so that its largest entry is 1 (the norm is unchanged up to a
	// constant factor, which does not affect ‖P H P⁻¹‖₂).
	m := math.Max(math.Max(math.Abs(p[0][0]), math.Abs(p[0][1])), math.Max(math.Abs(p[1][0]), math.Abs(p[1][1])))
	for i := range 2 {
		for j := range 2 {
			p[i][j] /= m
		}
	}
	n := Norm{P: p}
	if n.Validate() != nil {
		return Norm{}, false
	}
	return n, true
}
