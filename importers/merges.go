package importers

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math/bits"

	"github.com/xuri/excelize/v2"
)

// Korean tables often merge a column's cells down a group of rows (one 시도
// over all its firms). Excel keeps the value in the first cell only, so a
// streaming reader sees the other rows empty: a required field fails, an
// optional one (시군구, 조사일) would silently be stored as missing. The
// <mergeCells> list comes after the rows, so the sheet scan collects it
// and the row pass, at its end, refuses a file whose data rows fall under
// a vertical merge in a mapped column.

// maxMerges bounds the merged ranges kept (32 bytes each).
const maxMerges = 100_000

// cellRange is a merged range: 1-based rows, 0-based columns.
type cellRange struct{ r1, c1, r2, c2 int }

func (r cellRange) String() string {
	a, _ := excelize.CoordinatesToCellName(r.c1+1, r.r1)
	b, _ := excelize.CoordinatesToCellName(r.c2+1, r.r2)
	return a + ":" + b
}

// tail reads the rest of a worksheet part after </sheetData> to its end,
// passing the ref of each <mergeCell> to keep.
func (s *sheetScanner) tail(keep func(ref []byte)) error {
	for {
		_, err := s.br.ReadSlice('<')
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			return nil
		case err != nil:
			return err
		}
		tag, err := s.readTag()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if string(localName(tag)) == "mergeCell" {
			if ref := attr(tag, "ref"); ref != nil {
				keep(ref)
			}
		}
	}
}

// keepMerge records a merged range that spans rows below the header in a
// column the row pass reads.
func (fc *formulaCells) keepMerge(ref []byte, cols []scanCol, headerRow int) {
	r, ok := parseRange(ref)
	if !ok || r.r2 <= r.r1 || r.r2 <= headerRow {
		return
	}
	for c := r.c1; c <= r.c2 && c < len(cols); c++ {
		if cols[c]&scanMapped == 0 {
			continue
		}
		if len(fc.merges) == maxMerges {
			fc.mergesCut = true
			return
		}
		fc.merges = append(fc.merges, r)
		return
	}
}

// parseRange reads "C5:C9"; a single cell is no range.
func parseRange(ref []byte) (cellRange, bool) {
	a, b, ok := bytes.Cut(ref, []byte(":"))
	if !ok {
		return cellRange{}, false
	}
	c1, r1, ok1 := parseCellRef(a)
	c2, r2, ok2 := parseCellRef(b)
	if !ok1 || !ok2 || c2 < c1 || r2 < r1 {
		return cellRange{}, false
	}
	return cellRange{r1: r1, c1: c1 - 1, r2: r2, c2: c2 - 1}, true
}

// parseCellRef reads "AB12" as column 28, row 12 (both 1-based); "$" signs
// are allowed, as some writers put them in merge refs.
func parseCellRef(ref []byte) (col, row int, ok bool) {
	col, row, err := excelize.CellNameToCoordinates(string(ref))
	return col, row, err == nil
}

// mergedData returns a merged range, kept by the scan, that covers a data
// row below its first row; "" when none does. rows marks the data rows read.
// Each range costs the same however many rows it spans.
func mergedData(fc *formulaCells, rows []uint64) (string, bool) {
	below := rowsBelow(rows)
	for _, r := range fc.merges {
		if below(r.r2+1) > below(r.r1+1) {
			return r.String(), true
		}
	}
	return "", fc.mergesCut
}

// rowsBelow counts, for any n, the rows marked in rows that lie below n.
func rowsBelow(rows []uint64) func(n int) int {
	before := make([]int, len(rows)+1) // marks in the words before word i
	for i, w := range rows {
		before[i+1] = before[i] + bits.OnesCount64(w)
	}
	return func(n int) int {
		w := n / 64
		if w >= len(rows) {
			return before[len(rows)]
		}
		return before[w] + bits.OnesCount64(rows[w]&(1<<(n%64)-1))
	}
}

// checkMerges refuses a sheet whose data rows lie under a vertical merge.
func (rr *rowReader) checkMerges() {
	if rr.formulas == nil || rr.st.refused {
		return
	}
	ref, found := mergedData(rr.formulas, rr.dataRows)
	if !found {
		return
	}
	where := "데이터 행에 걸쳐 세로로 병합된 셀이 있습니다"
	if ref != "" {
		where = "데이터 행에 걸쳐 세로로 병합된 셀(" + ref + ")이 있습니다"
	}
	rr.st.refuse(CodeFileMerged, "%s. 병합된 셀의 값은 첫 행에만 저장되어 나머지 행은 비어 있는 것으로 읽힙니다. "+
		"엑셀에서 병합을 해제하고 각 행에 값을 채운 뒤 다시 올려 주세요.", where)
}

// markDataRow notes that sheet row n was read as a data row.
func (rr *rowReader) markDataRow(n int) {
	if rr.formulas == nil {
		return
	}
	for len(rr.dataRows) <= n/64 {
		rr.dataRows = append(rr.dataRows, 0)
	}
	rr.dataRows[n/64] |= 1 << (n % 64)
}
