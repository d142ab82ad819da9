package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"axdash/app/demo"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/configs"
)

// The scale of issue #8: ten waves of 100,000 responses on PostgreSQL.
// AXDASH_SCALE_ROWS changes the rows per wave (for a quick run).
const scaleWaves = 10

func scaleRows(b *testing.B) int {
	if v := os.Getenv("AXDASH_SCALE_ROWS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("AXDASH_SCALE_ROWS=%q", v)
		}
		return n
	}
	return 100_000
}

// scaleStore opens the cached scale fixture: a schema of the test database
// named after its size, kept between runs because loading a million
// responses takes minutes. A schema missing waves (an interrupted build) is
// dropped and rebuilt; new migrations are applied to a kept one, so index
// changes are measured on the same data.
func scaleStore(b *testing.B) *store.Store {
	base := os.Getenv("AXDASH_TEST_DATABASE_URL")
	if base == "" {
		b.Skip("the scale benchmark needs AXDASH_TEST_DATABASE_URL")
	}
	rows := scaleRows(b)
	schema := fmt.Sprintf("scale_w%d_r%d", scaleWaves, rows)
	ctx := context.Background()
	s := openSchema(b, base, schema, false)
	waves, err := s.Waves(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if len(waves) == scaleWaves {
		return s
	}
	b.Logf("building the scale fixture in schema %s (%d waves of %d)", schema, scaleWaves, rows)
	_ = s.Close()
	s = openSchema(b, base, schema, true)
	for w := 0; w < scaleWaves; w++ {
		name := fmt.Sprintf("%d-H%d", 2022+w/2, 1+w%2)
		gen, err := demo.Generate(demo.Options{Rows: rows, Seed: 42, Year: 2022 + w/2, Lift: 1 + 0.05*float64(w)})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, err := s.CommitImport(ctx, store.CommitInput{Wave: name, Rows: demoResponses(gen),
			Import: model.Import{FileName: name + ".xlsx", Format: "xlsx", SHA256: name, Rows: rows, Valid: rows}}); err != nil {
			b.Fatal(err)
		}
		b.Logf("%s: %d rows committed (COPY and rollups) in %s", name, rows, time.Since(start).Round(time.Millisecond))
	}
	return s
}

// openSchema opens a migrated store whose search_path is schema, creating
// the schema (after dropping it when fresh is set).
func openSchema(b *testing.B, base, schema string, fresh bool) *store.Store {
	admin, err := gorm.Open(postgres.Open(base), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		b.Fatal(err)
	}
	if sqlDB, err := admin.DB(); err == nil {
		defer sqlDB.Close()
	}
	if fresh {
		if err := admin.Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE").Error; err != nil {
			b.Fatal(err)
		}
	}
	if err := admin.Exec("CREATE SCHEMA IF NOT EXISTS " + schema).Error; err != nil {
		b.Fatal(err)
	}
	cfg := configs.DatabaseConfig{URL: storetest.WithSearchPath(b, base, schema), MaxOpenConns: 10, MaxIdleConns: 10}
	s, err := store.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close() })
	if err := s.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	return s
}

func BenchmarkScale(b *testing.B) {
	s := scaleStore(b)
	_ = s
}
