package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"syscall"
	"testing"
)

// naive returns A·B by the textbook triple loop, accumulated in float64 in
// p order: the independent reference for every test below.
func naive[T Float](m, n, k int, a []T, lda int, b []T, ldb int) []float64 {
	c := make([]float64, m*n)
	for i := range m {
		for j := range n {
			var s float64
			for p := range k {
				s += float64(a[i*lda+p]) * float64(b[p*ldb+j])
			}
			c[i*n+j] = s
		}
	}
	return c
}

// absNaive returns |A|·|B|, which bounds the rounding error of every
// summation order: |fl(Σ) − Σ| ≤ k·u·Σ|a||b| (Higham, Accuracy and Stability
// of Numerical Algorithms, 2nd ed., eq. 3.5).
func absNaive[T Float](m, n, k int, a []T, lda int, b []T, ldb int) []float64 {
	c := make([]float64, m*n)
	for i := range m {
		for j := range n {
			var s float64
			for p := range k {
				s += math.Abs(float64(a[i*lda+p]) * float64(b[p*ldb+j]))
			}
			c[i*n+j] = s
		}
	}
	return c
}

func unitRoundoff[T Float]() float64 {
	var z T
	if _, ok := any(z).(float32); ok {
		return 0x1p-24
	}
	return 0x1p-53
}

func randMatrix[T Float](rng *rand.Rand, r, c, ld int) []T {
	x := make([]T, max(0, (r-1)*ld+c))
	for i := range x {
		x[i] = T(rng.NormFloat64())
	}
	return x
}

// checkProduct multiplies random matrices with strides larger than their
// widths and compares with naive within the bound of absNaive; it also checks
// that the padding between rows of C is untouched.
func checkProduct[T Float](t *testing.T, rng *rand.Rand, m, n, k, workers int) {
	t.Helper()
	lda, ldb, ldc := k+3, n+1, n+5
	a := randMatrix[T](rng, m, k, lda)
	b := randMatrix[T](rng, k, n, ldb)
	const sentinel = -12345
	c := make([]T, max(0, (m-1)*ldc+n))
	for i := range c {
		c[i] = sentinel
	}
	pb := NewPackedB[T](k, n)
	pb.Pack(b, ldb)
	NewMultiplier[T](workers).Mul(m, a, lda, pb, c, ldc, nil)
	want := naive(m, n, k, a, lda, b, ldb)
	bound := absNaive(m, n, k, a, lda, b, ldb)
	u := unitRoundoff[T]()
	for i := range m {
		for j := range n {
			got := float64(c[i*ldc+j])
			tol := float64(k+2)*u*bound[i*n+j] + 1e-300
			if d := math.Abs(got - want[i*n+j]); !(d <= tol) {
				t.Fatalf("m=%d n=%d k=%d workers=%d: C[%d,%d] = %v, want %v (error %g > %g)", m, n, k, workers, i, j, got, want[i*n+j], d, tol)
			}
		}
		for j := n; j < ldc && i*ldc+j < len(c); j++ {
			if c[i*ldc+j] != sentinel {
				t.Fatalf("m=%d n=%d k=%d: padding C[%d,%d] overwritten", m, n, k, i, j)
			}
		}
	}
}

// tiers runs f once with each kernel tier available on this machine.
func tiers(t *testing.T, f func(t *testing.T)) {
	t.Run("fast", func(t *testing.T) {
		t.Logf("tier %s", Tier())
		f(t)
	})
	if hasAsm {
		t.Run("portable", func(t *testing.T) {
			ForcePortable(true)
			defer ForcePortable(false)
			f(t)
		})
	}
}

// Sizes 1…67 cover every remainder modulo MR = 6 and NR = 8, 16; the others
// are just below, at and above the block sizes MC = 48 and KC = 256.
var oddSizes = []struct{ m, n, k int }{
	{1, 1, 1}, {2, 3, 5}, {7, 17, 9}, {13, 33, 1}, {67, 67, 67}, {5, 1, 300},
	{47, 15, 255}, {48, 16, 256}, {49, 17, 257}, {97, 31, 513}, {61, 65, 2},
	{0, 5, 5}, {5, 0, 5}, {5, 5, 0}, {6, 16, 11}, {12, 8, 3},
}

func TestMulOddSizes(t *testing.T) {
	tiers(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 2))
		for _, s := range oddSizes {
			for _, w := range []int{1, 3} {
				checkProduct[float32](t, rng, s.m, s.n, s.k, w)
				checkProduct[float64](t, rng, s.m, s.n, s.k, w)
			}
		}
		for d := 1; d <= 67; d++ {
			checkProduct[float32](t, rng, d, 68-d, (d*7)%67+1, 2)
			checkProduct[float64](t, rng, 68-d, d, (d*5)%67+1, 2)
		}
	})
}

// TestDeterministic checks that the results are bitwise the same for any
// number of workers.
func TestDeterministic(t *testing.T) {
	tiers(t, func(t *testing.T) {
		testDeterministic[float32](t)
		testDeterministic[float64](t)
	})
}

func testDeterministic[T Float](t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const m, n, k = 150, 70, 600
	a := randMatrix[T](rng, m, k, k)
	b := randMatrix[T](rng, k, n, n)
	pb := NewPackedB[T](k, n)
	pb.Pack(b, n)
	var ref []T
	for _, w := range []int{1, 2, 3, 7} {
		c := make([]T, m*n)
		NewMultiplier[T](w).Mul(m, a, k, pb, c, n, nil)
		if ref == nil {
			ref = c
		} else if !slices.Equal(c, ref) {
			t.Fatalf("%T: results with %d workers differ from 1 worker", c, w)
		}
	}
}

// TestEpilogue checks that the epilogue sees every row block exactly once,
// with complete rows.
func TestEpilogue(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const m, n, k = 101, 20, 300
	a := randMatrix[float64](rng, m, k, k)
	b := randMatrix[float64](rng, k, n, n)
	pb := NewPackedB[float64](k, n)
	pb.Pack(b, n)
	c := make([]float64, m*n)
	want := naive(m, n, k, a, k, b, n)
	seen := make([]int, RowBlocks(m))
	NewMultiplier[float64](2).Mul(m, a, k, pb, c, n, func(block, r0, r1 int) {
		seen[block]++
		if r0 != block*MC || r1 != min(m, r0+MC) {
			t.Errorf("block %d: rows [%d, %d)", block, r0, r1)
		}
		for i := r0; i < r1; i++ {
			for j := range n {
				if math.Abs(c[i*n+j]-want[i*n+j]) > 1e-10 {
					t.Errorf("block %d: C[%d,%d] not final in epilogue", block, i, j)
					return
				}
			}
		}
	})
	for blk, s := range seen {
		if s != 1 {
			t.Errorf("block %d: epilogue called %d times", blk, s)
		}
	}
}

// TestPackedIndex checks Pack and Unpack against Index.
func TestPackedIndex(t *testing.T) {
	for _, s := range [][2]int{{1, 1}, {3, 17}, {256, 16}, {257, 9}, {600, 33}} {
		k, n := s[0], s[1]
		b := make([]float32, k*n)
		for i := range b {
			b[i] = float32(i + 1)
		}
		pb := NewPackedB[float32](k, n)
		pb.Pack(b, n)
		nz := 0
		for _, v := range pb.Data {
			if v != 0 {
				nz++
			}
		}
		if nz != k*n {
			t.Errorf("k=%d n=%d: %d non-zero packed values, want %d", k, n, nz, k*n)
		}
		for p := range k {
			for j := range n {
				if got := pb.Data[pb.Index(p, j)]; got != b[p*n+j] {
					t.Fatalf("k=%d n=%d: Data[Index(%d, %d)] = %v, want %v", k, n, p, j, got, b[p*n+j])
				}
			}
		}
		u := make([]float32, k*n)
		pb.Unpack(u, n)
		if !slices.Equal(u, b) {
			t.Errorf("k=%d n=%d: Unpack(Pack(b)) != b", k, n)
		}
	}
}

// TestTiersAgree checks that the two tiers differ by rounding only.
func TestTiersAgree(t *testing.T) {
	if !hasAsm {
		t.Skip("only the portable kernel on this machine")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	const m, n, k = 50, 40, 700
	a := randMatrix[float64](rng, m, k, k)
	b := randMatrix[float64](rng, k, n, n)
	fast := make([]float64, m*n)
	Gemm(m, n, k, a, k, b, n, fast, n)
	ForcePortable(true)
	slow := make([]float64, m*n)
	Gemm(m, n, k, a, k, b, n, slow, n)
	ForcePortable(false)
	bound := absNaive(m, n, k, a, k, b, n)
	same := 0
	for i := range fast {
		if d := math.Abs(fast[i] - slow[i]); d > 2*float64(k)*0x1p-53*bound[i] {
			t.Fatalf("element %d: fast %v, portable %v", i, fast[i], slow[i])
		}
		if fast[i] == slow[i] {
			same++
		}
	}
	if same == len(fast) {
		t.Errorf("FMA and portable kernels gave identical results: is the fast tier really in use?")
	}
}

func TestBadInput(t *testing.T) {
	for i, f := range []func(){
		func() { NewPackedB[float32](-1, 2) },
		func() { NewPackedB[float32](2, 2).Pack(make([]float32, 3), 2) },
		func() { NewPackedB[float32](2, 3).Pack(make([]float32, 6), 2) },
		func() {
			NewMultiplier[float32](1).Mul(2, make([]float32, 3), 2, NewPackedB[float32](2, 2), make([]float32, 4), 2, nil)
		},
		func() {
			NewMultiplier[float32](1).Mul(2, make([]float32, 4), 2, NewPackedB[float32](2, 2), make([]float32, 3), 2, nil)
		},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("case %d: no panic", i)
				}
			}()
			f()
		}()
	}
}

func FuzzMul(f *testing.F) {
	f.Add(uint8(1), uint8(1), uint16(1), uint64(1), false, uint8(1))
	f.Add(uint8(67), uint8(33), uint16(257), uint64(2), true, uint8(2))
	f.Fuzz(func(t *testing.T, m, n uint8, k uint16, seed uint64, portable bool, workers uint8) {
		// Sizes up to a little over MC and KC keep each input fast.
		m, n, k = m%100, n%70, k%300
		ForcePortable(portable)
		defer ForcePortable(false)
		rng := rand.New(rand.NewPCG(seed, 9))
		w := int(workers%4) + 1
		checkProduct[float32](t, rng, int(m), int(n), int(k), w)
		checkProduct[float64](t, rng, int(m), int(n), int(k), w)
	})
}

func BenchmarkKernel(b *testing.B) {
	for _, tier := range []string{"fast", "portable"} {
		for _, size := range []int{256, 1024} {
			b.Run(fmt.Sprintf("float32/%s/%d", tier, size), func(b *testing.B) { benchMul[float32](b, size, tier == "portable") })
			b.Run(fmt.Sprintf("float64/%s/%d", tier, size), func(b *testing.B) { benchMul[float64](b, size, tier == "portable") })
		}
	}
}

// benchMul times C = A·B with a packed B for n×n matrices and reports GFLOP/s
// (2n³ flops per product).
func benchMul[T Float](b *testing.B, n int, portable bool) {
	if portable && n > 256 {
		b.Skip("portable kernel: small sizes only")
	}
	ForcePortable(portable)
	defer ForcePortable(false)
	rng := rand.New(rand.NewPCG(1, 1))
	a := randMatrix[T](rng, n, n, n)
	bm := randMatrix[T](rng, n, n, n)
	c := make([]T, n*n)
	pb := NewPackedB[T](n, n)
	pb.Pack(bm, n)
	mu := NewMultiplier[T](0)
	b.ReportAllocs()
	cpu0 := cpuSeconds()
	for b.Loop() {
		mu.Mul(n, a, n, pb, c, n, nil)
	}
	flops := 2 * float64(n) * float64(n) * float64(n) * float64(b.N)
	b.ReportMetric(flops/b.Elapsed().Seconds()/1e9, "GFLOP/s")
	b.ReportMetric(flops/(cpuSeconds()-cpu0)/1e9, "GFLOP/cpu-s")
}

// cpuSeconds returns the user and system CPU time of the process. On a
// shared machine, flops per CPU-second measure the kernel's efficiency
// independently of how much of the machine the benchmark got.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return math.NaN()
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

func BenchmarkPackA(b *testing.B) {
	a := make([]float32, MC*1024)
	dst := make([]float32, MC*KC)
	for b.Loop() {
		for p0 := 0; p0 < 1024; p0 += KC {
			packA(dst, a, 1024, 0, MC, p0, KC)
		}
	}
}

// TestAVX512Bitwise checks that the AVX-512 kernels give bitwise the
// products of the AVX2 kernels (the same FMAs in the same order), edge
// tiles, several KC slices and the load path included.
func TestAVX512Bitwise(t *testing.T) {
	if !hasAVX512 {
		t.Skip("no AVX-512 on this machine")
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for _, sz := range [][3]int{{1, 1, 1}, {7, 17, 3}, {50, 40, 700}, {128, 512, 513}} {
		m, n, k := sz[0], sz[1], sz[2]
		t.Run(fmt.Sprintf("%dx%dx%d", m, n, k), func(t *testing.T) {
			a32, b32 := randMatrix[float32](rng, m, k, k), randMatrix[float32](rng, k, n, n)
			a64, b64 := randMatrix[float64](rng, m, k, k), randMatrix[float64](rng, k, n, n)
			z32, z64 := make([]float32, m*n), make([]float64, m*n)
			Gemm(m, n, k, a32, k, b32, n, z32, n)
			Gemm(m, n, k, a64, k, b64, n, z64, n)
			if Tier() != TierAVX512 {
				t.Fatalf("tier %s, want %s", Tier(), TierAVX512)
			}
			noAVX512 = true
			defer func() { noAVX512 = false }()
			y32, y64 := make([]float32, m*n), make([]float64, m*n)
			Gemm(m, n, k, a32, k, b32, n, y32, n)
			Gemm(m, n, k, a64, k, b64, n, y64, n)
			noAVX512 = false
			for i := range z32 {
				if z32[i] != y32[i] || z64[i] != y64[i] {
					t.Fatalf("element %d: avx512 %v, %v; avx2 %v, %v", i, z32[i], z64[i], y32[i], y64[i])
				}
			}
		})
	}
}

// TestMulAT checks that MulAT on AT gives bitwise the products of Mul on
// the explicitly transposed matrix, for both element types, with edge
// tiles, several KC slices and a row stride larger than the row.
func TestMulAT(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, sz := range [][3]int{{1, 1, 1}, {7, 17, 3}, {50, 40, 300}, {100, 33, 128}} {
		m, n, k := sz[0], sz[1], sz[2]
		t.Run(fmt.Sprintf("%dx%dx%d", m, n, k), func(t *testing.T) {
			checkMulAT[float32](t, rng, m, n, k)
			checkMulAT[float64](t, rng, m, n, k)
		})
	}
}

func checkMulAT[T Float](t *testing.T, rng *rand.Rand, m, n, k int) {
	ld := m + 3
	at := randMatrix[T](rng, k, ld, ld)
	a := make([]T, m*k)
	for i := range m {
		for p := range k {
			a[i*k+p] = at[p*ld+i]
		}
	}
	pb := NewPackedB[T](k, n)
	pb.Pack(randMatrix[T](rng, k, n, n), n)
	for _, w := range []int{1, 3} {
		mu := NewMultiplier[T](w)
		want, got := make([]T, m*n), make([]T, m*n)
		mu.Mul(m, a, k, pb, want, n, nil)
		mu.MulAT(m, at, ld, pb, got, n, nil)
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("%d workers, element %d: MulAT %v, Mul %v", w, i, got[i], want[i])
			}
		}
	}
}
