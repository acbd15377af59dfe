package montecarlo

import (
	"encoding/binary"
	"math/rand/v2"
)

// Purposes of the random streams; part of every stream's key so that the
// weights, the inputs and the dropout masks never share a stream.
const (
	streamWeights uint64 = 1 + iota
	streamInputs
	streamDropout
)

// stream returns the random source for one block of work. Each (seed,
// purpose, layer, block) is a distinct ChaCha8 key, so the streams are
// independent and the numbers a block sees do not depend on which
// goroutine runs it or when.
func stream(seed, purpose uint64, layer, block int) *rand.Rand {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[0:], seed)
	binary.LittleEndian.PutUint64(key[8:], purpose)
	binary.LittleEndian.PutUint64(key[16:], uint64(layer))
	binary.LittleEndian.PutUint64(key[24:], uint64(block))
	return rand.New(rand.NewChaCha8(key))
}
