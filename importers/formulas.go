package importers

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"sync"
)

// maxFormulaRefs bounds how many formula cells without a value are kept
// (8 bytes each). A file with more has not been calculated at all, and the
// file is refused rather than any of them read as empty.
const maxFormulaRefs = 100_000

// publishEvery is how many scanned rows go by between hand-overs to the row
// pass: few enough locks to cost nothing, soon enough that the row pass,
// which is far slower than the scan, never waits for long.
const publishEvery = 64

var errFormulaOverflow = errors.New("too many formula cells without a value")

// formulaCells is a worksheet's formula cells without a cached value in
// mapped columns, found by a scan that runs alongside the row pass: the row
// pass asks for each row and waits only if the scan has not reached it yet.
// On two cores the scan's cost disappears behind excelize's own decoding.
type formulaCells struct {
	mu      sync.Mutex
	cond    *sync.Cond
	refs    []uint64 // row<<16 | column, in row order; read from the front
	through int      // the scan has passed every row up to this one
	done    bool
	stop    bool  // the row pass is over: the scan should end
	err     error // why the scan failed, if it did
	wg      sync.WaitGroup
	// lastRow is the sheet's last <row>, set when the scan read the whole
	// part; finish publishes it to the row pass.
	lastRow int
	// merges are the vertical merged ranges over data rows in mapped
	// columns, found after sheetData; mergesCut is set past maxMerges.
	merges    []cellRange
	mergesCut bool
}

// errSheetCut is a sheet whose XML goes on after excelize stopped yielding
// rows: excelize ignores the XML decoder's errors (a byte that is not UTF-8,
// an undefined entity), so a bad byte would otherwise silently drop every
// row after it.
var errSheetCut = errors.New("worksheet ends before its last row")

// scanCol says what the scan looks for in one 0-based column.
type scanCol uint8

const (
	scanMapped  scanCol = 1 << iota // formulas without a value matter here
	scanScaled                      // a number field: formats that scale the shown number matter
	scanPercent                     // a percent field: percent formats matter too
)

// A ref is row<<16 | col, with scaledFlag for a number whose format shows
// it scaled, and then the format's percents and commas in the top bytes.
// Columns stay below 1<<14, rows below 1<<21.
const (
	scaledFlag = 1 << 15
	refRowMask = 1<<32 - 1
)

// colScale is a cell of a row whose number format shows its number scaled.
type colScale struct {
	col int
	fmtScale
}

// startFormulaScan starts scanning the named sheet of the workbook at p.
// cols says which 0-based columns matter and how; rows up to headerRow are
// not data and are ignored; more than limit formula cells without a value
// fail the scan.
func startFormulaScan(p, sheet string, cols []scanCol, headerRow, limit int) *formulaCells {
	fc := &formulaCells{}
	fc.cond = sync.NewCond(&fc.mu)
	fc.wg.Add(1)
	go func() {
		defer fc.wg.Done()
		err := fc.scan(p, sheet, cols, headerRow, limit)
		fc.mu.Lock()
		fc.done, fc.err = true, err
		fc.cond.Broadcast()
		fc.mu.Unlock()
	}()
	return fc
}

// scan runs in its own goroutine; a panic there would end the process, so
// it becomes an error like any other failure.
func (fc *formulaCells) scan(p, sheet string, cols []scanCol, headerRow, limit int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("formula scan: %v", r)
		}
	}()
	zr, err := zip.OpenReader(p)
	if err != nil {
		return err
	}
	defer zr.Close()
	part := sheetPart(&zr.Reader, sheet)
	e := findEntry(&zr.Reader, part)
	if e == nil {
		return fmt.Errorf("formula scan: no part for sheet %q", sheet)
	}
	rc, err := e.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	var batch []uint64
	total := 0
	s := &sheetScanner{br: bufio.NewReaderSize(rc, 64<<10)}
	if s.xfScale, err = formatScales(&zr.Reader, cols); err != nil {
		return err
	}
	s.scaleCols = cols
	s.flag = func(row, col int) bool {
		if row > headerRow && col < len(cols) && cols[col]&scanMapped != 0 {
			batch = append(batch, uint64(row)<<16|uint64(col))
			total++
		}
		return total <= limit
	}
	s.scaled = func(row, col int, sc fmtScale) {
		if row > headerRow {
			batch = append(batch, uint64(sc.commas)<<56|uint64(sc.pct)<<48|uint64(row)<<16|scaledFlag|uint64(col))
		}
	}
	s.rowDone = func(row int) bool {
		if row%publishEvery != 0 && len(batch) < 1024 {
			return true
		}
		ok := fc.publish(batch, row)
		batch = batch[:0]
		return ok
	}
	if err := s.run(); err != nil {
		return err
	}
	if total > limit {
		return errFormulaOverflow
	}
	if !fc.publish(batch, s.lastRow) {
		return nil
	}
	fc.lastRow = s.lastRow
	// Read to the end of the part, noting merged ranges on the way:
	// archive/zip checks the checksum only there, and excelize ignores a
	// mismatch, so this is the one place a damaged sheet shows.
	return s.tail(func(ref []byte) { fc.keepMerge(ref, cols, headerRow) })
}

// publish hands found cells to the row pass and reports whether to go on.
func (fc *formulaCells) publish(batch []uint64, through int) bool {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	fc.refs = append(fc.refs, batch...)
	fc.through = max(fc.through, through)
	fc.cond.Broadcast()
	return !fc.stop
}

// at returns the flagged 0-based columns of a sheet row, waiting for the
// scan to pass it: formula cells without a value, and numbers whose format
// scales them in number fields. Rows must be asked for in ascending order.
// An error means the scan cannot vouch for the row: the file must be
// refused.
func (fc *formulaCells) at(row int, fcols []int, scaled []colScale) ([]int, []colScale, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for !fc.done && fc.through < row {
		fc.cond.Wait()
	}
	if fc.err != nil {
		return nil, nil, fc.err
	}
	fcols, scaled = fcols[:0], scaled[:0]
	i := 0
	for ; i < len(fc.refs) && int(fc.refs[i]>>16&refRowMask) <= row; i++ {
		switch ref := fc.refs[i]; {
		case int(ref>>16&refRowMask) != row:
		case ref&scaledFlag != 0:
			scaled = append(scaled, colScale{col: int(ref & (scaledFlag - 1)), fmtScale: fmtScale{pct: int8(ref >> 48), commas: int8(ref >> 56)}})
		default:
			fcols = append(fcols, int(ref&0xFFFF))
		}
	}
	fc.refs = fc.refs[i:]
	return fcols, scaled, nil
}

// finish waits for the scan to end and returns its error: a damaged part
// (checksum) shows only at its end, after the last row was handed over.
// read is the last row the row pass was given: a sheet that goes on past
// it was cut short.
func (fc *formulaCells) finish(read int) error {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for !fc.done {
		fc.cond.Wait()
	}
	if fc.err == nil && fc.lastRow > read {
		return errSheetCut
	}
	return fc.err
}

// close ends the scan and waits for its goroutine, so that no file stays
// open after the read.
func (fc *formulaCells) close() {
	fc.mu.Lock()
	fc.stop = true
	fc.mu.Unlock()
	fc.wg.Wait()
}

// workbookSheets is the sheet list of xl/workbook.xml. The relationship id
// is matched by local name, so that strict OOXML's namespace works too.
type workbookSheets struct {
	Sheets []struct {
		Name  string     `xml:"name,attr"`
		Attrs []xml.Attr `xml:",any,attr"`
	} `xml:"sheets>sheet"`
}

// sheetPart finds the zip part of a sheet by name: workbook.xml gives its
// relationship id, the workbook's .rels gives the part.
func sheetPart(zr *zip.Reader, sheet string) string {
	wb := workbookPath(zr)
	var ws workbookSheets
	if e := findEntry(zr, wb); e != nil {
		if b, err := readEntry(e, maxSmallPart); err == nil {
			_ = xml.Unmarshal(b, &ws)
		}
	}
	rid := ""
	for _, s := range ws.Sheets {
		if s.Name == sheet {
			for _, a := range s.Attrs {
				if a.Name.Local == "id" {
					rid = a.Value
				}
			}
			break
		}
	}
	part, _ := workbookRel(zr, wb, func(r relationship) bool { return r.ID == rid && rid != "" })
	return part
}
