package gemm

// Float is the element type of the matrices.
type Float interface{ float32 | float64 }

// Blocking parameters. They are the same for every kernel tier, so that a
// PackedB is valid whichever kernel runs and results do not depend on it
// beyond float rounding.
const (
	// MR is the number of rows of C in one micro-kernel tile.
	MR = 6
	// KC is the depth of one packed slice of A and B: the k-sum of a tile is
	// carried out KC terms at a time, the tile staying in registers.
	KC = 256
	// MC is the number of rows of C in one row block, the unit of parallel
	// work and of the epilogue. It is a multiple of MR.
	MC = 8 * MR
)

// NR returns the number of columns of C in one micro-kernel tile for T:
// 16 for float32 and 8 for float64 (two 256-bit vectors).
func NR[T Float]() int {
	var z T
	if _, ok := any(z).(float32); ok {
		return 16
	}
	return 8
}

// RowBlocks returns the number of row blocks of an m-row product, ⌈m/MC⌉.
// Block b holds rows [b·MC, min((b+1)·MC, m)).
func RowBlocks(m int) int { return (m + MC - 1) / MC }

func roundUp(x, q int) int { return (x + q - 1) / q * q }
