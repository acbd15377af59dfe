package solver

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/selu-tool/selu/internal/bigmath"
)

// Solve returns the SELU constants λ > 0, α > 0 for which the target t is a
// fixed point of the layer map g(μ, ν) = (E selu(z), Var selu(z)),
// z ~ N(μω, ντ) (paper Eq. 4, 5), for the weights ω = Σwᵢ, τ = Σwᵢ² of o
// (default ω = 0, τ = 1), together with α' = −λα, the alpha-dropout
// parameters for o.DropoutRates and the stability of the fixed point.
//
// With the integrals A, B, C, D of z (docs/model.md §2) the equations reduce to
//
//	α = −A/B                                       if μ* = 0,
//	(B² − ρD)α² + 2ABα + (A² − ρC) = 0,  ρ = μ*²/(ν*+μ*²)   otherwise,
//	λ = √((ν* + μ*²)/(C + α²D)),
//
// which has exactly one root with α > 0, λ > 0 when
// −|B|/√D < μ*/√(ν*+μ*²) < A/√C and none otherwise. For μ* > 0 it is
// α = (A² − ρC)/q and for μ* < 0 it is α = q/(B² − ρD), where
// q = A|B| + √(ρ(A²D + B²C − ρCD)); both forms are free of cancellation
// except the one inherent near the edges of the feasible region.
//
// Lambda, Alpha, AlphaPrime and the dropout A, B of the result are the
// exact values correctly rounded to o.Digits significant decimal digits
// (default 30, at most MaxDigits). Solve computes in two passes at
// different working precisions with guard bits and a running error bound,
// and accepts the digits only when both passes round to the same decimal
// and the error bound does not straddle a rounding boundary; otherwise it
// adds precision, a bounded number of times, and then fails with
// ErrPrecision. The two passes also differ in the precision of every
// primitive and in the method of every constant (see passArith), so that
// an error of a primitive or a constant shows as a disagreement; the
// package documentation says what is proven and what is tested.
//
// Infeasible targets return an *InfeasibleError that gives the feasible
// means for the target's variance. A variance ≤ 0, a nil value, digits out
// of range, τ ≤ 0 or dropout rates outside [0, 1) are errors as well.
//
// Solve keeps no state between calls (bigmath caches its constants safely)
// and is safe for concurrent use.
func Solve(t Target, o *Options) (*Result, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	opt, err := o.resolve()
	if err != nil {
		return nil, err
	}
	pr := newProblem(t, opt)
	if err := checkNetInput(pr.m, pr.s2, "μ*ω", "ν*τ"); err != nil {
		return nil, err
	}

	d := opt.digits
	need := uint(math.Ceil(float64(d)*math.Log2(10))) + 1
	budget := 2*need + 8192 // largest working precision tried
	g := 20 + uint(math.Ceil(math.Log2(float64(d)+1)))
	var prev *pass
	triedBudget := false
	for i := range maxPasses {
		p := need + g
		if p > budget {
			if triedBudget {
				break
			}
			p, g = budget, budget-need
		}
		triedBudget = p == budget
		cur := pr.solveWith(passArith(i, p))
		switch cur.status {
		case infeasible:
			return nil, pr.infeasible()
		case uncertain:
			// all bits may be lost (a difference that came out 0): at
			// least double the precision
			prev = nil
			g = max(2*g, uint(math.Min(cur.emax, float64(p)))+32)
			continue
		}
		if prev != nil {
			if text, ok := agree(prev, cur, d); ok {
				return pr.result(cur, text, need), nil
			}
		}
		prev = cur
		g = max(2*g, uint(math.Min(math.Ceil(cur.emax), float64(p)))+32)
	}
	return nil, fmt.Errorf("%w: target %v with ω = %s, τ = %s to %d digits needs more than %d bits of working precision: λ and α are extremely ill-conditioned there (next to the edge of the feasible region, where α → 0 or α → ∞, or where the net input almost never reaches the negative branch)",
		ErrPrecision, t, ratString(opt.omega), ratString(opt.tau), d, budget)
}

// passArith returns the arithmetic of pass i at precision p. Consecutive
// passes, which Solve compares, differ in two ways:
//
//   - the guard bits of the primitives (passGuard), so that every primitive
//     runs at precisions at least 6% apart, more than the width of the
//     bands 52·2^k … 53·2^k in which big.Float.Sqrt (no longer used) loses
//     about 2^k bits: an error of that kind shows as a disagreement instead
//     of being confirmed;
//   - the constants π, ln 2 and 1/√π (passConstants): even passes take them
//     from bigmath.Primary, odd ones from bigmath.Secondary, which computes
//     each by another series (and sums the Taylor series of e^x at another
//     point). A wrong constant, whether its error depends on the precision
//     or not, is then wrong in one pass only.
func passArith(i int, p uint) arith {
	return arith{prec: p, guard: passGuard(i, p), k: passConstants[i%2]}
}

// passGuard returns the guard bits of the primitives in pass i at
// precision p: none in even passes, p/16 + 29 in odd ones.
func passGuard(i int, p uint) uint {
	if i%2 == 0 {
		return 0
	}
	return p/16 + 29
}

// passConstants are the constants of the even and the odd passes (a
// variable only so that a test can put in a faulty constant and see the
// agreement check catch it).
var passConstants = [2]*bigmath.Constants{bigmath.Primary, bigmath.Secondary}

// maxPasses bounds the number of working precisions tried by Solve.
const maxPasses = 8

// maxU02 bounds u0² = (μ*ω)²/(2ν*τ).
const maxU02 = 1000000

// tooFar reports whether u0² = m²/(2s²) of the net input exceeds maxU02.
func (pr *problem) tooFar() bool { return tooFar(pr.m, pr.s2) }

func tooFar(m, s2 *big.Rat) bool {
	u02 := new(big.Rat).Mul(m, m)
	u02.Quo(u02, new(big.Rat).Mul(big.NewRat(2, 1), s2))
	return u02.Cmp(big.NewRat(maxU02, 1)) > 0
}

// checkNetInput checks that the net input z ~ N(m, s²) lies in the range
// the error-bounded arithmetic accepts: s² in [minS2, maxS2], |m| ≤ maxAbs
// and u0² = m²/(2s²) ≤ maxU02. u0² bounds the exponents of the integrals
// (e^{−u0²}); beyond it the answer needs millions of bits or leaves
// big.Float's exponent range. mName and s2Name are how the error names m
// and s².
func checkNetInput(m, s2 *big.Rat, mName, s2Name string) error {
	if f, _ := s2.Float64(); f < minS2 || f > maxS2 {
		return fmt.Errorf("solver: net-input variance %s = %s out of range [%g, %g]", s2Name, ratString(s2), minS2, maxS2)
	}
	if f, _ := m.Float64(); math.Abs(f) > maxAbs {
		return fmt.Errorf("solver: net-input mean %s = %s out of range [%g, %g]", mName, ratString(m), -maxAbs, maxAbs)
	}
	if tooFar(m, s2) {
		return fmt.Errorf("solver: net input z ~ N(%s, %s) = N(%s, %s) is too far from 0 for its spread: need (%s)²/(2%s) ≤ %d", mName, s2Name, ratString(m), ratString(s2), mName, s2Name, maxU02)
	}
	return nil
}

// problem is a validated target with its options, in exact arithmetic.
type problem struct {
	t          Target
	opt        resolved
	m, s2      *big.Rat // net input z ~ N(m, s²): m = μ*ω, s² = ν*τ
	rho, nmu2  *big.Rat // ρ = μ*²/(ν*+μ*²), ν*+μ*²
	muSign     int
	rates, qs  []*big.Rat
	rateFloats []float64
}

func newProblem(t Target, opt resolved) *problem {
	pr := &problem{
		t:   Target{Mean: new(big.Rat).Set(t.Mean), Var: new(big.Rat).Set(t.Var)},
		opt: opt,
	}
	pr.m = new(big.Rat).Mul(pr.t.Mean, opt.omega)
	pr.s2 = new(big.Rat).Mul(pr.t.Var, opt.tau)
	mu2 := new(big.Rat).Mul(pr.t.Mean, pr.t.Mean)
	pr.nmu2 = new(big.Rat).Add(pr.t.Var, mu2)
	pr.rho = new(big.Rat).Quo(mu2, pr.nmu2)
	pr.muSign = pr.t.Mean.Sign()
	for _, r := range opt.rates {
		pr.rates = append(pr.rates, r)
		pr.qs = append(pr.qs, new(big.Rat).Sub(big.NewRat(1, 1), r))
	}
	pr.rateFloats = opt.rateF
	return pr
}

// Pass outcomes.
const (
	ok = iota
	infeasible
	uncertain // the precision could not decide feasibility
)

// A pass is one evaluation of all results at one working precision.
type pass struct {
	prec   uint
	status int
	vals   []tracked // λ, α, α', then a, b for each dropout rate
	emax   float64   // largest error exponent among vals (or of the decisive quantity)
	text   []string  // vals rounded to the digits asked (see roundTracked), "" if uncertain
}

// reliable reports whether the sign of t is certain at precision p (and t
// is finite).
func reliable(t tracked, p uint) bool {
	return t.x.Sign() != 0 && !t.x.IsInf() && t.e < float64(p)-2
}

// solve evaluates λ, α and the rest at working precision p, with guard
// bits for the primitives and the primary constants (docs/model.md §4).
func (pr *problem) solve(p, guard uint) *pass {
	return pr.solveWith(arith{prec: p, guard: guard})
}

// solveWith evaluates λ, α and the rest with the arithmetic c.
func (pr *problem) solveWith(c arith) *pass {
	p := c.prec
	in := c.integrals(pr.m, pr.s2)
	res := &pass{prec: p}
	for _, v := range []tracked{in.A, in.B, in.C, in.D} {
		if !reliable(v, p) { // a value lost to cancellation or underflow
			res.status, res.emax = uncertain, math.Min(v.e, float64(p))
			return res
		}
	}

	var alpha tracked
	if pr.muSign == 0 {
		alpha = c.neg(c.quo(in.A, in.B)) // α = −A/B
	} else {
		rho := c.rat(pr.rho)
		a0 := c.sub(c.mul(in.A, in.A), c.mul(rho, in.C)) // A² − ρC
		a2 := c.sub(c.mul(in.B, in.B), c.mul(rho, in.D)) // B² − ρD
		decisive := a0
		if pr.muSign < 0 {
			decisive = a2
		}
		if !reliable(decisive, p) {
			res.status, res.emax = uncertain, decisive.e
			return res
		}
		if decisive.x.Sign() <= 0 {
			res.status = infeasible
			return res
		}
		// q = A|B| + √(ρ(A²D + C(B² − ρD))), the stable root form
		disc := c.mul(rho, c.add(c.mul(c.mul(in.A, in.A), in.D), c.mul(in.C, a2)))
		if disc.x.Sign() <= 0 {
			res.status, res.emax = uncertain, float64(p)
			return res
		}
		q := c.add(c.neg(c.mul(in.A, in.B)), c.sqrt(disc))
		if !reliable(q, p) {
			res.status, res.emax = uncertain, float64(p)
			return res
		}
		if pr.muSign > 0 {
			alpha = c.quo(a0, q)
		} else {
			alpha = c.quo(q, a2)
		}
	}
	if !reliable(alpha, p) || alpha.x.Sign() <= 0 {
		res.status, res.emax = uncertain, alpha.e
		return res
	}
	// λ = √((ν*+μ*²)/(C + α²D)): a sum of positive terms.
	lambda := c.sqrt(c.quo(c.rat(pr.nmu2), c.add(in.C, c.mul(c.mul(alpha, alpha), in.D))))
	if pr.muSign != 0 {
		// garbage guard: the mean λ(A + αB) must have the sign of μ*.
		h := c.add(in.A, c.mul(alpha, in.B))
		if !reliable(h, p) || h.x.Sign() != pr.muSign {
			res.status, res.emax = uncertain, h.e
			return res
		}
	}
	ap := c.neg(c.mul(lambda, alpha))
	res.vals = append(res.vals, lambda, alpha, ap)
	mu, nu := c.rat(pr.t.Mean), c.rat(pr.t.Var)
	for i, r := range pr.rates {
		a, b := c.dropout(mu, nu, ap, r, pr.qs[i])
		res.vals = append(res.vals, a, b)
	}
	for _, v := range res.vals {
		res.emax = math.Max(res.emax, v.e)
	}
	return res
}

// agree reports whether the passes a and b (b at the higher precision)
// round every value to the same d-digit decimal, each with its error bound
// not straddling a rounding boundary, and returns the decimals.
func agree(a, b *pass, d int) ([]string, bool) {
	for _, q := range []*pass{a, b} {
		if q.text == nil {
			q.text = make([]string, len(q.vals))
			for i, v := range q.vals {
				if s, ok := roundTracked(v, q.prec, d); ok {
					q.text[i] = s
				}
			}
		}
	}
	for i := range b.text {
		if b.text[i] == "" || b.text[i] != a.text[i] {
			return nil, false
		}
	}
	return b.text, true
}

// roundTracked rounds t (computed at precision p) to d significant digits
// and returns it in the format of big.Float.Text('e', d−1). It reports
// false when the error interval t.x·(1 ± 2^(e+1−p)) may contain a rounding
// boundary, i.e. when the d-digit decimal is not certain.
//
// It converts once, to d+extra digits, and decides from the extra digits.
// extra is at least 6 and grows with the working precision, so that the
// last printed digit is about a tenth of the error bound: with ulp the
// unit of the d-th digit, the error bound is below 10^d·2^(e+1−p) ulp, and
// the printed extra digits are within 10^−extra ulp of the binary value. A
// value that lies very close to a rounding midpoint (say 10⁻⁷ ulp from it)
// is therefore decided as soon as the working precision resolves that
// distance, instead of never.
func roundTracked(t tracked, p uint, d int) (string, bool) {
	if t.x.Sign() == 0 {
		return "0", t.e == 0
	}
	if t.x.IsInf() || math.IsNaN(t.e) || math.IsInf(t.e, 0) {
		return "", false // no finite value or no error bound
	}
	k := math.Ceil(t.e) + 1 - float64(p) // the error bound is 2^k relative
	extra := max(6, int(math.Ceil(1-k*math.Log10(2)))-d)
	lm := float64(d+extra) + k*math.Log10(2) // log10 of the error bound in units of the last printed digit
	if lm > float64(extra)-2 {
		return "", false
	}
	// |printed tail − true tail| ≤ 10^lm + 1 units of the last printed digit
	margin := new(big.Int).SetInt64(int64(math.Ceil(math.Pow(10, lm))) + 1)
	x, k10 := scale10(t.x, p)
	s := x.Text('e', d+extra-1)
	mant, exp, _ := strings.Cut(s, "e")
	neg := strings.HasPrefix(mant, "-")
	digits := []byte(strings.Replace(strings.TrimPrefix(mant, "-"), ".", "", 1))
	tail, _ := new(big.Int).SetString(string(digits[d:]), 10)
	half := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(extra-1)), nil)
	half.Mul(half, big.NewInt(5)) // 5·10^(extra−1)
	dist := new(big.Int).Sub(tail, half)
	if new(big.Int).Abs(dist).Cmp(margin) <= 0 {
		return "", false
	}
	e10, _ := strconv.Atoi(exp)
	e10 += k10
	digits = digits[:d]
	if dist.Sign() > 0 { // round up, carrying
		i := d - 1
		for ; i >= 0 && digits[i] == '9'; i-- {
			digits[i] = '0'
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits[:d-1]...)
			e10++
		} else {
			digits[i]++
		}
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteByte(digits[0])
	if d > 1 {
		b.WriteByte('.')
		b.Write(digits[1:])
	}
	b.WriteByte('e')
	if e10 < 0 {
		b.WriteByte('-')
		e10 = -e10
	} else {
		b.WriteByte('+')
	}
	if e10 < 10 {
		b.WriteByte('0')
	}
	b.WriteString(strconv.Itoa(e10))
	return b.String(), true
}

// scale10 returns y, k with y ≈ x/10^k and |y| in about [1e-2, 1e2] when
// |x| is far from 1, so that converting y to decimal costs O(p) instead of
// O(binary exponent of x) (big.Float.Text shifts the whole mantissa). y is
// computed with p+64 bits; 10^k by repeated squaring has a relative error
// below 2·log2(k)·2^(−p−64), far inside the error bound 2^(e+1−p) that
// roundTracked checks (which needs e ≥ 0 anyway). For |x| near 1 it
// returns x, 0.
func scale10(x *big.Float, p uint) (*big.Float, int) {
	be := x.MantExp(nil)
	if be > -4096 && be < 4096 {
		return x, 0
	}
	k := int(math.Floor(float64(be) * math.Log10(2)))
	wp := p + 64
	pow := new(big.Float).SetPrec(wp).SetInt64(1)
	base := new(big.Float).SetPrec(wp).SetInt64(10)
	for n := k; n != 0; n /= 2 {
		if n%2 != 0 {
			pow.Mul(pow, base)
		}
		base.Mul(base, base)
	}
	if k < 0 {
		pow.Quo(new(big.Float).SetPrec(wp).SetInt64(1), pow)
	}
	return new(big.Float).SetPrec(wp).Quo(x, pow), k
}

// formatDigits writes the 'e'-format decimal s (as from big.Float.Text('e',
// d−1)) with exactly d significant digits: positional when the decimal
// exponent is in [−5, d), otherwise d.ddd…e±XX.
func formatDigits(s string, d int) string {
	if s == "0" {
		return s
	}
	mant, exp, _ := strings.Cut(s, "e")
	sign := ""
	if strings.HasPrefix(mant, "-") {
		sign, mant = "-", mant[1:]
	}
	digits := strings.Replace(mant, ".", "", 1)
	e10, err := strconv.Atoi(exp) // decimal: "+08" is 8 (fmt.Sscan would read it as octal)
	if err != nil {
		panic("solver: malformed decimal exponent in " + s)
	}
	switch {
	case e10 >= 0 && e10 < d:
		ip, fp := digits[:e10+1], digits[e10+1:]
		if fp == "" {
			return sign + ip
		}
		return sign + ip + "." + fp
	case e10 < 0 && e10 >= -5:
		return sign + "0." + strings.Repeat("0", -e10-1) + digits
	}
	return s
}
