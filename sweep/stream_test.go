package sweep

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math/big"
	"sync/atomic"
	"testing"
	"time"

	"github.com/selu-tool/selu/solver"
)

// TestStreamOrderAndWindow: Stream passes every row once, in grid order,
// the same rows as Run, and never has more than windowPerWorker·workers
// targets solved ahead of the last row passed on, even when the consumer
// is slow.
func TestStreamOrderAndWindow(t *testing.T) {
	t.Parallel()
	g := mustGrid(t, "-0.4:0.6:0.05", "0.5:1.5:0.25") // 21 × 5, some infeasible
	const workers = 3
	var emitted, ahead atomic.Int64
	opts := &Options{Workers: workers, Solver: &solver.Options{Digits: 12}}
	opts.Progress = func(done, _ int) {
		if d := int64(done) - emitted.Load(); d > ahead.Load() {
			ahead.Store(d)
		}
	}
	want, err := Run(context.Background(), g, &Options{Workers: 1, Solver: &solver.Options{Digits: 12}})
	if err != nil {
		t.Fatal(err)
	}
	var got []Row
	err = Stream(context.Background(), g, opts, func(k int, r Row) error {
		if k != len(got) {
			t.Fatalf("row %d passed on after %d rows", k, len(got))
		}
		if k < 5 {
			time.Sleep(20 * time.Millisecond) // a slow consumer at the start
		}
		got = append(got, r)
		emitted.Add(1)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != g.Len() {
		t.Fatalf("%d rows, want %d", len(got), g.Len())
	}
	for k := range got {
		if got[k] != want.Rows[k] {
			t.Errorf("row %d = %+v, want %+v", k, got[k], want.Rows[k])
		}
	}
	// Progress may be reported a moment after the row is handed on, so the
	// bound is the window plus the workers in flight.
	if a := ahead.Load(); a > windowPerWorker*workers+workers {
		t.Errorf("%d targets solved ahead of the consumer, window is %d", a, windowPerWorker*workers)
	}
}

// TestStreamErrors: an emit error stops the sweep and is returned as is; a
// solver error is returned naming the target; a cancelled context stops
// it.
func TestStreamErrors(t *testing.T) {
	t.Parallel()
	g := mustGrid(t, "-0.2:0.2:0.1", "0.5:2:0.5")
	stopAt := errors.New("enough")
	n := 0
	err := Stream(context.Background(), g, &Options{Workers: 2}, func(k int, _ Row) error {
		n++
		if k == 3 {
			return stopAt
		}
		return nil
	})
	if err != stopAt || n != 4 {
		t.Errorf("emit error: err = %v after %d rows, want %v after 4", err, n, stopAt)
	}
	err = Stream(context.Background(), g, &Options{Solver: &solver.Options{Digits: -1}}, func(int, Row) error {
		t.Error("a row was passed on although every target fails")
		return nil
	})
	if err == nil || !bytes.HasPrefix([]byte(err.Error()), []byte("sweep: target")) {
		t.Errorf("solver error: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	err = Stream(ctx, g, &Options{Workers: 2}, func(k int, _ Row) error {
		if k == 1 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error = %v", err)
	}
}

// TestRowWriterBytes: the streamed CSV and JSON are byte for byte what
// encoding/csv and encoding/json (indent " ", no HTML escaping) give for
// the whole table at once, including an infeasible row whose reason has ">"
// (escaped by default) and an empty table.
func TestRowWriterBytes(t *testing.T) {
	t.Parallel()
	g := mustGrid(t, "0:0.6:0.3", "0.5:1:0.5")
	tab, err := Run(context.Background(), g, &Options{Solver: &solver.Options{Digits: 15, Tau: big.NewRat(1, 3)}})
	if err != nil {
		t.Fatal(err)
	}
	empty := *tab
	empty.Rows = nil
	for name, tb := range map[string]*Table{"full": tab, "empty": &empty} {
		// The whole-table encodings, as the writers produced them before
		// they streamed.
		var wantCSV bytes.Buffer
		cw := csv.NewWriter(&wantCSV)
		cw.Write(Columns())
		for _, r := range tb.Rows {
			cw.Write(tb.record(r))
		}
		cw.Flush()
		whole := struct {
			jsonHead
			Rows []jsonRow `json:"rows"`
		}{jsonHead{Omega: "0", Tau: "1/3", Digits: 15, Order: "mean-major", Means: 3, Variances: 2}, []jsonRow{}}
		for _, r := range tb.Rows {
			whole.Rows = append(whole.Rows, tb.jsonRow(r))
		}
		var wantJSON bytes.Buffer
		enc := json.NewEncoder(&wantJSON)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", " ")
		if err := enc.Encode(whole); err != nil {
			t.Fatal(err)
		}

		var gotCSV, gotJSON bytes.Buffer
		if err := tb.WriteCSV(&gotCSV); err != nil {
			t.Fatal(err)
		}
		if err := tb.WriteJSON(&gotJSON); err != nil {
			t.Fatal(err)
		}
		if gotCSV.String() != wantCSV.String() {
			t.Errorf("%s CSV:\n%s\nwant\n%s", name, gotCSV.String(), wantCSV.String())
		}
		if gotJSON.String() != wantJSON.String() {
			t.Errorf("%s JSON:\n%s\nwant\n%s", name, gotJSON.String(), wantJSON.String())
		}
		if name == "full" && !bytes.Contains(gotJSON.Bytes(), []byte("λ > 0")) {
			t.Errorf("no infeasible reason with \">\" in the test table:\n%s", gotJSON.String())
		}
	}
}

// TestColumnsFresh: Columns returns a new slice each time, so that a
// caller cannot change the CSV header of others.
func TestColumnsFresh(t *testing.T) {
	t.Parallel()
	a := Columns()
	a[0] = "changed"
	if b := Columns(); b[0] != "mean" || len(b) != len(columns) {
		t.Errorf("Columns() = %v after changing a previous result", b)
	}
}

// TestEstimate: the size estimate of a grid with uniform rows is the
// size of its output (to the rounding of the per-row mean), and the time
// is PerTarget·Targets/Workers.
func TestEstimate(t *testing.T) {
	t.Parallel()
	g := mustGrid(t, "0", "0.5:1.5:0.125") // 9 feasible targets, rows of similar size
	o := &Options{Workers: 2, Solver: &solver.Options{Digits: 40}}
	c, err := Estimate(context.Background(), g, o)
	if err != nil {
		t.Fatal(err)
	}
	if c.Targets != 9 || c.Sampled != 3 || c.Workers != 2 || !(c.PerTarget > 0) {
		t.Fatalf("%+v", c)
	}
	if want := time.Duration(float64(c.PerTarget) * 9 / 2); c.Time < want-time.Microsecond || c.Time > want+time.Microsecond {
		t.Errorf("Time = %v, want %v", c.Time, want)
	}
	tab, err := Run(context.Background(), g, o)
	if err != nil {
		t.Fatal(err)
	}
	var csvOut, jsonOut bytes.Buffer
	tab.WriteCSV(&csvOut)
	tab.WriteJSON(&jsonOut)
	for _, x := range []struct {
		name      string
		est, real int64
	}{{"CSV", c.CSVBytes, int64(csvOut.Len())}, {"JSON", c.JSONBytes, int64(jsonOut.Len())}} {
		// Rows differ by a few characters (the variance's digits).
		if d := x.est - x.real; d < -9*4 || d > 9*4 {
			t.Errorf("%s size estimate %d, output %d", x.name, x.est, x.real)
		}
	}
}
