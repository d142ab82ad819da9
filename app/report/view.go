// Package report is what the web and the CLI say about a view of the
// survey: which wave and filters a request names (Resolve), and the
// briefing's content and workbook. Both call it, so a page, its workbook
// and `axdash export` cannot drift apart.
package report

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/charts"
	"axdash/configs"
)

// Reporter holds what reports are made from: the figure catalogue, the
// survey's code lists, the region table and the source every export names.
type Reporter struct {
	Catalogue *charts.Catalogue
	Survey    *configs.Survey
	Regions   *configs.Regions
	// Source is the survey's citation (figures.source).
	Source string
}

// Query is a view as asked for: a wave name (empty: the newest) and filters
// as written (a region in any spelling).
type Query struct {
	Wave, Region, Industry, Size string
	// Compare names the wave to compare with (empty: the one before,
	// skipping demo waves for a real one); the user's choice may be any
	// earlier wave, a synthetic one too.
	Compare string
	// Highlight names the 시도 a trend highlights, in any spelling,
	// comma-separated ("11,부산,Gyeongnam").
	Highlight []string
	// Regions names the 시도 a comparison sets side by side, in any
	// spelling, comma-separated like Highlight.
	Regions []string
}

// View is a resolved view: the wave, the one before it and the filters as
// codes, checked against the region table, the KSIC sections and the size
// bands.
type View struct {
	Wave  *store.WaveState
	Prev  *store.WaveState // the wave Wave is compared with: the one before it, skipping demo waves for a real one
	Waves []store.WaveState
	// Region, Industry and Size are codes; empty is no filter.
	Region, Industry, Size string
	// Highlight are the region codes a trend highlights, at most
	// charts.MaxHighlight, in the order asked.
	Highlight []string
	// Regions are the region codes a comparison sets side by side, in the
	// order asked; empty unless the query names some.
	Regions []string
	// Internal is the analysts' view: the figures unprotected (the
	// disclosure layer's internal view), every page and file labelled
	// charts.InternalNotice. The zero View is the public one.
	Internal bool
}

// ErrNoWaves is Resolve's answer when nothing has been imported.
var ErrNoWaves = errors.New("report: no waves stored yet")

// UnknownWaveError names a wave that does not exist; it wraps
// store.ErrNotFound.
type UnknownWaveError struct{ Name string }

func (e *UnknownWaveError) Error() string {
	return fmt.Sprintf("조사 차수(wave) %q를 찾을 수 없습니다.", e.Name)
}

func (e *UnknownWaveError) Unwrap() error { return store.ErrNotFound }

// FilterError is a filter value that names nothing; its message, in
// Korean, says which and what is expected.
type FilterError struct{ Message string }

func (e *FilterError) Error() string { return e.Message }

// Resolve turns a query into a view over the stored waves, oldest first in
// survey order (store.WaveStates): the previous wave is the one surveyed
// before, whatever the names.
// The wave is checked before the filters.
func (r *Reporter) Resolve(waves []store.WaveState, q Query) (View, error) {
	v := View{Waves: waves}
	if len(waves) == 0 {
		return v, ErrNoWaves
	}
	idx := len(waves) - 1
	if name := strings.TrimSpace(q.Wave); name != "" {
		idx = slices.IndexFunc(waves, func(w store.WaveState) bool { return w.Name == name })
		if idx < 0 {
			return v, &UnknownWaveError{Name: name}
		}
	}
	v.Wave = &waves[idx]
	v.Prev = comparable(waves[:idx], v.Wave.Synthetic)
	if name := strings.TrimSpace(q.Compare); name != "" {
		j := slices.IndexFunc(waves[:idx], func(w store.WaveState) bool { return w.Name == name })
		if j < 0 {
			return v, &FilterError{"비교할 조사 차수는 보고 있는 차수보다 앞선 차수여야 합니다: compare=" + name}
		}
		v.Prev = &waves[j]
	}
	v.Industry, v.Size = strings.ToUpper(q.Industry), q.Size
	if q.Region != "" {
		code, ok := r.Regions.Lookup(q.Region)
		if !ok {
			return v, &FilterError{"알 수 없는 시도입니다: region=" + q.Region + " (시도 코드, 예: 11, 48)"}
		}
		v.Region = code
	}
	hl, err := r.regionList(q.Highlight, "highlight", "강조할", charts.MaxHighlight)
	if err != nil {
		return v, err
	}
	v.Highlight = hl
	if v.Regions, err = r.regionList(q.Regions, "regions", "비교할", charts.MaxCompare); err != nil {
		return v, err
	}
	if v.Industry != "" && !slices.ContainsFunc(r.Survey.Industries, func(i configs.Industry) bool { return i.Code == v.Industry }) {
		return v, &FilterError{"알 수 없는 업종(KSIC 대분류)입니다: industry=" + v.Industry}
	}
	if v.Size != "" && !slices.Contains(model.SizeBands, v.Size) {
		return v, &FilterError{"알 수 없는 규모 구간입니다: size=" + v.Size}
	}
	return v, nil
}

// regionList resolves the 시도 named by the query parameter param (a trend's
// highlight, a comparison's regions) to codes, each once, at most most;
// empty items are ignored. purpose says in Korean what they are for.
func (r *Reporter) regionList(asked []string, param, purpose string, most int) ([]string, error) {
	var out []string
	for _, a := range asked {
		for _, name := range strings.Split(a, ",") {
			if name = strings.TrimSpace(name); name == "" {
				continue
			}
			code, ok := r.Regions.Lookup(name)
			if !ok {
				return nil, &FilterError{purpose + " 시도를 알 수 없습니다: " + param + "=" + name + " (시도 코드나 이름, 예: 11, 부산)"}
			}
			if !slices.Contains(out, code) {
				out = append(out, code)
			}
		}
	}
	if len(out) > most {
		return nil, &FilterError{fmt.Sprintf("시도는 %d곳까지 %s 수 있습니다: %d곳을 골랐습니다. 몇 곳을 빼 주십시오.", most, purpose, len(out))}
	}
	return out, nil
}

// comparable is the newest of earlier that a wave may be compared with: a
// real wave is never measured against synthetic demo data, while a demo
// wave may be compared with anything before it.
func comparable(earlier []store.WaveState, synthetic bool) *store.WaveState {
	for i := len(earlier) - 1; i >= 0; i-- {
		if synthetic || !earlier[i].Synthetic {
			return &earlier[i]
		}
	}
	return nil
}

// Filter is the store filter for the view.
func (v View) Filter() model.Filter {
	return model.Filter{WaveID: v.Wave.ID, Region: v.Region, Industry: v.Industry, Size: v.Size}
}

// Filters is the view's filters as the API reports them.
func (v View) Filters() map[string]string {
	out := map[string]string{}
	for k, val := range map[string]string{"region": v.Region, "industry": v.Industry, "size": v.Size} {
		if val != "" {
			out[k] = val
		}
	}
	return out
}

// FilterNames are the view's filters in Korean, for captions, titles and
// the exports' filter line.
func (r *Reporter) FilterNames(v View) []string {
	var out []string
	if v.Region != "" {
		out = append(out, r.Regions.Name(v.Region))
	}
	if v.Industry != "" {
		out = append(out, r.Survey.IndustryName(v.Industry))
	}
	if v.Size != "" {
		out = append(out, r.Survey.BandLabel(v.Size))
	}
	return out
}

// Meta is what an export says about the view.
func (r *Reporter) Meta(v View) charts.ExportMeta {
	return charts.ExportMeta{Wave: v.Wave.Name, Filters: r.FilterNames(v), Source: r.Source, Synthetic: v.Wave.Synthetic,
		Internal: v.Internal, Provenance: ProvenanceNote(v.Wave)}
}
