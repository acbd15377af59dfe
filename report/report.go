package report

import (
	"context"
	"io"

	"github.com/selu-tool/selu/solver"
)

// A Report is everything the page shows, computed by Build: the plots'
// samples, the certificate, the Monte Carlo runs. Render writes it as
// HTML and computes nothing more.
type Report struct {
	d   *reportData
	res *solver.Result
}

// Build computes everything the report for c.Result shows: it samples the
// layer map over grids (package mapping), solves the other weight
// convention for a target with μ* ≠ 0, proves the certificate unless
// c.Verify.Off (package verify) and runs the Monte Carlo networks unless
// c.MC.Off (package montecarlo). It returns an error, before any long
// computation, for a missing result or out-of-range sizes, and ctx's error
// if ctx is cancelled.
func Build(ctx context.Context, c Config) (*Report, error) {
	d, err := build(ctx, c)
	if err != nil {
		return nil, err
	}
	return &Report{d: d, res: c.Result}, nil
}

// Render writes the report as one self-contained HTML document.
func (r *Report) Render(w io.Writer) error { return render(w, r.d) }

// Result returns the solved target the report was built for.
func (r *Report) Result() *solver.Result { return r.res }

// Certified reports whether the interval-arithmetic certificate proved
// contraction around the fixed point; computed is false when no
// certificate was attempted (Config.Verify.Off, or random weights, which
// the certificate does not cover).
func (r *Report) Certified() (certified, computed bool) {
	if c := r.d.Verdict.Certified; c != nil {
		return *c, true
	}
	return false, false
}
