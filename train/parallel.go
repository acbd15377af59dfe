package train

import par "github.com/selu-tool/selu/internal/parallel"

// parallel calls f(i) for i in [0, n) on up to GOMAXPROCS goroutines
// (parallel.For).
func parallel(n int, f func(i int)) { par.For(n, f) }

// rowBlock is the number of rows of one task of the element-wise passes.
const rowBlock = 32

// colBlock is the number of columns of one task of the column reductions.
const colBlock = 64

// byRows runs f on the row ranges [r0, r1) of an m-row matrix in parallel.
func byRows(m int, f func(r0, r1 int)) {
	parallel((m+rowBlock-1)/rowBlock, func(i int) {
		f(i*rowBlock, min((i+1)*rowBlock, m))
	})
}

// byCols runs f on the column ranges [j0, j1) of an n-column matrix in
// parallel.
func byCols(n int, f func(j0, j1 int)) {
	parallel((n+colBlock-1)/colBlock, func(i int) {
		f(i*colBlock, min((i+1)*colBlock, n))
	})
}
