package montecarlo

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Limits of ReadCSV. They bound the memory a malformed or hostile file can
// take (a file without line breaks, an unterminated quoted field) to far
// less than the values themselves: a field is parsed as soon as it ends.
const (
	// MaxCSVField is the longest field, in bytes. A float64 needs at most
	// 25 characters; the rest is room for padding and long decimals.
	MaxCSVField = 1024
	// MaxCSVCols is the largest number of features per line.
	MaxCSVCols = MaxWidth
)

// An InputError is a problem with the input text of ReadCSV, at Line (from
// 1) and Field (from 1; 0 when it concerns the whole line or file).
type InputError struct {
	Line, Field int
	Reason      string
}

func (e *InputError) Error() string {
	switch {
	case e.Line == 0:
		return "montecarlo: input: " + e.Reason
	case e.Field == 0:
		return fmt.Sprintf("montecarlo: input line %d: %s", e.Line, e.Reason)
	}
	return fmt.Sprintf("montecarlo: input line %d, field %d: %s", e.Line, e.Field, e.Reason)
}

// ReadCSV reads inputs from comma-separated text: one sample per line, one
// feature per field, every line with the same number of fields (at least
// two, at most MaxCSVCols). Fields may be quoted ("1.5") and padded with
// spaces. A first line whose fields are all non-numeric is a header and is
// skipped; lines starting with '#' are comments; empty lines are skipped.
// Errors are *InputError values naming the line and the field and saying
// why, e.g.
//
//	montecarlo: input line 7, field 3: "abc" is not a number
//
// At most maxValues numbers are read (0 means no limit), so that a huge
// file is refused before it fills memory. The text is read as a stream:
// every field is parsed as soon as it ends, a field longer than
// MaxCSVField bytes or a line with more fields than the first is refused
// at once, so the memory used beyond the values is a few kilobytes.
func ReadCSV(r io.Reader, maxValues int) (*Matrix, error) {
	p := csvParser{r: bufio.NewReaderSize(r, 64<<10), line: 1, maxValues: maxValues}
	return p.read()
}

type csvParser struct {
	r         *bufio.Reader
	line      int // current line, from 1
	maxValues int
	m         Matrix
	field     []byte    // the current field, at most MaxCSVField bytes
	row       []float64 // the numbers of the current line
	// On the first line, which may be a header: whether a field was a
	// number, and the first field that was not.
	anyNumber bool
	badField  int
	badText   string
}

func (p *csvParser) fail(field int, format string, args ...any) error {
	return &InputError{Line: p.line, Field: field, Reason: fmt.Sprintf(format, args...)}
}

func (p *csvParser) read() (*Matrix, error) {
	for {
		c, err := p.r.ReadByte()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &InputError{Reason: "reading: " + err.Error()}
		}
		switch c {
		case '\n':
			p.line++
			continue
		case '\r':
			continue
		case '#':
			if err := p.skipLine(); err != nil {
				return nil, err
			}
			continue
		}
		p.r.UnreadByte()
		if err := p.readLine(); err != nil {
			return nil, err
		}
	}
	if p.m.Rows == 0 {
		return nil, &InputError{Reason: "no data lines"}
	}
	return &p.m, nil
}

// skipLine consumes the rest of a comment line, without keeping it.
func (p *csvParser) skipLine() error {
	for {
		c, err := p.r.ReadByte()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &InputError{Line: p.line, Reason: "reading: " + err.Error()}
		}
		if c == '\n' {
			p.line++
			return nil
		}
	}
}

// readLine reads the fields of one data line (or the header) up to and
// including its line break.
func (p *csvParser) readLine() error {
	p.row = p.row[:0]
	p.anyNumber, p.badField, p.badText = false, 0, ""
	first := p.m.Cols == 0
	for {
		end, err := p.readField()
		if err != nil {
			return err
		}
		k := len(p.row) + 1 // this field's number
		if !first && k > p.m.Cols {
			return p.fail(0, "more than %d fields, but the first line has %d", p.m.Cols, p.m.Cols)
		}
		if first && k > MaxCSVCols {
			return p.fail(0, "more than %d fields; at most %d features per line", MaxCSVCols, MaxCSVCols)
		}
		if err := p.number(k, first); err != nil {
			return err
		}
		if end {
			break
		}
	}
	n := len(p.row)
	if first {
		if n < 2 {
			return p.fail(0, "%d field; want at least 2 features per line", n)
		}
		p.m.Cols = n
		if !p.anyNumber { // a header
			p.line++
			return nil
		}
		if p.badField > 0 {
			return p.fail(p.badField, "%s is not a number", strconv.Quote(p.badText))
		}
	} else if n != p.m.Cols {
		return p.fail(0, "%d fields, but the first line has %d", n, p.m.Cols)
	}
	if p.maxValues > 0 && len(p.m.Data)+n > p.maxValues {
		return p.fail(0, "more than %d values; the run would not fit (use a smaller file or --batch)", p.maxValues)
	}
	p.m.Data = append(p.m.Data, p.row...)
	p.m.Rows++
	p.line++
	return nil
}

// readField reads one field into p.field; end reports whether it was the
// last of its line (a line break or the end of the input follows).
func (p *csvParser) readField() (end bool, err error) {
	p.field = p.field[:0]
	k := len(p.row) + 1
	add := func(c byte) error {
		if len(p.field) >= MaxCSVField {
			return p.fail(k, "longer than %d bytes; not a number", MaxCSVField)
		}
		p.field = append(p.field, c)
		return nil
	}
	c, err := p.r.ReadByte()
	for err == nil && (c == ' ' || c == '\t') { // leading space
		c, err = p.r.ReadByte()
	}
	if err == nil && c == '"' {
		for {
			c, err = p.r.ReadByte()
			if err == io.EOF {
				return false, p.fail(k, "quoted field not closed")
			}
			if err != nil {
				return false, p.fail(k, "reading: %v", err)
			}
			if c == '"' {
				if c, err = p.r.ReadByte(); err != nil || c != '"' {
					break // the closing quote
				}
			}
			if c == '\n' {
				return false, p.fail(k, "quoted field spans lines; want one number per field")
			}
			if err := add(c); err != nil {
				return false, err
			}
		}
		for err == nil && (c == ' ' || c == '\t' || c == '\r') {
			c, err = p.r.ReadByte()
		}
		if err == nil && c != ',' && c != '\n' {
			return false, p.fail(k, "text after the closing quote")
		}
	} else {
		for err == nil && c != ',' && c != '\n' {
			if c != '\r' {
				if err := add(c); err != nil {
					return false, err
				}
			}
			c, err = p.r.ReadByte()
		}
	}
	if err == io.EOF {
		return true, nil
	}
	if err != nil {
		return false, p.fail(k, "reading: %v", err)
	}
	return c == '\n', nil
}

// number parses the field p.field, the k-th of its line, into p.row. On
// the first line a field that is not a number is remembered instead: the
// line may be a header.
func (p *csvParser) number(k int, first bool) error {
	s := strings.TrimSpace(string(p.field))
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return p.fail(k, "%s is out of the float64 range", strconv.Quote(s))
		}
		if !first {
			return p.fail(k, "%s is not a number", strconv.Quote(s))
		}
		if p.badField == 0 {
			p.badField, p.badText = k, s
		}
		p.row = append(p.row, 0)
		return nil
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return p.fail(k, "%s is not finite", strconv.Quote(s))
	}
	p.anyNumber = true
	p.row = append(p.row, v)
	return nil
}
