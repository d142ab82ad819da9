package rawlite_test

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/glebarez/go-sqlite" // the pool's driver, to compare with

	"axdash/app/store/rawlite"
)

// newDB makes an empty database file (SQLite takes an empty file for one)
// with table t, and opens it through the pool's driver too.
func newDB(t *testing.T) (path string, pool *sql.DB) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "t.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	pool, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pool.Close() })
	if _, err := pool.Exec("CREATE TABLE t (k TEXT, v)"); err != nil {
		t.Fatal(err)
	}
	return path, pool
}

func open(t *testing.T, ctx context.Context, path string) *rawlite.Conn {
	t.Helper()
	c, err := rawlite.Open(ctx, path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

type label string

// Each value written through rawlite is stored exactly as the pool's driver
// stores it (same type, same bytes), so that the rest of axdash, which
// reads through that driver, cannot tell a bulk-loaded row from another.
func TestValuesStoredAsThePoolDriverStoresThem(t *testing.T) {
	n := int64(42)
	var none *int64
	kst := time.FixedZone("KST", 9*3600)
	cases := []struct {
		name string
		v    any
	}{
		{"nil", nil}, {"int64", int64(-5)}, {"int", 7}, {"int32", int32(3)}, {"uint8", uint8(200)},
		{"max int64", int64(math.MaxInt64)}, {"float", 0.1}, {"float max", math.MaxFloat64},
		{"float tiny", 5e-324}, {"true", true}, {"false", false}, {"empty text", ""},
		{"hangul", "경기도 수원시"}, {"NUL inside", "a\x00b"}, {"invalid UTF-8", "\xff\xfe"},
		{"long text", strings.Repeat("가", 5000)}, {"nil blob", []byte(nil)}, {"empty blob", []byte{}},
		{"blob", []byte{0, 1, 2, 255}}, {"time UTC", time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)},
		{"time KST", time.Date(2026, 11, 25, 9, 0, 0, 0, kst)}, {"date", time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)},
		{"pointer", &n}, {"nil pointer", none}, {"named string", label("지역")},
	}
	path, pool := newDB(t)
	c := open(t, context.Background(), path)
	st, err := c.Prepare("INSERT INTO t (k, v) VALUES (?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, tc := range cases {
		if err := st.Exec("raw "+tc.name, tc.v); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		if _, err := pool.Exec("INSERT INTO t (k, v) VALUES (?, ?)", "pool "+tc.name, tc.v); err != nil {
			t.Fatalf("%s through the pool: %v", tc.name, err)
		}
		var raw, want string
		q := "SELECT typeof(v) || ':' || quote(v) FROM t WHERE k = ?"
		if err := pool.QueryRow(q, "raw "+tc.name).Scan(&raw); err != nil {
			t.Fatal(err)
		}
		if err := pool.QueryRow(q, "pool "+tc.name).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if raw != want {
			t.Errorf("%s: stored %.80s; the pool's driver stores %.80s", tc.name, raw, want)
		}
	}
}

// Texts of growing and shrinking sizes in one statement, run after run,
// each keep their own bytes (the bind buffer is reused and regrown).
func TestTextsAcrossRuns(t *testing.T) {
	path, pool := newDB(t)
	c := open(t, context.Background(), path)
	st, err := c.Prepare("INSERT INTO t (k, v) VALUES (?, ?), (?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for i, size := range []int{3, 900, 0, 70000, 1, 513} {
		a, b := strings.Repeat("a", size), strings.Repeat("나", size/3)
		ka, kb := string(rune('A'+i)), string(rune('a'+i))
		if err := st.Exec(ka, a, kb, b); err != nil {
			t.Fatal(err)
		}
		want[ka], want[kb] = a, b
	}
	_ = st.Close()
	_ = c.Close()
	rows, err := pool.Query("SELECT k, v FROM t")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := 0
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		if v != want[k] {
			t.Errorf("row %s: %d bytes, want %d", k, len(v), len(want[k]))
		}
		got++
	}
	if got != len(want) {
		t.Errorf("%d rows, want %d", got, len(want))
	}
}

func TestQuery(t *testing.T) {
	path, _ := newDB(t)
	c := open(t, context.Background(), path)
	if err := c.Exec("INSERT INTO t (k, v) VALUES ('a', 1), ('b', NULL), ('c', 3)"); err != nil {
		t.Fatal(err)
	}
	st, err := c.Prepare("SELECT v FROM t WHERE k <> ? ORDER BY k")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	err = st.Query([]any{"c"}, func(r rawlite.Row) error {
		if r.Null(0) {
			got = append(got, "NULL")
		} else {
			got = append(got, string(rune('0'+r.Int64(0))))
		}
		return nil
	})
	if err != nil || strings.Join(got, ",") != "1,NULL" {
		t.Errorf("rows %v, err %v; want 1,NULL", got, err)
	}
	stop := errors.New("stop")
	if err := st.Query([]any{""}, func(rawlite.Row) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("a row func's error came back as %v", err)
	}
	// The statement is reset after an error and runs again.
	n := 0
	if err := st.Query([]any{""}, func(rawlite.Row) error { n++; return nil }); err != nil || n != 3 {
		t.Errorf("after an error: %d rows, %v; want 3", n, err)
	}
}

func TestErrors(t *testing.T) {
	path, _ := newDB(t)
	c := open(t, context.Background(), path)
	var se *rawlite.Error
	if _, err := c.Prepare("INSERT INTO nowhere VALUES (1)"); !errors.As(err, &se) || !strings.Contains(se.Msg, "nowhere") {
		t.Errorf("prepare on a missing table: %v", err)
	}
	st, err := c.Prepare("INSERT INTO t (k, v) VALUES (?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Exec("only one"); err == nil || !strings.Contains(err.Error(), "1 values for 2 parameters") {
		t.Errorf("too few values: %v", err)
	}
	if err := st.Exec("k", struct{}{}); err == nil {
		t.Error("a struct was bound")
	}
	if err := c.Exec("CREATE UNIQUE INDEX t_k ON t (k)"); err != nil {
		t.Fatal(err)
	}
	if err := st.Exec("dup", 1); err != nil {
		t.Fatal(err)
	}
	if err := st.Exec("dup", 2); !errors.As(err, &se) || se.Code&0xff != 19 { // SQLITE_CONSTRAINT
		t.Errorf("duplicate key: %v; want a constraint error", err)
	}
	if _, err := rawlite.Open(context.Background(), filepath.Join(t.TempDir(), "missing.db"), 0); err == nil {
		t.Error("opened a database file that does not exist")
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Errorf("closing a statement after its connection: %v", err)
	}
	if _, err := c.Prepare("SELECT 1"); err == nil {
		t.Error("prepared on a closed connection")
	}
}

// A context that ends interrupts the statement running at the time.
func TestContextInterrupts(t *testing.T) {
	path, _ := newDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	c := open(t, ctx, path)
	st, err := c.Prepare("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n")
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	err = st.Query(nil, func(rawlite.Row) error {
		if rows++; rows == 1000 {
			cancel()
		}
		return nil
	})
	var se *rawlite.Error
	if !errors.As(err, &se) || se.Code != 9 { // SQLITE_INTERRUPT
		t.Fatalf("endless query after cancel: %v (%d rows); want SQLITE_INTERRUPT", err, rows)
	}
}

// A write lock held elsewhere is waited for, then refused with SQLITE_BUSY.
func TestBusy(t *testing.T) {
	path, pool := newDB(t)
	conn, err := pool.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK") //nolint:errcheck
	c, err := rawlite.Open(context.Background(), path, 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var se *rawlite.Error
	if err := c.Exec("BEGIN IMMEDIATE"); !errors.As(err, &se) || se.Code&0xff != 5 {
		t.Errorf("BEGIN IMMEDIATE against a held lock: %v; want SQLITE_BUSY", err)
	}
}
