package mapping

import (
	"fmt"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"os"
	"testing"
)

// TestJacobianReference compares J, H, DLambda and DAlpha with mpmath's
// numerical differentiation (mp.diff at 160 digits) of the closed forms
// (testdata/jacobian.txt from testdata/gen_reference.py), at random points
// with |m| ≤ 40, 1e-4 ≤ s² ≤ 1e4. An entry may be a difference of larger
// terms, so the tolerance is relative to the size of its row:
// |got − want| ≤ 1e-13·max(|want|, max_j |want row j|). Set
// MAPPING_EXTRA_JACOBIAN to the path of another such table to check it too.
func TestJacobianReference(t *testing.T) {
	const tol = 1e-13
	worst, where := 0.0, ""
	rows := readTable(t, "jacobian.txt", 18)
	if extra := os.Getenv("MAPPING_EXTRA_JACOBIAN"); extra != "" {
		rows = append(rows, readTable(t, extra, 18)...)
	}
	for _, r := range rows {
		l := Layer{Constants{r[0], r[1]}, Weights{r[2], r[3]}}
		mu, nu := r[4], r[5]
		_, j := l.Jacobian(mu, nu)
		w := r[6:]
		type entry struct {
			name      string
			got, want float64
			row       []float64
		}
		var es []entry
		for i := range 2 {
			for k := range 2 {
				es = append(es,
					entry{fmt.Sprintf("J%d%d", i+1, k+1), j.J[i][k], w[2*i+k], w[2*i : 2*i+2]},
					entry{fmt.Sprintf("H%d%d", i+1, k+1), j.H[i][k], w[4+2*i+k], w[4+2*i : 4+2*i+2]})
			}
			es = append(es,
				entry{fmt.Sprintf("DLambda[%d]", i), j.DLambda[i], w[8+i], []float64{w[8+i], w[10+i]}},
				entry{fmt.Sprintf("DAlpha[%d]", i), j.DAlpha[i], w[10+i], []float64{w[8+i], w[10+i]}})
		}
		for _, e := range es {
			scale := math.Abs(e.want)
			for _, v := range e.row {
				scale = math.Max(scale, math.Abs(v))
			}
			if math.IsNaN(e.got) || math.IsInf(e.got, 0) {
				t.Errorf("%s = %v at λ=%v α=%v ω=%v τ=%v μ=%v ν=%v", e.name, e.got, l.Lambda, l.Alpha, l.Omega, l.Tau, mu, nu)
				continue
			}
			if scale == 0 {
				if e.got != 0 {
					t.Errorf("%s = %v, want 0", e.name, e.got)
				}
				continue
			}
			err := math.Abs(e.got-e.want) / scale
			at := fmt.Sprintf("%s at λ=%v α=%v ω=%v τ=%v μ=%v ν=%v: got %v want %v", e.name, l.Lambda, l.Alpha, l.Omega, l.Tau, mu, nu, e.got, e.want)
			if err > worst {
				worst, where = err, at
			}
			if err > tol {
				t.Errorf("error %.3g > %g: %s", err, tol, at)
			}
		}
	}
	t.Logf("worst scaled error %.3g (%s)", worst, where)
}

// TestJacobianFiniteDifference checks H, DLambda and DAlpha against
// central differences with one Richardson step, D = (4D(δ/2) − D(δ))/3,
// whose truncation error is O(δ⁴) and rounding error O(ε/δ); with
// δ = 1e-3 relative the agreement is about 1e-10 of the row size, once the
// rounding error of the differences, 100ε|f|/δ, is allowed for.
func TestJacobianFiniteDifference(t *testing.T) {
	const tol = 1e-9
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		l := Layer{Constants{0.5 + 1.5*rng.Float64(), 3 * rng.Float64()}, Weights{[]float64{0, 1, 2*rng.Float64() - 1}[rng.IntN(3)], 0.5 + rng.Float64()}}
		mu := 20*rng.Float64() - 10
		nu := math.Pow(10, 4*rng.Float64()-2)
		_, j := l.Jacobian(mu, nu)
		f := func(mu, nu, lam, al float64) [2]float64 {
			mo := Layer{Constants{lam, al}, l.Weights}.Moments(mu, nu)
			return [2]float64{mo.Mean, mo.Var}
		}
		var noise [2]float64 // rounding error of the differences
		deriv := func(which int) [2]float64 {
			x := [4]float64{mu, nu, l.Lambda, l.Alpha}
			d := 1e-3 * math.Max(math.Abs(x[which]), 1e-1)
			if which == 1 {
				d = 1e-3 * nu
			}
			fx := f(mu, nu, l.Lambda, l.Alpha)
			noise[0] = math.Max(noise[0], 100*0x1p-53*math.Abs(fx[0])/d)
			noise[1] = math.Max(noise[1], 100*0x1p-53*math.Abs(fx[1])/d)
			diff := func(d float64) [2]float64 {
				xp, xm := x, x
				xp[which] += d
				xm[which] -= d
				fp, fm := f(xp[0], xp[1], xp[2], xp[3]), f(xm[0], xm[1], xm[2], xm[3])
				return [2]float64{(fp[0] - fm[0]) / (2 * d), (fp[1] - fm[1]) / (2 * d)}
			}
			a, b := diff(d), diff(d/2)
			return [2]float64{(4*b[0] - a[0]) / 3, (4*b[1] - a[1]) / 3}
		}
		dmu, dnu, dl, da := deriv(0), deriv(1), deriv(2), deriv(3)
		got := [][2]float64{{j.H[0][0], j.H[0][1]}, {j.H[1][0], j.H[1][1]}, j.DLambda, j.DAlpha}
		want := [][2]float64{{dmu[0], dnu[0]}, {dmu[1], dnu[1]}, dl, da}
		for i := range got {
			for k := range 2 {
				scale := math.Max(math.Max(math.Abs(want[i][0]), math.Abs(want[i][1])), 1e-300)
				if i >= 2 {
					scale = math.Max(math.Abs(dl[k]), math.Abs(da[k]))
				}
				row := i
				if i >= 2 {
					row = k
				}
				if e := (math.Abs(got[i][k]-want[i][k]) - noise[row]) / scale; e > tol {
					t.Errorf("layer %+v at (%v, %v): derivative %d,%d = %v, finite difference %v (error %.3g of row size)", l, mu, nu, i, k, got[i][k], want[i][k], e)
				}
			}
		}
	}
}

// TestJacobianFinite checks that the moments and the Jacobian are finite
// far beyond the accuracy domain: |m| ≤ 1e3, 1e-300 ≤ s² ≤ 1e100.
func TestJacobianFinite(t *testing.T) {
	for _, l := range []Layer{Standard(), {Paper(), Notebook()}, {Constants{1, 0}, Weights{1, 1}}, {Constants{2, 4}, Weights{-1, 1}}} {
		for _, mu := range []float64{-1e3, -50, -30, -1, -1e-8, 0, 1e-8, 1, 30, 50, 1e3} {
			for e := -300.0; e <= 100; e += 2.5 {
				nu := math.Pow(10, e)
				mo, j := l.Jacobian(mu, nu)
				vals := []float64{mo.Mean, mo.SecondMoment, mo.Var, j.J[0][0], j.J[0][1], j.J[1][0], j.J[1][1],
					j.H[0][0], j.H[0][1], j.H[1][0], j.H[1][1], j.DLambda[0], j.DLambda[1], j.DAlpha[0], j.DAlpha[1]}
				for i, v := range vals {
					if math.IsNaN(v) || math.IsInf(v, 0) {
						t.Errorf("layer %+v at (%v, %v): value %d is %v", l, mu, nu, i, v)
					}
				}
				if mo.Var < 0 || mo.SecondMoment < 0 {
					t.Errorf("layer %+v at (%v, %v): negative moment %+v", l, mu, nu, mo)
				}
			}
		}
	}
}

// TestStabilityPaper checks Eq. 6 at (μ, ν) = (0, 1) with ω = 0, τ = 1
// (values from docs/model.md §3, computed with mpmath at 60 digits for the exact
// λ01, α01): H = [[0, 0.08883475510689012], [0, 0.7826478831968128]],
// S = 0.7876733604657156. Tolerance 2 ulp (the float64 λ, α shift the
// values by less than 1 ulp).
func TestStabilityPaper(t *testing.T) {
	const tol = 2 * 0x1p-53
	s := Standard().Stability(0, 1)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"H12", s.H[0][1], 0.0888347551068901234827506146205},
		{"H22", s.H[1][1], 0.782647883196812847228262743375},
		{"S", s.SpectralNorm, 0.787673360465715602059395582595},
		{"rho", s.SpectralRadius, 0.782647883196812847228262743375},
	} {
		if e := relErr(c.got, c.want); e > tol {
			t.Errorf("%s = %v, want %v (relative error %.3g)", c.name, c.got, c.want, e)
		}
	}
	if s.H[0][0] != 0 || s.H[1][0] != 0 {
		t.Errorf("first column of H = (%v, %v), want 0 for ω = 0", s.H[0][0], s.H[1][0])
	}
	if !s.Stable() {
		t.Error("the paper's fixed point is not stable")
	}
}

func TestEigenvalues(t *testing.T) {
	for _, test := range []struct {
		h      [2][2]float64
		ev     [2]complex128
		norm   float64
		radius float64
	}{
		{[2][2]float64{{0, 0}, {0, 0}}, [2]complex128{0, 0}, 0, 0},
		{[2][2]float64{{2, 0}, {0, -3}}, [2]complex128{-3, 2}, 3, 3},
		{[2][2]float64{{0, -1}, {1, 0}}, [2]complex128{1i, -1i}, 1, 1}, // rotation
		{[2][2]float64{{1, 1}, {-1, 1}}, [2]complex128{1 + 1i, 1 - 1i}, math.Sqrt2, math.Sqrt2},
		{[2][2]float64{{0, 1}, {0, 0}}, [2]complex128{0, 0}, 1, 0},         // nilpotent
		{[2][2]float64{{1e-20, 1}, {0, 1}}, [2]complex128{1, 1e-20}, 0, 1}, // small eigenvalue kept
	} {
		ev := eigenvalues(test.h)
		for i := range 2 {
			if cmplx.Abs(ev[i]-test.ev[i]) > 1e-15*cmplx.Abs(test.ev[i]) {
				t.Errorf("eigenvalues(%v) = %v, want %v", test.h, ev, test.ev)
			}
		}
		if r := SpectralRadius(test.h); math.Abs(r-test.radius) > 1e-15 {
			t.Errorf("SpectralRadius(%v) = %v, want %v", test.h, r, test.radius)
		}
		if test.norm != 0 {
			if n := SpectralNorm(test.h); math.Abs(n-test.norm) > 1e-15 {
				t.Errorf("SpectralNorm(%v) = %v, want %v", test.h, n, test.norm)
			}
		}
	}
}

// TestJacobianNoNaN sweeps m over ±1e-300…1e300 and s² over 1e-320…1e300
// (far outside the accuracy domain): no value may be NaN, the mean may not
// overflow for |m| < 1e300, and the variance not for |m| < 1e150,
// s² < 1e300 (ξ̃ ≈ m² may overflow, as its true value does).
func TestJacobianNoNaN(t *testing.T) {
	ms := []float64{0}
	for e := -300.0; e <= 300; e += 7 {
		ms = append(ms, math.Pow(10, e), -math.Pow(10, e))
	}
	for _, l := range []Layer{{Paper(), Notebook()}, {Constants{1, 0}, Notebook()}, {Constants{3, 5}, Notebook()}} {
		for _, m := range ms {
			for e := -320.0; e <= 300; e += 5 {
				s2 := math.Pow(10, e)
				mo, j := l.Jacobian(m, s2)
				for i, v := range []float64{mo.Mean, mo.SecondMoment, mo.Var, j.H[0][0], j.H[0][1], j.H[1][0], j.H[1][1],
					j.DAlpha[0], j.DAlpha[1], j.DLambda[0], j.DLambda[1]} {
					if math.IsNaN(v) {
						t.Fatalf("%+v at (%g, %g): value %d is NaN", l, m, s2, i)
					}
				}
				if (math.IsInf(mo.Mean, 0) && math.Abs(m) < 1e300) || (math.IsInf(mo.Var, 0) && s2 < 1e300 && math.Abs(m) < 1e150) {
					t.Fatalf("%+v at (%g, %g): %+v", l, m, s2, mo)
				}
			}
		}
	}
}
