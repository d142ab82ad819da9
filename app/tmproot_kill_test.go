package main

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// stallEnv names a FIFO: a parse worker started with it passes its first
// frames on, says so on the FIFO and then waits to be killed, so that a
// test kills its parent while it reads (and, storing, loads) at a known
// point, with every temp file of that phase in place.
const stallEnv = "AXDASH_TEST_WORKER_STALL"

// stallWriter is the stalling worker's standard output.
type stallWriter struct {
	w    io.Writer
	fifo string
}

func (s stallWriter) Write(p []byte) (int, error) {
	if n, err := s.w.Write(p); err != nil {
		return n, err
	}
	if f, err := os.OpenFile(s.fifo, os.O_WRONLY, 0); err == nil {
		fmt.Fprintln(f, "stalled")
		_ = f.Close()
	}
	select {} // until killed, with its parent or after it
}

// rootBookkeeping reports whether name in a temp base is the temp roots'
// own: the sweep lock, or a root folder (each test looks into the live
// one it expects separately).
func rootBookkeeping(name string) bool {
	return name == ".axdash-sweep.lock" || strings.HasPrefix(name, "axdash-proc-")
}

// tempLitter lists what lies in the temp bases other than the roots of the
// live processes named by pid: what a dead process left.
func tempLitter(t *testing.T, live []int, bases ...string) []string {
	t.Helper()
	var left []string
	for _, base := range bases {
		entries, err := os.ReadDir(base)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Name() == ".axdash-sweep.lock" || liveRoot(e.Name(), live) {
				continue
			}
			_ = filepath.WalkDir(filepath.Join(base, e.Name()), func(p string, _ fs.DirEntry, _ error) error {
				left = append(left, p)
				return nil
			})
		}
	}
	return left
}

func liveRoot(name string, pids []int) bool {
	for _, pid := range pids {
		if strings.HasPrefix(name, fmt.Sprintf("axdash-proc-%d-", pid)) {
			return true
		}
	}
	return false
}

// killCase is one process killed at one phase.
type killCase struct {
	name   string
	serve  bool   // a serve running a job, else axdash import
	commit bool   // storing (a commit), else checking (a dry run)
	group  bool   // the whole process group killed, the worker with it
	upload string // the name of the upload copy the phase holds, if any
}

var killCases = []killCase{
	{name: "import checking", commit: false},
	{name: "import storing", commit: true},
	{name: "import storing, process group", commit: true, group: true},
	{name: "serve job checking", serve: true, upload: "upload"},
	{name: "serve job committing", serve: true, commit: true, upload: "upload"},
}

// TestKillLeavesNoTemp kills `axdash import` and `serve` (running a job)
// with SIGKILL while their parse worker reads, then starts the command
// again: the dead process's temp folder, with its copy of the upload and
// the worker's scratch, is gone; a live process's folder is kept.
func TestKillLeavesNoTemp(t *testing.T) {
	eachDB(t, func(t *testing.T) {
		for _, kc := range killCases {
			t.Run(kc.name, func(t *testing.T) { testKillLeavesNoTemp(t, kc) })
		}
	})
}

func testKillLeavesNoTemp(t *testing.T, kc killCase) {
	bases := tempBases(t)
	file := demoFile(t, 3000)
	args := []string{"import", file, "--wave", "W"}
	if !kc.commit {
		args = append(args, "--dry-run")
	}
	if kc.serve {
		queueJob(t, file, kc.commit)
		args = []string{"serve", "--addr", "127.0.0.1:0"}
	}
	pid := killAtStall(t, args, kc.group)
	left := tempLitter(t, nil, bases...)
	if !strings.Contains(strings.Join(left, "\n"), fmt.Sprintf("axdash-proc-%d-", pid)) {
		t.Fatalf("the killed process left no temp folder to test the sweep with: %v", left)
	}
	if kc.upload != "" {
		checkUploadCopy(t, left, kc.upload)
	}
	if kc.serve {
		sp := startServe(t, []string{"AXDASH_JOBS_WORKERS=0"})
		if left := tempLitter(t, []int{sp.pid}, bases...); len(left) > 0 {
			t.Errorf("after serve started again: %v", left)
		}
		if code, _, stderr := cli(t, "import", file, "--wave", "W2", "--dry-run"); code != exitOK {
			t.Fatalf("import beside the live serve: %d %s", code, stderr)
		}
		// The live serve's folder is still there, and nothing else is.
		serverRoot(t, bases[len(bases)-1], sp.pid)
		if left := tempLitter(t, []int{sp.pid}, bases...); len(left) > 0 {
			t.Errorf("after import beside the live serve: %v", left)
		}
		return
	}
	if code, _, stderr := cli(t, "import", file, "--wave", "W2", "--dry-run"); code != exitOK {
		t.Fatalf("import again: %d %s", code, stderr)
	}
	if left := tempLitter(t, nil, bases...); len(left) > 0 {
		t.Errorf("after import ran again: %v", left)
	}
}

// tempBases sets TMPDIR to a new folder and returns it with the data
// dir's tmp, where the processes' temp folders are (the last one listed).
func tempBases(t *testing.T) []string {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	if base := testEnv(t).tempBase(); base != "" {
		return []string{tmp, base}
	}
	return []string{tmp} // PostgreSQL without a data dir: roots in TMPDIR
}

// checkUploadCopy finds the job's copy of the upload among the dead
// process's files: it was there to be removed, and it was private.
func checkUploadCopy(t *testing.T, paths []string, name string) {
	t.Helper()
	for _, p := range paths {
		if filepath.Base(p) != name {
			continue
		}
		if info, err := os.Stat(p); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("upload copy %s: %v, %v", p, info, err)
		}
		return
	}
	t.Fatalf("no upload copy among the killed server's files: %v", paths)
}

// queueJob uploads file as a job; to commit, it is checked first and its
// commit requested, so that the next runner commits it.
func queueJob(t *testing.T, file string, commit bool) {
	t.Helper()
	e, st := testEnvStore(t)
	content, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	job := uploadJob(t, st, content)
	if !commit {
		return
	}
	checkThenCommit(t, e, st, job)
}

// killAtStall starts the command line args as a child whose parse worker
// stalls, kills it (or its process group) with SIGKILL once the worker has
// stalled, and returns its PID.
func killAtStall(t *testing.T, args []string, group bool) int {
	t.Helper()
	fifo := filepath.Join(t.TempDir(), "stall")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// Opened for reading and writing, the FIFO neither blocks here nor
	// reads an end when a worker closes it.
	rd, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	c := startChild(t, args, stallEnv+"="+fifo)
	stalled := make(chan struct{})
	go func() {
		if _, err := bufio.NewReader(rd).ReadString('\n'); err == nil {
			close(stalled)
		}
	}()
	select {
	case <-stalled:
	case err := <-c.exited:
		t.Fatalf("%v ended before its worker stalled: %v\n%s", args, err, c.stderr.String())
	}
	c.kill(t, group)
	return c.cmd.Process.Pid
}

// child is the axdash command line run by this test binary in a process
// group of its own.
type child struct {
	cmd    *exec.Cmd
	stdout io.Reader
	stderr *capBuffer
	exited chan error // its end, once
}

// startChild starts args with the test's environment plus env; the group
// is killed when the test ends in any case, so that no stalled worker
// outlives it.
func startChild(t *testing.T, args []string, env ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), cliChildEnv+"=1"), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	c := &child{cmd: cmd, stderr: &capBuffer{left: 64 << 10}, exited: make(chan error, 1)}
	cmd.Stderr = c.stderr
	var err error
	if c.stdout, err = cmd.StdoutPipe(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) })
	go func() { c.exited <- cmd.Wait() }()
	return c
}

// kill sends SIGKILL to the child (or its whole group) and waits for its end.
func (c *child) kill(t *testing.T, group bool) {
	t.Helper()
	target := c.cmd.Process.Pid
	if group {
		target = -target
	}
	if err := syscall.Kill(target, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-c.exited
}

// serverRoot is the temp folder of the live process pid in base.
func serverRoot(t *testing.T, base string, pid int) string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(base, fmt.Sprintf("axdash-proc-%d-*", pid)))
	if err != nil || len(m) != 1 {
		t.Fatalf("the temp folder of process %d in %s: %v, %v", pid, base, m, err)
	}
	return m[0]
}
