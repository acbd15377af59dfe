package diagnose

import (
	"math"
	"sort"

	"github.com/selu-tool/selu/mapping"
)

// The scan of the mean curve (ω ≠ 0). In net-input coordinates m = μω,
// s² = ντ a fixed point of g solves
//
//	m = ω·μ̃(m, s²)        (the mean equation)
//	s² = τ·ν̃(m, s²)       (the variance equation)
//
// where μ̃, ν̃ are the moments of selu(z), z ~ N(m, s²). For each s² of a
// log-spaced grid over [minNetVar, maxNetVar] the mean equation is a
// one-dimensional root problem in m; its roots lie in a bounded interval
// (meanBounds) and, for ω < 0, are unique (G(m) = ωμ̃ − m is strictly
// decreasing, since μ̃ increases in m). Following each root along s², the
// fixed points are the sign changes of q = ln(τν̃/s²) along a branch,
// bisected in ln s² (the mean root being re-solved at every step).

const sqrt2Pi = 2.5066282746310002 // √(2π)

// CurveScanPerDecade is the number of grid points per decade of s² of the
// mean-curve scan.
const CurveScanPerDecade = 4

// curve evaluates the mean and variance equations in net-input
// coordinates.
type curve struct {
	u      mapping.Layer // the layer's λ, α with ω = τ = 1: moments at (m, s²)
	om     float64       // ω
	logTau float64       // ln τ
	lam    float64
	al     float64
}

func newCurve(l mapping.Layer) *curve {
	u := l
	u.Omega, u.Tau = 1, 1
	return &curve{u: u, om: l.Omega, logTau: math.Log(l.Tau), lam: l.Lambda, al: l.Alpha}
}

// eval returns G = ωμ̃ − m and q = ln(τν̃/s²) at (m, s²).
func (c *curve) eval(m, s2 float64) (g, q float64) {
	mo := c.u.Moments(m, s2)
	return c.om*mo.Mean - m, c.logTau + math.Log(mo.Var) - math.Log(s2)
}

// meanBounds returns an interval [lo, hi] that contains every root m of
// the mean equation at net-input variance s² (s = √s²), with
// G(lo) ≥ 0 (docs/diagnose.md, "ω ≠ 0"):
//
//	ω > 0:  m > −ωλα (μ̃ > −λα); for k = ωλ < 1 also m ≤ k·s/(√(2π)(1−k))
//	        (μ̃ ≤ λE[z⁺] ≤ λ(m⁺ + s/√(2π))), for k > 1 m ≤ kα/(k−1)
//	        (μ̃ ≥ λm − λα for m > 0);
//	ω < 0:  ωλs/√(2π) ≤ m < |ω|λα, and G is strictly decreasing.
func (c *curve) meanBounds(s float64) (lo, hi float64) {
	const big = 1e300
	k := c.om * c.lam
	if c.om < 0 {
		return max(k*s/sqrt2Pi, -big), min(-k*c.al, big)
	}
	lo = max(-k*c.al, -big)
	switch {
	case k < 1:
		hi = k * s / (sqrt2Pi * (1 - k))
	case k > 1:
		hi = k * c.al / (k - 1)
	default:
		hi = big
	}
	return lo, min(hi, big)
}

// meanGrid returns the points at which G is sampled to bracket the roots
// of the mean equation for ω > 0: the scale of s around 0 (where the
// roots of the homogeneous limit at s → 0 lie), geometric points on the
// unit scale (the roots of m = ω·selu(m) at s → 0), points approaching
// the lower bound −ωλα geometrically, and the scale of s up to the upper
// bound (the roots of the limit at s → ∞).
func meanGrid(lo, hi, s float64) []float64 {
	pts := []float64{lo, hi, 0}
	add := func(x float64) {
		if x > lo && x < hi {
			pts = append(pts, x)
		}
	}
	for i := 1; i <= 24; i++ { // s·t, |t| ≤ 6 in steps of 1/4
		t := float64(i) / 4
		add(s * t)
		add(-s * t)
	}
	for t := 8.0; t < 1e6 && s*t <= max(hi, -lo); t *= 1.5 { // s·t, |t| from 8 geometrically
		if s*t >= 1e-10 { // below, the unit scale's gap (see there)
			add(s * t)
			add(-s * t)
		}
	}
	// The unit scale between the scale of s and 100·max(1, ωλα): below 6s
	// the points s·t cover it; far below 1e-10 a root of the limit
	// m = ω·selu(m) could lie only if ωλα or ωλ is within about 1e-10
	// of 1.
	top := max(-lo, 1) * 100
	for e := math.Floor(math.Log10(max(6*s, 1e-10))); e <= math.Log10(top); e += 0.5 {
		if x := math.Pow(10, e); x > 6*s {
			add(x)
			add(-x)
		}
	}
	if lo < -1 {
		for e := 1; e <= 32; e++ { // towards the lower bound
			add(lo - lo*math.Pow(10, -float64(e)/2))
		}
	}
	sort.Float64s(pts)
	out := pts[:1]
	for _, x := range pts[1:] {
		if x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}

// curveRoot is a root of the mean equation at one s², with q there.
type curveRoot struct{ m, q float64 }

// meanRoots returns the roots of the mean equation at s² = s2, in
// increasing order of m. With full false and prev (the roots at the
// previous grid point) given, it follows prev by Newton's method, and
// falls back to the full search if that fails; for ω < 0 the root is
// unique, so following it is complete.
func (c *curve) meanRoots(s2 float64, prev []curveRoot, full bool) []curveRoot {
	if !full && len(prev) > 0 {
		if r, ok := c.followAll(s2, prev); ok {
			return r
		}
	}
	s := math.Sqrt(s2)
	lo, hi := c.meanBounds(s)
	var grid []float64
	if c.om < 0 {
		grid = []float64{lo, hi}
	} else {
		grid = meanGrid(lo, hi, s)
	}
	var roots []curveRoot
	pm, pg := math.NaN(), math.NaN()
	for _, m := range grid {
		g, _ := c.eval(m, s2)
		switch {
		case math.IsNaN(g):
		case g == 0:
			roots = append(roots, c.root(m, s2))
		case !math.IsNaN(pg) && pg != 0 && (pg < 0) != (g < 0):
			roots = append(roots, c.root(c.bracket(pm, m, pg, g, s2), s2))
		}
		if !math.IsNaN(g) {
			pm, pg = m, g
		}
	}
	return roots
}

// followAll follows every root of prev to s2; ok is false if one does not
// converge or two meet.
func (c *curve) followAll(s2 float64, prev []curveRoot) ([]curveRoot, bool) {
	out := make([]curveRoot, 0, len(prev))
	for _, r := range prev {
		m, ok := c.follow(r.m, s2)
		if !ok {
			return nil, false
		}
		lo, hi := c.meanBounds(math.Sqrt(s2))
		if m < lo || m > hi {
			return nil, false
		}
		if n := len(out); n > 0 && !(m > out[n-1].m) {
			return nil, false
		}
		out = append(out, c.root(m, s2))
	}
	return out, true
}

func (c *curve) root(m, s2 float64) curveRoot {
	_, q := c.eval(m, s2)
	return curveRoot{m, q}
}

// bracket narrows a bracket [a, b] of a root of G at s2 (ga, gb of
// opposite signs) until it cannot be narrowed in float64. While the
// bracket spans several orders of magnitude it is split at 0 or at the
// geometric mean of its ends (roots lie at every scale from s upwards);
// then by the Illinois variant of regula falsi with bisection steps.
func (c *curve) bracket(a, b, ga, gb, s2 float64) float64 {
	side := 0
	for range 400 {
		var x float64
		lo, hi := min(a, b), max(a, b)
		switch {
		case lo < 0 && hi > 0:
			x = 0
		case lo >= 0 && hi > 4*lo:
			x = math.Sqrt(hi) * math.Sqrt(max(lo, 0x1p-1074))
		case hi <= 0 && lo < 4*hi:
			x = -math.Sqrt(-lo) * math.Sqrt(max(-hi, 0x1p-1074))
		default:
			x = b - gb*(b-a)/(gb-ga)
			if !(x > lo && x < hi) {
				x = a + (b-a)/2
			}
		}
		if x <= lo || x >= hi {
			break
		}
		gx, _ := c.eval(x, s2)
		if gx == 0 || math.IsNaN(gx) {
			return x
		}
		if (gx < 0) == (gb < 0) {
			b, gb = x, gx
			if side == -1 {
				ga /= 2
			}
			side = -1
		} else {
			a, ga = x, gx
			if side == 1 {
				gb /= 2
			}
			side = 1
		}
	}
	if math.Abs(ga) < math.Abs(gb) {
		return a
	}
	return b
}

// follow solves the mean equation at s2 by Newton's method from m0, a root
// at a nearby s²; ok is false if it does not converge.
func (c *curve) follow(m0, s2 float64) (float64, bool) {
	s := math.Sqrt(s2)
	m := m0
	for range 60 {
		mo, j := c.u.Jacobian(m, s2)
		g := c.om*mo.Mean - m
		d := c.om*j.H[0][0] - 1
		if !(d != 0) || math.IsInf(d, 0) || math.IsNaN(g) {
			return m, false
		}
		if math.Abs(g) <= 1e-15*(math.Abs(m)+s) {
			return m, true
		}
		step := g / d
		m -= step
		if math.Abs(step) <= 1e-15*(math.Abs(m)+s) {
			g, _ := c.eval(m, s2)
			return m, math.Abs(g) <= 1e-12*(math.Abs(m)+s)
		}
	}
	return m, false
}

// curveScan is the result of scanning the mean curve.
type curveScan struct {
	points []mapping.Point // fixed points found, in (μ, ν)
	seeds  []mapping.Point // starts for 2-D Newton where branches fold
	low    []curveRoot     // the branches at the lowest s² scanned
	high   []curveRoot     // the branches at the highest s² scanned
	lo, hi float64         // the net-input variances scanned
}

// scanCurve scans the mean curve of l (ω ≠ 0) over net-input variances
// [lo, hi] and returns the fixed points on it.
func scanCurve(l mapping.Layer, lo, hi float64) curveScan {
	c := newCurve(l)
	xlo, xhi := math.Log(lo), math.Log(hi)
	n := int(math.Ceil((xhi-xlo)/math.Ln10*CurveScanPerDecade)) + 1
	at := func(i int) float64 {
		if i == n-1 {
			return xhi
		}
		return xlo + (xhi-xlo)*float64(i)/float64(n-1)
	}
	res := curveScan{lo: lo, hi: hi}
	var prev []curveRoot
	prevX := 0.0
	for i := range n {
		x := at(i)
		s2 := math.Exp(x)
		cur := c.meanRoots(s2, prev, i%CurveScanPerDecade == 0 || i == n-1)
		for _, r := range cur {
			if r.q == 0 {
				res.addNet(l, r.m, s2)
			}
		}
		if i > 0 {
			if len(cur) == len(prev) {
				for j := range cur {
					a, b := prev[j], cur[j]
					if a.q != 0 && b.q != 0 && (a.q < 0) != (b.q < 0) {
						if m, s2r, ok := c.bisectBranch(prevX, x, a, b); ok {
							res.addNet(l, m, s2r)
						} else {
							res.seedNet(l, a.m, math.Exp(prevX))
							res.seedNet(l, b.m, s2)
						}
					}
				}
			} else {
				// A fold: branches appear or vanish in pairs between the
				// two grid points. Newton from every root on both sides.
				for _, r := range prev {
					res.seedNet(l, r.m, math.Exp(prevX))
				}
				for _, r := range cur {
					res.seedNet(l, r.m, s2)
				}
			}
		} else {
			res.low = cur
		}
		prev, prevX = cur, x
	}
	res.high = prev
	return res
}

// bisectBranch bisects the sign change of q between a at s² = e^xa and b
// at e^xb along the branch of the mean curve through them.
func (c *curve) bisectBranch(xa, xb float64, a, b curveRoot) (m, s2 float64, ok bool) {
	for range 200 {
		xm := xa + (xb-xa)/2
		if xm <= xa || xm >= xb {
			break
		}
		s2m := math.Exp(xm)
		// Start from the end nearer in m's linear interpolation.
		mm, ok := c.follow(a.m+(b.m-a.m)/2, s2m)
		if !ok {
			return 0, 0, false
		}
		_, qm := c.eval(mm, s2m)
		if math.IsNaN(qm) {
			return 0, 0, false
		}
		if qm == 0 {
			return mm, s2m, true
		}
		if (qm < 0) == (a.q < 0) {
			xa, a = xm, curveRoot{mm, qm}
		} else {
			xb, b = xm, curveRoot{mm, qm}
		}
	}
	if math.Abs(a.q) <= math.Abs(b.q) {
		return a.m, math.Exp(xa), true
	}
	return b.m, math.Exp(xb), true
}

// addNet records the fixed point at net-input (m, s2) if its (μ, ν) is in
// float64 and it verifies |G| ≤ 1e-10·(|m| + s) and |τν̃ − s²| ≤ 1e-10·s².
func (r *curveScan) addNet(l mapping.Layer, m, s2 float64) {
	p, ok := netPoint(l, m, s2)
	if !ok {
		return
	}
	c := newCurve(l)
	g, q := c.eval(m, s2)
	if !(math.Abs(g) <= 1e-10*(math.Abs(m)+math.Sqrt(s2))) || !(math.Abs(q) <= 1e-10) {
		r.seeds = append(r.seeds, p)
		return
	}
	r.points = append(r.points, p)
}

func (r *curveScan) seedNet(l mapping.Layer, m, s2 float64) {
	if p, ok := netPoint(l, m, s2); ok {
		r.seeds = append(r.seeds, p)
	}
}

// netPoint converts net-input (m, s²) to (μ, ν) = (m/ω, s²/τ); ok is
// false if ν is not a normal positive float64.
func netPoint(l mapping.Layer, m, s2 float64) (mapping.Point, bool) {
	nu := s2 / l.Tau
	if !(nu >= 0x1p-1022) || math.IsInf(nu, 0) {
		return mapping.Point{}, false
	}
	return mapping.Point{Mean: m / l.Omega, Var: nu}, true
}
