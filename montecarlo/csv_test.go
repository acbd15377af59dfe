package montecarlo

import (
	"strings"
	"testing"
)

func TestReadCSV(t *testing.T) {
	t.Parallel()
	m, err := ReadCSV(strings.NewReader("a,b,c\n1,2,3\n# comment\n4, 5,6e0\n"), 0)
	if err != nil {
		t.Fatal(err)
	}
	if m.Rows != 2 || m.Cols != 3 || len(m.Data) != 6 || m.Data[4] != 5 || m.Data[5] != 6 {
		t.Errorf("got %+v", m)
	}
	for _, test := range []struct {
		in, want string
	}{
		{"1,2\n3,x\n", `line 2, field 2: "x" is not a number`},
		{"1,2\n3,4,5\n", "line 2: 3 fields, but the first line has 2"},
		{"1,2\n3,NaN\n", `line 2, field 2: "NaN" is not finite`},
		{"1,2\n1e999,1\n", "line 2, field 1: \"1e999\" is out of the float64 range"},
		{"1\n2\n", "line 1: 1 field; want at least 2"},
		{"a,b\n", "no data lines"},
		{"", "no data lines"},
		{"1,2\n\"3,4\n", "line 2"},
		{"1,2\n3,4\n5,6\n", "more than 4 values"},
	} {
		_, err := ReadCSV(strings.NewReader(test.in), 4)
		if err == nil || !strings.Contains(err.Error(), test.want) || !strings.HasPrefix(err.Error(), "montecarlo: ") {
			t.Errorf("ReadCSV(%q): err = %v, want it to contain %q", test.in, err, test.want)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{"1,2\n3,4\n", "a,b\n1,2\n", "1,2\n3\n", "1,2,\n", "\"1\",2\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ReadCSV(strings.NewReader(s), 1000)
		if err != nil {
			return
		}
		if m.Rows < 1 || m.Cols < 2 || len(m.Data) != m.Rows*m.Cols {
			t.Errorf("ReadCSV(%q) = %+v", s, m)
		}
		c := Config{Width: 4, Depth: 1, Constants: selu01, Target: selu01Target, Inputs: m}
		if err := c.Validate(); err != nil {
			t.Errorf("ReadCSV(%q) gave inputs that Validate refuses: %v", s, err)
		}
	})
}
