package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// A command is one subcommand of selu-solve. Each lives in its own file and
// registers itself from an init function, so that adding one touches no
// other file.
type command struct {
	name    string // as typed on the command line; "" for the root solver
	summary string // one line for the command list
	run     func(args []string, stdout, stderr io.Writer) error
}

var (
	commands    = map[string]command{}
	rootCommand command
)

// register adds c to the command table. The command with the empty name
// becomes the root command (bare selu-solve).
func register(c command) {
	if c.name == "" {
		rootCommand = c
		return
	}
	if _, dup := commands[c.name]; dup {
		panic("selu-solve: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

func commandNames() string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "selu-solve derives and checks SELU constants for a target mean and variance.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage:")
	fmt.Fprintln(w, "  selu-solve [--mean 0] [--var 1] [flags]   solve λ and α for the target")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  selu-solve %-30s %s\n", n+" [flags]", commands[n].summary)
	}
	fmt.Fprintln(w)
	if rootCommand.run != nil {
		var h helpRequest
		if errors.As(rootCommand.run([]string{"-h"}, io.Discard, io.Discard), &h) {
			fmt.Fprintln(w, "Flags of the solver (bare selu-solve, or selu-solve solve):")
			io.WriteString(w, h.flags)
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintln(w, "Run 'selu-solve help COMMAND' (or COMMAND -h) for the flags of a command.")
	fmt.Fprintln(w, "Exit status: 0 success, 1 a negative answer (diagnose: no stable fixed")
	fmt.Fprintln(w, "point; verify: not certified; mc: did not converge), 2 bad input or a")
	fmt.Fprintln(w, "failure. The other commands report what they find (an unstable target, an")
	fmt.Fprintln(w, "uncertified sweep row, a diverged training) in their output, with status 0.")
	fmt.Fprintln(w, "Each flag may be given once.")
}

// Exit statuses.
const (
	exitOK       = 0
	exitNegative = 1 // the command ran and its answer is "no" (e.g. not certified)
	exitBadInput = 2 // bad flags, bad values, infeasible targets, I/O failures
)

// usageError marks an error caused by the command line or by input values.
// It is reported in one line with exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// badInput returns a usageError with a formatted message.
func badInput(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// negativeResult marks a completed run whose answer is negative (exit 1).
// Its message has already been printed with the normal output, so only a
// short reason is written to standard error.
type negativeResult struct{ reason string }

func (e negativeResult) Error() string { return e.reason }

// exitCode reports err on stderr in one line and maps it to an exit status.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	var neg negativeResult
	if errors.As(err, &neg) {
		if neg.reason != "" {
			fmt.Fprintln(stderr, "selu-solve:", oneLine(neg.reason))
		}
		return exitNegative
	}
	fmt.Fprintln(stderr, "selu-solve:", oneLine(err.Error()))
	return exitBadInput
}

// oneLine folds a message onto a single line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
