package charts

import (
	"fmt"
	"math"

	"github.com/xuri/excelize/v2"
)

// A sheet's content is measured in Excel's default units: a default column
// is 64 px wide, a row 20 px high, and a column of width w characters
// takes about 7w+5 px. The native chart is chartWidth × chartHeight px.
const (
	defaultColPx = 64
	rowPx        = 20
	chartWidth   = 640
	chartHeight  = 400
	a4PaperSize  = 9 // ECMA-376's paperSize for A4
)

// chartRows are the rows the native chart covers.
const chartRows = chartHeight / rowPx

// printExtent is what a sheet prints: cells A1 to (cols, rows), the header
// row repeated on every page (0: none) and its width and height in pixels.
type printExtent struct {
	cols, rows, header int
	widthPx, heightPx  int
	// minWidthPx is text that runs on past the last column.
	minWidthPx int
}

// measured widens the extent to minWidthPx and fills in its size in
// pixels.
func (e printExtent) measured(f *excelize.File, sheet string) printExtent {
	for e.cols < maxPrintCols && sheetWidthPx(f, sheet, e.cols) < e.minWidthPx {
		e.cols++
	}
	e.widthPx, e.heightPx = sheetWidthPx(f, sheet, e.cols), e.rows*rowPx
	return e
}

// maxPrintCols bounds how far text can widen a print area.
const maxPrintCols = 40

// textWidthPx is about how wide the longest of texts is in the default
// 11 pt font: a Hangul or other wide character takes about two narrow ones.
func textWidthPx(texts ...string) int {
	widest := 0
	for _, s := range texts {
		px := 0
		for _, r := range s {
			if r >= 0x1100 {
				px += 14
			} else {
				px += 7
			}
		}
		widest = max(widest, px)
	}
	return widest
}

// setPrintLayout makes the sheet print on A4, one page wide and one page
// tall: a briefing sheet is a single table and its chart, so a reader
// gets one page per sheet. Orientation follows the content's shape.
func setPrintLayout(f *excelize.File, sheet string, e printExtent) error {
	orient := "portrait"
	// A4 is 1:√2; content wider than that ratio fills a landscape page better.
	if float64(e.widthPx)*math.Sqrt2 > float64(e.heightPx) {
		orient = "landscape"
	}
	one, size := 1, a4PaperSize
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient,
		FitToWidth: &one, FitToHeight: &one}); err != nil {
		return fmt.Errorf("charts: page layout of %s: %w", sheet, err)
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("charts: page layout of %s: %w", sheet, err)
	}
	area := absRef(sheet, 1, 1, max(e.cols, 1), max(e.rows, 1))
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: area, Scope: sheet}); err != nil {
		return fmt.Errorf("charts: print area of %s: %w", sheet, err)
	}
	if e.header == 0 {
		return nil
	}
	titles := fmt.Sprintf("%s$%d:$%d", sheetPrefix(sheet), e.header, e.header)
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: sheet}); err != nil {
		return fmt.Errorf("charts: print titles of %s: %w", sheet, err)
	}
	return nil
}

// sheetWidthPx is the width in pixels of the sheet's first cols columns.
func sheetWidthPx(f *excelize.File, sheet string, cols int) int {
	px := 0
	for c := 1; c <= cols; c++ {
		name, _ := excelize.ColumnNumberToName(c)
		w, err := f.GetColWidth(sheet, name)
		if err != nil {
			px += defaultColPx
			continue
		}
		px += int(w*7 + 5)
	}
	return px
}
