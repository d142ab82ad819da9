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

// addExcelChart draws the figure's native chart below the table (and the
// trend's pivot), its series bound to the table's cells, a bar chart's
// and the trend's 전국 and highlighted lines' 95% intervals as error bars
// (their amounts beside the table or the pivot, their ranges recorded in
// bars), and returns what the sheet then prints: below
// rather than beside keeps a portrait A4 page legible and the chart whole
// on it.
func addExcelChart(f *excelize.File, sheet string, t *Table, header int, bars errorBars) (printExtent, error) {
	e := printExtent{cols: len(t.Columns), rows: header + len(t.Rows), header: header}
	spec, ok := excelChartOf(t)
	if !ok || len(t.Rows) == 0 {
		return e.measured(f, sheet), nil
	}
	ch := &excelize.Chart{Type: spec.typ, Title: excelize.ChartTitle{Paragraph: ChartTitleOf(t.Figure.Title)},
		Legend: excelize.ChartLegend{Position: "bottom"}, ShowBlanksAs: "gap",
		Dimension: excelize.ChartDimension{Width: chartWidth, Height: chartHeight}}
	if spec.typ == excelize.Line {
		pivotCol := len(t.Columns) + 2
		p, err := writeTrendPivot(f, sheet, t, header, pivotCol)
		waves, series := len(p.waves), len(p.regions)
		if err != nil || series == 0 {
			return e.measured(f, sheet), err
		}
		used, err := writeTrendErrors(f, sheet, t, p, header, pivotCol, pivotCol+series+2, bars)
		if err != nil {
			return e, err
		}
		e.cols, e.rows = max(e.cols, pivotCol+series+1+used), max(e.rows, header+waves)
		ch.Series = trendSeries(sheet, pivotCol, header, waves, series)
	} else {
		ch.Series = barSeries(sheet, t, spec, header)
		if spec.typ != excelize.BarStacked { // a stacked share's interval is not its segment's
			used, err := writeErrorAmounts(f, sheet, t, spec.vals, header, len(t.Columns)+2, bars)
			if err != nil {
				return e, err
			}
			e.cols = max(e.cols, len(t.Columns)+1+used)
		}
	}
	if len(ch.Series) == 0 {
		return e.measured(f, sheet), nil
	}
	if len(ch.Series) == 1 {
		// One series: one colour, and no legend listing every category.
		ch.VaryColors = ptr(false)
		ch.Legend.Position = "none"
	}
	anchorRow := e.rows + 2
	anchor, _ := excelize.CoordinatesToCellName(1, anchorRow)
	if err := f.AddChart(sheet, anchor, ch); err != nil {
		return e, fmt.Errorf("charts: xlsx chart for %s: %w", t.Figure.ID, err)
	}
	e.rows = anchorRow + chartRows
	e.minWidthPx = chartWidth
	return e.measured(f, sheet), nil
}

// trendSeries are the trend's lines, one per pivot column.
func trendSeries(sheet string, pivotCol, header, waves, series int) []excelize.ChartSeries {
	var out []excelize.ChartSeries
	for s := 0; s < series; s++ {
		out = append(out, excelize.ChartSeries{
			Name:       absRef(sheet, pivotCol+1+s, header, pivotCol+1+s, header),
			Categories: absRef(sheet, pivotCol, header+1, pivotCol, header+waves),
			Values:     absRef(sheet, pivotCol+1+s, header+1, pivotCol+1+s, header+waves),
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: 5},
		})
	}
	return out
}

// barSeries are the figure's value columns against its category column.
func barSeries(sheet string, t *Table, spec excelChart, header int) []excelize.ChartSeries {
	cat := colIndex(t, spec.cat)
	if cat < 0 {
		return nil
	}
	first, last := header+1, header+len(t.Rows)
	var out []excelize.ChartSeries
	for _, key := range spec.vals {
		vc := colIndex(t, key)
		if vc < 0 {
			continue
		}
		out = append(out, excelize.ChartSeries{
			Name:       absRef(sheet, vc+1, header, vc+1, header),
			Categories: absRef(sheet, cat+1, first, cat+1, last),
			Values:     absRef(sheet, vc+1, first, vc+1, last),
		})
	}
	return out
}

// ChartTitleOf is an Excel chart title holding one run of text.
func ChartTitleOf(s string) []excelize.RichTextRun {
	return []excelize.RichTextRun{{Text: Clean(s)}}
}
