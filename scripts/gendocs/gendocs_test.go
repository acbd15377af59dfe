package main

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/selu-tool/selu/solver"
)

// pageText returns the text of an HTML page with the tags removed and the
// white space collapsed.
func pageText(html string) string {
	t := regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(html, " ")
	t = strings.NewReplacer("&#39;", "'", "&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(t)
	return strings.Join(strings.Fields(t), " ")
}

// TestDocsUpToDate is the cheap staleness check of the generated
// documentation (scripts/gen-docs.sh regenerates it): the example page
// docs/example-0-4.html must show λ, α and α' of an independent
// solver.Solve for (0, 4) at 30 digits (the report's default), and its
// certificate's box count must be the one docs/report.md quotes; every
// <!--gen:…--> marker in docs/ must be closed.
func TestDocsUpToDate(t *testing.T) {
	b, err := os.ReadFile("../../" + ExamplePage)
	if err != nil {
		t.Fatal(err)
	}
	text := pageText(string(b))
	tg, err := solver.ParseTarget("0", "4")
	if err != nil {
		t.Fatal(err)
	}
	res, err := solver.Solve(tg, &solver.Options{Digits: 30})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{res.Text(res.Lambda), res.Text(res.Alpha), res.Text(res.AlphaPrime)} {
		if !strings.Contains(text, v) {
			t.Errorf("%s does not show %s (solver.Solve for (0, 4)): regenerate it with scripts/gen-docs.sh", ExamplePage, v)
		}
	}
	m := regexp.MustCompile(`boxes[^0-9]{0,40}([0-9]+)`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("%s: no box count of the certificate found", ExamplePage)
	}
	md, err := os.ReadFile("../../docs/report.md")
	if err != nil {
		t.Fatal(err)
	}
	q := regexp.MustCompile(`<!--gen:boxes-0-4-->([0-9]+)<!--/gen-->`).FindSubmatch(md)
	if q == nil {
		t.Fatal("docs/report.md: no <!--gen:boxes-0-4--> marker")
	}
	if page, _ := strconv.Atoi(m[1]); strconv.Itoa(page) != string(q[1]) {
		t.Errorf("%s examines %s boxes, docs/report.md says %s: regenerate both with scripts/gen-docs.sh", ExamplePage, m[1], q[1])
	}

	files, _ := os.ReadDir("../../docs")
	open, closed := regexp.MustCompile(`<!--gen:[a-z0-9-]+-->`), regexp.MustCompile(`<!--/gen-->`)
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".md") {
			continue
		}
		s, err := os.ReadFile("../../docs/" + f.Name())
		if err != nil {
			t.Fatal(err)
		}
		if o, c := len(open.FindAll(s, -1)), len(closed.FindAll(s, -1)); o != c || o != len(marker.FindAll(s, -1)) {
			t.Errorf("docs/%s: %d opening and %d closing generated-figure markers, not in pairs", f.Name(), o, c)
		}
	}
}
