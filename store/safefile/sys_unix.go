//go:build unix

package safefile

import (
	"errors"
	"os"
	"syscall"
)

// lock marks f as being written: flock(2) locks belong to the open file and
// end with the process, so a lock that can be taken means the writer is gone.
func lock(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// abandoned reports whether no live process is writing p.
func abandoned(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// IsFull reports whether err is a full disk, an exhausted quota or a file size
// limit (RLIMIT_FSIZE; Go ignores its SIGXFSZ, so the write fails with EFBIG).
func IsFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) || errors.Is(err, syscall.EFBIG)
}

// IsReadOnlyFS reports whether err is a write to a read-only file system.
func IsReadOnlyFS(err error) bool { return errors.Is(err, syscall.EROFS) }

// CanCreateIn reports whether this process may create files in dir.
func CanCreateIn(dir string) error {
	if err := syscall.Access(dir, 2|1); err != nil { // W_OK|X_OK
		return &os.PathError{Op: "create in", Path: dir, Err: err}
	}
	return nil
}

// FreeBytes is the space left for this user on the disk holding dir, -1 when
// it cannot be told.
func FreeBytes(dir string) int64 {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return -1
	}
	return int64(st.Bavail) * int64(st.Bsize)
}
