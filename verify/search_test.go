package verify_test

import (
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/verify"
)

// solve returns λ, α for a target in the paper's convention (ω = 0, τ = 1).
func solve(t testing.TB, p mapping.Point) mapping.Constants {
	t.Helper()
	k, err := mapping.Normalized().Solve(p)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// checkCertificate checks a certificate independently of the prover, in
// float64 with package mapping: at random points of the box, g lies in the
// enclosures and in the box, and the norm of H named by the certificate is
// below its bound; and the box contains the fixed point and the weights.
func checkCertificate(t *testing.T, name string, k mapping.Constants, fixed mapping.Point, w mapping.Weights, c *verify.Certificate) {
	t.Helper()
	b := c.Box
	if !b.Mu.Contains(fixed.Mean) || !b.Nu.Contains(fixed.Var) || !b.Omega.Contains(w.Omega) || !b.Tau.Contains(w.Tau) {
		t.Errorf("%s: box %v does not contain the fixed point %v and the weights %v", name, b, fixed, w)
	}
	r := rand.New(rand.NewPCG(5, 17))
	at := func(x verify.Range) float64 { return x.Lo + r.Float64()*(x.Hi-x.Lo) }
	for range 400 {
		mu, om, nu, ta := at(b.Mu), at(b.Omega), at(b.Nu), at(b.Tau)
		l := mapping.Layer{Constants: k, Weights: mapping.Weights{Omega: om, Tau: ta}}
		g, j := l.Jacobian(mu, nu)
		tol := 1e-13 * (1 + math.Abs(g.Mean) + g.Var)
		if !(g.Mean >= c.Mean.Lo-tol && g.Mean <= c.Mean.Hi+tol && g.Var >= c.Var.Lo-tol && g.Var <= c.Var.Hi+tol) {
			t.Fatalf("%s: g(%v, %v, %v, %v) = (%v, %v) outside the enclosures %v %v", name, mu, om, nu, ta, g.Mean, g.Var, c.Mean, c.Var)
		}
		if !b.Mu.Contains(g.Mean) || !b.Nu.Contains(g.Var) {
			t.Fatalf("%s: g(%v, %v, %v, %v) = (%v, %v) leaves the box %v", name, mu, om, nu, ta, g.Mean, g.Var, b)
		}
		if v := normOf(c.Norm, j.H); !(v <= c.MaxSpectralNorm*(1+1e-12)) {
			t.Fatalf("%s: the norm %v of H at (%v, %v, %v, %v) is %v, above the bound %v", name, c.Norm, mu, om, nu, ta, v, c.MaxSpectralNorm)
		}
	}
	if !(c.MaxSpectralNorm < 1) || !(c.SpectralNormAttained <= c.MaxSpectralNorm) {
		t.Errorf("%s: bound %v, attained %v", name, c.MaxSpectralNorm, c.SpectralNormAttained)
	}
}

// checkAny checks a certificate of Certify: checkPieces for a piecewise
// one, checkCertificate for a single box.
func checkAny(t *testing.T, name string, k mapping.Constants, fixed mapping.Point, w mapping.Weights, c *verify.Certificate) {
	t.Helper()
	if c.Piecewise() {
		checkPieces(t, name, k, c)
		return
	}
	checkCertificate(t, name, k, fixed, w, c)
}

// normOf returns ‖P H P⁻¹‖₂ in float64.
func normOf(n verify.Norm, h [2][2]float64) float64 {
	if n.Euclidean() {
		return mapping.SpectralNorm(h)
	}
	p := n.P
	det := p[0][0]*p[1][1] - p[0][1]*p[1][0]
	q := [2][2]float64{{p[1][1] / det, -p[0][1] / det}, {-p[1][0] / det, p[0][0] / det}}
	mul := func(a, b [2][2]float64) (c [2][2]float64) {
		for i := range 2 {
			for j := range 2 {
				c[i][j] = a[i][0]*b[0][j] + a[i][1]*b[1][j]
			}
		}
		return c
	}
	return mapping.SpectralNorm(mul(mul(p, h), q))
}

// TestCertifyTargets: targets whose default box (DefaultBox, which mirrors
// Theorem 1's Ω) could not be certified, with the 2-norm only, are
// certified with a searched box and, where needed, a weighted norm; those
// with ρ ≤ 0.97 on a box with ω ∈ [−0.01, 0.01] and τ ∈ [0.99, 1.01] at
// least.
func TestCertifyTargets(t *testing.T) {
	for _, p := range []mapping.Point{
		{Mean: 0, Var: 16}, {Mean: 0, Var: 0.25}, {Mean: 0.3, Var: 2}, {Mean: -0.5, Var: 0.5}, {Mean: 0.1, Var: 1.2},
		{Mean: 0.5, Var: 1}, {Mean: 0.6, Var: 1}, {Mean: 0.05, Var: 0.5}, {Mean: 0.2, Var: 3},
		{Mean: 0, Var: 4}, {Mean: -0.1, Var: 2},
	} {
		k := solve(t, p)
		c, err := verify.Certify(p, k, mapping.Normalized(), nil)
		if err != nil {
			t.Fatal(err)
		}
		s := c.Search
		name := "(" + ftoa(p.Mean) + ", " + ftoa(p.Var) + ")"
		t.Logf("%s: ρ %.4f, certified %v at scale %.3g in %d pieces, in the norm %v, S ≤ %s (rounded up), box %v, %d boxes, %v",
			name, s.Stability.SpectralRadius, c.Certified, s.Scale, len(c.Pieces), c.Norm, verify.FormatBound(c.MaxSpectralNorm, true, 6), c.Box, s.Boxes, s.Elapsed)
		if !c.Certified {
			t.Errorf("%s not certified: %s (%s)", name, c.Reason(), s.Advice)
			continue
		}
		checkAny(t, name, k, p, mapping.Normalized(), c)
		checkDocTargetBound(t, name, c.MaxSpectralNorm)
		b := c.Box
		rho := s.Stability.SpectralRadius
		if rho <= 0.97 && !(b.Omega.Lo <= -0.01 && b.Omega.Hi >= 0.01 && b.Tau.Lo <= 0.99 && b.Tau.Hi >= 1.01) {
			t.Errorf("%s: ρ = %.4f ≤ 0.97 but certified only on ω ∈ %v, τ ∈ %v", name, rho, b.Omega, b.Tau)
		}
		if b.Omega.Width() == 0 || b.Tau.Width() == 0 {
			t.Errorf("%s: certified only with a point ω or τ range: %v", name, b)
		}
		if c.Piecewise() {
			continue // checkPieces gave each piece to FixedPoint
		}
		// The same box and norm, given to FixedPoint, are certified too.
		again, err := verify.FixedPoint(k, b, &verify.Settings{Norm: c.Norm, SpectralTolerance: -1})
		if err != nil || !again.Certified {
			t.Errorf("%s: FixedPoint on the certified box: %v %v", name, err, again.Reason())
		}
	}
}

// checkDocTargetBound checks the bound of target name in the table of
// docs/verify.md ("The targets that failed on the default box"): it must be
// the proven bound rounded up to 6 digits (FormatBound), never below it.
func checkDocTargetBound(t *testing.T, name string, bound float64) {
	t.Helper()
	b, err := os.ReadFile("../docs/verify.md")
	if err != nil {
		t.Fatal(err)
	}
	prefix := "| " + strings.ReplaceAll(name, "-", "−") + " |"
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, prefix) {
			continue
		}
		m := regexp.MustCompile(`([0-9.]+)( \(largest\))? \|$`).FindStringSubmatch(line)
		if m == nil {
			t.Errorf("docs/verify.md: no bound in the row %q", line)
			return
		}
		if want := verify.FormatBound(bound, true, 6); m[1] != want {
			t.Errorf("docs/verify.md: %s has the bound %s, the proven bound %v rounded up is %s", name, m[1], bound, want)
		}
		return
	}
}

func ftoa(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// TestCertifyPaper: for (0, 1) the search keeps Theorem 1: the default box
// is the paper's Ω, proved in the 2-norm with the paper's numbers.
func TestCertifyPaper(t *testing.T) {
	c, err := verify.Certify(mapping.Point{Mean: 0, Var: 1}, mapping.Paper(), mapping.Normalized(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := verify.FixedPoint(mapping.Paper(), verify.Theorem1Box(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Certified || c.Box != verify.Theorem1Box() || !c.Norm.Euclidean() || c.Search.Scale != 1 ||
		c.MaxSpectralNorm != want.MaxSpectralNorm || c.Mean != want.Mean || c.Var != want.Var || c.Boxes != want.Boxes {
		t.Errorf("Certify (0, 1): %+v\nFixedPoint on Ω: %+v", c, want)
	}
}

// TestCertifyRefusesNotebook: in the authors' notebook convention ω = τ = 1
// the fixed point (0, 1) of λ01, α01 is unstable (ρ ≈ 1.077, docs/model.md
// §1): nothing may be certified, with any box or norm, and the failure must
// be a proof (S ≥ 1 at a point) with the reason.
func TestCertifyRefusesNotebook(t *testing.T) {
	one := verify.Range{Lo: 1, Hi: 1}
	for _, o := range []*verify.SearchOptions{{Omega: &one, Tau: &one}, nil} {
		c, err := verify.Certify(mapping.Point{Mean: 0, Var: 1}, mapping.Paper(), mapping.Notebook(), o)
		if err != nil {
			t.Fatal(err)
		}
		f := c.Failure
		if c.Certified || f == nil || !f.Proven || f.Condition != verify.SpectralNorm || !strings.Contains(c.Search.Advice, "ρ = 1.07") {
			t.Errorf("notebook %+v: %+v %+v", o, c, c.Search)
		}
	}
}

// TestCertifyShrinks: when nothing is certified at the widths asked, the
// widths shrink, and the answer says so; with NoShrink they do not.
func TestCertifyShrinks(t *testing.T) {
	// (0.5, 1) has ρ = 0.956: S ≥ 1.003 on the default box (docs/verify.md),
	// and no (μ, ν) box at the paper's widths; certified at smaller ones.
	p := mapping.Point{Mean: 0.5, Var: 1}
	k := solve(t, p)
	c, err := verify.Certify(p, k, mapping.Normalized(), nil)
	if err != nil {
		t.Fatal(err)
	}
	s := c.Search
	if !c.Certified || !(s.Scale < 1) || s.Advice == "" || !strings.Contains(s.Advice, "not certified at the widths asked") {
		t.Fatalf("%+v %+v", c, s)
	}
	if s.Attempts[0].Certified || s.Attempts[0].Scale != 1 {
		t.Errorf("first attempt %+v", s.Attempts[0])
	}
	// With NoShrink the widths stay and the answer is no.
	c, err = verify.Certify(p, k, mapping.Normalized(), &verify.SearchOptions{NoShrink: true})
	if err != nil {
		t.Fatal(err)
	}
	if c.Certified || c.Failure == nil || c.Search.Scale != 0 || !strings.Contains(c.Search.Advice, "not shrunk") {
		t.Errorf("NoShrink: %+v %+v", c, c.Search)
	}
}

func TestCertifyBadInput(t *testing.T) {
	nan := math.NaN()
	k := mapping.Paper()
	good := mapping.Point{Mean: 0, Var: 1}
	bad := verify.Range{Lo: 0.5, Hi: 0.9}
	neg := verify.Range{Lo: -1, Hi: 1.1}
	huge := verify.Range{Lo: 1, Hi: 1e300} // no ν keeps ντ within [1e-10, 1e10]
	for i, test := range []struct {
		p mapping.Point
		k mapping.Constants
		w mapping.Weights
		o *verify.SearchOptions
	}{
		{mapping.Point{Mean: nan, Var: 1}, k, mapping.Normalized(), nil},
		{mapping.Point{Mean: 0, Var: 0}, k, mapping.Normalized(), nil},
		{good, mapping.Constants{Lambda: -1, Alpha: 1}, mapping.Normalized(), nil},
		{good, k, mapping.Weights{Omega: 0, Tau: 0}, nil},
		{good, k, mapping.Normalized(), &verify.SearchOptions{Tau: &bad}},
		{good, k, mapping.Normalized(), &verify.SearchOptions{Tau: &neg}},
		{good, k, mapping.Normalized(), &verify.SearchOptions{Tau: &huge}},
		{good, k, mapping.Normalized(), &verify.SearchOptions{Settings: &verify.Settings{Norm: verify.Norm{P: [2][2]float64{{1, 0}, {0, 2}}}}}},
	} {
		if _, err := verify.Certify(test.p, test.k, test.w, test.o); err == nil || !strings.HasPrefix(err.Error(), "verify: ") {
			t.Errorf("case %d: error %v", i, err)
		}
	}
}

// TestCertifyPointAdvice: when the (ω, τ) asked are a single point, the
// advice of a failure suggests no narrower ranges (it said "ω ranges closer
// to 0 might succeed" for ω ∈ [0, 0]). (0.3, 0.2) has ρ = 0.9986 at its
// fixed point, where the search finds no box (docs/verify.md, the grid).
func TestCertifyPointAdvice(t *testing.T) {
	p := mapping.Point{Mean: 0.3, Var: 0.2}
	k := solve(t, p)
	zero, one := verify.Range{Lo: 0, Hi: 0}, verify.Range{Lo: 1, Hi: 1}
	c, err := verify.Certify(p, k, mapping.Normalized(), &verify.SearchOptions{Omega: &zero, Tau: &one})
	if err != nil {
		t.Fatal(err)
	}
	if c.Certified {
		t.Skip("certified: there is no failure advice to check")
	}
	a := c.Search.Advice
	if strings.Contains(a, "ranges up to") || strings.Contains(a, "closer to") || !strings.Contains(a, "ρ = ") {
		t.Errorf("advice %q suggests narrower ranges than a point, or lacks ρ", a)
	}
}

// TestCertifyGrid: a coarse grid of paper-convention targets (the full grid
// is in docs/verify.md, from TestGridDoc): every feasible target with
// ρ ≤ 0.97 is certified with ω ∈ [−0.01, 0.01], τ ∈ [0.99, 1.01] (on a
// single box or in pieces), and every certificate passes the independent
// check.
func TestCertifyGrid(t *testing.T) {
	if testing.Short() {
		t.Skip("about 10 s")
	}
	res := certifyGrid(t, []float64{-0.8, -0.2, 0.2, 0.4}, []float64{0.2, 3, 30})
	n := 0
	for _, r := range res {
		if !r.feasible {
			continue
		}
		n++
		name := ftoa(r.target.Mean) + ", " + ftoa(r.target.Var)
		if r.c.Certified {
			checkAny(t, name, solve(t, r.target), r.target, mapping.Normalized(), r.c)
		}
		if r.target == (mapping.Point{Mean: 0.2, Var: 0.2}) && !r.c.Piecewise() {
			// ρ = 0.9656: the single box that τ ∈ [0.99, 1.01] needs has
			// a corner where ρ(H) = 1.0016 ≥ 1 (no norm can contract
			// there); only pieces reach those widths (docs/verify.md).
			t.Errorf("(0.2, 0.2): not piecewise: %s, scale %v", r.c.Reason(), r.c.Search.Scale)
		}
		if r.rho <= 0.97 && !r.smallOK {
			t.Errorf("(%s): ρ = %.4f but not certified with ω ∈ [−0.01, 0.01], τ ∈ [0.99, 1.01]: %s", name, r.rho, r.c.Reason())
		}
	}
	if n < 6 {
		t.Errorf("only %d feasible targets", n)
	}
}

// TestCertifyExtremeInputs: random constants and targets over wide ranges
// (λ, α from 1e-3 to 1e3, ν* from 1e-4 to 1e4, |μ*| up to 10): Certify
// returns an error or a certificate without panicking, and a certificate
// that says certified passes the independent check.
func TestCertifyExtremeInputs(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 5))
	set := &verify.Settings{MaxBoxes: 3000}
	for i := range 20 {
		k := mapping.Constants{Lambda: math.Pow(10, -3+6*r.Float64()), Alpha: math.Pow(10, -3+6*r.Float64())}
		p := mapping.Point{Mean: 20 * (r.Float64() - 0.5), Var: math.Pow(10, -4+8*r.Float64())}
		if i%2 == 0 {
			// A solvable target, so that some certificates happen.
			p.Mean = (r.Float64() - 0.5) * math.Sqrt(p.Var)
			var err error
			if k, err = mapping.Normalized().Solve(p); err != nil {
				continue
			}
		}
		c, err := verify.Certify(p, k, mapping.Normalized(), &verify.SearchOptions{Settings: set})
		if err != nil {
			continue
		}
		if c.Certified {
			checkAny(t, "random", k, c.Search.FixedPoint, mapping.Normalized(), c)
		} else if c.Failure == nil || c.Reason() == "" || strings.Contains(c.Reason(), "NaN") && c.Failure.Condition != verify.BoxSearch {
			t.Errorf("%v %v: not certified without a sensible reason: %q", k, p, c.Reason())
		}
	}
}

// TestCertifyTimeout: Settings.Timeout bounds the whole search, not each
// proof.
func TestCertifyTimeout(t *testing.T) {
	p := mapping.Point{Mean: 0.6, Var: 1}
	k := solve(t, p)
	c, err := verify.Certify(p, k, mapping.Normalized(), &verify.SearchOptions{Settings: &verify.Settings{Timeout: time.Nanosecond}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Certified || !strings.Contains(c.Search.Advice, "time budget") || len(c.Search.Attempts) > 3 {
		t.Errorf("%+v %+v", c, c.Search)
	}
}
