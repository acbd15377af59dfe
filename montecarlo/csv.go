package montecarlo

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ReadCSV reads inputs from comma-separated text: one sample per line, one
// feature per field, every line with the same number of fields (at least
// two). A first line whose fields are all non-numeric is a header and is
// skipped; lines starting with '#' are comments. Errors name the line and
// the field and say why, e.g.
//
//	montecarlo: input line 7, field 3: "abc" is not a number
//
// At most maxValues numbers are read (0 means no limit), so that a huge
// file is refused before it fills memory.
func ReadCSV(r io.Reader, maxValues int) (*Matrix, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	m := &Matrix{}
	first := true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				if errors.Is(pe.Err, csv.ErrFieldCount) {
					return nil, fmt.Errorf("montecarlo: input line %d: %d fields, but the first line has %d", pe.Line, len(rec), m.Cols)
				}
				return nil, fmt.Errorf("montecarlo: input line %d, column %d: %v", pe.Line, pe.Column, pe.Err)
			}
			return nil, fmt.Errorf("montecarlo: reading input: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if first {
			first = false
			if len(rec) < 2 {
				return nil, fmt.Errorf("montecarlo: input line %d: %d field; want at least 2 features per line", line, len(rec))
			}
			m.Cols = len(rec)
			if isHeader(rec) {
				continue
			}
		}
		if maxValues > 0 && len(m.Data)+len(rec) > maxValues {
			return nil, fmt.Errorf("montecarlo: input line %d: more than %d values; the run would not fit (use a smaller file or --batch)", line, maxValues)
		}
		for i, f := range rec {
			v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil {
				if errors.Is(err, strconv.ErrRange) {
					return nil, fmt.Errorf("montecarlo: input line %d, field %d: %q is out of the float64 range", line, i+1, f)
				}
				return nil, fmt.Errorf("montecarlo: input line %d, field %d: %q is not a number", line, i+1, f)
			}
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("montecarlo: input line %d, field %d: %q is not finite", line, i+1, f)
			}
			m.Data = append(m.Data, v)
		}
		m.Rows++
	}
	if m.Rows == 0 {
		return nil, errors.New("montecarlo: input has no data lines")
	}
	return m, nil
}

// isHeader reports whether no field of rec parses as a number.
func isHeader(rec []string) bool {
	for _, f := range rec {
		if _, err := strconv.ParseFloat(strings.TrimSpace(f), 64); err == nil {
			return false
		}
	}
	return true
}
