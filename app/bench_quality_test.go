package main

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"axdash/app/demo"
	"axdash/configs"
)

// BenchmarkImportQuality100k imports the same 100,000-row workbook with the
// data-quality rules and outlier test on (the defaults) and off, in the
// same run, so that the ratio shows their cost despite a noisy machine.
func BenchmarkImportQuality100k(b *testing.B) {
	const rows = 100_000
	file := filepath.Join(b.TempDir(), "bench.xlsx")
	if _, err := demo.WriteFile(file, demo.Options{Rows: rows, Seed: 11}); err != nil {
		b.Fatal(err)
	}
	bare, _ := bareRead(b, file)
	exe := buildAxdash(b)
	on, off := benchConfig(b), qualityOffConfig(b)
	for _, dialect := range []string{"sqlite", "postgres"} {
		b.Run(dialect, func(b *testing.B) {
			var wall [2]time.Duration
			for i := 0; i < b.N; i++ {
				for k, cfg := range []string{on, off} { // interleaved, so drift hits both alike
					env := append(benchDBEnv(b, dialect), "AXDASH_CONFIG="+cfg)
					wall[k] += runChild(b, exe, env, "import", file, "--wave", "W"+strconv.Itoa(i)).wall
				}
			}
			n := time.Duration(b.N)
			b.ReportMetric(float64(wall[0])/float64(wall[1]), "x-quality-off")
			b.ReportMetric((wall[0]/n).Seconds()/bare.Seconds(), "x-bare-read")
			b.Logf("%d rows: quality on %v, off %v, bare excelize read %v", rows, wall[0]/n, wall[1]/n, bare)
		})
	}
}

// qualityOffConfig is benchConfig with every rule disabled and no outlier
// fields.
func qualityOffConfig(b *testing.B) string {
	specs, err := configs.LoadRules("")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	rules := "rules:\n"
	for _, r := range specs {
		rules += "  - code: " + r.Code + "\n    disabled: true\n"
	}
	rulesFile := filepath.Join(dir, "off.yaml")
	if err := os.WriteFile(rulesFile, []byte(rules), 0o600); err != nil {
		b.Fatal(err)
	}
	base, err := os.ReadFile(benchConfig(b))
	if err != nil {
		b.Fatal(err)
	}
	cfg := filepath.Join(dir, "bench-off.yaml")
	body := string(base) + "quality:\n  rules_file: " + strconv.Quote(rulesFile) + "\n  outlier_fields: []\n"
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		b.Fatal(err)
	}
	return cfg
}
