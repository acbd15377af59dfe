// Package atomicfile writes output files so that readers never see a
// partial result and nothing is replaced that should not be.
//
// A regular destination (or a new one) is written to a temporary file in
// its directory, synced, and renamed over it: the old content stays intact
// until the new one is complete. A symbolic link is followed, as cp and
// compilers do: the file it points to is replaced, the link stays. A
// destination that exists and is not a regular file (a character device
// such as /dev/null, a FIFO, a socket) is written through, never replaced.
// A new file gets the permissions asked for less the process's umask; a
// replaced file keeps its mode. If the process receives SIGINT or SIGTERM
// while a temporary file exists, the file is removed before the process
// dies of the signal.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// maxLinks bounds the symbolic links followed, as the kernel's ELOOP does.
const maxLinks = 40

// A File is an output file being written. Write to it, then call Commit to
// publish the content, or Abort to discard it. For a non-regular
// destination the writes go straight to it and Commit only closes it.
type File struct {
	f       *os.File
	tmp     string // temporary name; "" when writing through
	dest    string // the resolved destination
	done    bool
	keepErr error
}

// Create starts writing the file name with permissions perm (less the
// umask) for a new file. See the package documentation for links and
// non-regular destinations. A directory, a missing parent directory or an
// unreadable path is an error, and nothing is created.
func Create(name string, perm os.FileMode) (*File, error) {
	dest, info, err := resolve(name)
	if err != nil {
		return nil, err
	}
	if info != nil && !info.Mode().IsRegular() {
		// Write through: O_TRUNC is harmless on devices and FIFOs, and no
		// O_CREATE, so that a node that vanished is not replaced by a file.
		f, err := os.OpenFile(dest, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return nil, fmt.Errorf("atomicfile: %w", err)
		}
		return &File{f: f, dest: dest}, nil
	}
	mode := perm
	if info != nil {
		mode = info.Mode().Perm()
	}
	dir, base := filepath.Split(dest)
	if dir == "" {
		dir = "."
	}
	for try := 0; ; try++ {
		tmp := filepath.Join(dir, "."+base+".tmp-"+strconv.FormatInt(time.Now().UnixNano()%1e9+int64(try), 36))
		if !track(tmp) {
			continue
		}
		// os.OpenFile applies the umask to mode, as every new file gets.
		f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, mode)
		if err == nil {
			af := &File{f: f, tmp: tmp, dest: dest}
			if info != nil {
				// An existing file keeps its mode exactly, umask or not.
				af.keepErr = f.Chmod(mode)
			}
			return af, nil
		}
		untrack(tmp)
		if !errors.Is(err, fs.ErrExist) || try >= 100 {
			return nil, fmt.Errorf("atomicfile: %w", err)
		}
	}
}

// Write writes p to the file.
func (f *File) Write(p []byte) (int, error) { return f.f.Write(p) }

// Name returns the destination the content goes to: name with its
// symbolic links followed.
func (f *File) Name() string { return f.dest }

// Commit makes the written content the destination's: it syncs and renames
// the temporary file over the destination (or closes a written-through
// destination). On failure the destination is left as it was and the
// temporary file is removed.
func (f *File) Commit() error {
	if f.done {
		return errors.New("atomicfile: Commit after Commit or Abort")
	}
	f.done = true
	if f.tmp == "" {
		if err := f.f.Close(); err != nil {
			return fmt.Errorf("atomicfile: writing %s: %w", f.dest, err)
		}
		return nil
	}
	err := f.keepErr
	if err == nil {
		err = f.f.Sync()
	}
	if cerr := f.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = renameTracked(f.tmp, f.dest)
	}
	if err != nil {
		os.Remove(f.tmp)
		untrack(f.tmp)
		return fmt.Errorf("atomicfile: writing %s: %w", f.dest, err)
	}
	return nil
}

// Abort discards the content: it removes the temporary file, leaving the
// destination as it was. A written-through destination has already
// received what was written. Abort after Commit does nothing.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.f.Close()
	if f.tmp != "" {
		os.Remove(f.tmp)
		untrack(f.tmp)
	}
}

// WriteFile writes data to name as Create, Write and Commit do. On any
// failure a regular destination is left untouched and no temporary file
// remains.
func WriteFile(name string, data []byte, perm os.FileMode) error {
	f, err := Create(name, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return fmt.Errorf("atomicfile: writing %s: %w", f.dest, err)
	}
	return f.Commit()
}

// Check reports, without writing anything, whether Create(name) would
// find a place to write: an error for a directory, a missing parent
// directory, a symbolic-link loop. Commands call it before long work so
// that a typo in the output name fails at once.
func Check(name string) error {
	_, _, err := resolve(name)
	return err
}

// resolve follows the symbolic links of name and returns the destination
// with its current FileInfo (nil when it does not exist yet, in which case
// its parent directory exists).
func resolve(name string) (string, os.FileInfo, error) {
	if name == "" {
		return "", nil, errors.New("atomicfile: empty file name")
	}
	// An existing destination: Stat follows the links the way the kernel
	// does (this also covers /proc/self/fd/N and /dev/stdout).
	if info, err := os.Stat(name); err == nil {
		if info.IsDir() {
			return "", nil, fmt.Errorf("cannot write %s: it is a directory", name)
		}
		if !info.Mode().IsRegular() {
			return name, info, nil
		}
		dest, err := filepath.EvalSymlinks(name)
		if err != nil {
			return "", nil, fmt.Errorf("cannot write %s: %w", name, err)
		}
		return dest, info, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", nil, fmt.Errorf("cannot write %s: %w", name, err)
	}
	// A new file, possibly behind a dangling link: follow the links by
	// hand to the name the file will get.
	p := name
	for range maxLinks {
		li, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			dir := filepath.Dir(p)
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return "", nil, fmt.Errorf("cannot write %s: directory %s does not exist", name, dir)
			}
			return p, nil, nil
		}
		if err != nil {
			return "", nil, fmt.Errorf("cannot write %s: %w", name, err)
		}
		if li.Mode()&fs.ModeSymlink == 0 {
			return "", nil, fmt.Errorf("cannot write %s: %s changed while being examined", name, p)
		}
		t, err := os.Readlink(p)
		if err != nil {
			return "", nil, fmt.Errorf("cannot write %s: %w", name, err)
		}
		if !filepath.IsAbs(t) {
			t = filepath.Join(filepath.Dir(p), t)
		}
		p = t
	}
	return "", nil, fmt.Errorf("cannot write %s: too many levels of symbolic links", name)
}
