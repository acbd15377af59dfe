package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// sweepRun runs selu-solve with args and returns the exit status and output.
func sweepRun(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// sweepHalfULP reports whether got (a decimal of digits significant digits)
// is within half a unit in its last place of want.
func sweepHalfULP(t *testing.T, got, want string, digits int) bool {
	t.Helper()
	g, _, err1 := big.ParseFloat(got, 10, 512, big.ToNearestEven)
	w, _, err2 := big.ParseFloat(want, 10, 512, big.ToNearestEven)
	if err1 != nil || err2 != nil {
		t.Fatalf("bad numbers %q, %q", got, want)
	}
	wf, _ := w.Float64()
	ulp, _, _ := big.ParseFloat("5e"+strconv.Itoa(int(math.Floor(math.Log10(math.Abs(wf))))-digits), 10, 512, big.ToNearestEven)
	d := new(big.Float).SetPrec(512).Sub(g, w)
	return d.Abs(d).Cmp(ulp) <= 0
}

// TestSweepReference runs the CLI on the grids of
// sweep/testdata/reference.json (mpmath at 50 digits; λ, α by findroot on
// the original fixed-point equations, see sweep/testdata/gen_reference.py)
// and checks every JSON row: λ, α, α' correctly rounded to 20 digits,
// feasibility and stability exactly, S and ρ to 1e-9.
func TestSweepReference(t *testing.T) {
	b, err := os.ReadFile("../../sweep/testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Grids []struct {
			Mean, Var, Omega, Tau string
			Rows                  []struct {
				Mean, Var      string
				Feasible       bool
				Lambda, Alpha  string
				AlphaPrime     string `json:"alpha_prime"`
				SpectralNorm   string `json:"spectral_norm"`
				SpectralRadius string `json:"spectral_radius"`
				Stable         bool
			}
		}
	}
	if err := json.Unmarshal(b, &ref); err != nil || len(ref.Grids) == 0 {
		t.Fatalf("reference: %v", err)
	}
	for _, g := range ref.Grids {
		code, out, errs := sweepRun("sweep", "--mean", g.Mean, "--var", g.Var, "--omega", g.Omega, "--tau", g.Tau, "--digits", "20", "--format", "json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var got struct {
			Digits int
			Order  string
			Rows   []struct {
				Mean, Var      string
				Feasible       bool
				Lambda, Alpha  *string
				AlphaPrime     *string  `json:"alpha_prime"`
				SpectralNorm   *float64 `json:"spectral_norm"`
				SpectralRadius *float64 `json:"spectral_radius"`
				Stable         *bool
			}
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if got.Digits != 20 || got.Order != "mean-major" || len(got.Rows) != len(g.Rows) {
			t.Fatalf("grid %s × %s: digits %d, order %q, %d rows, want 20, mean-major, %d", g.Mean, g.Var, got.Digits, got.Order, len(got.Rows), len(g.Rows))
		}
		for k, w := range g.Rows {
			r := got.Rows[k]
			if r.Mean != w.Mean || r.Var != w.Var || r.Feasible != w.Feasible {
				t.Errorf("row %d: (%s, %s) feasible %v, want (%s, %s) %v", k, r.Mean, r.Var, r.Feasible, w.Mean, w.Var, w.Feasible)
				continue
			}
			if !w.Feasible {
				if r.Lambda != nil || r.Stable != nil {
					t.Errorf("row %d: infeasible target with values", k)
				}
				continue
			}
			if !sweepHalfULP(t, *r.Lambda, w.Lambda, 20) || !sweepHalfULP(t, *r.Alpha, w.Alpha, 20) || !sweepHalfULP(t, *r.AlphaPrime, w.AlphaPrime, 20) {
				t.Errorf("row %d (%s, %s): λ, α, α' = %s, %s, %s, want %s, %s, %s", k, r.Mean, r.Var, *r.Lambda, *r.Alpha, *r.AlphaPrime, w.Lambda, w.Alpha, w.AlphaPrime)
			}
			sn, _ := strconv.ParseFloat(w.SpectralNorm, 64)
			sr, _ := strconv.ParseFloat(w.SpectralRadius, 64)
			if math.Abs(*r.SpectralNorm-sn) > 1e-9*sn || math.Abs(*r.SpectralRadius-sr) > 1e-9*sr || *r.Stable != w.Stable {
				t.Errorf("row %d (%s, %s): S, ρ, stable = %v, %v, %v, want %v, %v, %v", k, r.Mean, r.Var, *r.SpectralNorm, *r.SpectralRadius, *r.Stable, sn, sr, w.Stable)
			}
		}
	}
}

// TestSweepFiles: -o writes the same table as standard output; --html
// writes a self-contained page with three heat maps.
func TestSweepFiles(t *testing.T) {
	dir := t.TempDir()
	args := []string{"sweep", "--mean", "-0.6:0.6:0.3", "--var", "0.5:2:0.5", "--digits", "12"}
	code, want, errs := sweepRun(args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	csvFile, htmlFile := filepath.Join(dir, "grid.csv"), filepath.Join(dir, "grid.html")
	code, out, errs := sweepRun(append(args, "-o", csvFile, "--html", htmlFile)...)
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q: %s", code, out, errs)
	}
	got, err := os.ReadFile(csvFile)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("-o file differs from standard output")
	}
	recs, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
	if err != nil || len(recs) != 21 || strings.Join(recs[0], ",") != "mean,var,feasible,lambda,alpha,alpha_prime,spectral_norm,spectral_radius,stable" {
		t.Fatalf("CSV: %v %q", err, recs)
	}
	// Mean-major order; (0.6, 0.5) is beyond the edge √(0.5/(π−1)) ≈ 0.483.
	if recs[1][0] != "-0.6" || recs[2][0] != "-0.6" || recs[2][1] != "1" || recs[17][0] != "0.6" || recs[17][2] != "false" {
		t.Errorf("order or feasibility: %q", recs[1:3])
	}
	page, err := os.ReadFile(htmlFile)
	if err != nil {
		t.Fatal(err)
	}
	p := string(page)
	if strings.Count(p, "<svg") != 5 || strings.Contains(p, "<script") || strings.Contains(p, `src="http`) ||
		!strings.Contains(p, "20: 18 feasible, 18 of them stable") {
		t.Errorf("HTML page: %d SVGs, or missing summary", strings.Count(p, "<svg"))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestSweepBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{},
		{"--mean", "0:1:0.5"},
		{"--var", "1"},
		{"--mean", "0", "--var", "0:1:0.5"},
		{"--mean", "0", "--var", "-1"},
		{"--mean", "1:0:0.1", "--var", "1"},
		{"--mean", "0:1:0", "--var", "1"},
		{"--mean", "0:1:-0.5", "--var", "1"},
		{"--mean", "0:1", "--var", "1"},
		{"--mean", "x:1:0.5", "--var", "1"},
		{"--mean", "0:1:1e-7", "--var", "1"},
		{"--mean", "0:1:0.0001", "--var", "1:2:0.001"},
		{"--mean", "0", "--var", "1", "--format", "xml"},
		{"--mean", "0", "--var", "1", "--digits", "0"},
		{"--mean", "0", "--var", "1", "--digits", "100000"},
		{"--mean", "0", "--var", "1", "--tau", "0"},
		{"--mean", "0", "--var", "1", "--tau", "NaN"},
		{"--mean", "0", "--var", "1", "--omega", "1/0"},
		{"--mean", "0", "--var", "1", "--tau", "1/x"},
		{"--mean", "0", "--var", "1", "-o", filepath.Join(dir, "no", "such", "dir.csv")},
		{"--mean", "0", "--var", "1:2:1", "--html", filepath.Join(dir, "one-mean.html")},
		{"--mean", "0:1:1", "--var", "1:2:1", "-o", filepath.Join(dir, "x"), "--html", filepath.Join(dir, "x")},
		{"--mean", "0", "--var", "1e-30"},
		{"--mean", "0", "--var", "1", "stray"},
		// An output that is a directory fails before any output (it used
		// to write the CSV to standard output and then exit 2).
		{"--mean", "0:1:1", "--var", "1:2:1", "--html", dir},
		{"--mean", "0:1:1", "--var", "1:2:1", "-o", dir},
		// "--html -o FILE": --html would take "-o" as its file name.
		{"--mean", "0:1:1", "--var", "1:2:1", "--html", "-o", filepath.Join(dir, "t.csv")},
		{"--mean", "0:1:1", "--var", "1:2:1", "-o", "--html", filepath.Join(dir, "p.html")},
		// Empty file names, and the page on standard output beside the
		// table, are refused (they were ignored, or written to "-").
		{"--mean", "0:1:1", "--var", "1:2:1", "-o", ""},
		{"--mean", "0:1:1", "--var", "1:2:1", "--html", ""},
		{"--mean", "0:1:1", "--var", "1:2:1", "--html", "-"},
		{"--mean", "0:1:1", "--var", "1:2:1", "--max-time", "0"},
		{"--mean", "0:1:1", "--var", "1:2:1", "--max-time", "soon"},
		// Estimated beyond --max-time: refused before the work.
		{"--mean", "0:1:0.5", "--var", "1:2:0.5", "--max-time", "1ns", "-o", filepath.Join(dir, "slow.csv")},
	} {
		code, out, errs := sweepRun(append([]string{"sweep"}, args...)...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "selu-solve: ") {
			t.Errorf("sweep %v: exit %d, stdout %q, stderr %q; want exit 2 and one line", args, code, out, errs)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files written on bad input: %v", entries)
	}
}

// TestSweepDashIsStdout: -o - writes the table to standard output, as
// without -o, and creates no file called "-".
func TestSweepDashIsStdout(t *testing.T) {
	t.Chdir(t.TempDir())
	code, out, errs := sweepRun("sweep", "--mean", "0", "--var", "1", "-o", "-")
	_, want, _ := sweepRun("sweep", "--mean", "0", "--var", "1")
	if code != 0 || errs != "" || out != want {
		t.Errorf("-o -: exit %d, stderr %q, stdout %q; want exit 0 and %q", code, errs, out, want)
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error(`-o - created a file called "-"`)
	}
}

// TestSweepCostRefused: the grid of 1e6 targets at 10000 digits (about
// 30 h on 2 cores, 30 GB of CSV) is refused after the estimate from three
// targets, in one line that gives the estimate and the flag that would
// allow it; a small sweep runs under the default limit.
func TestSweepCostRefused(t *testing.T) {
	code, out, errs := sweepRun("sweep", "--mean", "-0.5:0.499:0.001", "--var", "1:1.999:0.001", "--digits", "10000")
	if code != 2 || out != "" || strings.Count(errs, "\n") != 1 ||
		!strings.Contains(errs, "estimated") || !strings.Contains(errs, "1000000 targets") ||
		!strings.Contains(errs, "GB of CSV") || !strings.Contains(errs, "--max-time") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, errs = sweepRun("sweep", "--mean", "0:0.2:0.1", "--var", "1:2:0.5", "--digits", "20")
	if code != 0 || strings.Count(out, "\n") != 10 {
		t.Errorf("small sweep: exit %d, %d lines, %s", code, strings.Count(out, "\n"), errs)
	}
}

// TestSweepFailureKeepsFile: a sweep that fails on a target leaves an
// existing -o file as it was and no temporary file behind.
func TestSweepFailureKeepsFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "keep.csv")
	if err := os.WriteFile(file, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Variances below 1e-20 are out of the solver's range: a target error,
	// not bad grid syntax.
	code, out, errs := sweepRun("sweep", "--mean", "0:0.5:0.1", "--var", "1e-30:2:1", "-o", file)
	if code != 2 || out != "" || !strings.Contains(errs, "target (0, ") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if b, _ := os.ReadFile(file); string(b) != "old\n" {
		t.Errorf("-o file changed to %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
}

// TestSweepJSONStreamed: the streamed JSON is one valid object with every
// row in mean-major order ((0.6, 0.5) is beyond the edge ≈ 0.483, docs/model.md §4),
// for a file and for standard output alike.
func TestSweepJSONStreamed(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "t.json")
	args := []string{"sweep", "--mean", "-0.2:0.6:0.2", "--var", "0.5:1:0.25", "--format", "json", "--digits", "15"}
	code, out, errs := sweepRun(args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if code, _, errs := sweepRun(append(args, "-o", file)...); code != 0 {
		t.Fatalf("-o: exit %d: %s", code, errs)
	}
	got, err := os.ReadFile(file)
	if err != nil || string(got) != out {
		t.Fatalf("file differs from standard output (%v)", err)
	}
	var tab struct {
		Means, Variances int
		Rows             []struct {
			Mean, Var string
			Feasible  bool
		}
	}
	if err := json.Unmarshal(got, &tab); err != nil {
		t.Fatal(err)
	}
	if tab.Means != 5 || tab.Variances != 3 || len(tab.Rows) != 15 || tab.Rows[14].Mean != "0.6" || tab.Rows[14].Var != "1" || tab.Rows[12].Feasible {
		t.Errorf("JSON: %+v", tab)
	}
}

// TestSweepInfeasibleIsARow: a grid of only infeasible targets is not an
// error.
func TestSweepInfeasibleIsARow(t *testing.T) {
	code, out, errs := sweepRun("sweep", "--mean", "2:3:1", "--var", "1", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Count(out, `"feasible": false`) != 2 || !strings.Contains(out, "is infeasible") {
		t.Errorf("output: %s", out)
	}
}

// TestSweepFractionTau: --tau 1/3 is exact (PyTorch's default nn.Linear
// init, docs/model.md §7) and the JSON says so.
func TestSweepFractionTau(t *testing.T) {
	code, out, errs := sweepRun("sweep", "--mean", "0", "--var", "1", "--tau", "1/3", "--format", "json", "--digits", "10")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, `"tau": "1/3"`) || !strings.Contains(out, `"feasible": true`) {
		t.Errorf("output: %s", out)
	}
}

// TestSweepCertify: --certify adds the certificate columns (compared with
// verify.Certify target by target in package sweep), leaves them empty for
// an infeasible target, draws the map of certified widths on the page, and
// counts in the cost estimate: a grid that runs in seconds without it is
// refused with it under a short --max-time, naming --certify.
func TestSweepCertify(t *testing.T) {
	page := filepath.Join(t.TempDir(), "sweep.html")
	code, out, errs := sweepRun("sweep", "--mean", "0.3:0.7:0.4", "--var", "0.2:1.2:1", "--certify", "--html", page)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 5 {
		t.Fatalf("%d records, %v:\n%s", len(recs), err, out)
	}
	head := strings.Join(recs[0], ",")
	if !strings.HasSuffix(head, ",stable,certified,certified_scale,certified_mu,certified_omega,certified_nu,certified_tau,certified_norm,certified_bound,certified_pieces") {
		t.Errorf("header %q", head)
	}
	for _, r := range recs[1:] {
		cert := r[9:]
		switch r[0] + "," + r[1] {
		case "0.7,0.2": // infeasible
			if r[2] != "false" || strings.Join(cert, "") != "" {
				t.Errorf("infeasible row %q", r)
			}
		case "0.3,0.2": // ρ = 0.999: not certified (docs/verify.md)
			if cert[0] != "false" || cert[1] != "0" || cert[2] != "" {
				t.Errorf("row (0.3, 0.2) %q, want not certified", r)
			}
		case "0.7,1.2": // in pieces at smaller widths
			if cert[0] != "true" || cert[2] == "" || cert[7] == "" || cert[8] == "1" || cert[8] == "" {
				t.Errorf("row (0.7, 1.2) %q, want certified in pieces with the hull of their boxes and the largest bound", r)
			}
		}
	}
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(html, []byte(`id="fig-certified"`)) || !bytes.Contains(html, []byte(`data-value="certified"`)) {
		t.Error("the page has no map or count of certified targets")
	}

	grid := []string{"sweep", "--mean", "-0.5:0.49:0.01", "--var", "1:1.99:0.01", "--max-time", "20s"}
	if code, _, errs := sweepRun(append(grid, "--certify")...); code != 2 || !strings.Contains(errs, "certified") || !strings.Contains(errs, "drop --certify") {
		t.Errorf("10000 certified targets under --max-time 20s: exit %d, %s", code, errs)
	}
}
