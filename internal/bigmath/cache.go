package bigmath

import (
	"math/big"
	"sync"
	"sync/atomic"
)

// constCache holds the most precise value of a mathematical constant computed
// so far. The stored *big.Float is never modified after it has been
// published, so readers only load the atomic pointer and round a copy; a
// mutex makes sure that a missing precision is computed once.
type constCache struct {
	mu      sync.Mutex
	v       atomic.Pointer[big.Float]
	compute func(prec uint) *big.Float // the constant with error < 1 ulp at prec
}

// get returns the shared, read-only value of the constant with at least prec
// bits. Callers must not modify it.
func (c *constCache) get(prec uint) *big.Float {
	if v := c.v.Load(); v != nil && v.Prec() >= prec {
		return v
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.v.Load()
	if v != nil && v.Prec() >= prec {
		return v
	}
	// Grow geometrically so that a slowly increasing sequence of requests
	// does not recompute the constant each time, and round up to whole words.
	p := prec + 64
	if v != nil && p < v.Prec()+v.Prec()/2 {
		p = v.Prec() + v.Prec()/2
	}
	p = (p + 63) &^ 63
	v = c.compute(p)
	c.v.Store(v)
	return v
}

// round sets z to the cached constant rounded to prec bits (z's mode).
func (c *constCache) round(z *big.Float, prec uint) *big.Float {
	return z.SetPrec(prec).Set(c.get(prec + 32))
}

// computeInvSqrtPi returns 1/√π at prec bits from the π of cs.
func (cs *Constants) computeInvSqrtPi(prec uint) *big.Float {
	wp := prec + 32
	s := new(big.Float).SetPrec(wp).Set(cs.pi.get(wp + 32))
	Sqrt(s, s)
	one := new(big.Float).SetPrec(wp).SetInt64(1)
	return new(big.Float).SetPrec(prec).Quo(one, s)
}
