package sweep

import (
	"context"
	"time"
)

// A Cost is an estimate of what a sweep will take, from solving a few of
// its targets (Estimate).
type Cost struct {
	Targets int // targets of the grid
	Workers int // goroutines the sweep will use
	Sampled int // targets solved (and certified) for the estimate

	// PerTarget is the mean wall time of one sampled target on one
	// goroutine.
	PerTarget time.Duration
	// Time is the estimated wall time of the sweep,
	// PerTarget·Targets/Workers: the workers scale perfectly only on idle
	// cores, so read it as a lower bound on a loaded machine.
	Time time.Duration
	// CSVBytes and JSONBytes are the estimated sizes of the output in the
	// two formats: the sampled rows' mean size times Targets, plus the
	// header.
	CSVBytes, JSONBytes int64
}

// Estimate solves up to three targets of g (the first, the middle and the
// last) one after the other under the options o, and extrapolates the
// time and output size of the whole sweep. The cost of a target grows
// steeply with the digits (about D² to D³) and varies little across a
// grid at fixed digits; infeasible targets are cheaper, so a grid that is
// mostly infeasible is overestimated. With Options.Certify the sampled
// targets are certified too, and five are sampled (the first, the
// quartiles and the last): a certificate costs from 0.02 s to a few
// seconds depending on the target (most near ρ = 1 and at large
// variances), so that estimate is rougher, within a factor of a few.
// Estimate returns the solver's error for a sampled target other than
// infeasibility, or ctx.Err().
func Estimate(ctx context.Context, g Grid, o *Options) (Cost, error) {
	n := g.Len()
	so, workers, certify := o.resolve()
	c := Cost{Targets: n, Workers: min(workers, max(n, 1))}
	if n == 0 {
		return c, nil
	}
	ks := []int{0}
	more := []int{n / 2, n - 1}
	if certify {
		more = []int{n / 4, n / 2, 3 * n / 4, n - 1}
	}
	for _, k := range more {
		if k != ks[len(ks)-1] {
			ks = append(ks, k)
		}
	}
	t := NewTable(g, o)
	var csvHead, jsonHead, csvRows, jsonRows countWriter
	cw, _ := NewRowWriter(&csvRows, t, CSV)
	jw, _ := NewRowWriter(&jsonRows, t, JSON)
	var total time.Duration
	for _, k := range ks {
		if err := ctx.Err(); err != nil {
			return c, err
		}
		start := time.Now()
		r, err := solveRow(g, k, &so, certify)
		total += time.Since(start)
		if err != nil {
			return c, err
		}
		cw.Write(r)
		jw.Write(r)
		c.Sampled++
	}
	cw.Close()
	jw.Close()
	// Sizes: the header and the end from an empty table, the rows by
	// difference.
	empty := NewTable(g, o)
	ce, _ := NewRowWriter(&csvHead, empty, CSV)
	je, _ := NewRowWriter(&jsonHead, empty, JSON)
	ce.Close()
	je.Close()
	perCSV := float64(csvRows.n-csvHead.n) / float64(c.Sampled)
	perJSON := float64(jsonRows.n-jsonHead.n) / float64(c.Sampled)
	c.CSVBytes = csvHead.n + int64(perCSV*float64(n))
	c.JSONBytes = jsonHead.n + int64(perJSON*float64(n))
	c.PerTarget = total / time.Duration(c.Sampled)
	c.Time = time.Duration(float64(c.PerTarget) * float64(n) / float64(c.Workers))
	return c, nil
}

// countWriter counts the bytes written to it.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}
