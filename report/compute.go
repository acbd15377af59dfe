package report

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	numtext "github.com/selu-tool/selu/internal/decimal"
	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/montecarlo"
	"github.com/selu-tool/selu/solver"
	"github.com/selu-tool/selu/verify"
)

// Build computes everything the report shows for the target of c: it
// solves λ and α (package solver), samples the layer map over grids
// (package mapping), proves the certificate unless c.Verify.Off (package
// verify) and runs the Monte Carlo networks unless c.MC.Off (package
// montecarlo). It is the only
// place where the report's numbers are computed; Render only draws them.
//
// Build returns an error, before any long computation, for an infeasible
// target, bad weights or out-of-range sizes.
func Build(ctx context.Context, c Config) (*Data, error) {
	c, err := c.withDefaults()
	if err != nil {
		return nil, err
	}
	d := &Data{Repro: Repro{
		CommandLine: c.CommandLine,
		Version:     Version(),
		GoVersion:   runtime.Version(),
		Generated:   time.Now().UTC(),
	}}
	stage := func(name string, fn func() error) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		t := time.Now()
		err := fn()
		d.Repro.Timings = append(d.Repro.Timings, Timing{name, time.Since(t)})
		return err
	}

	var res *solver.Result
	if err := stage("solve λ, α", func() (err error) {
		res, err = solve(c)
		return err
	}); err != nil {
		return nil, err
	}
	fillSolution(d, res)
	layer := mapping.Layer{Constants: res.Constants, Weights: res.Weights}
	fixed := Point{d.Target.Mean, d.Target.Var}
	win := windowAround(fixed)

	stages := []struct {
		name string
		fn   func() error
	}{
		{"vector field", func() error { d.Field = field(layer, fixed, win, c.FieldN); return nil }},
		{"basin of attraction", func() error {
			d.Basin = basin(layer, fixed, basinWindow(fixed), c.BasinN, c.MaxSteps)
			return nil
		}},
		{"variance curve", func() error { d.Variance = varianceCurve(layer, fixed, c.CurveN); return nil }},
		{"S and ρ maps", func() error { d.Norm, d.Radius = stabilityMaps(layer, win, c.GridN); return nil }},
		{"feasible region", func() error {
			d.Feasibility = feasibility(res.Weights, feasibleWindow(fixed), c.FeasibleN)
			return nil
		}},
	}
	for _, s := range stages {
		if err := stage(s.name, s.fn); err != nil {
			return nil, err
		}
	}
	if !c.Verify.Off {
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
	if !c.MC.Off {
		if err := stage("Monte Carlo", func() (err error) {
			d.MonteCarlo, err = simulate(ctx, c.MC, res)
			return err
		}); err != nil {
			return nil, err
		}
		d.Repro.Seeds = append(d.Repro.Seeds, "Monte Carlo seed "+strconv.FormatUint(c.MC.Seed, 10)+" (all four networks)")
	}
	return d, nil
}

// solve runs the solver for the target and weights of c.
func solve(c Config) (*solver.Result, error) {
	t, err := solver.ParseTarget(c.Mean, c.Var)
	if err != nil {
		return nil, err
	}
	omega, err := solver.ParseDecimal(c.Omega)
	if err != nil {
		return nil, fmt.Errorf("report: ω %q: %w", c.Omega, err)
	}
	tau, err := solver.ParseDecimal(c.Tau)
	if err != nil {
		return nil, fmt.Errorf("report: τ %q: %w", c.Tau, err)
	}
	return solver.Solve(t, &solver.Options{Omega: omega, Tau: tau, Digits: c.Digits, DropoutRates: c.DropoutRates})
}

// fillSolution copies the solver's answer into d.
func fillSolution(d *Data, res *solver.Result) {
	mean, _ := res.Target.Mean.Float64()
	variance, _ := res.Target.Var.Float64()
	d.Target = Target{Mean: mean, Var: variance, MeanText: ratText(res.Target.Mean), VarText: ratText(res.Target.Var)}
	w := res.Weights
	name := "custom"
	switch w {
	case mapping.Normalized:
		name = "paper"
	case mapping.Notebook:
		name = "notebook"
	}
	d.Convention = Convention{Omega: w.Omega, Tau: w.Tau, Name: name, Text: res.Convention}
	d.Constants = Constants{
		Digits:     res.Digits,
		Lambda:     res.Text(res.Lambda),
		Alpha:      res.Text(res.Alpha),
		Saturation: res.Text(res.AlphaPrime),
		LambdaF:    res.Constants.Lambda,
		AlphaF:     res.Constants.Alpha,
	}
	s := res.Stability
	d.Stability = Stability{H: s.H, Eigenvalues: s.Eigenvalues, Norm: s.SpectralNorm, Radius: s.SpectralRadius}
	d.Verdict = Verdict{Stable: s.SpectralRadius < 1, Contraction: s.SpectralNorm < 1}
	for _, dr := range res.Dropout {
		a, _ := dr.A.Float64()
		b, _ := dr.B.Float64()
		d.Dropout = append(d.Dropout, DropoutRow{Rate: dr.Rate, A: res.Text(dr.A), B: res.Text(dr.B), AF: a, BF: b})
	}
}

// window is a rectangle of the (μ, ν) plane.
type window struct{ mu0, mu1, nu0, nu1 float64 }

// windowAround is the window of the vector field and the S, ρ maps: the
// fixed point's neighbourhood, scaled with the target's standard deviation.
func windowAround(p Point) window {
	sd := math.Sqrt(p.Var)
	a := math.Max(0.5, 0.5*sd)
	return window{p.Mean - a, p.Mean + a, 0.25 * p.Var, 1.75 * p.Var}
}

// basinWindow is wider, reaching near-zero variance and 4 times ν*.
func basinWindow(p Point) window {
	sd := math.Sqrt(p.Var)
	a := math.Max(1.5, 1.5*sd)
	return window{p.Mean - a, p.Mean + a, p.Var / 100, 4 * p.Var}
}

// feasibleWindow covers targets up to twice this target's variance (at
// least 2) and the means that can be feasible there.
func feasibleWindow(p Point) window {
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
// four starts near the corners.
func field(l mapping.Layer, fixed Point, w window, n int) *Field {
	f := &Field{X: linspace(w.mu0, w.mu1, n), Y: linspace(w.nu0, w.nu1, n), Fixed: fixed}
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
	for _, s := range starts {
		var path []Point
		for _, p := range l.Iterate(s, 12) {
			if !finite(p.Mean) || !finite(p.Var) || p.Mean < w.mu0 || p.Mean > w.mu1 || p.Var < w.nu0 || p.Var > w.nu1 {
				break
			}
			path = append(path, Point{p.Mean, p.Var})
		}
		if len(path) > 1 {
			f.Paths = append(f.Paths, path)
		}
	}
	return f
}

// Thresholds of the basin iteration, relative to the target.
const (
	basinTol      = 1e-4 // converged: within basinTol·max(1, √ν*) in μ and basinTol·ν* in ν
	basinCollapse = 1e-10
	basinExplode  = 1e8
	basinSettled  = 1e-9 // a step this small (relative) away from the target: settled elsewhere
)

// basin iterates g from each start of an n×n grid of w until it is within
// basinTol of the fixed point, collapses (ν < basinCollapse·ν*), explodes
// (ν or |μ| above basinExplode times the target's scale, or not finite),
// settles at another point (a step below basinSettled relative, counted as
// not converged) or maxSteps steps have been taken.
func basin(l mapping.Layer, fixed Point, w window, n, maxSteps int) *Basin {
	b := &Basin{
		X: linspace(w.mu0, w.mu1, n), Y: linspace(w.nu0, w.nu1, n),
		Outcome: make([]Outcome, n*n), Steps: make([]int, n*n),
		MaxSteps: maxSteps, Tol: basinTol,
	}
	scale := math.Max(1, math.Sqrt(fixed.Var))
	parallelRows(n, func(j int) {
		for i, mu := range b.X {
			b.Outcome[j*n+i], b.Steps[j*n+i] = iterate(l, fixed, mu, b.Y[j], scale, maxSteps)
		}
	})
	return b
}

func iterate(l mapping.Layer, fixed Point, mu, nu, scale float64, maxSteps int) (Outcome, int) {
	for k := 0; ; k++ {
		switch {
		case math.Abs(mu-fixed.Mean) <= basinTol*scale && math.Abs(nu-fixed.Var) <= basinTol*fixed.Var:
			return Converged, k
		case !finite(mu) || !finite(nu) || nu > basinExplode*fixed.Var || math.Abs(mu) > basinExplode*scale:
			return Exploded, k
		case nu < basinCollapse*fixed.Var:
			return Collapsed, k
		case k == maxSteps:
			return NotConverged, k
		}
		m := l.Moments(mu, nu)
		if math.Abs(m.Mean-mu) <= basinSettled*scale && math.Abs(m.Var-nu) <= basinSettled*math.Max(nu, fixed.Var) {
			return NotConverged, k + 1
		}
		mu, nu = m.Mean, m.Var
	}
}

// varianceCurve samples ν ↦ ν̃(μ*, ν) on a log grid spanning the regions of
// the paper's Theorems 2 and 3 and the target.
func varianceCurve(l mapping.Layer, fixed Point, n int) *Curve {
	lo := math.Min(0.01, fixed.Var/100)
	hi := math.Max(16, 10*fixed.Var)
	c := &Curve{Mean: fixed.Mean, Fixed: fixed.Var, X: make([]float64, n), Y: make([]float64, n)}
	for i := range c.X {
		nu := lo * math.Pow(hi/lo, float64(i)/float64(n-1))
		c.X[i], c.Y[i] = nu, l.Moments(fixed.Mean, nu).Var
	}
	return c
}

// stabilityMaps samples S and ρ of the Jacobian of g on an n×n grid of w.
func stabilityMaps(l mapping.Layer, w window, n int) (norm, radius *Grid) {
	x, y := linspace(w.mu0, w.mu1, n), linspace(w.nu0, w.nu1, n)
	norm = &Grid{X: x, Y: y, Z: make([]float64, n*n)}
	radius = &Grid{X: x, Y: y, Z: make([]float64, n*n)}
	parallelRows(n, func(j int) {
		for i, mu := range x {
			s := l.Stability(mu, y[j])
			norm.Z[j*n+i], radius.Z[j*n+i] = s.SpectralNorm, s.SpectralRadius
		}
	})
	return norm, radius
}

// feasibility classifies the targets of an n×n grid of w for weights wt.
func feasibility(wt mapping.Weights, w window, n int) *Feasibility {
	f := &Feasibility{X: linspace(w.mu0, w.mu1, n), Y: linspace(w.nu0, w.nu1, n), Class: make([]Class, n*n)}
	parallelRows(n, func(j int) {
		for i, mu := range f.X {
			f.Class[j*n+i] = classify(wt, mu, f.Y[j])
		}
	})
	return f
}

// classify decides whether a SELU with fixed point (μ*, ν*) exists for
// weights wt and, if so, how stable it is, in float64 (docs/model.md §4): with
// A, B, C, D the integrals at m = μ*ω, s² = ν*τ, a SELU exists iff
// −|B|/√D < μ*/√(ν* + μ*²) < A/√C; then α = −A/B for μ* = 0 or the root of
// (B² − ρD)α² + 2ABα + (A² − ρC) = 0 with α > 0 and λ = μ*/(A + αB) > 0,
// and λ = √((ν* + μ*²)/(C + α²D)).
func classify(wt mapping.Weights, mu, nu float64) Class {
	c, ok := solveFloat(wt, mu, nu)
	if !ok {
		return Infeasible
	}
	s := mapping.Layer{Constants: c, Weights: wt}.Stability(mu, nu)
	switch {
	case !(s.SpectralRadius < 1):
		return Unstable
	case s.SpectralNorm < 1:
		return Contracting
	}
	return Stable
}

// solveFloat solves λ, α for the target (mu, nu) in float64; see classify.
func solveFloat(wt mapping.Weights, mu, nu float64) (mapping.Constants, bool) {
	in := mapping.NewIntegrals(mu*wt.Omega, nu*wt.Tau)
	A, B, C, D := in.A, in.B, in.C, in.D
	x := mu / math.Sqrt(nu+mu*mu)
	if !(x > -math.Abs(B)/math.Sqrt(D) && x < A/math.Sqrt(C)) {
		return mapping.Constants{}, false
	}
	var alpha float64
	if mu == 0 {
		alpha = -A / B
	} else {
		rho := x * x
		qa, qb, qc := B*B-rho*D, 2*A*B, A*A-rho*C
		alpha = math.NaN()
		roots := []float64{-qc / qb} // degenerate quadratic: qa = 0
		if qa != 0 {
			disc := math.Sqrt(qb*qb - 4*qa*qc)
			roots = []float64{(-qb + disc) / (2 * qa), (-qb - disc) / (2 * qa)}
		}
		for _, r := range roots {
			if r > 0 && mu/(A+r*B) > 0 {
				alpha = r
			}
		}
	}
	lambda := math.Sqrt((nu + mu*mu) / (C + alpha*alpha*D))
	if !(alpha > 0) || !(lambda > 0) || !finite(alpha) || !finite(lambda) {
		return mapping.Constants{}, false
	}
	return mapping.Constants{Lambda: lambda, Alpha: alpha}, true
}

// verifyBox is the box of the certificate: verify.DefaultBox around the
// fixed point (the analogue of the paper's Theorem 1 domain), with ω and τ
// centred on the report's weights when they are not the paper's.
func verifyBox(fixed Point, w mapping.Weights) verify.Box {
	b := verify.DefaultBox(fixed.Mean, fixed.Var)
	if w != mapping.Normalized {
		b.Omega = verify.Range{Lo: w.Omega - 0.1, Hi: w.Omega + 0.1}
		b.Tau = verify.Range{Lo: 0.95 * w.Tau, Hi: 1.1 * w.Tau}
	}
	return b
}

// certify runs verify.FixedPoint for the solved float64 constants (which
// verify widens by one ulp, so that the certificate covers the exact
// constants) on verifyBox.
func certify(vc VerifyConfig, res *solver.Result, fixed Point) (*Certificate, error) {
	box := verifyBox(fixed, res.Weights)
	v, err := verify.FixedPoint(res.Constants.Lambda, res.Constants.Alpha, box,
		&verify.Settings{MaxBoxes: vc.MaxBoxes, Timeout: vc.Timeout})
	if err != nil {
		return nil, fmt.Errorf("report: certificate: %w", err)
	}
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', 10, 64) }
	rng := func(name string, r verify.Range) Interval { return Interval{name, g(r.Lo), g(r.Hi)} }
	c := &Certificate{
		Certified: v.Certified,
		Region: []Interval{
			rng("μ", box.Mu), rng("ω", box.Omega), rng("ν", box.Nu), rng("τ", box.Tau),
		},
		BoundName: "S over the box",
		Bound:     "S ≤ " + g(v.MaxSpectralNorm),
		Boxes:     v.Boxes,
		Elapsed:   v.Elapsed,
	}
	if v.Certified {
		c.Claim = fmt.Sprintf("for every ω ∈ [%s, %s] and τ ∈ [%s, %s] the layer map is a contraction (S ≤ %s < 1) of μ ∈ [%s, %s], ν ∈ [%s, %s] into itself, so it has exactly one fixed point there and it attracts (Banach's theorem, as in the paper's Theorem 1 with Lemmas 12 and 13)",
			g(box.Omega.Lo), g(box.Omega.Hi), g(box.Tau.Lo), g(box.Tau.Hi), g(v.MaxSpectralNorm),
			g(box.Mu.Lo), g(box.Mu.Hi), g(box.Nu.Lo), g(box.Nu.Hi))
		c.Enclosures = []Interval{rng("the fixed point's mean", v.Mean), rng("the fixed point's variance", v.Var)}
	} else {
		c.Claim = v.Reason()
	}
	c.Bound += " (largest S found at a point of the box: " + g(v.SpectralNormAttained) + ")"
	c.Note = "Interval arithmetic with outward rounding and branch and bound (package selu/verify); λ and α are widened by one ulp so that the certificate covers the exact constants. The proof assumes Go's math.Exp and math.Erfc accurate to 2 and 4 ulp (checked against mpmath, widened fourfold)."
	if v.Loose {
		c.Note += " The budget ran out before the bounds were refined to their tolerances; they are still proven bounds."
	}
	return c, nil
}

// simulate runs the four Monte Carlo networks of section 6.
func simulate(ctx context.Context, m MCConfig, res *solver.Result) (*MonteCarlo, error) {
	mean, _ := res.Target.Mean.Float64()
	variance, _ := res.Target.Var.Float64()
	mc := &MonteCarlo{Width: m.Width, Depth: m.Depth, Batch: m.Batch, Seed: m.Seed, DropoutRate: m.DropoutRate}
	type spec struct {
		name    string
		init    montecarlo.InitKind
		weights string
		rate    float64
	}
	runs := []spec{
		{"exact weights", montecarlo.Exact, "exact", 0},
		{"LeCun weights", montecarlo.LeCun, "lecun", 0},
		{fmt.Sprintf("exact, dropout %g", m.DropoutRate), montecarlo.Exact, "exact", m.DropoutRate},
		{fmt.Sprintf("LeCun, dropout %g", m.DropoutRate), montecarlo.LeCun, "lecun", m.DropoutRate},
	}
	skipped := ""
	if res.Weights != mapping.Normalized {
		// LeCun weights have ω = 0, τ = 1 on average: they do not realize
		// any other convention.
		runs = []spec{runs[0], runs[2]}
		skipped = fmt.Sprintf(" LeCun weights are not run: they realize ω = 0, τ = 1, not this report's ω = %g, τ = %g.", res.Weights.Omega, res.Weights.Tau)
	}
	mc.Note = fmt.Sprintf("%s networks of %d SELU layers of width %d, with λ and α as above, fed a batch of %d inputs drawn independently from N(%s, %s), seed %d. "+
		"“Exact” weights give every unit's weight row Σw = ω and Σw² = τ exactly; LeCun weights are drawn N(0, 1/n), so ω = 0, τ = 1 only on average. "+
		"Alpha dropout at rate %g acts between layers, in training mode. Bands are ±2 standard errors of the pooled layer mean and variance; "+
		"the dashed lines are the layer map g iterated from the measured input moments (with the dropout moment map where dropout is on).",
		map[int]string{2: "Two", 4: "Four"}[len(runs)], m.Depth, m.Width, m.Batch, ratText(res.Target.Mean), ratText(res.Target.Var), m.Seed, m.DropoutRate)
	mc.Note += skipped

	for _, r := range runs {
		cfg := &montecarlo.Config{
			Width: m.Width, Depth: m.Depth, Batch: m.Batch, DType: montecarlo.Float64,
			Constants: res.Constants,
			Target:    mapping.Point{Mean: mean, Var: variance},
			Init:      montecarlo.Init{Kind: r.init},
			Weights:   res.Weights,
			InputMean: mean, InputVar: variance,
			DropoutRate: r.rate,
			Seed:        m.Seed,
		}
		t := time.Now()
		out, err := montecarlo.Run(ctx, cfg)
		if err != nil {
			return nil, fmt.Errorf("report: Monte Carlo (%s): %w", r.name, err)
		}
		run := Run{Name: r.name, Weights: r.weights, Dropout: r.rate, Elapsed: time.Since(t),
			Converged: out.Converged(3), Verdict: out.Verdict(3)}
		for _, s := range out.Layers {
			run.Mean = append(run.Mean, s.Mean)
			run.MeanSE = append(run.MeanSE, s.MeanSE)
			run.Var = append(run.Var, s.Var)
			run.VarSE = append(run.VarSE, s.VarSE)
			run.PredMean = append(run.PredMean, s.PredictedMean)
			run.PredVar = append(run.PredVar, s.PredictedVar)
		}
		mc.Runs = append(mc.Runs, run)
	}
	return mc, nil
}

// Version returns the program's version from its build information: the
// module version, and the VCS revision and time when they were recorded.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown (no build information)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, when, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ", modified"
			}
		}
	}
	if rev == "" {
		return bi.Main.Path + " " + v + ", no VCS revision recorded (built with -buildvcs=false or outside a repository)"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	return bi.Main.Path + " " + v + " (" + rev + " " + when + dirty + ")"
}

// ratText writes r exactly (decimal.Exact): as a decimal when it has one
// (denominator 2^a·5^b), else as a fraction.
func ratText(r *big.Rat) string {
	return numtext.Exact(r)
}
