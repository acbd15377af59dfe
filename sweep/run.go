package sweep

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"runtime"
	"sync"
	"sync/atomic"

	"selu/solver"
)

// A Row is the outcome for one target of a grid.
type Row struct {
	// MeanIndex and VarIndex locate the target on the grid's axes.
	MeanIndex, VarIndex int
	// Target is the exact target (μ*, ν*).
	Target solver.Target
	// Result is the solution, nil if the target is infeasible.
	Result *solver.Result
	// Infeasible explains why no SELU has the target as fixed point; nil
	// if Result is set.
	Infeasible *solver.InfeasibleError
}

// Feasible reports whether the target has a SELU.
func (r Row) Feasible() bool { return r.Result != nil }

// Options configure Run.
type Options struct {
	// Solver holds the weights ω, τ and the number of digits for every
	// target; its DropoutRates are ignored. nil means the solver's defaults.
	Solver *solver.Options
	// Workers is the number of goroutines; 0 means runtime.GOMAXPROCS(0).
	Workers int
	// Progress, if not nil, is called after each solved target with the
	// number done so far and the total, from the worker goroutines (it
	// must be safe for concurrent use).
	Progress func(done, total int)
}

// A Table is the outcome of a sweep: one row per target, in grid order.
type Table struct {
	Grid       Grid
	Omega, Tau *big.Rat // the weights ω = Σw, τ = Σw² used for every target
	Digits     int      // significant digits of λ, α, α'
	Rows       []Row    // Rows[k] is target k of Grid (mean-major)
}

// Run solves every target of g and returns the rows in grid order
// (mean-major). Infeasible targets give rows with Infeasible set; any other
// solver error stops the sweep and is returned with its target (the first
// in grid order among those that failed). Run stops early, returning
// ctx.Err(), if ctx is cancelled.
func Run(ctx context.Context, g Grid, o *Options) (*Table, error) {
	if g.Len() == 0 {
		return nil, fmt.Errorf("sweep: empty grid")
	}
	var opts Options
	if o != nil {
		opts = *o
	}
	var so solver.Options
	if opts.Solver != nil {
		so = *opts.Solver
	}
	so.DropoutRates = nil
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	n := g.Len()
	workers = min(workers, n)

	rows := make([]Row, n)
	errs := make([]error, n)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				k := int(next.Add(1) - 1)
				if k >= n {
					return
				}
				i, j := g.Index(k)
				t := g.Target(k)
				row := Row{MeanIndex: i, VarIndex: j, Target: t}
				res, err := solver.Solve(t, &so)
				var inf *solver.InfeasibleError
				switch {
				case err == nil:
					row.Result = res
				case errors.As(err, &inf):
					row.Infeasible = inf
				default:
					errs[k] = fmt.Errorf("sweep: target %v: %w", t, err)
					cancel()
					return
				}
				rows[k] = row
				d := int(done.Add(1))
				if opts.Progress != nil {
					opts.Progress(d, n)
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t := &Table{Grid: g, Omega: so.Omega, Tau: so.Tau, Digits: so.Digits, Rows: rows}
	if t.Omega == nil {
		t.Omega = new(big.Rat)
	}
	if t.Tau == nil {
		t.Tau = big.NewRat(1, 1)
	}
	if t.Digits == 0 {
		t.Digits = solver.DefaultDigits
	}
	return t, nil
}
