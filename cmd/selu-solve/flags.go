package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/selu-tool/selu/internal/decimal"
	"github.com/selu-tool/selu/solver"
)

// newFlagSet returns a flag set that reports errors instead of exiting.
// Its usage (the synopsis, then every flag) is written on -h to standard
// output by run; errors go to stderr. The standard library's flag package
// accepts both -name and --name.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s\n\nFlags:\n", synopsis)
		printFlags(fs.Output(), fs)
	}
	return fs
}

// printFlags writes one entry per flag of fs, sorted by name, in the form
//
//	--name type
//	      usage (default value)
//
// The default is left out when it is the zero value or when the usage
// text already says what the default is ("(default …" or "default: …").
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		typ, usage := flag.UnquoteUsage(f)
		if _, ok := f.Value.(realValue); ok && typ == "value" {
			typ = "number"
		}
		dash := "--"
		if len(f.Name) == 1 {
			dash = "-" // -o, as the synopses write it
		}
		fmt.Fprintf(w, "  %s%s", dash, f.Name)
		if typ != "" {
			fmt.Fprintf(w, " %s", typ)
		}
		fmt.Fprintf(w, "\n      %s", strings.ReplaceAll(usage, "\n", "\n      "))
		switch f.DefValue {
		case "", "0", "false", "0s":
		default:
			if !strings.Contains(usage, "(default") && !strings.Contains(usage, "default:") {
				fmt.Fprintf(w, " (default %s)", f.DefValue)
			}
		}
		fmt.Fprintln(w)
	})
}

// A helpRequest is returned by parseFlags for -h: the command's usage,
// which run writes to standard output (exit status 0).
type helpRequest struct {
	usage string // the whole usage text
	flags string // the flag list alone
}

func (helpRequest) Error() string { return "help requested" }
func (helpRequest) Unwrap() error { return flag.ErrHelp }

// A flagValueError is a flag whose value is refused: Flag is its name
// without dashes, Input the text as typed, Err the reason (a
// *decimal.SyntaxError for numbers, which quotes the input itself, or a
// phrase such as "must be > 0").
type flagValueError struct {
	Flag  string
	Input string
	Err   error
}

func (e *flagValueError) Error() string {
	var se *decimal.SyntaxError
	if errors.As(e.Err, &se) {
		return "--" + e.Flag + ": " + e.Err.Error()
	}
	return "--" + e.Flag + " " + e.Err.Error() + ", got " + decimal.Quote(e.Input)
}

func (e *flagValueError) Unwrap() error { return e.Err }

// countedValue wraps a flag's value during parsing: it counts how often
// the flag is given and records a refused value with its input.
type countedValue struct {
	flag.Value
	name string
	seen map[string]int
	bad  **flagValueError
}

func (v countedValue) Set(s string) error {
	v.seen[v.name]++
	if kind := flagKind(v.Value); strings.HasPrefix(kind, "whole number") && !isInteger(s) {
		// The flag package would also read 0x10, 0o17 and 1_000.
		err := errors.New("must be a " + kind + " written in decimal digits")
		*v.bad = &flagValueError{Flag: v.name, Input: s, Err: err}
		return err
	}
	if err := v.Value.Set(s); err != nil {
		switch err.Error() { // the flag package's errParse and errRange
		case "parse error":
			err = errors.New("must be a " + flagKind(v.Value))
		case "value out of range":
			err = errors.New("is out of range for a " + flagKind(v.Value))
		}
		*v.bad = &flagValueError{Flag: v.name, Input: s, Err: err}
		return err
	}
	return nil
}

// flagKind names what a flag value must be, for error messages.
func flagKind(v flag.Value) string {
	if g, ok := v.(flag.Getter); ok {
		switch g.Get().(type) {
		case bool:
			return "boolean (true or false)"
		case int, int64:
			return "whole number"
		case uint, uint64:
			return "whole number >= 0"
		case float64:
			return "number"
		case time.Duration:
			return "duration such as 30s or 2m"
		}
	}
	return "value"
}

// isInteger reports whether s is an optional sign and decimal digits.
func isInteger(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// countedBool keeps the "--flag" form (no value) of boolean flags.
type countedBool struct{ countedValue }

func (countedBool) IsBoolFlag() bool { return true }

// parseFlags parses args into fs. Flag errors become usage errors (exit 2)
// with a one-line message; -h yields a helpRequest (exit 0, usage on
// standard output). Positional arguments are refused, and so is a flag
// given twice: the flag package would silently keep the last value.
func parseFlags(fs *flag.FlagSet, args []string) error {
	seen := map[string]int{}
	var bad *flagValueError
	saved := map[string]flag.Value{}
	fs.VisitAll(func(f *flag.Flag) {
		saved[f.Name] = f.Value
		cv := countedValue{Value: f.Value, name: f.Name, seen: seen, bad: &bad}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			f.Value = countedBool{cv}
		} else {
			f.Value = cv
		}
	})
	out := fs.Output()
	fs.SetOutput(io.Discard) // we print the one-line error ourselves
	err := fs.Parse(args)
	fs.SetOutput(out)
	fs.VisitAll(func(f *flag.Flag) { f.Value = saved[f.Name] })
	if err == flag.ErrHelp {
		var u, fl strings.Builder
		fs.SetOutput(&u)
		fs.Usage()
		fs.SetOutput(out)
		printFlags(&fl, fs)
		return helpRequest{usage: u.String(), flags: fl.String()}
	}
	if err != nil {
		if bad != nil {
			return usageError{bad}
		}
		return usageError{fmt.Errorf("%s: %s (run 'selu-solve help %s' for the flags)", fs.Name(), quoteFlagError(err), fs.Name())}
	}
	for _, name := range sortedKeys(seen) {
		if seen[name] > 1 {
			return badInput("--%s is given %d times; give each flag at most once", name, seen[name])
		}
	}
	if fs.NArg() > 0 {
		return badInput("%s: unexpected argument %s (flags are written --name value)", fs.Name(), decimal.Quote(fs.Arg(0)))
	}
	return nil
}

// quoteFlagError shortens the flag package's message, which quotes an
// unknown flag in full.
func quoteFlagError(err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return "unknown flag " + decimal.Quote("--"+name)
	}
	if len(msg) > 200 {
		return msg[:120] + "…"
	}
	return msg
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
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

// parseRange parses "a:b" (two numbers of the decimal grammar) into
// float64 with a <= b.
func parseRange(name, s string) (lo, hi float64, err error) {
	a, b, ok := strings.Cut(s, ":")
	if !ok {
		return 0, 0, badInput("--%s must be lo:hi, got %s", name, decimal.Quote(s))
	}
	if lo, err = parseReal(name, a); err != nil {
		return 0, 0, err
	}
	if hi, err = parseReal(name, b); err != nil {
		return 0, 0, err
	}
	if lo > hi {
		return 0, 0, badInput("--%s must have lo <= hi, got %s", name, decimal.Quote(s))
	}
	return lo, hi, nil
}

// parseExact parses a flag value with the one grammar of numbers
// (decimal.Parse: exact decimals and fractions p/q such as 1/3).
func parseExact(name, s string) (*big.Rat, error) {
	r, err := decimal.Parse(s)
	if err != nil {
		return nil, usageError{&flagValueError{Flag: name, Input: s, Err: err}}
	}
	return r, nil
}

// parseReal parses a flag value as parseExact does and rounds it to the
// nearest float64, refusing values outside the float64 range and nonzero
// values that round to zero.
func parseReal(name, s string) (float64, error) {
	r, err := parseExact(name, s)
	if err != nil {
		return 0, err
	}
	f, err := ratFloat(r)
	if err != nil {
		return 0, usageError{&flagValueError{Flag: name, Input: s, Err: err}}
	}
	return f, nil
}

// ratFloat returns the float64 nearest r, or an error when r is outside
// the float64 range or a nonzero r rounds to zero.
func ratFloat(r *big.Rat) (float64, error) {
	f, _ := r.Float64()
	switch {
	case math.IsInf(f, 0):
		return 0, errors.New("is outside the float64 range (magnitude at most 1.8e308)")
	case f == 0 && r.Sign() != 0:
		return 0, errors.New("is too small for float64 (it rounds to 0; magnitude at least 5e-324)")
	}
	return f, nil
}

// realValue is a float64 flag read with the one grammar of numbers.
type realValue struct{ p *float64 }

func (v realValue) String() string {
	if v.p == nil {
		return "0"
	}
	return strconv.FormatFloat(*v.p, 'g', -1, 64)
}

func (v realValue) Set(s string) error {
	r, err := decimal.Parse(s)
	if err != nil {
		return err
	}
	f, err := ratFloat(r)
	if err != nil {
		return err
	}
	*v.p = f
	return nil
}

// realFlag defines a float64 flag whose values follow the decimal grammar
// (fractions accepted; NaN, Inf and hexadecimal refused).
func realFlag(fs *flag.FlagSet, name string, value float64, usage string) *float64 {
	p := new(float64)
	*p = value
	fs.Var(realValue{p}, name, usage)
	return p
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
// --tau) as exact numbers (parseExact), the form solver.Solve takes; ν* and
// τ must be > 0. The solver checks the ranges.
func parseProblem(mean, variance, omega, tau string) (t solver.Target, om, ta *big.Rat, err error) {
	if t.Mean, err = parseExact("mean", mean); err != nil {
		return t, nil, nil, err
	}
	if t.Var, err = parseExact("var", variance); err != nil {
		return t, nil, nil, err
	}
	if t.Var.Sign() <= 0 {
		return t, nil, nil, usageError{&flagValueError{Flag: "var", Input: variance, Err: errors.New("must be > 0")}}
	}
	if om, err = parseExact("omega", omega); err != nil {
		return t, nil, nil, err
	}
	if ta, err = parseExact("tau", tau); err != nil {
		return t, nil, nil, err
	}
	if ta.Sign() <= 0 {
		return t, nil, nil, usageError{&flagValueError{Flag: "tau", Input: tau, Err: errors.New("must be > 0")}}
	}
	// The solver's ranges (solver.Target, solver.Options), checked here so
	// that the message quotes what was typed rather than the solver's
	// exact value of it.
	for _, c := range []struct {
		flag, in string
		v        *big.Rat
		lo, hi   float64
		want     string
	}{
		{"mean", mean, t.Mean, -solverMaxAbs, solverMaxAbs, "must be in [-1e20, 1e20]"},
		{"var", variance, t.Var, solverMinVar, solverMaxAbs, "must be in [1e-20, 1e20]"},
		{"omega", omega, om, -solverMaxAbs, solverMaxAbs, "must be in [-1e20, 1e20]"},
		{"tau", tau, ta, 0, solverMaxAbs, "must be at most 1e20"},
	} {
		if f, _ := c.v.Float64(); f < c.lo || f > c.hi {
			return t, nil, nil, usageError{&flagValueError{Flag: c.flag, Input: c.in, Err: errors.New(c.want)}}
		}
	}
	return t, om, ta, nil
}

// The solver accepts |μ*|, |ω|, τ ≤ 1e20 and ν* ≥ 1e-20 (solver.Solve;
// TestProblemRangesMatchSolver ties these to it).
const (
	solverMaxAbs = 1e20
	solverMinVar = 1e-20
)

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

// solverError is the command's error for err from the solver: a
// *solver.TargetError names the flag of the same name (mean, var, omega,
// tau) with the text typed in typed; other errors stay as they are. Both
// are usage errors (exit status 2).
func solverError(err error, typed map[string]string) error {
	var te *solver.TargetError
	if errors.As(err, &te) {
		if s, ok := typed[te.Field]; ok {
			return usageError{&flagValueError{Flag: te.Field, Input: s, Err: errors.New(te.Reason)}}
		}
	}
	return usageError{err}
}
