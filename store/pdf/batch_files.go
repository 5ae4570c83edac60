package pdf

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"kontor/domain"
	"kontor/store/safefile"
)

// checkFolder fails unless dir is a folder a file can be created in: the
// batch finds out before it builds a single statement, not 20,000 times.
func checkFolder(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return domain.Errorf(domain.EInvalid, "batch.folder_missing", "the folder {{.Path}} does not exist",
			map[string]any{"Path": dir})
	case err != nil:
		return folderNotWritable(dir, err)
	case !st.IsDir():
		return domain.Errorf(domain.EInvalid, "batch.not_folder", "{{.Path}} is a file, not a folder", map[string]any{"Path": dir})
	}
	// Permission bits do not tell (ACLs, read-only mounts, root): try.
	probe, err := os.CreateTemp(dir, ".kontor-probe-*")
	if err != nil {
		return folderNotWritable(dir, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

func folderNotWritable(dir string, err error) error {
	return domain.Errorf(domain.EInvalid, "batch.folder_not_writable", "cannot write in the folder {{.Path}}: {{.Err}}",
		map[string]any{"Path": dir, "Err": err.Error()})
}

// checkCombinedTarget fails unless the combined file can be written: its
// folder exists and is writable and the name is not a folder.
func checkCombinedTarget(path string) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return domain.Errorf(domain.EInvalid, "file.is_dir", "{{.Path}} is a folder, not a file", map[string]any{"Path": path})
	}
	return checkFolder(filepath.Dir(path))
}

// writeInFolder writes data as dir/name, whole or not at all, for a batch
// that cleaned dir of what a killed batch left before its first file
// (safefile.CleanStale).
func writeInFolder(dir, name string, data []byte) (string, error) {
	path := filepath.Join(dir, name)
	err := safefile.WriteInCleaned(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if err != nil {
		return "", err
	}
	return path, nil
}

// writeFileAtomic writes path through a hidden temporary file in the same
// folder, synced and then renamed over it (safefile): a reader, a crash or a
// full disk never sees half a PDF under the real name. A new file is private
// (0600), as statements are customer data.
func writeFileAtomic(path string, fill func(io.Writer) error) (string, error) {
	if err := safefile.Write(path, fill); err != nil {
		return "", err
	}
	return path, nil
}

// writePart writes a part of a combined file to a hidden temporary file
// beside path, synced but not yet renamed: the caller commits every part
// once all are written, or aborts them.
func writePart(path string, fill func(io.Writer) error) (*safefile.File, error) {
	f, err := safefile.Create(path)
	if err != nil {
		return nil, err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := fill(bw); err != nil {
		f.Abort()
		return nil, safefile.Error(path, err, 0)
	}
	if err := bw.Flush(); err != nil {
		f.Abort()
		return nil, safefile.Error(path, err, 0)
	}
	if err := f.Sync(); err != nil {
		f.Abort()
		return nil, safefile.Error(path, err, 0)
	}
	return f, nil
}

// removeStaleParts removes what an earlier run of a combined file left that
// this run's files would be confused with: FILE-1.pdf, FILE-2.pdf … beyond
// the parts written now, and FILE.pdf when this run wrote parts. Only the
// unbroken run of numbered parts is Kontor's.
func removeStaleParts(path string, parts int) {
	if parts > 0 {
		os.Remove(path)
	}
	for k := parts + 1; ; k++ {
		if err := os.Remove(partPath(path, k)); err != nil {
			return
		}
	}
}

// partPath names part k (1-based) of a combined file split in parts:
// "statements.pdf" → "statements-2.pdf".
func partPath(path string, k int) string {
	ext := filepath.Ext(path)
	return fmt.Sprintf("%s-%d%s", strings.TrimSuffix(path, ext), k, ext)
}

// CheckLetterhead reports whether the company's letterhead can be printed:
// an unreadable logo fails every document, so a batch asks once up front.
func CheckLetterhead(c domain.CompanySettings) error {
	if c.Logo == "" {
		return nil
	}
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddPage()
	logo(f, c.Logo)
	return f.Error()
}
