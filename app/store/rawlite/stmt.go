package rawlite

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"time"
	"unsafe"

	"modernc.org/libc"
	"modernc.org/libc/sys/types"
	sqlite3 "modernc.org/sqlite/lib"
)

// timeFormat is how the pool's driver writes a time.Time, and the first
// layout it reads: a time written here reads back the same through it.
const timeFormat = "2006-01-02 15:04:05.999999999-07:00"

// Stmt is a prepared statement, run as many times as needed.
type Stmt struct {
	c       *Conn
	p       uintptr
	params  int
	running bool // a run is under way: its values are in buf

	// Per-run scratch, reused so that a run allocates nothing: the values
	// as database/sql would pass them, and the texts and blobs among them
	// laid end to end in text and then in the C buffer buf, which the
	// statement reads them from (bound without a copy of its own).
	vals   []driver.Value
	spans  [][2]int // each value's bytes in text
	text   []byte
	buf    uintptr
	bufCap int
}

// Prepare compiles one SQL statement with ? parameters.
func (c *Conn) Prepare(query string) (*Stmt, error) {
	if c.db == 0 {
		return nil, errors.New("rawlite: prepare on a closed connection")
	}
	q, err := libc.CString(query)
	if err != nil {
		return nil, fmt.Errorf("rawlite: prepare: %w", err)
	}
	defer libc.Xfree(c.tls, q)
	const ptr = int(unsafe.Sizeof(uintptr(0)))
	pp := c.tls.Alloc(ptr)
	defer c.tls.Free(ptr)
	if rc := sqlite3.Xsqlite3_prepare_v2(c.tls, c.db, q, -1, pp, 0); rc != sqlite3.SQLITE_OK {
		return nil, fmt.Errorf("rawlite: prepare %.80q: %w", query, c.errorOf(rc))
	}
	p := libc.AtomicLoadPUintptr(pp)
	if p == 0 {
		return nil, fmt.Errorf("rawlite: prepare %.80q: no statement", query)
	}
	st := &Stmt{c: c, p: p, params: int(sqlite3.Xsqlite3_bind_parameter_count(c.tls, p))}
	c.stmts[st] = struct{}{}
	return st, nil
}

// Close finalises the statement; closing it again, or after its
// connection, does nothing.
func (s *Stmt) Close() error {
	if s.p == 0 {
		return nil
	}
	delete(s.c.stmts, s)
	var err error
	if rc := sqlite3.Xsqlite3_finalize(s.c.tls, s.p); rc != sqlite3.SQLITE_OK {
		err = s.c.errorOf(rc)
	}
	s.p = 0
	if s.buf != 0 {
		libc.Xfree(s.c.tls, s.buf)
		s.buf, s.bufCap = 0, 0
	}
	return err
}

// Exec runs the statement with args, one per parameter, and discards any
// rows it returns.
func (s *Stmt) Exec(args ...any) error { return s.run(args, nil) }

// Query runs the statement with args and calls row for each result row;
// an error from row stops the statement and is returned. Row may use other
// statements of the connection, but must not close this one or the
// connection (this statement refuses to run again meanwhile).
func (s *Stmt) Query(args []any, row func(Row) error) error { return s.run(args, row) }

func (s *Stmt) run(args []any, row func(Row) error) error {
	switch {
	case s.p == 0:
		return errors.New("rawlite: statement used after Close")
	case s.running:
		// Binding again would rewrite or free bytes that the running
		// statement may still read.
		return errors.New("rawlite: statement run again from its own Query")
	case s.c.ctx.Err() != nil:
		return &Error{Code: sqlite3.SQLITE_INTERRUPT, Msg: "interrupted"}
	}
	s.running = true
	defer func() { s.running = false }()
	if err := s.bind(args); err != nil {
		return err
	}
	err := s.steps(row)
	// Reset repeats a failed step's error, which is reported already.
	sqlite3.Xsqlite3_reset(s.c.tls, s.p)
	return err
}

func (s *Stmt) steps(row func(Row) error) error {
	for {
		switch rc := sqlite3.Xsqlite3_step(s.c.tls, s.p); rc {
		case sqlite3.SQLITE_DONE:
			return nil
		case sqlite3.SQLITE_ROW:
			if row == nil {
				continue
			}
			if err := row(Row{s}); err != nil {
				return err
			}
		default:
			return s.c.errorOf(rc)
		}
	}
}

// Row is the current result row of a Query.
type Row struct{ s *Stmt }

// Null reports whether column i is NULL.
func (r Row) Null(i int) bool {
	return sqlite3.Xsqlite3_column_type(r.s.c.tls, r.s.p, int32(i)) == sqlite3.SQLITE_NULL
}

// Int64 is column i as an integer (0 for NULL).
func (r Row) Int64(i int) int64 { return sqlite3.Xsqlite3_column_int64(r.s.c.tls, r.s.p, int32(i)) }

// bind sets every parameter from args. Texts and blobs are copied into the
// statement's buffer and bound as static: the buffer is only rewritten by
// the next bind, after this run has ended.
func (s *Stmt) bind(args []any) error {
	if len(args) != s.params {
		return fmt.Errorf("rawlite: %d values for %d parameters", len(args), s.params)
	}
	s.vals, s.spans, s.text = s.vals[:0], s.spans[:0], s.text[:0]
	defer clear(s.vals) // keep no caller's values alive
	for i, a := range args {
		v, err := value(a)
		if err != nil {
			return fmt.Errorf("rawlite: parameter %d: %w", i+1, err)
		}
		start := len(s.text)
		switch x := v.(type) {
		case string:
			s.text = append(s.text, x...)
		case []byte:
			s.text = append(s.text, x...)
		case time.Time:
			s.text = x.AppendFormat(s.text, timeFormat)
		}
		s.vals = append(s.vals, v)
		s.spans = append(s.spans, [2]int{start, len(s.text)})
	}
	base := s.reserve(len(s.text))
	copy(cBytes(base, len(s.text)), s.text)
	for i, v := range s.vals {
		at, n := base+uintptr(s.spans[i][0]), int32(s.spans[i][1]-s.spans[i][0])
		if rc := s.bindOne(int32(i+1), v, at, n); rc != sqlite3.SQLITE_OK {
			return fmt.Errorf("rawlite: bind parameter %d: %w", i+1, s.c.errorOf(rc))
		}
	}
	return nil
}

// bindOne binds v to parameter k; a text or blob's bytes are n bytes at at.
func (s *Stmt) bindOne(k int32, v driver.Value, at uintptr, n int32) int32 {
	tls, p := s.c.tls, s.p
	switch x := v.(type) {
	case int64:
		return sqlite3.Xsqlite3_bind_int64(tls, p, k, x)
	case float64:
		return sqlite3.Xsqlite3_bind_double(tls, p, k, x)
	case bool:
		if x {
			return sqlite3.Xsqlite3_bind_int64(tls, p, k, 1)
		}
		return sqlite3.Xsqlite3_bind_int64(tls, p, k, 0)
	case string, time.Time:
		return sqlite3.Xsqlite3_bind_text(tls, p, k, at, n, 0)
	case []byte:
		if x != nil {
			return sqlite3.Xsqlite3_bind_blob(tls, p, k, at, n, 0)
		}
	}
	return sqlite3.Xsqlite3_bind_null(tls, p, k)
}

// reserve makes the C buffer hold at least n bytes and returns it. It is
// never empty, so that an empty text or blob is bound as one, not as NULL.
func (s *Stmt) reserve(n int) uintptr {
	if n < s.bufCap {
		return s.buf
	}
	if s.buf != 0 {
		libc.Xfree(s.c.tls, s.buf)
	}
	s.bufCap = max(n+1, 2*s.bufCap, 512)
	s.buf = libc.Xmalloc(s.c.tls, types.Size_t(s.bufCap))
	if s.buf == 0 {
		panic("rawlite: out of memory") // as Go's own allocator would
	}
	return s.buf
}

// cBytes is n bytes of C memory at p as a Go slice. The memory is libc's,
// outside Go's heap, so a Go pointer to it is sound (and passes the race
// detector's pointer checks, which a Go address handed to libc as a uintptr
// would not); unsafe.Add makes the pointer without a uintptr conversion,
// which vet cannot tell from one of Go memory.
func cBytes(p uintptr, n int) []byte {
	if n == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Add(nil, p)), n)
}

// value converts a to a driver.Value as database/sql does before the pool's
// driver sees it; the common types skip the general converter.
func value(a any) (driver.Value, error) {
	switch x := a.(type) {
	case nil, int64, float64, bool, string, []byte, time.Time:
		return x, nil
	case int:
		return int64(x), nil
	}
	return driver.DefaultParameterConverter.ConvertValue(a)
}
