//go:build !unix

package safefile

import (
	"errors"
	"os"
	"syscall"
)

// lock does nothing here: an open file cannot be removed on Windows, which is
// all the cleaning needs.
func lock(*os.File) error { return nil }

// abandoned is true: removing a file another program still writes fails.
func abandoned(string) bool { return true }

func syncDir(string) {}

// Windows' ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL.
const errHandleDiskFull, errDiskFull = syscall.Errno(39), syscall.Errno(112)

// IsFull reports whether err is a full disk.
func IsFull(err error) bool {
	return errors.Is(err, errHandleDiskFull) || errors.Is(err, errDiskFull)
}

// IsReadOnlyFS reports whether err is a write to a read-only file system.
func IsReadOnlyFS(error) bool { return false }

// CanCreateIn is not known in advance here: the write itself will tell.
func CanCreateIn(string) error { return nil }

// FreeBytes is not known here.
func FreeBytes(string) int64 { return -1 }
