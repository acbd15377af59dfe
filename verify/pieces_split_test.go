package verify

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSplitPoint: a range is cut at a float64 strictly inside it (in the
// middle half, as a short decimal when there is one), so that the two
// halves [lo, m] and [m, hi] share m and cover [lo, hi]; a range with no
// float64 inside is not split.
func TestSplitPoint(t *testing.T) {
	for _, c := range []struct {
		r    Range
		want float64
	}{
		{Range{-0.01, 0.01}, 0},
		{Range{0.99, 1.01}, 1},
		{Range{0.99, 1}, 0.995},
		{Range{0.95, 1.1}, 1},
		{Range{-0.1, -0.05}, -0.08}, // the middle, −0.075 (as a float64 just beyond it), to one digit
	} {
		if m := splitPoint(c.r); m != c.want {
			t.Errorf("splitPoint(%v) = %v, want %v", c.r, m, c.want)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		lo := (r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(8)-4))
		w := math.Abs(lo) * math.Pow(10, -float64(r.IntN(17))) * r.Float64()
		if r.IntN(10) == 0 {
			w = float64(r.IntN(3)) * math.Abs(lo) * 0x1p-52 // zero to two ulps
		}
		g := Range{lo, lo + w}
		if !splittable(g) {
			if m := g.Lo + g.Width()/2; g.Lo < m && m < g.Hi {
				t.Fatalf("%v: has %v inside but is not splittable", g, m)
			}
			continue
		}
		m := splitPoint(g)
		if !(g.Lo < m && m < g.Hi) {
			t.Fatalf("splitPoint(%v) = %v is not strictly inside", g, m)
		}
	}
}

// TestSplitCovers: the pieces of repeated bisections of a rectangle (a
// random tree) tile it: every one of random points, ends included, lies in
// some piece, and the pieces' areas add up to the rectangle's.
func TestSplitCovers(t *testing.T) {
	s := &searcher{W: Range{-0.1, 0.1}, T: Range{0.95, 1.1}}
	r := rand.New(rand.NewPCG(3, 4))
	ps := []piece{{s.W, s.T, 0}}
	for range 40 {
		i := r.IntN(len(ps))
		p := ps[i]
		var h [2]piece
		if r.IntN(2) == 0 && splittable(p.W) {
			m := splitPoint(p.W)
			h = [2]piece{{Range{p.W.Lo, m}, p.T, p.depth + 1}, {Range{m, p.W.Hi}, p.T, p.depth + 1}}
		} else if splittable(p.T) {
			m := splitPoint(p.T)
			h = [2]piece{{p.W, Range{p.T.Lo, m}, p.depth + 1}, {p.W, Range{m, p.T.Hi}, p.depth + 1}}
		} else {
			continue
		}
		ps = append(append(ps[:i:i], ps[i+1:]...), h[0], h[1])
	}
	area := 0.0
	ws := map[float64]bool{s.W.Lo: true, s.W.Hi: true}
	ts := map[float64]bool{s.T.Lo: true, s.T.Hi: true}
	for _, p := range ps {
		area += p.W.Width() * p.T.Width()
		ws[p.W.Lo], ws[p.W.Hi], ts[p.T.Lo], ts[p.T.Hi] = true, true, true, true
	}
	if whole := s.W.Width() * s.T.Width(); math.Abs(area-whole) > 1e-12*whole {
		t.Errorf("%d pieces of area %v, the rectangle %v", len(ps), area, whole)
	}
	in := func(om, ta float64) bool {
		for _, p := range ps {
			if p.W.Contains(om) && p.T.Contains(ta) {
				return true
			}
		}
		return false
	}
	for om := range ws {
		for ta := range ts {
			if !in(om, ta) {
				t.Fatalf("the end point ω = %v, τ = %v lies in no piece", om, ta)
			}
		}
	}
	for range 10000 {
		om, ta := s.W.Lo+r.Float64()*s.W.Width(), s.T.Lo+r.Float64()*s.T.Width()
		if !in(om, ta) {
			t.Fatalf("ω = %v, τ = %v lies in no piece", om, ta)
		}
	}
}
