package montecarlo

import (
	"errors"
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
		{"1,2\n3,4,5\n", "line 2: more than 2 fields, but the first line has 2"},
		{"1,2,3\n3,4\n", "line 2: 2 fields, but the first line has 3"},
		{"1,\"2\"x\n", "line 1, field 2: text after the closing quote"},
		{"1,\"2\n3\"\n", "line 1, field 2: quoted field spans lines"},
		{"a,b\n1,\"" + strings.Repeat("9", MaxCSVField+1) + "\"\n", "line 2, field 2: longer than 1024 bytes"},
		{"1,2\n\n#c\n\n3\n", "line 5: 1 fields, but the first line has 2"},
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

// Quoted fields, CRLF line ends, padding and blank lines are read.
func TestReadCSVForms(t *testing.T) {
	m, err := ReadCSV(strings.NewReader("\"x\",\"y\"\r\n\r\n \"1.5\" , 2\r\n3,\"4\"\n"), 0)
	if err != nil {
		t.Fatal(err)
	}
	if m.Rows != 2 || m.Cols != 2 || m.Data[0] != 1.5 || m.Data[1] != 2 || m.Data[3] != 4 {
		t.Errorf("got %+v", m)
	}
}

// endless yields the bytes of head once and then tail forever, counting
// what it has yielded.
type endless struct {
	head, tail string
	n          int64
}

func (e *endless) Read(b []byte) (int, error) {
	k := 0
	for k < len(b) {
		var s string
		if e.n < int64(len(e.head)) {
			s = e.head[e.n:]
		} else {
			t := e.tail
			s = t[(e.n-int64(len(e.head)))%int64(len(t)):]
		}
		c := copy(b[k:], s)
		k += c
		e.n += int64(c)
	}
	return k, nil
}

// Text without end (/dev/zero, a file without line breaks, an unterminated
// quoted field, a line with endless fields) is refused after reading a
// bounded amount: the error comes within the first field's or line's limit,
// never after reading everything into memory.
func TestReadCSVBoundedOnEndlessInput(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      endless
		want    string
		maxRead int64 // bytes the reader may have yielded, buffering included
	}{
		{"/dev/zero", endless{tail: "\x00"}, "line 1, field 1: longer than 1024 bytes", 128 << 10},
		{"one endless number", endless{head: "1,", tail: "9"}, "line 1, field 2: longer than 1024 bytes", 128 << 10},
		{"unterminated quote", endless{head: "1,2\n3,\"", tail: "4"}, "line 2, field 2: longer than 1024 bytes", 128 << 10},
		{"endless fields on line 2", endless{head: "1,2\n", tail: "3,"}, "line 2: more than 2 fields", 128 << 10},
		{"endless first line", endless{tail: "3,"}, "line 1: more than 65536 fields", 256 << 10},
		{"endless rows", endless{head: "1,2\n", tail: "3,4\n"}, "more than 1000 values", 128 << 10},
	} {
		in := tc.in
		_, err := ReadCSV(&in, 1000)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("%s: %T is not an *InputError", tc.name, err)
		}
		if in.n > tc.maxRead {
			t.Errorf("%s: read %d bytes before refusing, want at most %d", tc.name, in.n, tc.maxRead)
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
