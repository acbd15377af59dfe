package train

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/selu-tool/selu/internal/gemm"
)

// gradNet builds a small float64 network of the given activation with
// random inputs and labels and perturbed initial parameters (so that BN's
// γ, β and the biases are not at their special initial values).
func gradNet(t *testing.T, act Activation, dropout float64) (*network[float64], []float64, []uint8, int) {
	t.Helper()
	c := Defaults()
	c.Activation = act
	c.Depth, c.Width, c.Batch = 3, 7, 9
	c.DType = Float64
	if dropout > 0 {
		if err := c.SolveSELU("0", "1", "0", "1", dropout); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	const inputs, rows = 5, 9
	nt, err := newNetwork[float64](&c, inputs, rows)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, p := range nt.params {
		for i := range p.w {
			p.w[i] += 0.1 * rng.NormFloat64()
		}
	}
	x := make([]float64, rows*inputs)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	labels := make([]uint8, rows)
	for i := range labels {
		labels[i] = uint8(rng.IntN(Classes))
	}
	return nt, x, labels, rows
}

// lossAt is the mean loss of the batch in training mode (batch statistics;
// the running ones change but do not enter the loss) with the dropout masks
// of step key 7.
func (nt *network[T]) lossAt(x []T, labels []uint8, rows int) float64 {
	for _, ly := range nt.layers {
		ly.stale, ly.staleT = true, true
	}
	logits := nt.forward(x, rows, modeTrain, 7)
	l, _ := softmaxLoss(logits, labels, rows, nt.d0)
	return l / float64(rows)
}

// Every parameter's gradient from backward agrees with the central
// difference (L(p+h) − L(p−h))/2h of the float64 loss, h = 10⁻⁶, to a
// relative error of 10⁻⁶ of the largest gradient (the difference's own
// error is O(h²) + O(ε/h) ≈ 10⁻¹⁰ here), for every layer type: SELU, SELU
// with alpha dropout (fixed masks), ReLU, and ReLU with BatchNorm in
// training mode.
func TestGradients(t *testing.T) {
	for _, tc := range []struct {
		name    string
		act     Activation
		dropout float64
	}{
		{"selu", SELU, 0},
		{"selu-dropout", SELU, 0.2},
		{"relu", ReLU, 0},
		{"relu-bn", ReLUBN, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nt, x, labels, rows := gradNet(t, tc.act, tc.dropout)
			nt.lossAt(x, labels, rows)
			nt.backward(rows, false, nil)
			grads := make([][]float64, len(nt.params))
			var gmax float64
			for i, p := range nt.params {
				grads[i] = append([]float64(nil), p.g...)
				for _, g := range p.g {
					gmax = max(gmax, math.Abs(g))
				}
			}
			const h = 1e-6
			checked := 0
			for i, p := range nt.params {
				for j := range p.w {
					w0 := p.w[j]
					p.w[j] = w0 + h
					lp := nt.lossAt(x, labels, rows)
					p.w[j] = w0 - h
					lm := nt.lossAt(x, labels, rows)
					p.w[j] = w0
					num := (lp - lm) / (2 * h)
					if d := math.Abs(num - grads[i][j]); d > 1e-6*gmax {
						t.Errorf("param %d[%d]: backward %.10g, central difference %.10g", i, j, grads[i][j], num)
					}
					checked++
				}
			}
			if checked < 100 || gmax == 0 {
				t.Fatalf("checked %d parameters, largest gradient %g", checked, gmax)
			}
		})
	}
}

// The optimizer step fused into backward gives w − η·g on the first SGD
// step (momentum starts at 0) and leaves the packed copies of W and Wᵀ
// equal to fresh packings of the new W.
func TestFusedUpdate(t *testing.T) {
	for _, act := range []Activation{SELU, ReLUBN} {
		nt, x, labels, rows := gradNet(t, act, 0)
		nt.c.Width = 300 // more than gemm.KC rows in Wᵀ
		nt2, _ := newNetwork[float64](nt.c, 5, rows)
		for _, nt := range []*network[float64]{nt2} {
			w0 := make([][]float64, len(nt.layers))
			for l, ly := range nt.layers {
				w0[l] = append([]float64(nil), ly.w...)
			}
			nt.lossAt(x, labels, rows)
			s := nt.newStepper(0.1)
			nt.backward(rows, false, &s)
			for l, ly := range nt.layers {
				for i, w := range ly.w {
					if want := w0[l][i] - 0.1*ly.gw[i]; w != want {
						t.Fatalf("%v layer %d w[%d] = %v, want %v", act, l, i, w, want)
					}
				}
				if ly.stale || (ly.pwt != nil && ly.staleT) {
					t.Fatalf("layer %d still marked stale", l)
				}
				pw := gemmPacked(ly.w, ly.k, ly.n, false)
				if !equal(pw, ly.pw.Data) {
					t.Errorf("%v layer %d: packed W differs from a fresh packing", act, l)
				}
				if ly.pwt != nil && !equal(gemmPacked(ly.w, ly.k, ly.n, true), ly.pwt.Data) {
					t.Errorf("%v layer %d: packed Wᵀ differs from a fresh packing", act, l)
				}
			}
		}
	}
}

// gemmPacked packs the k×n matrix w (or its transpose) with gemm's Pack.
func gemmPacked(w []float64, k, n int, trans bool) []float64 {
	if !trans {
		pb := gemm.NewPackedB[float64](k, n)
		pb.Pack(w, n)
		return pb.Data
	}
	wt := make([]float64, n*k)
	for i := range k {
		for j := range n {
			wt[j*k+i] = w[i*n+j]
		}
	}
	pb := gemm.NewPackedB[float64](n, k)
	pb.Pack(wt, k)
	return pb.Data
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
