// Command selu-solve derives and checks the constants of the SELU activation
// (Klambauer et al., "Self-Normalizing Neural Networks", NeurIPS 2017) for any
// target mean and variance.
//
// Usage:
//
//	selu-solve [--mean 0] [--var 1] [flags]   solve λ, α for a target (the main job)
//	selu-solve compare [flags]                targets side by side: settling, gradients, correlations
//	selu-solve diagnose [flags]               fixed points and stability of a given initialization
//	selu-solve map [flags]                    the layer map g, its Jacobian, S and ρ at one point
//	selu-solve mc [flags]                     a simulated deep network against the map
//	selu-solve report [flags]                 a self-contained HTML report for a target
//	selu-solve sweep [flags]                  λ, α over a grid of targets (CSV, JSON, HTML)
//	selu-solve train [flags]                  train SELU, ReLU + BN or ReLU networks on (Fashion-)MNIST
//	selu-solve verify [flags]                 an interval-arithmetic certificate of the fixed point
//	selu-solve help [command]                 describe a command and its flags
//
// Every command but sweep (--format json) accepts --json for machine-readable
// output. Bad input is reported in one line on standard error with exit
// status 2; a completed run with a negative answer (diagnose: no stable fixed
// point, verify: not certified, mc: not converged) exits with status 1.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/selu-tool/selu/internal/decimal"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line args and returns the process exit status.
// Help goes to stdout (exit 0), errors to stderr in one line (exit 2).
func run(args []string, stdout, stderr io.Writer) int {
	cmd, rest := rootCommand, args
	if len(args) > 0 {
		switch args[0] {
		case "help", "-h", "-help", "--help":
			if len(args) > 2 || (len(args) == 2 && args[0] != "help") {
				fmt.Fprintf(stderr, "selu-solve: %s takes at most one command name, e.g. 'selu-solve help mc'\n", args[0])
				return exitBadInput
			}
			if len(args) == 2 {
				c, ok := commands[args[1]]
				if !ok {
					fmt.Fprintf(stderr, "selu-solve: help: unknown command %s; commands: %s\n", decimal.Quote(args[1]), commandNames())
					return exitBadInput
				}
				return finish(c.run([]string{"-h"}, stdout, stderr), stdout, stderr)
			}
			printUsage(stdout)
			return exitOK
		}
		if c, ok := commands[args[0]]; ok {
			cmd, rest = c, args[1:]
		} else if !strings.HasPrefix(args[0], "-") {
			fmt.Fprintf(stderr, "selu-solve: unknown command %s; commands: %s (or flags for the solver, e.g. --mean 0 --var 4)\n", decimal.Quote(args[0]), commandNames())
			return exitBadInput
		}
	}
	if cmd.run == nil {
		fmt.Fprintln(stderr, "selu-solve: the solver is not available in this build; commands:", commandNames())
		return 2
	}
	return finish(cmd.run(rest, stdout, stderr), stdout, stderr)
}

// finish writes a requested usage to stdout and maps any other error to
// its exit status.
func finish(err error, stdout, stderr io.Writer) int {
	var h helpRequest
	if errors.As(err, &h) {
		io.WriteString(stdout, h.usage)
		return exitOK
	}
	return exitCode(err, stderr)
}
