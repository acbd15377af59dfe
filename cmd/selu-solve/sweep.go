package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/selu-tool/selu/internal/atomicfile"
	"github.com/selu-tool/selu/report"
	"github.com/selu-tool/selu/solver"
	"github.com/selu-tool/selu/sweep"
)

func init() {
	register(command{
		name:    "sweep",
		summary: "solve λ, α for every target of a grid of means and variances (CSV, JSON, HTML)",
		run:     runSweep,
	})
}

const sweepSynopsis = `selu-solve sweep --mean a:b:step --var a:b:step [--omega W --tau T] [--digits D] [--format csv|json] [-o FILE] [--html FILE]

Solves λ, α, α' = −λα for every target (mean, var) of the grid, in parallel
over GOMAXPROCS cores, and writes one row per target with the columns
mean, var, feasible, lambda, alpha, alpha_prime, spectral_norm,
spectral_radius, stable. Rows are in mean-major order (all variances of the
first mean, then the next mean). Grid values are exact decimals: a, a+step,
..., up to b inclusive (a point at most 1e-9 steps beyond b still counts);
a single value v is the one-point axis. An infeasible target is a row with
feasible = false, not an error. At most 1000000 targets. --html writes a
page with heat maps of λ, α and ρ over the grid and the feasibility edge
(drawn by the report package, styled like selu-solve report).`

func runSweep(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("sweep", sweepSynopsis, stderr)
	mean := fs.String("mean", "", "means a:b:step (exact decimals), or one value")
	variance := fs.String("var", "", "variances a:b:step (exact decimals, > 0), or one value")
	omega := fs.String("omega", "0", "ω = Σw of a unit's weights (exact decimal or fraction p/q)")
	tau := fs.String("tau", "1", "τ = Σw² of a unit's weights, > 0 (exact decimal or fraction p/q, e.g. 1/3)")
	digits := fs.Int("digits", solver.DefaultDigits, fmt.Sprintf("significant digits of λ, α, α' (1 to %d)", solver.MaxDigits))
	format := fs.String("format", "csv", "output format: csv or json")
	out := fs.String("o", "", "write the table to FILE (atomically) instead of standard output")
	html := fs.String("html", "", "also write an HTML page of heat maps to FILE")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	set := setFlags(fs)
	if !set["mean"] || !set["var"] {
		return badInput("sweep: --mean and --var are required (a:b:step, e.g. --mean -0.5:0.5:0.1 --var 0.5:2:0.5)")
	}
	ma, err := sweep.ParseAxis(*mean)
	if err != nil {
		return badInput("--mean: %v", err)
	}
	va, err := sweep.ParseAxis(*variance)
	if err != nil {
		return badInput("--var: %v", err)
	}
	grid, err := sweep.NewGrid(ma, va)
	if err != nil {
		return usageError{err}
	}
	om, err := parseExact("omega", *omega)
	if err != nil {
		return err
	}
	ta, err := parseExact("tau", *tau)
	if err != nil {
		return err
	}
	if ta.Sign() <= 0 {
		return badInput("--tau must be > 0, got %s", strings.TrimSpace(*tau))
	}
	if *digits < 1 || *digits > solver.MaxDigits {
		return badInput("--digits must be between 1 and %d, got %d", solver.MaxDigits, *digits)
	}
	*format = strings.ToLower(strings.TrimSpace(*format))
	if *format != "csv" && *format != "json" {
		return badInput("--format must be csv or json, got %q", *format)
	}
	if *html != "" && (ma.Len() < 2 || va.Len() < 2) {
		return badInput("--html needs at least 2 means and 2 variances for its heat maps, got %d × %d", ma.Len(), va.Len())
	}
	if *out != "" && *out == *html {
		return badInput("-o and --html name the same file %q", *out)
	}
	// Reject an unwritable destination before the work, not after.
	for _, f := range []string{*out, *html} {
		if f != "" {
			if err := checkWritableDir(f); err != nil {
				return err
			}
		}
	}

	opts := &sweep.Options{Solver: &solver.Options{Omega: om, Tau: ta, Digits: *digits}}
	if isTerminal(stderr) && grid.Len() >= 100 {
		opts.Progress = progressLine(stderr, grid.Len())
	}
	tab, err := sweep.Run(context.Background(), grid, opts)
	if opts.Progress != nil {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if err != nil {
		return usageError{err}
	}

	var buf bytes.Buffer
	if *format == "json" {
		err = tab.WriteJSON(&buf)
	} else {
		err = tab.WriteCSV(&buf)
	}
	if err != nil {
		return err
	}
	if *out != "" {
		if err := atomicfile.WriteFile(*out, buf.Bytes(), 0o666); err != nil {
			return badInput("sweep: -o: %v", err)
		}
	} else if _, err := stdout.Write(buf.Bytes()); err != nil {
		return err
	}
	if *html != "" {
		var page bytes.Buffer
		if err := report.RenderSweep(&page, tab); err != nil {
			return err
		}
		if err := atomicfile.WriteFile(*html, page.Bytes(), 0o666); err != nil {
			return badInput("sweep: --html: %v", err)
		}
	}
	return nil
}

// checkWritableDir reports a one-line error if the directory of name does
// not exist.
func checkWritableDir(name string) error {
	dir := filepath.Dir(name)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return badInput("sweep: cannot write %s: directory %s does not exist", name, dir)
	}
	return nil
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressLine returns a Progress function that rewrites one status line
// on w at most ten times a second.
func progressLine(w io.Writer, total int) func(done, total int) {
	start := time.Now()
	var last time.Time
	mu := make(chan struct{}, 1) // a token: one printer at a time, others skip
	mu <- struct{}{}
	return func(done, _ int) {
		select {
		case <-mu:
		default:
			return // another worker is printing
		}
		defer func() { mu <- struct{}{} }()
		if now := time.Now(); done == total || now.Sub(last) > 100*time.Millisecond {
			last = now
			fmt.Fprintf(w, "\rsweep: %d/%d targets, %s", done, total, now.Sub(start).Round(time.Second))
		}
	}
}
