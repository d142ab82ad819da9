package importers

import "sync"

// Rows travel between the goroutines in batches, so that handing them over
// costs little beside reading them: a channel operation per row made the
// import use more CPU than it saved.
const (
	readAheadBatch   = 64
	readAheadBatches = 4 // batches the reader may be ahead
)

// aheadSource reads a worksheet's rows on a goroutine of its own, a few
// batches ahead of the row pass. Decoding the sheet (excelize's XML read,
// the bare read the import is measured against) then runs beside the row
// checks instead of before each of them: a row costs the longer of the
// two, not their sum. It is used by one goroutine; Close stops the reader
// and waits for it, so that the source may be closed afterwards.
type aheadSource struct {
	batches chan aheadBatch
	stop    chan struct{}
	done    chan struct{}
	once    sync.Once
	cur     aheadBatch
	i       int // the current row in cur
	ended   bool
	err     error
}

// aheadBatch is a run of rows, each with its Columns error; the last batch
// of the table also carries the table's error, or a panic of the source,
// raised again on the reading side so that guard turns it into an issue.
type aheadBatch struct {
	cells [][]string
	errs  []error
	end   error
	panic any
	last  bool
}

func readAhead(src rowSource) *aheadSource {
	a := &aheadSource{batches: make(chan aheadBatch, readAheadBatches), stop: make(chan struct{}),
		done: make(chan struct{})}
	go a.run(src)
	return a
}

func (a *aheadSource) run(src rowSource) {
	defer close(a.done)
	var b aheadBatch
	defer func() {
		if r := recover(); r != nil {
			b.panic, b.last = r, true
			a.send(b)
		}
	}()
	for src.Next() {
		cells, err := src.Columns()
		b.cells, b.errs = append(b.cells, cells), append(b.errs, err)
		if len(b.cells) == readAheadBatch {
			if !a.send(b) {
				return
			}
			b = aheadBatch{}
		}
	}
	b.end, b.last = src.Error(), true
	a.send(b)
}

// send hands b over unless the reading side has closed.
func (a *aheadSource) send(b aheadBatch) bool {
	select {
	case a.batches <- b:
		return true
	case <-a.stop:
		return false
	}
}

func (a *aheadSource) Next() bool {
	for !a.ended {
		if a.i+1 < len(a.cur.cells) {
			a.i++
			return true
		}
		if a.cur.last {
			a.ended, a.err = true, a.cur.end
			if a.cur.panic != nil {
				panic(a.cur.panic)
			}
			break
		}
		a.cur, a.i = <-a.batches, -1
	}
	return false
}

func (a *aheadSource) Columns() ([]string, error) { return a.cur.cells[a.i], a.cur.errs[a.i] }

func (a *aheadSource) Error() error { return a.err }

// Close stops the reading goroutine and waits for it; it does not close
// the source, which its owner closes after.
func (a *aheadSource) Close() error {
	a.once.Do(func() { close(a.stop) })
	<-a.done
	return nil
}
