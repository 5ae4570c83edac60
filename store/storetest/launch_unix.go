//go:build unix

package storetest

import "syscall"

// execLimited replaces this process with bin under RLIMIT_FSIZE limit (Go
// ignores SIGXFSZ, so a write past it fails with EFBIG, as on a full disk).
func execLimited(bin string, argv, env []string, limit int64) error {
	if limit > 0 {
		lim := syscall.Rlimit{Cur: uint64(limit), Max: uint64(limit)}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
			return err
		}
	}
	return syscall.Exec(bin, argv, env)
}
