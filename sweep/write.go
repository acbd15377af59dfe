package sweep

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
)

// A column is one CSV column: its header and its field for a row (the
// target fields mean and var come from the table's grid).
type column struct {
	name  string
	field func(t *Table, r Row) string
}

// columns are the CSV columns in order. A feasible row's fields after
// "feasible" are λ, α and α' to Table.Digits significant digits, S and ρ
// (float64, shortest round-trip form) and the stability; an infeasible
// row leaves them empty. A new column is one more entry here and one
// more field of jsonRow.
var columns = []column{
	{"mean", func(t *Table, r Row) string { return t.Grid.Mean.Text(r.MeanIndex) }},
	{"var", func(t *Table, r Row) string { return t.Grid.Var.Text(r.VarIndex) }},
	{"feasible", func(_ *Table, r Row) string { return strconv.FormatBool(r.Feasible) }},
	{"lambda", feasibleOnly(func(r Row) string { return r.Lambda })},
	{"alpha", feasibleOnly(func(r Row) string { return r.Alpha })},
	{"alpha_prime", feasibleOnly(func(r Row) string { return r.AlphaPrime })},
	{"spectral_norm", feasibleOnly(func(r Row) string { return strconv.FormatFloat(r.Stability.SpectralNorm, 'g', -1, 64) })},
	{"spectral_radius", feasibleOnly(func(r Row) string { return strconv.FormatFloat(r.Stability.SpectralRadius, 'g', -1, 64) })},
	{"stable", feasibleOnly(func(r Row) string { return strconv.FormatBool(r.Stable()) })},
}

// feasibleOnly returns a field that is empty for an infeasible row.
func feasibleOnly(f func(Row) string) func(*Table, Row) string {
	return func(_ *Table, r Row) string {
		if !r.Feasible {
			return ""
		}
		return f(r)
	}
}

// Columns returns the CSV columns of WriteCSV and of a CSV RowWriter, in
// order, as a new slice, for a table without certificates; Table.Columns
// adds those of a certified table.
func Columns() []string { return names(columns) }

// Columns returns the CSV columns of t, in order, as a new slice: those
// of the package's Columns, then, if t.Certify, certified,
// certified_scale, certified_mu, certified_omega, certified_nu,
// certified_tau, certified_norm, certified_bound and certified_pieces
// (see Certification).
func (t *Table) Columns() []string { return names(t.columns()) }

func names(cs []column) []string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.name
	}
	return names
}

// columns returns the CSV columns of t.
func (t *Table) columns() []column {
	if !t.Certify {
		return columns
	}
	return append(columns[:len(columns):len(columns)], certColumns...)
}

// record returns row r as CSV fields.
func (t *Table) record(r Row) []string {
	cs := t.columns()
	rec := make([]string, len(cs))
	for i, c := range cs {
		rec[i] = c.field(t, r)
	}
	return rec
}

// jsonRow is one row of the JSON output. Big numbers are decimal strings.
type jsonRow struct {
	Mean           string   `json:"mean"`
	Var            string   `json:"var"`
	Feasible       bool     `json:"feasible"`
	Lambda         *string  `json:"lambda"`
	Alpha          *string  `json:"alpha"`
	AlphaPrime     *string  `json:"alpha_prime"`
	SpectralNorm   *float64 `json:"spectral_norm"`
	SpectralRadius *float64 `json:"spectral_radius"`
	Stable         *bool    `json:"stable"`
	Reason         string   `json:"reason,omitempty"`
	// Certified and Certificate are set for a feasible row of a
	// certified table.
	Certified   *bool            `json:"certified,omitempty"`
	Certificate *jsonCertificate `json:"certificate,omitempty"`
}

func (t *Table) jsonRow(r Row) jsonRow {
	jr := jsonRow{Mean: t.Grid.Mean.Text(r.MeanIndex), Var: t.Grid.Var.Text(r.VarIndex), Feasible: r.Feasible}
	if r.Feasible {
		lam, al, ap := r.Lambda, r.Alpha, r.AlphaPrime
		st := r.Stable()
		jr.Lambda, jr.Alpha, jr.AlphaPrime = &lam, &al, &ap
		jr.SpectralNorm, jr.SpectralRadius = finite(r.Stability.SpectralNorm), finite(r.Stability.SpectralRadius)
		jr.Stable = &st
		if c := r.Certificate; t.Certify && c != nil {
			ok := c.Certified
			jr.Certified, jr.Certificate = &ok, newJSONCertificate(c)
		}
	} else {
		jr.Reason = r.Reason
	}
	return jr
}

// jsonHead is the JSON output without its rows.
type jsonHead struct {
	Omega     string `json:"omega"`
	Tau       string `json:"tau"`
	Digits    int    `json:"digits"`
	Order     string `json:"order"`
	Means     int    `json:"means"`
	Variances int    `json:"variances"`
	Certify   bool   `json:"certify,omitempty"`
}

// A Format is an output format of a RowWriter.
type Format int

// The output formats.
const (
	CSV  Format = iota // RFC 4180, a header line of Columns, one line per row
	JSON               // one object (see Table.WriteJSON)
)

// A RowWriter writes the rows of a table one at a time, in grid order, as
// they come from Stream, so that a sweep's output never has to be held in
// memory. The bytes are those of Table.WriteCSV or Table.WriteJSON of the
// complete table. Close must be called after the last row.
type RowWriter struct {
	t      *Table
	format Format
	bw     *bufio.Writer
	cw     *csv.Writer
	rows   int
	buf    bytes.Buffer
	enc    *json.Encoder
	err    error
}

// NewRowWriter writes the start of the output of table t (its Rows are
// not used; see NewTable) to w in format f, and returns the writer for
// the rows.
func NewRowWriter(w io.Writer, t *Table, f Format) (*RowWriter, error) {
	rw := &RowWriter{t: t, format: f, bw: bufio.NewWriterSize(w, 64<<10)}
	switch f {
	case CSV:
		rw.cw = csv.NewWriter(rw.bw)
		rw.err = rw.cw.Write(t.Columns())
	case JSON:
		rw.enc = json.NewEncoder(&rw.buf)
		rw.enc.SetEscapeHTML(false)
		rw.enc.SetIndent("  ", " ")
		head := jsonHead{
			Omega: decimal(t.Omega), Tau: decimal(t.Tau), Digits: t.Digits, Order: "mean-major",
			Means: t.Grid.Mean.Len(), Variances: t.Grid.Var.Len(), Certify: t.Certify,
		}
		henc := json.NewEncoder(&rw.buf)
		henc.SetEscapeHTML(false)
		henc.SetIndent("", " ")
		if rw.err = henc.Encode(head); rw.err == nil {
			// Reopen the object: drop the closing "}\n" and continue with
			// the rows, in the layout json.Encoder gives the whole table.
			b := bytes.TrimSuffix(rw.buf.Bytes(), []byte("\n}\n"))
			_, rw.err = fmt.Fprintf(rw.bw, "%s,\n \"rows\": [", b)
			rw.buf.Reset()
		}
	default:
		return nil, fmt.Errorf("sweep: unknown output format %d", f)
	}
	if rw.err != nil {
		return nil, rw.err
	}
	return rw, nil
}

// Write writes row r. Rows must come in grid order.
func (rw *RowWriter) Write(r Row) error {
	if rw.err != nil {
		return rw.err
	}
	switch rw.format {
	case CSV:
		rw.err = rw.cw.Write(rw.t.record(r))
	case JSON:
		sep := ",\n  "
		if rw.rows == 0 {
			sep = "\n  "
		}
		rw.buf.Reset()
		if rw.err = rw.enc.Encode(rw.t.jsonRow(r)); rw.err == nil {
			_, rw.err = fmt.Fprintf(rw.bw, "%s%s", sep, bytes.TrimSuffix(rw.buf.Bytes(), []byte("\n")))
		}
	}
	rw.rows++
	return rw.err
}

// Close writes the end of the output and flushes it. It does not close
// the underlying writer.
func (rw *RowWriter) Close() error {
	if rw.err != nil {
		return rw.err
	}
	switch rw.format {
	case CSV:
		rw.cw.Flush()
		rw.err = rw.cw.Error()
	case JSON:
		end := "\n ]\n}\n"
		if rw.rows == 0 {
			end = "]\n}\n"
		}
		_, rw.err = io.WriteString(rw.bw, end)
	}
	if rw.err == nil {
		rw.err = rw.bw.Flush()
	}
	return rw.err
}

// write writes all rows of t in format f.
func (t *Table) write(w io.Writer, f Format) error {
	rw, err := NewRowWriter(w, t, f)
	if err != nil {
		return err
	}
	for _, r := range t.Rows {
		if err := rw.Write(r); err != nil {
			return err
		}
	}
	return rw.Close()
}

// WriteCSV writes the table as CSV (RFC 4180) with a header line of
// Columns, one line per target in grid order.
func (t *Table) WriteCSV(w io.Writer) error { return t.write(w, CSV) }

// WriteJSON writes the table as one JSON object:
//
//	{"omega", "tau", "digits", "order": "mean-major", "means", "variances",
//	 "rows": [{"mean", "var", "feasible", "lambda", "alpha", "alpha_prime",
//	           "spectral_norm", "spectral_radius", "stable", "reason"}]}
//
// Exact and big values (target, λ, α, α', ω, τ) are decimal strings; S and
// ρ are float64 numbers. An infeasible row has null values and the
// solver's explanation in "reason". A certified table (t.Certify) has
// "certify": true, and each feasible row "certified" (true or false) and
//
//	"certificate": {"scale", "box": {"mu", "omega", "nu", "tau"}, "norm",
//	                "bound", "reason"}
//
// with the fields of Certification: the scale to 6 significant digits,
// the box's ranges as [lo, hi], the
// norm "2" or the matrix P, the bound rounded up to 17 digits; box, norm
// and bound only when certified, reason only when there is one.
func (t *Table) WriteJSON(w io.Writer) error { return t.write(w, JSON) }

// finite returns &x, or nil (JSON null) if x is NaN or infinite.
func finite(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}
