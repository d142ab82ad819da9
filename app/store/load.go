package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"axdash/app/cube"
	"axdash/app/model"
)

// LoadInput names the wave a load goes into and its audit record.
type LoadInput struct {
	Wave    string
	Replace bool         // swap out the wave's existing responses instead of refusing
	Import  model.Import // FileName, Format, SHA256, Sheet, HeaderRow; counts are set at Commit
	Batch   int          // rows per write; 0 picks the dialect's default
	// Job, when set, ties the load to an import job: the import records
	// the job, and Commit marks the job stored in the same transaction.
	Job *JobCommit
	// Fields is the field table whose columns the load writes (nil:
	// model.Fields()).
	Fields *model.Table
	// Synthetic marks the wave as generated demo data; the wave takes the
	// flag of the load that (re)fills it.
	Synthetic bool
}

// Default rows per write: enough to share each batch's fixed costs (the firm
// look-up, the id reservation, a statement or COPY per table), few enough
// that the buffer stays small. Past these sizes neither database got faster.
const (
	sqliteBatch   = 1000
	postgresBatch = 5000
)

// ErrLoadDone is returned by a Load used after Commit, Rollback or a failure.
var ErrLoadDone = errors.New("store: load already finished")

// Load is one import streaming into the database inside a single
// transaction on a dedicated connection. Rows are buffered and written every
// Batch rows, so memory holds one batch plus the business-number map and
// the wave's rollup cube (24 bytes per row with a cost, see cube), never the
// whole file. Any failure rolls the transaction back at once; nothing is
// visible to readers before Commit. A Load is used from one goroutine.
type Load struct {
	// ctx is BeginLoad's: Add and Commit take none, and the load belongs to
	// the one request that began it.
	ctx     context.Context
	tx      loadTx
	dialect string
	batch   int
	imp     model.Import
	added   int
	done    bool
	err     error // why the load failed, returned by every later call

	firms firmIndex // business number → firm id, for numbers met in this load

	tables *fieldTables // the tables the field table's values go to

	// The current batch and per-batch scratch, reused so that memory stays
	// flat. The multi-selects' codes are buffered in tables.multis.
	buf     []model.FirmResponse
	nos     []string // each buffered row's business number ("" when none)
	lookup  []string
	fresh   []int   // buffered rows that need a new firm
	firmIDs []int64 // new firm ids, parallel to fresh
	respIDs []int64
	lastID  int64 // the highest response id so far, to check ids follow arrival
	minID   int64 // the range of the load's response ids, for checkLinks
	maxID   int64

	findings []model.Finding // data-quality findings waiting to be written
	hist     histograms      // the wave's value histograms, for later outlier tests

	job *JobCommit // set when the load stores for an import job

	cube *cube.Builder // the wave's cube, built as rows arrive (see writeRollups)
	keys recordKeys    // each stored row's record key
}

// child is one multi-select code of the buffered row at index row.
type child struct {
	row  int
	code string
}

// BeginLoad opens the transaction, refuses a file whose SHA-256 is already
// stored (ErrDuplicateFile) and a wave holding data without Replace
// (ErrWaveExists), creates the wave (or, with Replace, deletes its responses
// and their multi-selects inside the transaction) and the import record.
// Loads queue behind each other, so that firm numbers and waves never race:
// on SQLite behind the write lock (for up to the busy timeout, then
// SQLITE_BUSY), on PostgreSQL behind an advisory lock per schema.
func (s *Surveys) BeginLoad(ctx context.Context, in LoadInput) (*Load, error) {
	if in.Wave == "" {
		return nil, errors.New("store: begin load: no wave name")
	}
	if s.readOnly { // said plainly, before the database refuses the first write
		return nil, fmt.Errorf("store: begin load: %w", ErrReadOnly)
	}
	var tx loadTx
	var err error
	batch := in.Batch
	if s.dialect == DialectPostgres {
		tx, err = s.beginPostgres(ctx)
		batch = positiveOr(batch, postgresBatch)
	} else {
		tx, err = s.beginSQLite(ctx)
		batch = positiveOr(batch, sqliteBatch)
	}
	if err != nil {
		return nil, err
	}
	fields := in.Fields
	if fields == nil {
		fields = model.Fields()
	}
	l := &Load{ctx: ctx, tx: tx, dialect: s.dialect, batch: batch, imp: in.Import, firms: newFirmIndex(), cube: cube.NewBuilder(),
		hist: histograms{}, job: in.Job, tables: newFieldTables(fields), keys: recordKeys{src: s.recordKeySource}}
	if err := l.start(in); err != nil {
		l.fail(err)
		return nil, err
	}
	return l, nil
}

func positiveOr(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

// start checks the file and the wave and writes the wave and import rows.
func (l *Load) start(in LoadInput) error {
	ctx := l.ctx
	if _, dup, err := l.tx.queryInt64(ctx, "SELECT 1 FROM imports WHERE sha256 = ?", in.Import.SHA256); err != nil {
		return fmt.Errorf("store: check duplicate file: %w", err)
	} else if dup {
		return fmt.Errorf("store: file %s: %w", in.Import.SHA256, ErrDuplicateFile)
	}
	waveID, err := l.prepareWave(in.Wave, in.Replace)
	if err != nil {
		return err
	}
	if err := l.tx.exec(ctx, "UPDATE waves SET synthetic = ? WHERE id = ?", in.Synthetic, waveID); err != nil {
		return fmt.Errorf("store: unable to mark wave %q: %w", in.Wave, err)
	}
	now := time.Now().UTC().Truncate(time.Microsecond) // as stored, so Commit returns what a read gives
	l.imp.ID, l.imp.WaveID, l.imp.Status, l.imp.CreatedAt = 0, waveID, model.StatusStored, now
	l.imp.Rows, l.imp.Valid, l.imp.Stored, l.imp.Skipped = 0, 0, 0, 0
	var jobID *int64
	if l.job != nil {
		jobID = &l.job.ID
	}
	id, _, err := l.tx.queryInt64(ctx, "INSERT INTO imports (wave_id, file_name, format, sha256, sheet, header_row, "+
		"row_count, valid_count, stored_count, skipped_count, status, created_at, job_id) "+
		"VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?, ?) RETURNING id",
		waveID, l.imp.FileName, l.imp.Format, l.imp.SHA256, l.imp.Sheet, l.imp.HeaderRow, l.imp.Status, now, jobID)
	if err != nil {
		return fmt.Errorf("store: create import record: %w", err)
	}
	l.imp.ID = id
	return nil
}

// prepareWave finds or creates the wave, and empties it when replacing.
// Children go first: SQLite only cascades with foreign keys on, and being
// explicit keeps both dialects identical.
func (l *Load) prepareWave(name string, replace bool) (int64, error) {
	ctx := l.ctx
	id, found, err := l.tx.queryInt64(ctx, "SELECT id FROM waves WHERE name = ?", name)
	if err != nil {
		return 0, fmt.Errorf("store: find wave %q: %w", name, err)
	}
	if !found {
		id, _, err = l.tx.queryInt64(ctx, "INSERT INTO waves (name, created_at) VALUES (?, ?) RETURNING id",
			name, time.Now().UTC())
		if err != nil {
			return 0, fmt.Errorf("store: create wave %q: %w", name, err)
		}
		return id, nil
	}
	_, hasData, err := l.tx.queryInt64(ctx, "SELECT 1 FROM responses WHERE wave_id = ? LIMIT 1", id)
	if err != nil {
		return 0, fmt.Errorf("store: check wave %q: %w", name, err)
	}
	if !hasData {
		return id, nil
	}
	if !replace {
		return 0, fmt.Errorf("store: wave %q: %w", name, ErrWaveExists)
	}
	for _, q := range l.tables.responseDeletes() {
		if err := l.tx.exec(ctx, q, id); err != nil {
			return 0, fmt.Errorf("store: clear wave %q: %w", name, err)
		}
	}
	return id, nil
}

// Add buffers one row, counts it into the wave's cube, and writes the batch
// when it is full. The row's
// multi-select codes are copied, so the caller may reuse rec afterwards.
func (l *Load) Add(rec model.FirmResponse) error {
	if err := l.usable(); err != nil {
		return err
	}
	// The row is read where it is buffered: a pointer to rec handed to the
	// field table's getters would move every row to the heap.
	i := len(l.buf)
	l.buf = append(l.buf, rec)
	b := &l.buf[i]
	var err error
	if b.Response.RecordKey, err = l.keys.key(); err != nil {
		l.buf = l.buf[:i]
		l.fail(err)
		return err
	}
	if err := l.cube.Add(&b.Response); err != nil {
		l.buf = l.buf[:i]
		err = fmt.Errorf("store: row %d: %w", b.Response.SourceRow, err)
		l.fail(err)
		return err
	}
	l.hist.add(b, l.tables.hist)
	l.nos = append(l.nos, b.BusinessNo)
	for k := range l.tables.multis {
		m := &l.tables.multis[k]
		for _, code := range m.access.Get(b) {
			m.rows = append(m.rows, child{row: i, code: code})
		}
	}
	l.bufferFindings(b)
	b.Findings = nil // buffered above; the row's slices are not read again
	if len(l.buf) < l.batch && len(l.findings) < l.batch {
		return nil
	}
	if err := l.flushAll(); err != nil {
		l.fail(err)
		return err
	}
	return nil
}

// Commit writes what is buffered, sets the import's counts (Rows, Valid,
// Skipped from counts; Stored = rows added) and, when counts gives them, its
// FileName, Format, Sheet and HeaderRow; stores the original file's bytes
// (when original is not nil) under its SHA-256, and commits.
func (l *Load) Commit(counts model.Import, original io.Reader) (*model.Import, error) {
	if err := l.usable(); err != nil {
		return nil, err
	}
	if err := l.finish(counts, original); err != nil {
		l.fail(err)
		return nil, err
	}
	l.done = true
	imp := l.imp
	return &imp, nil
}

func (l *Load) finish(counts model.Import, original io.Reader) error {
	if err := l.flushAll(); err != nil {
		return err
	}
	if err := l.ctx.Err(); err != nil { // flush checks only when rows are buffered
		return fmt.Errorf("store: load: %w", err)
	}
	l.imp.Rows, l.imp.Valid, l.imp.Skipped, l.imp.Stored = counts.Rows, counts.Valid, counts.Skipped, l.added
	// A streaming import learns the format, sheet and header row only
	// while reading, after BeginLoad: take them when given.
	for _, f := range []struct{ dst, src *string }{
		{&l.imp.FileName, &counts.FileName}, {&l.imp.Format, &counts.Format}, {&l.imp.Sheet, &counts.Sheet},
	} {
		if *f.src != "" {
			*f.dst = *f.src
		}
	}
	if counts.HeaderRow != 0 {
		l.imp.HeaderRow = counts.HeaderRow
	}
	err := l.tx.exec(l.ctx, "UPDATE imports SET file_name = ?, format = ?, sheet = ?, header_row = ?, "+
		"row_count = ?, valid_count = ?, stored_count = ?, skipped_count = ? WHERE id = ?",
		l.imp.FileName, l.imp.Format, l.imp.Sheet, l.imp.HeaderRow,
		l.imp.Rows, l.imp.Valid, l.imp.Stored, l.imp.Skipped, l.imp.ID)
	if err != nil {
		return fmt.Errorf("store: update import record: %w", err)
	}
	if original != nil {
		if err := l.storeOriginal(original); err != nil {
			return err
		}
	}
	if err := l.checkLinks(); err != nil {
		return err
	}
	if err := l.writeRollups(); err != nil {
		return err
	}
	if err := l.writeHistograms(); err != nil {
		return err
	}
	if err := l.finishJob(); err != nil {
		return err
	}
	return l.tx.commit(l.ctx)
}
