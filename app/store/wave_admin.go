package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"

	"axdash/app/model"
)

// ErrWaveNameTaken is a rename to a name another wave has.
var ErrWaveNameTaken = errors.New("another wave has that name")

// CheckWaveName says why a wave name is refused: empty, not UTF-8 text,
// over 64 characters or holding control characters.
func CheckWaveName(name string) error {
	switch {
	case !utf8.ValidString(name):
		return errors.New("조사 차수 이름이 올바른 UTF-8 글자가 아닙니다")
	case strings.TrimSpace(name) == "":
		return errors.New("조사 차수 이름이 비어 있습니다")
	case len([]rune(name)) > 64:
		return errors.New("조사 차수 이름은 64자 이하여야 합니다")
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return errors.New("조사 차수 이름에 제어 문자를 쓸 수 없습니다")
	}
	return nil
}

// RenameWave gives a wave a new name; ErrWaveNameTaken when another wave
// has it, ErrNotFound when the wave is gone.
func (s *Surveys) RenameWave(ctx context.Context, id int64, name string) error {
	name = strings.TrimSpace(name)
	if err := CheckWaveName(name); err != nil {
		return fmt.Errorf("store: rename wave %d: %w", id, err)
	}
	res := s.db.WithContext(ctx).Model(&model.Wave{}).Where("id = ?", id).Update("name", name)
	if errors.Is(res.Error, gorm.ErrDuplicatedKey) {
		return fmt.Errorf("store: rename wave %d to %q: %w", id, name, ErrWaveNameTaken)
	}
	if res.Error != nil {
		return fmt.Errorf("store: unable to rename wave %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: wave %d: %w", id, ErrNotFound)
	}
	return nil
}

// DeletedWave counts what deleting a wave removed.
type DeletedWave struct {
	Name      string
	Responses int64
	Imports   int64
	Files     int64
}

// waveDeletes remove a wave's rows child first, so the order never leans on
// ON DELETE CASCADE (which SQLite honours only with foreign keys on).
func waveDeletes() []string {
	out := append(newFieldTables(model.Fields()).responseDeletes(), "DELETE FROM imports WHERE wave_id = ?")
	for _, t := range cubeTables() {
		out = append(out, "DELETE FROM "+t+" WHERE wave_id = ?")
	}
	return out
}

// DeleteWave removes a wave with its responses, rollups and import records
// in one transaction, and the kept original files that no other import
// uses. Firms stay: they link waves and may answer in others.
func (s *Surveys) DeleteWave(ctx context.Context, id int64) (*DeletedWave, error) {
	var out DeletedWave
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		d, err := deleteWave(tx, id)
		if d != nil {
			out = *d
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteSyntheticWaves removes every wave flagged synthetic (the demo
// waves), each as DeleteWave does, all in one transaction: either the
// database holds no demo data afterwards or nothing changed.
func (s *Surveys) DeleteSyntheticWaves(ctx context.Context) ([]DeletedWave, error) {
	var out []DeletedWave
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		var ids []int64
		if err := tx.Raw("SELECT id FROM waves WHERE synthetic = ? ORDER BY id", true).Scan(&ids).Error; err != nil {
			return fmt.Errorf("store: unable to list synthetic waves: %w", err)
		}
		for _, id := range ids {
			d, err := deleteWave(tx, id)
			if err != nil {
				return err
			}
			out = append(out, *d)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// deleteWave is DeleteWave inside the caller's transaction.
func deleteWave(tx *gorm.DB, id int64) (*DeletedWave, error) {
	var out DeletedWave
	if err := tx.Raw("SELECT name FROM waves WHERE id = ?", id).Scan(&out.Name).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read wave %d: %w", id, err)
	}
	if out.Name == "" {
		return nil, fmt.Errorf("store: wave %d: %w", id, ErrNotFound)
	}
	var shas []string
	if err := tx.Raw("SELECT sha256 FROM imports WHERE wave_id = ?", id).Scan(&shas).Error; err != nil {
		return nil, fmt.Errorf("store: unable to list imports of wave %d: %w", id, err)
	}
	out.Imports = int64(len(shas))
	if err := tx.Raw("SELECT COUNT(*) FROM responses WHERE wave_id = ?", id).Scan(&out.Responses).Error; err != nil {
		return nil, fmt.Errorf("store: unable to count responses of wave %d: %w", id, err)
	}
	for _, q := range append(waveDeletes(), "DELETE FROM waves WHERE id = ?") {
		if err := tx.Exec(q, id).Error; err != nil {
			return nil, fmt.Errorf("store: unable to delete wave %d: %w", id, err)
		}
	}
	if len(shas) == 0 {
		return &out, nil
	}
	// An upload's job keeps its file too (history, the admin's download).
	const unused = "sha256 IN ? AND sha256 NOT IN (SELECT sha256 FROM imports) " +
		"AND sha256 NOT IN (SELECT sha256 FROM import_jobs)"
	if err := tx.Exec("DELETE FROM import_file_chunks WHERE "+unused, shas).Error; err != nil {
		return nil, fmt.Errorf("store: unable to delete kept files of wave %d: %w", id, err)
	}
	res := tx.Exec("DELETE FROM import_files WHERE "+unused, shas)
	if res.Error != nil {
		return nil, fmt.Errorf("store: unable to delete kept files of wave %d: %w", id, res.Error)
	}
	out.Files = res.RowsAffected
	return &out, nil
}
