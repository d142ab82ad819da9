package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"axdash/app/demo"
	"axdash/app/store/storetest"
)

// buildAxdash builds the real binary, so that the benchmark measures what
// operators run (the test binary is larger and would inflate RSS).
func buildAxdash(b *testing.B) string {
	b.Helper()
	exe := filepath.Join(b.TempDir(), "axdash")
	if out, err := exec.Command("go", "build", "-o", exe, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return exe
}

// runChild runs the CLI in a child process and returns its wall time and
// the peak resident set sizes, in bytes, of it and of its parse worker (the
// largest of its own children). wait4's ru_maxrss cannot be used: after a
// vfork-style exec it starts from the parent's own peak, here the
// benchmark's.
func runChild(b *testing.B, exe string, env []string, args ...string) (r childRun) {
	b.Helper()
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), env...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			if err != nil {
				b.Fatalf("child %v: %v\n%s", args, err, out.String())
			}
			r.wall = time.Since(start)
			// wait4's usage covers the child and the worker it waited for.
			r.cpu = time.Duration(cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime())
			return r
		case <-tick.C:
			pid := cmd.Process.Pid
			r.self = max(r.self, vmHWM(pid))
			for _, k := range childPIDs(pid) {
				r.worker = max(r.worker, treeHWM(k))
			}
		}
	}
}

// childRun is what runChild measured: wall and CPU time (the import process
// and its parse worker; a database server's share is not in it), and the
// peak RSS of the process and of its worker in bytes.
type childRun struct {
	wall, cpu    time.Duration
	self, worker int64
}

// childPIDs lists a process's direct children. Linux lists them per thread
// that started them, and Go starts a child from whichever thread it is on.
func childPIDs(pid int) []int {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	var out []int
	for _, t := range tasks {
		kids, _ := os.ReadFile(t)
		for _, f := range strings.Fields(string(kids)) {
			if k, err := strconv.Atoi(f); err == nil {
				out = append(out, k)
			}
		}
	}
	return out
}

// treeHWM is the largest VmHWM (peak RSS) of a process and its children.
func treeHWM(pid int) int64 {
	best := vmHWM(pid)
	for _, k := range childPIDs(pid) {
		best = max(best, treeHWM(k))
	}
	return best
}

func vmHWM(pid int) int64 { return procStatus(pid, "VmHWM:") }

// procStatus reads one size field of /proc/PID/status ("VmHWM:", the peak
// RSS, or "VmRSS:", the current one) in bytes; 0 when it cannot.
func procStatus(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// bareRead is excelize's own streaming read of every cell of the data
// sheet: the floor an import is compared against. It returns the wall time
// and the CPU time this process spent meanwhile (its collector included).
func bareRead(b *testing.B, path string) (wall, cpu time.Duration) {
	b.Helper()
	start, cpu0 := time.Now(), processCPU()
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
	return time.Since(start), processCPU() - cpu0
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchImport imports a rows-row demo workbook into a fresh database per
// iteration, on SQLite and (when configured) PostgreSQL, and reports rows/s,
// the ratio to the bare excelize read, and the peak RSS of the import
// process and of its parse worker. Each import follows a bare read of its
// own, so that on a shared machine the two see about the same load.
func benchImport(b *testing.B, rows int) {
	file := filepath.Join(b.TempDir(), "bench.xlsx")
	if err := demo.StreamFile(file, demo.Options{Rows: rows, Seed: 11}); err != nil {
		b.Fatal(err)
	}
	cfg := benchConfig(b)
	exe := buildAxdash(b)
	for _, dialect := range []string{"sqlite", "postgres"} {
		b.Run(dialect, func(b *testing.B) {
			var sum childRun
			var bare, bareCPU time.Duration
			for i := 0; i < b.N; i++ {
				env := append(benchDBEnv(b, dialect), "AXDASH_CONFIG="+cfg)
				bw, bc := bareRead(b, file)
				r := runChild(b, exe, env, "import", file, "--wave", "W"+strconv.Itoa(i))
				b.Logf("%d rows: import %.2fs (CPU %.2fs), bare excelize read %.2fs (CPU %.2fs): %.2f× wall, %.2f× CPU; "+
					"peak RSS %.0f MiB import process, %.0f MiB parse worker", rows, r.wall.Seconds(), r.cpu.Seconds(),
					bw.Seconds(), bc.Seconds(), r.wall.Seconds()/bw.Seconds(), r.cpu.Seconds()/bc.Seconds(),
					float64(r.self)/(1<<20), float64(r.worker)/(1<<20))
				sum.wall, sum.cpu, bare, bareCPU = sum.wall+r.wall, sum.cpu+r.cpu, bare+bw, bareCPU+bc
				sum.self, sum.worker = max(sum.self, r.self), max(sum.worker, r.worker)
			}
			per := sum.wall / time.Duration(b.N)
			b.ReportMetric(float64(rows)/per.Seconds(), "rows/s")
			b.ReportMetric(sum.wall.Seconds()/bare.Seconds(), "x-bare-read")
			b.ReportMetric(sum.cpu.Seconds()/bareCPU.Seconds(), "cpu-x-bare-read")
			b.ReportMetric(float64(sum.self)/(1<<20), "peak-RSS-MiB")
			b.ReportMetric(float64(sum.worker)/(1<<20), "worker-RSS-MiB")
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
	yaml := "import:\n  max_file_bytes: 1073741824\n  max_unzipped_bytes: 4294967296\n  max_part_bytes: 4294967296\n  max_rows: 2000000\n"
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		b.Fatal(err)
	}
	return path
}
