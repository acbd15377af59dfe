package sweep

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/verify"
)

// TestCertifyColumn checks Options.Certify on a 2 × 2 grid against
// verify.Certify called on each target by itself, as
// `selu-solve verify --mean M --var V` does. The grid holds a target the
// search does not certify ((0.3, 0.2), ρ = 0.999 at its fixed point: "✗"
// in the grid of docs/verify.md), one certified at smaller widths than
// Theorem 1's, in pieces ((0.7, 1.2)), and one infeasible target
// ((0.7, 0.2): the mean is above the ReLU limit, docs/model.md §4), which
// must stay an infeasible row without a certificate.
func TestCertifyColumn(t *testing.T) {
	g := mustGrid(t, "0.3:0.7:0.4", "0.2:1.2:1")
	tab, err := Run(context.Background(), g, &Options{Certify: true, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !tab.Certify {
		t.Fatal("Table.Certify is false for a certified sweep")
	}
	seen := map[string]bool{}
	for k, r := range tab.Rows {
		tg := tab.Target(k)
		name := tab.Grid.Mean.Text(r.MeanIndex) + "," + tab.Grid.Var.Text(r.VarIndex)
		if !r.Feasible {
			seen["infeasible"] = true
			if r.Certificate != nil {
				t.Errorf("%s: infeasible row has a certificate %+v", name, r.Certificate)
			}
			continue
		}
		c := r.Certificate
		if c == nil {
			t.Errorf("%s: feasible row without a certificate", name)
			continue
		}
		mu, _ := tg.Mean.Float64()
		nu, _ := tg.Var.Float64()
		want, err := verify.Certify(mapping.Point{Mean: mu, Var: nu}, r.Constants, mapping.Normalized(), nil)
		if err != nil {
			t.Fatalf("%s: verify.Certify: %v", name, err)
		}
		if c.Certified != want.Certified {
			t.Errorf("%s: certified %v, verify.Certify says %v", name, c.Certified, want.Certified)
			continue
		}
		if !want.Certified {
			seen["not certified"] = true
			if c.Scale != 0 || c.Box != (verify.Box{}) || c.Reason == "" {
				t.Errorf("%s: not certified, but scale %v, box %+v, reason %q", name, c.Scale, c.Box, c.Reason)
			}
			continue
		}
		seen["certified"] = true
		if c.Scale != want.Search.Scale || c.Box != want.Box || c.Norm != want.Norm || c.Bound != want.MaxSpectralNorm || c.Pieces != max(1, len(want.Pieces)) {
			t.Errorf("%s: certificate (scale %v, box %+v, norm %v, bound %v), verify.Certify (scale %v, box %+v, norm %v, bound %v)",
				name, c.Scale, c.Box, c.Norm, c.Bound, want.Search.Scale, want.Box, want.Norm, want.MaxSpectralNorm)
		}
		if !(c.Bound < 1) || !(c.Scale > 0 && c.Scale <= 1) {
			t.Errorf("%s: certified with bound %v, scale %v", name, c.Bound, c.Scale)
		}
	}
	// The targets named above, by their expected answers.
	want := map[string]bool{"0.3,0.2": false, "0.7,1.2": true}
	found := 0
	for _, r := range tab.Rows {
		name := tab.Grid.Mean.Text(r.MeanIndex) + "," + tab.Grid.Var.Text(r.VarIndex)
		exp, ok := want[name]
		if ok {
			found++
		}
		if ok && (r.Certificate == nil || r.Certificate.Certified != exp) {
			t.Errorf("%s: certificate %+v, want certified = %v", name, r.Certificate, exp)
		}
		if name == "0.7,1.2" && r.Certificate != nil && !(r.Certificate.Scale < 1 && r.Certificate.Pieces > 1) {
			t.Errorf("%s: certified at scale %v in %d pieces, want below 1 in pieces", name, r.Certificate.Scale, r.Certificate.Pieces)
		}
	}
	if found != len(want) {
		t.Errorf("found %d of the targets %v in the grid", found, want)
	}
	for _, s := range []string{"infeasible", "not certified", "certified"} {
		if !seen[s] {
			t.Errorf("no %s row in the grid", s)
		}
	}

	// Deterministic: the same bytes on one worker.
	one, err := Run(context.Background(), g, &Options{Certify: true, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := tab.WriteCSV(&a); err != nil {
		t.Fatal(err)
	}
	if err := one.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("certified CSV differs between 2 workers and 1:\n%s\n%s", a.String(), b.String())
	}
	checkCertifiedCSV(t, tab, a.Bytes())
	checkCertifiedJSON(t, tab)
}

// checkCertifiedCSV checks the certified columns of a CSV table against
// its rows.
func checkCertifiedCSV(t *testing.T, tab *Table, out []byte) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := append(Columns(), "certified", "certified_scale", "certified_mu", "certified_omega", "certified_nu", "certified_tau", "certified_norm", "certified_bound", "certified_pieces")
	if !slices.Equal(recs[0], head) || !slices.Equal(tab.Columns(), head) {
		t.Fatalf("CSV header %v, Table.Columns %v, want %v", recs[0], tab.Columns(), head)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for k, r := range tab.Rows {
		rec := recs[k+1]
		if !r.Feasible {
			for _, h := range head[len(Columns()):] {
				if rec[col[h]] != "" {
					t.Errorf("row %d: infeasible, but %s = %q", k, h, rec[col[h]])
				}
			}
			continue
		}
		c := r.Certificate
		if rec[col["certified"]] != strconv.FormatBool(c.Certified) {
			t.Errorf("row %d: certified = %q, want %v", k, rec[col["certified"]], c.Certified)
		}
		if s, err := strconv.ParseFloat(rec[col["certified_scale"]], 64); err != nil || math.Abs(s-c.Scale) > 1e-6*c.Scale {
			t.Errorf("row %d: certified_scale = %q, want %v", k, rec[col["certified_scale"]], c.Scale)
		}
		if !c.Certified {
			if rec[col["certified_mu"]] != "" || rec[col["certified_bound"]] != "" {
				t.Errorf("row %d: not certified, but box %q, bound %q", k, rec[col["certified_mu"]], rec[col["certified_bound"]])
			}
			continue
		}
		if want := rangeText(c.Box.Tau); rec[col["certified_tau"]] != want {
			t.Errorf("row %d: certified_tau = %q, want %q", k, rec[col["certified_tau"]], want)
		}
		// The printed bound is rounded up: still a bound, and below 1.
		if b, err := strconv.ParseFloat(rec[col["certified_bound"]], 64); err != nil || b < c.Bound || !(b < 1) {
			t.Errorf("row %d: certified_bound = %q for the bound %v", k, rec[col["certified_bound"]], c.Bound)
		}
		if n, err := strconv.Atoi(rec[col["certified_pieces"]]); err != nil || n != c.Pieces || n < 1 {
			t.Errorf("row %d: certified_pieces = %q, want %d", k, rec[col["certified_pieces"]], c.Pieces)
		}
		if c.Norm.Euclidean() != (rec[col["certified_norm"]] == "2") {
			t.Errorf("row %d: certified_norm = %q for %v", k, rec[col["certified_norm"]], c.Norm)
		}
	}
}

// checkCertifiedJSON checks the JSON fields of a certified table.
func checkCertifiedJSON(t *testing.T, tab *Table) {
	t.Helper()
	var buf bytes.Buffer
	if err := tab.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Certify bool
		Rows    []struct {
			Feasible    bool
			Certified   *bool
			Certificate *struct {
				Scale float64
				Box   *struct{ Mu, Omega, Nu, Tau [2]float64 }
				Bound *float64
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if !doc.Certify || len(doc.Rows) != len(tab.Rows) {
		t.Fatalf("JSON certify %v, %d rows", doc.Certify, len(doc.Rows))
	}
	for k, r := range tab.Rows {
		jr := doc.Rows[k]
		if !r.Feasible {
			if jr.Certified != nil || jr.Certificate != nil {
				t.Errorf("row %d: infeasible, but certified/certificate in the JSON", k)
			}
			continue
		}
		c := r.Certificate
		if jr.Certified == nil || *jr.Certified != c.Certified || jr.Certificate == nil || math.Abs(jr.Certificate.Scale-c.Scale) > 1e-6*c.Scale {
			t.Errorf("row %d: JSON certified %v, certificate %+v; want %v, scale %v", k, jr.Certified, jr.Certificate, c.Certified, c.Scale)
			continue
		}
		if c.Certified {
			b := jr.Certificate.Box
			if b == nil || b.Nu != [2]float64{c.Box.Nu.Lo, c.Box.Nu.Hi} || jr.Certificate.Bound == nil || *jr.Certificate.Bound < c.Bound {
				t.Errorf("row %d: JSON box %+v, bound %v; want ν %v, bound ≥ %v", k, b, jr.Certificate.Bound, c.Box.Nu, c.Bound)
			}
		} else if jr.Certificate.Box != nil {
			t.Errorf("row %d: not certified, but a box in the JSON", k)
		}
	}
}

// TestCertifyOff checks that without Options.Certify the output has no
// certificate columns or fields.
func TestCertifyOff(t *testing.T) {
	tab, err := Run(context.Background(), mustGrid(t, "0", "1"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Certify || tab.Rows[0].Certificate != nil || !slices.Equal(tab.Columns(), Columns()) {
		t.Errorf("uncertified sweep: Certify %v, certificate %+v, columns %v", tab.Certify, tab.Rows[0].Certificate, tab.Columns())
	}
	var buf bytes.Buffer
	if err := tab.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte("certif")) {
		t.Errorf("uncertified JSON mentions certificates:\n%s", buf.String())
	}
}

// BenchmarkRunCertify times a 5 × 4 grid (means −0.4 to 0.4, variances 0.5
// to 2, all feasible and stable) with and without Options.Certify, on one
// worker and on GOMAXPROCS workers: the cost of the certificate column
// against the constants alone (docs/sweep.md).
func BenchmarkRunCertify(b *testing.B) {
	g := mustGrid(b, "-0.4:0.4:0.2", "0.5:2:0.5")
	for _, certify := range []bool{false, true} {
		for _, workers := range []int{1, 0} {
			w := "max"
			if workers == 1 {
				w = "1"
			}
			b.Run("certify="+strconv.FormatBool(certify)+"/workers="+w, func(b *testing.B) {
				for b.Loop() {
					if _, err := Run(context.Background(), g, &Options{Workers: workers, Certify: certify}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
