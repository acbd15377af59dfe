package verify_test

import (
	"fmt"
	"log"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/verify"
)

// Theorem 1 of the paper: for λ01, α01 and every (ω, τ) of Ω, the layer map
// has a unique attracting fixed point in Ω.
func ExampleFixedPoint() {
	c, err := verify.FixedPoint(mapping.Paper(), verify.Theorem1Box(), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("certified:", c.Certified)
	fmt.Printf("S ≤ %.4f\n", c.MaxSpectralNorm)
	fmt.Printf("fixed point: μ ∈ [%.6f, %.6f], ν ∈ [%.6f, %.6f]\n", c.Mean.Lo, c.Mean.Hi, c.Var.Lo, c.Var.Hi)
	// Output:
	// certified: true
	// S ≤ 0.8976
	// fixed point: μ ∈ [-0.031061, 0.067725], ν ∈ [0.803712, 1.481575]
}

// The authors' notebook convention (ω = τ = 1) has the same fixed point
// (0, 1) for λ01, α01, but there it is unstable: the prover disproves the
// contraction instead of certifying.
func ExampleFixedPoint_notebook() {
	b := verify.Box{
		Mu:    verify.Range{Lo: -0.1, Hi: 0.1},
		Omega: verify.Range{Lo: 1, Hi: 1},
		Nu:    verify.Range{Lo: 0.8, Hi: 1.5},
		Tau:   verify.Range{Lo: 1, Hi: 1},
	}
	c, err := verify.FixedPoint(mapping.Paper(), b, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("certified:", c.Certified)
	fmt.Println("disproved:", c.Failure.Proven, "-", c.Failure.Condition)
	// Output:
	// certified: false
	// disproved: true - contraction S < 1
}

// Theorem 2 of the paper: large variances shrink.
func ExampleVarianceDecreases() {
	m, err := verify.VarianceDecreases(mapping.Paper(), verify.Theorem2Box(), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("certified: %v, ν̃ − ν ≤ %.5f\n", m.Certified, m.Margin)
	// Output:
	// certified: true, ν̃ − ν ≤ -0.11974
}

// Certify finds the box itself. For the target (0.5, 1) the box that
// mirrors Theorem 1's Ω fails (S ≥ 1.003 at a corner), and no (μ, ν) box
// is mapped into itself for the paper's τ ∈ [0.95, 1.1]. Asked for a
// single box (NoPieces), the search shrinks the (ω, τ) ranges and proves
// the contraction in a weighted norm.
func ExampleCertify() {
	target := mapping.Point{Mean: 0.5, Var: 1}
	k, err := mapping.Normalized().Solve(target)
	if err != nil {
		log.Fatal(err)
	}
	c, err := verify.Certify(target, k, mapping.Normalized(), &verify.SearchOptions{NoPieces: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("certified:", c.Certified)
	fmt.Println("ω ∈", c.Box.Omega, "τ ∈", c.Box.Tau)
	fmt.Println("2-norm:", c.Norm.Euclidean())
	fmt.Println("bound below 1:", c.MaxSpectralNorm < 1)
	// Output:
	// certified: true
	// ω ∈ [-0.01, 0.01] τ ∈ [0.99, 1.01]
	// 2-norm: false
	// bound below 1: true
}

// For the target (0.2, 0.2) no single (μ, ν) box serves all of
// ω ∈ [−0.01, 0.01], τ ∈ [0.99, 1.01]: the fixed point moves too far over
// those weights, and the box that holds it has points where ρ(H) > 1.
// Certify splits the (ω, τ) ranges into pieces, each certified with a box
// and a norm of its own.
func ExampleCertify_pieces() {
	target := mapping.Point{Mean: 0.2, Var: 0.2}
	k, err := mapping.Normalized().Solve(target)
	if err != nil {
		log.Fatal(err)
	}
	c, err := verify.Certify(target, k, mapping.Normalized(), &verify.SearchOptions{
		Omega: &verify.Range{Lo: -0.01, Hi: 0.01}, Tau: &verify.Range{Lo: 0.99, Hi: 1.01}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("certified:", c.Certified, "in", len(c.Pieces), "pieces")
	for _, p := range c.Pieces {
		fmt.Println("ω ∈", p.Box.Omega, "τ ∈", p.Box.Tau, "μ ∈", p.Box.Mu, "ν ∈", p.Box.Nu, "bound below 1:", p.MaxSpectralNorm < 1)
	}
	// Output:
	// certified: true in 2 pieces
	// ω ∈ [-0.01, 0.01] τ ∈ [0.99, 1] μ ∈ [0.15, 0.21849] ν ∈ [0.12142, 0.23136] bound below 1: true
	// ω ∈ [-0.01, 0.01] τ ∈ [1, 1.01] μ ∈ [0.17849, 0.25125] ν ∈ [0.16606, 0.29638] bound below 1: true
}
