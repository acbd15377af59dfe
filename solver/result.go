package solver

import (
	"fmt"
	"math"
	"math/big"
	"strconv"

	"github.com/selu-tool/selu/mapping"
)

// A Result holds the SELU for a target and everything derived from it.
type Result struct {
	Target     Target   // the target (μ*, ν*), exact
	Omega, Tau *big.Rat // the weights ω = Σwᵢ, τ = Σwᵢ², exact
	Digits     int      // significant decimal digits of the big.Float values

	// Lambda and Alpha are λ and α, and AlphaPrime is the saturation value
	// α' = −λα, each the exact value correctly rounded to Digits
	// significant decimal digits (stored with enough bits that Text gives
	// back exactly that decimal).
	Lambda, Alpha, AlphaPrime *big.Float

	// Constants are λ and α rounded to float64, Weights are ω and τ as
	// float64, for the float64 packages (mapping, montecarlo).
	Constants mapping.Constants
	Weights   mapping.Weights

	// Stability is the stability of the fixed point under the layer map
	// in float64 (mapping.Layer.Stability at the target): the Jacobian H of
	// g (Eq. 87), its spectral norm S (Eq. 69/88) and spectral radius ρ.
	// The fixed point is locally stable when ρ < 1.
	Stability mapping.Stability

	// Dropout holds a and b for each requested dropout rate, in order.
	Dropout []Dropout

	// Convention names the weight convention: the paper's normalized
	// weights (ω = 0, τ = 1), the authors' notebook (ω = 1, τ = 1), or
	// custom weights.
	Convention string

	// Verdict says in plain words whether the fixed point is stable.
	Verdict string

	// RandomWeights is set by SolveLeCun: the weights are drawn
	// wᵢ ~ N(0, Tau/n), not fixed to the sums Omega, Tau.
	RandomWeights bool

	// Precision is the working precision in bits of the accepted pass.
	Precision uint

	text map[*big.Float]decimal // the decimals of the fields above
}

// decimal is a field's decimal and a copy of its value, to notice changes.
type decimal struct {
	s    string
	copy *big.Float
}

// Text formats x rounded to exactly r.Digits significant decimal digits:
// positional notation when the decimal exponent is in [−5, Digits), else
// d.ddd…e±XX. For the big.Float fields of r it returns their correctly
// rounded decimal. Zero is "0".
func (r *Result) Text(x *big.Float) string {
	if x.Sign() == 0 {
		return "0"
	}
	if d, ok := r.text[x]; ok && x.Cmp(d.copy) == 0 { // a field, unchanged
		return formatDigits(d.s, r.Digits)
	}
	return formatDigits(x.Text('e', r.Digits-1), r.Digits)
}

// parse converts the 'e'-format decimal s to a big.Float of r's storage
// precision.
func (r *Result) parse(s string) *big.Float {
	bits := r.Lambda.Prec()
	if s == "0" {
		return new(big.Float).SetPrec(bits)
	}
	f, _, err := big.ParseFloat(s, 10, bits, big.ToNearestEven)
	if err != nil {
		panic("solver: cannot parse a formatted decimal: " + s)
	}
	return f
}

// Stable reports whether the fixed point is locally stable (ρ < 1).
func (r *Result) Stable() bool { return r.Stability.Stable() }

// Normalized and Notebook weight conventions, by name.
const (
	ConventionNormalized = "normalized weights ω = 0, τ = 1 (the paper's)"
	ConventionNotebook   = "notebook ω = 1, τ = 1 (getSELUparameters.ipynb)"
)

// result assembles the Result of the accepted pass cur, whose values round
// to the 'e'-format decimals text.
func (pr *problem) result(cur *pass, text []string, need uint) *Result {
	r := &Result{
		Target:    pr.t,
		Omega:     new(big.Rat).Set(pr.opt.omega),
		Tau:       new(big.Rat).Set(pr.opt.tau),
		Digits:    pr.opt.digits,
		Lambda:    new(big.Float).SetPrec(need + 8),
		Precision: cur.prec,
		text:      map[*big.Float]decimal{},
	}
	parse := func(s string) *big.Float {
		f := r.parse(s)
		r.text[f] = decimal{s, new(big.Float).Copy(f)}
		return f
	}
	r.Lambda = parse(text[0])
	r.Alpha = parse(text[1])
	r.AlphaPrime = parse(text[2])
	lam, _ := cur.vals[0].x.Float64()
	alpha, _ := cur.vals[1].x.Float64()
	om, _ := pr.opt.omega.Float64()
	tau, _ := pr.opt.tau.Float64()
	r.Constants = mapping.Constants{Lambda: lam, Alpha: alpha}
	r.Weights = mapping.Weights{Omega: om, Tau: tau}
	for i := range pr.rates {
		r.Dropout = append(r.Dropout, Dropout{
			Rate: pr.rateFloats[i],
			A:    parse(text[3+2*i]),
			B:    parse(text[4+2*i]),
		})
	}
	one := big.NewRat(1, 1)
	switch {
	case pr.opt.omega.Sign() == 0 && pr.opt.tau.Cmp(one) == 0:
		r.Convention = ConventionNormalized
	case pr.opt.omega.Cmp(one) == 0 && pr.opt.tau.Cmp(one) == 0:
		r.Convention = ConventionNotebook
	default:
		r.Convention = fmt.Sprintf("custom weights ω = %s, τ = %s", ratString(pr.opt.omega), ratString(pr.opt.tau))
	}
	mu, _ := pr.t.Mean.Float64()
	nu, _ := pr.t.Var.Float64()
	r.Stability = mapping.Layer{Constants: r.Constants, Weights: r.Weights}.Stability(mu, nu)
	if !finiteStability(r.Stability) {
		// λ or α beyond float64 (or the float64 map failing there): the
		// Jacobian in big.Float at the pass's precision
		s, good := pr.bigStability(cur.prec, cur.vals[0], cur.vals[1])
		if !good && cur.prec < 256 {
			// few digits asked: λ, α again at 256 bits for 30 good bits of H
			if hp := pr.solve(256, 0); hp.status == ok {
				s, good = pr.bigStability(256, hp.vals[0], hp.vals[1])
			}
		}
		if good {
			r.Stability = s
		}
	}
	r.Verdict = verdict(r.Stability, r.Convention == ConventionNotebook)
	return r
}

// verdict describes the stability s in plain words.
func verdict(s mapping.Stability, notebook bool) string {
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }
	if math.IsNaN(s.SpectralRadius) || math.IsInf(s.SpectralRadius, 0) {
		return "stability unknown: the float64 layer map cannot be evaluated at these constants (λ or α beyond the float64 range)"
	}
	if !s.Stable() {
		v := "UNSTABLE: spectral radius ρ = " + g(s.SpectralRadius) + " ≥ 1, so a deep network with these constants drifts away from the target instead of converging to it"
		if notebook {
			v += "; the notebook convention ω = 1 gives such fixed points, use the default ω = 0, τ = 1 (normalized weights)"
		}
		return v
	}
	if s.SpectralNorm < 1 {
		return "stable: spectral radius ρ = " + g(s.SpectralRadius) + " < 1 and spectral norm S = " + g(s.SpectralNorm) + " < 1 (the layer map contracts towards the target)"
	}
	return "stable: spectral radius ρ = " + g(s.SpectralRadius) + " < 1, so the target attracts; the spectral norm S = " + g(s.SpectralNorm) + " ≥ 1, so single steps need not shrink distances"
}

// FeasibleMeans returns the feasible target means for r's variance and
// weights (see the function FeasibleMeans); it is computed on demand.
func (r *Result) FeasibleMeans() (lo, hi float64) {
	if r.RandomWeights {
		return r.feasibleMeansLeCun()
	}
	lo, hi, err := FeasibleMeans(r.Target.Var, &Options{Omega: r.Omega, Tau: r.Tau})
	if err != nil {
		panic("solver: FeasibleMeans of a solved target: " + err.Error())
	}
	return lo, hi
}
