package train

import (
	"encoding/binary"
	"math/rand/v2"
)

// Purposes of the random streams; part of every stream's key so that the
// shuffles, the dropout masks and the output layer never share a stream.
// The hidden weights come from montecarlo.DrawWeights with the same seed.
const (
	streamShuffle uint64 = 101 + iota
	streamDropout
	streamOutput
)

// stream returns the ChaCha8 source keyed by (seed, purpose, a, b): the
// numbers a pass sees depend only on the configuration, never on the
// schedule.
func stream(seed, purpose, a, b uint64) *rand.Rand {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[0:], seed)
	binary.LittleEndian.PutUint64(key[8:], purpose)
	binary.LittleEndian.PutUint64(key[16:], a)
	binary.LittleEndian.PutUint64(key[24:], b)
	return rand.New(rand.NewChaCha8(key))
}
