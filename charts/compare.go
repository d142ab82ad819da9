package charts

import (
	"context"
	"fmt"
	"slices"

	"axdash/app/cube"
	"axdash/app/model"
)

// Comparison bounds: one 시도 is a region page, and more than four side by
// side are as hard to read as a by-region figure.
const (
	MinCompare = 2
	MaxCompare = 4
)

// RegionComparison is 2–4 시도 side by side with 전국 as the reference, every
// table read from the view's source (its estimates, never raw sums), so a
// withheld value is blank with its rule as in every figure.
type RegionComparison struct {
	// Regions are the codes compared, in the order asked.
	Regions []string
	// Measures has one row for 전국 and one per 시도: every headline
	// measure with its interval. Trend has the same columns per wave,
	// oldest first.
	Measures, Trend *Table
	// Choices are the multi-select figures (barriers, use areas) in
	// registry order, one row per population and code.
	Choices []*Table
	// Sentences state only the differences between a 시도 and the rest of
	// the country whose 95% interval excludes zero (cube.Differ).
	Sentences []string
}

// Tables are the comparison's tables in page and export order.
func (rc *RegionComparison) Tables() []*Table {
	return append([]*Table{rc.Measures, rc.Trend}, rc.Choices...)
}

// compareMeasure is every headline measure of a cell (summaryDefs but the
// count), the stage mix after the adoption rate. A withheld cell blanks
// its row; a withheld estimate blanks itself (estimateCells).
func compareMeasure() measure {
	var cols []Column
	var names []string
	for _, d := range summaryDefs() {
		if d.measure == "" {
			continue
		}
		cols, names = append(cols, Column{Key: d.key, Label: d.label, Unit: d.unit}), append(names, d.measure)
		if d.measure != cube.MeasureAdoption {
			continue
		}
		for i, st := range model.Stages {
			cols = append(cols, Column{Key: StageKeys()[i], Label: st, Unit: "%"})
			names = append(names, cube.StageMeasure(st))
		}
	}
	all := estimatesOf(names...)
	return measure{cols: cols, n: count, ests: func(cell model.Cell) []*model.Estimate {
		out := all(cell)
		// The median's estimate has its own home (medianOf).
		out[slices.Index(names, cube.MeasureMedianCost)] = medianOf(cell)
		return out
	}}.laidOut()
}

// CompareRegions sets the regions (codes, 2–4) side by side with 전국
// under the filter's wave, industry and size (its region is ignored).
func (c *Catalogue) CompareRegions(ctx context.Context, src Source, f model.Filter, regions []string) (*RegionComparison, error) {
	if len(regions) < MinCompare || len(regions) > MaxCompare {
		return nil, fmt.Errorf("charts: compare: %d regions, want %d–%d", len(regions), MinCompare, MaxCompare)
	}
	f.Region = ""
	rc := &RegionComparison{Regions: regions}
	var err error
	if rc.Measures, err = c.compareMeasures(ctx, src, f, regions); err != nil {
		return nil, err
	}
	if rc.Trend, err = c.compareTrend(ctx, src, f, regions); err != nil {
		return nil, err
	}
	for _, d := range c.defs {
		if d.choice == "" {
			continue
		}
		t, err := c.compareChoices(ctx, src, f, regions, d)
		if err != nil {
			return nil, err
		}
		rc.Choices = append(rc.Choices, t)
	}
	if rc.Sentences, err = c.compareSentences(ctx, src, f, regions); err != nil {
		return nil, err
	}
	return rc, nil
}

// populations are 전국 (NationCode) and the regions, in that order.
func populations(regions []string) []string { return append([]string{NationCode}, regions...) }

// populationFilter is the filter of a population: 전국 is no region.
func populationFilter(f model.Filter, code string) model.Filter {
	if code != NationCode {
		f.Region = code
	}
	return f
}

func (c *Catalogue) populationName(code string) string {
	if code == NationCode {
		return "전국"
	}
	return c.regions.Name(code)
}

// populationRow is a population's row: its code and name, n and the
// measure's values, blank (n too) where the view withholds them.
func (c *Catalogue) populationRow(code string, cell model.Cell, m measure) ([]any, map[string]Mark) {
	n, vals, marks, _ := c.row(cell, m)
	return append([]any{code, c.populationName(code), n}, vals...), marks
}

func (c *Catalogue) compareColumns(lead ...Column) []Column {
	lead = append(lead, Column{Key: "region", Label: "시도 코드"}, Column{Key: "region_name", Label: "시도"},
		Column{Key: "n", Label: "응답 기업 수", Unit: "개"})
	return append(lead, c.compare.columns()...)
}

func (c *Catalogue) compareMeasures(ctx context.Context, src Source, f model.Filter, regions []string) (*Table, error) {
	t := &Table{Columns: c.compareColumns()}
	m := c.compare
	for _, code := range populations(regions) {
		cell, err := src.CellTotal(ctx, populationFilter(f, code))
		if err != nil {
			return nil, fmt.Errorf("charts: compare %s: %w", code, err)
		}
		row, marks := c.populationRow(code, cell, m)
		t.Rows, t.Marks = append(t.Rows, row), append(t.Marks, marks)
		if code == NationCode {
			t.N, t.NWithheld = cell.N, cell.Hidden
		}
	}
	c.annotate(t, "compare-measures", "시도 비교: 주요 지표", adoptedNote, costNote)
	return t, nil
}

// compareTrend is every headline measure per wave up to the chosen one,
// oldest first, for 전국 and each region; a region without responses in a
// wave has n 0 and no values (자료 없음).
func (c *Catalogue) compareTrend(ctx context.Context, src Source, f model.Filter, regions []string) (*Table, error) {
	cells, err := src.TrendBy(ctx, ByRegion, f)
	if err != nil {
		return nil, fmt.Errorf("charts: compare trend: %w", err)
	}
	waves := trendWaves(cells, f.WaveID)
	nation, err := nationWaves(ctx, src, f, waves)
	if err != nil {
		return nil, fmt.Errorf("charts: compare trend: %w", err)
	}
	m := c.compare
	t := &Table{Columns: c.compareColumns(Column{Key: "wave", Label: "조사 차수"})}
	for _, w := range waves {
		for _, code := range populations(regions) {
			cell, ok := nation[w.id], true
			if code != NationCode {
				i := slices.IndexFunc(w.cells, func(x model.Cell) bool { return x.Key == code })
				if ok = i >= 0; ok {
					cell = w.cells[i]
				}
			}
			row, marks := []any{code, c.populationName(code), 0}, map[string]Mark(nil)
			if ok {
				row, marks = c.populationRow(code, cell, m)
			} else {
				row = append(row, make([]any, m.width())...)
			}
			t.Rows, t.Marks = append(t.Rows, append([]any{Clean(w.name)}, row...)), append(t.Marks, marks)
			if code == NationCode && w.id == f.WaveID {
				t.N, t.NWithheld = cell.N, cell.Hidden
			}
		}
	}
	c.annotate(t, "compare-trend", "시도 비교: 조사 차수별 추이", adoptedNote, costNote,
		"조사 차수는 조사 순서대로 놓으며, 차수마다 다른 기업이 응답했으므로 n을 차수끼리 더하지 않습니다.")
	return t, nil
}

// compareChoices is a multi-select figure built for 전국 and each region
// by its own builder, its rows led by the population.
func (c *Catalogue) compareChoices(ctx context.Context, src Source, f model.Filter, regions []string, d def) (*Table, error) {
	var t *Table
	for _, code := range populations(regions) {
		one, err := c.Build(ctx, src, d.ID, populationFilter(f, code))
		if err != nil {
			return nil, err
		}
		if t == nil {
			t = &Table{Columns: append([]Column{{Key: "region", Label: "시도 코드"}, {Key: "region_name", Label: "시도"}}, one.Columns...),
				N: one.N, NWithheld: one.NWithheld}
		}
		for i, row := range one.Rows {
			t.Rows = append(t.Rows, append([]any{code, c.populationName(code)}, row...))
			t.Marks = append(t.Marks, one.MarksOf(i))
		}
		t.Suppressed += one.Suppressed
	}
	c.annotate(t, "compare-"+d.ID, "시도 비교: "+d.Title, "비율은 시도(전국)마다 그 지역 응답 기업의 가중 비율이며, 복수 응답이라 합이 100%를 넘을 수 있습니다.")
	return t, nil
}

// compareSentences are each region's measures against the nation
// (Catalogue.Compare: tested against the rest of the country) that differ
// significantly; a difference that does not, or cannot be tested, is not
// stated.
func (c *Catalogue) compareSentences(ctx context.Context, src Source, f model.Filter, regions []string) ([]string, error) {
	var out []string
	for _, code := range regions {
		ms, err := c.Compare(ctx, src, f, code)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if m.Differs != nil && *m.Differs {
				out = append(out, Sentence(c.regions.Name(code), "전국 평균", m))
			}
		}
	}
	return out, nil
}

// annotate names a table made outside the registry and gives it the notes
// every figure has: own notes, the weight, interval and disclosure notes,
// the rules' explanations, the suppression count and the source.
func (c *Catalogue) annotate(t *Table, id, title string, own ...string) {
	t.Figure = Figure{ID: id, Title: title}
	t.Notes = append(rateNotes(own...)(c, t), DifferenceNote)
	c.finishNotes(t)
}

// CompareShapes are the comparison's tables as built from no data, for the
// API's document: the code that builds every answer gives their columns.
func (c *Catalogue) CompareShapes(ctx context.Context) ([]Figure, []Shape, error) {
	var regions []string
	for _, r := range c.regions.Regions[:MinCompare] {
		regions = append(regions, r.Code)
	}
	rc, err := c.CompareRegions(ctx, emptySource{}, model.Filter{}, regions)
	if err != nil {
		return nil, nil, fmt.Errorf("charts: shape of the comparison: %w", err)
	}
	var figs []Figure
	var shapes []Shape
	for _, t := range rc.Tables() {
		figs = append(figs, t.Figure)
		shapes = append(shapes, Shape{Columns: t.Columns, Status: colIndex(t, "n") >= 0 && hasValueColumn(t)})
	}
	return figs, shapes, nil
}
