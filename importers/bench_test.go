package importers

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/korean"

	"axdash/app/demo"
	"axdash/app/model"
	"axdash/quality"
)

// benchRows is the size of the benchmark workbooks (issue 3).
const benchRows = 100_000

// demoBook writes a synthetic survey workbook once per benchmark run: with
// b.Loop the code before the loop runs once.
func demoBook(b *testing.B, rows int) string {
	b.Helper()
	p := filepath.Join(b.TempDir(), "demo.xlsx")
	if _, err := demo.WriteFile(p, demo.Options{Rows: rows, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return p
}

// bareRead is excelize's streaming read of the data sheet and nothing else:
// the floor any importer built on it can reach.
func bareRead(b *testing.B, p string) int {
	f, err := excelize.OpenFile(p)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(demo.DataSheet)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if _, err := rows.Columns(rawCells); err != nil {
			b.Fatal(err)
		}
		n++
	}
	return n
}

// importRead runs Read with a sink that drops the records.
func importRead(b *testing.B, im *Importer, p string, wantRows int) {
	res, err := im.Read(context.Background(), p, func(Record) error { return nil })
	if err != nil {
		b.Fatal(err)
	}
	if res.Report.Rows != wantRows || res.Report.Valid != wantRows {
		b.Fatalf("rows %d valid %d, issues %v", res.Report.Rows, res.Report.Valid, codes(res))
	}
}

// peakHeap samples HeapInuse while the benchmark runs; stop returns the
// highest value seen, in MB.
func peakHeap() (stop func() float64) {
	var (
		mu   sync.Mutex
		peak uint64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			mu.Lock()
			peak = max(peak, ms.HeapInuse)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() float64 {
		close(done)
		wg.Wait()
		return float64(peak) / (1 << 20)
	}
}

func reportRows(b *testing.B, rows int) {
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkBareExcelizeRows100k(b *testing.B) {
	p := demoBook(b, benchRows)
	runtime.GC()
	stop := peakHeap()
	b.ReportAllocs()
	for b.Loop() {
		bareRead(b, p)
	}
	b.ReportMetric(stop(), "peak-heap-MB")
	reportRows(b, benchRows)
}

func BenchmarkRead100k(b *testing.B) {
	p := demoBook(b, benchRows)
	s, r := loadConfigs(b)
	im := New(s, r, Options{})
	runtime.GC()
	stop := peakHeap()
	b.ReportAllocs()
	for b.Loop() {
		importRead(b, im, p, benchRows)
	}
	b.ReportMetric(stop(), "peak-heap-MB")
	reportRows(b, benchRows)
}

// BenchmarkReadRatio100k times the bare read and Read of the same file in
// the same loop and reports their ratio, the figure the issue's target
// (≤ 1.5) is about: without rules, and with the shipped data-quality rules
// and a survey period, as the import command reads. The CPU ratio counts
// every thread (Read's formula scan runs beside its row pass) and is the
// steadier figure on a shared machine.
func BenchmarkReadRatio100k(b *testing.B) {
	p := demoBook(b, benchRows)
	s, r := loadConfigs(b)
	rules, err := quality.Load("")
	if err != nil {
		b.Fatal(err)
	}
	period := &model.Period{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}
	for _, bc := range []struct {
		name string
		opts Options
	}{{"plain", Options{}}, {"rules", Options{Rules: rules, Period: period}}} {
		b.Run(bc.name, func(b *testing.B) { readRatio(b, New(s, r, bc.opts), p) })
	}
}

// readRatio times the import of p against excelize's bare read of it, in
// turns, and reports the ratios of wall and CPU time.
func readRatio(b *testing.B, im *Importer, p string) {
	var bare, read, bareCPU, readCPU time.Duration
	for b.Loop() {
		runtime.GC()
		t0, c0 := time.Now(), cpuTime()
		bareRead(b, p)
		runtime.GC()
		t1, c1 := time.Now(), cpuTime()
		importRead(b, im, p, benchRows)
		bare, read = bare+t1.Sub(t0), read+time.Since(t1)
		bareCPU, readCPU = bareCPU+c1-c0, readCPU+cpuTime()-c1
	}
	b.ReportMetric(read.Seconds()/bare.Seconds(), "read/bare")
	b.ReportMetric(readCPU.Seconds()/bareCPU.Seconds(), "cpu-read/bare")
}

// BenchmarkFormulaScan100k is the formula pass alone, for the record: it
// runs alongside the row pass, so its cost mostly hides there.
func BenchmarkFormulaScan100k(b *testing.B) {
	p := demoBook(b, benchRows)
	mapped := make([]scanCol, 19)
	for i := range mapped {
		mapped[i] = scanMapped
	}
	for b.Loop() {
		fc := startFormulaScan(p, demo.DataSheet, mapped, demo.HeaderRow, maxFormulaRefs)
		if err := fc.finish(1 << 30); err != nil {
			b.Fatal(err)
		}
		fc.close()
	}
	reportRows(b, benchRows)
}

func BenchmarkReadCSV100k(b *testing.B) {
	book := demoBook(b, benchRows)
	s, r := loadConfigs(b)
	im := New(s, r, Options{})
	for _, enc := range []string{"utf8bom", "cp949"} {
		p := csvFromBook(b, book, enc)
		b.Run(enc, func(b *testing.B) {
			runtime.GC()
			stop := peakHeap()
			b.ReportAllocs()
			for b.Loop() {
				importRead(b, im, p, benchRows)
			}
			b.ReportMetric(stop(), "peak-heap-MB")
			reportRows(b, benchRows)
		})
	}
}

// csvFromBook saves the data sheet as Excel would: displayed values, in
// UTF-8 with a BOM ("CSV UTF-8") or CP949 (plain "CSV" on Korean Windows).
func csvFromBook(b *testing.B, book, enc string) string {
	f, err := excelize.OpenFile(book)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	p := filepath.Join(b.TempDir(), enc+".csv")
	out, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	defer out.Close()
	var w *csv.Writer
	if enc == "cp949" {
		// Excel writes "?" for what CP949 lacks (the title's em dash).
		w = csv.NewWriter(encoding.ReplaceUnsupported(korean.EUCKR.NewEncoder()).Writer(out))
	} else {
		out.WriteString("\uFEFF")
		w = csv.NewWriter(out)
	}
	rows, err := f.Rows(demo.DataSheet)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		cells, _ := rows.Columns()
		w.Write(cells)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkAnnotate measures the annotated copy of 5,000- and 100,000-row
// workbooks with up to 1,000 marked cells. Annotate loads the whole
// workbook, so its peak heap grows with the cells: these are the figures
// its documentation quotes.
func BenchmarkAnnotate(b *testing.B) {
	for _, rows := range []int{5_000, benchRows} {
		b.Run(fmt.Sprint(rows), func(b *testing.B) {
			p := demoBook(b, rows)
			rep := &model.ImportReport{Sheet: demo.DataSheet, HeaderRow: demo.HeaderRow}
			for i := range min(1000, rows) {
				row := demo.FirstRow + i*(rows/1000)
				rep.Issues = append(rep.Issues, model.Issue{Severity: model.SeverityError, Code: "region.unknown",
					Sheet: demo.DataSheet, Cell: fmt.Sprintf("C%d", row), Row: row, Message: "알 수 없는 시도입니다"})
			}
			out := filepath.Join(b.TempDir(), "annotated.xlsx")
			runtime.GC()
			stop := peakHeap()
			for b.Loop() {
				if err := Annotate(p, rep, out); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(stop(), "peak-heap-MB")
			reportRows(b, rows)
		})
	}
}

// BenchmarkRowPass is the importer's own work on rows already read: header
// mapping, every normaliser, skip checks and the shipped rules, on the
// cells of a 20,000-row demo sheet held in memory. It leaves excelize out,
// so that changes to the row pass show without its noise.
func BenchmarkRowPass(b *testing.B) {
	const rows = 20_000
	p := demoBook(b, rows)
	f, err := excelize.OpenFile(p)
	if err != nil {
		b.Fatal(err)
	}
	all, err := f.GetRows(demo.DataSheet, rawCells)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	s, r := loadConfigs(b)
	rules, err := quality.Load("")
	if err != nil {
		b.Fatal(err)
	}
	period := &model.Period{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}
	im := New(s, r, Options{Rules: rules, Period: period})
	h := im.schema.detectHeader(all[:demo.HeaderRow])
	if h == nil || !im.settleHeader(h, newState("bench", 1000)) {
		b.Fatal("no header")
	}
	b.ReportAllocs()
	for b.Loop() {
		st := newState("bench", 1000)
		rr := newRowReader(im, st, demo.DataSheet, h, func(Record) error { return nil })
		for n := demo.HeaderRow + 1; n <= len(all); n++ {
			cells := trimTrailing(all[n-1])
			if isBlank(cells) || rr.skipRow(cells, n) {
				continue
			}
			st.res.Report.Rows++
			if err := rr.readRow(cells, n); err != nil {
				b.Fatal(err)
			}
		}
		if st.res.Report.Valid != rows {
			b.Fatalf("valid %d of %d: %v", st.res.Report.Valid, rows, st.res.Report.Issues[:1])
		}
	}
	reportRows(b, rows)
}
