package verify

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/selu-tool/selu/mapping"
)

// TestWeightedNormSound: for random boxes, random norms ‖P·‖₂ (diagonal,
// from eigenvectors, and full random P) and random points of the box, the
// float64 ‖P H P⁻¹‖₂ of package mapping's H lies below the prover's bound
// on the box (up to mapping's stated accuracy, 1e-12 relative), and the
// enclosure at the centre contains the value there.
func TestWeightedNormSound(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 1706))
	boxes := []Box{Theorem1Box(), Lemma12Box(), DefaultBox(0.5, 1), DefaultBox(-0.5, 4),
		{Range{-2, 2}, Range{-1, 1.5}, Range{0.01, 200}, Range{0.5, 2}}}
	for seed := range 1500 {
		b := boxes[seed%len(boxes)]
		root := fromBox(b)
		var x [4]float64
		for i := range x {
			x[i] = root[i].Lo + r.Float64()*root[i].Width()
		}
		d := randomBoxAround(r, x)
		var n Norm
		switch seed % 3 {
		case 0:
			n = Norm{P: [2][2]float64{{1, 0}, {0, math.Exp2(float64(r.IntN(17) - 8))}}}
		case 1:
			l := mapping.Layer{Constants: paper, Weights: mapping.Weights{Omega: x[1], Tau: x[3]}}
			var ok bool
			if n, ok = eigenNorm(l.Stability(x[0], x[2]).H); !ok {
				continue
			}
		default:
			n = Norm{P: [2][2]float64{{r.NormFloat64(), r.NormFloat64()}, {r.NormFloat64(), r.NormFloat64()}}}
			if n.Validate() != nil || conditionNumber(n.P) > 1e4 {
				continue
			}
		}
		p := &problem{layer: newLayer(lambda01, alpha01), root: d, norm: newPNorm(n)}
		e := p.evaluate(d)
		c := [4]float64{d[0].Mid(), d[1].Mid(), d[2].Mid(), d[3].Mid()}
		for k := range 6 {
			y := c
			if k > 0 {
				for i := range y {
					y[i] = d[i].Lo + r.Float64()*(d[i].Hi-d[i].Lo)
				}
			}
			l := mapping.Layer{Constants: paper, Weights: mapping.Weights{Omega: y[1], Tau: y[3]}}
			v := weightedNorm(n, l.Stability(y[0], y[2]).H)
			if !(v <= e.sHi*(1+1e-12)) {
				t.Fatalf("box %v, norm %v, point %v: ‖PHP⁻¹‖ = %v above the bound %v", d.box(), n, y, v, e.sHi)
			}
			if k == 0 && !(v >= e.sPoint.Lo*(1-1e-12) && v <= e.sPoint.Hi*(1+1e-12)) {
				t.Fatalf("box %v, norm %v: ‖PHP⁻¹‖ = %v at the centre outside %v", d.box(), n, v, e.sPoint)
			}
		}
	}
}

// TestEigenNorm: in the basis of eigenvectors (or, for complex eigenvalues,
// of the real and imaginary parts of one), ‖P H P⁻¹‖₂ = ρ(H).
func TestEigenNorm(t *testing.T) {
	for _, h := range [][2][2]float64{
		{{0, 0.3}, {0, 0.9}},      // ω = 0: eigenvalues 0 and 0.9
		{{0.5, 0.2}, {0.3, 0.7}},  // real
		{{0.5, -0.4}, {0.6, 0.4}}, // complex: 0.45 ± 0.488i
		{{0.1, 1}, {-1, 0.1}},     // rotation
	} {
		n, ok := eigenNorm(h)
		if !ok {
			t.Fatalf("H = %v: no eigen norm", h)
		}
		if got, want := weightedNorm(n, h), mapping.SpectralRadius(h); math.Abs(got-want) > 1e-12 {
			t.Errorf("H = %v: ‖PHP⁻¹‖ = %v, ρ = %v", h, got, want)
		}
	}
	if _, ok := eigenNorm([2][2]float64{{1, 1}, {0, 1}}); ok {
		t.Error("a defective H must give no eigen norm")
	}
}

func TestNormValidate(t *testing.T) {
	for _, n := range []Norm{
		{P: [2][2]float64{{1, 2}, {2, 4}}},
		{P: [2][2]float64{{1, 0}, {0, 1e-9}}},
		{P: [2][2]float64{{math.NaN(), 0}, {0, 1}}},
	} {
		if n.Validate() == nil {
			t.Errorf("%v: no error", n)
		}
		if _, err := FixedPoint(paper, Theorem1Box(), &Settings{Norm: n}); err == nil {
			t.Errorf("FixedPoint with %v: no error", n)
		}
	}
	if (Norm{}).String() != "2" || !(Norm{P: [2][2]float64{{1, 0}, {0, 1}}}).Euclidean() {
		t.Error("the zero Norm and P = I are the 2-norm")
	}
}
