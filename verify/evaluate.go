package verify

import (
	"github.com/selu-tool/selu/internal/interval"
)

// spectralNorm encloses the largest singular value of the 2×2 matrix
// [[h11, h12], [h21, h22]] (Eq. 69/88):
//
//	S = ½( √((h11+h22)² + (h21−h12)²) + √((h11−h22)² + (h12+h21)²) ).
func spectralNorm(h11, h12, h21, h22 iv) iv {
	t1 := h11.Add(h22).Sqr().Add(h21.Sub(h12).Sqr())
	t2 := h11.Sub(h22).Sqr().Add(h12.Add(h21).Sqr())
	return interval.Sqrt(t1).Add(interval.Sqrt(t2)).Scale(0.5)
}

// eval is the analysis of one box.
type eval struct {
	sHi    float64 // S ≤ sHi on the box
	sPoint iv      // S at the centre of the box
	mu, nu iv      // enclosures of μ̃, ν̃ on the box
	muPt   iv      // μ̃ at the centre
	nuPt   iv
	f, fPt iv // F = ν̃ − ν on the box and at the centre (margin modes)
	// extremes at corners reached by monotonicity: values at (nearly) attained
	// points, used only to decide when an enclosure is tight.
	muLoPt, muHiPt, nuLoPt, nuHiPt, fLoPt, fHiPt iv
	havePts                                      [6]bool
	scoreS, scoreMu, scoreNu, scoreF             [4]float64
	// scores for tightness: coordinates whose effect monotonicity already
	// resolves are left out (they cannot make the enclosure tighter)
	scoreMuT, scoreNuT [4]float64
}

// sign returns +1 if x > 0, −1 if x < 0 and 0 if x contains 0.
func sign(x iv) int {
	switch {
	case x.Lo > 0:
		return 1
	case x.Hi < 0:
		return -1
	}
	return 0
}

// end returns the endpoint of r where a function with derivative sign sg is
// smallest (low = true) or largest.
func end(r iv, sg int, low bool) float64 {
	if (sg > 0) == low {
		return r.Lo
	}
	return r.Hi
}

// evaluate analyses the box d: enclosures of μ̃, ν̃ (and ν̃ − ν) and a bound
// on S over the box, the same at its centre (a point of the box), and the
// scores that choose the coordinate to bisect.
func (p *problem) evaluate(d dims) eval {
	k := &p.layer
	mu, om, nu, ta := d[0], d[1], d[2], d[3]
	M, Q := mu.Mul(om), nu.Mul(ta)
	full := k.evalMoments(M, Q)
	cm, co, cn, ct := mu.Mid(), om.Mid(), nu.Mid(), ta.Mid()
	Cm := interval.Point(cm).Mul(interval.Point(co))
	Cq := interval.Point(cn).Mul(interval.Point(ct))
	cen := k.evalMoments(Cm, Cq)
	ref := func(f, c dual) iv { return refine(f, c, M, Q, Cm, Cq) }
	a, b, c, dd := ref(full.a, cen.a), ref(full.b, cen.b), ref(full.c, cen.c), ref(full.d, cen.d)

	var e eval
	e.mu, e.nu = ref(full.mu, cen.mu), ref(full.nu, cen.nu)
	e.muPt, e.nuPt = cen.mu.v, cen.nu.v
	e.sHi = p.norm.bound(a, b, c, dd, om, ta)
	pO, pT := interval.Point(co), interval.Point(ct)
	e.sPoint = p.norm.of(pO.Mul(cen.a.v), pT.Mul(cen.b.v), pO.Mul(cen.c.v), pT.Mul(cen.d.v))

	// Monotonicity in m and q: where ∂/∂m (or ∂/∂q) has a sign on the box,
	// the extremes of μ̃ and ν̃ lie where m (or q) is at an end of its range,
	// as in the paper's Lemma 13; the rest is enclosed on that edge or corner.
	type reduced struct{ mu, nu, muPt, nuPt iv }
	cache := map[[4]float64]reduced{}
	on := func(Mr, Qr iv) reduced {
		key := [4]float64{Mr.Lo, Mr.Hi, Qr.Lo, Qr.Hi}
		if r, ok := cache[key]; ok {
			return r
		}
		var r reduced
		if Mr.Lo == Mr.Hi && Qr.Lo == Qr.Hi {
			v := k.evalMoments(Mr, Qr)
			r = reduced{v.mu.v, v.nu.v, v.mu.v, v.nu.v}
		} else {
			f := k.evalMoments(Mr, Qr)
			cm, cq := interval.Point(Mr.Mid()), interval.Point(Qr.Mid())
			c := k.evalMoments(cm, cq)
			r = reduced{refine(f.mu, c.mu, Mr, Qr, cm, cq), refine(f.nu, c.nu, Mr, Qr, cm, cq), c.mu.v, c.nu.v}
		}
		cache[key] = r
		return r
	}
	edge := func(sm, sq int, low bool) reduced {
		Mr, Qr := M, Q
		if sm != 0 {
			Mr = interval.Point(end(M, sm, low))
		}
		if sq != 0 {
			Qr = interval.Point(end(Q, sq, low))
		}
		return on(Mr, Qr)
	}
	e.scoreMu = scores(d, a, b, false)
	e.scoreNu = scores(d, c, dd, false)
	e.scoreMuT, e.scoreNuT = e.scoreMu, e.scoreNu
	if sm, sq := sign(a), sign(b); sm != 0 || sq != 0 {
		lo, hi := edge(sm, sq, true), edge(sm, sq, false)
		e.mu = clip(e.mu, lo.mu.Lo, hi.mu.Hi)
		e.muLoPt, e.muHiPt = lo.muPt, hi.muPt
		e.havePts[0], e.havePts[1] = true, true
		e.scoreMuT = drop(e.scoreMu, sm != 0, sq != 0)
	}
	if sm, sq := sign(c), sign(dd); sm != 0 || sq != 0 {
		lo, hi := edge(sm, sq, true), edge(sm, sq, false)
		e.nu = clip(e.nu, lo.nu.Lo, hi.nu.Hi)
		e.nuLoPt, e.nuHiPt = lo.nuPt, hi.nuPt
		e.havePts[2], e.havePts[3] = true, true
		e.scoreNuT = drop(e.scoreNu, sm != 0, sq != 0)
	}

	if p.margin != 0 {
		// F(m, ν, τ) = ν̃(m, ντ) − ν with ∇F = (c, τd − 1, νd).
		gm, gn, gt := c, ta.Mul(dd).Sub(interval.Point(1)), nu.Mul(dd)
		e.fPt = cen.nu.v.Sub(interval.Point(cn))
		mv := e.fPt.Add(gm.Mul(M.Sub(Cm))).Add(gn.Mul(nu.Sub(interval.Point(cn)))).Add(gt.Mul(ta.Sub(interval.Point(ct))))
		e.f = e.nu.Sub(nu)
		if r, ok := interval.Intersect(e.f, mv); ok {
			e.f = r
		}
		if sm, sn, st := sign(gm), sign(gn), sign(gt); sm != 0 && sn != 0 && st != 0 {
			fAt := func(low bool) iv {
				n, t := end(nu, sn, low), end(ta, st, low)
				q := interval.Point(n).Mul(interval.Point(t))
				return k.evalMoments(interval.Point(end(M, sm, low)), q).nu.v.Sub(interval.Point(n))
			}
			lo, hi := fAt(true), fAt(false)
			e.f = clip(e.f, lo.Lo, hi.Hi)
			e.fLoPt, e.fHiPt = lo, hi
			e.havePts[4], e.havePts[5] = true, true
		}
		e.scoreF = scores(d, c, dd, true)
	}

	// Sensitivity of the entries of H to each coordinate, from the
	// derivatives of a, b, c, d in (m, q).
	w, t := om.Mag(), ta.Mag()
	var s [4]float64
	for _, f := range []struct {
		col0 bool
		g    dual
	}{{true, full.a}, {false, full.b}, {true, full.c}, {false, full.d}} {
		gm, gq, v := f.g.dm.Mag(), f.g.dq.Mag(), f.g.v.Mag()
		scale := t
		if f.col0 {
			scale = w
		}
		s[0] += scale * w * gm
		s[1] += scale * mu.Mag() * gm
		s[2] += scale * t * gq
		s[3] += scale * nu.Mag() * gq
		if f.col0 {
			s[1] += v
		} else {
			s[3] += v
		}
	}
	for i := range s {
		e.scoreS[i] = s[i] * d[i].Width()
	}
	return e
}

// scores returns width × |∂f/∂x| for f with ∂f/∂m = fm, ∂f/∂q = fq; with
// minusNu, for f − ν.
func scores(d dims, fm, fq iv, minusNu bool) [4]float64 {
	mu, om, nu, ta := d[0], d[1], d[2], d[3]
	g := [4]float64{om.Mag() * fm.Mag(), mu.Mag() * fm.Mag(), ta.Mag() * fq.Mag(), nu.Mag() * fq.Mag()}
	if minusNu {
		g[2] = ta.Mul(fq).Sub(interval.Point(1)).Mag()
	}
	for i := range g {
		g[i] *= d[i].Width()
	}
	return g
}

// drop zeroes the scores of the coordinates that enter only through m
// (μ, ω) or only through q (ν, τ).
func drop(s [4]float64, m, q bool) [4]float64 {
	if m {
		s[0], s[1] = 0, 0
	}
	if q {
		s[2], s[3] = 0, 0
	}
	return s
}

// clip narrows x to [lo, hi] where these are tighter.
func clip(x iv, lo, hi float64) iv {
	r, ok := interval.Intersect(x, iv{Lo: lo, Hi: hi})
	if !ok {
		return x
	}
	return r
}
