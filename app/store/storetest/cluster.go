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

// signal sends sig to the postmaster first (so that it forks no backend
// meanwhile) and then to its children.
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
	for _, p := range append([]int{pid}, children(pid)...) {
		if err := syscall.Kill(p, sig); err != nil && err != syscall.ESRCH {
			c.t.Fatalf("storetest: signal %d: %v", p, err)
		}
	}
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

// children are the processes whose parent is pid.
func children(pid int) []int {
	entries, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// "pid (comm) state ppid ...": comm may hold spaces, so read after
		// its closing parenthesis.
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) > 1 && f[1] == strconv.Itoa(pid) {
			out = append(out, p)
		}
	}
	return out
}
