package mapping

import "math"

// Jacobian holds the derivatives of one SELU layer's moments.
type Jacobian struct {
	// J = ∂(μ̃, ξ̃)/∂(μ, ν), the Jacobian of the mean and the second moment
	// (Eq. 62–65, docs/model.md §3). With the Integrals of z ~ N(m, s²),
	//
	//	J11 = ½λω( α e^{m+s²/2} erfc u1 + erfc(−u0) )
	//	J12 = ¼λτ( α e^{m+s²/2} erfc u1 − (α−1) √(2/(πs²)) e^{−m²/(2s²)} )
	//	J21 = λ²ω( 2A + α²(e^{2m+2s²} erfc u2 − e^{m+s²/2} erfc u1) )
	//	J22 = ½λ²τ( 2α² e^{2m+2s²} erfc u2 − α² e^{m+s²/2} erfc u1 + erfc(−u0) ).
	J [2][2]float64
	// H = ∂(μ̃, ν̃)/∂(μ, ν), the Jacobian of the layer map g (Eq. 87):
	// H = [[J11, J12], [J21 − 2μ̃J11, J22 − 2μ̃J12]]. Where 2μ̃J1j is not
	// small against J2j, the second row is computed instead from the
	// derivatives of the three terms of ν̃ (see Layer.Moments), which avoids
	// the cancellation of J2j against 2μ̃J1j when μ̃² ≈ ξ̃.
	H [2][2]float64
	// DLambda = ∂(μ̃, ν̃)/∂λ = (μ̃/λ, 2ν̃/λ).
	DLambda [2]float64
	// DAlpha = ∂(μ̃, ν̃)/∂α = (λB, 2λ²(α(D − B²) − AB)).
	DAlpha [2]float64
}

// Jacobian returns the moments g(μ, ν) and their derivatives. It shares
// every erfc, erfcx and exp evaluation with the moments, and is finite
// wherever they are. Outside the range of the package's accuracy claim
// (Layer.Accurate) the second row of H can lose every digit where α is
// large (at μ = −1e10, ν = 1e20, ω = 1e-10, α ≈ 4e20); solver.Jacobian
// evaluates H in big.Float with a proven error bound. All entries are NaN if the layer or the input is
// invalid (see Layer.ValidateInput).
func (l Layer) Jacobian(mu, nu float64) (Moments, Jacobian) {
	if !l.inputOK(mu, nu) {
		nan := math.NaN()
		n2 := [2]float64{nan, nan}
		return Moments{nan, nan, nan}, Jacobian{[2][2]float64{n2, n2}, [2][2]float64{n2, n2}, n2, n2}
	}
	var k kernel
	k.init(mu*l.Omega, nu*l.Tau, true)
	mo := l.moments(&k)
	return mo, l.jacobian(&k, mo)
}

func (l Layer) jacobian(k *kernel, mo Moments) Jacobian {
	lam, al, om, tau := l.Lambda, l.Alpha, l.Omega, l.Tau
	a, b := k.a, k.b
	p0, q0, p1, p2 := k.p0, k.q0, k.p1, k.p2
	// ps is the density of z at 0: e^{−m²/(2s²)}/(√(2π) s), with √2 s = 2h.
	ps := k.e0 / (2 * math.SqrtPi * k.h)

	// Derivatives of the Integrals with respect to m and to s². For a
	// Gaussian, ∂/∂s² E f(z) = ½ E f''(z) (in the sense of distributions).
	da := [2]float64{0.5 * q0, 0.5 * ps}
	db := [2]float64{0.5 * p1, 0.25*p1 - 0.5*ps}
	dc := [2]float64{2 * a, 0.5 * q0}
	dd := [2]float64{p2 - p1, p2 - 0.5*p1}
	// Derivatives of the three parts of ν̃/λ².
	dvp := [2]float64{a * p0, 0.5*q0 - a*ps} // C − A²
	// D − B² = Var Y with Y = min(eᶻ, 1) and M₁ = E Y = ½(p1 + q0):
	// ∂/∂m Var Y = 2Cov(Y, Y·1{z≤0}) = 2Var Y − P(z>0)(1 − M₁)·2 and
	// ∂/∂s² Var Y = ½E(Y²)'' − M₁E Y'' = p2 − ½M₁p1 + ps·B, forms that stay
	// accurate when Y is concentrated (m ≪ 0).
	m1 := 0.5 * (p1 + q0)
	dvn := [2]float64{2*k.varN + q0*b, p2 - 0.5*m1*p1 + ps*b}
	dcov := [2]float64{q0*b + a*p1, ps*b + a*(0.5*p1-ps)} // 2AB

	var j Jacobian
	chain := [2]float64{om, tau} // ∂m/∂μ, ∂s²/∂ν
	lam2 := lam * lam
	for i := range 2 {
		j.J[0][i] = lam * chain[i] * (da[i] + al*db[i])
		j.J[1][i] = lam2 * chain[i] * (dc[i] + al*al*dd[i])
		j.H[0][i] = j.J[0][i]
		j.H[1][i] = lam2 * chain[i] * (dvp[i] + al*al*dvn[i] - al*dcov[i])
	}
	// J12 as ¼λτ(αp1 + 2(1−α)ps), which does not cancel for α ≤ 1.
	j.J[0][1] = 0.25 * lam * tau * (al*p1 + 2*(1-al)*ps)
	j.H[0][1] = j.J[0][1]
	// J22 = λ²τ(½q0 + α²(p2 − ½p1)) in double length: at m = 0 (ω = 0,
	// the paper's convention) the inputs are accurate to about 1e-18, and
	// this keeps H22 within a fraction of an ulp there.
	j22, j22l := j22Double(lam, al, tau, k)
	j.J[1][1] = j22 + j22l
	// Where 2μ̃J1i is small against J2i, Eq. 87 itself is the more accurate
	// form (near μ̃ = 0, in particular at the fixed points of interest).
	if c := 2 * mo.Mean * j.J[0][0]; math.Abs(c) <= 0.25*math.Abs(j.J[1][0]) {
		j.H[1][0] = j.J[1][0] - c
	}
	if c := 2 * mo.Mean * j.J[0][1]; math.Abs(c) <= 0.25*math.Abs(j.J[1][1]) {
		j.H[1][1] = j22 + (j22l - c)
	}

	j.DLambda = [2]float64{a + al*b, 2 * mo.Var / lam}
	j.DAlpha = [2]float64{lam * b, 2 * lam2 * (al*k.varN - a*b)}
	return j
}

// j22Double returns J22 = λ²τ(½q0 + α²(p2 − ½p1)) = hi + lo, evaluated in
// double length from the double-length q0, p1, p2 of the kernel.
func j22Double(lam, al, tau float64, k *kernel) (hi, lo float64) {
	dh, dl := twoSum(k.p2, -0.5*k.p1)
	dl += k.p2l - 0.5*k.p1l
	ah, al2 := twoProd(al, al)
	eh, el := twoProd(ah, dh)
	el += ah*dl + al2*dh
	fh, fl := twoSum(0.5*k.q0, eh)
	fl += el + 0.5*k.q0l
	lh, ll := twoProd(lam, lam)
	gh, gl := twoProd(lh, fh)
	gl += lh*fl + ll*fh
	hi, lo = twoProd(tau, gh)
	return hi, lo + tau*gl
}
