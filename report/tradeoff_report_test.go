package report

import (
	"context"
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/selu-tool/selu/compare"
	"github.com/selu-tool/selu/solver"
)

// tradeoffSection returns the HTML of the report's section 8.
func tradeoffSection(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<section id="tradeoff">(.*?)</section>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the report has no trade-off section")
	}
	return m[1]
}

// TestReportTradeoff checks the trade-off section of the single-target
// report: the nine figures of TradeoffSection, the report's target marked
// on each curve (the "requested target" ring in each curve's legend), and
// the target's own numbers on it: the ringed points are compare.Rows for
// the target, so the section equals TradeoffSection for that row with the
// report's options.
func TestReportTradeoff(t *testing.T) {
	d, page := testPage(t)
	sec := tradeoffSection(t, string(page))
	if n := strings.Count(sec, `<figure class="plot"`); n != 9 {
		t.Errorf("trade-off section: %d figures, want 9", n)
	}
	// Six curve figures and the trade-off plot carry the ring's legend.
	if n := strings.Count(sec, "requested target"); n < 7 {
		t.Errorf("the target is marked in %d figures, want 7", n)
	}
	c := smallConfig(t, "0", "4")
	rows, err := compare.Rows([]compare.Target{c.Result.Target}, &compare.Options{Depth: c.MC.Depth})
	if err != nil {
		t.Fatal(err)
	}
	want, err := TradeoffSection(rows, TradeoffOptions{Depth: c.MC.Depth, CurvePoints: 9, MapPoints: 5, VarMin: 0.01, VarMax: 100, MeanMin: -1, MeanMax: 1})
	if err != nil {
		t.Fatal(err)
	}
	if string(d.Tradeoff) != string(want) {
		t.Error("the report's trade-off section differs from TradeoffSection for its target")
	}
}

// TestReportTradeoffRange: a target outside ν* ∈ [0.01, 100] or
// μ* ∈ [−1, 1] widens the curves and maps to contain it; Tradeoff.Off
// and random weights leave the section "Not computed".
func TestReportTradeoffRange(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ mean, variance string }{{"0", "400"}, {"0", "0.004"}, {"-1.5", "30"}} {
		c := smallConfig(t, tc.mean, tc.variance)
		c.MC.Off, c.Verify.Off = true, true
		d, err := build(context.Background(), c)
		if err != nil {
			t.Fatalf("(%s, %s): %v", tc.mean, tc.variance, err)
		}
		if n := strings.Count(string(d.Tradeoff), "requested target"); n < 7 {
			t.Errorf("(%s, %s): the target is marked in %d figures, want 7", tc.mean, tc.variance, n)
		}
	}
	c := smallConfig(t, "0", "1")
	c.MC.Off, c.Verify.Off, c.Tradeoff.Off = true, true, true
	r, err := Build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := r.Render(&b); err != nil {
		t.Fatal(err)
	}
	if sec := tradeoffSection(t, b.String()); !strings.Contains(sec, "Not computed") || strings.Contains(sec, "<figure") {
		t.Error("Tradeoff.Off: the section is not marked as not computed")
	}
	tg, _ := solver.ParseTarget("0", "1")
	res, err := solver.SolveLeCun(tg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Result, c.Tradeoff.Off = res, false
	if r, err = Build(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := r.Render(&b); err != nil {
		t.Fatal(err)
	}
	if sec := tradeoffSection(t, b.String()); !strings.Contains(sec, "not random weights") {
		t.Error("random weights: the section does not say why it is not computed")
	}
}

// TestTradeoffSectionNoStableTarget: for the notebook's weights ω = 1,
// τ = 1 at mean −0.1 the layer map has no stable fixed point along the
// curve, so the log-scale figures get no data; they must be drawn empty,
// not panic in gonum/plot (as they did on the default range [−1, 1]).
func TestTradeoffSectionNoStableTarget(t *testing.T) {
	one := solver.NewTarget(-0.1, 2)
	rows, err := compare.Rows([]compare.Target{one}, &compare.Options{Omega: big.NewRat(1, 1), Tau: big.NewRat(1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := TradeoffSection(rows, TradeoffOptions{CurvePoints: 7, MapPoints: 4})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(sec), "<figure"); n != 9 {
		t.Errorf("%d figures, want 9", n)
	}
}
