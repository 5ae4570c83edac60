package storetest

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "kontor/store" // the sqlite driver, with Kontor's collation
)

// What the fault-injection tests share: kontorctl in a process of its own
// (killed with SIGKILL at a chosen moment, or run under a file-size limit to
// simulate a full disk without mounting anything), seeds and iteration counts
// that `make soak` raises, and the checks made after every fault.

// Environment of the fault suite.
const (
	// EnvSoak set to a number runs every fault test's soak rounds that many
	// times over (make soak); unset, each runs its short count.
	EnvSoak = "KONTOR_SOAK"
	// EnvSeed fixes the seed of the random fault points; unset, a fixed seed,
	// so a failure in make test is reproduced by running it again.
	EnvSeed = "KONTOR_FAULT_SEED"
	// EnvDataset names a large database (make soak's) the soak copies its
	// databases from; unset, the tests generate small ones.
	EnvDataset = "KONTOR_SOAK_DATASET"

	envExec  = "KONTOR_TEST_EXEC"  // the launcher: the program to exec …
	envFSize = "KONTOR_TEST_FSIZE" // … under this RLIMIT_FSIZE (bytes)
)

// Soak reports whether the tests run as make soak, and its multiplier.
func Soak() (int, bool) {
	n, err := strconv.Atoi(os.Getenv(EnvSoak))
	if err != nil || n < 1 {
		return 1, false
	}
	return n, true
}

// Iterations is short under make test, and soak × the multiplier under
// make soak: each test says how many rounds its soak is worth.
func Iterations(short, soak int) int {
	n, on := Soak()
	if !on {
		return short
	}
	return soak * n
}

// Rand is the fault points' random source for one test, seeded from
// EnvSeed or the test's name; the seed is logged so a failure can be replayed.
func Rand(t testing.TB) *rand.Rand {
	t.Helper()
	seed, err := strconv.ParseInt(os.Getenv(EnvSeed), 10, 64)
	if err != nil {
		seed = 13
		for _, c := range t.Name() {
			seed = seed*31 + int64(c)
		}
	}
	t.Logf("fault seed %d (%s=%d replays it)", seed, EnvSeed, seed)
	return rand.New(rand.NewSource(seed))
}

var kontorctlBin struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// Kontorctl builds cmd/kontorctl once per test binary and returns its path.
// The binary is removed by Main, which the package's TestMain must call.
func Kontorctl(t testing.TB) string {
	t.Helper()
	kontorctlBin.once.Do(func() {
		kontorctlBin.dir, kontorctlBin.err = os.MkdirTemp("", "kontorctl-bin-")
		if kontorctlBin.err != nil {
			return
		}
		path := filepath.Join(kontorctlBin.dir, "kontorctl")
		if runtime.GOOS == "windows" {
			path += ".exe"
		}
		cmd := exec.Command("go", "build", "-o", path, "kontor/cmd/kontorctl")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			kontorctlBin.err = fmt.Errorf("go build kontorctl: %v\n%s", err, out)
			return
		}
		kontorctlBin.path = path
	})
	if kontorctlBin.err != nil {
		t.Fatal(kontorctlBin.err)
	}
	return kontorctlBin.path
}

// Proc is a kontorctl started by Start.
type Proc struct {
	Cmd            *exec.Cmd
	Stdout, Stderr bytes.Buffer
	done           chan struct{}
	code           int
}

// ProcOptions tune Start.
type ProcOptions struct {
	DB            string   // --db; "" leaves it out
	Env           []string // added to the environment
	FileSizeLimit int64    // > 0: no file the process writes may grow past it (RLIMIT_FSIZE)
}

// Start starts kontorctl with args. With a file-size limit it is started
// through this test binary, which sets the limit and then becomes kontorctl
// (Main does that part), so the limit holds from its first instruction.
func Start(t testing.TB, opt ProcOptions, args ...string) *Proc {
	t.Helper()
	bin := Kontorctl(t)
	if opt.DB != "" {
		args = append([]string{"--db", opt.DB}, args...)
	}
	var cmd *exec.Cmd
	env := append(os.Environ(), opt.Env...)
	if opt.FileSizeLimit > 0 {
		self, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		cmd = exec.Command(self, args...)
		env = append(env, envExec+"="+bin, envFSize+"="+strconv.FormatInt(opt.FileSizeLimit, 10))
	} else {
		cmd = exec.Command(bin, args...)
	}
	cmd.Env = env
	p := &Proc{Cmd: cmd, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = &p.Stdout, &p.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		cmd.Wait()
		p.code = cmd.ProcessState.ExitCode()
		close(p.done)
	}()
	return p
}

// Wait waits for the process and returns its exit status (-1 when killed).
func (p *Proc) Wait() int {
	<-p.done
	return p.code
}

// KillAfter kills the process with SIGKILL after d unless it has ended, and
// reports whether it was killed (false: it finished first, with Wait's code).
func (p *Proc) KillAfter(d time.Duration) (killed bool) {
	select {
	case <-p.done:
		return false
	case <-time.After(d):
	}
	killed = p.Cmd.Process.Kill() == nil
	<-p.done
	return killed && !p.Cmd.ProcessState.Success() && p.code == -1
}

// Run runs kontorctl to its end: exit status, stdout, stderr.
func Run(t testing.TB, opt ProcOptions, args ...string) (int, string, string) {
	t.Helper()
	p := Start(t, opt, args...)
	code := p.Wait()
	return code, p.Stdout.String(), p.Stderr.String()
}

// launch is the launcher half of Start: when the test binary is started as
// the launcher it becomes the program named in the environment, under the
// file-size limit, and never returns.
func launch() {
	bin := os.Getenv(envExec)
	if bin == "" {
		return
	}
	limit, _ := strconv.ParseInt(os.Getenv(envFSize), 10, 64)
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, envExec+"=") && !strings.HasPrefix(kv, envFSize+"=") {
			env = append(env, kv)
		}
	}
	if err := execLimited(bin, append([]string{bin}, os.Args[1:]...), env, limit); err != nil {
		fmt.Fprintln(os.Stderr, "storetest launcher:", err)
		os.Exit(125)
	}
}

// CheckDatabase fails unless the database at path passes kontorctl check
// (SQLite's integrity and foreign-key checks, the tables against the schema)
// and its invoice numbers are gap-free. The check runs in a kontorctl of its
// own, not in the test (under -race SQLite runs many times slower); a file
// over 256 MB (the soak's large dataset, checked after every round) gets
// check --quick, which leaves out comparing each index with its table.
func CheckDatabase(t testing.TB, path string) {
	t.Helper()
	args := []string{"check", "--json"}
	if st, err := os.Stat(path); err == nil && st.Size() > 256<<20 {
		args = append(args, "--quick")
	}
	code, out, errs := Run(t, ProcOptions{DB: path}, args...)
	var r struct {
		OK       bool     `json:"ok"`
		Problems []string `json:"problems"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != 0 || !r.OK {
		t.Fatalf("check %s = %d: %q %s", path, code, r.Problems, errs)
	}
	CheckGapFree(t, path)
}

// CheckRound is what a fault test checks after round: everything of
// CheckDatabase on a small database; on a large one (the soak's dataset,
// where SQLite's check takes most of a minute) the gap-free numbering every
// round and the whole check every tenth round, the first included.
func CheckRound(t testing.TB, path string, round int) {
	t.Helper()
	if st, err := os.Stat(path); err == nil && st.Size() > 256<<20 && round%10 != 0 {
		CheckGapFree(t, path)
		return
	}
	CheckDatabase(t, path)
}

// CheckGapFree fails unless, for every series (the number without its last
// run of digits), the invoice and credit-note numbers run 1…n without a gap
// or a repeat.
func CheckGapFree(t testing.TB, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var numbers []string
	rows, err := db.Query(`SELECT number FROM invoices`)
	if err != nil {
		t.Fatalf("read invoice numbers of %s: %v", path, err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, n)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	series := map[string][]int{}
	for _, n := range numbers {
		i := len(n)
		for i > 0 && n[i-1] >= '0' && n[i-1] <= '9' {
			i--
		}
		k, err := strconv.Atoi(n[i:])
		if err != nil {
			t.Fatalf("invoice number %q has no counter", n)
		}
		series[n[:i]] = append(series[n[:i]], k)
	}
	for prefix, ks := range series {
		sort.Ints(ks)
		for i, k := range ks {
			if k != i+1 {
				t.Fatalf("series %s…: numbers %v are not 1…%d", prefix, firstFew(ks), len(ks))
			}
		}
	}
}

func firstFew(ks []int) []int {
	if len(ks) > 20 {
		return ks[:20]
	}
	return ks
}

// CheckFiles fails when dir holds a file others may read or write, a
// temporary file of Kontor's (hidden, ending .tmp), or a SQLite journal;
// allowTemp allows temporary files (a killed writer's, private, which the next
// writer removes).
func CheckFiles(t testing.TB, dir string, allowTemp bool) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			continue
		}
		name := e.Name()
		names = append(names, name)
		if info.Mode().IsRegular() && info.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s has mode %o: others may read it", name, info.Mode().Perm())
		}
		temp := strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp")
		if temp && !allowTemp || strings.HasSuffix(name, "-journal") && !temp {
			t.Errorf("%s left in %s", name, dir)
		}
	}
	return names
}
