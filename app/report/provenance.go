package report

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"axdash/app/store"
	"axdash/charts"
)

// ProvenanceNote names where a wave came from, as every figure's notes, its
// exports and the briefing say it: "조사기관: …, 조사기간: 2026-01-01–2026-06-30",
// each part only when recorded; "" when neither is.
func ProvenanceNote(w *store.WaveState) string {
	if w == nil {
		return ""
	}
	var parts []string
	if a := strings.TrimSpace(w.Agency); a != "" {
		parts = append(parts, "조사기관: "+a)
	}
	if w.PeriodStart != nil && w.PeriodEnd != nil {
		parts = append(parts, "조사기간: "+w.PeriodStart.UTC().Format(dateLayout)+"–"+w.PeriodEnd.UTC().Format(dateLayout))
	}
	return strings.Join(parts, ", ")
}

const dateLayout = "2006-01-02"

// SizeRatio is how many times one wave's response count may exceed
// another's before a change between them is flagged: past it, the two
// samples differ in more than size, and a change may be the sample's.
const SizeRatio = 3

// ComparisonWarnings say why a change from wave a to wave b needs care:
// their response counts differ more than SizeRatio times, or both record a
// sample design note and the notes differ. A wave without a note says
// nothing about its design, so it is not warned about.
func ComparisonWarnings(a, b *store.WaveState) []string {
	if a == nil || b == nil {
		return nil
	}
	var out []string
	pair := "두 차수(" + a.Name + ", " + b.Name + ")"
	lo, hi := min(a.Responses, b.Responses), max(a.Responses, b.Responses)
	if lo > 0 && hi > SizeRatio*lo {
		out = append(out, fmt.Sprintf("%s의 응답 수가 %d배 넘게 다릅니다(%s 대 %s): 변화 해석에 주의하십시오.", pair, SizeRatio,
			charts.FormatValue("", float64(a.Responses)), charts.FormatValue("", float64(b.Responses))))
	}
	na, nb := strings.TrimSpace(a.Note), strings.TrimSpace(b.Note)
	if na != "" && nb != "" && na != nb {
		out = append(out, pair+"의 표본 설계가 다릅니다(설계 메모가 서로 다름): 변화 해석에 주의하십시오.")
	}
	return out
}

// Warnings are the view's warnings about setting its wave against the one
// it is compared with (the headlines' and the briefing's change).
func (v View) Warnings() []string {
	return ComparisonWarnings(v.Prev, v.Wave)
}

// Figure builds one figure's table for the view with the notes the view
// adds: the wave's provenance and, for a table by wave (a trend), the
// warnings about each pair of waves it sets side by side. The pages, the
// API, the exports and the briefing workbook all build figures here.
func (r *Reporter) Figure(ctx context.Context, src charts.Source, id string, v View) (*charts.Table, error) {
	t, err := r.Catalogue.Build(ctx, src, id, v.Filter())
	if err != nil {
		return nil, err
	}
	for _, pair := range consecutive(v.Waves, tableWaves(t)) {
		t.Notes = append(t.Notes, ComparisonWarnings(pair[0], pair[1])...)
	}
	if note := ProvenanceNote(v.Wave); note != "" {
		t.Notes = append(t.Notes, note)
	}
	return t, nil
}

// tableWaves are the wave names a table by wave shows (its first column is
// the wave), in table order, each once; nil for any other table.
func tableWaves(t *charts.Table) []string {
	if len(t.Columns) == 0 || t.Columns[0].Key != "wave" {
		return nil
	}
	var out []string
	for _, row := range t.Rows {
		if name, ok := row[0].(string); ok && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// consecutive pairs each named wave with the next, as the stored waves.
func consecutive(waves []store.WaveState, names []string) [][2]*store.WaveState {
	var out [][2]*store.WaveState
	var prev *store.WaveState
	for _, name := range names {
		i := slices.IndexFunc(waves, func(w store.WaveState) bool { return w.Name == name })
		if i < 0 {
			continue
		}
		if prev != nil {
			out = append(out, [2]*store.WaveState{prev, &waves[i]})
		}
		prev = &waves[i]
	}
	return out
}
