package charts

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// excelChart says how a figure is drawn natively in Excel: the chart type,
// the category column (empty: the table's leading name column) and the
// value columns (by key). A line chart is drawn from the table's pivot.
type excelChart struct {
	typ  excelize.ChartType
	cat  string
	vals []string
}

// excelChartOf is the native Excel chart of t's figure, its category
// column resolved: the table's leading name column unless the figure says.
func excelChartOf(t *Table) (excelChart, bool) {
	d, ok := lookup(t.Figure.ID)
	if !ok || d.excel == nil {
		return excelChart{}, false
	}
	spec := *d.excel
	for _, k := range []string{"region_name", "industry", "size", "label", "firm_name"} {
		if spec.cat != "" {
			break
		}
		if colIndex(t, k) >= 0 {
			spec.cat = k
		}
	}
	return spec, true
}

// addExcelChart draws the figure's native chart to the right of the table,
// its series bound to the table's cells.
func addExcelChart(f *excelize.File, sheet string, t *Table, header int) error {
	spec, ok := excelChartOf(t)
	if !ok || len(t.Rows) == 0 {
		return nil
	}
	first, last := header+1, header+len(t.Rows)
	anchorCol := len(t.Columns) + 2
	ch := &excelize.Chart{Type: spec.typ, Title: excelize.ChartTitle{Paragraph: ChartTitleOf(t.Figure.Title)},
		Legend: excelize.ChartLegend{Position: "bottom"}, ShowBlanksAs: "gap",
		Dimension: excelize.ChartDimension{Width: 640, Height: 400}}
	if spec.typ == excelize.Line {
		pivotCol := anchorCol
		waves, series, err := writeTrendPivot(f, sheet, t, header, pivotCol)
		if err != nil || series == 0 {
			return err
		}
		for s := 0; s < series; s++ {
			ch.Series = append(ch.Series, excelize.ChartSeries{
				Name:       absRef(sheet, pivotCol+1+s, header, pivotCol+1+s, header),
				Categories: absRef(sheet, pivotCol, header+1, pivotCol, header+waves),
				Values:     absRef(sheet, pivotCol+1+s, header+1, pivotCol+1+s, header+waves),
				Marker:     excelize.ChartMarker{Symbol: "circle", Size: 5},
			})
		}
		anchorCol = pivotCol + series + 2
	} else {
		cat := colIndex(t, spec.cat)
		if cat < 0 {
			return nil
		}
		for _, key := range spec.vals {
			vc := colIndex(t, key)
			if vc < 0 {
				continue
			}
			ch.Series = append(ch.Series, excelize.ChartSeries{
				Name:       absRef(sheet, vc+1, header, vc+1, header),
				Categories: absRef(sheet, cat+1, first, cat+1, last),
				Values:     absRef(sheet, vc+1, first, vc+1, last),
			})
		}
	}
	if len(ch.Series) == 0 {
		return nil
	}
	anchor, _ := excelize.CoordinatesToCellName(anchorCol, 1)
	if err := f.AddChart(sheet, anchor, ch); err != nil {
		return fmt.Errorf("charts: xlsx chart for %s: %w", t.Figure.ID, err)
	}
	return nil
}

// ChartTitleOf is an Excel chart title holding one run of text.
func ChartTitleOf(s string) []excelize.RichTextRun {
	return []excelize.RichTextRun{{Text: Clean(s)}}
}
