//go:build !race

package bigmath

const raceEnabled = false
