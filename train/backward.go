package train

import (
	"math"

	"github.com/selu-tool/selu/internal/gemm"
)

// softmaxLoss computes the softmax cross-entropy of the rows×Classes
// logits against labels, summed over the rows, counts the rows whose
// largest logit is the label's, and (if d is not nil) writes the gradient
// of the mean loss with respect to the logits into d:
//
//	ℓ = log Σⱼ e^{zⱼ} − z_y,   ∂(ℓ/B)/∂zⱼ = (softmax(z)ⱼ − [j = y]) / B.
func softmaxLoss[T gemm.Float](logits []T, labels []uint8, rows int, d []T) (loss float64, correct int) {
	var e [Classes]float64
	for r := range rows {
		z := logits[r*Classes : (r+1)*Classes]
		y := int(labels[r])
		m, arg := float64(z[0]), 0
		for j, v := range z {
			if float64(v) > m {
				m, arg = float64(v), j
			}
		}
		if arg == y {
			correct++
		}
		s := 0.0
		for j, v := range z {
			e[j] = math.Exp(float64(v) - m)
			s += e[j]
		}
		loss += math.Log(s) + m - float64(z[y])
		if d != nil {
			dr := d[r*Classes : (r+1)*Classes]
			for j := range dr {
				p := e[j] / s
				if j == y {
					p--
				}
				dr[j] = T(p / float64(rows))
			}
		}
	}
	return loss, correct
}

// backward propagates the gradient of the loss with respect to the logits,
// held in nt.d0 (rows×Classes), through the network of the last forward
// pass and sets every parameter's gradient. With a stepper it also takes
// the optimizer step: each weight matrix is updated (and repacked) in the
// epilogue of the product that computes its gradient, after the layer's
// ∂L/∂x has been computed from the old weights. With stats it records each
// layer's Σδ² (δ = ∂L/∂z, z the net input) and ‖∂L/∂W‖_F.
func (nt *network[T]) backward(rows int, stats bool, s *stepper) {
	wparam := map[*layer[T]]*param[T]{}
	for i := range nt.params {
		if p := &nt.params[i]; p.l != nil {
			wparam[p.l] = p
		}
	}
	for l := len(nt.layers) - 1; l >= 0; l-- {
		ly := nt.layers[l]
		n, k := ly.n, ly.k
		d := nt.d0[:rows*n]
		if ly.hidden {
			byRows(rows, func(r0, r1 int) { nt.activateBack(ly, d, r0, r1) })
			if ly.gamma != nil {
				batchNormBack(ly, d, rows)
			}
		}
		if ly.b != nil {
			colSums(ly.gb, d, rows, n)
		}
		if stats {
			ly.deltaSS = sumSquares(d)
		}
		if l > 0 {
			if ly.staleT {
				packWT(ly.pwt, ly.w, k, n)
				ly.staleT = false
			}
			nt.mul(rows, d, n, ly.pwt, nt.d1, k, nil)
		}
		pd := nt.packedDelta(rows, n)
		packW(pd, d, rows, n)
		var epi func(r0, r1 int)
		if s != nil {
			p := wparam[ly]
			epi = func(r0, r1 int) { nt.updateRows(s, ly, p, r0, r1) }
		}
		nt.mulAT(k, ly.in, k, pd, ly.gw, n, epi)
		if stats {
			ly.gradNorm = math.Sqrt(sumSquares(ly.gw))
		}
		if l > 0 {
			nt.d0, nt.d1 = nt.d1, nt.d0
		}
	}
	if s != nil {
		nt.updateRest(s)
	}
}

// activateBack turns rows [r0, r1) of d = ∂L/∂out into ∂L/∂(net input of
// the activation): through dropout (∂out/∂y = a on kept units, 0 on
// dropped ones) and the activation's derivative, computed from its output:
// selu'(z) = λ for y > 0 and y + λα otherwise (λα·eᶻ = y + λα); relu'(z) =
// [y > 0].
func (nt *network[T]) activateBack(ly *layer[T], d []T, r0, r1 int) {
	n := ly.n
	dd := d[r0*n : r1*n]
	y := ly.y[r0*n : r1*n]
	if ly.dropped {
		keep := ly.keep[r0*n : r1*n]
		a := T(nt.da)
		for i := range dd {
			if keep[i] {
				dd[i] *= a
			} else {
				dd[i] = 0
			}
		}
	}
	switch nt.act {
	case SELU:
		if d32, ok := any(dd).([]float32); ok {
			seluBack32(d32, any(y).([]float32), nt.lam, nt.la)
			break
		}
		lam, la := T(nt.lam), nt.la
		for i, v := range y {
			if v > 0 {
				dd[i] *= lam
			} else {
				dd[i] *= T(float64(v) + la)
			}
		}
	default:
		for i, v := range y {
			if v <= 0 {
				dd[i] = 0
			}
		}
	}
}

// batchNormBack turns d = ∂L/∂u, u = γx̂ + β, into ∂L/∂z and sets the
// gradients of γ and β (Ioffe and Szegedy 2015, section 3):
//
//	∂L/∂β = Σ_r d,  ∂L/∂γ = Σ_r d·x̂,  ∂L/∂z = γ/(B·√(s²+ε)) · (B·d − ∂L/∂β − x̂·∂L/∂γ).
func batchNormBack[T gemm.Float](ly *layer[T], d []T, rows int) {
	n := ly.n
	byCols(n, func(j0, j1 int) {
		var sd, sdx [colBlock]float64
		for r := range rows {
			xr := ly.xhat[r*n+j0 : r*n+j1]
			for j, v := range d[r*n+j0 : r*n+j1] {
				sd[j] += float64(v)
				sdx[j] += float64(v) * float64(xr[j])
			}
		}
		var scale [colBlock]float64
		for j := range j1 - j0 {
			ly.gbeta[j0+j] = T(sd[j])
			ly.ggamma[j0+j] = T(sdx[j])
			scale[j] = float64(ly.gamma[j0+j]) * ly.bnInv[j0+j] / float64(rows)
		}
		b := float64(rows)
		for r := range rows {
			xr := ly.xhat[r*n+j0 : r*n+j1]
			dr := d[r*n+j0 : r*n+j1]
			for j, v := range dr {
				dr[j] = T(scale[j] * (b*float64(v) - sd[j] - float64(xr[j])*sdx[j]))
			}
		}
	})
}

// colSums sets s[j] = Σ_r d[r·n + j] (in row order, in float64).
func colSums[T gemm.Float](s, d []T, rows, n int) {
	byCols(n, func(j0, j1 int) {
		var acc [colBlock]float64
		for r := range rows {
			for j, v := range d[r*n+j0 : r*n+j1] {
				acc[j] += float64(v)
			}
		}
		for j := range j1 - j0 {
			s[j0+j] = T(acc[j])
		}
	})
}

// sumSquares returns Σ x² in float64, in order.
func sumSquares[T gemm.Float](x []T) float64 {
	s := 0.0
	for _, v := range x {
		s += float64(v) * float64(v)
	}
	return s
}
