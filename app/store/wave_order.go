package store

import (
	"cmp"
	"slices"
	"time"

	"axdash/app/model"
)

// surveyTime is when a wave was surveyed: the start of its survey period,
// or, without one, when it was created.
func surveyTime(w *model.Wave) time.Time {
	if w.PeriodStart != nil {
		return *w.PeriodStart
	}
	return w.CreatedAt
}

// surveyOrder is the one order of the waves everywhere a wave is compared
// with an earlier one (the previous wave, the trends, an exemplar's
// earlier waves): by survey period where the waves have one, else by
// creation, then by id; never by name ("2025-H2" and "2026 상반기" do not
// sort, and a wave imported late still belongs where it was surveyed).
func surveyOrder(a, b *model.Wave) int {
	if c := surveyTime(a).Compare(surveyTime(b)); c != 0 {
		return c
	}
	if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// sortBySurvey sorts items in survey order by the wave each holds.
func sortBySurvey[T any](items []T, wave func(*T) *model.Wave) {
	slices.SortStableFunc(items, func(a, b T) int { return surveyOrder(wave(&a), wave(&b)) })
}
