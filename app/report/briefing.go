package report

import (
	"context"
	"io"
	"slices"
	"strings"

	"axdash/charts"
)

// Briefing is the briefing's content for a view, the same on the printed
// page, in its workbook and from `axdash export briefing`.
type Briefing struct {
	Heading string
	Filters string // the filters in Korean, "전체" without any
	// Measures are the key measures against the previous wave and, for a
	// region, against the nation.
	Measures []charts.BriefingMeasure
	// Against names what the sentences compare with: the nation for a
	// region, else the previous wave ("" when there is none).
	Against   string
	Sentences []string
	// Charts are the page's key charts, in slot order.
	Charts []charts.Figure
	Notes  []string
	Meta   charts.ExportMeta
}

// Briefing gathers the briefing's content for the view.
func (r *Reporter) Briefing(ctx context.Context, src charts.Source, v View) (*Briefing, error) {
	var prev int64
	if v.Prev != nil {
		prev = v.Prev.ID
	}
	ms, err := r.Catalogue.BriefingMeasures(ctx, src, v.Filter(), prev)
	if err != nil {
		return nil, err
	}
	b := &Briefing{Meta: r.Meta(v), Measures: ms, Filters: "전체", Charts: r.Catalogue.BriefingCharts(v.Region != ""),
		Notes: slices.Concat(v.Warnings(), r.Catalogue.MethodNotes(), []string{charts.DifferenceNote})}
	if note := ProvenanceNote(v.Wave); note != "" {
		b.Notes = append(b.Notes, note)
	}
	b.Meta.Cautions = v.Warnings()
	b.Heading = charts.BriefingTitle(b.Meta)
	if len(b.Meta.Filters) > 0 {
		b.Filters = strings.Join(b.Meta.Filters, " · ")
	}
	subject := "전국"
	if v.Region != "" {
		subject = r.Regions.Name(v.Region)
	}
	if others := r.FilterNames(View{Industry: v.Industry, Size: v.Size}); len(others) > 0 {
		subject += "(" + strings.Join(others, " · ") + ")"
	}
	switch {
	case v.Region != "":
		b.Against = "전국 평균"
	case v.Prev != nil:
		b.Against = "이전 차수(" + v.Prev.Name + ")"
	}
	for _, m := range ms {
		said := m.Trend
		if m.Nation != nil {
			said = *m.Nation
		}
		b.Sentences = append(b.Sentences, charts.Sentence(subject, b.Against, said))
	}
	return b, nil
}

// WriteWorkbook writes the briefing workbook of the view: a cover sheet
// with the measures, then one sheet per briefing figure with its native
// chart. The web's /briefing.xlsx and `axdash export briefing` both call
// it.
func (r *Reporter) WriteWorkbook(ctx context.Context, w io.Writer, src charts.Source, v View) error {
	b, err := r.Briefing(ctx, src, v)
	if err != nil {
		return err
	}
	var tables []*charts.Table
	for _, fig := range r.Catalogue.BriefingFigures() {
		t, err := r.Figure(ctx, src, fig.ID, v)
		if err != nil {
			return err
		}
		tables = append(tables, t)
	}
	return charts.WriteBriefingXLSX(w, b.Heading, b.Measures, tables, b.Meta)
}
