package report

import (
	"errors"
	"fmt"
	"time"

	"github.com/selu-tool/selu/solver"
)

// Config says what Build computes. Result is required; the zero value of
// every other field gives the default report. The grid sizes and the Monte
// Carlo sizes trade detail for time.
type Config struct {
	// Result is the solved target: the target (μ*, ν*), the weight
	// convention, λ, α and the dropout table, as solver.Solve (fixed
	// weight sums ω, τ) or solver.SolveLeCun (random weights N(0, τ/n))
	// return them. For a target with μ* ≠ 0 and ω = 0, Build solves the
	// other of the two conventions too, to show them side by side.
	Result *solver.Result

	// FieldN is the number of arrows per axis of the vector field (default
	// 17); GridN the number of cells per axis of the S and ρ maps (default
	// 150); BasinN of the basin of attraction (default 100) and FeasibleN of
	// the feasibility map (default 150). CurveN is the number of points of
	// the variance curve (default 300).
	FieldN, GridN, BasinN, FeasibleN, CurveN int
	// MaxSteps bounds the iterations of g from each start of the basin
	// (default 500).
	MaxSteps int

	// MC sizes the Monte Carlo networks; MC.Off skips them.
	MC MCConfig

	// Verify bounds the interval-arithmetic certificate of section 4;
	// Verify.Off skips it.
	Verify VerifyConfig

	// Tradeoff sizes the trade-off section (section 8); Tradeoff.Off skips
	// it.
	Tradeoff TradeoffConfig

	// CommandLine and Version (the program that made the report) are
	// recorded in section 9.
	CommandLine, Version string
}

// MCConfig sizes the Monte Carlo networks of section 6: networks of Depth
// layers of Width units (exact-row and, for ω = 0, random weights, each
// with and without alpha dropout at DropoutRate; for μ* ≠ 0 also the other
// convention's constants), fed Batch inputs drawn from N(μ* + 1, 2ν*), off
// the target, as selu-solve mc does.
type MCConfig struct {
	Off                 bool
	Width, Depth, Batch int     // defaults 256, 32, 128
	Seed                uint64  // default 1
	DropoutRate         float64 // default 0.1
}

// VerifyConfig bounds the certificate's work (package verify): MaxBoxes
// boxes (0: DefaultVerifyBoxes) and at most Timeout of wall time (0: no
// limit; a result cut short by the timeout depends on the machine, the box
// budget does not).
type VerifyConfig struct {
	Off      bool
	MaxBoxes int
	Timeout  time.Duration
}

// TradeoffConfig sizes the report's trade-off section, the figures of
// TradeoffSection for the report's target: CurvePoints variances on each
// curve over ν* from 0.01 to 100 (default 41; the range is widened to
// contain the target) and MapPoints means and variances of the heat maps
// of χ and ξ_c (default 21, against 31 on the page of selu-solve compare,
// to keep the report quick).
type TradeoffConfig struct {
	Off                    bool
	CurvePoints, MapPoints int
}

// DefaultVerifyBoxes is the report's default box budget for the
// certificate: a few seconds of work. Proofs for ordinary targets need far
// fewer (under 2000 for (0, 4)); a target the prover cannot settle within
// the budget is reported as not certified, with the reason.
const DefaultVerifyBoxes = 20000

// Limits on the sizes Build accepts.
const (
	maxGrid     = 1000
	maxSteps    = 100000
	maxMCWidth  = 4096
	maxMCDepth  = 1000
	maxMCBatch  = 1 << 16
	maxMCVolume = 1 << 34 // width²·depth·batch, about a minute of work
)

// withDefaults returns c with zero fields replaced by their defaults, or an
// error naming the first invalid field.
func (c Config) withDefaults() (Config, error) {
	def := func(p *int, v int) {
		if *p == 0 {
			*p = v
		}
	}
	if c.Result == nil || c.Result.Lambda == nil {
		return c, errors.New("report: Config.Result is nil: solve the target first (solver.Solve or solver.SolveLeCun)")
	}
	def(&c.FieldN, 17)
	def(&c.GridN, 150)
	def(&c.BasinN, 100)
	def(&c.FeasibleN, 150)
	def(&c.CurveN, 300)
	def(&c.MaxSteps, 500)
	for _, f := range []struct {
		name   string
		v, min int
		max    int
	}{
		{"FieldN", c.FieldN, 2, 200},
		{"GridN", c.GridN, 2, maxGrid},
		{"BasinN", c.BasinN, 2, maxGrid},
		{"FeasibleN", c.FeasibleN, 2, maxGrid},
		{"CurveN", c.CurveN, 2, 100000},
		{"MaxSteps", c.MaxSteps, 1, maxSteps},
	} {
		if f.v < f.min || f.v > f.max {
			return c, fmt.Errorf("report: %s = %d: want %d to %d", f.name, f.v, f.min, f.max)
		}
	}
	if !c.MC.Off {
		m := &c.MC
		def(&m.Width, 256)
		def(&m.Depth, 32)
		def(&m.Batch, 128)
		if m.Seed == 0 {
			m.Seed = 1
		}
		if m.DropoutRate == 0 {
			m.DropoutRate = 0.1
		}
		for _, f := range []struct {
			name   string
			v, max int
		}{{"width", m.Width, maxMCWidth}, {"depth", m.Depth, maxMCDepth}, {"batch", m.Batch, maxMCBatch}} {
			if f.v < 1 || f.v > f.max {
				return c, fmt.Errorf("report: Monte Carlo %s = %d: want 1 to %d", f.name, f.v, f.max)
			}
		}
		if m.Width < 2 || m.Batch < 2 {
			return c, fmt.Errorf("report: Monte Carlo width %d and batch %d: want at least 2 each for standard errors", m.Width, m.Batch)
		}
		if vol := float64(m.Width) * float64(m.Width) * float64(m.Depth) * float64(m.Batch); vol > maxMCVolume {
			return c, fmt.Errorf("report: Monte Carlo width²·depth·batch = %.3g: want at most %.3g", vol, float64(maxMCVolume))
		}
		if !(m.DropoutRate > 0 && m.DropoutRate < 1) {
			return c, fmt.Errorf("report: Monte Carlo dropout rate %v: want 0 < rate < 1", m.DropoutRate)
		}
	}
	def(&c.Tradeoff.CurvePoints, 41)
	def(&c.Tradeoff.MapPoints, 21)
	def(&c.Verify.MaxBoxes, DefaultVerifyBoxes)
	if c.Verify.MaxBoxes < 0 || c.Verify.Timeout < 0 {
		return c, fmt.Errorf("report: certificate budget %d boxes, %v: want ≥ 0 each", c.Verify.MaxBoxes, c.Verify.Timeout)
	}
	return c, nil
}
