package verify_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/verify"
)

// checkPieces checks a piecewise certificate independently of the prover:
//
//   - the pieces' (ω, τ) ranges lie in those of c.Box and cover them: the
//     distinct ends of all pieces cut the rectangle into cells, and each
//     cell lies in some piece (so the closed pieces cover the closed
//     rectangle, with no gap between float64 ends);
//   - every piece passes checkCertificate (float64 map and norm at random
//     points of its box, the box contains the fixed point at the piece's
//     centre) and is certified again by FixedPoint with its box and norm;
//   - the hulls of c are those of the pieces, and c's bound is the largest;
//   - at random (ω, τ) of the rectangle (a quarter of them on the ω ends
//     of pieces), the fixed point reached from the centre of a piece
//     containing (ω, τ), by iterating g or by Newton, lies in the box and
//     the enclosures of every piece containing (ω, τ).
func checkPieces(t *testing.T, name string, k mapping.Constants, c *verify.Certificate) {
	t.Helper()
	if !c.Certified || !c.Piecewise() || len(c.Pieces) > verify.MaxPieces {
		t.Fatalf("%s: not a certified piecewise certificate (%d pieces): %s", name, len(c.Pieces), c.Reason())
	}
	W, T := c.Box.Omega, c.Box.Tau
	var ws, ts []float64
	for _, p := range c.Pieces {
		b := p.Box
		if !p.Certified || b.Omega.Lo < W.Lo || b.Omega.Hi > W.Hi || b.Tau.Lo < T.Lo || b.Tau.Hi > T.Hi {
			t.Fatalf("%s: piece %v (certified %v) outside ω ∈ %v, τ ∈ %v", name, b, p.Certified, W, T)
		}
		ws = append(ws, b.Omega.Lo, b.Omega.Hi)
		ts = append(ts, b.Tau.Lo, b.Tau.Hi)
	}
	ws, ts = uniq(ws), uniq(ts)
	if ws[0] != W.Lo || ws[len(ws)-1] != W.Hi || ts[0] != T.Lo || ts[len(ts)-1] != T.Hi {
		t.Fatalf("%s: the pieces span ω ∈ [%v, %v], τ ∈ [%v, %v], not %v × %v", name, ws[0], ws[len(ws)-1], ts[0], ts[len(ts)-1], W, T)
	}
	cell := func(v []float64, i int) verify.Range {
		if len(v) == 1 {
			return verify.Range{Lo: v[0], Hi: v[0]}
		}
		return verify.Range{Lo: v[i], Hi: v[i+1]}
	}
	for i := range max(1, len(ws)-1) {
		for j := range max(1, len(ts)-1) {
			cw, ct := cell(ws, i), cell(ts, j)
			covered := false
			for _, p := range c.Pieces {
				if p.Box.Omega.Lo <= cw.Lo && cw.Hi <= p.Box.Omega.Hi && p.Box.Tau.Lo <= ct.Lo && ct.Hi <= p.Box.Tau.Hi {
					covered = true
				}
			}
			if !covered {
				t.Fatalf("%s: the cell ω ∈ %v, τ ∈ %v lies in no piece", name, cw, ct)
			}
		}
	}
	mid := func(r verify.Range) float64 { return r.Lo + r.Width()/2 }
	worst := 0.0
	for i, p := range c.Pieces {
		w := mapping.Weights{Omega: mid(p.Box.Omega), Tau: mid(p.Box.Tau)}
		fp, err := mapping.Layer{Constants: k, Weights: w}.FixedPoint(mapping.Point{Mean: mid(p.Box.Mu), Var: mid(p.Box.Nu)}, nil)
		if err != nil {
			t.Fatalf("%s: piece %d: %v", name, i, err)
		}
		checkCertificate(t, name+" piece "+ftoa(float64(i+1)), k, fp.Point, w, p)
		again, err := verify.FixedPoint(k, p.Box, &verify.Settings{Norm: p.Norm, SpectralTolerance: -1})
		if err != nil || !again.Certified {
			t.Errorf("%s: FixedPoint on piece %v: %v %v", name, p.Box, err, again.Reason())
		}
		for _, in := range [][2]verify.Range{{p.Box.Mu, c.Box.Mu}, {p.Box.Nu, c.Box.Nu}, {p.Mean, c.Mean}, {p.Var, c.Var}} {
			if in[0].Lo < in[1].Lo || in[0].Hi > in[1].Hi {
				t.Errorf("%s: piece %d: %v is not in the hull %v", name, i, in[0], in[1])
			}
		}
		worst = math.Max(worst, p.MaxSpectralNorm)
	}
	if c.MaxSpectralNorm != worst {
		t.Errorf("%s: bound %v, the pieces' largest %v", name, c.MaxSpectralNorm, worst)
	}
	r := rand.New(rand.NewPCG(3, 9))
	for i := range 200 {
		om, ta := W.Lo+r.Float64()*W.Width(), T.Lo+r.Float64()*T.Width()
		if r.IntN(4) == 0 {
			om = ws[r.IntN(len(ws))] // on an edge between pieces
		}
		l := mapping.Layer{Constants: k, Weights: mapping.Weights{Omega: om, Tau: ta}}
		var x mapping.Point
		found := false
		for _, p := range c.Pieces {
			if !p.Box.Omega.Contains(om) || !p.Box.Tau.Contains(ta) {
				continue
			}
			if !found {
				// From the centre of the first piece's box, where the
				// certificate says g's orbit converges to the fixed point:
				// for ten of the points, iterate g; for the others, Newton
				// (package mapping).
				x = mapping.Point{Mean: mid(p.Box.Mu), Var: mid(p.Box.Nu)}
				if i < 10 {
					for range 20000 {
						g := l.Moments(x.Mean, x.Var)
						x = mapping.Point{Mean: g.Mean, Var: g.Var}
					}
				} else {
					fp, err := l.FixedPoint(x, nil)
					if err != nil {
						t.Fatalf("%s: no fixed point for ω = %v, τ = %v: %v", name, om, ta, err)
					}
					x = fp.Point
				}
				found = true
			}
			if !p.Box.Mu.Contains(x.Mean) || !p.Box.Nu.Contains(x.Var) || !p.Mean.Contains(x.Mean) || !p.Var.Contains(x.Var) {
				t.Fatalf("%s: the fixed point %v for ω = %v, τ = %v is not in the piece %v with enclosures %v %v", name, x, om, ta, p.Box, p.Mean, p.Var)
			}
		}
		if !found {
			t.Fatalf("%s: ω = %v, τ = %v lies in no piece", name, om, ta)
		}
	}
}

func uniq(v []float64) []float64 {
	slices.Sort(v)
	return slices.Compact(v)
}

// TestCertifyPieces: (0.2, 0.2) (ρ = 0.9656) has no single (μ, ν) box for
// ω ∈ [−0.01, 0.01], τ ∈ [0.99, 1.01]: its fixed point moves from ν = 0.13
// to 0.29 over those weights, and the box that holds them all has a corner
// where ρ(H) = 1.0016 ≥ 1 (docs/verify.md). In pieces, each with a box of
// its own, it is certified there, and by default on wider ranges, with the
// single box of 0.0875 of the paper's widths kept in Search.SingleBox.
func TestCertifyPieces(t *testing.T) {
	p := mapping.Point{Mean: 0.2, Var: 0.2}
	k := solve(t, p)
	small := &verify.SearchOptions{Omega: &verify.Range{Lo: -0.01, Hi: 0.01}, Tau: &verify.Range{Lo: 0.99, Hi: 1.01}}
	c, err := verify.Certify(p, k, mapping.Normalized(), small)
	if err != nil {
		t.Fatal(err)
	}
	s := c.Search
	if !c.Certified || !c.Piecewise() || s.Scale != 1 || c.Box.Omega != *small.Omega || c.Box.Tau != *small.Tau {
		t.Fatalf("(0.2, 0.2) at ±0.01: %s; %d pieces, scale %v, box %v", c.Reason(), len(c.Pieces), s.Scale, c.Box)
	}
	// The single box was tried first, and disproved.
	if s.Attempts[0].Piecewise || s.Attempts[0].Certified || !s.Attempts[len(s.Attempts)-1].Piecewise ||
		!strings.Contains(s.Advice, "no single (μ, ν) box was certified") || !strings.Contains(s.Advice, "false: S ≥") {
		t.Errorf("attempts %+v, advice %q", s.Attempts, s.Advice)
	}
	t.Logf("±0.01: %d pieces, bound %.6g, %d boxes, %v", len(c.Pieces), c.MaxSpectralNorm, s.Boxes, s.Elapsed)
	checkPieces(t, "(0.2, 0.2) ±0.01", k, c)

	// The default search: pieces at wider ranges than the single box.
	c, err = verify.Certify(p, k, mapping.Normalized(), nil)
	if err != nil {
		t.Fatal(err)
	}
	s = c.Search
	b := c.Box
	if !c.Certified || !c.Piecewise() || !(b.Omega.Lo <= -0.01 && b.Omega.Hi >= 0.01 && b.Tau.Lo <= 0.99 && b.Tau.Hi >= 1.01) {
		t.Fatalf("(0.2, 0.2): %s; %d pieces, box %v", c.Reason(), len(c.Pieces), b)
	}
	if s.SingleBox == nil || !s.SingleBox.Certified || s.SingleBox.Piecewise() || !(s.SingleScale > 0 && s.SingleScale < s.Scale) {
		t.Errorf("single box %+v at %v, pieces at %v", s.SingleBox, s.SingleScale, s.Scale)
	} else {
		checkCertificate(t, "(0.2, 0.2) single box", k, p, mapping.Normalized(), s.SingleBox)
	}
	t.Logf("default: %d pieces at scale %v, single box at %v, %d boxes, %v", len(c.Pieces), s.Scale, s.SingleScale, s.Boxes, s.Elapsed)
	checkPieces(t, "(0.2, 0.2)", k, c)

	// NoPieces: a single box only, as before pieces existed.
	c, err = verify.Certify(p, k, mapping.Normalized(), &verify.SearchOptions{NoPieces: true})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Certified || c.Piecewise() || c.Search.Scale != s.SingleScale || c.Box != s.SingleBox.Box {
		t.Errorf("NoPieces: %s, scale %v, box %v", c.Reason(), c.Search.Scale, c.Box)
	}
	for _, a := range c.Search.Attempts {
		if a.Piecewise {
			t.Errorf("NoPieces: attempt in pieces %+v", a)
		}
	}
}

// TestCertifyPiecesRefuse: pieces do not certify what is false. The
// notebook convention's (0, 1) (ρ ≈ 1.077) is refused before any piece,
// and so it is with ranges around ω = τ = 1; (0.3, 0.2), ρ = 0.999, is not
// certified at the paper's widths, in pieces or not (its fixed point is
// lost at some of those weights).
func TestCertifyPiecesRefuse(t *testing.T) {
	W, T := verify.Range{Lo: 0.99, Hi: 1.01}, verify.Range{Lo: 0.99, Hi: 1.01}
	c, err := verify.Certify(mapping.Point{Mean: 0, Var: 1}, mapping.Paper(), mapping.Notebook(), &verify.SearchOptions{Omega: &W, Tau: &T})
	if err != nil {
		t.Fatal(err)
	}
	if c.Certified || c.Piecewise() || !c.Failure.Proven {
		t.Errorf("notebook: %s", c.Reason())
	}
	for _, a := range c.Search.Attempts {
		if a.Piecewise {
			t.Errorf("notebook: pieces tried: %+v", a)
		}
	}
	p := mapping.Point{Mean: 0.3, Var: 0.2}
	k := solve(t, p)
	c, err = verify.Certify(p, k, mapping.Normalized(), &verify.SearchOptions{NoShrink: true})
	if err != nil {
		t.Fatal(err)
	}
	if c.Certified {
		t.Errorf("(0.3, 0.2) at the paper's widths certified: %+v", c)
	}
	var tried bool
	for _, a := range c.Search.Attempts {
		tried = tried || a.Piecewise
		if a.Piecewise && (a.Certified || a.Reason == "") {
			t.Errorf("(0.3, 0.2): pieces %+v", a)
		}
	}
	if !tried {
		t.Errorf("(0.3, 0.2): pieces not tried: %+v", c.Search.Attempts)
	}
}

// TestCertifyPiecesDeterministic: the pieces of a level are proved
// concurrently, but the answer is the same for any number of workers:
// the pieces, their boxes, norms and bounds, and the boxes counted. For
// (0.3, 0.5) an attempt in pieces stops within a batch of two pieces (the
// boxes of the piece after it were counted when this was written).
func TestCertifyPiecesDeterministic(t *testing.T) {
	p := mapping.Point{Mean: 0.3, Var: 0.5}
	k := solve(t, p)
	var first *verify.Certificate
	for _, w := range []int{1, 2, 3} {
		c, err := verify.Certify(p, k, mapping.Normalized(), &verify.SearchOptions{Settings: &verify.Settings{Workers: w}})
		if err != nil {
			t.Fatal(err)
		}
		if !c.Piecewise() {
			t.Fatalf("workers %d: not piecewise: %s", w, c.Reason())
		}
		t.Logf("workers %d: %d pieces at scale %v, %d boxes", w, len(c.Pieces), c.Search.Scale, c.Search.Boxes)
		if first == nil {
			first = c
			continue
		}
		if len(c.Pieces) != len(first.Pieces) || c.Search.Boxes != first.Search.Boxes || c.Search.Scale != first.Search.Scale || len(c.Search.Attempts) != len(first.Search.Attempts) {
			t.Fatalf("workers %d: %d pieces, %d boxes, scale %v; workers 1: %d pieces, %d boxes, scale %v",
				w, len(c.Pieces), c.Search.Boxes, c.Search.Scale, len(first.Pieces), first.Search.Boxes, first.Search.Scale)
		}
		for i, q := range c.Pieces {
			f := first.Pieces[i]
			if q.Box != f.Box || q.Norm != f.Norm || q.MaxSpectralNorm != f.MaxSpectralNorm || q.Mean != f.Mean || q.Var != f.Var || q.Boxes != f.Boxes {
				t.Errorf("workers %d, piece %d: %v %v %v; workers 1: %v %v %v", w, i, q.Box, q.Norm, q.MaxSpectralNorm, f.Box, f.Norm, f.MaxSpectralNorm)
			}
		}
		for i, a := range c.Search.Attempts {
			if a.Reason != first.Search.Attempts[i].Reason || a.Pieces != first.Search.Attempts[i].Pieces {
				t.Errorf("workers %d, attempt %d: %+v; workers 1: %+v", w, i, a, first.Search.Attempts[i])
			}
		}
	}
}
