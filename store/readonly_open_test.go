//go:build unix

package store_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"kontor/domain"
	"kontor/store"
)

// nobody is the user the read-only tests run as when the tests run as root,
// which ignores file permissions.
const nobody = 65534

const childEnv = "KONTOR_TEST_OPEN_PATH"

// openOutcome opens path and says what happened: "ok", or the error's code
// and key. A path ending in "?ro" is opened read-only, and read from.
func openOutcome(path string) string {
	p, ro := strings.CutSuffix(path, "?ro")
	db, err := store.Open(ctx, p, store.Options{ReadOnly: ro})
	if err == nil && ro {
		_, _, err = store.NewAccountService(db).ListAccountRows(ctx, domain.AccountFilter{})
		if err == nil {
			err = db.Backup(ctx, filepath.Join(os.TempDir(), fmt.Sprintf("kontor-ro-backup-%d.db", os.Getpid())))
			os.Remove(filepath.Join(os.TempDir(), fmt.Sprintf("kontor-ro-backup-%d.db", os.Getpid())))
		}
		db.Close()
	}
	if err == nil {
		db.Close()
		return "ok"
	}
	e, ok := domain.AsError(err)
	if !ok {
		return "internal " + strings.ReplaceAll(err.Error(), "\n", " ")
	}
	return string(e.Code) + " " + e.Key
}

// TestOpenChild is the child half of TestOpenReadOnly: it runs only when
// re-executed with childEnv set, as another user.
func TestOpenChild(t *testing.T) {
	t.Parallel()
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("runs only as the child of TestOpenReadOnly")
	}
	os.Stdout.WriteString("RESULT " + openOutcome(path) + "\n")
}

// opener returns how to open a database as an unprivileged user, and that user's ID.
func opener(t *testing.T) (open func(path string) string, uid int) {
	if os.Geteuid() != 0 {
		return openOutcome, os.Getuid()
	}
	// Root may write anything, so run the open in a copy of this test binary as
	// nobody; the copy sits in a folder nobody can enter (go test's is 0700).
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("running as root and cannot find the test binary to re-run as uid %d: %v", nobody, err)
	}
	binDir := privateTemp(t, 0o755)
	bin := filepath.Join(binDir, "store.test")
	if err := copyFile(exe, bin, 0o755); err != nil {
		t.Skipf("running as root and cannot copy the test binary to re-run as uid %d: %v", nobody, err)
	}
	open = func(path string) string {
		cmd := exec.Command(bin, "-test.run=^TestOpenChild$", "-test.count=1")
		cmd.Dir = binDir
		cmd.Env = append(os.Environ(), childEnv+"="+path)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			if _, isExit := err.(*exec.ExitError); !isExit {
				t.Skipf("running as root and cannot re-run the test binary as uid %d (no CAP_SETUID in this sandbox?): %v", nobody, err)
			}
		}
		sc := bufio.NewScanner(&out)
		for sc.Scan() {
			if r, ok := strings.CutPrefix(sc.Text(), "RESULT "); ok {
				return r
			}
		}
		t.Fatalf("child as uid %d printed no result:\n%s", nobody, out.String())
		return ""
	}
	// Prove the child really lacks root's power before trusting its results.
	probe := privateTemp(t, 0o755)
	if got := open(filepath.Join(probe, "new.db")); !strings.Contains(got, "db.read_only") {
		t.Skipf("the re-run test binary does not run as an unprivileged user (creating a file in a root-owned 0755 folder gave %q)", got)
	}
	return open, nobody
}

// privateTemp makes a folder with the given mode, removed when the test ends.
func privateTemp(t *testing.T, mode os.FileMode) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "kontor-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.Chmod(dir, 0o755)
		os.RemoveAll(dir)
	})
	if err := os.Chmod(dir, mode); err != nil {
		t.Fatal(err)
	}
	return dir
}

func copyFile(from, to string, mode os.FileMode) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// TestOpenReadOnly: a database file or folder the user cannot write is refused
// with the read-only message, and nothing on disk changes.
func TestOpenReadOnly(t *testing.T) {
	t.Parallel() // copies and re-runs the test binary
	open, uid := opener(t)
	give := func(t *testing.T, path string, mode os.FileMode) {
		t.Helper()
		if os.Geteuid() == 0 {
			if err := os.Chown(path, uid, uid); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
	}
	// kontorFile makes a Kontor database with one account, closed cleanly.
	kontorFile := func(t *testing.T, _, path string) {
		db, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		mustCreate(t, store.NewAccountService(db), "K1", "Tylko do odczytu", "")
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name     string
		setup    func(t *testing.T, dir, path string)
		fileMode os.FileMode // of the database, 0 when there is none
		dirMode  os.FileMode
		readOnly bool     // opened with Options.ReadOnly, read and backed up
		want     []string // acceptable outcomes
	}{
		{"read-only file", kontorFile, 0o444, 0o755, false, []string{"read_only db.read_only"}},
		{"read-only folder", kontorFile, 0o600, 0o555, false, []string{"read_only db.read_only"}},
		{"new file in a read-only folder", func(*testing.T, string, string) {}, 0, 0o555, false, []string{"read_only db.read_only"}},
		// Read-only use must work read-only (a read-only disk refused even search).
		{"read-only file and folder, opened to read", kontorFile, 0o444, 0o555, true, []string{"ok"}},
		{"read-only file, opened to read", kontorFile, 0o444, 0o755, true, []string{"ok"}},
		{"no file, opened to read", func(*testing.T, string, string) {}, 0, 0o755, true, []string{"not_found db.missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := privateTemp(t, 0o755)
			path := filepath.Join(dir, "kontor.db")
			tt.setup(t, dir, path)
			if tt.fileMode != 0 {
				give(t, path, tt.fileMode)
			}
			give(t, dir, tt.dirMode)
			var before [32]byte
			if tt.fileMode != 0 {
				before = fileSum(t, path)
			}
			files := dirNames(t, dir)

			arg := path
			if tt.readOnly {
				arg += "?ro"
			}
			got := open(arg)
			t.Logf("open as uid %d: %s", uid, got)
			ok := false
			for _, w := range tt.want {
				ok = ok || got == w
			}
			if !ok {
				t.Errorf("open = %q, want one of %q", got, tt.want)
			}
			if tt.fileMode != 0 && fileSum(t, path) != before {
				t.Error("the database file changed")
			}
			if after := dirNames(t, dir); !reflect.DeepEqual(after, files) {
				t.Errorf("files in the folder changed: %v → %v", files, after)
			}
		})
	}
}
