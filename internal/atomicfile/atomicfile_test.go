package atomicfile

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "out.html")
	if err := WriteFile(name, []byte("first"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(name, []byte("second"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(name)
	if err != nil || string(got) != "second" {
		t.Fatalf("content = %q, %v; want %q", got, err, "second")
	}
	onlyEntries(t, dir, "out.html")
}

// onlyEntries fails unless dir holds exactly the names given (no
// temporary file left behind).
func onlyEntries(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("directory holds %q, want %q", got, names)
	}
}

func TestWriteFileFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "missing-dir", "out.html")
	if err := WriteFile(name, []byte("x"), 0o644); err == nil {
		t.Fatal("WriteFile into a missing directory succeeded")
	}
	if _, err := os.Stat(name); !os.IsNotExist(err) {
		t.Errorf("destination exists after a failed write: %v", err)
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, want string
	}{
		{filepath.Join(dir, "new.html"), ""},
		{filepath.Join(dir, "missing", "x.html"), "does not exist"},
		{dir, "is a directory"},
		{"", "empty"},
	} {
		err := Check(tc.name)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("Check(%q) = %v, want %q", tc.name, err, tc.want)
		}
	}
	loop := filepath.Join(dir, "loop")
	if err := os.Symlink("loop", loop); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := Check(loop); err == nil {
		t.Errorf("Check of a link to itself succeeded")
	}
	onlyEntries(t, dir, "loop")
}

// A link is followed: the target gets the content, the link stays a link,
// also when the target does not exist yet (as cp does).
func TestSymlinkWritesThrough(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, existing := range []bool{true, false} {
		target := filepath.Join(sub, "target.html")
		os.Remove(target)
		if existing {
			if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		link := filepath.Join(dir, "link.html")
		os.Remove(link)
		if err := os.Symlink("sub/target.html", link); err != nil {
			t.Skip("no symbolic links here:", err)
		}
		if err := WriteFile(link, []byte("new"), 0o644); err != nil {
			t.Fatal(err)
		}
		if li, err := os.Lstat(link); err != nil || li.Mode()&os.ModeSymlink == 0 {
			t.Errorf("existing=%v: the link was replaced: %v %v", existing, li.Mode(), err)
		}
		if got, err := os.ReadFile(target); err != nil || string(got) != "new" {
			t.Errorf("existing=%v: target holds %q, %v; want %q", existing, got, err, "new")
		}
		onlyEntries(t, sub, "target.html")
	}
}

// New files get perm less the umask; replaced files keep their mode.
func TestModes(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()
	name := filepath.Join(dir, "new.html")
	if err := WriteFile(name, []byte("x"), 0o666); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(name); st.Mode().Perm() != 0o640 {
		t.Errorf("new file with umask 027: mode %v, want -rw-r-----", st.Mode().Perm())
	}
	kept := filepath.Join(dir, "kept.html")
	if err := os.WriteFile(kept, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(kept, 0o604); err != nil { // a mode the umask would not give
		t.Fatal(err)
	}
	if err := WriteFile(kept, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(kept); st.Mode().Perm() != 0o604 {
		t.Errorf("replaced file: mode %v, want the old -rw----r--", st.Mode().Perm())
	}
}

// A character device is written through, never replaced by a regular file.
// The device is a copy of /dev/null (major 1, minor 3 on Linux) made in a
// temporary directory, which needs root.
func TestDeviceWritesThrough(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("making a device node needs root; run the tests as root to check devices")
	}
	dir := t.TempDir()
	dev := filepath.Join(dir, "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, int(1<<8|3)); err != nil {
		t.Skip("mknod refused here (a container without the capability?):", err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink("null", link); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{dev, link} {
		if err := WriteFile(name, []byte("discarded"), 0o644); err != nil {
			t.Fatalf("WriteFile(%s): %v", name, err)
		}
		if err := Check(name); err != nil {
			t.Errorf("Check(%s): %v", name, err)
		}
	}
	st, err := os.Lstat(dev)
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("the device node was replaced: mode %v, %v", st.Mode(), err)
	}
	onlyEntries(t, dir, "link", "null")
}

// A FIFO is written through too: a reader gets the bytes.
func TestFIFOWritesThrough(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	got := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- string(b)
	}()
	if err := WriteFile(fifo, []byte("through"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through" {
		t.Errorf("reader got %q", s)
	}
	if st, _ := os.Lstat(fifo); st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", st.Mode())
	}
}

// Abort leaves the old content and no temporary file.
func TestAbort(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(name, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Create(name, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("partial"))
	f.Abort()
	if got, _ := os.ReadFile(name); string(got) != "old" {
		t.Errorf("after Abort the file holds %q", got)
	}
	onlyEntries(t, dir, "out.csv")
	if err := f.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
}

// On SIGINT or SIGTERM between the temporary file's creation and the
// rename, the temporary file is removed and the process dies of the signal.
// The test runs itself as the writing process (helperEnv).
func TestSignalRemovesTemp(t *testing.T) {
	if os.Getenv(helperEnv) != "" {
		return
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		dir := t.TempDir()
		cmd := exec.Command(os.Args[0], "-test.run=^TestSignalHelper$")
		cmd.Env = append(os.Environ(), helperEnv+"="+filepath.Join(dir, "out.html"))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(out).ReadString('\n')
		if !strings.HasPrefix(line, "ready") {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("helper said %q", line)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Fatalf("helper made %d files, want its temporary file", len(entries))
		}
		cmd.Process.Signal(sig)
		err = cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("%v: helper exited with %v, want death by the signal", sig, err)
		}
		if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != sig {
			t.Errorf("%v: helper ended with %v, want the signal", sig, ee)
		}
		onlyEntries(t, dir)
	}
}

const helperEnv = "ATOMICFILE_SIGNAL_HELPER"

// TestSignalHelper is the writing process of TestSignalRemovesTemp: it
// starts a file, says so, and waits for the signal.
func TestSignalHelper(t *testing.T) {
	name := os.Getenv(helperEnv)
	if name == "" {
		t.Skip("helper process of TestSignalRemovesTemp")
	}
	f, err := Create(name, 0o644)
	if err != nil {
		os.Stdout.WriteString("error " + err.Error() + "\n")
		os.Exit(3)
	}
	f.Write([]byte("partial"))
	os.Stdout.WriteString("ready\n")
	time.Sleep(30 * time.Second)
	os.Exit(4) // not reached when the signal is handled
}
