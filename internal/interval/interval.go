package interval

import (
	"fmt"
	"math"
)

// I is the closed interval [Lo, Hi]. Lo may be −∞ and Hi may be +∞. The
// zero value is the point 0.
type I struct{ Lo, Hi float64 }

// Point returns the degenerate interval [x, x], which contains exactly x.
func Point(x float64) I { return I{x, x} }

// New returns [lo, hi]. It panics if lo > hi or either is NaN.
func New(lo, hi float64) I {
	if !(lo <= hi) {
		panic(fmt.Sprintf("interval: invalid interval [%v, %v]", lo, hi))
	}
	return I{lo, hi}
}

// Entire returns (−∞, +∞).
func Entire() I { return I{math.Inf(-1), math.Inf(1)} }

// Around returns an interval that contains the real number whose nearest
// float64 is x and whose decimal expansion was rounded to float64 once,
// i.e. [x − 1 ulp, x + 1 ulp]. It is how decimal constants such as √2 enter
// a computation.
func Around(x float64) I { return I{down(x), up(x)} }

// up returns the next float64 above x (math.Nextafter(x, +Inf), faster);
// NaN goes to +Inf.
func up(x float64) float64 {
	switch {
	case x != x:
		return math.Inf(1)
	case x == 0:
		return math.SmallestNonzeroFloat64
	case x > 0:
		if math.IsInf(x, 1) {
			return x
		}
		return math.Float64frombits(math.Float64bits(x) + 1)
	}
	return math.Float64frombits(math.Float64bits(x) - 1) // x < 0: smaller magnitude
}

// down returns the next float64 below x; NaN goes to −Inf.
func down(x float64) float64 {
	if x != x {
		return math.Inf(-1)
	}
	return -up(-x)
}

// downN and upN move x by n float64 steps.
func downN(x float64, n int) float64 {
	for range n {
		x = down(x)
	}
	return x
}

func upN(x float64, n int) float64 {
	for range n {
		x = up(x)
	}
	return x
}

// Mid returns the midpoint of x (a float64 inside x for finite x).
func (x I) Mid() float64 {
	m := x.Lo + (x.Hi-x.Lo)/2
	if math.IsInf(x.Lo-x.Hi, 0) || math.IsNaN(m) {
		m = x.Lo/2 + x.Hi/2
	}
	return math.Max(x.Lo, math.Min(x.Hi, m))
}

// Width returns Hi − Lo rounded up.
func (x I) Width() float64 { return up(x.Hi - x.Lo) }

// Mag returns max |v| over v in x.
func (x I) Mag() float64 { return math.Max(math.Abs(x.Lo), math.Abs(x.Hi)) }

// Contains reports whether v lies in x.
func (x I) Contains(v float64) bool { return x.Lo <= v && v <= x.Hi }

// Subset reports whether x ⊆ y.
func (x I) Subset(y I) bool { return y.Lo <= x.Lo && x.Hi <= y.Hi }

// Hull returns the smallest interval containing x and y.
func Hull(x, y I) I { return I{math.Min(x.Lo, y.Lo), math.Max(x.Hi, y.Hi)} }

// Intersect returns x ∩ y and whether it is non-empty. Intersecting two
// enclosures of the same quantity gives an enclosure.
func Intersect(x, y I) (I, bool) {
	r := I{math.Max(x.Lo, y.Lo), math.Min(x.Hi, y.Hi)}
	return r, r.Lo <= r.Hi
}

// String formats x as [lo, hi].
func (x I) String() string { return fmt.Sprintf("[%v, %v]", x.Lo, x.Hi) }

// Neg returns −x (exact).
func (x I) Neg() I { return I{-x.Hi, -x.Lo} }

// Add returns x + y.
func (x I) Add(y I) I { return I{down(x.Lo + y.Lo), up(x.Hi + y.Hi)} }

// Sub returns x − y.
func (x I) Sub(y I) I { return I{down(x.Lo - y.Hi), up(x.Hi - y.Lo)} }

// mul is a product of bounds with 0·∞ = 0.
func mul(a, b float64) float64 {
	if a == 0 || b == 0 {
		return 0
	}
	return a * b
}

// Mul returns x·y.
func (x I) Mul(y I) I {
	if x.Lo >= 0 && y.Lo >= 0 {
		return I{down(mul(x.Lo, y.Lo)), up(mul(x.Hi, y.Hi))}
	}
	p1, p2, p3, p4 := mul(x.Lo, y.Lo), mul(x.Lo, y.Hi), mul(x.Hi, y.Lo), mul(x.Hi, y.Hi)
	return I{down(math.Min(math.Min(p1, p2), math.Min(p3, p4))), up(math.Max(math.Max(p1, p2), math.Max(p3, p4)))}
}

// Scale returns k·x for a float64 k (exact k, not a rounded constant).
func (x I) Scale(k float64) I { return x.Mul(Point(k)) }

// Sqr returns {v² : v ∈ x}, tighter than x.Mul(x) when x contains 0.
func (x I) Sqr() I {
	a, b := math.Abs(x.Lo), math.Abs(x.Hi)
	lo, hi := math.Min(a, b), math.Max(a, b)
	if x.Lo <= 0 && x.Hi >= 0 {
		lo = 0
	}
	l := lo * lo
	if l != 0 {
		l = down(l)
	}
	return I{math.Max(0, l), up(hi * hi)}
}

// Recip returns 1/x. It returns Entire if x contains 0.
func (x I) Recip() I { return Point(1).Div(x) }

// Div returns x/y. It returns Entire if y contains 0.
func (x I) Div(y I) I {
	if y.Lo <= 0 && y.Hi >= 0 {
		return Entire()
	}
	div := func(a, b float64) float64 {
		if a == 0 || math.IsInf(b, 0) && !math.IsInf(a, 0) {
			return 0
		}
		return a / b
	}
	q1, q2, q3, q4 := div(x.Lo, y.Lo), div(x.Lo, y.Hi), div(x.Hi, y.Lo), div(x.Hi, y.Hi)
	return I{down(math.Min(math.Min(q1, q2), math.Min(q3, q4))), up(math.Max(math.Max(q1, q2), math.Max(q3, q4)))}
}

// Sqrt returns {√v : v ∈ x, v ≥ 0}; negative parts are clipped to 0 (the
// caller must know that x ≥ 0 holds for the real quantity).
func Sqrt(x I) I {
	lo := 0.0
	if x.Lo > 0 {
		lo = math.Max(0, down(math.Sqrt(x.Lo)))
	}
	if x.Hi < 0 {
		return I{0, 0}
	}
	return I{lo, up(math.Sqrt(x.Hi))}
}

// Max returns {max(a, b) : a ∈ x, b ∈ y}.
func Max(x, y I) I { return I{math.Max(x.Lo, y.Lo), math.Max(x.Hi, y.Hi)} }
