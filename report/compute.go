package report

import (
	"context"
	"fmt"
	"html/template"
	"math"
	"math/big"
	"runtime"
	"strconv"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/selu-tool/selu/compare"
	numtext "github.com/selu-tool/selu/internal/decimal"
	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/montecarlo"
	"github.com/selu-tool/selu/solver"
	"github.com/selu-tool/selu/verify"
)

// build computes everything the report shows for the target of c: it
// solves λ and α (package solver), samples the layer map over grids
// (package mapping), proves the certificate unless c.Verify.Off (package
// verify) and runs the Monte Carlo networks unless c.MC.Off (package
// montecarlo). It is the only
// place where the report's numbers are computed; Render only draws them.
//
// Build returns an error, before any long computation, for an infeasible
// target, bad weights or out-of-range sizes.
func build(ctx context.Context, c Config) (*reportData, error) {
	c, err := c.withDefaults()
	if err != nil {
		return nil, err
	}
	d := &reportData{Repro: repro{
		CommandLine: c.CommandLine,
		Version:     c.Version,
		GoVersion:   runtime.Version(),
		Generated:   time.Now().UTC(),
	}}
	stage := func(name string, fn func() error) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		t := time.Now()
		err := fn()
		d.Repro.Timings = append(d.Repro.Timings, timing{name, time.Since(t)})
		return err
	}

	res := c.Result
	fillSolution(d, res)
	d.Snippets = snippets(res)
	layer := mapFor(res)
	fixed := point{d.Target.Mean, d.Target.Var}
	win := windowAround(fixed)
	if err := stage("both conventions", func() (err error) {
		d.Compare, err = compareConventions(res, max(c.MC.Depth, 32))
		return err
	}); err != nil {
		return nil, err
	}

	stages := []struct {
		name string
		fn   func() error
	}{
		{"vector field", func() error { d.Field = field(layer, fixed, win, c.FieldN); return nil }},
		{"basin of attraction", func() error {
			d.VarBasin = varianceBasin(layer, fixed, c.CurveN, c.MaxSteps)
			if !res.RandomWeights {
				// With ω = 0 the mean is forgotten after one layer: show the
				// basin at the largest ω of Theorem 1's widths (the box the
				// certificate starts from) instead.
				bl := mapping.Layer{Constants: res.Constants, Weights: res.Weights}
				if res.Weights.Omega == 0 {
					bl.Omega = verifyBox(fixed, res.Weights).Omega.Hi
				}
				bw := basinWindow(fixed)
				bw.mu0, bw.mu1 = win.mu0, win.mu1 // the vector field's μ range
				d.Basin = basin(bl, fixed, bw, c.BasinN, c.MaxSteps)
				d.Basin.Omega, d.Basin.Tau = bl.Omega, bl.Tau
			}
			return nil
		}},
		{"variance curve", func() error { d.Variance = varianceCurve(layer, fixed, c.CurveN); return nil }},
		{"S and ρ maps", func() error { d.Norm, d.Radius = stabilityMaps(layer, win, c.GridN); return nil }},
		{"feasible region", func() error {
			d.Feasibility = feasibility(res.Weights, res.RandomWeights, feasibleWindow(fixed), c.FeasibleN)
			return nil
		}},
	}
	for _, s := range stages {
		if err := stage(s.name, s.fn); err != nil {
			return nil, err
		}
	}
	if !c.Verify.Off && !res.RandomWeights {
		if err := stage("certificate", func() error {
			cert, err := certify(c.Verify, res, fixed)
			if err != nil {
				return err
			}
			d.Certificate = cert
			ok := cert.Certified
			d.Verdict.Certified = &ok
			return nil
		}); err != nil {
			return nil, err
		}
	}
	if !c.Tradeoff.Off && !res.RandomWeights {
		if err := stage("trade-off", func() (err error) {
			d.Tradeoff, err = tradeoff(c, res)
			return err
		}); err != nil {
			return nil, err
		}
	}
	if !c.MC.Off {
		if err := stage("Monte Carlo", func() (err error) {
			d.MonteCarlo, err = simulate(ctx, c.MC, res, d.Compare)
			return err
		}); err != nil {
			return nil, err
		}
		d.Repro.Seeds = append(d.Repro.Seeds, "Monte Carlo seed "+strconv.FormatUint(c.MC.Seed, 10)+" (every network)")
	}
	return d, nil
}

// tradeoff computes and draws the trade-off section for the report's
// target (TradeoffSection): the curves over ν* for the target's mean and
// weights with the target ringed, over a range that contains it, and the
// heat maps of χ and ξ_c over (μ*, ν*).
func tradeoff(c Config, res *solver.Result) (template.HTML, error) {
	depth := c.MC.Depth
	if depth == 0 {
		depth = compare.DefaultDepth
	}
	rows, err := compare.Rows([]compare.Target{res.Target}, &compare.Options{Omega: res.Omega, Tau: res.Tau, Depth: depth})
	if err != nil {
		return "", err
	}
	r := rows[0]
	o := TradeoffOptions{
		Depth: depth, CurvePoints: c.Tradeoff.CurvePoints, MapPoints: c.Tradeoff.MapPoints,
		VarMin: math.Min(0.01, r.Var/2), VarMax: math.Max(100, 2*r.Var),
		MeanMin: math.Min(-1, r.Mean-0.5), MeanMax: math.Max(1, r.Mean+0.5),
	}
	return TradeoffSection(rows, o)
}

// fillSolution copies the solver's answer into d.
func fillSolution(d *reportData, res *solver.Result) {
	mean, _ := res.Target.Mean.Float64()
	variance, _ := res.Target.Var.Float64()
	d.Target = targetView{Mean: mean, Var: variance, MeanText: ratText(res.Target.Mean), VarText: ratText(res.Target.Var)}
	w := res.Weights
	d.Convention = conventionView{Omega: w.Omega, Tau: w.Tau, Name: res.Convention.String(), Random: res.RandomWeights}
	d.Constants = constantsView{
		Digits:     res.Digits,
		Lambda:     res.Text(res.Lambda),
		Alpha:      res.Text(res.Alpha),
		Saturation: res.Text(res.AlphaPrime),
		LambdaF:    res.Constants.Lambda,
		AlphaF:     res.Constants.Alpha,
	}
	s := res.Stability
	d.Stability = stabilityView{H: s.H, Eigenvalues: s.Eigenvalues, Norm: s.SpectralNorm, Radius: s.SpectralRadius}
	d.Verdict = verdictView{Class: res.Verdict}
	for _, dr := range res.Dropout {
		a, _ := dr.A.Float64()
		b, _ := dr.B.Float64()
		d.Dropout = append(d.Dropout, dropoutRow{Rate: dr.Rate, A: res.Text(dr.A), B: res.Text(dr.B), AF: a, BF: b})
	}
}

// window is a rectangle of the (μ, ν) plane.
type window struct{ mu0, mu1, nu0, nu1 float64 }

// windowAround is the window of the vector field and the S, ρ maps: the
// fixed point's neighbourhood, scaled with the target's standard deviation.
func windowAround(p point) window {
	sd := math.Sqrt(p.Var)
	a := math.Max(0.5, 0.5*sd)
	return window{p.Mean - a, p.Mean + a, 0.25 * p.Var, 1.75 * p.Var}
}

// basinWindow is wider, reaching near-zero variance and 4 times ν*.
func basinWindow(p point) window {
	sd := math.Sqrt(p.Var)
	a := math.Max(1.5, 1.5*sd)
	return window{p.Mean - a, p.Mean + a, p.Var / 100, 4 * p.Var}
}

// feasibleWindow covers targets up to twice this target's variance (at
// least 2) and the means that can be feasible there.
func feasibleWindow(p point) window {
	nu1 := math.Max(2, 2*p.Var)
	a := math.Max(1.2*math.Sqrt(nu1), 1.2*math.Abs(p.Mean))
	return window{-a, a, nu1 / 200, nu1}
}

// linspace returns n evenly spaced points from a to b.
func linspace(a, b float64, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = a + (b-a)*float64(i)/float64(n-1)
	}
	return v
}

// parallelRows calls fn(j) for j in [0, n) on all CPUs.
func parallelRows(n int, fn func(j int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for j := range next {
				fn(j)
			}
		})
	}
	for j := range n {
		next <- j
	}
	close(next)
	wg.Wait()
}

// field samples g(μ, ν) − (μ, ν) on an n×n grid of w and iterates g from
// four starts near the corners until the iterate is within basinTol of the
// fixed point, leaves the window or fieldMaxSteps steps are taken.
func field(l layerMap, fixed point, w window, n int) *fieldData {
	f := &fieldData{X: linspace(w.mu0, w.mu1, n), Y: linspace(w.nu0, w.nu1, n), Fixed: fixed}
	f.DX, f.DY = make([]float64, n*n), make([]float64, n*n)
	parallelRows(n, func(j int) {
		nu := f.Y[j]
		for i, mu := range f.X {
			m := l.Moments(mu, nu)
			f.DX[j*n+i], f.DY[j*n+i] = m.Mean-mu, m.Var-nu
		}
	})
	inset := func(a, b float64) float64 { return a + 0.1*(b-a) }
	starts := []mapping.Point{
		{Mean: inset(w.mu0, w.mu1), Var: inset(w.nu0, w.nu1)},
		{Mean: inset(w.mu1, w.mu0), Var: inset(w.nu0, w.nu1)},
		{Mean: inset(w.mu0, w.mu1), Var: inset(w.nu1, w.nu0)},
		{Mean: inset(w.mu1, w.mu0), Var: inset(w.nu1, w.nu0)},
	}
	scale := math.Max(1, math.Sqrt(fixed.Var))
	for _, s := range starts {
		path := []point{{s.Mean, s.Var}}
		p := s
		for range fieldMaxSteps {
			m := l.Moments(p.Mean, p.Var)
			p = mapping.Point{Mean: m.Mean, Var: m.Var}
			if !finite(p.Mean) || !finite(p.Var) || p.Mean < w.mu0 || p.Mean > w.mu1 || p.Var < w.nu0 || p.Var > w.nu1 {
				break
			}
			path = append(path, point{p.Mean, p.Var})
			if math.Abs(p.Mean-fixed.Mean) <= basinTol*scale && math.Abs(p.Var-fixed.Var) <= basinTol*fixed.Var {
				break
			}
		}
		if len(path) > 1 {
			f.Paths = append(f.Paths, path)
			f.PathSteps = max(f.PathSteps, len(path)-1)
		}
	}
	return f
}

// fieldMaxSteps bounds the iterate lines of the vector field.
const fieldMaxSteps = 2000

// Thresholds of the basin iteration, relative to the target.
const (
	basinTol      = 1e-4 // converged: within basinTol·max(1, √ν*) in μ and basinTol·ν* in ν
	basinCollapse = 1e-10
	basinExplode  = 1e8
	basinSettled  = 1e-9 // a step this small (relative) away from the target: settled elsewhere
)

// basin classifies the orbit of g (mapping's Orbit) from each start of an
// n×n grid of w: within basinTol of the fixed point, collapsed
// (ν < basinCollapse·ν*), exploded (ν or |μ| above basinExplode times the
// target's scale, or not finite), settled at another point (a step below
// basinSettled relative, counted as not converged) or maxSteps steps taken.
func basin(l mapping.Layer, fixed point, w window, n, maxSteps int) *basinData {
	// The layer's own fixed point near the target (for ω other than the
	// report's, it moves).
	if r, err := l.FixedPoint(mapping.Point{Mean: fixed.Mean, Var: fixed.Var}, nil); err == nil {
		fixed = point{r.Point.Mean, r.Point.Var}
		// Keep it inside the window, with a margin.
		sd := math.Sqrt(fixed.Var)
		w.mu0, w.mu1 = math.Min(w.mu0, fixed.Mean-0.5*sd), math.Max(w.mu1, fixed.Mean+0.5*sd)
		w.nu1 = math.Max(w.nu1, 1.5*fixed.Var)
	}
	b := &basinData{Fixed: fixed,
		X: linspace(w.mu0, w.mu1, n), Y: linspace(w.nu0, w.nu1, n),
		Outcome: make([]outcome, n*n), Steps: make([]int, n*n),
		MaxSteps: maxSteps, Tol: basinTol,
	}
	set := basinSettings(fixed, maxSteps)
	parallelRows(n, func(j int) {
		for i, mu := range b.X {
			b.Outcome[j*n+i], b.Steps[j*n+i] = basinOutcome(l, set, mu, b.Y[j])
		}
	})
	return b
}

// varianceBasin follows the orbit of l from (μ*, ν₀) for n starts ν₀
// spaced evenly in log from 10⁻³ν* to 10³ν* (n rounded up to odd, so that
// ν* is one of them), with basin's thresholds.
func varianceBasin(l layerMap, fixed point, n, maxSteps int) *varBasin {
	n |= 1 // odd, so that ν* itself is a start
	v := &varBasin{Mean: fixed.Mean, Fixed: fixed.Var, X: make([]float64, n), Outcome: make([]outcome, n), Steps: make([]int, n), MaxSteps: maxSteps}
	set := basinSettings(fixed, maxSteps)
	for i := range v.X {
		v.X[i] = fixed.Var * math.Pow(10, -3+6*float64(i)/float64(n-1))
		v.Outcome[i], v.Steps[i] = basinOutcome(l, set, fixed.Mean, v.X[i])
	}
	return v
}

// basinSettings are the orbit settings of the basin for the fixed point.
func basinSettings(fixed point, maxSteps int) *mapping.OrbitSettings {
	scale := math.Max(1, math.Sqrt(fixed.Var))
	return &mapping.OrbitSettings{
		MaxSteps: maxSteps, Tolerance: basinSettled,
		CollapseVar: basinCollapse * fixed.Var, ExplodeVar: basinExplode * fixed.Var, ExplodeMean: basinExplode * scale,
		Target: &mapping.Point{Mean: fixed.Mean, Var: fixed.Var}, TargetTol: basinTol,
	}
}

// basinOutcome is the outcome of the orbit from (mu, nu) and its number of
// steps; an orbit that settled elsewhere has not converged.
func basinOutcome(l layerMap, set *mapping.OrbitSettings, mu, nu float64) (outcome, int) {
	r, err := l.Orbit(mapping.Point{Mean: mu, Var: nu}, set)
	o := r.Status
	if err != nil || o == mapping.Settled {
		o = outNotConverged
	}
	return o, r.Steps
}

// varianceCurve samples ν ↦ ν̃(μ*, ν) on a log grid spanning the regions of
// the paper's Theorems 2 and 3 and the target.
func varianceCurve(l layerMap, fixed point, n int) *curve {
	lo := math.Min(0.01, fixed.Var/100)
	hi := math.Max(16, 10*fixed.Var)
	c := &curve{Mean: fixed.Mean, Fixed: fixed.Var, X: make([]float64, n), Y: make([]float64, n)}
	for i := range c.X {
		nu := lo * math.Pow(hi/lo, float64(i)/float64(n-1))
		c.X[i], c.Y[i] = nu, l.Moments(fixed.Mean, nu).Var
	}
	return c
}

// stabilityMaps samples S and ρ of the Jacobian of g on an n×n grid of w.
func stabilityMaps(l layerMap, w window, n int) (norm, radius *grid) {
	x, y := linspace(w.mu0, w.mu1, n), linspace(w.nu0, w.nu1, n)
	norm = &grid{X: x, Y: y, Z: make([]float64, n*n)}
	radius = &grid{X: x, Y: y, Z: make([]float64, n*n)}
	parallelRows(n, func(j int) {
		for i, mu := range x {
			s := l.Stability(mu, y[j])
			norm.Z[j*n+i], radius.Z[j*n+i] = s.SpectralNorm, s.SpectralRadius
		}
	})
	return norm, radius
}

// feasibility classifies the targets of an n×n grid of w for weights wt
// (random weights N(0, τ/n) if random).
func feasibility(wt mapping.Weights, random bool, w window, n int) *feasibilityData {
	f := &feasibilityData{X: linspace(w.mu0, w.mu1, n), Y: linspace(w.nu0, w.nu1, n), Class: make([]class, n*n)}
	parallelRows(n, func(j int) {
		for i, mu := range f.X {
			if random {
				f.Class[j*n+i] = classifyLeCun(wt.Tau, mu, f.Y[j])
			} else {
				f.Class[j*n+i], _ = wt.Classify(mapping.Point{Mean: mu, Var: f.Y[j]})
			}
		}
	})
	return f
}

// classifyLeCun is Weights.Classify for random weights N(0, τ/n)
// (mapping.SolveLeCun; the stability of the one-dimensional map).
func classifyLeCun(tau, mu, nu float64) class {
	c, err := mapping.SolveLeCun(mapping.Point{Mean: mu, Var: nu}, tau)
	if err != nil {
		return classInfeasible
	}
	return mapping.LeCunLayer{Constants: c, Tau: tau}.Stability(mu, nu).Class()
}

// verifyBox is the box of the certificate: verify.DefaultBox around the
// fixed point (the analogue of the paper's Theorem 1 domain), with ω and τ
// centred on the report's weights when they are not the paper's.
func verifyBox(fixed point, w mapping.Weights) verify.Box {
	b := verify.DefaultBox(fixed.Mean, fixed.Var)
	if w != mapping.Normalized() {
		b.Omega = verify.Range{Lo: w.Omega - 0.1, Hi: w.Omega + 0.1}
		b.Tau = verify.Range{Lo: 0.95 * w.Tau, Hi: 1.1 * w.Tau}
	}
	return b
}

// certify runs verify.Certify for the solved float64 constants (which
// verify widens by one ulp, so that the certificate covers the exact
// constants): it looks for a box around the fixed point with Theorem 1's
// widths of ω and τ around the report's weights, shrinking them when the
// proof fails there. Proven bounds are printed outward
// (verify.FormatBound); the box, a domain, exactly.
func certify(vc VerifyConfig, res *solver.Result, fixed point) (*certificate, error) {
	v, err := verify.Certify(mapping.Point{Mean: fixed.Mean, Var: fixed.Var}, res.Constants, res.Weights,
		&verify.SearchOptions{Settings: &verify.Settings{MaxBoxes: vc.MaxBoxes, Timeout: vc.Timeout}})
	if err != nil {
		return nil, fmt.Errorf("report: certificate: %w", err)
	}
	box := v.Box
	up := func(x float64) string { return verify.FormatBound(x, true, 10) }
	ex := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	dom := func(name string, r verify.Range) interval { return interval{name, ex(r.Lo), ex(r.Hi)} }
	encl := func(name string, r verify.Range) interval {
		return interval{name, verify.FormatBound(r.Lo, false, 10), verify.FormatBound(r.Hi, true, 10)}
	}
	normName, sName := "the 2-norm", "S"
	if !v.Norm.Euclidean() {
		normName, sName = "the weighted norm ‖P·‖₂, "+v.Norm.String(), "‖P H P⁻¹‖₂"
	}
	c := &certificate{
		Certified: v.Certified,
		Region: []interval{
			dom("μ", box.Mu), dom("ω", box.Omega), dom("ν", box.Nu), dom("τ", box.Tau),
		},
		BoundName: sName + " over the box",
		Bound:     sName + " ≤ " + up(v.MaxSpectralNorm),
		Boxes:     v.Boxes,
		Elapsed:   v.Elapsed,
	}
	if v.Piecewise() {
		// Each piece of the (ω, τ) ranges has a (μ, ν) box and a norm of
		// its own: the region is the hull of the pieces' boxes, and the
		// bound the largest over the pieces, each in its own norm.
		c.Region[0].Name, c.Region[2].Name = "μ (hull of the pieces' boxes)", "ν (hull of the pieces' boxes)"
		c.BoundName = fmt.Sprintf("largest bound over the %d pieces (each in its own norm)", len(v.Pieces))
		c.Claim = fmt.Sprintf("the weight ranges ω ∈ [%s, %s], τ ∈ [%s, %s] were split into %d pieces that cover them, each with a (μ, ν) box and a norm of its own; for every (ω, τ) of a piece the layer map is a contraction (bound ≤ %s < 1) of that piece's box into itself, so it has exactly one fixed point there, and it attracts (Banach's theorem, as in the paper's Theorem 1, piece by piece). Where pieces meet their boxes overlap, so their fixed points are the same. No single (μ, ν) box serves all these weights, so this says nothing about layers whose ω and τ change from layer to layer",
			ex(box.Omega.Lo), ex(box.Omega.Hi), ex(box.Tau.Lo), ex(box.Tau.Hi), len(v.Pieces), up(v.MaxSpectralNorm))
		c.Enclosures = []interval{encl("the fixed point's mean (over all pieces)", v.Mean), encl("the fixed point's variance (over all pieces)", v.Var)}
	} else if v.Certified {
		c.Claim = fmt.Sprintf("for every ω ∈ [%s, %s] and τ ∈ [%s, %s] the layer map is a contraction in %s (%s ≤ %s < 1) of μ ∈ [%s, %s], ν ∈ [%s, %s] into itself, so it has exactly one fixed point there and it attracts (Banach's theorem, as in the paper's Theorem 1 with Lemmas 12 and 13)",
			ex(box.Omega.Lo), ex(box.Omega.Hi), ex(box.Tau.Lo), ex(box.Tau.Hi), normName, sName, up(v.MaxSpectralNorm),
			ex(box.Mu.Lo), ex(box.Mu.Hi), ex(box.Nu.Lo), ex(box.Nu.Hi))
		c.Enclosures = []interval{encl("the fixed point's mean", v.Mean), encl("the fixed point's variance", v.Var)}
	} else {
		c.Claim = v.Reason()
	}
	c.Bound += " (largest value found at a point of the box, not a bound: " + formatG(v.SpectralNormAttained, 10) + ")"
	for _, p := range v.Pieces {
		if p.MaxSpectralNorm == v.MaxSpectralNorm {
			c.Bound = fmt.Sprintf("%s ≤ %s in the piece ω ∈ [%s, %s], τ ∈ [%s, %s], in %s (largest value found at a point of that piece, not a bound: %s)",
				sName, up(v.MaxSpectralNorm), ex(p.Box.Omega.Lo), ex(p.Box.Omega.Hi), ex(p.Box.Tau.Lo), ex(p.Box.Tau.Hi), normName, formatG(p.SpectralNormAttained, 10))
			break
		}
	}
	if !v.Certified && v.Boxes == 0 {
		// The search stopped before any box was evaluated (no box that g
		// maps into itself): there is no bound and no value attained.
		c.BoundName, c.Bound = "", ""
	}
	c.Note = "Interval arithmetic with outward rounding and branch and bound (package verify); λ and α are widened by one ulp so that the certificate covers the exact constants, and every proven bound is printed rounded outward. The proof assumes Go's math.Exp and math.Erfc accurate to 2 and 4 ulp (checked against mpmath, widened fourfold)."
	if sr := v.Search; sr != nil {
		c.Note += fmt.Sprintf(" The box was sought around the fixed point with ω ∈ [%s, %s], τ ∈ [%s, %s] (Theorem 1's widths around the report's weights)", ex(sr.Omega.Lo), ex(sr.Omega.Hi), ex(sr.Tau.Lo), ex(sr.Tau.Hi))
		switch {
		case v.Certified && sr.Scale < 1:
			c.Note += fmt.Sprintf("; only %s of those widths could be certified", formatG(sr.Scale, 3))
		}
		if sb := sr.SingleBox; sb != nil {
			b := sb.Box
			c.Note += fmt.Sprintf("; a single (μ, ν) box for all the weights is certified at %s of those widths (μ ∈ [%s, %s], ω ∈ [%s, %s], ν ∈ [%s, %s], τ ∈ [%s, %s])",
				formatG(sr.SingleScale, 3), ex(b.Mu.Lo), ex(b.Mu.Hi), ex(b.Omega.Lo), ex(b.Omega.Hi), ex(b.Nu.Lo), ex(b.Nu.Hi), ex(b.Tau.Lo), ex(b.Tau.Hi))
		}
		attempts := "attempts"
		if len(sr.Attempts) == 1 {
			attempts = "attempt"
		}
		c.Note += fmt.Sprintf("; %d %s, %d boxes, %s in all.", len(sr.Attempts), attempts, sr.Boxes, formatDuration(sr.Elapsed))
		if a := sr.Advice; a != "" {
			r, n := utf8.DecodeRuneInString(a)
			c.Note += " " + string(unicode.ToUpper(r)) + a[n:]
		}
	}
	if v.Loose {
		c.Note += " The budget ran out before the bounds were refined to their tolerances; they are still proven bounds."
	}
	return c, nil
}

// simulate runs the Monte Carlo networks of section 6: this report's
// constants with exact-row weights and (for ω = 0) with random weights, each
// with and without alpha dropout, and for μ* ≠ 0 the other convention's
// constants (cmp) with the initialization they are meant for. The inputs
// start off the target, at N(μ* + 1, 2ν*) as selu-solve mc does, so that
// convergence (or drift) shows.
func simulate(ctx context.Context, m MCConfig, res *solver.Result, cmp *comparison) (*monteCarlo, error) {
	mean, _ := res.Target.Mean.Float64()
	variance, _ := res.Target.Var.Float64()
	inMean, inVar := mean+1, 2*variance
	mc := &monteCarlo{Width: m.Width, Depth: m.Depth, Batch: m.Batch, Seed: m.Seed, DropoutRate: m.DropoutRate}
	tau := res.Weights.Tau
	random := montecarlo.Init{Kind: montecarlo.LeCun}
	randomName := "LeCun"
	if tau != 1 {
		random = montecarlo.Init{Kind: montecarlo.Gain, Gain: math.Sqrt(tau)}
		randomName = fmt.Sprintf("random N(0, %g/n)", tau)
	}
	type spec struct {
		name      string
		init      montecarlo.Init
		group     string
		rate      float64
		constants mapping.Constants
	}
	var runs []spec
	add := func(name string, init montecarlo.Init, group string, c mapping.Constants) {
		runs = append(runs,
			spec{name + " weights", init, group, 0, c},
			spec{fmt.Sprintf("%s, dropout %g", name, m.DropoutRate), init, group, m.DropoutRate, c})
	}
	add("exact", montecarlo.Init{Kind: montecarlo.Exact}, "exact", res.Constants)
	skipped := ""
	if res.Weights.Omega == 0 {
		add(randomName, random, "lecun", res.Constants)
	} else {
		// Random weights have Σw = 0 on average: they do not realize ω ≠ 0.
		skipped = fmt.Sprintf(" Random (LeCun) weights are not run: their Σw is 0 on average, not this report's ω = %g.", res.Weights.Omega)
	}
	altNote := ""
	if cmp != nil {
		other := cmp.Columns[0]
		init, name := montecarlo.Init{Kind: montecarlo.Exact}, "exact"
		otherRes := "the paper's (exact-row) constants"
		if !res.RandomWeights {
			other, init, name = cmp.Columns[1], random, randomName
			otherRes = "the random-weight constants"
		}
		if c := other.Constants; c.Validate() == nil && c.Lambda > 0 {
			add(name+" ("+map[bool]string{true: "paper", false: "random-weight"}[res.RandomWeights]+" constants)", init, "alt", c)
			altNote = " The third pair of networks uses " + otherRes + " of section 1 with the initialization they are made for."
		}
	}
	mc.Note = fmt.Sprintf("Networks of %d SELU layers of width %d, fed a batch of %d inputs drawn independently from N(%s, %s), off the target N(%s, %s) so that convergence shows; seed %d. "+
		"“Exact” weights give every unit's weight row Σw = ω and Σw² = τ exactly; LeCun weights are drawn N(0, τ/n) independently, so Σw is itself random, N(0, τ). "+
		"Alpha dropout at rate %g acts between layers, in training mode. Bands are ±2 standard errors of the pooled layer mean and variance; "+
		"the dashed lines are the map's prediction iterated from the measured input moments: the layer map g for exact weights, the one-dimensional random-weight map of q = ν + μ² for LeCun weights, each composed with the dropout moment map where dropout is on. "+
		"The verdict is that of selu-solve mc: “at target” when the last layer is within 3 standard errors plus the finite-width allowance of the target, and the comparison is decisive, “off target” otherwise, which includes a network whose map is itself not yet at the target after these layers and one whose tolerance is as wide as the target (hover over a verdict for the numbers and the reason).",
		m.Depth, m.Width, m.Batch, formatG(inMean, 6), formatG(inVar, 6), ratText(res.Target.Mean), ratText(res.Target.Var), m.Seed, m.DropoutRate)
	mc.Note += altNote + skipped

	for _, r := range runs {
		cfg := &montecarlo.Config{
			Width: m.Width, Depth: m.Depth, Batch: m.Batch, DType: montecarlo.Float64,
			Constants: r.constants,
			Target:    mapping.Point{Mean: mean, Var: variance},
			Init:      r.init,
			Weights:   res.Weights,
			InputMean: inMean, InputVar: inVar,
			DropoutRate: r.rate,
			Seed:        m.Seed,
		}
		if r.init.Kind != montecarlo.Exact {
			// Random weights carry their scale in Init (ω = 0, τ = G²
			// in expectation); montecarlo accepts fixed sums only for
			// exact rows.
			cfg.Weights = mapping.Weights{}
		}
		t := time.Now()
		out, err := montecarlo.Run(ctx, cfg)
		if err != nil {
			return nil, fmt.Errorf("report: Monte Carlo (%s): %w", r.name, err)
		}
		ag := out.Agreement(3)
		run := mcRun{Name: r.name, Weights: r.group, Dropout: r.rate, Elapsed: time.Since(t), Converged: ag.Converged, Undecided: ag.Undecided,
			Verdict: fmt.Sprintf("last layer mean %s, variance %s against the target (%s, %s), allowing %s and %s (3 standard errors and the finite-width allowance)",
				formatG(ag.Mean, 4), formatG(ag.Var, 4), ratText(res.Target.Mean), ratText(res.Target.Var), formatG(ag.MeanTol, 2), formatG(ag.VarTol, 2))}
		if ag.Undecided != "" {
			run.Verdict += "; not decisive: " + ag.Undecided
		}
		for _, s := range out.Layers {
			run.Mean = append(run.Mean, s.Mean)
			run.MeanSE = append(run.MeanSE, s.MeanSE)
			run.Var = append(run.Var, s.Var)
			run.VarSE = append(run.VarSE, s.VarSE)
			run.PredMean = append(run.PredMean, s.PredictedMean)
			run.PredVar = append(run.PredVar, s.PredictedVar)
		}
		if r.rate > 0 && r.group == "exact" && r.constants == res.Constants && !res.RandomWeights {
			a, _, err := r.constants.AlphaDropout(mapping.Point{Mean: mean, Var: variance}, r.rate)
			if err == nil {
				s := dropoutStability(mapping.Layer{Constants: r.constants, Weights: res.Weights}, r.constants, mapping.Point{Mean: mean, Var: variance}, r.rate, a)
				mc.DropoutRadius, mc.PlainRadius = s.SpectralRadius, mapping.Layer{Constants: r.constants, Weights: res.Weights}.Stability(mean, variance).SpectralRadius
				mc.DropoutAQ, mc.DropoutA2Q = a*(1-r.rate), a*a*(1-r.rate)
			}
		}
		mc.Runs = append(mc.Runs, run)
	}
	return mc, nil
}

// ratText writes r exactly (decimal.Exact): as a decimal when it has one
// (denominator 2^a·5^b), else as a fraction.
func ratText(r *big.Rat) string {
	return numtext.Exact(r)
}
