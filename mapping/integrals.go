package mapping

import "math"

// Integrals are the four Gaussian integrals from which the moments of a
// SELU layer are assembled (docs/model.md §2; Klambauer et al. 2017, Eq. 11–13).
// With z ~ N(m, s²), u0 = m/(√2 s), u1 = (m+s²)/(√2 s), u2 = (m+2s²)/(√2 s),
//
//	A = E[z·1{z>0}]          = ½( m(1+erf u0) + √(2/π) s e^{−m²/(2s²)} )
//	B = E[(eᶻ−1)·1{z≤0}]     = ½( e^{m+s²/2} erfc u1 − erfc u0 )          < 0
//	C = E[z²·1{z>0}]         = ½( (m²+s²)(1+erf u0) + √(2/π) m s e^{−m²/(2s²)} )
//	D = E[(eᶻ−1)²·1{z≤0}]    = ½( e^{2(m+s²)} erfc u2 − 2e^{m+s²/2} erfc u1 + erfc u0 )
//
// so that E selu(z) = λ(A + αB) and E selu(z)² = λ²(C + α²D).
type Integrals struct {
	A, B, C, D float64
}

// NewIntegrals returns A, B, C and D at the net-input mean m and variance
// s2 > 0. Each is computed with a relative error below 1e-13 wherever its
// true value is at least 1e-300, for |m| ≤ 50 and 1e-6 ≤ s2 ≤ 1e6 (and
// stays finite beyond): the exponentially scaled forms
// e^{m+s²/2} erfc u1 = e^{−u0²} erfcx(u1) never overflow, and the
// cancellation in B and D for small s is avoided by Taylor series in s
// (see docs/derivation.md). NewIntegrals returns NaNs if s2 ≤ 0 or an
// argument is NaN.
func NewIntegrals(m, s2 float64) Integrals {
	if !(s2 > 0) || math.IsNaN(m) {
		nan := math.NaN()
		return Integrals{nan, nan, nan, nan}
	}
	var k kernel
	k.init(m, s2, true)
	return Integrals{k.a, k.b, k.c, k.d}
}

// kernel holds everything one evaluation at (m, s²) computes, so that the
// Jacobian reuses the moments' erfc, erfcx and exp evaluations.
type kernel struct {
	m, s2, h, x float64 // h = s/√2, x = u0 = m/(2h)
	e0          float64 // exp(−u0²) = exp(−m²/(2s²))
	p0, q0      float64 // erfc(u0), erfc(−u0) = 2 − erfc(u0)
	p1, p2      float64 // e^{m+s²/2} erfc(u1) = E[eᶻ 1{z≤0}]·2, e^{2m+2s²} erfc(u2)
	q0l, p1l    float64 // low parts of q0, p1, p2 (m ≥ 0 only; else 0)
	p2l         float64
	a, b, c, d  float64 // the Integrals
	varP, varN  float64 // Var(z·1{z>0}) = C − A², Var((eᶻ−1)·1{z≤0}) = D − B²
}

// Regime boundaries, chosen so that no formula loses more than about
// 100 ulp (docs/derivation.md, "Numerics").
const (
	// For m ≥ 0, B and D are summed as Taylor series in s when
	// h = s/√2 ≤ seriesRatio·max(1, u0).
	seriesRatio = 0.125
	// For m < 0, when |m| ≤ seriesNegM and h ≤ seriesNegH.
	seriesNegM = 0.5
	seriesNegH = 0.25
)

// init evaluates the kernel at (m, s²). With lowParts false (the moments
// alone), the low parts of h, u0, u1 and u2 are not formed and q0l, p1l,
// p2l are left inaccurate: they only serve the Jacobian's double-length J22
// (Layer.Jacobian and NewIntegrals pass true). The moments do not need
// them: erfcx(u) changes by at most 2/√π·|δ| relative when u moves by δ
// (from DLMF 7.10, |erfcx'/erfcx| = |2u − 2/(√π erfcx u)| ≤ 2/√π for
// u ≥ 0), so dropping low parts of size ulp(u) perturbs each erfcx by
// about an ulp, and B = ½e0(erfcx u1 − erfcx u0) cancels at most a factor
// 10 of that.
func (k *kernel) init(m, s2 float64, lowParts bool) {
	k.m, k.s2 = m, s2
	h := math.Sqrt(0.5 * s2)
	x := 0.5 * m / h
	e0 := expNegSquareRatio(m, s2)
	k.h, k.x, k.e0 = h, x, e0
	if x >= 0 {
		// Low parts of h = √(s²/2) and of x = m/(2h), for the erfcx
		// arguments u1 = x + h and u2 = x + 2h.
		var hl, xl float64
		if lowParts {
			hl = math.FMA(-h, h, 0.5*s2) / (2 * h)
			xl = (math.FMA(-x, h, 0.5*m) - x*hl) / h
			if !(math.Abs(hl) < h) {
				hl = 0
			}
			if !(math.Abs(xl) <= x) || math.IsInf(x, 1) {
				xl = 0
			}
		}
		k.initNonNegative(m, s2, h, hl, x, xl, e0, lowParts)
	} else {
		k.initNegative(m, s2, h, x, e0)
	}
}

// initNonNegative handles m ≥ 0: all of u0, u1, u2 are ≥ 0 and every
// exponential factor is e0 times an erfcx.
//
// The three erfcx values are carried in double length, from double-length
// arguments when lowParts is set, and so are p1, p2 and q0 (for the
// Jacobian's second row, whose terms cancel at the paper's fixed point);
// elsewhere only the high parts are used.
func (k *kernel) initNonNegative(m, s2, h, hl, x, xl, e0 float64, lowParts bool) {
	u1, u2 := x+h, x+2*h
	var u1l, u2l float64 // rounding errors of u1, u2 (with lowParts only)
	if lowParts {
		u1, u1l = twoSum(x, h)
		u2, u2l = twoSum(x, 2*h)
		u1l += xl + hl
		u2l += xl + 2*hl
	}
	ex1, ex1l := erfcxShifted(u1, u1l)
	ex2, ex2l := erfcxShifted(u2, u2l)
	ex0, ex0l := 1.0, 0.0 // erfcx(0) = 1
	if x != 0 {
		ex0, ex0l = erfcxShifted(x, xl)
	}
	p0, p0l := twoProd(e0, ex0)
	p0l += e0 * ex0l
	k.p0 = p0 + p0l
	k.q0, k.q0l = twoSum(2, -p0)
	k.q0l -= p0l
	k.p1, k.p1l = twoProd(e0, ex1)
	k.p1l += e0 * ex1l
	k.p2, k.p2l = twoProd(e0, ex2)
	k.p2l += e0 * ex2l
	ex0 += ex0l
	// A and C are sums of positive terms here. √(2/π) s = (2/√π) h.
	phi := 2 / math.SqrtPi * h * e0
	k.a = 0.5 * (m*k.q0 + phi)
	k.c = 0.5 * ((m*m+s2)*k.q0 + m*phi)

	if h <= seriesRatio || h <= seriesRatio*x { // h ≤ seriesRatio·max(1, u0)
		// B = ½e0 Σ_{k≥1} (−2h)ᵏ Fₖ(u0), D = ½e0 Σ_{k≥2} (2ᵏ−2)(−2h)ᵏ Fₖ(u0):
		// the expansions of E[(eᶻ−1)ʲ 1{z≤0}] in powers of z.
		var t [maxTerms]float64
		nt := termsFor(h, x)
		scaledTerms(t[:nt], -2*h, x, ex0)
		k.b, k.d = seriesBD(t[:nt])
		k.b *= 0.5 * e0
		k.d *= 0.5 * e0
	} else {
		// Differences of erfcx; h > u0/8 keeps the cancellation below 10.
		k.b = 0.5 * e0 * ((ex1 - ex0) + ex1l)
		b2 := 0.5 * e0 * ((ex2 - ex0) + ex2l) // B at (2m, 4s²): E[(e^{2z}−1) 1{z≤0}]
		k.d = b2 - 2*k.b
	}
	if x <= 1 {
		k.varP = k.c - k.a*k.a
	} else {
		// Var(z·1{z>0}) = s²(1 − e0(2F₂ + 2u0F₁ + ½e0F₁²)): the subtracted
		// part is below 0.7 of the whole, while C − A² would cancel m².
		k.varP = s2
		if e0 > 0 {
			var f [3]float64
			repeatedErfc(f[:], x, ex0)
			k.varP = s2 * (1 - e0*(2*f[2]+2*x*f[1]+0.5*e0*f[1]*f[1]))
		}
	}
	k.varN = k.d - k.b*k.b
}

// seriesBD returns Σ_{k≥1} tₖ and Σ_{k≥2} (2ᵏ−2) tₖ, stopping once the
// terms no longer matter.
func seriesBD(t []float64) (b, d float64) {
	p2 := 1.0 // 2ᵏ
	for i := 1; i < len(t); i++ {
		p2 *= 2
		tb := t[i]
		td := (p2 - 2) * tb
		b += tb
		d += td
		if i >= 3 && math.Abs(td) <= 1e-18*math.Abs(d) && math.Abs(tb) <= 1e-18*math.Abs(b) {
			break
		}
	}
	return b, d
}

// initNegative handles m < 0, with y = −u0 > 0.
func (k *kernel) initNegative(m, s2, h, x, e0 float64) {
	y := -x
	exn0 := erfcxNonNeg(y)
	k.q0 = e0 * exn0
	k.p0 = 2 - k.q0
	var f [3]float64
	repeatedErfc(f[:], y, exn0)
	// A = h·i¹erfc(y), C = 2s²·i²erfc(y), Var(z·1{z>0}) = 2s²(i²erfc − ¼(i¹erfc)²):
	// positive, and the variance keeps at least 2/3 of i²erfc.
	k.a = h * e0 * f[1]
	k.c = 2 * s2 * e0 * f[2]
	k.varP = 2 * s2 * e0 * (f[2] - 0.25*e0*f[1]*f[1])

	u1, u2 := x+h, x+2*h
	var exn1, exn2 float64 // erfcx(−u1), erfcx(−u2) when those are > 0
	var ea1, ea2 float64   // e^{m+s²/2}, e^{2m+2s²} when u1, u2 < 0
	if u1 >= 0 {
		k.p1 = e0 * erfcxNonNeg(u1)
	} else {
		exn1 = erfcxNonNeg(-u1)
		ea1 = math.Exp(m + 0.5*s2)
		k.p1 = 2*ea1 - e0*exn1
	}
	if u2 >= 0 {
		k.p2 = e0 * erfcxNonNeg(u2)
	} else {
		exn2 = erfcxNonNeg(-u2)
		ea2 = math.Exp(2*m + 2*s2)
		k.p2 = 2*ea2 - e0*exn2
	}

	if -m <= seriesNegM && h <= seriesNegH {
		// z is concentrated near 0: series in z with the terms
		// (−2h)ᵏ iᵏerfc(u0) (unscaled, from a recurrence that cannot overflow).
		k.b, k.d = seriesNegBD(h, m, k.p0, e0)
	} else {
		// B = e^{a}·½erfc(u1) − ½erfc(u0) with a = m + s²/2. If u1 < 0 write
		// it as expm1(a) minus the upper tail, both negative:
		// B = expm1(a) + ½e0(erfcx(y) − erfcx(−u1)).
		if u1 >= 0 {
			k.b = -1 + 0.5*(k.p1+k.q0)
		} else {
			k.b = expm1From(m+0.5*s2, ea1) + 0.5*e0*(exn0-exn1)
		}
		var b2 float64 // B at (2m, 4s²), whose u1 is u2
		if u2 >= 0 {
			b2 = -1 + 0.5*(k.p2+k.q0)
		} else {
			b2 = expm1From(2*m+2*s2, ea2) + 0.5*e0*(exn0-exn2)
		}
		k.d = b2 - 2*k.b
	}

	// Var(min(eᶻ,1)) three ways; each is used where it does not cancel.
	//  - D − B²: unless 1 − min(eᶻ,1) is concentrated away from 0;
	//  - M₂ − M₁² with M₁ = E min(eᶻ,1) = ½(p1+q0), M₂ = E min(eᶻ,1)² =
	//    ½(p2+q0): unless min(eᶻ,1) is concentrated;
	//  - varNShifted: when eᶻ is concentrated below 1 (small s, z < 0).
	switch m1, m2 := 0.5*(k.p1+k.q0), 0.5*(k.p2+k.q0); {
	case k.b*k.b <= 0.75*k.d:
		k.varN = k.d - k.b*k.b
	case m1*m1 <= 0.75*m2:
		k.varN = m2 - m1*m1
	case u2 < 0:
		k.varN = varNShifted(m, s2, h, y, e0, exn0)
	default:
		k.varN = k.d - k.b*k.b
	}
}

// varNShifted returns Var(min(eᶻ, 1)) = D − B² for m < 0 when eᶻ is
// concentrated below 1, where D − B² and M₂ − M₁² both cancel. With
// w = z − m ~ N(0, s²), K = −m and y = −u0,
//
//	Var = e^{2m+s²} expm1(s²) − U + 2 expm1(s²/2)·T − T²,
//
// where T = E[(eᶻ − 1)1{z>0}] = ½e0(erfcx(y−h) − erfcx(y)) and
// U = e^{2m}E[(expm1(w)² − expm1(K)²)1{w>K}] is the upper-tail term
// ½e0 Σ_{k≥1} ((4h)ᵏ − 2eᵐ(2h)ᵏ) Fₖ(y) (all positive). Both are small here;
// they are summed as series of positive terms when 4h ≤ y, else taken as
// erfcx differences.
func varNShifted(m, s2, h, y, e0, exn0 float64) float64 {
	em := math.Exp(m)
	var t1, u2 float64
	if 4*h <= y {
		var f [maxTerms]float64 // (2h)ᵏ Fₖ(y)
		n := termsFor(h, y)
		scaledTerms(f[:n], 2*h, y, exn0)
		p2 := 1.0 // 2ᵏ
		for i := 1; i < n; i++ {
			p2 *= 2
			t1 += f[i]
			if i == 1 {
				u2 += -2 * math.Expm1(m) * f[1]
			} else {
				u2 += (p2 - 2*em) * f[i]
			}
		}
		t1 *= 0.5 * e0
		u2 *= 0.5 * e0
	} else {
		t1 = 0.5 * e0 * (Erfcx(y-h) - exn0)
		t2 := 0.5 * e0 * (Erfcx(y-2*h) - exn0)
		u2 = t2 - 2*em*t1
	}
	return math.Exp(2*m+s2)*math.Expm1(s2) - u2 + 2*math.Expm1(0.5*s2)*em*t1 - t1*t1
}

// expm1From returns eᵃ − 1 given ea = eᵃ. For a ≤ −1 the difference
// ea − 1 is at least 0.63 in magnitude and ea at most 0.37, so it is
// accurate to about 1.5 ulp (no cancellation) and saves math.Expm1;
// otherwise math.Expm1(a) is called.
func expm1From(a, ea float64) float64 {
	if a <= -1 {
		return ea - 1
	}
	return math.Expm1(a)
}
