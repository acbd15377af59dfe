package sweep

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/solver"
)

// A Row is the outcome for one target of a grid. It keeps what the outputs
// need, not the whole solver.Result, so that a grid of MaxTargets targets
// fits in a few hundred megabytes.
type Row struct {
	// MeanIndex and VarIndex locate the target on the grid's axes
	// (Table.Target gives the exact target).
	MeanIndex, VarIndex int
	// Feasible reports whether a SELU with λ > 0, α > 0 has the target as
	// fixed point. The fields below are zero if not.
	Feasible bool
	// Lambda, Alpha and AlphaPrime are λ, α and α' = −λα, each the exact
	// value correctly rounded to Table.Digits significant digits, in the
	// layout of solver.Result.Text (positional when the decimal exponent
	// is in [−5, Digits), else d.ddd…e±XX).
	Lambda, Alpha, AlphaPrime string
	// Constants are λ and α rounded to float64.
	Constants mapping.Constants
	// Stability is the stability of the fixed point (solver.Result.Stability):
	// the Jacobian H of g (Eq. 87), its spectral norm S and radius ρ.
	Stability mapping.Stability
	// Reason explains an infeasible target: the solver's message, with
	// the feasible means for the target's variance.
	Reason string
}

// Stable reports whether the target is feasible and its fixed point is
// locally stable (ρ < 1).
func (r Row) Stable() bool { return r.Feasible && r.Stability.Stable() }

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

// Target returns the exact target of row k.
func (t *Table) Target(k int) solver.Target { return t.Grid.Target(k) }

// Run solves every target of g and returns the rows in grid order
// (mean-major). An infeasible target gives a row with Feasible false and
// the solver's explanation in Reason; any other solver error stops the
// sweep and is returned with its target (the first in grid order among
// those that failed). Run stops early, returning ctx.Err(), if ctx is
// cancelled.
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
				row := Row{MeanIndex: i, VarIndex: j}
				res, err := solver.Solve(t, &so)
				var inf *solver.InfeasibleError
				switch {
				case err == nil:
					row.Feasible = true
					row.Lambda, row.Alpha, row.AlphaPrime = res.Text(res.Lambda), res.Text(res.Alpha), res.Text(res.AlphaPrime)
					row.Constants = res.Constants
					row.Stability = res.Stability
				case errors.As(err, &inf):
					row.Reason = inf.Error()
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
