package mapping

import (
	"fmt"
	"math"
)

// Constants are the two constants of the SELU activation
//
//	selu(x) = λ x            for x > 0
//	          λ α (eˣ − 1)   for x ≤ 0
//
// (Klambauer et al. 2017, Eq. 2).
type Constants struct {
	Lambda float64 // λ, the scale; must be > 0
	Alpha  float64 // α, the negative-side amplitude; must be ≥ 0 (α = 0 is a scaled ReLU)
}

// Paper returns λ01 and α01 of Eq. 14, the constants for the fixed point
// (μ, ν) = (0, 1) with ω = 0, τ = 1, rounded to the nearest float64 from
// the 32-digit values 1.0507009873554804934193349852946 and
// 1.6732632423543772848170429916717.
func Paper() Constants {
	return Constants{
		Lambda: 1.0507009873554804934193349852946,
		Alpha:  1.6732632423543772848170429916717,
	}
}

// Saturation returns the value selu takes as x → −∞, α' = −λα (the value a
// dropped unit is set to in alpha dropout).
func (c Constants) Saturation() float64 { return -c.Lambda * c.Alpha }

// Validate reports whether c describes a SELU: λ finite and > 0, α finite
// and ≥ 0.
func (c Constants) Validate() error {
	if math.IsNaN(c.Lambda) || math.IsInf(c.Lambda, 0) || c.Lambda <= 0 {
		return fmt.Errorf("mapping: lambda must be a finite number > 0, got %v", c.Lambda)
	}
	if math.IsNaN(c.Alpha) || math.IsInf(c.Alpha, 0) || c.Alpha < 0 {
		return fmt.Errorf("mapping: alpha must be a finite number >= 0, got %v", c.Alpha)
	}
	return nil
}

// Weights are the statistics of one unit's incoming weights wᵢ,
//
//	ω = Σ wᵢ,   τ = Σ wᵢ²,
//
// so that the unit's net input z = Σ wᵢ xᵢ has mean m = μω and variance
// s² = ντ (Eq. 4, 5).
type Weights struct {
	Omega float64 // ω, the sum of the weights; any finite number
	Tau   float64 // τ, the sum of the squared weights; must be > 0
}

// Normalized returns the paper's convention ω = 0, τ = 1 (LeCun normal weights
// wᵢ ~ N(0, 1/n)); it is the default everywhere in this project.
func Normalized() Weights { return Weights{Omega: 0, Tau: 1} }

// Notebook returns the convention ω = 1, τ = 1 of the authors' notebook
// getSELUparameters.ipynb, which feeds the target itself as the net input
// z ~ N(μ, ν). It agrees with Normalized only for μ = 0, and the layer map
// differs even there (the Jacobian's first column is not zero): every fixed
// point of this convention checked so far is unstable (spectral radius > 1),
// (0, 1) with λ01, α01 included (ρ ≈ 1.077). It is provided to reproduce the
// notebook.
func Notebook() Weights { return Weights{Omega: 1, Tau: 1} }

// Validate reports whether w is usable: ω finite, τ finite and > 0.
func (w Weights) Validate() error {
	if math.IsNaN(w.Omega) || math.IsInf(w.Omega, 0) {
		return fmt.Errorf("mapping: omega must be a finite number, got %v", w.Omega)
	}
	if math.IsNaN(w.Tau) || math.IsInf(w.Tau, 0) || w.Tau <= 0 {
		return fmt.Errorf("mapping: tau must be a finite number > 0, got %v", w.Tau)
	}
	return nil
}

// Layer is one SELU layer: its activation constants and the statistics of
// its weights.
type Layer struct {
	Constants
	Weights
}

// Standard returns the layer of the paper: λ01, α01 with normalized weights.
func Standard() Layer { return Layer{Constants: Paper(), Weights: Normalized()} }

// Validate reports whether l has valid constants and weights.
func (l Layer) Validate() error {
	if err := l.Constants.Validate(); err != nil {
		return err
	}
	return l.Weights.Validate()
}

// ValidateInput reports whether (μ, ν) is a valid input for l: both finite,
// ν > 0, and the net-input moments m = μω, s² = ντ finite with s² > 0.
func (l Layer) ValidateInput(mu, nu float64) error {
	if err := l.Validate(); err != nil {
		return err
	}
	if math.IsNaN(mu) || math.IsInf(mu, 0) {
		return fmt.Errorf("mapping: mean must be a finite number, got %v", mu)
	}
	if math.IsNaN(nu) || math.IsInf(nu, 0) || nu <= 0 {
		return fmt.Errorf("mapping: variance must be a finite number > 0, got %v", nu)
	}
	m, s2 := mu*l.Omega, nu*l.Tau
	if math.IsInf(m, 0) || math.IsInf(s2, 0) || s2 == 0 {
		return fmt.Errorf("mapping: net input N(%v, %v) = N(mu*omega, var*tau) is out of float64 range", m, s2)
	}
	return nil
}

// Accurate reports whether the net input N(μω, ντ) of l at (μ, ν) lies in
// the range where the package claims its moments and Jacobian accurate to
// 1e-13 (and tests them against mpmath): |μω| ≤ 50 and 1e-6 ≤ ντ ≤ 1e6.
// Outside it the moments stay finite, but the second row of the Jacobian
// can lose every digit where α is large; solver.Jacobian evaluates H there.
func (l Layer) Accurate(mu, nu float64) bool {
	m, s2 := mu*l.Omega, nu*l.Tau
	return math.Abs(m) <= 50 && s2 >= 1e-6 && s2 <= 1e6
}

// inputOK is the fast form of ValidateInput == nil.
func (l Layer) inputOK(mu, nu float64) bool {
	const max = math.MaxFloat64
	m, s2 := mu*l.Omega, nu*l.Tau
	return l.Lambda > 0 && l.Lambda <= max && l.Alpha >= 0 && l.Alpha <= max &&
		l.Omega >= -max && l.Omega <= max && l.Tau > 0 && l.Tau <= max &&
		mu >= -max && mu <= max && nu > 0 && nu <= max &&
		m >= -max && m <= max && s2 > 0 && s2 <= max
}
