package train

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// idx encodes an idx file of unsigned bytes with the given dimensions.
func idx(dims []int, data []byte) []byte {
	var b bytes.Buffer
	b.Write([]byte{0, 0, 8, byte(len(dims))})
	for _, d := range dims {
		binary.Write(&b, binary.BigEndian, uint32(d))
	}
	b.Write(data)
	return b.Bytes()
}

func gz(b []byte) []byte {
	var out bytes.Buffer
	w := gzip.NewWriter(&out)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

// writeSet writes set s as the four idx files of prefix in dir.
func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func setFiles(s *Set, prefix string, compress bool) map[string][]byte {
	im := idx([]int{s.N, s.Rows, s.Cols}, s.Images)
	lb := idx([]int{s.N}, s.Labels)
	ext := ""
	if compress {
		im, lb, ext = gz(im), gz(lb), ".gz"
	}
	return map[string][]byte{
		prefix + "-images-idx3-ubyte" + ext: im,
		prefix + "-labels-idx1-ubyte" + ext: lb,
	}
}

// Sets written as idx files, raw and gzip-compressed, read back equal.
func TestLoadDir(t *testing.T) {
	tr, te := synthetic(30, 1), synthetic(12, 2)
	for _, compress := range []bool{false, true} {
		dir := t.TempDir()
		writeFiles(t, dir, setFiles(tr, "train", compress))
		writeFiles(t, dir, setFiles(te, "t10k", !compress))
		gotTr, gotTe, err := LoadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range [][2]*Set{{gotTr, tr}, {gotTe, te}} {
			g, w := p[0], p[1]
			if g.N != w.N || g.Rows != w.Rows || g.Cols != w.Cols || !bytes.Equal(g.Images, w.Images) || !bytes.Equal(g.Labels, w.Labels) {
				t.Errorf("compress %v: read %d×%d×%d, want %d×%d×%d or data differ", compress, g.N, g.Rows, g.Cols, w.N, w.Rows, w.Cols)
			}
		}
	}
}

// Bad files give an error naming the problem.
func TestLoadDirErrors(t *testing.T) {
	tr, te := synthetic(30, 1), synthetic(12, 2)
	good := func() map[string][]byte {
		f := setFiles(tr, "train", false)
		for k, v := range setFiles(te, "t10k", true) {
			f[k] = v
		}
		return f
	}
	im := "train-images-idx3-ubyte"
	lb := "train-labels-idx1-ubyte"
	for _, tc := range []struct {
		name, want string
		edit       func(f map[string][]byte)
	}{
		{"magic", "wrong magic", func(f map[string][]byte) { f[im][0] = 1 }},
		{"type", "element type", func(f map[string][]byte) { f[im][2] = 0x0d }},
		{"truncated", "truncated", func(f map[string][]byte) { f[im] = f[im][:len(f[im])-5] }},
		{"header", "header truncated", func(f map[string][]byte) { f[im] = f[im][:9] }},
		{"empty", "no idx header", func(f map[string][]byte) { f[im] = nil }},
		{"extra", "the file has more", func(f map[string][]byte) { f[im] = append(f[im], 0) }},
		{"counts", "30 images", func(f map[string][]byte) { f[lb] = idx([]int{29}, tr.Labels[:29]) }},
		{"label", "label 10", func(f map[string][]byte) { f[lb] = idx([]int{30}, append([]byte{10}, tr.Labels[1:]...)) }},
		{"dims", "an image file has 3", func(f map[string][]byte) { f[im] = idx([]int{30, 36}, tr.Images) }},
		{"huge", "announce more than", func(f map[string][]byte) { f[im] = idx([]int{1 << 30, 1 << 10, 1}, nil) }},
		{"gzip", "truncated", func(f map[string][]byte) { b := gz(f[im]); f[im] = b[:len(b)/2] }},
		{"missing", "has no train-labels", func(f map[string][]byte) { delete(f, lb) }},
		{"shape", "training images are 6×6 but test images", func(f map[string][]byte) {
			s := synthetic(12, 2)
			s.Rows, s.Cols = 4, 9
			for k, v := range setFiles(s, "t10k", true) {
				f[k] = v
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := good()
			tc.edit(f)
			dir := t.TempDir()
			writeFiles(t, dir, f)
			_, _, err := LoadDir(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %v, want one line containing %q", err, tc.want)
			}
		})
	}
	if _, _, err := LoadDir(filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("missing directory: no error")
	}
}

// ReadIDX never panics and either fails or returns data of the announced
// size.
func FuzzReadIDX(f *testing.F) {
	f.Add(idx([]int{2, 2}, []byte{1, 2, 3, 4}))
	f.Add(gz(idx([]int{3}, []byte{1, 2, 3})))
	f.Add([]byte{0, 0, 8, 1, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		dims, data, err := ReadIDX(bytes.NewReader(b))
		if err != nil {
			return
		}
		n := 1
		for _, d := range dims {
			n *= d
		}
		if len(data) != n {
			t.Errorf("dims %v with %d bytes", dims, len(data))
		}
	})
}
