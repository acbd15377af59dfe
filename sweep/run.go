package sweep

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"runtime"
	"sync"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/solver"
)

// A Row is the outcome for one target of a grid. It keeps what the outputs
// need, not the whole solver.Result. At D digits a feasible row holds
// about 3D bytes of decimal strings; Stream passes rows on as they are
// solved, so that only a window of them is in memory at a time.
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

	// Certificate is verify.Certify's answer for a feasible row when
	// Options.Certify is set (nil otherwise, and for infeasible rows).
	Certificate *Certification

	// A new per-target result is a field here, filled in solveRow, and a
	// column in columns (write.go); the writers pick it up from there.
}

// Stable reports whether the target is feasible and its fixed point is
// locally stable (ρ < 1).
func (r Row) Stable() bool { return r.Feasible && r.Stability.Stable() }

// Options configure Run and Stream.
type Options struct {
	// Solver holds the weights ω, τ and the number of digits for every
	// target; its DropoutRates are ignored. nil means the solver's defaults.
	Solver *solver.Options
	// Workers is the number of goroutines; 0 means runtime.GOMAXPROCS(0).
	Workers int
	// Certify runs verify.Certify for every feasible target, as
	// `selu-solve verify --mean M --var V` does (Row.Certificate): a box
	// search and a proof of the fixed point on it, 0.02 s to a few seconds
	// per target, against milliseconds for the constants at the default
	// digits. The answer does not depend on the workers or the machine.
	Certify bool
	// Progress, if not nil, is called after each solved target with the
	// number done so far and the total, from the worker goroutines (it
	// must be safe for concurrent use).
	Progress func(done, total int)
}

// resolve returns the solver options of o with the dropout rates removed,
// and the number of workers.
func (o *Options) resolve() (solver.Options, int, bool) {
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
	return so, workers, opts.Certify
}

// A Table is the outcome of a sweep: one row per target, in grid order.
type Table struct {
	Grid       Grid
	Omega, Tau *big.Rat // the weights ω = Σw, τ = Σw² used for every target
	Digits     int      // significant digits of λ, α, α'
	Rows       []Row    // Rows[k] is target k of Grid (mean-major)
	// Certify is set when the rows carry certificates (Options.Certify);
	// the CSV and JSON outputs then have their columns.
	Certify bool
}

// Target returns the exact target of row k.
func (t *Table) Target(k int) solver.Target { return t.Grid.Target(k) }

// NewTable returns the table of g under the options o with no rows yet:
// the grid, the weights and the digits that every row will have (the
// solver's defaults where o leaves them unset). A RowWriter needs it
// before Stream delivers the rows.
func NewTable(g Grid, o *Options) *Table {
	so, _, cert := o.resolve()
	t := &Table{Grid: g, Omega: so.Omega, Tau: so.Tau, Digits: so.Digits, Certify: cert}
	if t.Omega == nil {
		t.Omega = new(big.Rat)
	}
	if t.Tau == nil {
		t.Tau = big.NewRat(1, 1)
	}
	if t.Digits == 0 {
		t.Digits = solver.DefaultDigits
	}
	return t
}

// solveRow solves target k of g, and certifies its fixed point if
// certify is set.
func solveRow(g Grid, k int, so *solver.Options, certify bool) (Row, error) {
	i, j := g.Index(k)
	t := g.Target(k)
	row := Row{MeanIndex: i, VarIndex: j}
	res, err := solver.Solve(t, so)
	var inf *solver.InfeasibleError
	switch {
	case err == nil:
		row.Feasible = true
		row.Lambda, row.Alpha, row.AlphaPrime = res.Text(res.Lambda), res.Text(res.Alpha), res.Text(res.AlphaPrime)
		row.Constants = res.Constants
		row.Stability = res.Stability
		if certify {
			mu, _ := t.Mean.Float64()
			nu, _ := t.Var.Float64()
			certifyRow(&row, mapping.Point{Mean: mu, Var: nu}, res.Weights)
		}
	case errors.As(err, &inf):
		row.Reason = inf.Error()
	default:
		return row, fmt.Errorf("sweep: target %v: %w", t, err)
	}
	return row, nil
}

// Run solves every target of g and returns the rows in grid order
// (mean-major), all in memory; Stream passes them on instead. An
// infeasible target gives a row with Feasible false and the solver's
// explanation in Reason; any other solver error stops the sweep and is
// returned with its target (the first in grid order among those that
// failed). Run stops early, returning ctx.Err(), if ctx is cancelled.
func Run(ctx context.Context, g Grid, o *Options) (*Table, error) {
	t := NewTable(g, o)
	rows := make([]Row, 0, g.Len())
	if err := Stream(ctx, g, o, func(_ int, r Row) error {
		rows = append(rows, r)
		return nil
	}); err != nil {
		return nil, err
	}
	t.Rows = rows
	return t, nil
}

// windowPerWorker bounds the rows that Stream holds: at most
// windowPerWorker·workers targets are handed out beyond the last row
// passed on.
const windowPerWorker = 16

// Stream solves every target of g over the workers of o and calls emit
// with each row in grid order (k = 0, 1, …, g.Len()−1), from the calling
// goroutine, as soon as it and every row before it are solved. At most
// 16 rows per worker are held at a time, so memory does not grow with the
// grid. An infeasible target is a row, as in Run; any other solver error
// stops the sweep after the rows before its target have been passed on,
// and is returned. An error from emit stops the sweep and is returned as
// is. Stream stops early, returning ctx.Err(), if ctx is cancelled.
func Stream(ctx context.Context, g Grid, o *Options, emit func(k int, r Row) error) error {
	n := g.Len()
	if n == 0 {
		return fmt.Errorf("sweep: empty grid")
	}
	so, workers, certify := o.resolve()
	var progress func(done, total int)
	if o != nil {
		progress = o.Progress
	}
	workers = min(workers, n)
	window := windowPerWorker * workers

	type slot struct {
		row  Row
		err  error
		done bool
	}
	ring := make([]slot, window)
	var (
		mu        sync.Mutex
		cond      = sync.NewCond(&mu)
		next      int  // next target to hand out
		emitted   int  // rows passed on
		stopped   bool // set on cancellation or error
		doneCount int
	)
	stop := func() {
		mu.Lock()
		stopped = true
		cond.Broadcast()
		mu.Unlock()
	}
	defer context.AfterFunc(ctx, stop)()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				for !stopped && next < n && next >= emitted+window {
					cond.Wait()
				}
				if stopped || next >= n {
					mu.Unlock()
					return
				}
				k := next
				next++
				mu.Unlock()

				row, err := solveRow(g, k, &so, certify)

				mu.Lock()
				ring[k%window] = slot{row: row, err: err, done: true}
				doneCount++
				d := doneCount
				cond.Broadcast()
				mu.Unlock()
				if err == nil && progress != nil {
					progress(d, n)
				}
			}
		}()
	}
	defer func() {
		stop()
		wg.Wait()
	}()

	for k := range n {
		mu.Lock()
		for !stopped && !ring[k%window].done {
			cond.Wait()
		}
		if stopped {
			mu.Unlock()
			if err := ctx.Err(); err != nil {
				return err
			}
			return fmt.Errorf("sweep: stopped") // not reached: only ctx and errors below stop
		}
		s := ring[k%window]
		ring[k%window] = slot{}
		emitted++
		cond.Broadcast()
		mu.Unlock()
		if s.err != nil {
			return s.err
		}
		if err := emit(k, s.row); err != nil {
			return err
		}
	}
	return ctx.Err()
}
