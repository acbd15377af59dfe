package verify

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/selu-tool/selu/internal/interval"
)

// problem is one branch-and-bound run.
type problem struct {
	layer       layer
	norm        pnorm // the norm of the contraction
	contraction bool  // prove S < 1 (in that norm)
	selfMap     bool  // prove g maps the (μ, ν) ranges into themselves
	margin      int   // −1: prove ν̃ − ν < 0; +1: prove ν̃ − ν > 0; 0: neither
	settings    Settings
	root        dims
	// the μ and ν ranges that g must map into (selfMap); with selfMap the
	// root is the box of (m, q) = (μω, ντ) written as μ = m, ω = 1, ν = q, τ = 1
	targetMu, targetNu iv
}

// pending is a box waiting for evaluation, with what its parent could not
// prove (for the report when the budget runs out).
type pending struct {
	d      dims
	why    Condition
	parent float64 // the parent's bound on the condition it could not prove
	// the parent's enclosures, valid on this box too
	sHi       float64
	mu, nu, f iv
}

// outcome is the result of a run, before it is dressed as a Certificate or
// a Margin.
type outcome struct {
	proved    bool
	failure   *Failure
	sBound    float64 // max of sHi over all leaves and pending boxes
	sAttained float64 // S at some point of the box is at least this
	mu, nu    iv      // hulls of the enclosures
	f         iv      // hull of the enclosures of ν̃ − ν
	fAttained iv      // [min, max] of point values of ν̃ − ν found
	boxes     int
	levels    int
	elapsed   time.Duration
	loose     bool // stopped early: bounds not refined to the tolerances
}

const chunk = 1 << 14

func (p *problem) run() outcome {
	start := time.Now()
	s := p.settings
	var deadline time.Time
	if s.Timeout > 0 {
		deadline = start.Add(s.Timeout)
	}
	workers := s.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := outcome{
		mu: iv{Lo: math.Inf(1), Hi: math.Inf(-1)}, nu: iv{Lo: math.Inf(1), Hi: math.Inf(-1)},
		f: iv{Lo: math.Inf(1), Hi: math.Inf(-1)}, fAttained: iv{Lo: math.Inf(1), Hi: math.Inf(-1)},
	}
	// Values attained at points: the true minimum of μ̃ is at most knownMuLo,
	// and so on. Updated between levels only, so the run is deterministic.
	known := struct{ muLo, muHi, nuLo, nuHi, fLo, fHi, s float64 }{
		math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1), 0,
	}
	next := known
	merge := func(e eval) {
		next.s = math.Max(next.s, e.sPoint.Lo)
		next.muLo, next.muHi = math.Min(next.muLo, e.muPt.Hi), math.Max(next.muHi, e.muPt.Lo)
		next.nuLo, next.nuHi = math.Min(next.nuLo, e.nuPt.Hi), math.Max(next.nuHi, e.nuPt.Lo)
		if e.havePts[0] {
			next.muLo, next.muHi = math.Min(next.muLo, e.muLoPt.Hi), math.Max(next.muHi, e.muHiPt.Lo)
		}
		if e.havePts[2] {
			next.nuLo, next.nuHi = math.Min(next.nuLo, e.nuLoPt.Hi), math.Max(next.nuHi, e.nuHiPt.Lo)
		}
		if p.margin != 0 {
			next.fLo, next.fHi = math.Min(next.fLo, e.fPt.Hi), math.Max(next.fHi, e.fPt.Lo)
			if e.havePts[4] {
				next.fLo, next.fHi = math.Min(next.fLo, e.fLoPt.Hi), math.Max(next.fHi, e.fHiPt.Lo)
			}
		}
	}
	accept := func(e eval) {
		out.sBound = math.Max(out.sBound, e.sHi)
		out.mu = hull(out.mu, e.mu)
		out.nu = hull(out.nu, e.nu)
		out.f = hull(out.f, e.f)
	}

	// Seed the attained values with the corners of the box, where the
	// extremes often are (they count as evaluated boxes).
corners:
	for v := range 16 {
		var c dims
		for i := range c {
			x := p.root[i].Lo
			if v&(1<<i) != 0 {
				if p.root[i].Hi == x {
					continue corners // the same corner again
				}
				x = p.root[i].Hi
			}
			c[i] = iv{Lo: x, Hi: x}
		}
		e := p.evaluate(c)
		merge(e)
		out.boxes++
		// A value that is not finite at a point stays so in every box
		// containing it: no subdivision can prove anything. Give up at once.
		if out.failure == nil {
			out.failure = p.notFinite(c, e)
		}
		// A corner of the box is a point of it, so a condition that fails
		// there is false. (Not so for the self-map problem, whose corners are
		// rounded products.)
		if !p.selfMap && out.failure == nil {
			if vd, why, bound, _ := p.judge(c, e, 0, -1, 0, math.Inf(-1), math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1), math.Inf(1)); vd == disproved {
				out.failure = &Failure{Condition: why, Box: c.box(), Bound: bound, Proven: true}
			}
		}
	}
	known = next
	if out.failure != nil {
		// Bounds on the whole box from the root alone.
		e := p.evaluate(p.root)
		out.boxes++
		out.sBound, out.mu, out.nu, out.f = e.sHi, e.mu, e.nu, e.f
		out.sAttained = known.s
		out.fAttained = iv{Lo: known.fLo, Hi: known.fHi}
		out.elapsed = time.Since(start)
		return out
	}

	level := []pending{{d: p.root, why: Budget}}
	var results []eval // grown to the largest chunk evaluated (most runs need a few)
	maxBoxes := s.maxBoxes()
	tolS, tol := s.spectralTolerance(), s.tolerance()
	for len(level) > 0 && out.failure == nil {
		out.levels++
		var children, rest []pending
		stopped := false
		for lo := 0; lo < len(level) && out.failure == nil && !stopped; lo += chunk {
			hi := min(lo+chunk, len(level))
			if out.boxes+(hi-lo) > maxBoxes || (!deadline.IsZero() && time.Now().After(deadline)) {
				out.failure = p.exhausted(level[lo:], children, maxBoxes, !deadline.IsZero() && time.Now().After(deadline))
				rest = level[lo:]
				stopped = true
				break
			}
			if cap(results) < hi-lo {
				results = make([]eval, hi-lo, min(chunk, max(hi-lo, 2*cap(results))))
			}
			results = results[:hi-lo]
			var cursor atomic.Int64
			var wg sync.WaitGroup
			for range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						i := int(cursor.Add(1)) - 1
						if i >= hi-lo {
							return
						}
						results[i] = p.evaluate(level[lo+i].d)
					}
				}()
			}
			wg.Wait()
			out.boxes += hi - lo
			if out.failure == nil && hi < len(level) {
				rest = level[hi:] // in case this chunk ends the run
			} else {
				rest = nil
			}
			for i, e := range results {
				if out.failure == nil && len(children) > maxBoxes-out.boxes {
					// The boxes queued already exceed the budget, so the run
					// cannot finish: stop now rather than hold them all.
					out.failure = p.exhausted(level[lo+i:], children, maxBoxes, false)
					rest = level[lo+i:]
					stopped = true
					break
				}
				d := level[lo+i].d
				merge(e)
				verdict, why, bound, score := p.judge(d, e, known.s, tolS, tol, known.muLo, known.muHi, known.nuLo, known.nuHi, known.fLo, known.fHi)
				switch verdict {
				case accepted:
					accept(e)
				case disproved:
					if out.failure == nil {
						out.failure = &Failure{Condition: why, Box: d.box(), Bound: bound, Proven: true}
					}
					accept(e)
				case split:
					k := argmax(score, d)
					if k < 0 {
						if why == Tightness { // proved; only the refinement stops here
							out.loose = true
							accept(e)
							continue
						}
						if out.failure == nil {
							out.failure = &Failure{Condition: why, Box: d.box(), Bound: bound,
								Detail: "the box cannot be split further (float64 resolution)"}
						}
						accept(e)
						continue
					}
					m := d[k].Mid()
					l, r := d, d
					l[k].Hi, r[k].Lo = m, m
					children = append(children, pending{l, why, bound, e.sHi, e.mu, e.nu, e.f}, pending{r, why, bound, e.sHi, e.mu, e.nu, e.f})
				}
			}
		}
		known = next
		if out.failure != nil || stopped {
			out.loose = (out.loose || stopped) && out.failure == nil
			// The boxes left unresolved keep their parents' enclosures, so
			// that the reported bounds still cover the whole box.
			for _, q := range append(rest, children...) {
				if q.d == p.root {
					out.sBound, out.mu, out.nu, out.f = math.Inf(1), interval.Entire(), interval.Entire(), interval.Entire()
					continue
				}
				out.sBound = math.Max(out.sBound, q.sHi)
				out.mu, out.nu, out.f = hull(out.mu, q.mu), hull(out.nu, q.nu), hull(out.f, q.f)
			}
			break
		}
		level = children
	}
	out.sAttained = known.s
	out.fAttained = iv{Lo: known.fLo, Hi: known.fHi}
	out.proved = out.failure == nil
	out.elapsed = time.Since(start)
	return out
}

// notFinite returns a failure if a value at the point box c is not finite
// (float64 overflow), else nil.
func (p *problem) notFinite(c dims, e eval) *Failure {
	bad := func(x iv) bool {
		return math.IsInf(x.Lo, 0) || math.IsInf(x.Hi, 0) || math.IsNaN(x.Lo) || math.IsNaN(x.Hi)
	}
	var name string
	switch {
	case bad(e.muPt):
		name = "μ̃"
	case bad(e.nuPt):
		name = "ν̃"
	case p.contraction && bad(e.sPoint):
		name = "the norm of H"
	case p.margin != 0 && bad(e.fPt):
		name = "ν̃ − ν"
	default:
		return nil
	}
	why := SpectralNorm
	switch {
	case p.selfMap && name == "μ̃":
		why = MeanInRange
	case p.selfMap:
		why = VarInRange
	case p.margin < 0:
		why = VarDecreases
	case p.margin > 0:
		why = VarIncreases
	}
	return &Failure{Condition: why, Box: c.box(), Bound: math.NaN(), Image: p.selfMap,
		Detail: name + " is not finite in float64 at this point (the constants or the box lie beyond the range of the interval arithmetic); no subdivision can help"}
}

func hull(x, y iv) iv { return iv{Lo: math.Min(x.Lo, y.Lo), Hi: math.Max(x.Hi, y.Hi)} }

type verdict int

const (
	accepted verdict = iota
	split
	disproved
)

// judge decides what to do with an evaluated box.
func (p *problem) judge(d dims, e eval, knownS, tolS, tol, muLo, muHi, nuLo, nuHi, fLo, fHi float64) (verdict, Condition, float64, [4]float64) {
	if p.contraction {
		if e.sPoint.Lo >= 1 {
			return disproved, SpectralNorm, e.sPoint.Lo, e.scoreS
		}
		if !(e.sHi < 1) {
			return split, SpectralNorm, e.sHi, e.scoreS
		}
	}
	if p.selfMap {
		tm, tn := p.targetMu, p.targetNu
		if e.muPt.Lo > tm.Hi || e.muPt.Hi < tm.Lo {
			return disproved, MeanInRange, e.muPt.Mid(), e.scoreMu
		}
		if e.nuPt.Lo > tn.Hi || e.nuPt.Hi < tn.Lo {
			return disproved, VarInRange, e.nuPt.Mid(), e.scoreNu
		}
		if e.mu.Lo < tm.Lo || e.mu.Hi > tm.Hi {
			return split, MeanInRange, farthest(e.mu, tm), e.scoreMu
		}
		if e.nu.Lo < tn.Lo || e.nu.Hi > tn.Hi {
			return split, VarInRange, farthest(e.nu, tn), e.scoreNu
		}
	}
	switch p.margin {
	case -1:
		if e.fPt.Lo >= 0 {
			return disproved, VarDecreases, e.fPt.Lo, e.scoreF
		}
		if !(e.f.Hi < 0) {
			return split, VarDecreases, e.f.Hi, e.scoreF
		}
		if e.f.Hi > fHi+tol {
			return split, Tightness, e.f.Hi, e.scoreF
		}
	case 1:
		if e.fPt.Hi <= 0 {
			return disproved, VarIncreases, e.fPt.Hi, e.scoreF
		}
		if !(e.f.Lo > 0) {
			return split, VarIncreases, e.f.Lo, e.scoreF
		}
		if e.f.Lo < fLo-tol {
			return split, Tightness, e.f.Lo, e.scoreF
		}
	}
	// Tightness of what is reported.
	if p.contraction && tolS >= 0 && e.sHi > knownS+tolS {
		return split, Tightness, e.sHi, e.scoreS
	}
	if p.selfMap {
		if e.mu.Lo < muLo-tol || e.mu.Hi > muHi+tol {
			return split, Tightness, e.mu.Lo, e.scoreMuT
		}
		if e.nu.Lo < nuLo-tol*math.Max(1, math.Abs(nuLo)) || e.nu.Hi > nuHi+tol*math.Max(1, math.Abs(nuHi)) {
			return split, Tightness, e.nu.Lo, e.scoreNuT
		}
	}
	return accepted, 0, 0, [4]float64{}
}

// farthest returns the endpoint of x farthest outside r.
func farthest(x iv, r iv) float64 {
	if r.Lo-x.Lo > x.Hi-r.Hi {
		return x.Lo
	}
	return x.Hi
}

// argmax returns the coordinate with the largest score that can still be
// bisected, or −1.
func argmax(score [4]float64, d dims) int {
	best, k := -1.0, -1
	for i, s := range score {
		m := d[i].Mid()
		if !(m > d[i].Lo && m < d[i].Hi) {
			continue
		}
		if s > best {
			best, k = s, i
		}
	}
	if k >= 0 && best == 0 {
		// No sensitivity information: bisect the widest coordinate relative
		// to the root.
		best = -1
		for i := range d {
			m := d[i].Mid()
			if !(m > d[i].Lo && m < d[i].Hi) {
				continue
			}
			if w := d[i].Width(); w > best {
				best, k = w, i
			}
		}
	}
	return k
}

// exhausted builds the failure report when the box or time budget runs out:
// among the unresolved boxes, the one with the worst bound on the first
// condition (in the order SpectralNorm, MeanInRange, VarInRange,
// VarDecreases, VarIncreases) still unproved. It returns nil when every
// unresolved box lacks only Tightness: then every condition is proved, and
// only the refinement of the reported bounds was cut short.
func (p *problem) exhausted(rest, children []pending, maxBoxes int, timedOut bool) *Failure {
	var worst *pending
	for _, list := range [][]pending{rest, children} {
		for i := range list {
			q := &list[i]
			if q.why == Tightness {
				continue
			}
			if worst == nil || q.why < worst.why || q.why == worst.why && worse(q.why, q.parent, worst.parent) {
				worst = q
			}
		}
	}
	if worst == nil {
		return nil
	}
	what := fmt.Sprintf("box budget of %d boxes exhausted", maxBoxes)
	if timedOut {
		what = fmt.Sprintf("time budget of %v exhausted", p.settings.Timeout)
	}
	bound := worst.parent
	if worst.why == Budget {
		bound = math.NaN() // the box was never evaluated: no bound
	}
	return &Failure{Condition: worst.why, Box: worst.d.box(), Bound: bound,
		Detail: fmt.Sprintf("%s with %d boxes unresolved", what, len(rest)+len(children))}
}

// worse reports whether bound x is worse than y for condition c.
func worse(c Condition, x, y float64) bool {
	switch c {
	case VarIncreases:
		return x < y
	case MeanInRange, VarInRange:
		return math.Abs(x) > math.Abs(y)
	}
	return x > y
}
