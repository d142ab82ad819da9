package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"axdash/app/demo"
	"axdash/app/store/storetest"
)

// childEnv makes the test binary act as the axdash CLI (see TestMain), so
// that a benchmark can measure a real import's peak RSS in its own process.
const childEnv = "AXDASH_TEST_CHILD_ARGS"

// runChild runs the CLI in a child process and returns its wall time and
// peak resident set size in bytes.
func runChild(b *testing.B, env []string, args ...string) (time.Duration, int64) {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), env...), childEnv+"="+joinArgs(args))
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall := time.Since(start)
	if err != nil {
		b.Fatalf("child %v: %v\n%s", args, err, out)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		b.Fatal("no rusage")
	}
	return wall, ru.Maxrss * 1024 // Linux reports kilobytes
}

// joinArgs and splitArgs pass arguments through one variable; \x1f cannot
// occur in a path we make.
func joinArgs(args []string) string {
	s := ""
	for i, a := range args {
		if i > 0 {
			s += "\x1f"
		}
		s += a
	}
	return s
}

// bareRead is excelize's own streaming read of every cell of the data
// sheet: the floor an import is compared against.
func bareRead(b *testing.B, path string) time.Duration {
	b.Helper()
	start := time.Now()
	f, err := excelize.OpenFile(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(demo.DataSheet)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			b.Fatal(err)
		}
		n += len(cols)
	}
	_ = rows.Close()
	return time.Since(start)
}

// benchImport imports a rows-row demo workbook into a fresh database per
// iteration, on SQLite and (when configured) PostgreSQL, and reports rows/s,
// the ratio to the bare excelize read, and the child's peak RSS.
func benchImport(b *testing.B, rows int) {
	file := filepath.Join(b.TempDir(), "bench.xlsx")
	if _, err := demo.WriteFile(file, demo.Options{Rows: rows, Seed: 11}); err != nil {
		b.Fatal(err)
	}
	bare := bareRead(b, file)
	cfg := benchConfig(b)
	for _, dialect := range []string{"sqlite", "postgres"} {
		b.Run(dialect, func(b *testing.B) {
			var wall time.Duration
			var rss int64
			for i := 0; i < b.N; i++ {
				env := append(benchDBEnv(b, dialect), "AXDASH_CONFIG="+cfg)
				w, r := runChild(b, env, "import", file, "--wave", "W"+strconv.Itoa(i))
				wall += w
				rss = max(rss, r)
			}
			per := wall / time.Duration(b.N)
			b.ReportMetric(float64(rows)/per.Seconds(), "rows/s")
			b.ReportMetric(per.Seconds()/bare.Seconds(), "x-bare-read")
			b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MiB")
			b.Logf("%d rows: import %v (bare excelize read %v), peak RSS %.0f MiB", rows, per, bare, float64(rss)/(1<<20))
		})
	}
}

func benchDBEnv(b *testing.B, dialect string) []string {
	if dialect == "sqlite" {
		return []string{"AXDASH_DATABASE_URL=", "AXDASH_DATA_DIR=" + b.TempDir()}
	}
	if os.Getenv("AXDASH_TEST_DATABASE_URL") == "" {
		b.Skip("PostgreSQL not configured")
	}
	return []string{"AXDASH_DATABASE_URL=" + benchPostgresURL(b)}
}

func BenchmarkImport100k(b *testing.B) { benchImport(b, 100_000) }

// BenchmarkImport1M takes minutes; it runs only with AXDASH_BENCH_1M=1.
func BenchmarkImport1M(b *testing.B) {
	if os.Getenv("AXDASH_BENCH_1M") != "1" {
		b.Skip("set AXDASH_BENCH_1M=1 to import a 1,000,000-row workbook")
	}
	benchImport(b, 1_000_000)
}

func benchPostgresURL(b *testing.B) string { return storetest.PostgresURL(b) }

// benchConfig raises the import limits so that the large benchmark files
// are accepted; the defaults are for uploads, not for measuring.
func benchConfig(b *testing.B) string {
	path := filepath.Join(b.TempDir(), "bench.yaml")
	yaml := "import:\n  max_file_bytes: 1073741824\n  max_unzipped_bytes: 4294967296\n  max_rows: 2000000\n"
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		b.Fatal(err)
	}
	return path
}
