package gemm

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Epilogue is called once for each row block of C, as soon as rows [r0, r1)
// of C hold their complete k-sums, with the block number (0 ≤ block <
// RowBlocks(m), block = r0/MC). Calls for different blocks may run at the same
// time on different goroutines and in any order; an epilogue that reduces C
// deterministically keeps one partial result per block and combines them in
// block order after Mul returns.
type Epilogue func(block, r0, r1 int)

// Multiplier computes products with a fixed number of workers and reuses its
// packing buffers between calls. A Multiplier must not be used by more than
// one goroutine at a time.
type Multiplier[T Float] struct {
	workers int
	bufs    [][]T // per worker: packed A block (MC×KC), then an MR×NR edge tile
}

// NewMultiplier returns a Multiplier with the given number of workers;
// workers ≤ 0 means runtime.GOMAXPROCS(0).
func NewMultiplier[T Float](workers int) *Multiplier[T] {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	mu := &Multiplier[T]{workers: workers, bufs: make([][]T, workers)}
	for i := range mu.bufs {
		mu.bufs[i] = make([]T, MC*KC+MR*NR[T]())
	}
	return mu
}

// Workers returns the number of workers of mu.
func (mu *Multiplier[T]) Workers() int { return mu.workers }

// Mul sets the m×n matrix C (row stride ldc) to A·B, where A is m×k (row
// stride lda) and B is the k×n packed matrix b, then calls epi (if not nil)
// for every row block of C. The results do not depend on the number of
// workers (see the package documentation).
//
// Mul panics if a slice is too short for its dimensions and stride.
func (mu *Multiplier[T]) Mul(m int, a []T, lda int, b *PackedB[T], c []T, ldc int, epi Epilogue) {
	mu.mul(m, a, lda, false, b, c, ldc, epi)
}

// MulAT is Mul with A given transposed: it sets the m×n matrix C to A·B
// where A = ATᵀ, at holding the k×m matrix AT with row stride ldat. It packs
// A straight from at, with no transposed copy, and gives bitwise the
// results of Mul on the transposed matrix.
func (mu *Multiplier[T]) MulAT(m int, at []T, ldat int, b *PackedB[T], c []T, ldc int, epi Epilogue) {
	mu.mul(m, at, ldat, true, b, c, ldc, epi)
}

func (mu *Multiplier[T]) mul(m int, a []T, lda int, trans bool, b *PackedB[T], c []T, ldc int, epi Epilogue) {
	k, n := b.K, b.N
	if m < 0 {
		panic(fmt.Sprintf("gemm: negative dimension m = %d", m))
	}
	if m == 0 || n == 0 {
		return
	}
	if k > 0 {
		if trans {
			checkMatrix("at", k, m, a, lda)
		} else {
			checkMatrix("a", m, k, a, lda)
		}
	}
	checkMatrix("c", m, n, c, ldc)
	nblk := RowBlocks(m)
	w := min(mu.workers, nblk)
	if w <= 1 {
		for blk := range nblk {
			mu.block(0, blk, m, a, lda, trans, b, c, ldc, epi)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for id := range w {
		wg.Go(func() {
			for {
				blk := int(next.Add(1) - 1)
				if blk >= nblk {
					return
				}
				mu.block(id, blk, m, a, lda, trans, b, c, ldc, epi)
			}
		})
	}
	wg.Wait()
}

// block computes row block blk of C on worker id's buffers.
func (mu *Multiplier[T]) block(id, blk, m int, a []T, lda int, trans bool, b *PackedB[T], c []T, ldc int, epi Epilogue) {
	k, n, nr, np := b.K, b.N, b.nr, b.np
	i0 := blk * MC
	mb := min(MC, m-i0)
	buf := mu.bufs[id]
	ap, tile := buf[:MC*KC], buf[MC*KC:]
	if k == 0 {
		for i := i0; i < i0+mb; i++ {
			clear(c[i*ldc : i*ldc+n])
		}
	}
	kern := kernelFor[T]()
	for p0 := 0; p0 < k; p0 += KC {
		kb := min(KC, k-p0)
		if trans {
			packAT(ap, a, lda, i0, mb, p0, kb)
		} else {
			packA(ap, a, lda, i0, mb, p0, kb)
		}
		bs := b.Data[p0*np:]
		load := p0 > 0
		for j0 := 0; j0 < n; j0 += nr {
			nb := min(nr, n-j0)
			bp := bs[(j0/nr)*kb*nr : (j0/nr+1)*kb*nr]
			for r0 := 0; r0 < mb; r0 += MR {
				rb := min(MR, mb-r0)
				apn := ap[(r0/MR)*kb*MR : (r0/MR+1)*kb*MR]
				ci := (i0+r0)*ldc + j0
				if rb == MR && nb == nr {
					kern(kb, apn, bp, c[ci:ci+(MR-1)*ldc+nr], ldc, load)
					continue
				}
				// Edge tile: run the full kernel on a scratch tile; the
				// padding rows and columns of the packed panels are zero.
				if load {
					for r := range rb {
						copy(tile[r*nr:r*nr+nb], c[ci+r*ldc:ci+r*ldc+nb])
					}
				}
				kern(kb, apn, bp, tile, nr, load)
				for r := range rb {
					copy(c[ci+r*ldc:ci+r*ldc+nb], tile[r*nr:r*nr+nb])
				}
			}
		}
	}
	if epi != nil {
		epi(blk, i0, i0+mb)
	}
}

// Gemm sets the m×n matrix C to A·B, with A m×k and B k×n, all row-major
// with row strides lda, ldb and ldc. It packs B and runs on GOMAXPROCS
// workers; use PackedB and Multiplier to reuse buffers across products.
func Gemm[T Float](m, n, k int, a []T, lda int, b []T, ldb int, c []T, ldc int) {
	pb := NewPackedB[T](k, n)
	pb.Pack(b, ldb)
	NewMultiplier[T](0).Mul(m, a, lda, pb, c, ldc, nil)
}
