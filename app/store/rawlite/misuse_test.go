package rawlite_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"axdash/app/store/rawlite"
)

// SQLite clears an interruption when a statement starts with none running,
// so a context that ends between two statements must still stop the next:
// a load cancelled while Go code runs would otherwise go on and commit.
func TestContextEndedBetweenStatements(t *testing.T) {
	path, pool := newDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	c := open(t, ctx, path)
	if err := c.Exec("INSERT INTO t (k, v) VALUES ('before', 1)"); err != nil {
		t.Fatal(err)
	}
	cancel()
	for _, q := range []string{"INSERT INTO t (k, v) VALUES ('after', 2)", "BEGIN", "COMMIT"} {
		var se *rawlite.Error
		if err := c.Exec(q); !errors.As(err, &se) || se.Code != 9 { // SQLITE_INTERRUPT
			t.Errorf("%s after the context ended: %v; want SQLITE_INTERRUPT", q, err)
		}
	}
	var n int
	if err := pool.QueryRow("SELECT COUNT(*) FROM t WHERE k = 'after'").Scan(&n); err != nil || n != 0 {
		t.Errorf("%d rows written after the context ended (%v)", n, err)
	}
}

// A statement cannot run again from its own Query's row func: binding
// would rewrite (or free) the bytes the running statement reads.
func TestRunInsideOwnQuery(t *testing.T) {
	path, _ := newDB(t)
	c := open(t, context.Background(), path)
	if err := c.Exec("INSERT INTO t (k, v) VALUES ('a', 1), ('b', 2), ('c', 3), ('d', 4)"); err != nil {
		t.Fatal(err)
	}
	st, err := c.Prepare("SELECT unicode(substr(?, v, 1)) FROM t")
	if err != nil {
		t.Fatal(err)
	}
	var got []rune
	var inner error
	err = st.Query([]any{"abcd"}, func(r rawlite.Row) error {
		if len(got) == 0 {
			inner = st.Query([]any{strings.Repeat("w", 5000)}, func(rawlite.Row) error { return nil })
		}
		got = append(got, rune(r.Int64(0)))
		return nil
	})
	if err != nil || string(got) != "abcd" {
		t.Errorf("outer run read %q (%v); want abcd", string(got), err)
	}
	if inner == nil {
		t.Error("the statement ran again inside its own Query")
	}
}

// A statement used after its Close or its connection's fails instead of
// reaching SQLite with a freed handle.
func TestUseAfterClose(t *testing.T) {
	path, _ := newDB(t)
	c := open(t, context.Background(), path)
	st, err := c.Prepare("SELECT ?")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		close func() error
	}{{"statement", st.Close}, {"connection", c.Close}}
	for _, tc := range cases {
		if err := tc.close(); err != nil {
			t.Fatal(err)
		}
		if err := st.Exec("abcd"); err == nil {
			t.Errorf("ran after closing its %s", tc.name)
		}
		if err := st.Query([]any{"abcd"}, func(rawlite.Row) error { return nil }); err == nil {
			t.Errorf("queried after closing its %s", tc.name)
		}
	}
}
