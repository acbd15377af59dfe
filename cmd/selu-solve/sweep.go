package main

import (
	"context"
	"fmt"
	"io"
	"os"
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

const sweepSynopsis = `selu-solve sweep --mean a:b:step --var a:b:step [--omega W --tau T] [--digits D] [--certify] [--format csv|json] [-o FILE] [--html FILE] [--max-time DURATION]

Solves λ, α, α' = −λα for every target (mean, var) of the grid, in parallel
over GOMAXPROCS cores, and writes one row per target with the columns
mean, var, feasible, lambda, alpha, alpha_prime, spectral_norm,
spectral_radius, stable. Rows are in mean-major order (all variances of the
first mean, then the next mean) and are written as they are solved, so the
memory used does not grow with the grid. Grid values are exact decimals: a,
a+step, ..., up to b inclusive (a point at most 1e-9 steps beyond b still
counts); a single value v is the one-point axis. An infeasible target is a
row with feasible = false, not an error. At most 1000000 targets.

--certify adds, for every feasible target, the certificate that
selu-solve verify --mean M --var V gives (its box search and proof of a
unique attracting fixed point, Theorem 1 of the paper for the target):
the columns certified (true/false), certified_scale (the fraction of
Theorem 1's widths ω ± 0.1, τ·[0.95, 1.1] around the weights that was
certified: 1 as asked, 0 not certified), the box certified_mu,
certified_omega, certified_nu, certified_tau (lo:hi), certified_norm
("2" or the matrix P of the weighted norm), certified_bound (the proven
contraction constant, rounded up) and certified_pieces (1 for a single
box; more when the (ω, τ) ranges were split into pieces, each with a box
of its own, the box columns then giving their hull). It is off by default: a certificate
takes 0.02 s to a few seconds per target, the constants milliseconds.

Before starting, the time is estimated by solving three targets of the
grid (five with --certify, certified too); a sweep estimated to take longer than --max-time (default 1h) is
refused with the estimate, and runs when given a larger --max-time.

-o FILE and --html FILE each take a file name: --html writes a page with
heat maps of λ, α, ρ, S and χ over the grid and the feasibility edge (styled like
selu-solve report) in addition to the table, which goes to -o FILE or to
standard output (also -o -). Both destinations are checked and opened before the work
starts; a file is replaced only when the sweep has succeeded.`

// defaultMaxTime is the longest sweep run without an explicit --max-time.
const defaultMaxTime = time.Hour

func runSweep(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("sweep", sweepSynopsis, stderr)
	mean := fs.String("mean", "", "means a:b:step (exact decimals), or one value")
	variance := fs.String("var", "", "variances a:b:step (exact decimals, > 0), or one value")
	omega := fs.String("omega", "0", "ω = Σw of a unit's weights (exact decimal or fraction p/q)")
	tau := fs.String("tau", "1", "τ = Σw² of a unit's weights, > 0 (exact decimal or fraction p/q, e.g. 1/3)")
	digits := fs.Int("digits", solver.DefaultDigits, fmt.Sprintf("significant digits of λ, α, α' (1 to %d)", solver.MaxDigits))
	format := fs.String("format", "csv", "output format: csv or json")
	out := fs.String("o", "", "write the table to `FILE` (atomically) instead of standard output")
	html := fs.String("html", "", "also write an HTML page of heat maps to `FILE`")
	certify := fs.Bool("certify", false, "certify each feasible target's fixed point as verify --mean M --var V does (slow: 0.02 s to seconds per target)")
	maxTime := fs.Duration("max-time", defaultMaxTime, "refuse a sweep estimated to take longer than this (e.g. 30m, 12h)")
	if err := fileFlagsTakeNames(args, "o", "html"); err != nil {
		return err
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	set := setFlags(fs)
	// An empty file name, or the page on standard output (which carries
	// the table), is refused rather than ignored or written to a file
	// called "-"; "-o -" is standard output, the default.
	switch {
	case set["o"] && *out == "":
		return badInput("sweep: -o needs a file name (-, or no -o, for standard output)")
	case set["html"] && *html == "":
		return badInput("sweep: --html needs a file name")
	case *html == "-":
		return badInput("sweep: --html - would mix the page with the table on standard output; name a file (./- for a file called -)")
	case *out == "-":
		*out = ""
	}
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
	if *maxTime <= 0 {
		return badInput("--max-time must be > 0, got %v", *maxTime)
	}
	if *html != "" && (ma.Len() < 2 || va.Len() < 2) {
		return badInput("--html needs at least 2 means and 2 variances for its heat maps, got %d × %d", ma.Len(), va.Len())
	}
	if *out != "" && *out == *html {
		return badInput("-o and --html name the same file %q", *out)
	}
	// Reject an unusable destination (a directory, a missing directory)
	// before the work, not after.
	for _, f := range []struct{ flag, name string }{{"-o", *out}, {"--html", *html}} {
		if f.name != "" {
			if err := atomicfile.Check(f.name); err != nil {
				return badInput("sweep: %s %s: %v", f.flag, f.name, err)
			}
		}
	}

	opts := &sweep.Options{Solver: &solver.Options{Omega: om, Tau: ta, Digits: *digits}, Certify: *certify}
	if grid.Len() > 3 {
		cost, err := sweep.Estimate(context.Background(), grid, opts)
		if err != nil {
			return usageError{err}
		}
		if cost.Time > *maxTime {
			size := cost.CSVBytes
			if *format == "json" {
				size = cost.JSONBytes
			}
			what, drop := "", ""
			if *certify {
				what, drop = ", certified", "drop --certify, "
			}
			return badInput("sweep: estimated %s for %d targets at %d digits%s (%s per target on %d workers, from %d solved) and %s of %s, over --max-time %s; use fewer targets or digits, %sor pass --max-time %s",
				roundDuration(cost.Time), cost.Targets, *digits, what, roundDuration(cost.PerTarget), cost.Workers, cost.Sampled,
				byteSize(size), strings.ToUpper(*format), *maxTime, drop, roundDuration(cost.Time*3/2))
		}
	}

	// Open the destinations now, so that a file that cannot be created
	// fails before the work; they are committed only after it succeeded.
	var outFile, htmlFile *atomicfile.File
	defer func() {
		for _, f := range []*atomicfile.File{outFile, htmlFile} {
			if f != nil {
				f.Abort() // no-op after Commit
			}
		}
	}()
	dst := stdout
	if *out != "" {
		if outFile, err = atomicfile.Create(*out, 0o666); err != nil {
			return badInput("sweep: -o: %v", err)
		}
		dst = outFile
	}
	if *html != "" {
		if htmlFile, err = atomicfile.Create(*html, 0o666); err != nil {
			return badInput("sweep: --html: %v", err)
		}
	}

	header := sweep.NewTable(grid, opts)
	f := sweep.CSV
	if *format == "json" {
		f = sweep.JSON
	}
	rw, err := sweep.NewRowWriter(dst, header, f)
	if err != nil {
		return err
	}
	// The heat maps need every row's float64 values but not its digits:
	// the page's table keeps rows without their decimal strings, a few
	// hundred bytes per target whatever --digits is.
	var page *sweep.Table
	if htmlFile != nil {
		page = sweep.NewTable(grid, opts)
		page.Rows = make([]sweep.Row, 0, grid.Len())
	}
	if isTerminal(stderr) && grid.Len() >= 100 {
		opts.Progress = progressLine(stderr, grid.Len())
	}
	err = sweep.Stream(context.Background(), grid, opts, func(_ int, r sweep.Row) error {
		if err := rw.Write(r); err != nil {
			return fmt.Errorf("sweep: writing the table: %w", err)
		}
		if page != nil {
			r.Lambda, r.Alpha, r.AlphaPrime, r.Reason = "", "", "", ""
			if c := r.Certificate; c != nil {
				cc := *c
				cc.Reason = ""
				r.Certificate = &cc
			}
			page.Rows = append(page.Rows, r)
		}
		return nil
	})
	if opts.Progress != nil {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if err == nil {
		err = rw.Close()
	}
	if err != nil {
		return usageError{err}
	}
	if page != nil {
		if err := report.RenderSweep(htmlFile, page); err != nil {
			return err
		}
	}
	if outFile != nil {
		if err := outFile.Commit(); err != nil {
			return badInput("sweep: -o: %v", err)
		}
	}
	if htmlFile != nil {
		if err := htmlFile.Commit(); err != nil {
			return badInput("sweep: --html: %v", err)
		}
	}
	return nil
}

// fileFlagsTakeNames refuses a file flag (one of names, written -name or
// --name) whose value looks like a flag: in "--html -o page.html" the flag
// package would take "-o" as the page's file name and then stop at
// "page.html". Values given as --name=value are taken as written.
func fileFlagsTakeNames(args []string, names ...string) error {
	for i := 0; i+1 < len(args); i++ {
		a := args[i]
		if a == "--" {
			return nil
		}
		if !strings.HasPrefix(a, "-") || strings.Contains(a, "=") {
			continue
		}
		name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		for _, n := range names {
			if name == n && len(args[i+1]) > 1 && strings.HasPrefix(args[i+1], "-") {
				return badInput("sweep: %s takes a file name, but the next argument is %q, a flag; write %s FILE (e.g. --html page.html -o table.csv)", a, args[i+1], a)
			}
		}
	}
	return nil
}

// roundDuration rounds d to about 2 significant figures for messages.
func roundDuration(d time.Duration) time.Duration {
	for _, u := range []time.Duration{time.Hour, time.Minute, time.Second, time.Millisecond, time.Microsecond} {
		if d >= 10*u {
			return d.Round(u)
		}
	}
	return d
}

// byteSize formats n bytes as kB, MB, GB (powers of 1000).
func byteSize(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.3g GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.3g MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.3g kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d bytes", n)
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
