package store

import (
	"context"
	"fmt"
	"strings"

	"axdash/app/model"
)

type exemplarRow struct {
	ID               int64
	FirmName         string
	BusinessNo       *string
	Region           string
	Sigungu          string
	Industry         string
	SizeBand         string
	Stage            string
	ProductivityGain *float64
	ExemplarNote     string
	ExemplarConsent  bool
}

// exemplarOrder lists the highest productivity gain first, unknown gains
// last, then by name so that pages are stable.
const exemplarOrder = " ORDER BY CASE WHEN r.productivity_gain IS NULL THEN 1 ELSE 0 END, r.productivity_gain DESC, r.firm_name, r.id"

// ExemplarFirms lists the wave's exemplar firms, highest productivity gain
// first, at most limit of them, with their use areas.
func (s *Surveys) ExemplarFirms(ctx context.Context, f model.Filter, limit int) ([]model.ExemplarFirm, error) {
	cond, args := s.exemplarWhere(model.ExemplarQuery{Filter: f})
	return s.exemplarPage(ctx, cond, args, limit, 0)
}

// SearchExemplars lists one page of the exemplar firms matching the query
// and the number of matches in all, each marked when the firm was an
// exemplar in an earlier wave. The search is a case-insensitive substring
// of the firm name or the case text, with LIKE's wildcards escaped.
func (s *Surveys) SearchExemplars(ctx context.Context, eq model.ExemplarQuery) ([]model.ExemplarFirm, int, error) {
	cond, args := s.exemplarWhere(eq)
	var total int64
	if err := s.db.WithContext(ctx).Raw("SELECT COUNT(*) FROM responses r WHERE "+cond, args...).Scan(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("store: unable to count the exemplar firms: %w", err)
	}
	firms, err := s.exemplarPage(ctx, cond, args, eq.Limit, eq.Offset)
	if err != nil {
		return nil, 0, err
	}
	if err := s.markEarlier(ctx, eq, firms); err != nil {
		return nil, 0, err
	}
	return firms, int(total), nil
}

func (s *Surveys) exemplarWhere(eq model.ExemplarQuery) (string, []any) {
	cond, args := where(eq.Filter)
	// A literal, not a bound value: the partial indexes responses_exemplar_rank
	// and responses_exemplar_search (WHERE exemplar = TRUE) are only usable
	// when the planner can see it.
	cond += " AND r.exemplar = TRUE"
	if eq.Consented {
		cond += " AND r.exemplar_consent = TRUE"
	}
	if eq.UseArea != "" {
		cond += " AND EXISTS (SELECT 1 FROM response_use_areas ua WHERE ua.response_id = r.id AND ua.code = ?)"
		args = append(args, eq.UseArea)
	}
	if term := strings.TrimSpace(eq.Search); term != "" {
		c, pattern := s.searchMatch(term)
		cond += " AND " + c
		args = append(args, pattern, pattern)
	}
	return cond, args
}

// searchMatch is the search condition over the firm name and the case
// text, with its pattern (bound twice). PostgreSQL's ILIKE is what the
// trigram index of migration 0180 serves; SQLite compares lower-cased text
// (its LOWER and LIKE fold ASCII only, and Korean has no case).
func (s *Surveys) searchMatch(term string) (string, string) {
	if s.dialect == DialectPostgres {
		return `(r.firm_name ILIKE ? ESCAPE '\' OR r.exemplar_note ILIKE ? ESCAPE '\')`, "%" + escapeLike(term) + "%"
	}
	return `(LOWER(r.firm_name) LIKE ? ESCAPE '\' OR LOWER(r.exemplar_note) LIKE ? ESCAPE '\')`,
		"%" + escapeLike(strings.ToLower(term)) + "%"
}

// exemplarPage reads one page of the exemplars under cond, with use areas.
func (s *Surveys) exemplarPage(ctx context.Context, cond string, args []any, limit, offset int) ([]model.ExemplarFirm, error) {
	q := "SELECT r.id, r.firm_name, fm.business_no, r.region, r.sigungu, r.industry, r.size_band, r.stage, " +
		"r.productivity_gain, r.exemplar_note, r.exemplar_consent FROM responses r JOIN firms fm ON fm.id = r.firm_id " +
		"WHERE " + cond + exemplarOrder + " LIMIT ? OFFSET ?"
	var rows []exemplarRow
	if err := s.db.WithContext(ctx).Raw(q, append(args, limit, max(offset, 0))...).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read the exemplar firms: %w", err)
	}
	areas, err := s.useAreasOf(ctx, rows)
	if err != nil {
		return nil, err
	}
	out := make([]model.ExemplarFirm, len(rows))
	for i, r := range rows {
		out[i] = model.ExemplarFirm{
			FirmName: r.FirmName, Region: r.Region, Sigungu: r.Sigungu, Industry: r.Industry, SizeBand: r.SizeBand,
			Stage: r.Stage, UseAreas: areas[r.ID], ProductivityGain: r.ProductivityGain, Note: r.ExemplarNote,
			Consent: r.ExemplarConsent,
		}
		if r.BusinessNo != nil {
			out[i].BusinessNo = *r.BusinessNo
		}
	}
	return out, nil
}

// escapeLike makes a search term match literally inside LIKE ... ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func (s *Surveys) useAreasOf(ctx context.Context, rows []exemplarRow) (map[int64][]string, error) {
	out := make(map[int64][]string, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var areas []model.ResponseUseArea
	if err := s.db.WithContext(ctx).Where("response_id IN ?", ids).Order("response_id, code").Find(&areas).Error; err != nil {
		return nil, fmt.Errorf("store: exemplar use areas: %w", err)
	}
	for _, a := range areas {
		out[a.ResponseID] = append(out[a.ResponseID], a.Code)
	}
	return out, nil
}

// where turns a filter into a WHERE clause over responses r. Only constant
// fragments become SQL; every value is a bound argument.
func where(f model.Filter) (string, []any) {
	parts := []string{"r.wave_id = ?"}
	args := []any{f.WaveID}
	for _, c := range []struct{ col, val string }{
		{"r.region", f.Region}, {"r.industry", f.Industry}, {"r.size_band", f.Size},
	} {
		if c.val != "" {
			parts = append(parts, c.col+" = ?")
			args = append(args, c.val)
		}
	}
	return strings.Join(parts, " AND "), args
}
