package mapping

import (
	"fmt"
	"math"
	"sort"
)

// CorrelationMap is the correlation map of a layer at an input (μ, ν)
// (docs/why-0-and-1.md, "Definitions"). Two inputs x, x′ whose
// components have mean μ, variance ν and pairwise correlation c give net
// inputs z₁ = Σwᵢxᵢ, z₂ = Σwᵢx′ᵢ that are jointly normal with mean m = μω,
// variance s² = ντ and correlation c (the weights are the same for both
// inputs and cov(z₁, z₂) = Σwᵢ²·cν = τcν). The layer outputs then have
// the correlation
//
//	C(c) = (E[selu(z₁)selu(z₂)] − μ̃²) / ν̃,
//
// with μ̃, ν̃ the moments of selu(z) (Layer.Moments), and its slope is
// (Price's theorem)
//
//	C′(c) = s²·E[selu′(z₁)selu′(z₂)] / ν̃.
//
// C(0) = 0 and C(1) = 1 for every layer; at a fixed point (ν̃ = ν) the
// slope at 1 is the gradient growth χ = τ·E[selu′(z)²], and the slope at 0
// is τ·(E selu′(z))².
//
// A CorrelationMap is created by Layer.Correlation.
type CorrelationMap struct {
	l          Layer
	m, s       float64 // net-input mean and standard deviation
	mean, vr   float64 // μ̃, ν̃
	x0         float64 // the kink of selu(z₁) in x = (z₁ − m)/s
	uniform    []float64
	nodes, wts []float64 // Gauss–Legendre rule on [−1, 1]
}

// Correlation returns the correlation map of l at the input (μ, ν), or an
// error if l or the input is invalid (Layer.ValidateInput) or the layer's
// output variance ν̃ is not a positive finite number.
func (l Layer) Correlation(mu, nu float64) (*CorrelationMap, error) {
	if err := l.ValidateInput(mu, nu); err != nil {
		return nil, err
	}
	mo := l.Moments(mu, nu)
	if !(mo.Var > 0) || math.IsInf(mo.Var, 0) || math.IsNaN(mo.Mean) {
		return nil, fmt.Errorf("mapping: output variance %v at (%v, %v) is not a positive finite number", mo.Var, mu, nu)
	}
	cm := &CorrelationMap{l: l, m: mu * l.Omega, s: math.Sqrt(nu * l.Tau), mean: mo.Mean, vr: mo.Var}
	cm.x0 = -cm.m / cm.s
	cm.nodes, cm.wts = gaussLegendre(glNodes)
	cm.uniform = panelEdges(-quadHalfWidth, quadHalfWidth)
	if math.Abs(cm.x0) > quadHalfWidth-quadTail {
		// The kink lies in a tail: where α is small, the variance comes
		// from beyond it; cover quadTail on both sides (the gap between
		// the windows, where the Gaussian weight is negligible against
		// both, is one panel).
		lo, hi := cm.x0-quadTail, cm.x0+quadTail
		for _, e := range panelEdges(lo, hi) {
			if e < -quadHalfWidth || e > quadHalfWidth {
				cm.uniform = append(cm.uniform, e)
			}
		}
	}
	sort.Float64s(cm.uniform)
	return cm, nil
}

// Quadrature: the Gaussian weight of x = (z₁ − m)/s is cut at
// ±quadHalfWidth (φ(9.5) ≈ 1.6e-20), on panels of width quadPanel with a
// glNodes-point Gauss–Legendre rule each, split at the kink of selu(z₁)
// and graded geometrically towards the point where the conditional
// expectation of selu(z₂) has its (smoothed) kink.
const (
	quadHalfWidth = 9.5
	quadPanel     = 0.5
	glNodes       = 16
	// quadTail is the half-width of the window around a kink in a tail:
	// e^{−x0·d − d²/2} < 2e-16 relative for d = quadTail ≥ √72.
	quadTail = 8.5
)

// panelEdges returns the panel edges from lo to hi, quadPanel apart.
func panelEdges(lo, hi float64) []float64 {
	n := int(math.Ceil((hi - lo) / quadPanel))
	e := make([]float64, n+1)
	for i := range e {
		e[i] = lo + (hi-lo)*float64(i)/float64(n)
	}
	return e
}

// C returns the output correlation C(c) for the input correlation c,
// −1 ≤ c ≤ 1 (NaN outside). For |c| < 1 it is the one-dimensional integral
//
//	C(c) = ∫ φ(x) (f(z₁) − μ̃)(G(z₁) − μ̃) dx / ν̃,   z₁ = m + s·x,
//
// where G(z₁) = E[selu(z₂) | z₁] is the closed form λ(A + αB) of
// NewIntegrals at the conditional mean m + c·s·x and variance s²(1 − c²).
// The relative error is about 1e-14 where |C| is not small, and the
// absolute error below 1e-15 (the subtraction of μ̃ costs relative
// accuracy only where C(c) itself is tiny, c → 0).
func (cm *CorrelationMap) C(c float64) float64 {
	if !(c >= -1 && c <= 1) {
		return math.NaN()
	}
	switch c {
	case 0:
		return 0
	case 1:
		return 1
	}
	cov := cm.integrate(c, func(z1, g float64) float64 {
		return (cm.f(z1) - cm.mean) * (g - cm.mean)
	}, false)
	return cov / cm.vr
}

// Slope returns C′(c) = s²·E[selu′(z₁)selu′(z₂)]/ν̃ for −1 ≤ c ≤ 1 (NaN
// outside), by the same quadrature with E[selu′(z₂) | z₁] =
// λ(P(z₂ > 0) + α·E[e^{z₂}1{z₂ ≤ 0}]) in closed form. At c = 1 it is
// s²·E[selu′(z)²]/ν̃. The integrand is positive: the relative error is
// about 1e-14.
func (cm *CorrelationMap) Slope(c float64) float64 {
	if !(c >= -1 && c <= 1) {
		return math.NaN()
	}
	e := cm.integrate(c, func(z1, g float64) float64 { return cm.df(z1) * g }, true)
	return cm.s * cm.s * e / cm.vr
}

func (cm *CorrelationMap) f(z float64) float64 {
	if z > 0 {
		return cm.l.Lambda * z
	}
	return cm.l.Lambda * cm.l.Alpha * math.Expm1(z)
}

func (cm *CorrelationMap) df(z float64) float64 {
	if z > 0 {
		return cm.l.Lambda
	}
	return cm.l.Lambda * cm.l.Alpha * math.Exp(z)
}

// inner returns E[selu(y)] (or E[selu′(y)] with deriv) for y ~ N(a, r²),
// r² > 0, from the kernel's closed forms.
func (cm *CorrelationMap) inner(a, r2 float64, deriv bool) float64 {
	var k kernel
	k.init(a, r2, false)
	lam, al := cm.l.Lambda, cm.l.Alpha
	if deriv {
		// P(y > 0) = ½erfc(−u0) = ½q0; E[eʸ1{y≤0}] = ½p1.
		return lam * 0.5 * (k.q0 + al*k.p1)
	}
	return lam * (k.a + al*k.b)
}

// integrate returns ∫ φ(x) h(z₁, G(z₁)) dx with z₁ = m + s·x and G the
// conditional expectation of selu(z₂) (selu′ with deriv) given z₁ at
// correlation c.
func (cm *CorrelationMap) integrate(c float64, h func(z1, g float64) float64, deriv bool) float64 {
	m, s := cm.m, cm.s
	edges := append([]float64(nil), cm.uniform...)
	lo, hi := edges[0], edges[len(edges)-1]
	edges = append(edges, cm.x0) // inside [lo, hi] by construction
	// Left of the kink selu and selu′ carry the factor e^{z₁} = e^{m + s·x},
	// which falls off over 1/s in x: for a large s the panels are graded
	// geometrically from the kink, from width 1/(4s) up to quadPanel.
	for d := 0.25 / s; d < quadPanel; d *= 2 {
		if e := cm.x0 - d; e > lo {
			edges = append(edges, e)
		}
	}
	r2 := s * s * (1 - c) * (1 + c)
	degenerate := r2 == 0 // c = ±1
	if degenerate {
		if c < 0 && -cm.x0 > lo && -cm.x0 < hi {
			edges = append(edges, -cm.x0) // the kink of selu(2m − z₁)
		}
	} else {
		// G(z₁) is selu (selu′) smoothed over the conditional standard
		// deviation; in x its kink sits at x1 with width w.
		x1 := -m / (c * s)
		w := math.Sqrt((1-c)*(1+c)) / math.Abs(c)
		for d := w; d < quadPanel; d *= 2 {
			for _, e := range []float64{x1 - d, x1 + d} {
				if e > lo && e < hi {
					edges = append(edges, e)
				}
			}
		}
		if x1 > lo && x1 < hi {
			edges = append(edges, x1)
		}
	}
	sort.Float64s(edges)
	var sum, comp float64 // Kahan–Neumaier sum over panels
	for i := 0; i+1 < len(edges); i++ {
		a, b := edges[i], edges[i+1]
		if b-a <= 0 {
			continue
		}
		half, mid := 0.5*(b-a), 0.5*(a+b)
		var p float64
		for j, t := range cm.nodes {
			x := mid + half*t
			z1 := m + s*x
			var g float64
			switch {
			case degenerate && c > 0:
				if deriv {
					g = cm.df(z1)
				} else {
					g = cm.f(z1)
				}
			case degenerate: // c = −1: z₂ = 2m − z₁
				if deriv {
					g = cm.df(2*m - z1)
				} else {
					g = cm.f(2*m - z1)
				}
			default:
				g = cm.inner(m+c*s*x, r2, deriv)
			}
			p += cm.wts[j] * math.Exp(-0.5*x*x) * h(z1, g)
		}
		p *= half
		t := sum + p
		if math.Abs(sum) >= math.Abs(p) {
			comp += (sum - t) + p
		} else {
			comp += (p - t) + sum
		}
		sum = t
	}
	return (sum + comp) / math.Sqrt(2*math.Pi)
}

// gaussLegendre returns the n-point Gauss–Legendre nodes and weights on
// [−1, 1] (DLMF 3.5.19), by Newton's method on the Legendre polynomial Pₙ
// from the starting values cos(π(i − ¼)/(n + ½)).
func gaussLegendre(n int) (x, w []float64) {
	x, w = make([]float64, n), make([]float64, n)
	for i := range (n + 1) / 2 {
		t := math.Cos(math.Pi * (float64(i) + 0.75) / (float64(n) + 0.5))
		var dp float64
		for range 100 {
			p0, p1 := 1.0, t
			for k := 2; k <= n; k++ {
				p0, p1 = p1, ((2*float64(k)-1)*t*p1-(float64(k)-1)*p0)/float64(k)
			}
			dp = float64(n) * (t*p1 - p0) / (t*t - 1)
			dt := p1 / dp
			t -= dt
			if math.Abs(dt) <= 1e-17 {
				break
			}
		}
		x[i], x[n-1-i] = -t, t
		w[i] = 2 / ((1 - t*t) * dp * dp)
		w[n-1-i] = w[i]
	}
	return x, w
}

// CorrelationFixedPoint describes the stable fixed point of the
// correlation map: the correlation c* that pairs of inputs approach with
// depth, the slope χ_c = C′(c*) and the depth scale ξ_c = −1/ln χ_c over
// which a deviation |c − c*| shrinks by the factor e (Schoenholz, Gilmer,
// Ganguli and Sohl-Dickstein, "Deep Information Propagation", ICLR 2017,
// Eq. 9).
type CorrelationFixedPoint struct {
	Correlation float64 // c*
	Slope       float64 // χ_c = C′(c*)
	Depth       float64 // ξ_c = −1/ln χ_c (+Inf if χ_c = 1)
}

// FixedPoint returns the stable fixed point of the correlation map, which
// is c* = 0 for every layer and input: C(0) = 0 (independent inputs give
// independent net inputs, the weights' statistics ω, τ being shared), and
// its slope χ_c = C′(0) = s²(E selu′(z))²/ν̃ is at most 1, while
// C′(1) = s²E[selu′(z)²]/ν̃ is at least 1. Both follow from the Gaussian
// Poincaré inequality and the first Hermite coefficient of selu
// (for z ~ N(m, s²) and f = selu,
//
//	s²(E f′(z))² ≤ Var f(z) ≤ s²E[f′(z)²],
//
// Chernoff, "A note on an inequality involving the normal distribution",
// Ann. Probab. 9, 1981), with equality only when selu is affine where z
// lives (z almost surely on one side of 0, where the map is linear and
// χ_c = 1 up to rounding: then ξ_c = +Inf). So pairs of distinct inputs
// decorrelate towards c* = 0 at the rate χ_c, and identical inputs (c = 1)
// are a repelling fixed point.
func (cm *CorrelationMap) FixedPoint() CorrelationFixedPoint {
	s := math.Min(cm.Slope(0), 1)
	return newCorrelationFixedPoint(0, s)
}

func newCorrelationFixedPoint(c, slope float64) CorrelationFixedPoint {
	return CorrelationFixedPoint{Correlation: c, Slope: slope, Depth: CorrelationDepth(slope)}
}

// CorrelationDepth returns ξ = −1/ln χ for 0 < χ < 1 (+Inf at χ = 1, NaN
// otherwise): the number of layers over which a deviation that shrinks by
// χ per layer shrinks by the factor e.
func CorrelationDepth(chi float64) float64 {
	switch {
	case chi == 1:
		return math.Inf(1)
	case chi > 0 && chi < 1:
		return -1 / math.Log(chi)
	}
	return math.NaN()
}
