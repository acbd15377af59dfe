package montecarlo

import par "github.com/selu-tool/selu/internal/parallel"

// parallel calls f(i) for i in [0, n) on up to GOMAXPROCS goroutines
// (parallel.For).
func parallel(n int, f func(i int)) { par.For(n, f) }
