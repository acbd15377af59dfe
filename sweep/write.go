package sweep

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"strconv"
)

// Columns are the CSV columns of WriteCSV, in order.
var Columns = []string{"mean", "var", "feasible", "lambda", "alpha", "alpha_prime", "spectral_norm", "spectral_radius", "stable"}

// record returns row r as CSV fields: exact decimals for the target, λ, α
// and α' to t.Digits significant digits, S and ρ (float64, shortest
// round-trip form), and empty fields after "false" for an infeasible
// target.
func (t *Table) record(r Row) []string {
	rec := []string{t.Grid.Mean.Text(r.MeanIndex), t.Grid.Var.Text(r.VarIndex), strconv.FormatBool(r.Feasible)}
	if !r.Feasible {
		return append(rec, "", "", "", "", "", "")
	}
	return append(rec,
		r.Lambda, r.Alpha, r.AlphaPrime,
		strconv.FormatFloat(r.Stability.SpectralNorm, 'g', -1, 64),
		strconv.FormatFloat(r.Stability.SpectralRadius, 'g', -1, 64),
		strconv.FormatBool(r.Stable()))
}

// WriteCSV writes the table as CSV (RFC 4180) with a header line of
// Columns, one line per target in grid order.
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns); err != nil {
		return err
	}
	for _, r := range t.Rows {
		if err := cw.Write(t.record(r)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// jsonRow is one row of WriteJSON. Big numbers are decimal strings.
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
}

type jsonTable struct {
	Omega     string    `json:"omega"`
	Tau       string    `json:"tau"`
	Digits    int       `json:"digits"`
	Order     string    `json:"order"`
	Means     int       `json:"means"`
	Variances int       `json:"variances"`
	Rows      []jsonRow `json:"rows"`
}

// WriteJSON writes the table as one JSON object:
//
//	{"omega", "tau", "digits", "order": "mean-major", "means", "variances",
//	 "rows": [{"mean", "var", "feasible", "lambda", "alpha", "alpha_prime",
//	           "spectral_norm", "spectral_radius", "stable", "reason"}]}
//
// Exact and big values (target, λ, α, α', ω, τ) are decimal strings; S and
// ρ are float64 numbers. An infeasible row has null values and the
// solver's explanation in "reason".
func (t *Table) WriteJSON(w io.Writer) error {
	out := jsonTable{
		Omega: decimal(t.Omega), Tau: decimal(t.Tau), Digits: t.Digits, Order: "mean-major",
		Means: t.Grid.Mean.Len(), Variances: t.Grid.Var.Len(),
		Rows: make([]jsonRow, len(t.Rows)),
	}
	for k, r := range t.Rows {
		jr := jsonRow{Mean: t.Grid.Mean.Text(r.MeanIndex), Var: t.Grid.Var.Text(r.VarIndex), Feasible: r.Feasible}
		if r.Feasible {
			lam, al, ap := r.Lambda, r.Alpha, r.AlphaPrime
			st := r.Stable()
			jr.Lambda, jr.Alpha, jr.AlphaPrime = &lam, &al, &ap
			jr.SpectralNorm, jr.SpectralRadius = finite(r.Stability.SpectralNorm), finite(r.Stability.SpectralRadius)
			jr.Stable = &st
		} else {
			jr.Reason = r.Reason
		}
		out.Rows[k] = jr
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	return enc.Encode(out)
}

// finite returns &x, or nil (JSON null) if x is NaN or infinite.
func finite(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}
