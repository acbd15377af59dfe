package train

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// DefaultDataDir is where Debian's dataset-fashion-mnist package installs
// Fashion-MNIST; LoadDir uses it when no directory is given.
const DefaultDataDir = "/usr/share/datasets/fashion-mnist"

// Classes is the number of classes of MNIST and Fashion-MNIST, the width of
// the output layer.
const Classes = 10

// maxIDXElements bounds the size an idx header may announce (4 GiB of
// bytes), so that a corrupt header fails before any allocation.
const maxIDXElements = 1 << 32

// A Set is a labelled image set: N images of Rows×Cols pixels (bytes,
// row-major, image after image) and their labels 0 … 9.
type Set struct {
	N, Rows, Cols int
	Images        []uint8 // N·Rows·Cols pixels
	Labels        []uint8 // N labels
}

// Features returns the number of pixels of an image, Rows·Cols.
func (s *Set) Features() int { return s.Rows * s.Cols }

// Subset returns the first n samples of s (all of them if n ≤ 0 or n ≥ N),
// sharing its storage.
func (s *Set) Subset(n int) *Set {
	if n <= 0 || n >= s.N {
		return s
	}
	f := s.Features()
	return &Set{N: n, Rows: s.Rows, Cols: s.Cols, Images: s.Images[:n*f], Labels: s.Labels[:n]}
}

// ReadIDX reads one file in the idx format of LeCun's MNIST distribution:
// a big-endian header 0x00 0x00 type ndim, then ndim big-endian uint32
// dimensions, then the data. Only unsigned bytes (type 0x08) are accepted.
// A gzip-compressed stream (magic 0x1f 0x8b) is decompressed first. The
// data must have exactly the announced length.
func ReadIDX(r io.Reader) (dims []int, data []byte, err error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if m, _ := br.Peek(2); len(m) == 2 && m[0] == 0x1f && m[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, fmt.Errorf("gzip: %v", err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<16)
	}
	var head [4]byte
	if _, err := io.ReadFull(br, head[:]); err != nil {
		return nil, nil, fmt.Errorf("no idx header (%v)", short(err))
	}
	if head[0] != 0 || head[1] != 0 {
		return nil, nil, fmt.Errorf("wrong magic number %#02x%02x%02x%02x: an idx file starts with 0x0000 then the type and the number of dimensions", head[0], head[1], head[2], head[3])
	}
	if head[2] != 0x08 {
		return nil, nil, fmt.Errorf("element type %#02x: only unsigned bytes (0x08) are supported", head[2])
	}
	nd := int(head[3])
	if nd < 1 || nd > 4 {
		return nil, nil, fmt.Errorf("%d dimensions: want 1 to 4", nd)
	}
	total := 1
	dims = make([]int, nd)
	for i := range dims {
		var b [4]byte
		if _, err := io.ReadFull(br, b[:]); err != nil {
			return nil, nil, fmt.Errorf("header truncated in dimension %d (%v)", i+1, short(err))
		}
		dims[i] = int(binary.BigEndian.Uint32(b[:]))
		total *= dims[i]
		if total > maxIDXElements {
			return nil, nil, fmt.Errorf("dimensions %v announce more than %d bytes", dims[:i+1], maxIDXElements)
		}
	}
	// Read what is there (at most one byte more than announced) instead of
	// allocating what the header claims, so a corrupt header costs nothing.
	data, err = io.ReadAll(io.LimitReader(br, int64(total)+1))
	if err != nil {
		return nil, nil, fmt.Errorf("data truncated or corrupt after %d of %d bytes (%v)", len(data), total, err)
	}
	if len(data) < total {
		return nil, nil, fmt.Errorf("truncated: dimensions %v need %d bytes of data, found %d", dims, total, len(data))
	}
	if len(data) > total {
		return nil, nil, fmt.Errorf("%d bytes of data expected for dimensions %v, the file has more", total, dims)
	}
	return dims, data, nil
}

func short(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("file too short")
	}
	return err
}

// readIDXFile reads the idx file name (gzip or raw).
func readIDXFile(name string) ([]int, []byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	dims, data, err := ReadIDX(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %v", name, err)
	}
	return dims, data, nil
}

// LoadSet reads an image file (3 dimensions: count, rows, columns) and its
// label file (1 dimension: count) and checks that they agree.
func LoadSet(images, labels string) (*Set, error) {
	dims, pix, err := readIDXFile(images)
	if err != nil {
		return nil, fmt.Errorf("train: %v", err)
	}
	if len(dims) != 3 || dims[0] < 1 || dims[1] < 1 || dims[2] < 1 {
		return nil, fmt.Errorf("train: %s: dimensions %v: an image file has 3 (count, rows, columns), all ≥ 1", images, dims)
	}
	ldims, lab, err := readIDXFile(labels)
	if err != nil {
		return nil, fmt.Errorf("train: %v", err)
	}
	if len(ldims) != 1 {
		return nil, fmt.Errorf("train: %s: dimensions %v: a label file has 1 (count)", labels, ldims)
	}
	if ldims[0] != dims[0] {
		return nil, fmt.Errorf("train: %d images in %s but %d labels in %s", dims[0], images, ldims[0], labels)
	}
	for i, l := range lab {
		if int(l) >= Classes {
			return nil, fmt.Errorf("train: %s: label %d of sample %d: want 0 to %d", labels, l, i, Classes-1)
		}
	}
	return &Set{N: dims[0], Rows: dims[1], Cols: dims[2], Images: pix, Labels: lab}, nil
}

// findIDX returns the path of the idx file base in dir: base.gz, base, or
// the variant with a dot before "idx" (t10k-images.idx3-ubyte).
func findIDX(dir, base string) (string, error) {
	dotted := base
	if i := len(base) - len("-idx3-ubyte"); i > 0 && base[i] == '-' {
		dotted = base[:i] + "." + base[i+1:]
	}
	for _, name := range []string{base + ".gz", base, dotted + ".gz", dotted} {
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, nil
		}
	}
	return "", fmt.Errorf("train: %s has no %s or %s.gz (MNIST and Fashion-MNIST in idx format)", dir, base, base)
}

// LoadDir reads the training and test sets of MNIST or Fashion-MNIST from
// dir (DefaultDataDir if dir is empty): train-images-idx3-ubyte,
// train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
// t10k-labels-idx1-ubyte, each raw or gzip-compressed (.gz).
func LoadDir(dir string) (trainSet, testSet *Set, err error) {
	if dir == "" {
		dir = DefaultDataDir
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("train: data directory: %v", err)
	}
	if !st.IsDir() {
		return nil, nil, fmt.Errorf("train: data directory %s is not a directory", dir)
	}
	var sets [2]*Set
	for i, prefix := range []string{"train", "t10k"} {
		im, err := findIDX(dir, prefix+"-images-idx3-ubyte")
		if err != nil {
			return nil, nil, err
		}
		lb, err := findIDX(dir, prefix+"-labels-idx1-ubyte")
		if err != nil {
			return nil, nil, err
		}
		if sets[i], err = LoadSet(im, lb); err != nil {
			return nil, nil, err
		}
	}
	if sets[0].Rows != sets[1].Rows || sets[0].Cols != sets[1].Cols {
		return nil, nil, fmt.Errorf("train: %s: training images are %d×%d but test images %d×%d", dir, sets[0].Rows, sets[0].Cols, sets[1].Rows, sets[1].Cols)
	}
	return sets[0], sets[1], nil
}
