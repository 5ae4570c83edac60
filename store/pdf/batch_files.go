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

// writeInFolder writes data as dir/name, whole or not at all.
func writeInFolder(dir, name string, data []byte) (string, error) {
	return writeFileAtomic(filepath.Join(dir, name), func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeFileAtomic writes path through a temporary file in the same folder,
// synced and then renamed over it: a reader, a crash or a full disk never
// sees half a PDF under the real name. A new file is private (0600), as
// statements are customer data.
func writeFileAtomic(path string, fill func(io.Writer) error) (string, error) {
	tmp, err := writeTemp(path, fill)
	if err != nil {
		return "", err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return "", err
	}
	return path, nil
}

// writeTemp writes a hidden temporary file beside path, synced, and returns
// its name; the caller renames it into place or removes it.
func writeTemp(path string, fill func(io.Writer) error) (_ string, err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", folderNotWritable(filepath.Dir(path), err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 64<<10)
	if err = fill(bw); err != nil {
		return "", err
	}
	if err = bw.Flush(); err != nil {
		return "", err
	}
	if err = tmp.Sync(); err != nil {
		return "", err
	}
	if err = tmp.Close(); err != nil {
		return "", err
	}
	return tmp.Name(), nil
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
