// Package safefile writes files whole or not at all. A file is written as a
// hidden temporary file beside its target, private (0600) from its first byte,
// synced, then renamed into place and the folder synced: a crash, a kill -9 or
// a full disk never leaves half a file under the real name, and no one else
// can read what is being written. A temporary file that a killed writer left
// behind is removed by the next writer in that folder; one still being
// written (its writer holds a lock on it) is left alone.
package safefile

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"kontor/domain"
)

// File is a file being written: write to it, then Commit or Abort.
type File struct {
	*os.File
	path string // the target
	done bool
}

// Create starts writing path. Stale temporary files of earlier writers of
// path are removed first.
func Create(path string) (*File, error) {
	CleanStale(filepath.Dir(path), filepath.Base(path))
	return CreateInCleaned(path)
}

// CreateInCleaned is Create for a writer of many files into a folder it
// cleaned once before the first (CleanStale(dir, "")): it does not read the
// folder again for each file. In a folder filling with a month's 13,000
// statements, reading it for every one cost more than writing them.
func CreateInCleaned(path string) (*File, error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp") // 0600
	if err != nil {
		return nil, Error(path, err, 0)
	}
	if err := lock(f); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, Error(path, err, 0)
	}
	return &File{File: f, path: path}, nil
}

// Target is the path the file will have once committed.
func (t *File) Target() string { return t.path }

// Commit syncs the file and renames it over the target; a file it replaces
// keeps its permissions, a new one is private (0600).
func (t *File) Commit() error { return t.commit(true) }

// CommitNew is Commit that refuses, with an EConflict error, to replace a
// file that exists: the check and the rename are one step where the file
// system allows it (a hard link), so two writers cannot both succeed.
func (t *File) CommitNew() error { return t.commit(false) }

func (t *File) commit(replace bool) (err error) {
	if t.done {
		return errors.New("safefile: committed twice")
	}
	t.done = true
	tmp := t.File.Name()
	defer func() {
		if err != nil {
			t.File.Close()
			removeWithSidecars(tmp)
		}
	}()
	if err := t.File.Sync(); err != nil {
		return Error(t.path, err, size(t.File))
	}
	if st, err := os.Stat(t.path); err == nil {
		if st.IsDir() {
			return domain.Errorf(domain.EInvalid, "file.is_dir", "{{.Path}} is a folder, not a file", map[string]any{"Path": t.path})
		}
		if replace {
			// A file replaced keeps the permissions its owner gave it.
			if err := t.File.Chmod(st.Mode().Perm()); err != nil {
				return Error(t.path, err, 0)
			}
		}
	}
	if replace {
		if err := os.Rename(tmp, t.path); err != nil {
			return Error(t.path, err, 0)
		}
	} else if err := linkNew(tmp, t.path); err != nil {
		return err
	}
	syncDir(filepath.Dir(t.path))
	return t.File.Close() // releases the lock
}

// Abort removes the temporary file; after Commit it does nothing, so it can be
// deferred.
func (t *File) Abort() {
	if t.done {
		return
	}
	t.done = true
	t.File.Close()
	removeWithSidecars(t.File.Name())
}

// linkNew gives tmp the name path unless path exists, then drops tmp's name.
func linkNew(tmp, path string) error {
	err := os.Link(tmp, path)
	switch {
	case err == nil:
		os.Remove(tmp)
		return nil
	case errors.Is(err, fs.ErrExist):
		return exists(path)
	}
	// A file system without hard links (FAT on a USB stick): check, then rename.
	if _, serr := os.Lstat(path); serr == nil {
		return exists(path)
	}
	if err := os.Rename(tmp, path); err != nil {
		return Error(path, err, 0)
	}
	return nil
}

func exists(path string) error {
	return domain.Errorf(domain.EConflict, "file.exists", "{{.Path}} already exists; choose a new file name",
		map[string]any{"Path": path})
}

// Write writes path whole or not at all with what fill writes, replacing a
// file that exists.
func Write(path string, fill func(io.Writer) error) error { return write(path, fill, Create) }

// WriteInCleaned is Write with CreateInCleaned.
func WriteInCleaned(path string, fill func(io.Writer) error) error {
	return write(path, fill, CreateInCleaned)
}

func write(path string, fill func(io.Writer) error, create func(string) (*File, error)) error {
	f, err := create(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := fill(bw); err != nil {
		return Error(path, err, 0)
	}
	if err := bw.Flush(); err != nil {
		return Error(path, err, 0)
	}
	return f.Commit()
}

// tempName matches the temporary files Create makes (os.CreateTemp puts
// decimal digits for the star) and what SQLite keeps beside one.
var tempName = regexp.MustCompile(`^\..+\.[0-9]+\.tmp(-journal|-wal|-shm)?$`)

// CleanStale removes, in dir, the temporary files of target (every target
// when target is "") whose writers are gone. Errors are ignored: what cannot
// be removed now is tried again next time.
func CleanStale(dir, target string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !tempName.MatchString(name) || target != "" && !strings.HasPrefix(name, "."+target+".") {
			continue
		}
		if i := strings.LastIndex(name, ".tmp-"); i >= 0 {
			// A sidecar goes with its file: when that is gone, so is its writer.
			if _, err := os.Lstat(filepath.Join(dir, name[:i+len(".tmp")])); errors.Is(err, fs.ErrNotExist) {
				os.Remove(filepath.Join(dir, name))
			}
			continue
		}
		p := filepath.Join(dir, name)
		if abandoned(p) {
			removeWithSidecars(p)
		}
	}
}

func removeWithSidecars(p string) {
	os.Remove(p)
	for _, s := range []string{"-journal", "-wal", "-shm"} {
		os.Remove(p + s)
	}
}

func size(f *os.File) int64 {
	if st, err := f.Stat(); err == nil {
		return st.Size()
	}
	return 0
}

// Error words a failed write for people: a full disk (or a size limit) is
// EFull with the room to make — need is the bytes the write wanted, 0 when
// not known —, a permission or read-only problem is EReadOnly. Anything else
// is returned as it is.
func Error(path string, err error, need int64) error {
	if err == nil {
		return nil
	}
	if _, ok := domain.AsError(err); ok {
		return err
	}
	switch {
	case IsFull(err):
		return DiskFull(path, need)
	case errors.Is(err, fs.ErrPermission) || IsReadOnlyFS(err):
		return domain.Errorf(domain.EReadOnly, "file.cannot_write",
			"Kontor cannot write {{.Path}}: the folder or the disk is read-only, or you may not write there. Nothing was written; choose another place.",
			map[string]any{"Path": path})
	case errors.Is(err, fs.ErrNotExist):
		return domain.Errorf(domain.ENotFound, "file.folder_missing",
			"the folder {{.Dir}} does not exist; create it or choose another place for {{.Name}}",
			map[string]any{"Dir": filepath.Dir(path), "Name": filepath.Base(path)})
	}
	return err
}

// WhyWriteFails appends to the file at path (a temporary file about to be
// removed) and returns the error the system gives, nil when it can write. It
// tells a full disk from other failures when a library's own error does not:
// SQLite reports a file-size limit as "disk I/O error".
func WhyWriteFails(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Write(make([]byte, 64<<10)); err != nil {
		return err
	}
	return f.Sync()
}

// DiskFull is the EFull error for a write to path that wanted need bytes.
func DiskFull(path string, need int64) error {
	needMB := need>>20 + 1
	if needMB < 16 {
		needMB = 16 // room for the write and what the system needs around it
	}
	free := FreeBytes(filepath.Dir(path))
	if free >= 0 {
		free >>= 20
	}
	return domain.ErrDiskFull(path, needMB, free)
}
