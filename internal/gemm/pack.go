package gemm

import "fmt"

// PackedB holds a k×n matrix B in the layout the micro-kernel reads.
//
// B is cut into slices of KC rows (the last may be shorter) and each slice
// into panels of NR columns (the last zero-padded to NR). A panel is stored
// row after row, NR values per row, and the panels of a slice follow each
// other. Element (p, j) lies at Data[Index(p, j)]. Writing B directly in this
// layout (Index, or Pack from row-major storage) is all that is needed to use
// it with Multiplier.Mul.
type PackedB[T Float] struct {
	K, N int // dimensions of B
	nr   int
	np   int // N rounded up to a multiple of nr
	Data []T // len K·⌈N/NR⌉·NR
}

// NewPackedB returns a zero k×n PackedB.
func NewPackedB[T Float](k, n int) *PackedB[T] {
	if k < 0 || n < 0 {
		panic(fmt.Sprintf("gemm: negative dimension %d×%d", k, n))
	}
	nr := NR[T]()
	np := roundUp(n, nr)
	return &PackedB[T]{K: k, N: n, nr: nr, np: np, Data: make([]T, k*np)}
}

// Index returns the position of B(p, j) in Data. With p0 = p − p mod KC and
// kb = min(KC, K − p0), the slice starts at p0·NP (NP = N rounded up to NR),
// the panel of column j at kb·NR·⌊j/NR⌋ inside it.
func (pb *PackedB[T]) Index(p, j int) int {
	p0 := p - p%KC
	kb := min(KC, pb.K-p0)
	return p0*pb.np + (j/pb.nr)*kb*pb.nr + (p-p0)*pb.nr + j%pb.nr
}

// Pack copies the row-major k×n matrix b with row stride ldb into pb.
// Padding columns are set to zero.
func (pb *PackedB[T]) Pack(b []T, ldb int) {
	k, n, nr := pb.K, pb.N, pb.nr
	if k == 0 || n == 0 {
		return
	}
	checkMatrix("b", k, n, b, ldb)
	d := pb.Data
	off := 0
	for p0 := 0; p0 < k; p0 += KC {
		kb := min(KC, k-p0)
		for j0 := 0; j0 < n; j0 += nr {
			nb := min(nr, n-j0)
			for p := p0; p < p0+kb; p++ {
				row := b[p*ldb+j0 : p*ldb+j0+nb]
				dst := d[off : off+nr]
				copy(dst, row)
				clear(dst[nb:])
				off += nr
			}
		}
	}
}

// Unpack copies pb into the row-major k×n matrix b with row stride ldb.
func (pb *PackedB[T]) Unpack(b []T, ldb int) {
	k, n := pb.K, pb.N
	if k == 0 || n == 0 {
		return
	}
	checkMatrix("b", k, n, b, ldb)
	for p := range k {
		for j := range n {
			b[p*ldb+j] = pb.Data[pb.Index(p, j)]
		}
	}
}

// packA copies rows [i0, i0+mb) and columns [p0, p0+kb) of a into dst as
// ⌈mb/MR⌉ panels of kb×MR values, column p of the panel stored as MR
// consecutive values; rows beyond mb are zero.
func packA[T Float](dst []T, a []T, lda, i0, mb, p0, kb int) {
	off := 0
	for r0 := 0; r0 < mb; r0 += MR {
		rb := min(MR, mb-r0)
		panel := dst[off : off+kb*MR]
		if rb == MR {
			// Six rows at once: contiguous stores, six sequential reads.
			base := (i0+r0)*lda + p0
			x0 := a[base : base+kb]
			x1 := a[base+lda : base+lda+kb]
			x2 := a[base+2*lda : base+2*lda+kb]
			x3 := a[base+3*lda : base+3*lda+kb]
			x4 := a[base+4*lda : base+4*lda+kb]
			x5 := a[base+5*lda : base+5*lda+kb]
			for p := range kb {
				d := panel[p*MR : p*MR+MR : p*MR+MR]
				d[0], d[1], d[2], d[3], d[4], d[5] = x0[p], x1[p], x2[p], x3[p], x4[p], x5[p]
			}
			off += kb * MR
			continue
		}
		clear(panel)
		for r := range rb {
			row := a[(i0+r0+r)*lda+p0 : (i0+r0+r)*lda+p0+kb]
			for p, v := range row {
				panel[p*MR+r] = v
			}
		}
		off += kb * MR
	}
}

// packAT is packA for A = ATᵀ, at holding AT with row stride ldat: column
// p of a panel is MR consecutive values of row p0+p of at.
func packAT[T Float](dst []T, at []T, ldat, i0, mb, p0, kb int) {
	off := 0
	for r0 := 0; r0 < mb; r0 += MR {
		rb := min(MR, mb-r0)
		panel := dst[off : off+kb*MR]
		for p := range kb {
			base := (p0+p)*ldat + i0 + r0
			d := panel[p*MR : p*MR+MR : p*MR+MR]
			if rb == MR {
				x := at[base : base+MR : base+MR]
				d[0], d[1], d[2], d[3], d[4], d[5] = x[0], x[1], x[2], x[3], x[4], x[5]
				continue
			}
			copy(d, at[base:base+rb])
			clear(d[rb:])
		}
		off += kb * MR
	}
}

func checkMatrix[T Float](name string, r, c int, x []T, ld int) {
	if ld < c {
		panic(fmt.Sprintf("gemm: ld%s = %d < %d columns", name, ld, c))
	}
	if r > 0 && len(x) < (r-1)*ld+c {
		panic(fmt.Sprintf("gemm: %s has %d elements, a %d×%d matrix with stride %d needs %d", name, len(x), r, c, ld, (r-1)*ld+c))
	}
}
