package verify

import (
	"fmt"
	"math"

	"github.com/selu-tool/selu/internal/interval"
)

// Norm is the norm ‖x‖_P = ‖P x‖₂ on the (μ, ν) plane in which the prover
// shows that the layer map g contracts. The matrix norm it induces is
//
//	‖H‖_P = ‖P H P⁻¹‖₂,
//
// so the contraction condition is ‖P H P⁻¹‖₂ < 1 on the box. For P = I it
// is the largest singular value S(H) of the paper (Eq. 69/88). All norms on
// ℝ² are equivalent, so a contraction in ‖·‖_P on the closed, convex (μ, ν)
// rectangle has, by Banach's theorem, a unique fixed point there, to which
// every iteration from the rectangle converges (in any norm); see
// docs/verify.md.
//
// The zero value is the 2-norm (P = I).
type Norm struct {
	// P is an invertible 2×2 matrix with finite entries, rows first; the
	// zero matrix stands for the identity.
	P [2][2]float64
}

// Euclidean reports whether n is the plain 2-norm (P zero or the identity).
func (n Norm) Euclidean() bool {
	return n.P == [2][2]float64{} || n.P == [2][2]float64{{1, 0}, {0, 1}}
}

// diagonal reports whether P is diagonal (and not the 2-norm).
func (n Norm) diagonal() bool { return !n.Euclidean() && n.P[0][1] == 0 && n.P[1][0] == 0 }

// String returns "2" for the 2-norm and "P = [[a, b], [c, d]]" otherwise.
func (n Norm) String() string {
	if n.Euclidean() {
		return "2"
	}
	g := func(x float64) string { return fmt.Sprintf("%.6g", x) }
	return fmt.Sprintf("P = [[%s, %s], [%s, %s]]", g(n.P[0][0]), g(n.P[0][1]), g(n.P[1][0]), g(n.P[1][1]))
}

// Validate reports whether P is usable: finite entries and a condition
// number below 1e8 (so that the norm is not nearly degenerate).
func (n Norm) Validate() error {
	if n.Euclidean() {
		return nil
	}
	for _, r := range n.P {
		for _, x := range r {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("verify: the norm's matrix P = %v must have finite entries", n.P)
			}
		}
	}
	if c := conditionNumber(n.P); !(c < 1e8) {
		return fmt.Errorf("verify: the norm's matrix P = %v is singular or nearly so (condition number %.3g ≥ 1e8)", n.P, c)
	}
	return nil
}

// conditionNumber returns the 2-norm condition number of P in float64
// (only to refuse nearly singular matrices).
func conditionNumber(p [2][2]float64) float64 {
	det := math.Abs(p[0][0]*p[1][1] - p[0][1]*p[1][0])
	f := p[0][0]*p[0][0] + p[0][1]*p[0][1] + p[1][0]*p[1][0] + p[1][1]*p[1][1]
	if det == 0 {
		return math.Inf(1)
	}
	// σ1σ2 = det, σ1² + σ2² = f: σ1/σ2 = (f + √(f² − 4det²)) / (2det).
	return (f + math.Sqrt(math.Max(0, f*f-4*det*det))) / (2 * det)
}

// pnorm is a Norm prepared for interval evaluation: P exactly, and an
// enclosure Q of P⁻¹. The zero value is the 2-norm.
type pnorm struct {
	weighted bool // P ≠ I
	full     bool // P not diagonal
	p, q     [2][2]iv
}

func newPNorm(n Norm) pnorm {
	if n.Euclidean() {
		return pnorm{}
	}
	r := pnorm{weighted: true, full: !n.diagonal()}
	for i := range 2 {
		for j := range 2 {
			r.p[i][j] = interval.Point(n.P[i][j])
		}
	}
	// P⁻¹ = [[p22, −p12], [−p21, p11]] / det.
	det := r.p[0][0].Mul(r.p[1][1]).Sub(r.p[0][1].Mul(r.p[1][0]))
	inv := det.Recip()
	r.q = [2][2]iv{
		{r.p[1][1].Mul(inv), r.p[0][1].Neg().Mul(inv)},
		{r.p[1][0].Neg().Mul(inv), r.p[0][0].Mul(inv)},
	}
	return r
}

// of encloses ‖P H P⁻¹‖₂ for the interval matrix H (every matrix in it).
func (n *pnorm) of(h11, h12, h21, h22 iv) iv {
	if !n.weighted {
		return spectralNorm(h11, h12, h21, h22)
	}
	h := [2][2]iv{{h11, h12}, {h21, h22}}
	var ph, m [2][2]iv
	for i := range 2 {
		for j := range 2 {
			ph[i][j] = n.p[i][0].Mul(h[0][j]).Add(n.p[i][1].Mul(h[1][j]))
		}
	}
	for i := range 2 {
		for j := range 2 {
			m[i][j] = ph[i][0].Mul(n.q[0][j]).Add(ph[i][1].Mul(n.q[1][j]))
		}
	}
	return spectralNorm(m[0][0], m[0][1], m[1][0], m[1][1])
}

// bound returns an upper bound of ‖P H P⁻¹‖₂ over all H = [[ω a, τ b],
// [ω c, τ d]] with a, b, c, d in the given intervals, ω ∈ W and τ ∈ T > 0.
//
// For fixed (ω, τ) the norm is a convex function of (a, b, c, d) (a norm of
// a linear function), and for fixed (a, b, c, d) a convex function of
// (ω, τ); the maximum over the product of the two boxes is therefore at a
// vertex of each: 16 vertices of (a, b, c, d) times the 4 corners of
// (ω, τ). When P is diagonal (or I), P H P⁻¹ scales the columns of
// P K P⁻¹ (K = [[a, b], [c, d]]) by ω and τ, and the norm is an even,
// convex, hence non-decreasing function of |ω| and of τ: the corner
// |ω| = max|W|, τ = max T suffices.
func (n *pnorm) bound(a, b, c, d iv, W, T iv) float64 {
	ws := []iv{interval.Point(W.Mag())}
	ts := []iv{interval.Point(T.Hi)}
	if n.full {
		ws = []iv{interval.Point(W.Lo), interval.Point(W.Hi)}
		ts = []iv{interval.Point(T.Lo), interval.Point(T.Hi)}
	}
	best := 0.0
	for _, w := range ws {
		for _, t := range ts {
			for v := range 16 {
				pick := func(x iv, bit int) iv {
					if v&(1<<bit) != 0 {
						return interval.Point(x.Hi)
					}
					return interval.Point(x.Lo)
				}
				s := n.of(w.Mul(pick(a, 0)), t.Mul(pick(b, 1)), w.Mul(pick(c, 2)), t.Mul(pick(d, 3)))
				best = math.Max(best, s.Hi)
			}
		}
	}
	if math.IsNaN(best) {
		return math.Inf(1)
	}
	return best
}
