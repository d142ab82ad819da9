package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"axdash/app/model"
)

// CommitInput is one import ready to store: the wave's name, the audit
// record (counts, hash, file) and the valid rows.
type CommitInput struct {
	Wave    string
	Import  model.Import
	Rows    []model.FirmResponse
	Replace bool // swap out the wave's existing responses instead of refusing
	Batch   int  // rows per INSERT; 0 means 500
}

// CommitImport stores an import all-or-nothing: the wave, the import record,
// the firms, the responses and their multi-selects in one transaction. The
// same file (by SHA-256) twice is ErrDuplicateFile; a wave that already holds
// responses is ErrWaveExists unless Replace is set.
func (s *Store) CommitImport(ctx context.Context, in CommitInput) (*model.Import, error) {
	if in.Batch <= 0 {
		in.Batch = 500
	}
	imp := in.Import
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var dup int64
		if err := tx.Model(&model.Import{}).Where("sha256 = ?", imp.SHA256).Count(&dup).Error; err != nil {
			return fmt.Errorf("store: check duplicate file: %w", err)
		}
		if dup > 0 {
			return ErrDuplicateFile
		}
		wave, err := s.waveForCommit(tx, in.Wave, in.Replace)
		if err != nil {
			return err
		}
		imp.WaveID = wave.ID
		imp.Stored = len(in.Rows)
		imp.Status = model.StatusStored
		imp.CreatedAt = time.Now().UTC()
		if err := tx.Create(&imp).Error; err != nil {
			return fmt.Errorf("store: create import record: %w", err)
		}
		return insertRows(tx, wave.ID, imp.ID, in.Rows, in.Batch)
	})
	if err != nil {
		return nil, err
	}
	return &imp, nil
}

// waveForCommit finds or creates the wave, and empties it when replacing.
func (s *Store) waveForCommit(tx *gorm.DB, name string, replace bool) (*model.Wave, error) {
	var w model.Wave
	err := tx.Where("name = ?", name).Take(&w).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		w = model.Wave{Name: name, CreatedAt: time.Now().UTC()}
		if err := tx.Create(&w).Error; err != nil {
			return nil, fmt.Errorf("store: create wave %q: %w", name, err)
		}
		return &w, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: find wave %q: %w", name, err)
	}
	var n int64
	if err := tx.Model(&model.Response{}).Where("wave_id = ?", w.ID).Count(&n).Error; err != nil {
		return nil, fmt.Errorf("store: count wave %q: %w", name, err)
	}
	if n > 0 && !replace {
		return nil, ErrWaveExists
	}
	if n > 0 {
		// Children first: SQLite only cascades when foreign keys are on, and
		// being explicit keeps both dialects identical.
		sub := tx.Model(&model.Response{}).Select("id").Where("wave_id = ?", w.ID)
		for _, t := range []any{&model.ResponseUseArea{}, &model.ResponseBarrier{}} {
			if err := tx.Where("response_id IN (?)", sub).Delete(t).Error; err != nil {
				return nil, fmt.Errorf("store: clear wave %q: %w", name, err)
			}
		}
		if err := tx.Where("wave_id = ?", w.ID).Delete(&model.Response{}).Error; err != nil {
			return nil, fmt.Errorf("store: clear wave %q: %w", name, err)
		}
	}
	return &w, nil
}

func insertRows(tx *gorm.DB, waveID, importID int64, rows []model.FirmResponse, batch int) error {
	firmIDs, err := resolveFirms(tx, rows, batch)
	if err != nil {
		return err
	}
	resps := make([]model.Response, len(rows))
	for i := range rows {
		r := rows[i].Response
		r.ID, r.WaveID, r.ImportID, r.FirmID = 0, waveID, importID, firmIDs[i]
		r.UseAreas, r.Barriers = nil, nil
		resps[i] = r
	}
	if len(resps) > 0 {
		if err := tx.Omit(clause.Associations).CreateInBatches(resps, batch).Error; err != nil {
			return fmt.Errorf("store: insert responses: %w", err)
		}
	}
	var areas []model.ResponseUseArea
	var barriers []model.ResponseBarrier
	for i := range rows {
		for _, a := range rows[i].Response.UseAreas {
			areas = append(areas, model.ResponseUseArea{ResponseID: resps[i].ID, Code: a.Code})
		}
		for _, b := range rows[i].Response.Barriers {
			barriers = append(barriers, model.ResponseBarrier{ResponseID: resps[i].ID, Code: b.Code})
		}
	}
	if len(areas) > 0 {
		if err := tx.CreateInBatches(areas, batch).Error; err != nil {
			return fmt.Errorf("store: insert use areas: %w", err)
		}
	}
	if len(barriers) > 0 {
		if err := tx.CreateInBatches(barriers, batch).Error; err != nil {
			return fmt.Errorf("store: insert barriers: %w", err)
		}
	}
	return nil
}

// resolveFirms returns a firm id per row: an existing firm with the same
// business number, a new one for a number not seen yet, and a new firm for
// every row without a number (nothing else identifies it safely).
func resolveFirms(tx *gorm.DB, rows []model.FirmResponse, batch int) ([]int64, error) {
	byNo := map[string]int64{}
	var nos []string
	for _, r := range rows {
		if r.BusinessNo != "" {
			if _, seen := byNo[r.BusinessNo]; !seen {
				byNo[r.BusinessNo] = 0
				nos = append(nos, r.BusinessNo)
			}
		}
	}
	for start := 0; start < len(nos); start += batch {
		end := min(start+batch, len(nos))
		var found []model.Firm
		if err := tx.Where("business_no IN ?", nos[start:end]).Find(&found).Error; err != nil {
			return nil, fmt.Errorf("store: look up firms: %w", err)
		}
		for _, f := range found {
			byNo[*f.BusinessNo] = f.ID
		}
	}
	var fresh []model.Firm
	var freshFor []int // the row index that each new firm was made for
	for i, r := range rows {
		if r.BusinessNo != "" {
			if byNo[r.BusinessNo] != 0 {
				continue
			}
			no := r.BusinessNo
			byNo[no] = -1 // claimed by this batch
			fresh = append(fresh, model.Firm{BusinessNo: &no, Name: r.Response.FirmName})
		} else {
			fresh = append(fresh, model.Firm{Name: r.Response.FirmName})
		}
		freshFor = append(freshFor, i)
	}
	if len(fresh) > 0 {
		if err := tx.CreateInBatches(fresh, batch).Error; err != nil {
			return nil, fmt.Errorf("store: insert firms: %w", err)
		}
	}
	ids := make([]int64, len(rows))
	for k, i := range freshFor {
		ids[i] = fresh[k].ID
		if fresh[k].BusinessNo != nil {
			byNo[*fresh[k].BusinessNo] = fresh[k].ID
		}
	}
	for i, r := range rows {
		if ids[i] == 0 {
			ids[i] = byNo[r.BusinessNo]
		}
	}
	return ids, nil
}
