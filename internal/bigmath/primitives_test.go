package bigmath

import (
	"math/big"
	"math/rand"
	"strings"
	"testing"
)

// The solver's error analysis trusts, besides the functions of this
// package, the rounding of big.Float's Quo and SetRat and the decimal
// conversion of big.Float.Text. The tests below check each of them by
// inverting it exactly (multiplying back, parsing back as a big.Rat), and
// check Pi, Exp, Erf, Erfc and Erfcx at precisions up to 40000 bits against
// independent fixed-point evaluations written here (Machin's formula and
// the alternating Taylor series, which this package does not use),
// including the precisions just below 53·2^k where big.Float.Sqrt falls
// short.

// highPrecs are the precisions of the high-precision checks.
func highPrecs() []uint {
	if testing.Short() {
		return []uint{2000, 6699, 13500}
	}
	return []uint{2000, 6699, 6784, 13500, 13567, 20000, 27130, 34000, 40000}
}

// machinPi returns π·2^w (truncated, error below 8 units) by
// π = 16·atan(1/5) − 4·atan(1/239).
func machinPi(w uint) *big.Int {
	atanInv := func(q int64) *big.Int {
		one := new(big.Int).Lsh(big.NewInt(1), w)
		pow := new(big.Int).Quo(one, big.NewInt(q)) // 1/q^(2k+1)
		sum := new(big.Int).Set(pow)
		q2 := big.NewInt(q * q)
		var t big.Int
		for k := int64(1); pow.Sign() != 0; k++ {
			pow.Quo(pow, q2)
			t.Quo(pow, big.NewInt(2*k+1))
			if k%2 == 1 {
				sum.Sub(sum, &t)
			} else {
				sum.Add(sum, &t)
			}
		}
		return sum
	}
	a := atanInv(5)
	a.Lsh(a, 4)
	b := atanInv(239)
	b.Lsh(b, 2)
	return a.Sub(a, b)
}

// expFixed returns e^(n/d)·2^w for 0 < n/d ≤ 6 by the Taylor series (error
// below a few hundred units).
func expFixed(n, d int64, w uint) *big.Int {
	term := new(big.Int).Lsh(big.NewInt(1), w)
	sum := new(big.Int).Set(term)
	for k := int64(1); term.Sign() != 0; k++ {
		term.Mul(term, big.NewInt(n))
		term.Quo(term, big.NewInt(d*k))
		sum.Add(sum, term)
	}
	return sum
}

// erfFixed returns erf(n/d)·2^w for 0 < n/d ≤ 6 by the alternating series
// erf(x) = 2/√π·Σ (−1)^k x^(2k+1)/(k!(2k+1)) (DLMF 7.6.1) with 64 guard
// bits more than its cancellation, and 2/√π from machinPi and
// big.Int.Sqrt (error below a few hundred units).
func erfFixed(n, d int64, w uint) *big.Int {
	g := w + 64 + 24 // x² log2(e) ≤ 23.1 bits of cancellation
	pow := new(big.Int).Lsh(big.NewInt(n), g)
	pow.Quo(pow, big.NewInt(d)) // x^(2k+1)/k!
	sum := new(big.Int).Set(pow)
	var t big.Int
	for k := int64(1); pow.Sign() != 0; k++ {
		pow.Mul(pow, big.NewInt(n*n))
		pow.Quo(pow, big.NewInt(d*d*k))
		t.Quo(pow, big.NewInt(2*k+1))
		if k%2 == 1 {
			sum.Sub(sum, &t)
		} else {
			sum.Add(sum, &t)
		}
	}
	// 2/√π·2^g = 2^(2g+1)/√(π·2^(2g))
	sp := machinPi(2 * g)
	sp.Sqrt(sp)
	c := new(big.Int).Lsh(big.NewInt(1), 2*g+1)
	c.Quo(c, sp)
	sum.Mul(sum, c)
	return sum.Rsh(sum, 2*g-w)
}

// fixedFloat returns i·2^-w as an exact big.Float.
func fixedFloat(i *big.Int, w uint) *big.Float {
	f := new(big.Float).SetInt(i)
	return f.SetMantExp(f, -int(w))
}

// TestHighPrecisionReference checks Pi, Exp, Erf, Erfc and Erfcx to be
// correctly rounded (within ½ ulp + 2^-40 ulp of the independent value)
// at precisions up to 40000 bits.
func TestHighPrecisionReference(t *testing.T) {
	if raceEnabled {
		t.Skip("sequential precision sweep: run without -race")
	}
	t.Parallel()
	precs := highPrecs()
	w := precs[len(precs)-1] + 128
	one := new(big.Float).SetInt64(1)
	ref := map[string]*big.Float{"pi": fixedFloat(machinPi(w), w)}
	type arg struct {
		name string
		n, d int64
	}
	args := []arg{{"1/2", 1, 2}, {"1", 1, 1}, {"9/4", 9, 4}}
	for _, a := range args {
		ref["exp "+a.name] = fixedFloat(expFixed(a.n, a.d, w), w)
		erf := fixedFloat(erfFixed(a.n, a.d, w), w)
		ref["erf "+a.name] = erf
		erfc := new(big.Float).SetPrec(w).Sub(one, erf)
		ref["erfc "+a.name] = erfc
		ex2 := fixedFloat(expFixed(a.n*a.n, a.d*a.d, w), w)
		ref["erfcx "+a.name] = new(big.Float).SetPrec(w).Mul(ex2, erfc)
	}
	// the cached constants' computations themselves, at precisions whose
	// working precision falls in the bands 52·2^k … 53·2^k (Pi(p) would
	// round a cached value computed at some larger precision)
	sp := machinPi(2 * w)
	sp.Sqrt(sp)
	isp := new(big.Int).Lsh(big.NewInt(1), 2*w)
	isp.Quo(isp, sp)
	ref["1/sqrt(pi)"] = fixedFloat(isp, w)
	for _, p := range []uint{6500, 6600, 13300, 13400, 26700, 27000} {
		if p > w-128 {
			continue
		}
		for name, f := range map[string]func(uint) *big.Float{
			"pi":                   computePi,
			"pi (Machin)":          computePiMachin,
			"1/sqrt(pi)":           Primary.computeInvSqrtPi,
			"1/sqrt(pi) secondary": Secondary.computeInvSqrtPi,
		} {
			if u := ulps(f(p), ref[strings.Fields(name)[0]], p); u >= 1 {
				t.Errorf("computed %s at %d bits: %.3g ulp from the independent value", name, p, u)
			}
		}
	}
	fns := map[string]func(z, x *big.Float) *big.Float{"exp": Exp, "erf": Erf, "erfc": Erfc, "erfcx": Erfcx}
	for _, p := range precs {
		check := func(name string, got *big.Float) {
			want := ref[name]
			if u := ulps(got, want, p); u > 0.5+1.0/(1<<40) {
				t.Errorf("%s at %d bits: %.3g ulp from the independent value", name, p, u)
			}
		}
		check("pi", Pi(p))
		check("pi", Secondary.Pi(p))
		for _, a := range args {
			x := new(big.Float).SetPrec(64).Quo(big.NewFloat(float64(a.n)), big.NewFloat(float64(a.d)))
			for fn, f := range fns {
				check(fn+" "+a.name, f(new(big.Float).SetPrec(p), x))
			}
			// the other set of constants: ln 2 through e^x (x = k·ln 2 + r
			// with k ≠ 0 at every argument), 1/√π through erfc
			check("exp "+a.name, Secondary.Exp(new(big.Float).SetPrec(p), x))
			check("erfc "+a.name, Secondary.Erfc(new(big.Float).SetPrec(p), x))
		}
	}
}

// TestQuoSetRatRounding checks big.Float.Quo and SetRat, which the
// solver's error bounds take as correctly rounded, by multiplying back
// exactly: q = x/y rounded to nearest at p bits must satisfy
// |q·y − x| ≤ ½ulp(q)·|y|, and truncation and rounding away must bracket x.
func TestQuoSetRatRounding(t *testing.T) {
	if raceEnabled {
		t.Skip("sequential precision sweep: run without -race")
	}
	t.Parallel()
	rng := rand.New(rand.NewSource(1))
	randFloat := func(p uint) *big.Float {
		m := new(big.Int).Rand(rng, new(big.Int).Lsh(big.NewInt(1), p))
		m.SetBit(m, int(p), 1)
		f := new(big.Float).SetInt(m)
		return f.SetMantExp(f, rng.Intn(200)-100-int(p))
	}
	precs := []uint{53, 64, 100, 1000, 6699, 13500}
	precs = append(precs, highPrecs()...)
	for _, p := range precs {
		for i := range 6 {
			x, y := randFloat(p+uint(i)*7), randFloat(p+64)
			for _, mode := range []big.RoundingMode{big.ToNearestEven, big.ToZero, big.AwayFromZero} {
				q := new(big.Float).SetPrec(p).SetMode(mode).Quo(x, y)
				if err := bracket(q, x, y, p, mode); err != "" {
					t.Fatalf("Quo at %d bits, %v: %s", p, mode, err)
				}
				// SetRat of x/y as an exact rational
				xr, _ := x.Rat(nil)
				yr, _ := y.Rat(nil)
				r := new(big.Float).SetPrec(p).SetMode(mode).SetRat(new(big.Rat).Quo(xr, yr))
				if err := bracket(r, x, y, p, mode); err != "" {
					t.Fatalf("SetRat at %d bits, %v: %s", p, mode, err)
				}
			}
		}
	}
}

// bracket reports how q fails to be x/y (y > 0) rounded to p bits in mode,
// by exact products.
func bracket(q, x, y *big.Float, p uint, mode big.RoundingMode) string {
	ulp := new(big.Float).SetMantExp(big.NewFloat(1), q.MantExp(nil)-int(p))
	step := ulp
	if mode == big.ToNearestEven {
		step = new(big.Float).SetMantExp(ulp, -1)
	}
	exact := q.Prec() + y.Prec() + 64
	prod := func(v *big.Float, sign int) *big.Float {
		s := new(big.Float).SetPrec(p + 2)
		if sign < 0 {
			s.Sub(v, step)
		} else if sign > 0 {
			s.Add(v, step)
		} else {
			s.Set(v)
		}
		return new(big.Float).SetPrec(exact).Mul(s, y)
	}
	switch mode {
	case big.ToZero:
		if prod(q, 0).Cmp(x) > 0 || prod(q, 1).Cmp(x) <= 0 {
			return "not truncated"
		}
	case big.AwayFromZero:
		if prod(q, 0).Cmp(x) < 0 || prod(q, -1).Cmp(x) >= 0 {
			return "not rounded away"
		}
	default:
		if prod(q, -1).Cmp(x) > 0 || prod(q, 1).Cmp(x) < 0 {
			return "not rounded to nearest"
		}
	}
	return ""
}

// TestTextRounding checks big.Float.Text('e', d−1), which the solver uses
// to print its digits, by parsing the decimal back exactly: it must be
// within half a unit of its last digit of the binary value.
func TestTextRounding(t *testing.T) {
	if raceEnabled {
		t.Skip("sequential precision sweep: run without -race")
	}
	t.Parallel()
	for _, p := range []uint{64, 3000, 13500, 34000} {
		x := Pi(p)
		x.SetMantExp(x, 5000) // a large exponent as well
		for _, v := range []*big.Float{Pi(p), Exp(new(big.Float).SetPrec(p), big.NewFloat(-1)), x} {
			for _, d := range []int{1, 17, 2000, 4030, 10000} {
				s := v.Text('e', d-1)
				dec, ok := new(big.Rat).SetString(s)
				if !ok {
					t.Fatalf("cannot parse %.40q", s)
				}
				exact, _ := v.Rat(nil)
				diff := new(big.Rat).Sub(dec, exact)
				diff.Abs(diff)
				_, e, _ := strings.Cut(s, "e")
				ex := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(atoi(t, e)-d+1))), nil))
				half := new(big.Rat).SetFrac64(1, 2)
				if atoi(t, e)-d+1 < 0 {
					ex.Inv(ex)
				}
				if diff.Cmp(half.Mul(half, ex)) > 0 {
					t.Errorf("Text at %d bits, %d digits: more than half a unit of the last digit off", p, d)
				}
			}
		}
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	r, ok := new(big.Int).SetString(strings.TrimPrefix(s, "+"), 10)
	if !ok {
		t.Fatalf("bad exponent %q", s)
	}
	return int(r.Int64())
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
