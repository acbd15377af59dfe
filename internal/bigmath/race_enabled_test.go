//go:build race

package bigmath

// raceEnabled is set when the tests run under the race detector, which
// makes the long sequential precision sweeps many times slower without
// anything to find in them; they are skipped there.
const raceEnabled = true
