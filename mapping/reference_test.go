package mapping

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// readTable reads a whitespace-separated table of float64s from
// testdata/name, skipping '#' comment lines. The tables are written by
// testdata/gen_reference.py (mpmath 1.2.1 at 160 digits).
func readTable(t testing.TB, name string, cols int) [][]float64 {
	t.Helper()
	if !strings.Contains(name, "/") {
		name = "testdata/" + name
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != cols {
			t.Fatalf("%s: %d fields, want %d: %q", name, len(fields), cols, line)
		}
		row := make([]float64, cols)
		for i, s := range fields {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				// 25-digit values below the float64 range parse as 0 with ErrRange.
				if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
					t.Fatalf("%s: %v", name, err)
				}
			}
			row[i] = v
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}
