package bigmath

import (
	"math/big"
	"sync"
	"testing"
)

// TestConcurrent runs Pi, Exp, Erfc and Erfcx (and Pi, Exp and Erfcx of
// Secondary) from many goroutines at
// precisions that grow while others read the constant caches, and checks
// each result against a sequential evaluation. Run it with -race.
func TestConcurrent(t *testing.T) {
	precs := []uint{64, 200, 960, 1000, 1500, 3000}
	if testing.Short() {
		precs = precs[:4]
	}
	x := new(big.Float).SetPrec(3000).SetFloat64(1.25)
	// Sequential results, computed before any cache is warm for the larger
	// precisions would be ideal; caches only hold more digits than asked, so
	// the order does not change the results.
	type key struct {
		f    int
		prec uint
	}
	funcs := []func(z, x *big.Float) *big.Float{Exp, Erfc, Erfcx, Erf,
		func(z, _ *big.Float) *big.Float { return z.Set(Pi(z.Prec())) },
		// the other set of constants, whose caches grow independently
		Secondary.Exp, Secondary.Erfcx,
		func(z, _ *big.Float) *big.Float { return z.Set(Secondary.Pi(z.Prec())) }}
	var wg sync.WaitGroup
	results := make([]map[key]*big.Float, 8)
	for g := range results {
		results[g] = map[key]*big.Float{}
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := range precs {
				prec := precs[(i+g)%len(precs)]
				for fi, f := range funcs {
					results[g][key{fi, prec}] = f(new(big.Float).SetPrec(prec), x)
				}
			}
		}(g)
	}
	wg.Wait()
	for _, prec := range precs {
		for fi, f := range funcs {
			want := f(new(big.Float).SetPrec(prec), x)
			for g := range results {
				if got := results[g][key{fi, prec}]; got.Cmp(want) != 0 {
					t.Errorf("goroutine %d, function %d at %d bits: %s, want %s", g, fi, prec, got.Text('g', 20), want.Text('g', 20))
				}
			}
		}
	}
}
