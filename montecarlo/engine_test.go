package montecarlo

import (
	"fmt"
	"math"
	"testing"

	"github.com/selu-tool/selu/internal/gemm"
)

// runWith runs c with the gonum engine (gonum true) or the gemm engine,
// with gemm's portable kernel when portable is true.
func runWith(t *testing.T, c *Config, gonum, portable bool) *Result {
	t.Helper()
	engineChoice = useGemm
	if gonum {
		engineChoice = useGonum
	}
	gemm.ForcePortable(portable)
	defer func() {
		engineChoice = useAuto
		gemm.ForcePortable(false)
	}()
	return mustRun(t, c)
}

// TestEnginesAgree checks that the gemm engine, with either kernel tier,
// gives the statistics of the gonum engine (the reference: gonum's Sgemm
// and Dgemm) up to float rounding. Sizes are odd so that every edge path of
// the kernels and panels that straddle gemm's row blocks are exercised. The
// tolerance is relative: a few units of T's rounding, grown over the layers.
func TestEnginesAgree(t *testing.T) {
	// Not parallel: it switches the package-level engine and kernel.
	for _, test := range []struct {
		width, depth, batch int
		init                Init
		dropout             float64
	}{
		{67, 5, 101, Init{Kind: LeCun}, 0},
		{130, 4, 97, Init{Kind: Exact}, 0},
		{50, 4, 70, Init{Kind: Gain, Gain: 0.75}, 0.1},
	} {
		for _, dtype := range []DType{Float32, Float64} {
			c := &Config{
				Width: test.width, Depth: test.depth, Batch: test.batch, DType: dtype,
				Constants: selu01, Target: selu01Target, Init: test.init, DropoutRate: test.dropout,
				InputMean: 0.5, InputVar: 2, Seed: 11,
			}
			tol := 1e-12
			if dtype == Float32 {
				tol = 2e-5
			}
			ref := runWith(t, c, true, false)
			for _, portable := range []bool{false, true} {
				name := fmt.Sprintf("%+v %v portable=%v", test, dtype, portable)
				got := runWith(t, c, false, portable)
				for i, g := range got.Layers {
					r := ref.Layers[i]
					for _, q := range []struct {
						what      string
						got, want float64
					}{
						{"mean", g.Mean, r.Mean}, {"var", g.Var, r.Var},
						{"mean SE", g.MeanSE, r.MeanSE}, {"var SE", g.VarSE, r.VarSE},
						{"unit mean SD", g.UnitMeanSD, r.UnitMeanSD},
					} {
						if d := math.Abs(q.got - q.want); !(d <= tol*max(1, math.Abs(q.want))) {
							t.Errorf("%s layer %d %s: gemm %v, gonum %v", name, i+1, q.what, q.got, q.want)
						}
					}
				}
			}
		}
	}
}

// TestDrawWeightsPacked checks that weights drawn straight into the packed
// layout are bitwise those of drawWeights, for every initialization.
func TestDrawWeightsPacked(t *testing.T) {
	testDrawWeightsPacked[float32](t)
	testDrawWeightsPacked[float64](t)
}

func testDrawWeightsPacked[T float](t *testing.T) {
	for _, init := range []Init{{Kind: LeCun}, {Kind: Gain, Gain: 0.75}, {Kind: Exact}} {
		for _, s := range [][2]int{{2, 2}, {65, 17}, {300, 33}} {
			k, n := s[0], s[1]
			want := make([]T, k*n)
			drawWeights(want, k, n, init, 0.5, 2, 5, 3)
			pb := gemm.NewPackedB[T](k, n)
			drawWeightsPacked(pb, init, 0.5, 2, 5, 3)
			got := make([]T, k*n)
			pb.Unpack(got, n)
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("%T %v %d×%d: weight %d = %v, want %v", got[0], init, k, n, i, got[i], want[i])
				}
			}
		}
	}
}

// BenchmarkLayer times one W1 layer (batch 1024, width 1024: the product,
// SELU and the sums) with each engine: gonum's BLAS, and gemm with its fast
// and its portable kernel. The gflops metric counts 2·B·n² flops.
func BenchmarkLayer(b *testing.B) {
	for _, eng := range []struct {
		name     string
		choice   int
		portable bool
	}{{"gonum", useGonum, false}, {"gemm", useGemm, false}, {"gemm-portable", useGemm, true}} {
		b.Run(eng.name+"/float32", func(b *testing.B) { benchLayer[float32](b, eng.choice, eng.portable) })
		b.Run(eng.name+"/float64", func(b *testing.B) { benchLayer[float64](b, eng.choice, eng.portable) })
	}
}

func benchLayer[T float](b *testing.B, choice int, portable bool) {
	const B, n = 1024, 1024
	engineChoice = choice
	gemm.ForcePortable(portable)
	defer func() {
		engineChoice = useAuto
		gemm.ForcePortable(false)
	}()
	eng := newEngine[T]()
	x, y, w := make([]T, B*n), make([]T, B*n), make([]T, n*n)
	drawWeights(x, B, n, Init{Kind: LeCun}, 0, 1, 1, 0)
	drawWeights(w, n, n, Init{Kind: LeCun}, 0, 1, 1, 1)
	ep := newLayerEpilogue[T](B, n)
	ep.lam, ep.la = selu01.Lambda, selu01.Lambda*selu01.Alpha
	for b.Loop() {
		eng.layer(y, x, w, B, n, n, ep)
	}
	b.ReportMetric(2*B*n*n*float64(b.N)/b.Elapsed().Seconds()/1e9, "gflops")
}
