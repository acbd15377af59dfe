package verify

import (
	"bufio"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

// refPoint is a line of testdata/points.txt (testdata/points.py: mpmath at
// 50 digits from the closed forms of docs/model.md §2–3).
type refPoint struct {
	lambda, alpha, mu, omega, nu, tau float64
	muT, nuT, s                       float64
}

func readPoints(t *testing.T) []refPoint {
	t.Helper()
	f, err := os.Open("testdata/points.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var pts []refPoint
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		fs := strings.Fields(sc.Text())
		if len(fs) != 9 {
			t.Fatalf("bad line %q", sc.Text())
		}
		var v [9]float64
		for i, s := range fs {
			if v[i], err = strconv.ParseFloat(s, 64); err != nil {
				t.Fatal(err)
			}
		}
		pts = append(pts, refPoint{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]})
	}
	if len(pts) < 1000 {
		t.Fatalf("only %d points", len(pts))
	}
	return pts
}

// randomBoxAround returns a random box that contains (μ, ω, ν, τ), with
// relative widths from 1e-7 to 0.3 (or zero).
func randomBoxAround(r *rand.Rand, x [4]float64) dims {
	var d dims
	for i, v := range x {
		w := 0.0
		if r.IntN(8) != 0 {
			w = math.Pow(10, -7+6.5*r.Float64()) * math.Max(math.Abs(v), 0.1)
		}
		lo, hi := v-w*r.Float64(), v+w*r.Float64()
		if i >= 2 {
			lo = math.Max(lo, v/2) // ν, τ > 0
		}
		d[i] = iv{Lo: lo, Hi: hi}
	}
	return d
}

// le reports a ≤ b up to one ulp of b (the reference is rounded to float64).
func le(a, b float64) bool { return a <= b+math.Abs(b)*0x1p-52 }

// TestSoundnessMpmath: for random boxes around each reference point, the
// mpmath values of μ̃, ν̃ and S at the point lie in the box's enclosures, and
// ν̃ − ν in the margin enclosure.
func TestSoundnessMpmath(t *testing.T) {
	r := rand.New(rand.NewPCG(2017, 1))
	for i, pt := range readPoints(t) {
		p := &problem{layer: newLayer(pt.lambda, pt.alpha), margin: 1}
		for range 4 {
			d := randomBoxAround(r, [4]float64{pt.mu, pt.omega, pt.nu, pt.tau})
			p.root = d
			e := p.evaluate(d)
			f := pt.nuT - pt.nu
			if !le(e.mu.Lo, pt.muT) || !le(pt.muT, e.mu.Hi) || !le(e.nu.Lo, pt.nuT) || !le(pt.nuT, e.nu.Hi) ||
				!le(pt.s, e.sHi) || !le(e.f.Lo, f) || !le(f, e.f.Hi) {
				t.Fatalf("point %d %+v, box %v: μ̃ %v ν̃ %v S ≤ %v F %v", i, pt, d.box(), e.mu, e.nu, e.sHi, e.f)
			}
		}
		// A degenerate box gives enclosures as tight as the data allow.
		d := dims{{Lo: pt.mu, Hi: pt.mu}, {Lo: pt.omega, Hi: pt.omega}, {Lo: pt.nu, Hi: pt.nu}, {Lo: pt.tau, Hi: pt.tau}}
		e := p.evaluate(d)
		scale := math.Max(1, math.Abs(pt.nuT))
		if e.mu.Width() > 1e-9*scale || e.nu.Width() > 1e-9*scale*scale || e.sHi-pt.s > 1e-9*math.Max(1, pt.s) {
			t.Errorf("point %d %+v: enclosures at the point too wide: μ̃ %v ν̃ %v S ≤ %v", i, pt, e.mu, e.nu, e.sHi)
		}
	}
}

// TestSoundnessMapping: the float64 layer map of package mapping and its
// spectral norm S at random points of random boxes lie in the enclosures (up
// to mapping's stated relative error of 1e-13, and 1e-12 for S).
func TestSoundnessMapping(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 12))
	boxes := []Box{Theorem1Box(), Lemma12Box(), Theorem2Box(), Theorem3Boxes()[1], DefaultBox(0.5, 4),
		{Range{-2, 2}, Range{-1, 1.5}, Range{0.01, 200}, Range{0.5, 2}}}
	for seed := range 2000 {
		b := boxes[seed%len(boxes)]
		root := fromBox(b)
		var x [4]float64
		for i := range x {
			x[i] = root[i].Lo + r.Float64()*root[i].Width()
		}
		d := randomBoxAround(r, x)
		p := &problem{layer: newLayer(lambda01, alpha01), root: d}
		e := p.evaluate(d)
		for range 5 {
			var y [4]float64
			for i := range y {
				y[i] = d[i].Lo + r.Float64()*(d[i].Hi-d[i].Lo)
			}
			l := mapping.Layer{Constants: mapping.Paper(), Weights: mapping.Weights{Omega: y[1], Tau: y[3]}}
			g := l.Moments(y[0], y[2])
			tolMu := 1e-13 * (1 + math.Abs(g.Mean)) * math.Max(1, g.Var)
			tolNu := 1e-13 * g.Var
			if g.Mean < e.mu.Lo-tolMu || g.Mean > e.mu.Hi+tolMu || g.Var < e.nu.Lo-tolNu || g.Var > e.nu.Hi+tolNu {
				t.Fatalf("box %v, point %v: mapping gives μ̃ %v ν̃ %v, enclosures %v %v", d.box(), y, g.Mean, g.Var, e.mu, e.nu)
			}
			if s := l.Stability(y[0], y[2]).SpectralNorm; !(s <= e.sHi*(1+1e-12)) {
				t.Fatalf("box %v, point %v: mapping gives S = %v above the bound %v", d.box(), y, s, e.sHi)
			}
		}
	}
}

// FuzzEnclosure checks, for any box the prover accepts, that the float64
// map of package mapping at the centre lies in the enclosures, and that the
// enclosures are ordered and free of NaN.
func FuzzEnclosure(f *testing.F) {
	f.Add(0.0, 0.0, 1.0, 1.0, 0.1, 0.1, 0.7, 0.15)
	f.Add(-2.5, 1.2, 0.003, 0.7, 0.01, 0.01, 0.001, 0.01)
	f.Add(1.0, 0.1, 300.0, 1.2, 0.1, 0.05, 50.0, 0.1)
	f.Fuzz(func(t *testing.T, mu, om, nu, ta, wmu, wom, wnu, wta float64) {
		b := Box{Range{mu, mu + math.Abs(wmu)}, Range{om, om + math.Abs(wom)}, Range{nu, nu + math.Abs(wnu)}, Range{ta, ta + math.Abs(wta)}}
		if b.Validate() != nil {
			return
		}
		p, err := newProblem(paper, b, nil)
		if err != nil {
			t.Fatal(err)
		}
		p.margin = 1
		d := fromBox(b)
		e := p.evaluate(d)
		for _, x := range []iv{e.mu, e.nu, e.f} {
			if math.IsNaN(x.Lo) || math.IsNaN(x.Hi) || x.Lo > x.Hi {
				t.Fatalf("box %v: bad enclosure %v", b, x)
			}
		}
		if math.IsNaN(e.sHi) {
			t.Fatalf("box %v: S bound NaN", b)
		}
		c := [4]float64{d[0].Mid(), d[1].Mid(), d[2].Mid(), d[3].Mid()}
		if math.Abs(c[0]*c[1]) > 50 || c[2]*c[3] > 1e6 || c[2]*c[3] < 1e-6 {
			return // outside the range where mapping states its accuracy
		}
		l := mapping.Layer{Constants: mapping.Paper(), Weights: mapping.Weights{Omega: c[1], Tau: c[3]}}
		g := l.Moments(c[0], c[2])
		tol := 1e-12 * (1 + math.Abs(g.Mean) + g.Var)
		if g.Mean < e.mu.Lo-tol || g.Mean > e.mu.Hi+tol || g.Var < e.nu.Lo-tol || g.Var > e.nu.Hi+tol {
			t.Fatalf("box %v: mapping μ̃ %v ν̃ %v outside %v %v", b, g.Mean, g.Var, e.mu, e.nu)
		}
	})
}
