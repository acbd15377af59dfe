// Package parallel runs independent tasks on the available cores, in a way
// that keeps results independent of the schedule (see For).
package parallel
