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

// RowStatus is the status of row i of an aggregate table (one with an n
// column; i = -1 for the Total row) for the charts and the exports' status
// column: Withheld or NoData when every value column is blank; for a
// published row, what its marks say (markStatus: Caution for an imprecise
// estimate, the analysts' "공개 시 비공개(…)"); "" otherwise.
func RowStatus(t *Table, i int) string {
	row, marks := t.rowOf(i), t.MarksOf(i)
	nc := colIndex(t, "n")
	if nc < 0 || !hasValueColumn(t) {
		return ""
	}
	if rowPublished(t, row) {
		return t.markStatus(marks)
	}
	if n, ok := number(row[nc]); ok && n == 0 && t.hiddenReasons(marks) == "" {
		return NoData
	}
	return Withheld // n blank too: the view withholds the row
}

// isValue reports whether a column holds a published figure (a rate or an
// amount), as opposed to a label, a count or an estimate's precision.
func isValue(col Column) bool { return col.Of == "" && (col.Unit == "%" || col.Unit == "원") }

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
// published one) is not ECharts': axdash.js reads it into the tooltip, with
// the intervals (seriesIntervals).
type markedSeries struct {
	ec.SingleSeries
	seriesIntervals
	MarkPoint map[string]any `json:"markPoint,omitempty"`
	Withheld  []string       `json:"withheld,omitempty"`
	// Tooltip is over go-echarts' (which cannot switch it off): the
	// intervals' series keeps out of the tooltip.
	Tooltip map[string]any `json:"tooltip,omitempty"`
}

// seriesIntervals are a series' fields that are not ECharts': each point's
// 95% interval and n ([low, high, n] or null) and caution mark, and the
// unit, which the tooltip reads (withIntervals); Z lifts the intervals'
// series over the bars.
// Internal names, per point, the rule an analyst's value would be
// withheld by in public ("" for none).
type seriesIntervals struct {
	Intervals [][]any  `json:"intervals,omitempty"`
	Caution   []bool   `json:"caution,omitempty"`
	Internal  []string `json:"internal,omitempty"`
	Unit      string   `json:"unit,omitempty"`
	Z         int      `json:"z,omitempty"`
}

// withheldMarks marks, on the first bar series, each category (a row of t,
// in the chart's order) whose values are all withheld, and names them in
// every series' tooltip. horizontal says the categories are on the y axis.
func withheldMarks(t *Table, horizontal bool) func(map[string]interface{}) {
	status := make([]string, len(t.Rows))
	for i := range t.Rows {
		if status[i] = RowStatus(t, i); status[i] != Withheld && status[i] != NoData {
			status[i] = "" // a published row draws its bar
		}
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
// XLSX writers: each row's StatusText. The JSON table keeps blanks as nil
// and gives the statuses beside its rows (StatusColumnOf). Other tables
// come back as they are.
func withStatus(t *Table) *Table {
	statuses := StatusColumnOf(t)
	if statuses == nil {
		return t
	}
	out := *t
	out.Columns = append(slices.Clone(t.Columns), StatusColumn())
	out.Rows = make([][]any, len(t.Rows))
	for i, status := range statuses {
		out.Rows[i] = append(slices.Clone(t.Rows[i]), status)
	}
	if t.Total != nil {
		out.Total = append(slices.Clone(t.Total), StatusText(t, -1))
	}
	return &out
}

// StatusColumnOf is the status of each row of an aggregate table
// (StatusText), nil for another table: the JSON's status beside its rows.
func StatusColumnOf(t *Table) []string {
	if colIndex(t, "n") < 0 || !hasValueColumn(t) {
		return nil
	}
	out := make([]string, len(t.Rows))
	for i := range t.Rows {
		out[i] = StatusText(t, i)
	}
	return out
}

// StatusText is row i's status as the exports' status column writes it:
// RowStatus, a withheld row's with the reasons its marks give.
func StatusText(t *Table, i int) string {
	s := RowStatus(t, i)
	if s == Withheld {
		if why := t.hiddenReasons(t.MarksOf(i)); why != "" {
			s += "(" + why + ")"
		}
	}
	return s
}

// CellText is cell (r, i) of a table as pages show it (r = -1 for the
// Total row): Display, an imprecise estimate marked "*", an estimate with
// its 95% interval followed by its "±" margin (half the interval), an
// analyst's value the public would not see labelled with its reason; a
// blank rate or amount reads as Withheld or the row's status, so that a
// page's table never shows an empty cell where a reader might read 0.
func CellText(t *Table, r, i int) string {
	row, col := t.rowOf(r), t.Columns[i]
	s := Display(col, row[i])
	mark := t.MarksOf(r)[col.Key]
	switch {
	case !isValue(col):
		return s
	case s == "" && mark.Hidden:
		return Withheld
	case s == "" && rowPublished(t, row):
		return ""
	case s == "":
		return RowStatus(t, r)
	}
	if mark.Caution {
		s += CautionMark
	}
	if m, ok := margin(t, row, col); ok {
		s += " ±" + m
	}
	if mark.Rule != "" {
		s += " (공개 시 비공개: " + t.reason(mark.Rule) + ")"
	}
	return s
}

// margin is half the 95% interval of an estimate column's value in a row,
// as Display shows the column; false when the row has no interval for it.
func margin(t *Table, row []any, col Column) (string, bool) {
	lo, okLo := number(cellOf(t, row, col.Key+"_"+StatLow))
	hi, okHi := number(cellOf(t, row, col.Key+"_"+StatHigh))
	if !okLo || !okHi {
		return "", false
	}
	return Display(col, (hi-lo)/2), true
}

// cellOf is a row's cell of the column with the key; nil when absent.
func cellOf(t *Table, row []any, key string) any {
	if i := colIndex(t, key); i >= 0 && i < len(row) {
		return row[i]
	}
	return nil
}
