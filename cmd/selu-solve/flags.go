package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/selu-tool/selu/solver"
)

// newFlagSet returns a flag set that reports errors instead of exiting and
// prints its usage to stderr. The standard library's flag package accepts
// both -name and --name.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args into fs. Flag errors become usage errors (exit 2)
// with a one-line message; -h yields flag.ErrHelp (exit 0). Positional
// arguments are refused.
func parseFlags(fs *flag.FlagSet, args []string) error {
	out := fs.Output()
	fs.SetOutput(io.Discard) // we print the one-line error ourselves
	err := fs.Parse(args)
	fs.SetOutput(out)
	if err == flag.ErrHelp {
		fs.Usage()
		return err
	}
	if err != nil {
		return usageError{fmt.Errorf("%s: %v (run 'selu-solve help %s' for the flags)", fs.Name(), err, fs.Name())}
	}
	if fs.NArg() > 0 {
		return badInput("%s: unexpected argument %q (flags are written --name value)", fs.Name(), fs.Arg(0))
	}
	return nil
}

// setFlags reports which flags were given explicitly on the command line.
func setFlags(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// finite checks that the flag value v is a finite number.
func finite(name string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return badInput("--%s must be a finite number, got %v", name, v)
	}
	return nil
}

// positive checks that v is finite and > 0.
func positive(name string, v float64) error {
	if err := finite(name, v); err != nil {
		return err
	}
	if v <= 0 {
		return badInput("--%s must be > 0, got %v", name, v)
	}
	return nil
}

// nonNegative checks that v is finite and >= 0.
func nonNegative(name string, v float64) error {
	if err := finite(name, v); err != nil {
		return err
	}
	if v < 0 {
		return badInput("--%s must be >= 0, got %v", name, v)
	}
	return nil
}

// firstError returns the first non-nil error.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// parseRange parses "a:b" with finite a <= b.
func parseRange(name, s string) (lo, hi float64, err error) {
	a, b, ok := strings.Cut(s, ":")
	if !ok {
		return 0, 0, badInput("--%s must be lo:hi, got %q", name, s)
	}
	lo, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	hi, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil || math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return 0, 0, badInput("--%s must be lo:hi with finite numbers, got %q", name, s)
	}
	if lo > hi {
		return 0, 0, badInput("--%s must have lo <= hi, got %q", name, s)
	}
	return lo, hi, nil
}

// writeJSON writes v as indented JSON followed by a newline. Floats are
// written in the shortest form that round-trips, i.e. at full float64
// precision.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// parseProblem parses the target and weight flags (--mean, --var, --omega,
// --tau) as exact decimals, the form solver.Solve takes; τ must be > 0.
func parseProblem(mean, variance, omega, tau string) (t solver.Target, om, ta *big.Rat, err error) {
	t, err = solver.ParseTarget(mean, variance)
	if err != nil {
		return t, nil, nil, usageError{flagError(err)}
	}
	om, err = solver.ParseDecimal(omega)
	if err != nil {
		return t, nil, nil, badInput("--omega: %v", err)
	}
	ta, err = solver.ParseDecimal(tau)
	if err != nil {
		return t, nil, nil, badInput("--tau: %v", err)
	}
	if ta.Sign() <= 0 {
		return t, nil, nil, badInput("--tau must be > 0, got %s", tau)
	}
	return t, om, ta, nil
}

// jsonNumber is a float64 written as a JSON number, or null when it is not
// finite (JSON has no NaN or Inf).
type jsonNumber float64

func (x jsonNumber) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}
