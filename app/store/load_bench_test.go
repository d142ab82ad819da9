package store_test

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
)

// loadBenchRows is the size of one benchmark load: a large survey file.
const loadBenchRows = 100_000

// loadBenchTemplates are benchRows' rows with two use areas and one barrier
// each; row i of a load is template i%len with its own source row and, when
// numbered, its own business number. Rows are made on the fly so that the
// heap measured is the loader's, not a 100,000-row slice.
var loadBenchTemplates = func() []model.FirmResponse {
	rows := benchRows(1000)
	for i := range rows {
		rows[i].Response.Barriers = []model.ResponseBarrier{{Code: "비용"}}
	}
	return rows
}()

// BenchmarkLoad streams 100,000 rows through BeginLoad/Add/Commit into a new
// wave per iteration. "anonymous" rows have no business number (a new firm
// each, as in benchRows); "numbered" rows each carry a distinct one, the
// worst case for firm look-ups and for the number → firm map, the only
// memory allowed to grow with rows. Metrics: rows/s, cpu-s/op (this
// process's CPU time per load, steadier than wall time on a shared machine),
// B/row allocated, and live-heap-growth-B, the live heap (after GC) at the
// last row minus at the first quarter, in the first iteration.
func BenchmarkLoad(b *testing.B) {
	for _, dialect := range []string{store.DialectSQLite, store.DialectPostgres} {
		for _, numbered := range []bool{false, true} {
			name := dialect + "/anonymous"
			if numbered {
				name = dialect + "/numbered"
			}
			b.Run(name, func(b *testing.B) { benchLoad(b, dialect, numbered) })
		}
	}
}

func benchLoad(b *testing.B, dialect string, numbered bool) {
	s := benchStore(b, dialect)
	ctx := context.Background()
	var growth int64
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0 := cpuTime()
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		l, err := s.Surveys.BeginLoad(ctx, store.LoadInput{Wave: fmt.Sprintf("W%d", it),
			Import: model.Import{FileName: "b.xlsx", Format: "xlsx", SHA256: fmt.Sprintf("%s-%d", b.Name(), it)}})
		if err != nil {
			b.Fatal(err)
		}
		var quarter int64
		var no []byte
		for i := 0; i < loadBenchRows; i++ {
			rec := loadBenchTemplates[i%len(loadBenchTemplates)]
			rec.Response.SourceRow = i + 2
			if numbered {
				no = strconv.AppendInt(no[:0], int64(1_000_000_000+it*loadBenchRows+i), 10)
				rec.BusinessNo = string(no)
			}
			if err := l.Add(rec); err != nil {
				b.Fatal(err)
			}
			if it == 0 && (i+1 == loadBenchRows/4 || i+1 == loadBenchRows) {
				h := liveHeap(b)
				if quarter == 0 {
					quarter = h
				} else {
					growth = h - quarter
				}
			}
		}
		if _, err := l.Commit(model.Import{Rows: loadBenchRows, Valid: loadBenchRows}, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	rows := float64(loadBenchRows * b.N)
	b.ReportMetric(rows/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/rows, "B/row")
	b.ReportMetric(float64(growth), "live-heap-growth-B")
}

// cpuTime is the CPU time this process has used: the machine may be shared,
// and unlike wall time it does not count waiting for a processor. For
// PostgreSQL it leaves out the server's share.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// liveHeap is the heap in use after a collection, measured off the clock.
func liveHeap(b *testing.B) int64 {
	b.StopTimer()
	defer b.StartTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}
