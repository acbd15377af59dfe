package sweep

import (
	"math"
	"strconv"

	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/verify"
)

// A Certification is the answer of verify.Certify for the fixed point of
// a row: whether the layer map g provably has a unique attracting fixed
// point in a box around it (the paper's Theorem 1 for this target, by
// Banach's fixed-point theorem in the norm named), and for which ranges
// of the weights ω, τ.
type Certification struct {
	// Certified is true when the certificate holds on Box.
	Certified bool
	// Scale is the fraction of the (ω, τ) widths asked that was
	// certified: the widths asked are Theorem 1's, ω ∈ ω₀ + [−0.1, 0.1]
	// and τ ∈ τ₀·[0.95, 1.1] around the sweep's weights ω₀, τ₀, and at
	// scale s each is cut to its centre ± s times its longer side, ω₀ ±
	// 0.1s and τ₀ ± 0.1sτ₀ within τ₀·[0.95, 1.1] (s = 0.1 gives
	// ω ∈ [−0.01, 0.01], τ ∈ [0.99, 1.01] for the paper's convention).
	// 1 means certified as asked, 0 not certified.
	Scale float64
	// Box is the box certified (μ, ω, ν, τ ranges); the zero Box when not
	// certified. For a piecewise certificate (Pieces > 1) its μ and ν
	// ranges are the hull of the pieces' boxes.
	Box verify.Box
	// Pieces is the number of (μ, ν) boxes of the certificate: 1 for a
	// single box, more when the (ω, τ) ranges were split into pieces, each
	// with a box and a norm of its own (verify.Certificate.Pieces); 0 when
	// not certified.
	Pieces int
	// Norm is the norm of the contraction: the 2-norm (the zero Norm) or
	// ‖P·‖₂ (verify.Norm); for pieces, that of the piece with the largest
	// bound.
	Norm verify.Norm
	// Bound is the proven upper bound on ‖P H P⁻¹‖₂ over Box (S(H) =
	// ‖H‖₂ for the 2-norm), below 1 when certified; for pieces, the
	// largest of the pieces' bounds.
	Bound float64
	// Reason says why nothing was certified, or, when certified at
	// smaller widths than asked, why not as asked; "" when certified as
	// asked.
	Reason string
}

// certifyRow runs verify.Certify for a feasible row with the weights w
// and the target (mean, var) as start, with the settings of
// `selu-solve verify --mean M --var V`: Theorem 1's widths around w,
// shrunk when they fail, verify's default box budget and no time limit
// (so that the answer does not depend on the machine), on one goroutine
// (the sweep's workers share the cores). A target the prover refuses as
// input (λ or α beyond float64, say) is not certified, with verify's
// message as Reason.
func certifyRow(r *Row, target mapping.Point, w mapping.Weights) {
	c, err := verify.Certify(target, r.Constants, w, &verify.SearchOptions{Settings: &verify.Settings{Workers: 1}})
	if err != nil {
		r.Certificate = &Certification{Reason: err.Error()}
		return
	}
	cert := &Certification{Certified: c.Certified, Reason: c.Reason()}
	if c.Search != nil {
		cert.Scale = c.Search.Scale
		if c.Search.Advice != "" {
			cert.Reason = c.Search.Advice
		}
	}
	if c.Certified {
		cert.Box, cert.Norm, cert.Bound, cert.Pieces = c.Box, c.Norm, c.MaxSpectralNorm, max(1, len(c.Pieces))
	} else {
		cert.Scale = 0
	}
	r.Certificate = cert
}

// scaleText prints a scale to 6 significant digits: it comes from a
// bisection (0.04375 may be 0.043750000000000004), and the box carries
// the exact ranges.
func scaleText(s float64) string { return strconv.FormatFloat(s, 'g', 6, 64) }

// rangeText prints a range of a certified box as "lo:hi", each end the
// shortest decimal that reads back as the float64 proved.
func rangeText(x verify.Range) string {
	return strconv.FormatFloat(x.Lo, 'g', -1, 64) + ":" + strconv.FormatFloat(x.Hi, 'g', -1, 64)
}

// certColumns are the CSV columns of a certified table (Options.Certify),
// after the others. For a feasible row: "certified" true or false,
// "certified_scale" the fraction of Theorem 1's (ω, τ) widths certified
// (1 as asked, 0 not certified; 6 significant digits), and for a certified row the box's ranges
// as lo:hi, the norm ("2", or "P = [[a, b], [c, d]]" for ‖P·‖₂) and the
// proven bound on the contraction constant, rounded up to 17 digits, and
// "certified_pieces" the number of (μ, ν) boxes (1, or the number of
// pieces). An infeasible row leaves them empty.
var certColumns = []column{
	{"certified", certField(func(c *Certification) string { return strconv.FormatBool(c.Certified) })},
	{"certified_scale", certField(func(c *Certification) string { return scaleText(c.Scale) })},
	{"certified_mu", certifiedOnly(func(c *Certification) string { return rangeText(c.Box.Mu) })},
	{"certified_omega", certifiedOnly(func(c *Certification) string { return rangeText(c.Box.Omega) })},
	{"certified_nu", certifiedOnly(func(c *Certification) string { return rangeText(c.Box.Nu) })},
	{"certified_tau", certifiedOnly(func(c *Certification) string { return rangeText(c.Box.Tau) })},
	{"certified_norm", certifiedOnly(func(c *Certification) string { return normText(c.Norm) })},
	{"certified_bound", certifiedOnly(func(c *Certification) string { return boundText(c.Bound) })},
	{"certified_pieces", certifiedOnly(func(c *Certification) string { return strconv.Itoa(c.Pieces) })},
}

// normText names a norm: "2", or "P = [[a, b], [c, d]]" with each entry
// the shortest decimal that reads back as the float64 of the proof.
func normText(n verify.Norm) string {
	if n.Euclidean() {
		return "2"
	}
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	p := n.P
	return "P = [[" + g(p[0][0]) + ", " + g(p[0][1]) + "], [" + g(p[1][0]) + ", " + g(p[1][1]) + "]]"
}

// boundText rounds a proven upper bound up to 17 significant digits.
func boundText(x float64) string {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return ""
	}
	return verify.FormatBound(x, true, 17)
}

// certField returns a field for a row with a certification, empty
// otherwise (infeasible rows).
func certField(f func(*Certification) string) func(*Table, Row) string {
	return func(_ *Table, r Row) string {
		if !r.Feasible || r.Certificate == nil {
			return ""
		}
		return f(r.Certificate)
	}
}

// certifiedOnly returns a field that is empty unless the row is certified.
func certifiedOnly(f func(*Certification) string) func(*Table, Row) string {
	return certField(func(c *Certification) string {
		if !c.Certified {
			return ""
		}
		return f(c)
	})
}

// jsonCertificate is the "certificate" of a JSON row.
type jsonCertificate struct {
	Scale  rawNumber  `json:"scale"`
	Box    *jsonBox   `json:"box,omitempty"`
	Norm   any        `json:"norm,omitempty"`
	Bound  *rawNumber `json:"bound,omitempty"`
	Pieces int        `json:"pieces,omitempty"`
	Why    string     `json:"reason,omitempty"`
}

// jsonBox is a certified box, each range [lo, hi].
type jsonBox struct {
	Mu    [2]float64 `json:"mu"`
	Omega [2]float64 `json:"omega"`
	Nu    [2]float64 `json:"nu"`
	Tau   [2]float64 `json:"tau"`
}

// rawNumber is a JSON number written as given.
type rawNumber string

func (n rawNumber) MarshalJSON() ([]byte, error) { return []byte(n), nil }

// newJSONCertificate returns the JSON form of c.
func newJSONCertificate(c *Certification) *jsonCertificate {
	jc := &jsonCertificate{Scale: rawNumber(scaleText(c.Scale)), Why: c.Reason}
	if c.Certified {
		b := c.Box
		jc.Box = &jsonBox{
			Mu: [2]float64{b.Mu.Lo, b.Mu.Hi}, Omega: [2]float64{b.Omega.Lo, b.Omega.Hi},
			Nu: [2]float64{b.Nu.Lo, b.Nu.Hi}, Tau: [2]float64{b.Tau.Lo, b.Tau.Hi},
		}
		if c.Norm.Euclidean() {
			jc.Norm = "2"
		} else {
			jc.Norm = c.Norm.P
		}
		jc.Pieces = c.Pieces
		if s := boundText(c.Bound); s != "" {
			n := rawNumber(s)
			jc.Bound = &n
		}
	}
	return jc
}
