package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(i) for every i in [0, n) on up to GOMAXPROCS goroutines and
// returns when all calls have returned. Tasks are handed out in increasing
// order of i. Callers make f(i) write only to locations owned by i (and
// combine per-task partial results in order afterwards), so that results do
// not depend on the schedule or on the number of workers.
func For(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}
