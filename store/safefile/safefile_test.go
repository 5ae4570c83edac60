package safefile

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteInCleanedLeavesTheFolderToItsBatch: Write clears what a killed
// writer of the same file left; WriteInCleaned, for a batch that cleaned
// its folder once before its first file, writes the file whole and private
// without reading the folder.
func TestWriteInCleanedLeavesTheFolderToItsBatch(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "a.pdf")
	stale := filepath.Join(dir, ".a.pdf.123.tmp")
	if err := os.WriteFile(stale, []byte("half"), 0o600); err != nil {
		t.Fatal(err)
	}
	fill := func(w io.Writer) error { _, err := io.WriteString(w, "whole"); return err }
	if err := WriteInCleaned(target, fill); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(target); err != nil || string(b) != "whole" {
		t.Fatalf("written: %q %v", b, err)
	}
	if st, err := os.Stat(target); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("a new file is private: %v %v", st.Mode(), err)
	}
	if _, err := os.Stat(stale); err != nil {
		t.Fatalf("WriteInCleaned read the folder: the stale file is gone (%v)", err)
	}
	if err := Write(target, fill); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Fatalf("Write left a killed writer's file: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("the folder holds %d entries, want the file alone", len(entries))
	}
}
