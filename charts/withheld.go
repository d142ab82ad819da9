package charts

import (
	"fmt"
	"slices"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// The statuses of a row without a published value, shown as words wherever
// the value would be, so that a blank never reads as 0 %: Withheld when the
// disclosure rule hides responses, NoData when there are none.
const (
	Withheld = "비공개"
	NoData   = "자료 없음"
)

// RowStatus is the status of a row of an aggregate table (one with an n
// column) for the charts and the exports' status column: Withheld or
// NoData when every value column is blank, "" otherwise. Issue 17's "주의"
// is another status of the same column.
func RowStatus(t *Table, row []any) string {
	nc := colIndex(t, "n")
	if nc < 0 || !hasValueColumn(t) || rowPublished(t, row) {
		return ""
	}
	if n, ok := number(row[nc]); ok && n == 0 {
		return NoData
	}
	return Withheld // n blank too: the view withholds the row
}

// isValue reports whether a column holds a published figure (a rate or an
// amount), as opposed to a label or a count.
func isValue(col Column) bool { return col.Unit == "%" || col.Unit == "원" }

func hasValueColumn(t *Table) bool {
	for _, col := range t.Columns {
		if isValue(col) {
			return true
		}
	}
	return false
}

func rowPublished(t *Table, row []any) bool {
	for i, col := range t.Columns {
		if _, ok := number(row[i]); ok && isValue(col) {
			return true
		}
	}
	return false
}

// markedSeries is a bar series with its withheld cells drawn as outlined
// empty bars named by their status. Withheld (one entry per data point, "" for a
// published one) is not ECharts': axdash.js reads it into the tooltip.
type markedSeries struct {
	ec.SingleSeries
	MarkPoint map[string]any `json:"markPoint,omitempty"`
	Withheld  []string       `json:"withheld,omitempty"`
}

// withheldMarks marks, on the first bar series, each category (a row of t,
// in the chart's order) whose values are all withheld, and names them in
// every series' tooltip. horizontal says the categories are on the y axis.
func withheldMarks(t *Table, horizontal bool) func(map[string]interface{}) {
	status := make([]string, len(t.Rows))
	for i, row := range t.Rows {
		status[i] = RowStatus(t, row)
	}
	return markStatuses(func(int) []string { return status }, horizontal)
}

// markStatuses marks, on the first bar series, each category every series
// has a status for, and names each series' statuses in its tooltip;
// statusOf gives series i's status per category ("" when published).
func markStatuses(statusOf func(series int) []string, horizontal bool) func(map[string]interface{}) {
	return func(m map[string]interface{}) {
		ss, ok := m["series"].(ec.MultiSeries)
		if !ok || len(ss) == 0 {
			return
		}
		out := make([]markedSeries, len(ss))
		for i, s := range ss {
			out[i] = markedSeries{SingleSeries: s}
			if st := statusOf(i); slices.ContainsFunc(st, func(s string) bool { return s != "" }) {
				out[i].Withheld = st
			}
		}
		var points []map[string]any
		for c, status := range statusOf(0) {
			all := status != ""
			for i := range ss {
				all = all && c < len(statusOf(i)) && statusOf(i)[c] != ""
			}
			if all {
				points = append(points, withheldPoint(c, status, horizontal))
				continue
			}
			for i := range out {
				labelInPlace(&out[i], c, statusOf(i), horizontal)
			}
		}
		if len(points) > 0 {
			out[0].MarkPoint = map[string]any{"silent": true, "animation": false, "data": points}
		}
		m["series"] = out
	}
}

// labelInPlace names a withheld value of one series where its bar would
// stand, when the category's other series are published: a mark at the
// category's centre would cover their bars.
func labelInPlace(s *markedSeries, c int, status []string, horizontal bool) {
	data, ok := s.Data.([]opts.BarData)
	if !ok || c >= len(data) || c >= len(status) || status[c] == "" {
		return
	}
	pos := "top"
	if horizontal {
		pos = "right"
	}
	data[c] = opts.BarData{Value: 0, Label: &opts.Label{Show: opts.Bool(true), Position: pos, Formatter: types.FuncStr(status[c]), Color: "#333333"}}
}

// withheldPoint is an empty bar with a dashed outline at category i,
// standing on the value axis, labelled with the row's status. (ECharts
// draws no decal on a markPoint, so the outline is the cue.)
func withheldPoint(i int, status string, horizontal bool) map[string]any {
	coord, size, offset, pos := []any{i, 0}, []any{16, 44}, []any{0, "-50%"}, "top"
	if horizontal {
		coord, size, offset, pos = []any{0, i}, []any{44, 14}, []any{"50%", 0}, "right"
	}
	return map[string]any{
		"coord": coord, "symbol": "rect", "symbolSize": size, "symbolOffset": offset,
		"itemStyle": map[string]any{"color": "#ffffff", "borderColor": "#4d4d4d", "borderType": "dashed", "borderWidth": 1.5},
		"label":     map[string]any{"show": true, "position": pos, "formatter": status, "color": "#333333", "fontSize": 11},
	}
}

// emptyReason says, in Korean, why a table has nothing to draw; "" when it
// has at least one published value. Lines are short enough for a phone's
// chart.
func (c *Catalogue) emptyReason(t *Table) string {
	for _, row := range t.Rows {
		if rowPublished(t, row) {
			return ""
		}
	}
	switch {
	case t.N == 0 && t.Suppressed == 0:
		return "선택한 조건에 맞는 응답이 없습니다.\n필터를 넓혀 보십시오."
	case t.Suppressed > 0:
		return fmt.Sprintf("모든 칸이 공개 기준(응답 %d개 이상 등)에 못 미쳐\n공개하지 않습니다. 필터를 넓혀 보십시오.", c.suppress)
	default:
		return "이 항목에 답한 응답이 없습니다. 올린 파일에 이 열이 없었을 수 있습니다."
	}
}

// withEmptyNote writes "자료 없음" and the reason over the chart's empty
// plot, instead of bare axes.
func withEmptyNote(why string) func(map[string]interface{}) {
	return func(m map[string]interface{}) {
		m["graphic"] = []map[string]any{{
			"type": "text", "left": "center", "top": "middle", "silent": true,
			"style": map[string]any{"text": "자료 없음\n" + why, "fill": "#333333", "fontSize": 14, "lineHeight": 22, "align": "center"},
		}}
	}
}

// StatusColumn is the exports' 상태 column: the RowStatus of each row,
// empty on a published one.
func StatusColumn() Column { return Column{Key: "status", Label: "상태"} }

// withStatus is an aggregate table with StatusColumn last, for the CSV and
// XLSX writers; the JSON table keeps blanks as nil and has no such column.
// Other tables come back as they are.
func withStatus(t *Table) *Table {
	if colIndex(t, "n") < 0 || !hasValueColumn(t) {
		return t
	}
	out := *t
	out.Columns = append(slices.Clone(t.Columns), StatusColumn())
	out.Rows = make([][]any, len(t.Rows))
	for i, row := range t.Rows {
		out.Rows[i] = append(slices.Clone(row), RowStatus(t, row))
	}
	if t.Total != nil {
		out.Total = append(slices.Clone(t.Total), RowStatus(t, t.Total))
	}
	return &out
}

// CellText is a table cell as pages show it: Display, or, for a blank rate
// or amount, the row's status, so that a page's table never shows an empty
// cell where a reader might read 0.
func CellText(t *Table, row []any, i int) string {
	if s := Display(t.Columns[i], row[i]); s != "" || !isValue(t.Columns[i]) {
		return s
	}
	return RowStatus(t, row)
}
