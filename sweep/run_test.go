package sweep

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/selu-tool/selu/solver"
)

// sweepRef is testdata/reference.json, written by testdata/gen_reference.py
// with mpmath at 50 digits: feasibility by the criterion of docs/model.md §4, λ and
// α by mp.findroot on the original fixed-point equations (not the solver's
// quadratic), S and ρ from a numerically differentiated Jacobian.
type sweepRef struct {
	Source string
	Grids  []struct {
		Mean, Var, Omega, Tau string
		Rows                  []refRow
	}
}

type refRow struct {
	Mean, Var      string
	Feasible       bool
	Lambda, Alpha  string
	AlphaPrime     string `json:"alpha_prime"`
	SpectralNorm   string `json:"spectral_norm"`
	SpectralRadius string `json:"spectral_radius"`
	Stable         bool
}

func loadRef(t testing.TB) sweepRef {
	t.Helper()
	b, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref sweepRef
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Grids) == 0 {
		t.Fatal("empty reference")
	}
	return ref
}

func mustGrid(t testing.TB, mean, vari string) Grid {
	t.Helper()
	m, err := ParseAxis(mean)
	if err != nil {
		t.Fatal(err)
	}
	v, err := ParseAxis(vari)
	if err != nil {
		t.Fatal(err)
	}
	g, err := NewGrid(m, v)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func mustRat(t testing.TB, s string) *big.Rat {
	t.Helper()
	r, err := solver.ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// CorrectlyRounded reports whether got, a decimal with digits significant
// digits, is the reference value want (given to many more digits) rounded
// to nearest: |got − want| ≤ ½ unit in the last place of got.
func correctlyRounded(t testing.TB, got, want string, digits int) bool {
	t.Helper()
	g, _, err := big.ParseFloat(got, 10, 512, big.ToNearestEven)
	if err != nil {
		t.Fatalf("bad number %q: %v", got, err)
	}
	w, _, err := big.ParseFloat(want, 10, 512, big.ToNearestEven)
	if err != nil {
		t.Fatalf("bad reference %q: %v", want, err)
	}
	if n := len(strings.TrimLeft(strings.NewReplacer(".", "", "-", "").Replace(strings.Split(got, "e")[0]), "0")); n > digits {
		t.Errorf("%q has %d significant digits, want at most %d", got, n, digits)
	}
	wf, _ := w.Float64()
	e := math.Floor(math.Log10(math.Abs(wf)))
	half := new(big.Float).SetPrec(512).SetFloat64(0.5)
	ulp, _, _ := big.ParseFloat("1e"+strconv.Itoa(int(e)-digits+1), 10, 512, big.ToNearestEven)
	half.Mul(half, ulp)
	d := new(big.Float).SetPrec(512).Sub(g, w)
	return d.Abs(d).Cmp(half) <= 0
}

// TestRunReference compares every row of three grids (ω = 0, τ = 1; the
// notebook's ω = 1, τ = 1; ω = 0.5, τ = 0.9) with the 50-digit reference:
// λ, α, α' correctly rounded to 20 digits, S and ρ to 1e-9 relative (float64
// Jacobian of package mapping), feasibility and stability exactly.
func TestRunReference(t *testing.T) {
	t.Parallel()
	const digits = 20
	for _, gr := range loadRef(t).Grids {
		g := mustGrid(t, gr.Mean, gr.Var)
		tab, err := Run(context.Background(), g, &Options{Solver: &solver.Options{
			Omega: mustRat(t, gr.Omega), Tau: mustRat(t, gr.Tau), Digits: digits}})
		if err != nil {
			t.Fatal(err)
		}
		if len(tab.Rows) != len(gr.Rows) {
			t.Fatalf("grid %s × %s: %d rows, want %d", gr.Mean, gr.Var, len(tab.Rows), len(gr.Rows))
		}
		for k, w := range gr.Rows {
			r := tab.Rows[k]
			tg := tab.Target(k)
			name := gr.Mean + "×" + gr.Var + " row " + strconv.Itoa(k)
			if tg.Mean.Cmp(mustRat(t, w.Mean)) != 0 || tg.Var.Cmp(mustRat(t, w.Var)) != 0 {
				t.Fatalf("%s: target %v, want (%s, %s)", name, tg, w.Mean, w.Var)
			}
			if r.Feasible != w.Feasible {
				t.Errorf("%s %v: feasible = %v, want %v", name, tg, r.Feasible, w.Feasible)
				continue
			}
			if !w.Feasible {
				if !strings.Contains(r.Reason, "infeasible") || r.Lambda != "" || r.Stable() {
					t.Errorf("%s: infeasible target without explanation or with values: %+v", name, r)
				}
				continue
			}
			for _, c := range []struct{ got, want string }{
				{r.Lambda, w.Lambda},
				{r.Alpha, w.Alpha},
				{r.AlphaPrime, w.AlphaPrime},
			} {
				if !correctlyRounded(t, c.got, c.want, digits) {
					t.Errorf("%s %v: got %s, want %s rounded to %d digits", name, tg, c.got, c.want, digits)
				}
			}
			if l, _ := strconv.ParseFloat(w.Lambda, 64); math.Abs(r.Constants.Lambda-l) > 1e-15*l {
				t.Errorf("%s %v: float64 λ = %v, want %v", name, tg, r.Constants.Lambda, l)
			}
			sn, _ := strconv.ParseFloat(w.SpectralNorm, 64)
			sr, _ := strconv.ParseFloat(w.SpectralRadius, 64)
			if math.Abs(r.Stability.SpectralNorm-sn) > 1e-9*sn || math.Abs(r.Stability.SpectralRadius-sr) > 1e-9*sr {
				t.Errorf("%s %v: S, ρ = %v, %v, want %v, %v", name, tg, r.Stability.SpectralNorm, r.Stability.SpectralRadius, sn, sr)
			}
			if r.Stable() != w.Stable {
				t.Errorf("%s %v: stable = %v, want %v", name, tg, r.Stable(), w.Stable)
			}
		}
	}
}

// TestRunDeterministic: the output does not depend on the number of
// workers.
func TestRunDeterministic(t *testing.T) {
	t.Parallel()
	g := mustGrid(t, "-0.5:0.5:0.25", "0.25:1:0.25")
	var outs []string
	for _, w := range []int{1, 2, 7} {
		tab, err := Run(context.Background(), g, &Options{Workers: w, Solver: &solver.Options{Digits: 12}})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := tab.WriteCSV(&b); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b.String())
	}
	if outs[0] != outs[1] || outs[0] != outs[2] {
		t.Errorf("output depends on the number of workers:\n%s\n%s", outs[0], outs[2])
	}
}

func TestWriteCSV(t *testing.T) {
	t.Parallel()
	g := mustGrid(t, "0:0.6:0.6", "0.5:1:0.5")
	tab, err := Run(context.Background(), g, &Options{Solver: &solver.Options{Digits: 10}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tab.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 || strings.Join(recs[0], ",") != "mean,var,feasible,lambda,alpha,alpha_prime,spectral_norm,spectral_radius,stable" {
		t.Fatalf("CSV = %q", recs)
	}
	// (0, 1): the paper's constants to 10 digits (docs/model.md §4 table).
	if got := strings.Join(recs[2][:6], ","); got != "0,1,true,1.050700987,1.673263242,-1.758099341" {
		t.Errorf("row (0, 1) = %s", got)
	}
	// (0.6, 0.5) is infeasible: the upper edge is √(0.5/(π−1)) ≈ 0.483 (docs/model.md §4).
	if got := strings.Join(recs[3], ","); got != "0.6,0.5,false,,,,,," {
		t.Errorf("row (0.6, 0.5) = %s", got)
	}
}

func TestWriteJSON(t *testing.T) {
	t.Parallel()
	g := mustGrid(t, "0:0.6:0.6", "0.5")
	tab, err := Run(context.Background(), g, &Options{Solver: &solver.Options{Digits: 10, Tau: big.NewRat(1, 3)}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tab.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Omega, Tau, Order string
		Digits            int
		Rows              []map[string]any
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if out.Omega != "0" || out.Tau != "1/3" || out.Digits != 10 || out.Order != "mean-major" || len(out.Rows) != 2 {
		t.Fatalf("JSON = %s", b.String())
	}
	if out.Rows[0]["feasible"] != true || out.Rows[0]["lambda"] == nil || out.Rows[0]["stable"] != true {
		t.Errorf("row 0 = %v", out.Rows[0])
	}
	if out.Rows[1]["feasible"] != false || out.Rows[1]["lambda"] != nil || !strings.Contains(out.Rows[1]["reason"].(string), "infeasible") {
		t.Errorf("row 1 = %v", out.Rows[1])
	}
}

func TestRunErrors(t *testing.T) {
	t.Parallel()
	g := mustGrid(t, "0:1:0.5", "1")
	if _, err := Run(context.Background(), g, &Options{Solver: &solver.Options{Digits: -1}}); err == nil || !strings.HasPrefix(err.Error(), "sweep: target") {
		t.Errorf("bad digits: error = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, g, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error = %v", err)
	}
}

// BenchmarkRun times sweeps of n × n targets (means in [−0.5, 0.5],
// variances in [0.25, 4], all feasible but a few near the lower edge) at
// 20 and 50 digits, on one worker and on GOMAXPROCS workers. The target
// figure is targets=10000/digits=20/workers=max: under 10 s.
func BenchmarkRun(b *testing.B) {
	for _, n := range []int{10, 100} { // n × n targets
		for _, digits := range []int{20, 50} {
			for _, workers := range []int{1, 0} {
				m, _ := NewAxis(big.NewRat(-1, 2), big.NewRat(1, 2), big.NewRat(1, int64(n-1)))
				v, _ := NewAxis(big.NewRat(1, 4), big.NewRat(4, 1), new(big.Rat).SetFrac64(15, 4*int64(n-1)))
				g, err := NewGrid(m, v)
				if err != nil {
					b.Fatal(err)
				}
				w := "max"
				if workers == 1 {
					w = "1"
				}
				b.Run("targets="+strconv.Itoa(g.Len())+"/digits="+strconv.Itoa(digits)+"/workers="+w, func(b *testing.B) {
					for b.Loop() {
						if _, err := Run(context.Background(), g, &Options{Workers: workers, Solver: &solver.Options{Digits: digits}}); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}

// TestRunProgress: Progress is called once per target and ends at the
// total.
func TestRunProgress(t *testing.T) {
	t.Parallel()
	g := mustGrid(t, "-0.2:0.2:0.1", "1:2:0.5")
	var mu sync.Mutex
	calls, last := 0, 0
	_, err := Run(context.Background(), g, &Options{Workers: 3, Solver: &solver.Options{Digits: 6}, Progress: func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		last = max(last, done)
		if total != g.Len() {
			t.Errorf("total = %d, want %d", total, g.Len())
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if calls != g.Len() || last != g.Len() {
		t.Errorf("%d calls, last %d, want %d", calls, last, g.Len())
	}
}
