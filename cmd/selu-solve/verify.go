package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
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
	"[--omega-range a:b] [--tau-range a:b] [--no-shrink] [--no-pieces] [--theorem 1|2|3|lemma12] [--max-boxes N] [--timeout D] [--json]"

// boundDigits is the number of significant digits of a bound in the text
// output (rounded outward, verify.FormatBound); JSON carries 17.
const boundDigits = 10

// bound is a proven bound in JSON: 17 significant digits rounded outward
// (up for an upper bound), null when not finite.
type bound struct {
	x     float64
	upper bool
}

func (b bound) MarshalJSON() ([]byte, error) {
	if math.IsNaN(b.x) || math.IsInf(b.x, 0) {
		return []byte("null"), nil
	}
	return []byte(verify.FormatBound(b.x, b.upper, 17)), nil
}

func enclosure(r verify.Range) [2]bound { return [2]bound{{r.Lo, false}, {r.Hi, true}} }

// boxJSON is a box in JSON: each end is the float64 proved, written as the
// shortest decimal that reads back as it.
type boxJSON struct {
	Mu    [2]jsonNumber `json:"mu"`
	Omega [2]jsonNumber `json:"omega"`
	Nu    [2]jsonNumber `json:"nu"`
	Tau   [2]jsonNumber `json:"tau"`
}

func newBoxJSON(b verify.Box) *boxJSON {
	r := func(x verify.Range) [2]jsonNumber { return [2]jsonNumber{jsonNumber(x.Lo), jsonNumber(x.Hi)} }
	return &boxJSON{r(b.Mu), r(b.Omega), r(b.Nu), r(b.Tau)}
}

// normJSON is "2" for the 2-norm and the matrix P otherwise.
func normJSON(n verify.Norm) any {
	if n.Euclidean() {
		return "2"
	}
	return n.P
}

// verifyJSON is the --json output of a fixed-point or contraction proof.
type verifyJSON struct {
	Certified bool `json:"certified"`
	// Lambda and Alpha are the constants proved (the float64 numbers, which
	// the proof widens by one ulp).
	Lambda jsonNumber `json:"lambda"`
	Alpha  jsonNumber `json:"alpha"`
	// proofJSON's fields follow here in the output: the box, the norm, the
	// bound, the enclosures, the boxes evaluated and the time.
	proofJSON
	Reason string      `json:"reason,omitempty"`
	Search *searchJSON `json:"search,omitempty"`
	// Pieces, for a piecewise certificate of the search, are the pieces:
	// their (ω, τ) ranges cover those of Box, each with its own (μ, ν)
	// box and norm. Box then holds the hull of the pieces' (μ, ν) ranges,
	// and Norm and MaxSpectralNorm are those of the piece with the largest
	// bound.
	Pieces []proofJSON `json:"pieces,omitempty"`
}

// proofJSON is what one proof established: its (μ, ω, ν, τ) box, the norm
// and the proven bound on the norm of H it names (MaxSpectralNorm), the
// enclosures of the fixed point, the boxes evaluated and the time. It is
// the body of verifyJSON and of each of its pieces.
type proofJSON struct {
	Box             *boxJSON `json:"box"`
	Norm            any      `json:"norm"`
	MaxSpectralNorm bound    `json:"max_spectral_norm"`
	MeanRange       [2]bound `json:"mean_range"`
	VarRange        [2]bound `json:"var_range"`
	Boxes           int      `json:"boxes"`
	Seconds         float64  `json:"seconds"`
}

func newProofJSON(c *verify.Certificate) proofJSON {
	return proofJSON{newBoxJSON(c.Box), normJSON(c.Norm), bound{c.MaxSpectralNorm, true}, enclosure(c.Mean), enclosure(c.Var), c.Boxes, c.Elapsed.Seconds()}
}

// searchJSON describes the box search of verify.Certify.
type searchJSON struct {
	Weights        [2]jsonNumber `json:"weights"`
	FixedPoint     [2]jsonNumber `json:"fixed_point"`
	SpectralRadius jsonNumber    `json:"spectral_radius"`
	Omega          [2]jsonNumber `json:"omega_asked"`
	Tau            [2]jsonNumber `json:"tau_asked"`
	Scale          jsonNumber    `json:"scale"`
	Attempts       []attemptJSON `json:"attempts"`
	Boxes          int           `json:"boxes"`
	Seconds        float64       `json:"seconds"`
	Advice         string        `json:"advice,omitempty"`
	// SingleBox is, for a piecewise certificate at widths where no single
	// box was certified, the widest single-box certificate, at SingleScale
	// of the widths asked.
	SingleBox   *proofJSON  `json:"single_box,omitempty"`
	SingleScale *jsonNumber `json:"single_scale,omitempty"`
}

type attemptJSON struct {
	Scale     jsonNumber `json:"scale"`
	Box       *boxJSON   `json:"box"`
	Norm      any        `json:"norm"`
	Certified bool       `json:"certified"`
	Reason    string     `json:"reason,omitempty"`
	// Piecewise marks an attempt in pieces, with the number of pieces
	// certified.
	Piecewise bool `json:"piecewise,omitempty"`
	Pieces    int  `json:"pieces,omitempty"`
}

// marginJSON is the --json output of --theorem 2 or 3.
type marginJSON struct {
	Certified bool       `json:"certified"`
	Lambda    jsonNumber `json:"lambda"`
	Alpha     jsonNumber `json:"alpha"`
	Margin    bound      `json:"margin"`
	Boxes     int        `json:"boxes"`
	Seconds   float64    `json:"seconds"`
	Reason    string     `json:"reason,omitempty"`
}

// verifyRequest is a parsed command line.
type verifyRequest struct {
	constants mapping.Constants
	origin    string // where λ, α come from
	theorem   string
	boxes     []verify.Box // the exact box(es), or nil to search
	// the search: start point, weights and the (ω, τ) ranges asked
	start      mapping.Point
	weights    mapping.Weights
	omega, tau *verify.Range
	noShrink   bool
	noPieces   bool
	settings   verify.Settings
	json       bool
}

func runVerify(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("verify", verifySynopsis, stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s\n\n", verifySynopsis)
		fmt.Fprintln(fs.Output(), "Proves, by interval arithmetic and branch and bound, that g contracts on a box (S(H) < 1, or")
		fmt.Fprintln(fs.Output(), "‖P H P⁻¹‖₂ < 1 in a weighted norm) and maps the (μ, ν) box into itself (Banach: a unique")
		fmt.Fprintln(fs.Output(), "attracting fixed point), or with --theorem the statements of the SELU paper. Without --mu-range")
		fmt.Fprintln(fs.Output(), "and --nu-range the box is searched around the fixed point, for the (ω, τ) ranges asked; if no")
		fmt.Fprintln(fs.Output(), "single box serves them, they are split into pieces with boxes of their own (unless --no-pieces),")
		fmt.Fprintln(fs.Output(), "or shrunk (unless --no-shrink). Exit status 0: certified; 1: not certified; 2: bad input.")
		fmt.Fprintln(fs.Output(), "\nFlags:")
		printFlags(fs.Output(), fs)
	}
	mean := fs.String("mean", "", "target mean μ*: solve λ, α for it (ω = 0, τ = 1) and seek the box around it (with --lambda and --alpha: only where the fixed point is sought from)")
	variance := fs.String("var", "", "target variance ν* > 0 (with --mean)")
	lambda := fs.Float64("lambda", 0, "SELU λ (with --alpha; default λ01 = 1.0507… of the paper)")
	alpha := fs.Float64("alpha", 0, "SELU α (with --lambda; default α01 = 1.6732…)")
	muRange := fs.String("mu-range", "", "μ range lo:hi: prove on this exact box (default: searched, or μ* ± 0.1·√ν* with --nu-range)")
	nuRange := fs.String("nu-range", "", "ν range lo:hi: prove on this exact box (default: searched, or [0.8ν*, 1.5ν*] with --mu-range)")
	omegaRange := fs.String("omega-range", "", "ω range lo:hi (default -0.1:0.1)")
	tauRange := fs.String("tau-range", "", "τ range lo:hi (default 0.95:1.1)")
	noShrink := fs.Bool("no-shrink", false, "in the search, keep the ω and τ ranges as asked instead of shrinking them when they fail")
	noPieces := fs.Bool("no-pieces", false, "in the search, certify only single (μ, ν) boxes for all of the ω and τ ranges, never pieces of them with boxes of their own")
	theorem := fs.String("theorem", "", "prove a statement of the paper on its domain: 1, lemma12, 2 or 3")
	maxBoxes := fs.Int("max-boxes", verify.DefaultMaxBoxes, fmt.Sprintf("give up a proof after evaluating this many boxes (at most %d; about 350 bytes of memory per box); the self-map and the contraction are proved with a budget each, and the 16 corners of a box are always evaluated", verify.MaxBoxesLimit))
	timeout := fs.Duration("timeout", 0, "give up after this long, e.g. 30s, for the proof or the whole box search (0: no limit; makes the result machine-dependent)")
	asJSON := fs.Bool("json", false, "write JSON instead of text")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	set := setFlags(fs)
	req := verifyRequest{theorem: *theorem, json: *asJSON, noShrink: *noShrink, noPieces: *noPieces,
		settings: verify.Settings{MaxBoxes: *maxBoxes, Timeout: *timeout}}
	if *maxBoxes < 1 || *maxBoxes > verify.MaxBoxesLimit {
		return badInput("--max-boxes must be between 1 and %d, got %d", verify.MaxBoxesLimit, *maxBoxes)
	}
	if *timeout < 0 {
		return badInput("--timeout must be >= 0, got %v", *timeout)
	}
	ranges := map[string]*verify.Range{}
	for _, r := range []struct{ flag, value string }{{"mu-range", *muRange}, {"nu-range", *nuRange}, {"omega-range", *omegaRange}, {"tau-range", *tauRange}} {
		if !set[r.flag] {
			continue
		}
		lo, hi, err := parseRange(r.flag, r.value)
		if err != nil {
			return err
		}
		ranges[r.flag] = &verify.Range{Lo: lo, Hi: hi}
	}

	// The constants and the point the box is centred on.
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
	centre := mapping.Point{Mean: 0, Var: 1}
	switch {
	case req.theorem != "":
		if haveTarget {
			return badInput("--theorem proves a statement of the paper on its own domain; it takes no --mean/--var (use the range flags to change the box)")
		}
		if *noShrink || *noPieces {
			return badInput("--no-shrink and --no-pieces belong to the box search; --theorem proves on the paper's domain")
		}
		if !haveConstants {
			req.constants, req.origin = mapping.Paper(), "λ01, α01 of the paper (Eq. 14)"
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
		t, _, _, err := parseProblem(m, v, "0", "1")
		if err != nil {
			return err
		}
		centre.Mean, _ = t.Mean.Float64()
		centre.Var, _ = t.Var.Float64()
		if !haveConstants {
			res, err := solver.Solve(t, nil)
			if err != nil {
				return badInput("%v", err)
			}
			req.constants = res.Constants
			req.origin = fmt.Sprintf("solved for the target (%s, %s), ω = 0, τ = 1", m, v)
		}
	case !haveConstants:
		// The paper's constants and their fixed point (0, 1): Theorem 1's Ω.
		req.constants, req.origin = mapping.Paper(), "λ01, α01 of the paper (Eq. 14)"
	default:
		// The fixed point reached from (0, 1) in the paper's convention.
		l := mapping.Layer{Constants: req.constants, Weights: mapping.Normalized()}
		o, err := l.Orbit(mapping.Point{Mean: 0, Var: 1}, &mapping.OrbitSettings{MaxSteps: 10000, Tolerance: 1e-14, CollapseVar: 1e-300, ExplodeVar: 1e12})
		if err != nil || o.Status != mapping.Converged {
			if ranges["mu-range"] == nil || ranges["nu-range"] == nil {
				return badInput("the layer map of λ = %v, α = %v (ω = 0, τ = 1) does not converge from (0, 1) to a fixed point (%v); give --mu-range and --nu-range", *lambda, *alpha, o.Status)
			}
		}
		centre = o.Point
	}

	// The box(es).
	switch req.theorem {
	case "":
		if ranges["mu-range"] == nil && ranges["nu-range"] == nil {
			// Search.
			req.start = centre
			req.omega, req.tau = ranges["omega-range"], ranges["tau-range"]
			req.weights = mapping.Normalized()
			if req.omega != nil && !req.omega.Contains(0) {
				req.weights.Omega = req.omega.Lo // the end nearest to ω = 0
				if req.omega.Hi < 0 {
					req.weights.Omega = req.omega.Hi
				}
			}
			if req.tau != nil && !req.tau.Contains(1) {
				req.weights.Tau = math.Max(req.tau.Lo, math.Min(req.tau.Hi, 1))
			}
			if err := firstError(checkRange(req.omega, "omega-range"), checkRange(req.tau, "tau-range")); err != nil {
				return err
			}
			// Every box holds the fixed point, so s² = ν*τ must be accepted
			// input (verify.Box.Validate).
			if q := centre.Var * req.weights.Tau; !(q >= 1e-10 && q <= 1e10) {
				return badInput("the fixed point's variance %g with τ = %g gives s² = ντ = %g outside the [1e-10, 1e10] the prover accepts", centre.Var, req.weights.Tau, q)
			}
			return req.runSearch(stdout)
		}
		if *noShrink || *noPieces {
			return badInput("--no-shrink and --no-pieces belong to the box search; with --mu-range or --nu-range the box is proved as given")
		}
		req.boxes = []verify.Box{verify.DefaultBox(centre.Mean, centre.Var)}
	case "1":
		req.boxes = []verify.Box{verify.Theorem1Box()}
	case "lemma12":
		req.boxes = []verify.Box{verify.Lemma12Box()}
	case "2":
		req.boxes = []verify.Box{verify.Theorem2Box()}
	case "3":
		req.boxes = verify.Theorem3Boxes()
	default:
		return badInput("--theorem must be 1, 2, 3 or lemma12, got %q", req.theorem)
	}
	for i := range req.boxes {
		b := &req.boxes[i]
		for flag, dst := range map[string]*verify.Range{"mu-range": &b.Mu, "nu-range": &b.Nu, "omega-range": &b.Omega, "tau-range": &b.Tau} {
			if r := ranges[flag]; r != nil {
				*dst = *r
			}
		}
		if err := b.Validate(); err != nil {
			return badInput("%v", err)
		}
	}
	return req.run(stdout)
}

// checkRange refuses an (ω or τ) range the search cannot use.
func checkRange(r *verify.Range, flag string) error {
	if r == nil {
		return nil
	}
	if flag == "tau-range" && !(r.Lo > 0) {
		return badInput("--tau-range must be > 0 (a sum of squared weights), got %v:%v", r.Lo, r.Hi)
	}
	return nil
}

// outward formats a proven lower (or upper) bound x with boundDigits
// significant digits, rounded down (or up) so that the printed number is
// still a bound.
func outward(x float64, lower bool) string { return verify.FormatBound(x, !lower, boundDigits) }

// contractionBound formats a proven upper bound on the norm of H: as
// outward, but with 17 digits when x < 1 and 10 digits would round it up
// to 1 or more (a certified contraction would read "≤ 1").
func contractionBound(x float64) string {
	s := outward(x, false)
	if v, err := strconv.ParseFloat(s, 64); err == nil && x < 1 && v >= 1 {
		s = verify.FormatBound(x, true, 17)
	}
	return s
}

// boxString prints a box with each end as the shortest decimal that reads
// back as the float64 proved.
func boxString(b verify.Box) string {
	r := func(x verify.Range) string {
		return "[" + strconv.FormatFloat(x.Lo, 'g', -1, 64) + ", " + strconv.FormatFloat(x.Hi, 'g', -1, 64) + "]"
	}
	return fmt.Sprintf("μ ∈ %s, ω ∈ %s, ν ∈ %s, τ ∈ %s", r(b.Mu), r(b.Omega), r(b.Nu), r(b.Tau))
}

// normString names the norm of a certificate and the quantity bounded.
func normString(n verify.Norm) (name, quantity string) {
	if n.Euclidean() {
		return "the 2-norm", "S(H) = ‖H‖₂"
	}
	p := n.P
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	return fmt.Sprintf("‖x‖ = ‖P x‖₂ with P = [[%s, %s], [%s, %s]]", g(p[0][0]), g(p[0][1]), g(p[1][0]), g(p[1][1])), "‖P H P⁻¹‖₂"
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
		c, err = verify.Contraction(req.constants, req.boxes[0], &req.settings)
	} else {
		c, err = verify.FixedPoint(req.constants, req.boxes[0], &req.settings)
	}
	if err != nil {
		return badInput("%v", err)
	}
	return req.report(stdout, c)
}

func (req *verifyRequest) runSearch(stdout io.Writer) error {
	c, err := verify.Certify(req.start, req.constants, req.weights, &verify.SearchOptions{
		Omega: req.omega, Tau: req.tau, Settings: &req.settings, NoShrink: req.noShrink, NoPieces: req.noPieces})
	if err != nil {
		return badInput("%v", err)
	}
	return req.report(stdout, c)
}

// report writes the certificate and maps a failure to exit status 1.
func (req *verifyRequest) report(stdout io.Writer, c *verify.Certificate) error {
	if req.json {
		if err := writeJSON(stdout, req.newVerifyJSON(c)); err != nil {
			return err
		}
	} else if err := req.writeCertificate(stdout, c); err != nil {
		return err
	}
	if !c.Certified {
		msg := "not certified: " + c.Reason()
		if h := req.budgetHint(c); h != "" {
			msg += "; " + h
		}
		return negativeResult{msg}
	}
	return nil
}

// budgetHint suggests a larger budget when a budget stopped a proof that
// failed and a larger one is allowed ("" otherwise).
func (req *verifyRequest) budgetHint(c *verify.Certificate) string {
	if c.Certified {
		return ""
	}
	reasons := []string{c.Reason()}
	limit, where := verify.MaxBoxesLimit, "at most"
	if s := c.Search; s != nil {
		limit, where = verify.SearchMaxBoxes, "each proof of the search uses at most"
		reasons = append(reasons, s.Advice)
		for _, a := range s.Attempts {
			reasons = append(reasons, a.Reason)
		}
	}
	all := strings.Join(reasons, "\n")
	var hints []string
	if n := req.settings.MaxBoxes; strings.Contains(all, "box budget of") && n < limit {
		hints = append(hints, fmt.Sprintf("a larger --max-boxes (now %d; %s %d) may succeed", n, where, limit))
	}
	if d := req.settings.Timeout; d > 0 && (strings.Contains(all, "time budget of") || strings.Contains(all, "time budget ran out")) {
		hints = append(hints, fmt.Sprintf("a longer --timeout (now %v) may succeed", d))
	}
	if len(hints) == 0 {
		return ""
	}
	return "the budget ran out: " + strings.Join(hints, ", and ")
}

func (req *verifyRequest) newVerifyJSON(c *verify.Certificate) verifyJSON {
	out := verifyJSON{
		Certified: c.Certified,
		Lambda:    jsonNumber(req.constants.Lambda),
		Alpha:     jsonNumber(req.constants.Alpha),
		proofJSON: newProofJSON(c),
		Reason:    c.Reason(),
	}
	if s := c.Search; s != nil {
		sj := &searchJSON{
			Weights:        [2]jsonNumber{jsonNumber(req.weights.Omega), jsonNumber(req.weights.Tau)},
			FixedPoint:     [2]jsonNumber{jsonNumber(s.FixedPoint.Mean), jsonNumber(s.FixedPoint.Var)},
			SpectralRadius: jsonNumber(s.Stability.SpectralRadius),
			Omega:          [2]jsonNumber{jsonNumber(s.Omega.Lo), jsonNumber(s.Omega.Hi)},
			Tau:            [2]jsonNumber{jsonNumber(s.Tau.Lo), jsonNumber(s.Tau.Hi)},
			Scale:          jsonNumber(s.Scale),
			Boxes:          s.Boxes,
			Seconds:        s.Elapsed.Seconds(),
			Advice:         s.Advice,
		}
		for _, a := range s.Attempts {
			aj := attemptJSON{Scale: jsonNumber(a.Scale), Box: newBoxJSON(a.Box), Norm: normJSON(a.Norm), Certified: a.Certified, Reason: a.Reason,
				Piecewise: a.Piecewise, Pieces: a.Pieces}
			if a.Piecewise && !a.Certified {
				aj.Norm = nil // no norm: each piece has its own
			}
			sj.Attempts = append(sj.Attempts, aj)
		}
		if sb := s.SingleBox; sb != nil {
			p := newProofJSON(sb)
			sc := jsonNumber(s.SingleScale)
			sj.SingleBox, sj.SingleScale = &p, &sc
		}
		out.Search = sj
	}
	for _, p := range c.Pieces {
		out.Pieces = append(out.Pieces, newProofJSON(p))
	}
	return out
}

func (req *verifyRequest) header(b *strings.Builder) {
	fmt.Fprintf(b, "constants: λ = %v, α = %v (%s)\n", req.constants.Lambda, req.constants.Alpha, req.origin)
}

func (req *verifyRequest) writeCertificate(w io.Writer, c *verify.Certificate) error {
	var b strings.Builder
	req.header(&b)
	s := c.Search
	if s != nil {
		fmt.Fprintf(&b, "fixed point: μ* = %.10g, ν* = %.10g for ω = %g, τ = %g (float64), where ρ(H) = %.6g and S(H) = %.6g\n",
			s.FixedPoint.Mean, s.FixedPoint.Var, req.weights.Omega, req.weights.Tau, s.Stability.SpectralRadius, s.Stability.SpectralNorm)
	}
	if c.Piecewise() {
		req.writePieces(&b, c)
		_, err := io.WriteString(w, b.String())
		return err
	}
	contractionOnly := req.theorem == "lemma12"
	name, quantity := normString(c.Norm)
	switch {
	case c.Certified && contractionOnly:
		fmt.Fprintf(&b, "CERTIFIED: %s < 1 on the whole box (g is a contraction in %s)\n", quantity, name)
	case c.Certified:
		fmt.Fprintf(&b, "CERTIFIED: for every (ω, τ) of the box, g has a unique attracting fixed point in μ × ν\n")
	default:
		fmt.Fprintf(&b, "NOT CERTIFIED: %s\n", c.Reason())
	}
	what := "box:"
	switch {
	case s != nil && !c.Certified:
		what = "last box tried:"
	case s != nil && s.Attempts[0].Certified:
		what = "box (the default box around the fixed point):"
	case s != nil:
		what = "box (found by the search):"
	}
	fmt.Fprintf(&b, "  %s %s\n", what, boxString(c.Box))
	if s != nil && c.Certified && s.Scale < 1 {
		fmt.Fprintf(&b, "  (ω, τ) shrunk to %.3g of the ranges asked, ω ∈ [%g, %g], τ ∈ [%g, %g]\n", s.Scale, s.Omega.Lo, s.Omega.Hi, s.Tau.Lo, s.Tau.Hi)
	}
	attained := ""
	if !math.IsInf(c.MaxSpectralNorm, 0) {
		attained = fmt.Sprintf(" (%s is attained)", outward(c.SpectralNormAttained, true)) // a lower bound on the maximum
	}
	if !math.IsInf(c.MaxSpectralNorm, 0) || c.Boxes > 0 {
		fmt.Fprintf(&b, "  contraction in %s: %s ≤ %s on the box%s\n", name, quantity, contractionBound(c.MaxSpectralNorm), attained)
	}
	enc := fmt.Sprintf("μ̃ ∈ [%s, %s], ν̃ ∈ [%s, %s]", outward(c.Mean.Lo, true), outward(c.Mean.Hi, false), outward(c.Var.Lo, true), outward(c.Var.Hi, false))
	switch {
	case c.Certified && !contractionOnly:
		fmt.Fprintf(&b, "  self-map: g(box) ⊆ box with %s\n", enc)
		fmt.Fprintf(&b, "  fixed point: %s for every (ω, τ) of the box\n", strings.NewReplacer("μ̃", "μ", "ν̃", "ν").Replace(enc))
	case !math.IsInf(c.Mean.Lo, 0) || !math.IsInf(c.Var.Lo, 0):
		fmt.Fprintf(&b, "  g(box): %s\n", enc)
	}
	if c.Loose {
		fmt.Fprintf(&b, "  (the budget ran out before these bounds were refined to their tolerances)\n")
	}
	if h := req.budgetHint(c); h != "" {
		fmt.Fprintf(&b, "  (%s)\n", h)
	}
	if s == nil && !c.Certified && req.theorem == "" {
		fmt.Fprintf(&b, "  (this box was proved as given; without --mu-range and --nu-range a box, smaller ω and τ ranges if needed, and a weighted norm are searched)\n")
	}
	if s != nil && s.Advice != "" {
		fmt.Fprintf(&b, "  %s\n", s.Advice)
	}
	if s != nil {
		if c.Boxes > 0 {
			fmt.Fprintf(&b, "  proof: %d boxes, %.3g s; ", c.Boxes, c.Elapsed.Seconds())
		} else {
			fmt.Fprintf(&b, "  ")
		}
		fmt.Fprintf(&b, "search: %d (μ, ν, ω, τ) boxes tried, %d boxes evaluated, %.3g s in all\n", len(s.Attempts), s.Boxes, s.Elapsed.Seconds())
	} else {
		fmt.Fprintf(&b, "  %d boxes, %.3g s\n", c.Boxes, c.Elapsed.Seconds())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writePieces writes a piecewise certificate of the search: the (ω, τ)
// ranges, each piece with its box, norm, bound and enclosure of the fixed
// point, and what is and is not proved.
func (req *verifyRequest) writePieces(b *strings.Builder, c *verify.Certificate) {
	s := c.Search
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	rg := func(r verify.Range) string { return "[" + g(r.Lo) + ", " + g(r.Hi) + "]" }
	encl := func(r verify.Range) string { return "[" + outward(r.Lo, true) + ", " + outward(r.Hi, false) + "]" }
	fmt.Fprintf(b, "CERTIFIED IN %d PIECES: for every (ω, τ) with ω ∈ %s, τ ∈ %s, g has a unique attracting fixed point in the (μ, ν) box of each piece containing (ω, τ)\n",
		len(c.Pieces), rg(c.Box.Omega), rg(c.Box.Tau))
	if s.Scale < 1 {
		fmt.Fprintf(b, "  (ω, τ) shrunk to %.3g of the ranges asked, ω ∈ [%g, %g], τ ∈ [%g, %g]\n", s.Scale, s.Omega.Lo, s.Omega.Hi, s.Tau.Lo, s.Tau.Hi)
	}
	fmt.Fprintf(b, "  the (ω, τ) ranges are bisected into %d pieces that cover them exactly; each is proved like a single box (self-map and contraction) with its own (μ, ν) box and norm:\n", len(c.Pieces))
	worst := 0
	for i, p := range c.Pieces {
		if p.MaxSpectralNorm > c.Pieces[worst].MaxSpectralNorm {
			worst = i
		}
		_, quantity := normString(p.Norm)
		norm := ""
		if !p.Norm.Euclidean() {
			norm = fmt.Sprintf(" with P = [[%s, %s], [%s, %s]]", g(p.Norm.P[0][0]), g(p.Norm.P[0][1]), g(p.Norm.P[1][0]), g(p.Norm.P[1][1]))
		}
		fmt.Fprintf(b, "  %2d. ω ∈ %s, τ ∈ %s: box μ ∈ %s, ν ∈ %s; %s ≤ %s%s; fixed point μ ∈ %s, ν ∈ %s\n",
			i+1, rg(p.Box.Omega), rg(p.Box.Tau), rg(p.Box.Mu), rg(p.Box.Nu), quantity, contractionBound(p.MaxSpectralNorm), norm, encl(p.Mean), encl(p.Var))
	}
	_, quantity := normString(c.Norm)
	fmt.Fprintf(b, "  largest bound: %s ≤ %s (piece %d)\n", quantity, contractionBound(c.MaxSpectralNorm), worst+1)
	fmt.Fprintf(b, "  fixed point: μ ∈ %s, ν ∈ %s for every (ω, τ) of the ranges; where pieces meet their boxes overlap, so their fixed points are the same one\n", encl(c.Mean), encl(c.Var))
	fmt.Fprintf(b, "  not proved: one (μ, ν) box mapped into itself for all these (ω, τ) at once, so nothing is said about layers whose (ω, τ) change from layer to layer (--no-pieces seeks a single box)\n")
	if sb := s.SingleBox; sb != nil {
		name, quantity := normString(sb.Norm)
		fmt.Fprintf(b, "  a single box is certified at %.3g of the ranges asked: %s, contraction in %s (%s ≤ %s)\n",
			s.SingleScale, boxString(sb.Box), name, quantity, contractionBound(sb.MaxSpectralNorm))
	}
	if c.Loose {
		fmt.Fprintf(b, "  (the budget ran out before these bounds were refined to their tolerances)\n")
	}
	if s.Advice != "" {
		fmt.Fprintf(b, "  %s\n", s.Advice)
	}
	fmt.Fprintf(b, "  proof of the pieces: %d boxes, %.3g s; search: %d attempts, %d boxes evaluated, %.3g s in all\n", c.Boxes, c.Elapsed.Seconds(), len(s.Attempts), s.Boxes, s.Elapsed.Seconds())
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
		if err := writeJSON(stdout, marginJSON{total.Certified, jsonNumber(req.constants.Lambda), jsonNumber(req.constants.Alpha),
			bound{total.Margin, !increase}, total.Boxes, elapsed.Seconds(), total.Reason()}); err != nil {
			return err
		}
	} else {
		var b strings.Builder
		req.header(&b)
		for i, box := range req.boxes {
			label := "box:"
			if req.theorem != "" {
				label = "Theorem " + req.theorem + " domain:"
			}
			if len(req.boxes) > 1 {
				label = fmt.Sprintf("box %d of %d:", i+1, len(req.boxes))
				if req.theorem != "" {
					label = fmt.Sprintf("Theorem %s, domain %d of %d:", req.theorem, i+1, len(req.boxes))
				}
			}
			fmt.Fprintf(&b, "%s %s\n", label, boxString(box))
		}
		if len(req.boxes) > 1 {
			b.WriteString("  (proved on each domain; the margin is the smallest over them)\n")
		}
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
		if h := req.budgetHint(&verify.Certificate{Failure: total.Failure}); h != "" {
			fmt.Fprintf(&b, "  (%s)\n", h)
		}
		fmt.Fprintf(&b, "  %d boxes, %.3g s\n", total.Boxes, elapsed.Seconds())
		if _, err := io.WriteString(stdout, b.String()); err != nil {
			return err
		}
	}
	if !total.Certified {
		msg := "not certified: " + total.Reason()
		if h := req.budgetHint(&verify.Certificate{Failure: total.Failure}); h != "" {
			msg += "; " + h
		}
		return negativeResult{msg}
	}
	return nil
}
