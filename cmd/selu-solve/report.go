package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/selu-tool/selu/internal/atomicfile"
	"github.com/selu-tool/selu/report"
	"github.com/selu-tool/selu/solver"
)

func init() {
	register(command{
		name:    "report",
		summary: "write a self-contained HTML report for a target",
		run:     runReport,
	})
}

const reportSynopsis = `selu-solve report [--mean M --var V] [--omega W --tau T | --weights lecun|gain=G] [-o report.html] [--mc-width N --mc-depth L ...]

Writes one HTML file that works offline: the solved λ, α, α' with a verdict,
the layer map's vector field and basin of attraction, the variance map and
the contraction maps, stability at the fixed point, the feasible targets,
Monte Carlo networks against the map's prediction, the alpha-dropout table
with code for PyTorch, Keras and JAX, and how the report was made.`

// runReport implements "selu-solve report".
func runReport(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("report", reportSynopsis, stderr)
	mean := fs.String("mean", "0", "target mean μ* (exact: 0.1 or 1/3)")
	variance := fs.String("var", "1", "target variance ν* (exact, > 0)")
	omega := fs.String("omega", "0", "weights' ω = Σw (exact: 0.1 or 1/3); 0 is the paper's convention")
	tau := fs.String("tau", "1", "weights' τ = Σw² (exact, > 0)")
	weights := fs.String("weights", "exact", weightsUsage)
	notebook := fs.Bool("notebook", false, "use the authors' notebook convention ω = 1, τ = 1 (fixed points are typically unstable)")
	digits := fs.Int("digits", 30, "significant digits of λ, α, α' and the dropout table")
	out := fs.String("o", "report.html", "output file (- for standard output)")
	grid := fs.Int("grid", 0, "cells per axis of the heat maps (0: the defaults, 150 for S and ρ, 100 for the basin)")
	steps := fs.Int("steps", 0, "maximum iterations of the map from each start of the basin (0: 500)")
	mcWidth := fs.Int("mc-width", 256, "Monte Carlo: units per layer")
	mcDepth := fs.Int("mc-depth", 32, "Monte Carlo: number of layers")
	mcBatch := fs.Int("mc-batch", 128, "Monte Carlo: inputs per network")
	mcSeed := fs.Uint64("mc-seed", 1, "Monte Carlo: random seed (same seed, same numbers)")
	mcDropout := realFlag(fs, "mc-dropout", 0.1, "Monte Carlo: alpha-dropout rate of the dropout networks")
	noMC := fs.Bool("no-mc", false, "skip the Monte Carlo networks")
	noVerify := fs.Bool("no-verify", false, "skip the interval-arithmetic certificate")
	verifyBoxes := fs.Int("verify-boxes", 0, "certificate: maximum boxes (0: 20000, a few seconds)")
	verifyTimeout := fs.Duration("verify-timeout", 0, "certificate: time limit, e.g. 30s (0: none; a result cut short by time depends on the machine)")
	asJSON := fs.Bool("json", false, "print a JSON summary of the written report instead of one line")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	set := setFlags(fs)
	if *notebook {
		if set["omega"] || set["tau"] {
			return badInput("report: --notebook sets ω = 1, τ = 1; do not combine it with --omega or --tau")
		}
		*omega, *tau = "1", "1"
	}
	if err := firstError(
		reportIntIn("digits", *digits, 1, 1000),
		reportIntIn("grid", *grid, 0, 1000),
		func() error {
			if *grid > 0 && *grid < 8 {
				return badInput("--grid must be 0 (the defaults) or from 8 to 1000, got %d", *grid)
			}
			return nil
		}(),
		reportIntIn("steps", *steps, 0, 100000),
		reportIntIn("mc-width", *mcWidth, 2, 4096),
		reportIntIn("mc-depth", *mcDepth, 1, 1000),
		reportIntIn("mc-batch", *mcBatch, 2, 1<<16),
		finite("mc-dropout", *mcDropout),
		reportIntIn("verify-boxes", *verifyBoxes, 0, 1<<30),
		func() error {
			if *verifyTimeout < 0 {
				return badInput("--verify-timeout must be >= 0, got %v", *verifyTimeout)
			}
			return nil
		}(),
	); err != nil {
		return err
	}
	if !(*mcDropout > 0 && *mcDropout < 1) {
		return badInput("--mc-dropout must be > 0 and < 1, got %v", *mcDropout)
	}
	if *out == "" {
		return badInput("-o must name a file, or - for standard output")
	}
	// The numbers with the grammar of every command (an empty value is an
	// error, not the default), and the output's directory, before any work.
	w, err := parseWeights(*weights)
	if err != nil {
		return err
	}
	t, om, ta, err := parseProblem(*mean, *variance, *omega, *tau)
	if err != nil {
		return err
	}
	if *out != "-" {
		if err := atomicfile.Check(*out); err != nil {
			return usageError{fmt.Errorf("report: %w", err)}
		}
	}
	res, err := solveWeights(t, om, ta, w, set["omega"] || set["tau"] || *notebook, solver.Options{Digits: *digits, DropoutRates: []float64{0.01, 0.05, 0.1, 0.2}})
	if err != nil {
		return solverError(err, map[string]string{"mean": *mean, "var": *variance, "omega": *omega, "tau": *tau})
	}
	cfg := report.Config{
		Result:    res,
		Version:   programVersion(),
		GridN:     *grid,
		FeasibleN: *grid,
		BasinN:    min(*grid, 120),
		MaxSteps:  *steps,
		MC: report.MCConfig{
			Off: *noMC, Width: *mcWidth, Depth: *mcDepth, Batch: *mcBatch,
			Seed: *mcSeed, DropoutRate: *mcDropout,
		},
		Verify:      report.VerifyConfig{Off: *noVerify, MaxBoxes: *verifyBoxes, Timeout: *verifyTimeout},
		CommandLine: reportCommandLine(append([]string{"selu-solve", "report"}, args...)),
	}
	start := time.Now()
	rep, err := report.Build(context.Background(), cfg)
	if err != nil {
		return usageError{err}
	}
	var buf bytes.Buffer
	if err := rep.Render(&buf); err != nil {
		return err
	}
	elapsed := time.Since(start)
	if *out == "-" {
		_, err := buf.WriteTo(stdout)
		return err
	}
	size := buf.Len()
	if err := atomicfile.WriteFile(*out, buf.Bytes(), 0o666); err != nil {
		return usageError{fmt.Errorf("report: %w", err)}
	}
	if *asJSON {
		type summary struct {
			Output     string  `json:"output"`
			Bytes      int     `json:"bytes"`
			Seconds    float64 `json:"seconds"`
			Mean       string  `json:"mean"`
			Var        string  `json:"var"`
			Lambda     string  `json:"lambda"`
			Alpha      string  `json:"alpha"`
			AlphaPrime string  `json:"alpha_prime"`
			Stable     bool    `json:"stable"`
			Certified  *bool   `json:"certified"`
		}
		var cert *bool
		if c, ok := rep.Certified(); ok {
			cert = &c
		}
		return writeJSON(stdout, summary{
			Output: *out, Bytes: size, Seconds: elapsed.Seconds(),
			Mean: ratText(res.Target.Mean), Var: ratText(res.Target.Var),
			Lambda: res.Text(res.Lambda), Alpha: res.Text(res.Alpha), AlphaPrime: res.Text(res.AlphaPrime),
			Stable: res.Stable(), Certified: cert,
		})
	}
	fmt.Fprintf(stdout, "wrote %s (%.2f MB) in %.1f s\n", *out, float64(size)/(1<<20), elapsed.Seconds())
	return nil
}

// reportIntIn checks that the flag value v lies in [lo, hi].
func reportIntIn(name string, v, lo, hi int) error {
	if v < lo || v > hi {
		return badInput("--%s must be from %d to %d, got %d", name, lo, hi, v)
	}
	return nil
}

// reportCommandLine joins args into a command line a POSIX shell reads back to
// the same arguments.
func reportCommandLine(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		if a != "" && strings.Trim(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=.,/:+@") == "" {
			q[i] = a
			continue
		}
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}
