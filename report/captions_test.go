package report

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

// TestUnstableTargetCaptions builds the report for the notebook convention
// at (0, 1), whose fixed point repels (ρ = 1.077, docs/report.md): no start
// of the 2-D basin converges and the certificate is refuted. The captions
// and the verdict must read as sentences: no median or maximum of steps
// over zero converging starts, and the prover's reason quoted, not run into
// the sentence ("it found false: …").
func TestUnstableTargetCaptions(t *testing.T) {
	t.Parallel()
	c := smallConfig(t, "0", "1")
	c.Result = solved(t, "0", "1", "1", "1")
	d, err := build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if s := summarizeBasin(d.Basin); s.Converged != 0 {
		t.Fatalf("%d basin starts converge for an unstable fixed point", s.Converged)
	}
	var page strings.Builder
	if err := render(&page, d); err != nil {
		t.Fatal(err)
	}
	p := page.String()
	if m := regexp.MustCompile(`0 of \d+ starts converge \(median`).FindString(p); m != "" {
		t.Errorf("basin caption %q: a median over no converging starts", m)
	}
	if !regexp.MustCompile(`0 of \d+ starts converge;`).MatchString(p) {
		t.Error("basin caption does not say that no start converges")
	}
	if strings.Contains(p, "it found false") {
		t.Error(`the verdict runs the prover's reason into the sentence: "it found false: …"`)
	}
	if !strings.Contains(p, "reason: “false: ") {
		t.Error("the verdict does not quote the prover's reason")
	}
}
