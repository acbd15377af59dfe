package report

import (
	"context"
	"strings"
	"testing"
)

// TestCertificateNoBoxEvaluated: for (0.3, 0.2) (ρ = 0.9986, S = 1.25 at
// the fixed point; docs/report.md) the box search finds no (μ, ν) box that g
// maps into itself, so no box is ever evaluated for the contraction. The
// page must then not print a "proved bound" (it would read S ≤ +Inf) or a
// "largest value found at a point" (no point was evaluated).
func TestCertificateNoBoxEvaluated(t *testing.T) {
	t.Parallel()
	c := smallConfig(t, "0.3", "0.2")
	c.MC.Off = true
	d, err := build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	cert := d.Certificate
	if cert == nil || cert.Certified {
		t.Fatalf("certificate %+v: want a failed one", cert)
	}
	if cert.Boxes != 0 {
		t.Skipf("%d boxes evaluated: the search got as far as the contraction, this case does not apply", cert.Boxes)
	}
	if cert.BoundName != "" || strings.Contains(cert.Bound, "Inf") || strings.Contains(cert.Bound, "found at a point") {
		t.Errorf("no box was evaluated, yet the certificate shows a bound: %q %q", cert.BoundName, cert.Bound)
	}
}
