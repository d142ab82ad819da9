package jobs_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// BenchmarkJob runs an upload's whole job in this process: the stored
// upload is claimed, parsed with an annotated copy (the check), then claimed
// again and committed. Rows: AXDASH_BENCH_ROWS (default 20,000, the default
// jobs.annotate_max_rows). Metrics: check-s and commit-s per job and rows/s
// over both, to set against `axdash import` of the same file, which reads
// it once.
func BenchmarkJob(b *testing.B) {
	rows := 20_000
	if v := os.Getenv("AXDASH_BENCH_ROWS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("AXDASH_BENCH_ROWS=%q", v)
		}
		rows = n
	}
	for _, dialect := range []string{store.DialectSQLite, store.DialectPostgres} {
		b.Run(dialect, func(b *testing.B) {
			var s *store.DB
			if dialect == store.DialectSQLite {
				s = storetest.SQLite(b)
			} else {
				s = storetest.Postgres(b)
			}
			benchJob(b, s, rows)
		})
	}
}

func benchJob(b *testing.B, s *store.DB, rows int) {
	r := runner(b, s)
	ctx := context.Background()
	var check, commit time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		// A file of its own each round: the same one again is a duplicate.
		job := upload(b, s, "W"+strconv.Itoa(i), workbook(b, rows, int64(9+i)))
		b.StartTimer()
		t0 := time.Now()
		runOnce(b, r, "bench")
		t1 := time.Now()
		if err := s.Jobs.RequestCommit(ctx, job.ID, storetest.Admin(), true, false); err != nil {
			b.Fatal(err)
		}
		runOnce(b, r, "bench")
		check, commit = check+t1.Sub(t0), commit+time.Since(t1)
		if got, _ := jobReport(b, s, job.ID); got.State != model.JobStored {
			b.Fatalf("job ended %s: %s", got.State, got.Error)
		}
	}
	b.ReportMetric(check.Seconds()/float64(b.N), "check-s")
	b.ReportMetric(commit.Seconds()/float64(b.N), "commit-s")
	b.ReportMetric(float64(rows*b.N)/(check+commit).Seconds(), "rows/s")
}
