package storetest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Cluster is a throwaway PostgreSQL server started by the tests themselves:
// one per test binary, a fresh database per test. It runs as an unprivileged
// user when the tests run as root (PostgreSQL refuses root, and CI runs as
// root), listens on a Unix socket for its superuser (trusted) and on a free
// 127.0.0.1 port for everyone else (SCRAM passwords).
type Cluster struct {
	dir      string // owns data/ and the socket; removed by Stop
	data     string
	socket   string
	Port     int
	bin      string
	cred     *syscall.Credential
	proc     *exec.Cmd
	exited   chan struct{}
	logFile  string
	mu       sync.Mutex
	stopping bool
}

var shared struct {
	once    sync.Once
	cluster *Cluster
	err     error
}

var databaseSeq atomic.Int64

// Superuser is the name of the cluster's superuser role.
const Superuser = "kontor_admin"

// Main runs a test binary's tests and then removes what the shared fixtures
// made: the PostgreSQL cluster and the generated demo databases. A package
// whose tests use them has
//
//	func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }
//
// Main also serves the fault-injection helpers: it is the launcher half of
// Start with a file-size limit, and removes the kontorctl Kontorctl built.
func Main(m *testing.M) int {
	launch()
	mainRan = true
	code := m.Run()
	if shared.cluster != nil {
		shared.cluster.Stop()
	}
	if kontorctlBin.dir != "" {
		os.RemoveAll(kontorctlBin.dir)
	}
	removeDemos()
	return code
}

// SharedCluster starts the binary's cluster on first use.
func SharedCluster(t testing.TB) *Cluster {
	t.Helper()
	shared.once.Do(func() { shared.cluster, shared.err = StartCluster() })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.cluster
}

// Database is one test's own database in the shared cluster.
type Database struct {
	Cluster *Cluster
	Name    string
}

// Postgres gives the test a new, empty database in the shared cluster; it is
// dropped when the test ends.
func Postgres(t testing.TB) *Database {
	t.Helper()
	c := SharedCluster(t)
	name := fmt.Sprintf("kontor_test_%d_%d", os.Getpid(), databaseSeq.Add(1))
	if err := c.exec(context.Background(), "postgres", "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8'"); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		_ = c.exec(context.Background(), "postgres", "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return &Database{Cluster: c, Name: name}
}

// AdminURL is the superuser's URL of this database, over the Unix socket.
func (d *Database) AdminURL() string { return d.Cluster.AdminURL(d.Name) }

// URL is the URL of this database for a login with a password, over TCP.
func (d *Database) URL(login, password string) string { return d.Cluster.URL(d.Name, login, password) }

// UniqueRole returns a role name no other test of this binary uses: roles are
// global to a cluster, databases are not.
func UniqueRole(prefix string) string {
	return fmt.Sprintf("%s_%d_%d", prefix, os.Getpid(), databaseSeq.Add(1))
}

// AdminURL is the superuser's URL of database name, over the Unix socket.
func (c *Cluster) AdminURL(name string) string {
	q := url.Values{"host": {c.socket}, "port": {strconv.Itoa(c.Port)}, "sslmode": {"disable"}}
	return (&url.URL{Scheme: "postgres", User: url.User(Superuser), Path: "/" + name, RawQuery: q.Encode()}).String()
}

// URL is the URL of database name for login over TCP on 127.0.0.1.
func (c *Cluster) URL(name, login, password string) string {
	u := &url.URL{Scheme: "postgres", Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(c.Port)), Path: "/" + name,
		RawQuery: "sslmode=disable"}
	if password != "" {
		u.User = url.UserPassword(login, password)
	} else if login != "" {
		u.User = url.User(login)
	}
	return u.String()
}

func (c *Cluster) exec(ctx context.Context, database, sql string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, c.AdminURL(database))
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// postgresBin finds the server programs: Debian keeps them in
// /usr/lib/postgresql/VERSION/bin, off PATH; the newest version wins.
func postgresBin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return pgVersion(dirs[i]) > pgVersion(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("the PostgreSQL server (initdb, postgres) is not installed: `make test` installs Debian's postgresql package; by hand: apt-get install postgresql")
}

func pgVersion(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

// StartCluster initialises and starts a new cluster in a new folder under the
// system's temporary folder (t.TempDir's parents are root's alone, and the
// server's user must reach its folder).
func StartCluster() (*Cluster, error) {
	bin, err := postgresBin()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "kontor-pg-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir, data: filepath.Join(dir, "data"), socket: filepath.Join(dir, "sock"), bin: bin,
		logFile: filepath.Join(dir, "server.log")}
	fail := func(err error) (*Cluster, error) {
		os.RemoveAll(dir)
		return nil, err
	}
	if os.Geteuid() == 0 {
		if c.cred, err = unprivileged(); err != nil {
			return fail(err)
		}
	}
	if err := os.Mkdir(c.socket, 0o700); err != nil {
		return fail(err)
	}
	if c.cred != nil {
		for _, p := range []string{dir, c.socket} {
			if err := os.Chown(p, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
				return fail(err)
			}
		}
	}
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", c.data, "-U", Superuser, "-E", "UTF8", "--no-locale",
		"--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	initdb.Dir = dir
	if out, err := initdb.CombinedOutput(); err != nil {
		return fail(fmt.Errorf("initdb: %v\n%s", err, out))
	}
	if c.Port, err = freePort(); err != nil {
		return fail(err)
	}
	if err := c.Start(); err != nil {
		return fail(err)
	}
	return c, nil
}

// unprivileged is the user the server runs as when the tests run as root.
func unprivileged() (*syscall.Credential, error) {
	u, err := user.Lookup("nobody")
	if err != nil {
		return nil, fmt.Errorf("running as root, PostgreSQL needs an unprivileged user: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Start starts the server (again, after Stop or Kill) and waits until it takes
// connections. Durability settings are off: the tests kill Kontor, not the
// machine.
func (c *Cluster) Start() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	logf, err := os.OpenFile(c.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(filepath.Join(c.bin, "postgres"), "-D", c.data, "-k", c.socket, "-p", strconv.Itoa(c.Port),
		"-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
		"-c", "full_page_writes=off", "-c", "max_connections=300", "-c", "shared_buffers=64MB",
		"-c", "password_encryption=scram-sha-256")
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.Dir = c.dir
	// The server goes when the test binary goes, even killed: the signal is sent
	// when the thread that started it ends, so that thread is kept for good.
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred, Pdeathsig: syscall.SIGQUIT}
	started := make(chan error)
	exited := make(chan struct{})
	go func() {
		runtime.LockOSThread() // never unlocked: see Pdeathsig above
		err := cmd.Start()
		started <- err
		if err == nil {
			cmd.Wait()
		}
		logf.Close()
		close(exited)
		select {} // keep the locked thread alive
	}()
	if err := <-started; err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	c.proc, c.exited, c.stopping = cmd, exited, false
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := c.exec(context.Background(), "postgres", "SELECT 1")
		if err == nil {
			return nil
		}
		select {
		case <-exited:
			return fmt.Errorf("postgres exited at start: %s", c.logTail())
		default:
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("postgres did not take connections in 30 s: %v\n%s", err, c.logTail())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Stop shuts the server down fast (open sessions are ended) and removes its
// folder unless keep; Start works again only while the folder is kept.
func (c *Cluster) stop(sig syscall.Signal, keep bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.proc != nil && !c.stopping {
		c.stopping = true
		c.proc.Process.Signal(sig)
		select {
		case <-c.exited:
		case <-time.After(30 * time.Second):
			c.proc.Process.Kill()
			<-c.exited
		}
	}
	if !keep {
		os.RemoveAll(c.dir)
	}
}

// Stop shuts the server down and removes its files.
func (c *Cluster) Stop() { c.stop(syscall.SIGINT, false) }

// Restart stops the server as an administrator would (ending every session)
// and starts it again on the same port and data.
func (c *Cluster) Restart() error {
	c.stop(syscall.SIGINT, true)
	return c.Start()
}

// TerminateBackends ends every session of login, as a dropped connection
// would, and reports how many there were.
func (c *Cluster) TerminateBackends(login string) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, c.AdminURL("postgres"))
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	var n int
	err = conn.QueryRow(ctx, `SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE usename = $1 AND pid <> pg_backend_pid()) t`, login).Scan(&n)
	return n, err
}

func (c *Cluster) logTail() string {
	b, _ := os.ReadFile(c.logFile)
	s := string(b)
	if len(s) > 4000 {
		s = s[len(s)-4000:]
	}
	return strings.TrimSpace(s)
}
