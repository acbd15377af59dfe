// Package extreme holds the randomized and fuzz tests of the library entry
// points over extreme finite inputs: solver.Solve and solver.FeasibleMeans,
// the float64 layer map of package mapping, the interval prover of package
// verify and diagnose.Analyze. They check that no input makes a library
// panic, and that no result accepted without an error presents NaN (or an
// infinity where a finite number is promised) as a number, and that nothing
// is called stable or certified on the strength of one.
//
// The package has no code of its own; it exists so that one test can drive
// every package without an import cycle.
package extreme
