package charts

import (
	"context"
	"fmt"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/xuri/excelize/v2"

	"axdash/app/cube"
	"axdash/app/model"
)

// trendMeasure is what one trend figure follows across the waves: the
// measure of each cell (one estimate column), the unit its chart and
// tooltip show and the divisor from the column's unit to it (원 to 백만원).
type trendMeasure struct {
	measure
	axis, nLabel string
	div          float64
}

// trendFigures are the headline measures of each region across the waves,
// with the nation's: one figure per measure, drawn and exported alike.
func trendFigures() []def {
	excel := &excelChart{typ: excelize.Line, cat: "wave"} // drawn from a pivot, see trendPivot
	adoption := trendMeasure{measure: adoptionMeasure(), axis: "%", nLabel: "응답 기업 수", div: 1}
	gap := trendMeasure{measure: gapRateMeasure(), axis: "%", nLabel: "응답 기업 수", div: 1}
	support := trendMeasure{measure: supportMeasure(), axis: "%", nLabel: costCountLabel, div: 1}
	cost := trendMeasure{measure: meanCostMeasure(), axis: "백만원", nLabel: costCountLabel, div: 1e6}
	return []def{
		{Figure: Figure{ID: "adoption-trend", Title: "조사 차수별 AI 도입률 추이", Description: "조사 차수마다 시도별·전국 AI 도입률",
			Filters: allFilters(), RegionPage: true, Trend: true, Briefing: BriefingPart{Sheet: true}},
			build: trendOf(adoption), notes: trendNotes(adoptedNote), chart: trendLine(adoption), excel: excel},
		{Figure: Figure{ID: "cost-trend", Title: "조사 차수별 평균 AI 도입비용 추이", Description: "조사 차수마다 시도별·전국 AI 도입비용이 있는 기업의 가중 평균 비용",
			Filters: allFilters(), Trend: true, Briefing: BriefingPart{Sheet: true}},
			build: trendOf(cost), notes: trendNotes(costNote), chart: trendLine(cost), excel: excel, nOf: cube.MeasureCost},
		{Figure: Figure{ID: "support-share-trend", Title: "조사 차수별 정부지원 비중 추이", Description: "조사 차수마다 시도별·전국 AI 도입비용 가운데 정부지원금 비중(가중)",
			Filters: allFilters(), Trend: true, Briefing: BriefingPart{Sheet: true}},
			build: trendOf(support), notes: trendNotes(supportNote), chart: trendLine(support), excel: excel, nOf: cube.MeasureCost},
		{Figure: Figure{ID: "talent-gap-trend", Title: "조사 차수별 AI 인력 부족률 추이", Description: "조사 차수마다 시도별·전국 AI 인력 필요 인원 대비 부족 인원(가중)",
			Filters: allFilters(), Trend: true, Briefing: BriefingPart{Sheet: true}},
			build: trendOf(gap), notes: trendNotes(gapNote), chart: trendLine(gap), excel: excel},
	}
}

// trendOf lists, for every wave up to the chosen one, the measure per
// region and the nation's, from the view's estimates.
func trendOf(m trendMeasure) builder {
	return func(c *Catalogue, ctx context.Context, src Source, f model.Filter) (*Table, error) {
		cells, err := src.TrendBy(ctx, ByRegion, f)
		if err != nil {
			return nil, err
		}
		t := &Table{
			Columns: append([]Column{{Key: "wave", Label: "조사 차수"}, {Key: "region", Label: "시도", Names: c.regionNames()},
				{Key: "n", Label: m.nLabel, Unit: "개"}}, m.columns()...),
		}
		d := c.dim(ByRegion)
		if f.Region != "" {
			d.allRows = false // one region asked for: its rows only
		}
		t.Columns[1].Names[NationCode] = "전국"
		waves := trendWaves(cells, f.WaveID)
		nation, err := nationWaves(ctx, src, f, waves)
		if err != nil {
			return nil, err
		}
		for _, wave := range waves {
			rows, marks, n, hidden := c.partitionRows(d, wave.cells, m.measure)
			name := Clean(wave.name)
			for _, r := range rows {
				// partitionRows leads with region code and name; the trend
				// table names the wave and the code only, in those places.
				r[0], r[1] = name, r[0]
			}
			t.Rows = append(t.Rows, rows...)
			t.Marks = append(t.Marks, marks...)
			if cell, ok := nation[wave.id]; ok {
				row, mk := c.nationRow(wave.name, cell, m.measure)
				t.Rows, t.Marks = append(t.Rows, row), append(t.Marks, mk)
			}
			// The chosen (last) wave's n: responses of different waves are
			// different firms, and their sum counts nobody.
			t.N = n
			t.Suppressed += hidden
		}
		return t, nil
	}
}

// trendKey is the key of a trend table's measure column, after the wave,
// the region and n; "" for a table that is not a trend.
func trendKey(t *Table) string {
	if len(t.Columns) < 4 || colIndex(t, "wave") != 0 || colIndex(t, "region") != 1 {
		return ""
	}
	return t.Columns[3].Key
}

type waveCells struct {
	id        int64
	name      string
	synthetic bool
	cells     []model.Cell
}

// trendWaves groups trend cells by wave, in the source's (survey) order,
// up to and including the chosen wave. A wave whose filter matched nothing
// has no cells; when that is the chosen wave, the source has already
// stopped at it (Source.TrendBy), and every wave given is earlier: wave
// ids say nothing of the survey order. A real chosen wave's trend leaves
// out the synthetic (demo) waves: real figures are never drawn as a
// continuation of made-up ones.
func trendWaves(cells []model.Cell, upTo int64) []waveCells {
	var out []waveCells
	for i := 0; i < len(cells); {
		j := i + 1
		for j < len(cells) && cells[j].WaveID == cells[i].WaveID {
			j++
		}
		// Each wave's run of cells, not a copy: cells are large.
		out = append(out, waveCells{id: cells[i].WaveID, name: cells[i].Wave, synthetic: cells[i].Synthetic, cells: cells[i:j:j]})
		i = j
	}
	for i, w := range out {
		if w.id == upTo {
			return realOnly(out[:i+1], w.synthetic)
		}
	}
	return out
}

// realOnly drops the synthetic waves unless the chosen wave is one.
func realOnly(ws []waveCells, chosenSynthetic bool) []waveCells {
	if chosenSynthetic {
		return ws
	}
	out := ws[:0:0]
	for _, w := range ws {
		if !w.synthetic {
			out = append(out, w)
		}
	}
	return out
}

// trendPivot lays the trend table out as waves × regions, the shape both a
// line chart and its Excel sheet need (one series per region): the waves
// and regions in first-seen order and each row's rate at [wave][region].
// Each rate's interval, n and caution mark are at the same place of at.
type trendPivot struct {
	waves, regions []string
	rate           map[[2]int]any
	at             map[[2]int]int // the row of t
}

func pivotTrend(t *Table) trendPivot {
	wc, rc, ac := colIndex(t, "wave"), colIndex(t, "region"), colIndex(t, trendKey(t))
	p := trendPivot{rate: map[[2]int]any{}, at: map[[2]int]int{}}
	waveIdx, regionIdx := map[string]int{}, map[string]int{}
	for ri, row := range t.Rows {
		w, r := fmt.Sprint(row[wc]), fmt.Sprint(row[rc])
		if _, ok := waveIdx[w]; !ok {
			waveIdx[w] = len(p.waves)
			p.waves = append(p.waves, w)
		}
		if _, ok := regionIdx[r]; !ok {
			regionIdx[r] = len(p.regions)
			p.regions = append(p.regions, r)
		}
		p.rate[[2]int{waveIdx[w], regionIdx[r]}] = row[ac]
		p.at[[2]int{waveIdx[w], regionIdx[r]}] = ri
	}
	return p
}

// trendLine draws one line per region across the waves, and the 전국 line
// (see trendStyleOf). Each drawn line has its own colour, marker and dash
// and is named at its end; with 시도 highlighted, the others are faint.
func trendLine(m trendMeasure) func(*Catalogue, *Table, string) chart {
	return func(_ *Catalogue, t *Table, caption string) chart {
		return drawTrend(m, t, caption)
	}
}

func drawTrend(m trendMeasure, t *Table, caption string) chart {
	line := ec.NewLine()
	line.SetGlobalOptions(initOpts(t, caption)...)
	line.SetGlobalOptions(
		ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		ec.WithGridOpts(opts.Grid{Left: "3%", Right: "60", Top: "90", Bottom: "50", ContainLabel: opts.Bool(true)}),
		ec.WithYAxisOpts(opts.YAxis{Name: m.axis, Type: "value"}),
		ec.WithXAxisOpts(opts.XAxis{Type: "category", BoundaryGap: opts.Bool(false)}),
	)
	p := pivotTrend(t)
	line.SetXAxis(cleanAll(p.waves))
	if len(p.regions) == 0 { // nothing matched: an empty series keeps the option well formed
		line.AddSeries(m.cols[0].Label+"("+m.axis+")", nil)
	}
	names := t.Columns[1].Names
	faint := make([]bool, 0, len(p.regions))
	j := 0 // the cue of each 시도 line, 전국 taking none
	for i, region := range p.regions {
		data := make([]opts.LineData, len(p.waves))
		for w := range p.waves {
			data[w] = opts.LineData{Value: "-"}
			if f, ok := number(p.rate[[2]int{w, i}]); ok {
				data[w] = opts.LineData{Value: round(f/m.div, 1)}
			}
		}
		name := region
		if n, ok := names[region]; ok {
			name = n
		}
		style := trendStyleOf(region, j, t.Highlight)
		if region != NationCode {
			j++
		}
		faint = append(faint, style.faint)
		line.AddSeries(Clean(name), data, style.opts...)
	}
	return patched{chart: line, patch: both(hideFaintEndLabels(faint), withBands(t, p, banded(p.regions, t.Highlight), m))}
}

// writeTrendPivot writes the trend table as waves × regions at col beside
// the table (a line chart needs one column per line) and returns the
// pivot, for the error bars beside it; one without regions for a table
// that is not a trend.
func writeTrendPivot(f *excelize.File, sheet string, t *Table, header, col int) (trendPivot, error) {
	key := trendKey(t)
	if key == "" {
		return trendPivot{}, nil
	}
	p := pivotTrend(t)
	if err := setText(f, sheet, col, header, "조사 차수"); err != nil {
		return trendPivot{}, err
	}
	for i, w := range p.waves {
		if err := setText(f, sheet, col, header+1+i, w); err != nil {
			return trendPivot{}, err
		}
	}
	regionCol := t.Columns[colIndex(t, "region")]
	for j, r := range p.regions {
		name, _ := ExportValue(regionCol, r).(string)
		if err := setText(f, sheet, col+1+j, header, name); err != nil {
			return trendPivot{}, err
		}
	}
	valCol := t.Columns[colIndex(t, key)]
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(numFmt(valCol.Unit))})
	if err != nil {
		return trendPivot{}, err
	}
	for key, rate := range p.rate {
		if v, ok := number(ExportValue(valCol, rate)); ok { // money in 백만원, as the table's cells
			if err := setNumber(f, sheet, col+1+key[1], header+1+key[0], v, style); err != nil {
				return trendPivot{}, err
			}
		}
	}
	return p, nil
}
