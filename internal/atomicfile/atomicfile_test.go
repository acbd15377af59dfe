package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
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
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only the destination", len(entries))
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
