package charts

import (
	"context"
	"fmt"
	"slices"
	"strings"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"axdash/app/model"
)

// NationCode is the trend table's region code of its 전국 rows.
const NationCode = "00"

// MaxHighlight is how many 시도 a trend can highlight: more, and the
// highlighted lines are as hard to follow as all seventeen.
const MaxHighlight = 3

// nationWaves are the trend's 전국 cells by wave: each wave's cell over
// every region under the filter's other dimensions, as the view publishes
// it (a sum of the published regions would leave the withheld ones out).
func nationWaves(ctx context.Context, src Source, f model.Filter, waves []waveCells) (map[int64]model.Cell, error) {
	out := map[int64]model.Cell{}
	for _, w := range waves {
		cell, err := src.CellTotal(ctx, model.Filter{WaveID: w.id, Industry: f.Industry, Size: f.Size})
		if err != nil {
			return nil, err
		}
		out[w.id] = cell
	}
	return out, nil
}

// nationRow is a wave's 전국 row of the trend table: the measure over
// every region's responses, blank (n too) when the view withholds it.
func (c *Catalogue) nationRow(name string, cell model.Cell, m measure) ([]any, map[string]Mark) {
	n, vals, marks, _ := c.row(cell, m)
	return append([]any{Clean(name), NationCode, n}, vals...), marks
}

// trendNotes add each wave's own n to the measure's notes: the caption's
// n is the chosen wave's, and waves are never summed.
func trendNotes(own string) func(*Catalogue, *Table) []string {
	return func(c *Catalogue, t *Table) []string {
		return withWaveCounts(rateNotes(own, "선택한 조사 차수와 그 이전 차수를 보여 줍니다.")(c, t), t)
	}
}

// withWaveCounts adds to notes each wave's n over the published 시도.
func withWaveCounts(notes []string, t *Table) []string {
	wc, rc, nc := colIndex(t, "wave"), colIndex(t, "region"), colIndex(t, "n")
	var waves []string
	perWave := map[string]float64{}
	for _, row := range t.Rows {
		w := fmt.Sprint(row[wc])
		if !slices.Contains(waves, w) {
			waves = append(waves, w)
		}
		if n, ok := number(row[nc]); ok && row[rc] != NationCode {
			perWave[w] += n
		}
	}
	if len(waves) == 0 {
		return notes
	}
	parts := make([]string, len(waves))
	for i, w := range waves {
		parts[i] = fmt.Sprintf("%s %s개", w, grouped(perWave[w], 0))
	}
	return append(notes, "차수별 응답 기업 수: "+strings.Join(parts, ", ")+" (차수끼리 더하지 않습니다).")
}

// trendStyle is how one line of the trend is drawn: 전국 bold and black,
// a highlighted or (with none highlighted) every 시도 with its own cue, the
// others faint and unlabelled.
type trendStyle struct {
	opts  []ec.SeriesOpts
	faint bool
}

func trendStyleOf(region string, j int, highlight []string) trendStyle {
	switch k := slices.Index(highlight, region); {
	case region == NationCode:
		return trendStyle{opts: []ec.SeriesOpts{
			ec.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "roundRect", SymbolSize: 9}),
			ec.WithLineStyleOpts(opts.LineStyle{Color: labelDark, Type: "solid", Width: 4}),
			ec.WithItemStyleOpts(opts.ItemStyle{Color: labelDark}),
		}}
	case len(highlight) == 0:
		return trendStyle{opts: lineCueOf(j).seriesOpts()}
	case k >= 0:
		return trendStyle{opts: lineCueOf(k).seriesOpts()}
	default:
		return trendStyle{faint: true, opts: []ec.SeriesOpts{
			ec.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
			ec.WithLineStyleOpts(opts.LineStyle{Color: "#9aa3ad", Width: 1, Opacity: opts.Float(0.45)}),
			ec.WithItemStyleOpts(opts.ItemStyle{Color: "#9aa3ad"}),
		}}
	}
}

// hideFaintEndLabels takes the end label off faint lines: their names
// would crowd the highlighted ones'.
func hideFaintEndLabels(faint []bool) func(map[string]interface{}) {
	return func(m map[string]interface{}) {
		withEndLabels(m)
		ss, ok := m["series"].([]endLabelled)
		if !ok {
			return
		}
		for i := range ss {
			if i < len(faint) && faint[i] {
				ss[i].EndLabel = map[string]any{"show": false}
			}
		}
	}
}
