package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"axdash/app/jobs"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// jobChildEnv makes the test binary a runner process that claims one job
// and stops inside its commit, after every write and before COMMIT, until
// it is killed.
const jobChildEnv = "AXDASH_TEST_JOB_CHILD"

// commitPrepared is what the child prints when it is ready to be killed.
const commitPrepared = "commit prepared"

func runJobChild() int {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	e, st, err := loadEnvAndStore(context.Background(), log)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	r := &jobs.Runner{Store: st.Jobs, Ingester: e.ingester(st.Surveys), Config: e.cfg.Jobs, Log: log,
		BeforeCommit: func(*model.Job) error {
			fmt.Println(commitPrepared)
			select {} // until killed
		}}
	if _, err := r.RunOnce(context.Background(), "child"); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	return 1 // the child never gets here unless the commit failed
}

// TestJobKilledMidCommit kills a runner process inside its commit: the wave
// is not stored, and the runner that takes the job over stores it exactly
// once.
func TestJobKilledMidCommit(t *testing.T) {
	eachDB(t, func(t *testing.T) {
		ctx := context.Background()
		e, st := testEnvStore(t)
		job := uploadJob(t, st, damagedBook(t, 50))
		parent := checkThenCommit(t, e, st, job)
		killChildInCommit(t)
		got, err := st.Jobs.Job(ctx, job.ID)
		if has, _ := st.Surveys.WaveHasData(ctx, "W"); err != nil || has || got.State != model.JobCommitting || got.ClaimedBy != "child" {
			t.Fatalf("after the kill: wave stored %v, job %+v, %v", has, got, err)
		}
		time.Sleep(2 * time.Millisecond)
		parent.Config.StaleAfter = time.Nanosecond
		takeOver(t, parent)
		got, _ = st.Jobs.Job(ctx, job.ID)
		ws, _ := st.Surveys.Waves(ctx)
		if got.State != model.JobStored || len(ws) != 1 || ws[0].Responses != 47 {
			t.Fatalf("after the takeover: job %+v, waves %+v", got, ws)
		}
		if imp, err := st.Surveys.ImportByID(ctx, *got.ImportID); err != nil || imp.Stored != 47 {
			t.Errorf("import = %+v, %v", imp, err)
		}
	})
}

// takeOver runs the parent until it claims the dead child's job. PostgreSQL
// ends the killed client's transaction (and its row lock, which SKIP LOCKED
// passes over) only once it notices the closed connection, so the first
// polls may find nothing to claim, as a real runner's would.
func takeOver(t *testing.T, parent *jobs.Runner) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		ran, err := parent.RunOnce(context.Background(), "parent")
		if err != nil {
			t.Fatalf("takeover: %v", err)
		}
		if ran {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("takeover: the dead child's job was never claimed")
		}
	}
}

// killChildInCommit starts a runner process, waits until it is inside its
// commit, and kills it.
func killChildInCommit(t *testing.T) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), jobChildEnv+"=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	if strings.TrimSpace(line) != commitPrepared {
		t.Fatalf("the child did not reach its commit: %q; stderr: %s", line, stderr.String())
	}
}

// checkThenCommit checks job with a runner in this process and requests
// its commit, so that the next runner to claim it commits; it returns the
// runner.
func checkThenCommit(t *testing.T, e *env, st *store.DB, job *model.Job) *jobs.Runner {
	t.Helper()
	r := &jobs.Runner{Store: st.Jobs, Ingester: e.ingester(st.Surveys), Config: e.cfg.Jobs,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if ran, err := r.RunOnce(context.Background(), "parent"); !ran || err != nil {
		t.Fatalf("check: %v %v", ran, err)
	}
	if err := st.Jobs.RequestCommit(context.Background(), job.ID, storetest.Admin(), true, false); err != nil {
		t.Fatal(err)
	}
	return r
}

func uploadJob(t *testing.T, st *store.DB, content []byte) *model.Job {
	t.Helper()
	job, err := st.Jobs.CreateJob(context.Background(), store.NewJob{Wave: "W", FileName: "w.xlsx", Size: int64(len(content)),
		SHA256: sha256Hex(content)}, strings.NewReader(string(content)))
	if err != nil {
		t.Fatal(err)
	}
	return job
}
