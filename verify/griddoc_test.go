package verify_test

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// docGrid is the grid table of docs/verify.md ("A grid of targets"): the
// variances of its header, and for each mean its cells.
type docGrid struct {
	vars  []float64
	cells map[[2]float64]string // (μ*, ν*) → cell
	means []float64
	// counts is the table of outcomes below the grid.
	counts map[string]int
}

// readDocGrid parses the grid and the outcome table of docs/verify.md.
func readDocGrid(t *testing.T) docGrid {
	t.Helper()
	b, err := os.ReadFile("../docs/verify.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "| μ* \\ ν* |")
	if i < 0 {
		t.Fatal("docs/verify.md: no grid table (a line starting | μ* \\ ν* |)")
	}
	g := docGrid{cells: map[[2]float64]string{}, counts: map[string]int{}}
	row := func(line string) []string {
		f := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		for k := range f {
			f[k] = strings.TrimSpace(f[k])
		}
		return f
	}
	lines := strings.Split(s[i:], "\n")
	for _, h := range row(lines[0])[1:] {
		v, err := strconv.ParseFloat(h, 64)
		if err != nil {
			t.Fatalf("docs/verify.md: grid header %q: %v", h, err)
		}
		g.vars = append(g.vars, v)
	}
	k := 2
	for ; k < len(lines) && strings.HasPrefix(lines[k], "|"); k++ {
		f := row(lines[k])
		m, err := strconv.ParseFloat(f[0], 64)
		if err != nil || len(f) != len(g.vars)+1 {
			t.Fatalf("docs/verify.md: grid row %q", lines[k])
		}
		g.means = append(g.means, m)
		for j, c := range f[1:] {
			g.cells[[2]float64{m, g.vars[j]}] = c
		}
	}
	count := regexp.MustCompile(`^\| ([^|]+?) \| ([0-9]+)`)
	for ; k < len(lines) && k < 60+len(g.means); k++ {
		if m := count.FindStringSubmatch(lines[k]); m != nil {
			n, _ := strconv.Atoi(m[2])
			g.counts[m[1]] = n
		}
	}
	return g
}

// TestGridDocUpToDate is the cheap staleness check of the grid in
// docs/verify.md, which TestGridDoc (-griddoc) regenerates in full
// (170 targets, about half a minute): the outcome counts under the
// table must be those of its cells, and a sample of cells, one of each
// kind and cheap to prove, must be what Certify gives today.
func TestGridDocUpToDate(t *testing.T) {
	g := readDocGrid(t)
	if len(g.means)*len(g.vars) != 170 {
		t.Errorf("docs/verify.md: grid of %d × %d targets, the text says 170", len(g.means), len(g.vars))
	}
	tally := map[string]int{}
	for _, c := range g.cells {
		switch {
		case c == "infeasible":
			tally["infeasible"]++
		case strings.HasPrefix(c, "✓"):
			tally["certified at the paper's widths"]++
		case strings.HasPrefix(c, "✗"):
			tally["not certified"]++
		default:
			tally["certified at smaller widths"]++
		}
		if strings.Contains(c, " P") {
			tally["of the certified: in a weighted norm"]++
		}
		if strings.HasSuffix(c, " pieces") {
			tally["of the certified: in pieces"]++
		}
	}
	for k, n := range tally {
		if g.counts[k] != n {
			t.Errorf("docs/verify.md: the outcome table says %q: %d, the grid has %d", k, g.counts[k], n)
		}
	}

	// One cell of each kind: infeasible, ✓, ✓ P, ✓ P in pieces, ✓ in
	// pieces, a fraction in pieces, not certified.
	sample := [][2]float64{{-1, 0.1}, {-0.5, 1}, {-0.2, 0.2}, {-0.3, 0.2}, {0, 0.1}, {0.6, 1}, {0.3, 0.2}}
	for _, p := range sample {
		want, ok := g.cells[p]
		if !ok {
			t.Errorf("docs/verify.md: no cell for (%v, %v)", p[0], p[1])
			continue
		}
		r := certifyGrid(t, []float64{p[0]}, []float64{p[1]})[0]
		if got := gridCell(r); got != want {
			t.Errorf("(%v, %v): docs/verify.md says %q, Certify gives %q: regenerate the table with go test -run TestGridDoc -v ./verify -args -griddoc", p[0], p[1], want, got)
		}
	}
}
