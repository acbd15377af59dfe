package train

import "math"

// Adam's constants (Kingma and Ba 2015, Algorithm 1).
const (
	adamBeta1 = 0.9
	adamBeta2 = 0.999
	adamEps   = 1e-8
)

// chunk is the number of parameters one task of the update handles.
const chunk = 8192

// update applies one optimizer step with learning rate lr to every
// parameter, from the gradients of the last backward pass.
func (nt *network[T]) update(lr float64) {
	nt.steps++
	mu := nt.c.Momentum
	c1 := 1 - math.Pow(adamBeta1, float64(nt.steps))
	c2 := 1 - math.Pow(adamBeta2, float64(nt.steps))
	adam := nt.c.Optimizer == Adam
	for _, p := range nt.params {
		parallel((len(p.w)+chunk-1)/chunk, func(c int) {
			i0, i1 := c*chunk, min((c+1)*chunk, len(p.w))
			w, g, m := p.w[i0:i1], p.g[i0:i1], p.m[i0:i1]
			if !adam {
				for i, gi := range g {
					mi := T(mu)*m[i] + gi
					m[i] = mi
					w[i] -= T(lr) * mi
				}
				return
			}
			v := p.v[i0:i1]
			for i, gi := range g {
				gf := float64(gi)
				mi := adamBeta1*float64(m[i]) + (1-adamBeta1)*gf
				vi := adamBeta2*float64(v[i]) + (1-adamBeta2)*gf*gf
				m[i], v[i] = T(mi), T(vi)
				w[i] -= T(lr * (mi / c1) / (math.Sqrt(vi/c2) + adamEps))
			}
		})
		if p.l != nil {
			p.l.stale, p.l.staleT = true, true
		}
	}
}
