package report

import (
	"fmt"
	"math/big"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/solver"
)

// layerMap is the moment map a report draws: mapping.Layer for weights with
// fixed row sums ω, τ, mapping.LeCunLayer for random weights N(0, τ/n).
type layerMap interface {
	Moments(mu, nu float64) mapping.Moments
	Stability(mu, nu float64) mapping.Stability
	Orbit(start mapping.Point, s *mapping.OrbitSettings) (mapping.OrbitResult, error)
}

// mapFor returns the moment map of res's convention.
func mapFor(res *solver.Result) layerMap {
	if res.RandomWeights {
		return mapping.LeCunLayer{Constants: res.Constants, Tau: res.Weights.Tau}
	}
	return mapping.Layer{Constants: res.Constants, Weights: res.Weights}
}

// comparison sets the two conventions side by side for a target with
// μ* ≠ 0 and ω = 0: constants for weight rows with Σw = 0, Σw² = τ exactly
// (the paper's convention) and constants for random weights N(0, τ/n)
// (LeCun-normal initialization), each tried under both initializations by
// iterating the corresponding moment map from the target for Layers layers.
type comparison struct {
	Layers  int
	Columns [2]conventionColumn // fixed sums, then random weights
	// RandomName names the random weights of the comparison
	// (randomWeightsName).
	RandomName string
}

// randomWeightsName names random weights N(0, τ/n): LeCun-normal for τ = 1.
func randomWeightsName(tau float64) string {
	if tau == 1 {
		return "LeCun-normal random weights"
	}
	return fmt.Sprintf("random weights N(0, %s/n)", formatG(tau, 6))
}

// randomWeightsFlag is the selu-solve flag that solves for random weights
// N(0, τ/n).
func randomWeightsFlag(tau float64) string {
	if tau == 1 {
		return "--weights lecun"
	}
	return fmt.Sprintf("--weights gain=G, G = √%s", formatG(tau, 6))
}

// conventionColumn is one convention's constants and what each
// initialization does with them.
type conventionColumn struct {
	Title                     string
	Current                   bool // the convention of this report
	Lambda, Alpha, Saturation string
	Constants                 mapping.Constants // float64 λ, α; zero if none
	Exact, LeCun              initOutcome
}

// initOutcome is the fate of the target under one initialization: Kept (a
// fixed point with spectral radius Radius) or the moments after the
// comparison's layers.
type initOutcome struct {
	Kept      bool
	Radius    float64
	Mean, Var float64
}

// compareConventions solves the other convention for res's target and
// iterates both moment maps with both constants; it returns nil when the
// two conventions coincide (μ* = 0) or do not apply (ω ≠ 0).
func compareConventions(res *solver.Result, layers int) (*comparison, error) {
	if res.Target.Mean.Sign() == 0 || res.Omega.Sign() != 0 {
		return nil, nil
	}
	opt := &solver.Options{Digits: res.Digits}
	for _, d := range res.Dropout {
		opt.DropoutRates = append(opt.DropoutRates, d.Rate)
	}
	var fixedRes, randomRes *solver.Result
	var err error
	if res.RandomWeights {
		randomRes = res
		opt.Tau = new(big.Rat).Set(res.Tau)
		fixedRes, err = solver.Solve(res.Target, opt)
	} else {
		fixedRes = res
		randomRes, err = solver.SolveLeCun(res.Target, res.Tau, opt)
	}
	c := &comparison{Layers: layers, RandomName: randomWeightsName(res.Weights.Tau)}
	mu, _ := res.Target.Mean.Float64()
	nu, _ := res.Target.Var.Float64()
	tau := res.Weights.Tau
	outcome := func(l layerMap) initOutcome {
		s := l.Stability(mu, nu)
		m := l.Moments(mu, nu)
		if close := func(a, b float64) bool { return abs(a-b) <= 1e-9*max(1, abs(b)) }; close(m.Mean, mu) && close(m.Var, nu) {
			return initOutcome{Kept: true, Radius: s.SpectralRadius}
		}
		p := mapping.Point{Mean: mu, Var: nu}
		for range layers {
			m := l.Moments(p.Mean, p.Var)
			p = mapping.Point{Mean: m.Mean, Var: m.Var}
		}
		return initOutcome{Mean: p.Mean, Var: p.Var}
	}
	column := func(r *solver.Result, title string) conventionColumn {
		col := conventionColumn{Title: title, Current: r == res}
		if r == nil {
			return col
		}
		col.Lambda, col.Alpha, col.Saturation = r.Text(r.Lambda), r.Text(r.Alpha), r.Text(r.AlphaPrime)
		col.Constants = r.Constants
		col.Exact = outcome(mapping.Layer{Constants: r.Constants, Weights: mapping.Weights{Omega: 0, Tau: tau}})
		col.LeCun = outcome(mapping.LeCunLayer{Constants: r.Constants, Tau: tau})
		return col
	}
	w := "1/n"
	if tau != 1 {
		w = fmt.Sprintf("%g/n", tau)
	}
	c.Columns[0] = column(fixedRes, fmt.Sprintf("for exact rows Σw = 0, Σw² = %g (the paper's)", tau))
	c.Columns[1] = column(randomRes, fmt.Sprintf("for random N(0, %s) weights (%s)", w, randomWeightsFlag(tau)))
	if err != nil {
		// The other convention has no SELU for this target: say so in its
		// column rather than failing the report.
		c.Columns[0].Current, c.Columns[1].Current = !res.RandomWeights, res.RandomWeights
		other := &c.Columns[1]
		if res.RandomWeights {
			other = &c.Columns[0]
		}
		other.Lambda = "none: " + err.Error()
	}
	return c, nil
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// dropoutStability returns the stability of the layer map composed with
// the alpha-dropout moment map δ at rate r, at the target
// (mapping.AlphaDropoutMap): δ keeps the target (a, b are chosen so), and
// its Jacobian J_δ damps deviations by aq in the mean and a²q in the
// variance, q = 1 − r. The composed Jacobian at the target is H·J_δ.
func dropoutStability(l layerMap, c mapping.Constants, target mapping.Point, r, a float64) mapping.Stability {
	jd := mapping.AlphaDropoutMap{Rate: r, A: a, Saturation: c.Saturation()}.Jacobian(target)
	h := l.Stability(target.Mean, target.Var).H
	var p [2][2]float64
	for i := range 2 {
		for j := range 2 {
			p[i][j] = h[i][0]*jd[0][j] + h[i][1]*jd[1][j]
		}
	}
	return mapping.NewStability(p)
}
