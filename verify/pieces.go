package verify

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/selu-tool/selu/mapping"
)

// MaxPieces is the largest number of pieces of a piecewise certificate
// (Certificate.Pieces) that Certify builds.
const MaxPieces = 64

// Piecewise reports whether c is a piecewise certificate of Certify: the
// (ω, τ) ranges of c.Box are covered by the pieces c.Pieces, each proved
// on its own (μ, ν) box in its own norm.
func (c *Certificate) Piecewise() bool { return len(c.Pieces) > 0 }

// pieceMaxBoxes is the box budget of the proof of one piece (or
// Settings.MaxBoxes if smaller): a piece that needs more is split instead.
// piecesMaxBoxes bounds the boxes of all the pieces tried by one Certify.
const (
	pieceMaxBoxes  = 1 << 14
	piecesMaxBoxes = 1 << 18
)

// noProgressPieces: when no piece is certified in the levels before one
// of this many pieces, the attempt gives up (the ranges would need pieces
// smaller than a sixteenth of them everywhere, or cannot be certified).
const noProgressPieces = 32

// maxDepth is the largest number of bisections from the (ω, τ) rectangle
// asked to a piece (a piece is at least 2⁻¹² of its area).
const maxDepth = 12

// piece is an (ω, τ) rectangle to certify, with its depth in the tree of
// bisections of the rectangle asked.
type piece struct {
	W, T  Range
	depth int
}

// piecewise tries to certify the (ω, τ) ranges at scale sc as a union of
// pieces: the rectangle W × T is bisected, and each piece is certified
// with a (μ, ν) box of its own, sought around the fixed point at the
// piece's centre, and a norm of its own (searched). A piece that fails is
// bisected again, along the coordinate in which the fixed point moves
// most, level by level (so that a rectangle needing too many pieces fails
// early), at most MaxPieces pieces in all, each at most maxDepth
// bisections deep; the pieces of a level are proved in batches of
// Settings.Workers at once and decided in order. The bisections share
// their endpoints exactly (the same float64 ends a piece and begins the
// next), so the pieces cover W × T exactly. The certificate is recorded
// as an Attempt; it is certified when every piece is.
func (s *searcher) piecewise(sc float64) *Certificate {
	W := scaled(s.W, s.w.Omega, sc)
	T := scaled(s.T, s.w.Tau, sc)
	whole := Box{Omega: W, Tau: T, Mu: entire, Nu: entire}
	fail := func(n int, detail string) *Certificate {
		c := &Certificate{Box: whole, MaxSpectralNorm: math.Inf(1), Mean: entire, Var: entire,
			Failure: &Failure{Condition: BoxSearch, Box: whole, Bound: math.NaN(), Detail: detail}}
		s.search.Attempts = append(s.search.Attempts, Attempt{Scale: sc, Box: whole, Piecewise: true, Pieces: n, Reason: c.Reason()})
		return c
	}
	if why := s.piecesHopeless(W, T); why != "" {
		return fail(0, "pieces not tried: "+why)
	}
	top, ok := s.split(piece{W, T, 0})
	if !ok {
		return fail(0, "pieces not tried: the (ω, τ) ranges cannot be split")
	}
	level := []piece{top[0], top[1]}
	var done []*Certificate
	var lastReason string
	for len(level) > 0 {
		var next []piece
		var batch []pieceResult
		for i, p := range level {
			// The checks and decisions are made piece by piece, in order,
			// with the boxes of the pieces before: the same for any
			// number of workers (pieces of a batch beyond the point where
			// the attempt stops are discarded, boxes and all).
			if s.expired() {
				return fail(len(done), fmt.Sprintf("in pieces: %d certified, then the time budget ran out", len(done)))
			}
			if s.pieceBoxes >= piecesMaxBoxes {
				return fail(len(done), fmt.Sprintf("in pieces: %d certified, then the box budget of the pieces (%d) ran out", len(done), piecesMaxBoxes))
			}
			if i%s.workers() == 0 {
				// The next batch, proved concurrently.
				batch = s.pieceBatch(level[i:min(len(level), i+s.workers())])
			}
			r := batch[i%s.workers()]
			s.search.Boxes += r.boxes
			s.pieceBoxes += r.boxes
			c := r.c
			if c.Certified {
				done = append(done, c)
				continue
			}
			halves, ok := s.split(p)
			// The pieces certified, those of this level still to come,
			// those of the next level and the two halves.
			if !ok || len(done)+len(level)-i-1+len(next)+2 > MaxPieces {
				why := fmt.Sprintf("splitting it would exceed %d pieces", MaxPieces)
				if !ok {
					why = "it cannot be split further"
				}
				return fail(len(done), fmt.Sprintf("in pieces: %d certified, then the piece ω ∈ %v, τ ∈ %v failed (%s) and %s",
					len(done), p.W, p.T, c.Reason(), why))
			}
			next = append(next, halves[0], halves[1])
			lastReason = c.Reason()
		}
		if len(done) == 0 && len(next) >= noProgressPieces {
			return fail(0, fmt.Sprintf("in pieces: none of %d pieces certified, down to ω ∈ %v, τ ∈ %v (%s)",
				len(level)*2-2, level[len(level)-1].W, level[len(level)-1].T, lastReason))
		}
		level = next
	}
	slices.SortFunc(done, func(a, b *Certificate) int {
		if a.Box.Omega.Lo != b.Box.Omega.Lo {
			return cmp.Compare(a.Box.Omega.Lo, b.Box.Omega.Lo)
		}
		return cmp.Compare(a.Box.Tau.Lo, b.Box.Tau.Lo)
	})
	if i, j, ok := piecesAgree(done); !ok {
		return fail(len(done), fmt.Sprintf("in pieces: the pieces %v and %v meet in (ω, τ) but their (μ, ν) boxes are disjoint", done[i].Box, done[j].Box))
	}
	c := joinPieces(whole, done)
	s.search.Attempts = append(s.search.Attempts, Attempt{Scale: sc, Box: c.Box, Norm: c.Norm, Piecewise: true, Pieces: len(done), Certified: true})
	return c
}

// piecesHopeless returns why pieces need not be tried on W × T, or "": the
// fixed point of g, followed from that of the weights given to Certify
// over a 5 × 5 grid of (ω, τ) (float64, package mapping), is lost or has
// ρ(H) ≥ 1 somewhere. A certificate for a piece proves ρ(H) < 1 at the
// fixed point in its box, so such weights need a box away from the fixed
// point followed here, which the search does not seek.
func (s *searcher) piecesHopeless(W, T Range) string {
	const n = 4
	x := s.fixed
	for i := range n + 1 {
		om := W.Lo + float64(i)/n*W.Width()
		for j := range n + 1 {
			ta := T.Lo + float64(j)/n*T.Width()
			l := mapping.Layer{Constants: s.k, Weights: mapping.Weights{Omega: om, Tau: ta}}
			fp, err := l.FixedPoint(x, nil)
			if err != nil || fp.Status != mapping.Converged {
				return fmt.Sprintf("no fixed point of g found for ω = %.6g, τ = %.6g", om, ta)
			}
			if rho := fp.Stability.SpectralRadius; !(rho < 1) {
				return fmt.Sprintf("for ω = %.6g, τ = %.6g the fixed point (%.6g, %.6g) has ρ(H) = %.6g ≥ 1", om, ta, fp.Point.Mean, fp.Point.Var, rho)
			}
			if j == 0 {
				x = fp.Point // start the next row from the fixed point at its first τ
			}
		}
	}
	return ""
}

// workers returns the number of pieces proved at once: Settings.Workers,
// GOMAXPROCS by default.
func (s *searcher) workers() int {
	if s.settings.Workers > 0 {
		return s.settings.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// pieceResult is the certificate of a piece and the number of boxes its
// search evaluated.
type pieceResult struct {
	c     *Certificate
	boxes int
}

// pieceBatch certifies the pieces ps concurrently and returns their
// certificates in order. Each piece is proved by a copy of the searcher
// with a Search of its own, so that the result is that of proving them
// one after the other; the caller counts the boxes of the pieces it uses.
func (s *searcher) pieceBatch(ps []piece) []pieceResult {
	out := make([]pieceResult, len(ps))
	var wg sync.WaitGroup
	for i, p := range ps {
		child := *s
		child.search = &Search{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := child.piece(p)
			out[i] = pieceResult{c, child.search.Boxes}
		}()
	}
	wg.Wait()
	return out
}

// piece certifies one piece: a (μ, ν) box sought around the fixed point
// of g at the centre of p's (ω, τ) ranges, in the norms chooseNorms
// proposes for the Jacobian there.
func (s *searcher) piece(p piece) *Certificate {
	wc := mapping.Weights{Omega: p.W.Lo + p.W.Width()/2, Tau: p.T.Lo + p.T.Width()/2}
	l := mapping.Layer{Constants: s.k, Weights: wc}
	fp, err := l.FixedPoint(s.fixed, nil)
	b := Box{Omega: p.W, Tau: p.T, Mu: entire, Nu: entire}
	if err != nil || fp.Status != mapping.Converged || !(fp.Stability.SpectralRadius < 1) {
		detail := fmt.Sprintf("no attracting fixed point of g found for ω = %g, τ = %g", wc.Omega, wc.Tau)
		if err != nil {
			detail += ": " + err.Error()
		}
		return &Certificate{Box: b, MaxSpectralNorm: math.Inf(1), Mean: entire, Var: entire,
			Failure: &Failure{Condition: BoxSearch, Box: b, Bound: math.NaN(), Detail: detail}}
	}
	set := s.settings
	set.MaxBoxes = min(set.maxBoxes(), pieceMaxBoxes)
	set.Timeout = s.remaining()
	// Half of the bound's sampled distance from 1 (a quarter for a single
	// box): a piecewise certificate proves many boxes.
	return s.searched(fp.Point, fp.Stability.H, p.W, p.T, set, 0.5)
}

// split bisects p along the coordinate in which the fixed point of g moves
// most over p (measured at p's corners, μ relative to |μ*| + √ν* and ν to
// ν*), at a short decimal near the middle; both halves share that end
// exactly. It returns false when p cannot be split (both ranges points, or
// no float64 strictly inside, or too deep).
func (s *searcher) split(p piece) ([2]piece, bool) {
	canW, canT := splittable(p.W), splittable(p.T)
	if p.depth >= maxDepth || !canW && !canT {
		return [2]piece{}, false
	}
	alongW := canW
	if canW && canT {
		mw, mt := s.motion(p)
		alongW = mw >= mt
	}
	if alongW {
		m := splitPoint(p.W)
		return [2]piece{{Range{p.W.Lo, m}, p.T, p.depth + 1}, {Range{m, p.W.Hi}, p.T, p.depth + 1}}, true
	}
	m := splitPoint(p.T)
	return [2]piece{{p.W, Range{p.T.Lo, m}, p.depth + 1}, {p.W, Range{m, p.T.Hi}, p.depth + 1}}, true
}

// motion returns how far the fixed point of g moves across p along ω and
// along τ: the larger of the two distances between the fixed points at
// corners that differ in that coordinate only (μ relative to |μ| + √ν, ν
// relative to ν). When a fixed point is not found the wider range (relative
// to the range asked) counts as the larger motion.
func (s *searcher) motion(p piece) (alongW, alongT float64) {
	var fp [2][2]mapping.Point
	for i, om := range [2]float64{p.W.Lo, p.W.Hi} {
		for j, ta := range [2]float64{p.T.Lo, p.T.Hi} {
			l := mapping.Layer{Constants: s.k, Weights: mapping.Weights{Omega: om, Tau: ta}}
			r, err := l.FixedPoint(s.fixed, nil)
			if err != nil || r.Status != mapping.Converged {
				return p.W.Width() / math.Max(s.W.Width(), 1e-300), p.T.Width() / math.Max(s.T.Width(), 1e-300)
			}
			fp[i][j] = r.Point
		}
	}
	dist := func(a, b mapping.Point) float64 {
		scale := math.Abs(a.Mean) + math.Sqrt(a.Var)
		return math.Max(math.Abs(a.Mean-b.Mean)/scale, math.Abs(a.Var-b.Var)/a.Var)
	}
	alongW = math.Max(dist(fp[0][0], fp[1][0]), dist(fp[0][1], fp[1][1]))
	alongT = math.Max(dist(fp[0][0], fp[0][1]), dist(fp[1][0], fp[1][1]))
	return alongW, alongT
}

// splittable reports whether r has a float64 strictly inside.
func splittable(r Range) bool {
	m := r.Lo + r.Width()/2
	return r.Lo < m && m < r.Hi
}

// splitPoint returns a point strictly inside r near its middle: the decimal
// with the fewest digits within the middle half of r, so that the pieces
// print shortly, or the float64 midpoint.
func splitPoint(r Range) float64 {
	mid := r.Lo + r.Width()/2
	q := r.Width() / 4
	for digits := 1; digits <= 17; digits++ {
		v, err := strconv.ParseFloat(strconv.FormatFloat(mid, 'g', digits, 64), 64)
		if err == nil && r.Lo+q < v && v < r.Hi-q {
			return v
		}
	}
	if mid == 0 {
		return 0 // −0 would print as "-0"
	}
	return mid
}

// piecesAgree reports whether the (μ, ν) boxes of every two pieces whose
// closed (ω, τ) ranges meet also meet, or the first two that do not. Then
// for (ω, τ) in both, the two fixed points coincide: an orbit from a
// point of both boxes stays in each and converges to each fixed point.
func piecesAgree(ps []*Certificate) (int, int, bool) {
	meet := func(a, b Range) bool { return a.Lo <= b.Hi && b.Lo <= a.Hi }
	for i, a := range ps {
		for j := i + 1; j < len(ps); j++ {
			b := ps[j].Box
			if meet(a.Box.Omega, b.Omega) && meet(a.Box.Tau, b.Tau) && !(meet(a.Box.Mu, b.Mu) && meet(a.Box.Nu, b.Nu)) {
				return i, j, false
			}
		}
	}
	return 0, 0, true
}

// joinPieces returns the piecewise certificate of certified pieces that
// cover the (ω, τ) ranges of whole: its μ and ν ranges and the enclosures
// of the fixed point are the hulls of the pieces', its norm and bound those
// of the piece with the largest bound.
func joinPieces(whole Box, ps []*Certificate) *Certificate {
	c := &Certificate{Certified: true, Box: whole, Pieces: ps, MaxSpectralNorm: math.Inf(-1)}
	c.Box.Mu, c.Box.Nu = ps[0].Box.Mu, ps[0].Box.Nu
	c.Mean, c.Var = ps[0].Mean, ps[0].Var
	var elapsed time.Duration
	for _, p := range ps {
		c.Box.Mu, c.Box.Nu = hullR(c.Box.Mu, p.Box.Mu), hullR(c.Box.Nu, p.Box.Nu)
		c.Mean, c.Var = hullR(c.Mean, p.Mean), hullR(c.Var, p.Var)
		if p.MaxSpectralNorm > c.MaxSpectralNorm {
			c.MaxSpectralNorm, c.SpectralNormAttained, c.Norm = p.MaxSpectralNorm, p.SpectralNormAttained, p.Norm
		}
		c.Loose = c.Loose || p.Loose
		c.Boxes += p.Boxes
		c.Levels = max(c.Levels, p.Levels)
		elapsed += p.Elapsed
	}
	c.Elapsed = elapsed
	return c
}
