// Command selu-solve derives and checks the constants of the SELU activation
// (Klambauer et al., "Self-Normalizing Neural Networks", NeurIPS 2017) for any
// target mean and variance.
//
// Usage:
//
//	selu-solve [--mean 0] [--var 1] [flags]   solve λ, α for a target (the main job)
//	selu-solve map --mean 0 --var 1 [flags]  evaluate the layer map g at one point
//	selu-solve help [command]                 describe a command
//
// Every command accepts --json for machine-readable output. Bad input is
// reported in one line on standard error with exit status 2.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line args and returns the process exit status.
func run(args []string, stdout, stderr io.Writer) int {
	cmd, rest := rootCommand, args
	if len(args) > 0 {
		switch args[0] {
		case "help", "-h", "-help", "--help":
			if len(args) > 1 {
				if c, ok := commands[args[1]]; ok {
					return exitCode(c.run([]string{"-h"}, stdout, stderr), stderr)
				}
			}
			printUsage(stdout)
			return 0
		}
		if c, ok := commands[args[0]]; ok {
			cmd, rest = c, args[1:]
		} else if !strings.HasPrefix(args[0], "-") {
			fmt.Fprintf(stderr, "selu-solve: unknown command %q; commands: %s (or flags for the solver, e.g. --mean 0 --var 4)\n", args[0], commandNames())
			return exitBadInput
		}
	}
	if cmd.run == nil {
		fmt.Fprintln(stderr, "selu-solve: the solver is not available in this build; commands:", commandNames())
		return 2
	}
	return exitCode(cmd.run(rest, stdout, stderr), stderr)
}
