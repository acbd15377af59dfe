package mapping

import (
	"math"
	"math/cmplx"
)

// Stability describes the layer map g near one point through its Jacobian
// H = ∂(μ̃, ν̃)/∂(μ, ν) (Eq. 87).
type Stability struct {
	H [2][2]float64
	// Eigenvalues of H, the one of larger modulus first. They are complex
	// conjugates when (H11 − H22)² + 4H12H21 < 0.
	Eigenvalues [2]complex128
	// SpectralNorm is the largest singular value S of H (Eq. 69/88). S < 1
	// means g contracts in the 2-norm near the point, which is what the
	// paper's Theorem 1 proves on its domain.
	SpectralNorm float64
	// SpectralRadius is ρ(H) = max |eigenvalue|. At a fixed point, ρ < 1
	// means the fixed point is locally attracting.
	SpectralRadius float64
}

// Stable reports whether ρ(H) < 1, i.e. whether a fixed point at which s
// was evaluated attracts nearby starting points.
func (s Stability) Stable() bool { return s.SpectralRadius < 1 }

// Stability returns the stability data of g at (μ, ν). The fields are NaN
// if the layer or the input is invalid.
func (l Layer) Stability(mu, nu float64) Stability {
	_, j := l.Jacobian(mu, nu)
	return NewStability(j.H)
}

// NewStability returns the stability of a fixed point at which the layer
// map has the Jacobian h (as Layer.Stability does with its own Jacobian):
// h, its eigenvalues, the spectral norm S and the spectral radius ρ. It
// lets a Jacobian computed in other arithmetic (package solver's big.Float
// one, rounded to float64) be classified the same way.
func NewStability(h [2][2]float64) Stability {
	ev := eigenvalues(h)
	return Stability{
		H:              h,
		Eigenvalues:    ev,
		SpectralNorm:   SpectralNorm(h),
		SpectralRadius: cmplx.Abs(ev[0]),
	}
}

// SpectralNorm returns the largest singular value of the 2×2 matrix h
// (Eq. 69, 88):
//
//	S = ½( √((h11+h22)² + (h21−h12)²) + √((h11−h22)² + (h12+h21)²) ).
func SpectralNorm(h [2][2]float64) float64 {
	return 0.5 * (norm2(h[0][0]+h[1][1], h[1][0]-h[0][1]) +
		norm2(h[0][0]-h[1][1], h[0][1]+h[1][0]))
}

// norm2 returns √(x² + y²), with one rounding inside the square root when
// that cannot overflow or underflow, math.Hypot otherwise.
func norm2(x, y float64) float64 {
	ax, ay := math.Abs(x), math.Abs(y)
	if m := math.Max(ax, ay); m < 1e150 && m > 1e-150 {
		return math.Sqrt(math.FMA(x, x, y*y))
	}
	return math.Hypot(x, y)
}

// SpectralRadius returns the largest modulus of the eigenvalues of the 2×2
// matrix h; they may be complex.
func SpectralRadius(h [2][2]float64) float64 {
	return cmplx.Abs(eigenvalues(h)[0])
}

// eigenvalues returns the eigenvalues of h, larger modulus first. The
// discriminant is formed as ((h11−h22)/2)² + h12h21, which does not cancel
// like (tr/2)² − det, and a real pair is split as q = tr/2 ± √disc,
// det/q so that the smaller one keeps its accuracy.
func eigenvalues(h [2][2]float64) [2]complex128 {
	half := 0.5 * (h[0][0] + h[1][1])
	d := 0.5 * (h[0][0] - h[1][1])
	disc := d*d + h[0][1]*h[1][0]
	if disc < 0 {
		im := math.Sqrt(-disc)
		return [2]complex128{complex(half, im), complex(half, -im)}
	}
	q := half + math.Copysign(math.Sqrt(disc), half)
	if q == 0 {
		return [2]complex128{0, 0}
	}
	det := h[0][0]*h[1][1] - h[0][1]*h[1][0]
	return [2]complex128{complex(q, 0), complex(det/q, 0)}
}
