package main

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/solver"
	"github.com/selu-tool/selu/verify"
)

func init() {
	register(command{
		name:    "verify",
		summary: "prove with interval arithmetic that the constants have an attracting fixed point in a box (Theorems 1–3)",
		run:     runVerify,
	})
}

const verifySynopsis = "selu-solve verify [--mean M --var V | --lambda L --alpha A] [--mu-range a:b] [--nu-range a:b] " +
	"[--omega-range a:b] [--tau-range a:b] [--theorem 1|2|3|lemma12] [--max-boxes N] [--timeout D] [--json]"

// verifyJSON is the --json output of a fixed-point or contraction proof.
type verifyJSON struct {
	Certified       bool          `json:"certified"`
	MaxSpectralNorm jsonNumber    `json:"max_spectral_norm"`
	MeanRange       [2]jsonNumber `json:"mean_range"`
	VarRange        [2]jsonNumber `json:"var_range"`
	Boxes           int           `json:"boxes"`
	Seconds         float64       `json:"seconds"`
	Reason          string        `json:"reason,omitempty"`
}

// marginJSON is the --json output of --theorem 2 or 3.
type marginJSON struct {
	Certified bool       `json:"certified"`
	Margin    jsonNumber `json:"margin"`
	Boxes     int        `json:"boxes"`
	Seconds   float64    `json:"seconds"`
	Reason    string     `json:"reason,omitempty"`
}

// verifyRequest is a parsed command line.
type verifyRequest struct {
	constants     mapping.Constants
	origin        string // where λ, α come from
	theorem       string
	box           verify.Box
	boxes         []verify.Box // --theorem 3: both domains
	settings      verify.Settings
	json          bool
}

func runVerify(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("verify", verifySynopsis, stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s\n\n", verifySynopsis)
		fmt.Fprintln(fs.Output(), "Proves, by interval arithmetic and branch and bound, that S(H) < 1 on the box and that g maps")
		fmt.Fprintln(fs.Output(), "the (μ, ν) box into itself (Banach: a unique attracting fixed point), or with --theorem the")
		fmt.Fprintln(fs.Output(), "statements of the SELU paper. Exit status 0: certified; 1: not certified; 2: bad input.")
		fmt.Fprintln(fs.Output(), "\nFlags:")
		fs.PrintDefaults()
	}
	mean := fs.String("mean", "", "target mean μ*: solve λ, α for it (ω = 0, τ = 1) and centre the box on it")
	variance := fs.String("var", "", "target variance ν* > 0 (with --mean)")
	lambda := fs.Float64("lambda", 0, "SELU λ (with --alpha; default λ01 = 1.0507… of the paper)")
	alpha := fs.Float64("alpha", 0, "SELU α (with --lambda; default α01 = 1.6732…)")
	muRange := fs.String("mu-range", "", "μ range lo:hi (default μ* ± 0.1·√ν*)")
	nuRange := fs.String("nu-range", "", "ν range lo:hi (default [0.8ν*, 1.5ν*])")
	omegaRange := fs.String("omega-range", "", "ω range lo:hi (default -0.1:0.1)")
	tauRange := fs.String("tau-range", "", "τ range lo:hi (default 0.95:1.1)")
	theorem := fs.String("theorem", "", "prove a statement of the paper on its domain: 1, lemma12, 2 or 3")
	maxBoxes := fs.Int("max-boxes", verify.DefaultMaxBoxes, "give up after evaluating this many boxes")
	timeout := fs.Duration("timeout", 0, "give up after this long, e.g. 30s (0: no limit; makes the result machine-dependent)")
	asJSON := fs.Bool("json", false, "write JSON instead of text")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	set := setFlags(fs)
	req := verifyRequest{theorem: *theorem, json: *asJSON,
		settings: verify.Settings{MaxBoxes: *maxBoxes, Timeout: *timeout}}
	if *maxBoxes < 1 || *maxBoxes > verify.MaxBoxesLimit {
		return badInput("--max-boxes must be between 1 and %d, got %d", verify.MaxBoxesLimit, *maxBoxes)
	}
	if *timeout < 0 {
		return badInput("--timeout must be >= 0, got %v", *timeout)
	}

	// The constants.
	haveTarget := set["mean"] || set["var"]
	haveConstants := set["lambda"] || set["alpha"]
	if set["lambda"] != set["alpha"] {
		return badInput("--lambda and --alpha go together")
	}
	if haveConstants {
		if err := firstError(positive("lambda", *lambda), positive("alpha", *alpha)); err != nil {
			return err
		}
		req.constants = mapping.Constants{Lambda: *lambda, Alpha: *alpha}
		req.origin = "given"
	}
	var centreMean, centreVar float64
	switch {
	case req.theorem != "":
		if haveTarget {
			return badInput("--theorem proves a statement of the paper on its own domain; it takes no --mean/--var (use the range flags to change the box)")
		}
		if !haveConstants {
			req.constants, req.origin = mapping.Paper, "λ01, α01 of the paper (Eq. 14)"
		}
	case haveTarget:
		m, v := *mean, *variance
		switch {
		case set["mean"] && strings.TrimSpace(m) == "":
			return badInput("--mean is empty; give a number, e.g. --mean 0")
		case set["var"] && strings.TrimSpace(v) == "":
			return badInput("--var is empty; give a number > 0, e.g. --var 1")
		case m == "":
			m = "0"
		case v == "":
			v = "1"
		}
		t, err := solver.ParseTarget(m, v)
		if err != nil {
			return badInput("%v", err)
		}
		centreMean, _ = t.Mean.Float64()
		centreVar, _ = t.Var.Float64()
		if !haveConstants {
			res, err := solver.Solve(t, nil)
			if err != nil {
				return badInput("%v", err)
			}
			req.constants = mapping.Constants{Lambda: res.Constants.Lambda, Alpha: res.Constants.Alpha}
			req.origin = fmt.Sprintf("solved for the target (%s, %s), ω = 0, τ = 1", m, v)
		}
	case !haveConstants:
		// The paper's constants and their fixed point (0, 1): Theorem 1's Ω.
		req.constants, req.origin = mapping.Paper, "λ01, α01 of the paper (Eq. 14)"
		centreMean, centreVar = 0, 1
	default:
		// The box is centred on the fixed point of the paper's convention.
		p, err := stableFixedPoint(req.constants.Lambda, req.constants.Alpha)
		if err != nil {
			if !set["mu-range"] || !set["nu-range"] {
				return badInput("%v; give --mu-range and --nu-range", err)
			}
		}
		centreMean, centreVar = p.Mean, p.Var
	}

	// The box(es).
	switch req.theorem {
	case "":
		req.box = verify.DefaultBox(centreMean, centreVar)
	case "1":
		req.box = verify.Theorem1Box()
	case "lemma12":
		req.box = verify.Lemma12Box()
	case "2":
		req.box = verify.Theorem2Box()
	case "3":
		req.boxes = verify.Theorem3Boxes()
	default:
		return badInput("--theorem must be 1, 2, 3 or lemma12, got %q", req.theorem)
	}
	if req.boxes == nil {
		req.boxes = []verify.Box{req.box}
	}
	for i := range req.boxes {
		b := &req.boxes[i]
		for _, r := range []struct {
			flag, value string
			dst         *verify.Range
		}{{"mu-range", *muRange, &b.Mu}, {"nu-range", *nuRange, &b.Nu}, {"omega-range", *omegaRange, &b.Omega}, {"tau-range", *tauRange, &b.Tau}} {
			if !set[r.flag] {
				continue
			}
			lo, hi, err := parseRange(r.flag, r.value)
			if err != nil {
				return err
			}
			*r.dst = verify.Range{Lo: lo, Hi: hi}
		}
		if err := b.Validate(); err != nil {
			return badInput("%v", err)
		}
	}
	req.box = req.boxes[0]
	return req.run(stdout)
}

// outward formats a proven lower (or upper) bound x with 10 significant
// digits, rounded down (or up) so that the printed number is still a bound.
func outward(x float64, lower bool) string { return verify.FormatBound(x, !lower, 10) }

// stableFixedPoint iterates the layer map of the paper's convention
// (ω = 0, τ = 1) from (0, 1) to its fixed point.
func stableFixedPoint(lambda, alpha float64) (mapping.Moments, error) {
	l := mapping.Layer{Constants: mapping.Constants{Lambda: lambda, Alpha: alpha}, Weights: mapping.Normalized}
	mu, nu := 0.0, 1.0
	for range 10000 {
		g := l.Moments(mu, nu)
		if math.IsNaN(g.Var) || g.Var <= 1e-300 || g.Var > 1e12 {
			break
		}
		if math.Abs(g.Mean-mu) <= 1e-14*(1+math.Abs(mu)) && math.Abs(g.Var-nu) <= 1e-14*nu {
			return mapping.Moments{Mean: g.Mean, Var: g.Var}, nil
		}
		mu, nu = g.Mean, g.Var
	}
	return mapping.Moments{}, fmt.Errorf("the layer map of λ = %v, α = %v (ω = 0, τ = 1) does not converge from (0, 1) to a fixed point", lambda, alpha)
}

func (req *verifyRequest) run(stdout io.Writer) error {
	switch req.theorem {
	case "2", "3":
		return req.runMargin(stdout)
	}
	var (
		c   *verify.Certificate
		err error
	)
	if req.theorem == "lemma12" {
		c, err = verify.Contraction(req.constants, req.box, &req.settings)
	} else {
		c, err = verify.FixedPoint(req.constants, req.box, &req.settings)
	}
	if err != nil {
		return badInput("%v", err)
	}
	if req.json {
		out := verifyJSON{
			Certified:       c.Certified,
			MaxSpectralNorm: jsonNumber(c.MaxSpectralNorm),
			MeanRange:       [2]jsonNumber{jsonNumber(c.Mean.Lo), jsonNumber(c.Mean.Hi)},
			VarRange:        [2]jsonNumber{jsonNumber(c.Var.Lo), jsonNumber(c.Var.Hi)},
			Boxes:           c.Boxes,
			Seconds:         c.Elapsed.Seconds(),
			Reason:          c.Reason(),
		}
		if err := writeJSON(stdout, out); err != nil {
			return err
		}
	} else if err := req.writeCertificate(stdout, c); err != nil {
		return err
	}
	if !c.Certified {
		return negativeResult{"not certified: " + c.Reason()}
	}
	return nil
}

func (req *verifyRequest) header(b *strings.Builder) {
	fmt.Fprintf(b, "constants: λ = %v, α = %v (%s)\n", req.constants.Lambda, req.constants.Alpha, req.origin)
	for _, box := range req.boxes {
		fmt.Fprintf(b, "box:       μ ∈ %v, ω ∈ %v, ν ∈ %v, τ ∈ %v\n", box.Mu, box.Omega, box.Nu, box.Tau)
	}
}

func (req *verifyRequest) writeCertificate(w io.Writer, c *verify.Certificate) error {
	var b strings.Builder
	req.header(&b)
	contractionOnly := req.theorem == "lemma12"
	switch {
	case c.Certified && contractionOnly:
		fmt.Fprintf(&b, "CERTIFIED: S(H) < 1 on the whole box (g is a contraction in the 2-norm)\n")
	case c.Certified:
		fmt.Fprintf(&b, "CERTIFIED: for every (ω, τ) of the box, g has a unique attracting fixed point in μ × ν\n")
	default:
		fmt.Fprintf(&b, "NOT CERTIFIED: %s\n", c.Reason())
	}
	fmt.Fprintf(&b, "  S(H) ≤ %s on the box (S = %.10g is attained)\n", outward(c.MaxSpectralNorm, false), c.SpectralNormAttained)
	enc := fmt.Sprintf("μ̃ ∈ [%s, %s], ν̃ ∈ [%s, %s]", outward(c.Mean.Lo, true), outward(c.Mean.Hi, false), outward(c.Var.Lo, true), outward(c.Var.Hi, false))
	if c.Certified && !contractionOnly {
		fmt.Fprintf(&b, "  fixed point: %s\n", strings.NewReplacer("μ̃", "μ", "ν̃", "ν").Replace(enc))
	} else {
		fmt.Fprintf(&b, "  g(box): %s\n", enc)
	}
	if c.Loose {
		fmt.Fprintf(&b, "  (the budget ran out before these bounds were refined to their tolerances)\n")
	}
	fmt.Fprintf(&b, "  %d boxes, %.3g s\n", c.Boxes, c.Elapsed.Seconds())
	_, err := io.WriteString(w, b.String())
	return err
}

func (req *verifyRequest) runMargin(stdout io.Writer) error {
	increase := req.theorem == "3"
	f := verify.VarianceDecreasesOn
	if increase {
		f = verify.VarianceIncreasesOn
	}
	total, err := f(req.constants, req.boxes, &req.settings)
	if err != nil {
		return badInput("%v", err)
	}
	elapsed := total.Elapsed
	if req.json {
		if err := writeJSON(stdout, marginJSON{total.Certified, jsonNumber(total.Margin), total.Boxes, elapsed.Seconds(), total.Reason()}); err != nil {
			return err
		}
	} else {
		var b strings.Builder
		req.header(&b)
		rel, word := "<", "upper"
		if increase {
			rel, word = ">", "lower"
		}
		if total.Certified {
			fmt.Fprintf(&b, "CERTIFIED: ν̃ %s ν on the whole domain\n", rel)
		} else {
			fmt.Fprintf(&b, "NOT CERTIFIED: %s\n", total.Reason())
		}
		fmt.Fprintf(&b, "  margin: ν̃ − ν %s %s (proven %s bound)\n", map[bool]string{false: "≤", true: "≥"}[increase], outward(total.Margin, increase), word)
		if total.Loose {
			fmt.Fprintf(&b, "  (the budget ran out before the margin was refined to its tolerance)\n")
		}
		fmt.Fprintf(&b, "  %d boxes, %.3g s\n", total.Boxes, elapsed.Seconds())
		if _, err := io.WriteString(stdout, b.String()); err != nil {
			return err
		}
	}
	if !total.Certified {
		return negativeResult{"not certified: " + total.Reason()}
	}
	return nil
}
