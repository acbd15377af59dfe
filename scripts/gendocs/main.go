// Gendocs regenerates the documentation figures that come from a run:
//
//   - report: the example report docs/example-0-4.html and its screenshot
//     docs/example-0-4.png, and the certificate's box count and the CPU
//     times quoted in docs/report.md;
//   - montecarlo: the LeCun drift and the calibration table quoted in
//     docs/montecarlo.md.
//
// Run it from anywhere in the repository, through scripts/gen-docs.sh:
//
//	scripts/gen-docs.sh                       # everything
//	scripts/gen-docs.sh -parts montecarlo     # only the Monte Carlo figures
//	scripts/gen-docs.sh -skip-png             # without the screenshot (no Chromium)
//
// A figure quoted in a Markdown file sits between the markers
// <!--gen:NAME--> and <!--/gen-->; gendocs replaces what lies between them
// and nothing else, and fails if a marker it needs is missing. Files are
// written atomically. The screenshot needs Chromium (/usr/bin/chromium) for
// the report package's browser test; without it gendocs stops with an
// error unless -skip-png is given. TestDocsUpToDate (go test ./scripts/gendocs)
// checks cheaply that the example page matches the solver and the box count
// quoted in docs/report.md.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/montecarlo"
)

func main() {
	parts := flag.String("parts", "report,montecarlo", "comma-separated parts to regenerate: report, montecarlo")
	skipPNG := flag.Bool("skip-png", false, "do not regenerate docs/example-0-4.png (needs Chromium)")
	flag.Parse()
	if err := run(*parts, *skipPNG); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

func run(parts string, skipPNG bool) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	if err := os.Chdir(root); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "gendocs")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "selu-solve")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/selu-solve").CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./cmd/selu-solve: %v\n%s", err, out)
	}
	for _, p := range strings.Split(parts, ",") {
		switch strings.TrimSpace(p) {
		case "report":
			err = genReport(bin, tmp, skipPNG)
		case "montecarlo":
			err = genMonteCarlo(bin)
		default:
			err = fmt.Errorf("unknown part %q: want report or montecarlo", p)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// repoRoot returns the directory of go.mod, from the working directory up.
func repoRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %v", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("not inside the selu module (no go.mod)")
	}
	return filepath.Dir(mod), nil
}

// ExamplePage is the example report, relative to the repository root.
const ExamplePage = "docs/example-0-4.html"

// genReport writes the example page and its screenshot and the figures of
// docs/report.md: the certificate's box count for (0, 4) and the CPU time
// (user plus system) of the default report, of its certificate and of its
// Monte Carlo networks.
func genReport(bin, tmp string, skipPNG bool) error {
	full, _, err := cpuRun(bin, "report", "--mean", "0", "--var", "4", "-o", ExamplePage)
	if err != nil {
		return err
	}
	rest, _, err := cpuRun(bin, "report", "--mean", "0", "--var", "4", "--no-mc", "--no-verify", "-o", filepath.Join(tmp, "rest.html"))
	if err != nil {
		return err
	}
	cert, out, err := cpuRun(bin, "verify", "--mean", "0", "--var", "4", "--json")
	if err != nil {
		return err
	}
	var v struct {
		Certified bool
		Boxes     int
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return fmt.Errorf("selu-solve verify --json: %v", err)
	}
	if !v.Certified || v.Boxes <= 0 {
		return fmt.Errorf("selu-solve verify --mean 0 --var 4: certified %v with %d boxes", v.Certified, v.Boxes)
	}
	mc := math.Max(0, full-rest-cert)
	if err := replaceMarkers("docs/report.md", map[string]string{
		"boxes-0-4":   fmt.Sprint(v.Boxes),
		"report-cpu":  seconds(full),
		"cert-cpu":    seconds(cert),
		"mc-cpu":      seconds(mc),
		"rest-cpu":    seconds(rest),
		"report-size": fmt.Sprintf("%.2f", float64(fileSize(ExamplePage))/1e6),
	}); err != nil {
		return err
	}
	if skipPNG {
		fmt.Println("gendocs: docs/example-0-4.png not regenerated (-skip-png)")
		return nil
	}
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		return errors.New("docs/example-0-4.png needs Chromium at /usr/bin/chromium (apt-get install chromium), or pass -skip-png")
	}
	page, err := filepath.Abs(ExamplePage)
	if err != nil {
		return err
	}
	art := filepath.Join(tmp, "artifacts")
	if err := os.MkdirAll(art, 0o755); err != nil {
		return err
	}
	cmd := exec.Command("go", "test", "./report", "-run", "^TestBrowser$", "-count=1", "-artifacts", "-outputdir", art, "-args", "-page", page)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("report's browser test on %s: %v\n%s", ExamplePage, err, out)
	}
	shots, _ := filepath.Glob(filepath.Join(art, "_artifacts", "*", "report-screen.png"))
	if len(shots) != 1 {
		return fmt.Errorf("the browser test left %d report-screen.png files, want 1", len(shots))
	}
	png, err := os.ReadFile(shots[0])
	if err != nil {
		return err
	}
	return writeAtomic("docs/example-0-4.png", png)
}

// cpuRun runs bin with args and returns its CPU time (user plus system) in
// seconds and its standard output. Exit status 1 (a negative verdict) is
// not an error; any other failure is.
func cpuRun(bin string, args ...string) (float64, []byte, error) {
	cmd := exec.Command(bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) {
		return 0, nil, fmt.Errorf("selu-solve %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	ps := cmd.ProcessState
	return (ps.UserTime() + ps.SystemTime()).Seconds(), stdout.Bytes(), nil
}

func seconds(s float64) string { return fmt.Sprintf("%.2f", s) }

func fileSize(name string) int64 {
	fi, err := os.Stat(name)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// genMonteCarlo writes the figures of docs/montecarlo.md: where a 16-layer
// LeCun network of width 512 with the exact-row constants for (0.5, 1)
// ends, and the calibration table (the same runs as montecarlo's
// TestCalibration).
func genMonteCarlo(bin string) error {
	_, out, err := cpuRun(bin, "--mean", "0.5", "--var", "1", "--digits", "17", "--json")
	if err != nil {
		return err
	}
	var exact struct{ Lambda, Alpha string }
	if err := json.Unmarshal(out, &exact); err != nil {
		return fmt.Errorf("selu-solve --json: %v", err)
	}
	_, out, err = cpuRun(bin, "mc", "--mean", "0.5", "--var", "1", "--weights", "lecun", "--lambda", exact.Lambda, "--alpha", exact.Alpha,
		"--width", "512", "--depth", "16", "--input-mean", "0.5", "--input-var", "1", "--seed", "1", "--json")
	if err != nil {
		return err
	}
	var drift struct {
		Layers []struct{ Mean, Var float64 }
	}
	if err := json.Unmarshal(out, &drift); err != nil || len(drift.Layers) != 16 {
		return fmt.Errorf("selu-solve mc --json: %v (%d layers)", err, len(drift.Layers))
	}
	last := drift.Layers[len(drift.Layers)-1]
	vals := map[string]string{
		"drift-mean": fmt.Sprintf("%.1f", last.Mean),
		"drift-var":  fmt.Sprintf("%.0f", last.Var),
	}
	cal, err := calibrate()
	if err != nil {
		return err
	}
	for k, v := range cal {
		vals[k] = v
	}
	return replaceMarkers("docs/montecarlo.md", vals)
}

// calibration runs: 100 seeds of a network of width 128, depth 16, batch
// 64, exact weights, inputs drawn at the target.
const (
	calSeeds = 100
	calWidth = 128
	calDepth = 16
	calBatch = 64
)

// calibrate returns the calibration table's rows and the figures quoted
// after it: for each target, the spread of the last layer's mean and
// variance across seeds against the average reported SD, the average
// deviation from the target with its standard error, and the average
// finite-width allowance.
func calibrate() (map[string]string, error) {
	rows := []struct {
		name   string
		target mapping.Point
		rate   float64
	}{
		{"(0, 1)", mapping.Point{Mean: 0, Var: 1}, 0},
		{"(0, 4)", mapping.Point{Mean: 0, Var: 4}, 0},
		{"(0.5, 1)", mapping.Point{Mean: 0.5, Var: 1}, 0},
		{"(0, 1), dropout 0.1", mapping.Point{Mean: 0, Var: 1}, 0.1},
	}
	var table strings.Builder
	minRatio, maxRatio := math.Inf(1), math.Inf(-1)
	out := map[string]string{}
	for i, r := range rows {
		c, err := mapping.Normalized().Solve(r.target)
		if err != nil {
			return nil, err
		}
		var ms, vs, sdm, sdv, bm, bv []float64
		for seed := range uint64(calSeeds) {
			res, err := montecarlo.Run(context.Background(), &montecarlo.Config{
				Width: calWidth, Depth: calDepth, Batch: calBatch, Constants: c, Target: r.target,
				DropoutRate: r.rate, InputMean: r.target.Mean, InputVar: r.target.Var, Seed: 1000 + seed,
			})
			if err != nil {
				return nil, err
			}
			s := res.Layers[len(res.Layers)-1]
			ms, vs = append(ms, s.Mean), append(vs, s.Var)
			sdm, sdv = append(sdm, s.SDMean), append(sdv, s.SDVar)
			bm, bv = append(bm, s.BiasMean), append(bv, s.BiasVar)
		}
		em, ev := spread(ms), spread(vs)
		for _, q := range []float64{em / mean(sdm), ev / mean(sdv)} {
			minRatio, maxRatio = math.Min(minRatio, q), math.Max(maxRatio, q)
		}
		root := math.Sqrt(calSeeds)
		dm, dv := mean(ms)-r.target.Mean, mean(vs)-r.target.Var
		fmt.Fprintf(&table, "| %s | %s / %s | %s / %s | %s ± %s | %s | %s ± %s | %s |\n", r.name,
			num(em), num(mean(sdm)), num(ev), num(mean(sdv)),
			signed(dm), sig(em/root, 2), sig(math.Abs(mean(bm)), 2), signed(dv), sig(ev/root, 2), sig(math.Abs(mean(bv)), 2))
		switch i {
		case 2:
			out["cal-bias-05"] = signed(dm)
			out["cal-allow-05"] = sig(math.Abs(mean(bm)), 2)
		case 3:
			out["cal-bias-drop"] = signed(dm)
			out["cal-z-drop"] = fmt.Sprintf("%.1f", math.Abs(dm)/(em/root))
		}
	}
	out["cal-table"] = "\n\n| target | mean: spread / SD | var: spread / SD | mean bias (seeds) | allowance | var bias | allowance |\n" +
		"|---|---|---|---|---|---|---|\n" + table.String() + "\n"
	out["cal-ratio"] = fmt.Sprintf("%.2f–%.2f", minRatio, maxRatio)
	return out, nil
}

func mean(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// spread returns the sample standard deviation of x.
func spread(x []float64) float64 {
	m := mean(x)
	var s float64
	for _, v := range x {
		s += (v - m) * (v - m)
	}
	return math.Sqrt(s / float64(len(x)-1))
}

// num formats a non-negative figure with 3 significant digits.
func num(x float64) string { return sig(x, 3) }

// signed formats a deviation with an explicit sign and 2 significant digits.
func signed(x float64) string {
	s := sig(x, 2)
	if !strings.HasPrefix(s, "−") {
		s = "+" + s
	}
	return s
}

// sig formats x in positional notation (no exponent) with n significant
// digits, and a minus sign (U+2212) if it is negative.
func sig(x float64, n int) string {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Sprint(x)
	}
	d := max(0, n-1-int(math.Floor(math.Log10(math.Abs(x)))))
	s := fmt.Sprintf("%.*f", d, x)
	if strings.HasPrefix(s, "-") {
		s = "−" + s[1:]
	}
	return s
}

// marker matches <!--gen:NAME-->…<!--/gen--> (the text between may span
// lines).
var marker = regexp.MustCompile(`(?s)<!--gen:([a-z0-9-]+)-->(.*?)<!--/gen-->`)

// replaceMarkers replaces the text between the markers named in vals in
// the file name and writes it atomically. Every name must occur.
func replaceMarkers(name string, vals map[string]string) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	out := marker.ReplaceAllFunc(b, func(m []byte) []byte {
		sub := marker.FindSubmatch(m)
		key := string(sub[1])
		v, ok := vals[key]
		if !ok {
			return m
		}
		seen[key] = true
		return []byte("<!--gen:" + key + "-->" + v + "<!--/gen-->")
	})
	for k := range vals {
		if !seen[k] {
			return fmt.Errorf("%s has no marker <!--gen:%s-->…<!--/gen-->", name, k)
		}
	}
	if bytes.Equal(out, b) {
		fmt.Printf("gendocs: %s unchanged\n", name)
		return nil
	}
	fmt.Printf("gendocs: %s updated\n", name)
	return writeAtomic(name, out)
}

// writeAtomic writes data to name through a temporary file in the same
// directory and a rename.
func writeAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".gendocs-*")
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), name)
}
