package solver

import (
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
	// (mapping.Layer.Stability at the target, mapping.LeCunLayer.Stability
	// for SolveLeCun): the Jacobian H of g (Eq. 87), its spectral norm S
	// (Eq. 69/88) and spectral radius ρ. Where float64 cannot evaluate the
	// map at these constants, or the net input N(μ*ω, ν*τ) lies outside the
	// range where mapping documents its float64 map as accurate
	// (mapping.Layer.Accurate: |μ*ω| ≤ 50, 1e-6 ≤ ν*τ ≤ 1e6), H is
	// computed in big.Float with a tracked error below 2⁻³⁰ relative and
	// rounded. The fixed point is locally stable when ρ < 1.
	Stability mapping.Stability

	// Dropout holds a and b for each requested dropout rate, in order.
	Dropout []Dropout

	// Convention is the weight convention: ConventionPaper (ω = 0,
	// τ = 1), ConventionNotebook (ω = 1, τ = 1), ConventionCustom (other
	// row sums) or ConventionRandom (SolveLeCun's random weights).
	Convention Convention

	// Verdict is the stability class of the fixed point, from Stability:
	// mapping.Unstable (ρ ≥ 1), mapping.Stable (ρ < 1 ≤ S),
	// mapping.Contracting (S < 1), or mapping.Unknown when neither float64
	// nor the big.Float fallback could evaluate the Jacobian.
	Verdict mapping.Class

	// RandomWeights is set by SolveLeCun (exactly when Convention is
	// ConventionRandom): the weights are drawn wᵢ ~ N(0, Tau/n), not fixed
	// to the sums Omega, Tau.
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

// A Convention is the kind of weights a Result's constants are for.
type Convention int

const (
	// ConventionPaper: every unit's weights sum to ω = 0 with τ = Σw² = 1,
	// the paper's normalized weights.
	ConventionPaper Convention = iota
	// ConventionNotebook: ω = 1, τ = 1, the convention of the authors'
	// notebook getSELUparameters.ipynb; its fixed points are typically
	// unstable (docs/model.md §1).
	ConventionNotebook
	// ConventionCustom: fixed row sums ω, τ other than the two above.
	ConventionCustom
	// ConventionRandom: weights drawn wᵢ ~ N(0, τ/n) (SolveLeCun).
	ConventionRandom
)

// String returns "paper", "notebook", "custom" or "random".
func (c Convention) String() string {
	switch c {
	case ConventionPaper:
		return "paper"
	case ConventionNotebook:
		return "notebook"
	case ConventionCustom:
		return "custom"
	case ConventionRandom:
		return "random"
	}
	return "Convention(" + strconv.Itoa(int(c)) + ")"
}

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
		r.Convention = ConventionPaper
	case pr.opt.omega.Cmp(one) == 0 && pr.opt.tau.Cmp(one) == 0:
		r.Convention = ConventionNotebook
	default:
		r.Convention = ConventionCustom
	}
	mu, _ := pr.t.Mean.Float64()
	nu, _ := pr.t.Var.Float64()
	layer := mapping.Layer{Constants: r.Constants, Weights: r.Weights}
	r.Stability = layer.Stability(mu, nu)
	if !finiteStability(r.Stability) || !layer.Accurate(mu, nu) {
		// λ or α beyond float64, or a net input outside the range where the
		// float64 map is accurate (its Jacobian loses digits there: for
		// z ~ N(−1, 1e20) with α ≈ 4e20 its ∂ν̃/∂μ is wrong in the first
		// digit): the Jacobian in big.Float, from λ, α solved again at
		// 256 bits (30 good bits of H need no more, and it costs little
		// beside a many-digit pass), else at the pass's own precision.
		var s mapping.Stability
		good := false
		if cur.prec != 256 {
			if hp := pr.solve(256, 0); hp.status == ok {
				s, good = pr.bigStability(256, hp.vals[0], hp.vals[1])
			}
		}
		if !good {
			s, good = pr.bigStability(cur.prec, cur.vals[0], cur.vals[1])
		}
		if good {
			r.Stability = s
		}
	}
	r.Verdict = r.Stability.Class()
	return r
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
