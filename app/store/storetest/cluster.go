package storetest

import (
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Cluster is a PostgreSQL server of the test's own, initialised in a
// temporary folder on a free loopback port, for the faults a shared test
// database must not suffer: stopped (Stop, Start) and frozen (Freeze, Thaw:
// SIGSTOP and SIGCONT of the postmaster and its backends, like a hung VM or
// a partition that drops packets without resets). It is stopped and removed
// when the test ends. Run as root, its binaries run as the postgres user,
// which PostgreSQL requires.
type Cluster struct {
	t      testing.TB
	bin    string
	dir    string
	port   int
	frozen bool
}

// NewCluster starts a throwaway cluster. It skips without PostgreSQL's
// server binaries (/usr/lib/postgresql/*/bin), unless
// AXDASH_REQUIRE_POSTGRES=1.
func NewCluster(t testing.TB) *Cluster {
	t.Helper()
	bin := serverBinaries()
	if bin == "" {
		if os.Getenv("AXDASH_REQUIRE_POSTGRES") == "1" {
			t.Fatal("AXDASH_REQUIRE_POSTGRES=1 but no PostgreSQL server binaries in /usr/lib/postgresql/*/bin")
		}
		t.Skip("no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb)")
	}
	// Not t.TempDir: its parents are private to this user, and the
	// postgres user must reach the folder.
	dir, err := os.MkdirTemp("", "axdash-cluster-")
	if err != nil {
		t.Fatalf("storetest: cluster folder: %v", err)
	}
	c := &Cluster{t: t, bin: bin, dir: dir, port: freePort(t)}
	t.Cleanup(c.remove)
	if os.Geteuid() == 0 {
		pg, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("storetest: running as root needs a postgres user: %v", err)
		}
		uid, _ := strconv.Atoi(pg.Uid)
		gid, _ := strconv.Atoi(pg.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatalf("storetest: cluster folder: %v", err)
		}
	}
	c.run("initdb", "-D", c.data(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C")
	c.Start()
	return c
}

// URL is the cluster's postgres database as the superuser.
func (c *Cluster) URL() string {
	return "postgres://postgres@127.0.0.1:" + strconv.Itoa(c.port) + "/postgres?sslmode=disable"
}

// Start starts the server and waits until it accepts connections.
func (c *Cluster) Start() {
	c.t.Helper()
	c.run("pg_ctl", "-D", c.data(), "-l", filepath.Join(c.dir, "server.log"), "-w", "-t", "60", "start", "-o",
		"-p "+strconv.Itoa(c.port)+" -k "+c.dir+" -c listen_addresses=127.0.0.1 -c fsync=off "+
			"-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
}

// Stop shuts the server down as an operator would (fast: sessions are
// ended, new connections refused).
func (c *Cluster) Stop() {
	c.t.Helper()
	c.run("pg_ctl", "-D", c.data(), "-m", "fast", "-w", "stop")
}

// Freeze stops the postmaster, then every backend, with SIGSTOP: the
// sockets stay open and nothing answers.
func (c *Cluster) Freeze() {
	c.t.Helper()
	c.signal(syscall.SIGSTOP)
	c.frozen = true
}

// Thaw resumes what Freeze stopped.
func (c *Cluster) Thaw() {
	c.t.Helper()
	c.signal(syscall.SIGCONT)
	c.frozen = false
}

// signal sends sig to the postmaster first and then to its children. A
// stop is only sent to the children once the postmaster has stopped: kill
// returns before the signal takes effect, and a postmaster still running
// for a moment could fork a backend after the children were listed, which
// would then answer from a "frozen" cluster.
func (c *Cluster) signal(sig syscall.Signal) {
	c.t.Helper()
	b, err := os.ReadFile(filepath.Join(c.data(), "postmaster.pid"))
	if err != nil {
		c.t.Fatalf("storetest: postmaster.pid: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil {
		c.t.Fatalf("storetest: postmaster.pid: %v", err)
	}
	c.kill(pid, sig)
	for _, p := range children(pid) {
		c.kill(p, sig)
	}
}

// kill sends sig to pid and, for a stop, waits until the process is
// stopped. The kernel tells no one but the parent (or a tracer) when that
// happens, so its state in /proc is read until it says so.
func (c *Cluster) kill(pid int, sig syscall.Signal) {
	c.t.Helper()
	if err := syscall.Kill(pid, sig); err != nil {
		if err == syscall.ESRCH { // a backend that just ended
			return
		}
		c.t.Fatalf("storetest: signal %d: %v", pid, err)
	}
	if sig != syscall.SIGSTOP {
		return
	}
	for range 5000 {
		switch state(pid) {
		case 'T', 't', 'Z', 0: // stopped, or gone
			return
		}
		time.Sleep(time.Millisecond)
	}
	c.t.Fatalf("storetest: process %d did not stop", pid)
}

// remove thaws, stops and deletes the cluster.
func (c *Cluster) remove() {
	if c.frozen {
		c.signal(syscall.SIGCONT)
	}
	if _, err := os.Stat(filepath.Join(c.data(), "postmaster.pid")); err == nil {
		_ = c.command("pg_ctl", "-D", c.data(), "-m", "immediate", "-w", "stop").Run()
	}
	_ = os.RemoveAll(c.dir)
}

func (c *Cluster) data() string { return filepath.Join(c.dir, "data") }

// run runs one of the cluster's binaries, failing the test with its output.
func (c *Cluster) run(name string, args ...string) {
	c.t.Helper()
	if out, err := c.command(name, args...).CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "server.log"))
		c.t.Fatalf("storetest: %s: %v\n%s\n%s", name, err, out, log)
	}
}

// command is a cluster binary, run as postgres when this is root.
func (c *Cluster) command(name string, args ...string) *exec.Cmd {
	path := filepath.Join(c.bin, name)
	var cmd *exec.Cmd
	if os.Geteuid() == 0 {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = c.dir
	return cmd
}

// serverBinaries is the newest /usr/lib/postgresql/*/bin holding initdb.
func serverBinaries() string {
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(found) == 0 {
		return ""
	}
	sort.Slice(found, func(i, j int) bool { return version(found[i]) < version(found[j]) })
	return filepath.Dir(found[len(found)-1])
}

// version is the major version in a /usr/lib/postgresql/N/bin path.
func version(path string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(path))))
	return n
}

// freePort is a loopback port nobody listened on a moment ago.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("storetest: free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// state is a process's state letter in /proc (R, S, T, Z, ...), 0 when
// there is no such process.
func state(pid int) byte {
	f := statFields(pid)
	if len(f) == 0 {
		return 0
	}
	return f[0][0]
}

// statFields are the fields of /proc/pid/stat after the command name
// (which may hold spaces): state, ppid, ...; nil when there is no such
// process.
func statFields(pid int) []string {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return nil
	}
	s := string(b)
	return strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
}

// children are the processes whose parent is pid.
func children(pid int) []int {
	entries, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if f := statFields(p); len(f) > 1 && f[1] == strconv.Itoa(pid) {
			out = append(out, p)
		}
	}
	return out
}
