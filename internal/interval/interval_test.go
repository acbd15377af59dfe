package interval

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

const prec = 3000 // exact for sums and products of float64s

func bf(x float64) *big.Float { return new(big.Float).SetPrec(prec).SetFloat64(x) }

func randBox(r *rand.Rand, scale float64) I {
	a, b := scale*(2*r.Float64()-1), scale*(2*r.Float64()-1)
	if r.IntN(4) == 0 {
		b = a // points too
	}
	return I{math.Min(a, b), math.Max(a, b)}
}

func randIn(r *rand.Rand, x I) float64 {
	switch r.IntN(5) {
	case 0:
		return x.Lo
	case 1:
		return x.Hi
	}
	return x.Lo + r.Float64()*(x.Hi-x.Lo)
}

// TestArithmeticContains is the inclusion property for +, −, ×, ÷, x², √:
// for random boxes and random points inside them, the exact real result
// (math/big at 3000 bits: exact for +, −, ×; correctly rounded far beyond
// float64 for ÷ and √) lies in the interval result. Many seeds.
func TestArithmeticContains(t *testing.T) {
	for seed := uint64(1); seed <= 40; seed++ {
		r := rand.New(rand.NewPCG(seed, 7))
		for range 500 {
			scale := math.Pow(10, float64(r.IntN(30)-15))
			x, y := randBox(r, scale), randBox(r, scale*math.Pow(10, float64(r.IntN(6)-3)))
			a, b := randIn(r, x), randIn(r, y)
			A, B := bf(a), bf(b)
			check := func(op string, got I, want *big.Float) {
				t.Helper()
				if bf(got.Lo).Cmp(want) > 0 || bf(got.Hi).Cmp(want) < 0 {
					t.Fatalf("seed %d: %v %s %v = %v does not contain %s for a=%v b=%v",
						seed, x, op, y, got, want.Text('g', 30), a, b)
				}
			}
			check("+", x.Add(y), new(big.Float).SetPrec(prec).Add(A, B))
			check("-", x.Sub(y), new(big.Float).SetPrec(prec).Sub(A, B))
			check("*", x.Mul(y), new(big.Float).SetPrec(prec).Mul(A, B))
			check("sqr", x.Sqr(), new(big.Float).SetPrec(prec).Mul(A, A))
			if b != 0 {
				check("/", x.Div(y), new(big.Float).SetPrec(prec).Quo(A, B))
			}
			if a >= 0 && x.Lo >= 0 {
				check("sqrt", Sqrt(x), new(big.Float).SetPrec(prec).Sqrt(A))
			}
		}
	}
}

// TestElementaryMonotone checks the inclusion property of Exp, Erfc and Erfcx
// at random points of random boxes against the point enclosures (which
// reference_test.go checks against mpmath): the point enclosure at v must lie
// inside the box enclosure, and must contain float64 evaluations where these
// are within the stated accuracy.
func TestElementaryMonotone(t *testing.T) {
	for seed := uint64(1); seed <= 40; seed++ {
		r := rand.New(rand.NewPCG(seed, 11))
		for range 500 {
			c := 40*r.Float64() - 20
			w := math.Pow(10, -12*r.Float64())
			x := I{c - w*r.Float64(), c + w*r.Float64()}
			v := randIn(r, x)
			for _, f := range []struct {
				name  string
				box   func(I) I
				point func(float64) I
			}{
				{"exp", Exp, ExpPoint},
				{"erfc", Erfc, ErfcPoint},
				{"erfcx", Erfcx, ErfcxPoint},
			} {
				if p, b := f.point(v), f.box(x); !p.Subset(b) {
					t.Fatalf("seed %d: %s(%v) = %v not inside %s(%v) = %v", seed, f.name, v, p, f.name, x, b)
				}
			}
			if y := math.Exp(v); !ExpPoint(v).Contains(y) {
				t.Fatalf("math.Exp(%v) = %v outside %v", v, y, ExpPoint(v))
			}
			if y := math.Erfc(v); !ErfcPoint(v).Contains(y) {
				t.Fatalf("math.Erfc(%v) = %v outside %v", v, y, ErfcPoint(v))
			}
		}
	}
}

// TestShrink checks that enclosures shrink towards the float64 value as the
// box shrinks: at width 2⁻ᵏ·|x| the relative width is O(2⁻ᵏ) plus a few
// dozen ulps.
func TestShrink(t *testing.T) {
	fns := []struct {
		name string
		f    func(I) I
		ref  func(float64) float64
	}{
		{"exp", Exp, math.Exp},
		{"erfc", Erfc, math.Erfc},
		{"erfcx", Erfcx, func(x float64) float64 { return ErfcxPoint(x).Mid() }},
		{"sqrt", Sqrt, math.Sqrt},
		{"x*x+x", func(x I) I { return x.Mul(x).Add(x) }, func(x float64) float64 { return x*x + x }},
	}
	for _, fn := range fns {
		for _, c := range []float64{0.3, 1, 2.5, 7, 15} {
			y := fn.ref(c)
			for k := 1; k <= 60; k += 3 {
				w := math.Ldexp(c, -k)
				got := fn.f(I{c - w, c + w})
				if !got.Contains(y) {
					t.Fatalf("%s on %v misses %v", fn.name, I{c - w, c + w}, y)
				}
				rel := got.Width() / math.Abs(y)
				// All these functions are monotone, so the exact range has
				// relative width |f(c+w) − f(c−w)|/|y|; allow 1% of it plus
				// 60 ulps of rounding and assumed evaluation error.
				if lim := 1.01*math.Abs(fn.ref(c+w)-fn.ref(c-w))/math.Abs(y) + 60*0x1p-52; rel > lim {
					t.Errorf("%s at %v, half-width 2^-%d·x: relative width %.3g > %.3g", fn.name, c, k, rel, lim)
				}
			}
		}
	}
}

func TestSpecialCases(t *testing.T) {
	inf := math.Inf(1)
	for _, test := range []struct {
		name string
		got  I
		want I
	}{
		{"exp(-inf)", ExpPoint(-inf), I{0, tinyBound}},
		{"exp(+inf)", ExpPoint(inf), I{1.79e308, inf}},
		{"erfc(+inf)", ErfcPoint(inf), I{0, erfcCutHi}},
		{"1/[0,1]", Point(1).Div(I{0, 1}), Entire()},
		{"[0,1]*[0,inf]", I{0, 1}.Mul(I{0, inf}), I{0, inf}},
	} {
		if test.got.Lo > test.want.Lo || test.got.Hi < test.want.Hi || math.IsNaN(test.got.Lo) || math.IsNaN(test.got.Hi) {
			t.Errorf("%s = %v, want a superset of %v", test.name, test.got, test.want)
		}
	}
	for _, x := range []float64{math.NaN(), -inf, -30, -27, -26, 0, 9.999999999, 10, 1e300, inf} {
		r := ErfcxPoint(x)
		if math.IsNaN(r.Lo) || math.IsNaN(r.Hi) || r.Lo > r.Hi || r.Lo < 0 {
			t.Errorf("ErfcxPoint(%v) = %v", x, r)
		}
	}
}

// FuzzErfcx checks that the erfcx enclosure is ordered, positive, decreasing
// in x, and consistent with math.Erfc where e^{x²} erfc x is representable.
func FuzzErfcx(f *testing.F) {
	for _, x := range []float64{-27, -5, 0, 0.5, 9.99, 10, 26, 1e10} {
		f.Add(x, 1e-3)
	}
	f.Fuzz(func(t *testing.T, x, d float64) {
		if math.IsNaN(x) || math.IsNaN(d) {
			return
		}
		d = math.Abs(d)
		a, b := ErfcxPoint(x), ErfcxPoint(x+d)
		if !(a.Lo <= a.Hi) || a.Lo < 0 {
			t.Fatalf("ErfcxPoint(%v) = %v", x, a)
		}
		if b.Lo > a.Hi {
			t.Fatalf("erfcx not decreasing: %v at %v, %v at %v", a, x, b, x+d)
		}
	})
}

func TestUpDown(t *testing.T) {
	inf := math.Inf(1)
	for _, x := range []float64{0, math.Copysign(0, -1), 1, -1, 5e-324, -5e-324, math.MaxFloat64, -math.MaxFloat64, inf, -inf, 0x1p-1022, -0x1p-1022, 1e300, 2.5} {
		if got, want := up(x), math.Nextafter(x, inf); got != want && !(got == 5e-324 && x == 0) {
			t.Errorf("up(%v) = %v, want %v", x, got, want)
		}
		if got, want := down(x), math.Nextafter(x, -inf); got != want && !(got == -5e-324 && x == 0) {
			t.Errorf("down(%v) = %v, want %v", x, got, want)
		}
	}
	if !math.IsInf(up(math.NaN()), 1) || !math.IsInf(down(math.NaN()), -1) {
		t.Error("NaN must round outwards to ±Inf")
	}
}
