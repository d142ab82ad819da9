package jobs_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"axdash/app/demo"
	"axdash/app/jobs"
	"axdash/app/jobs/jobstest"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// runner is jobstest.Runner with short intervals, so that the runner's
// own loop (heartbeats, polling) runs within a test.
func runner(t testing.TB, s *store.DB) *jobs.Runner {
	t.Helper()
	r := jobstest.Runner(t, s)
	r.Config.Heartbeat, r.Config.StaleAfter, r.Config.PollInterval = 20*time.Millisecond, time.Hour, 10*time.Millisecond
	return r
}

func workbook(t testing.TB, n int, seed int64) []byte { return jobstest.DamagedWorkbook(t, n, seed) }

func upload(t testing.TB, s *store.DB, wave string, content []byte) *model.Job {
	t.Helper()
	sum := sha256.Sum256(content)
	job, err := s.Jobs.CreateJob(context.Background(), store.NewJob{Wave: wave, FileName: "설문.xlsx", Size: int64(len(content)),
		SHA256: hex.EncodeToString(sum[:])}, bytes.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	return job
}

func runOnce(t testing.TB, r *jobs.Runner, owner string) {
	t.Helper()
	ran, err := r.RunOnce(context.Background(), owner)
	if err != nil || !ran {
		t.Fatalf("RunOnce = %v, %v", ran, err)
	}
}

func jobReport(t testing.TB, s *store.DB, id int64) (*model.Job, model.ImportReport) {
	t.Helper()
	job, err := s.Jobs.Job(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var rep model.ImportReport
	if job.Report != "" {
		if err := json.Unmarshal([]byte(job.Report), &rep); err != nil {
			t.Fatalf("report %q: %v", job.Report, err)
		}
	}
	return job, rep
}

func TestRunnerCheckThenCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		tmp := t.TempDir()
		t.Setenv("TMPDIR", tmp) // where the runner makes each job's folder
		defer checkNoJobDirs(t, tmp)
		r := runner(t, s)
		job := upload(t, s, "2026-H1", workbook(t, 40, 3))
		runOnce(t, r, "a")
		got, rep := jobReport(t, s, job.ID)
		if got.State != model.JobChecked || rep.Status != model.StatusChecked || rep.Rows != 40 || rep.Valid != 37 ||
			rep.File != "설문.xlsx" || rep.Sheet != demo.DataSheet || rep.HeaderRow != demo.HeaderRow || got.RowsRead != 40 {
			t.Fatalf("after check: job %+v, report %+v", got, rep)
		}
		codes := map[string]bool{}
		for _, is := range rep.Issues {
			codes[is.Code+"@"+is.Cell] = true
		}
		for _, want := range []string{"region.unknown@C5", "region.unknown@C9", "employees.invalid@F12"} {
			if !codes[want] {
				t.Errorf("issue %s missing from %v", want, codes)
			}
		}
		checkAnnotated(t, s, job.ID)
		if has, _ := s.Surveys.WaveHasData(ctx, "2026-H1"); has {
			t.Fatal("the check stored rows")
		}
		if err := s.Jobs.RequestCommit(ctx, job.ID, storetest.Admin(), true, false); err != nil {
			t.Fatal(err)
		}
		runOnce(t, r, "a")
		got, rep = jobReport(t, s, job.ID)
		if got.State != model.JobStored || rep.Status != model.StatusStored || rep.Stored != 37 || rep.Skipped != 3 ||
			got.ImportID == nil || rep.ID != *got.ImportID {
			t.Fatalf("after commit: job %+v, report %+v", got, rep)
		}
		imp, err := s.Surveys.ImportByID(ctx, *got.ImportID)
		if err != nil || imp.Stored != 37 || imp.FileName != "설문.xlsx" {
			t.Errorf("import = %+v, %v", imp, err)
		}
		if ran, err := r.RunOnce(ctx, "a"); ran || err != nil {
			t.Errorf("a stored job ran again: %v %v", ran, err)
		}
	})
}

// checkNoJobDirs fails if a job's temporary folder was left in dir.
func checkNoJobDirs(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "job-") {
			t.Errorf("a job's folder was left behind: %s", e.Name())
		}
	}
}

// checkAnnotated opens the job's annotated copy and finds the 오류 column
// with the messages of the damaged rows.
func checkAnnotated(t *testing.T, s *store.DB, id int64) {
	t.Helper()
	var buf bytes.Buffer
	if err := s.Jobs.CopyJobAnnotated(context.Background(), id, &buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("annotated copy is not a workbook: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(demo.DataSheet)
	if err != nil || len(rows) < demo.FirstRow {
		t.Fatalf("annotated rows: %v", err)
	}
	header := rows[demo.HeaderRow-1]
	if header[len(header)-1] != "오류" {
		t.Fatalf("last header = %q, want 오류", header[len(header)-1])
	}
	if row := rows[demo.FirstRow-1]; !strings.Contains(row[len(row)-1], "시도") {
		t.Errorf("row 5's 오류 cell = %q", row[len(row)-1])
	}
}

// A file that cannot be read ends refused at once, with no annotated copy.
func TestRunnerRefusesUnreadable(t *testing.T) {
	s := storetest.SQLite(t)
	job := upload(t, s, "W", []byte("<html><body>not a workbook</body></html>"))
	runOnce(t, runner(t, s), "a")
	got, rep := jobReport(t, s, job.ID)
	if got.State != model.JobRefused || rep.Status != model.StatusRefused || len(rep.Issues) == 0 || got.AnnotatedSize != 0 {
		t.Errorf("job %+v, report %+v", got, rep)
	}
	if err := s.Jobs.RequestCommit(context.Background(), job.ID, storetest.Admin(), true, false); err == nil {
		t.Error("a refused job accepted a commit")
	}
}
