package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// TestForCallsEachOnce checks that every index is visited exactly once, for
// task counts below, at and above the number of workers, with one worker and
// with several.
func TestForCallsEachOnce(t *testing.T) {
	for _, procs := range []int{1, 3} {
		old := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 2, 3, 7, 100} {
			counts := make([]atomic.Int32, n)
			For(n, func(i int) { counts[i].Add(1) })
			for i := range counts {
				if c := counts[i].Load(); c != 1 {
					t.Errorf("GOMAXPROCS %d, n %d: f(%d) called %d times", procs, n, i, c)
				}
			}
		}
		runtime.GOMAXPROCS(old)
	}
}
