package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"axdash/app/model"
)

// Longest agency and design note a wave keeps (the columns' sizes, in
// characters).
const (
	MaxAgencyLen = 255
	MaxNoteLen   = 2000
)

// CheckWaveDescription says why a wave's agency or design note is refused:
// not UTF-8 text, too long, or holding control characters (the note may
// hold line breaks and tabs).
func CheckWaveDescription(agency, note string) error {
	switch {
	case !utf8.ValidString(agency) || !utf8.ValidString(note):
		return errors.New("조사기관과 표본 설계 메모는 올바른 UTF-8 글자여야 합니다")
	case utf8.RuneCountInString(agency) > MaxAgencyLen:
		return fmt.Errorf("조사기관은 %d자 이하여야 합니다", MaxAgencyLen)
	case utf8.RuneCountInString(note) > MaxNoteLen:
		return fmt.Errorf("표본 설계 메모는 %d자 이하여야 합니다", MaxNoteLen)
	case strings.IndexFunc(agency, unicode.IsControl) >= 0:
		return errors.New("조사기관에 제어 문자를 쓸 수 없습니다")
	case strings.IndexFunc(note, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) >= 0:
		return errors.New("표본 설계 메모에 줄바꿈과 탭 말고 제어 문자를 쓸 수 없습니다")
	}
	return nil
}

// Describe records the wave's agency and design note with the load; an
// empty one keeps what the wave has, as an import without --period keeps
// the wave's period.
func (l *Load) Describe(agency, note string) error {
	if err := l.usable(); err != nil {
		return err
	}
	agency, note = strings.TrimSpace(agency), strings.TrimSpace(note)
	if err := CheckWaveDescription(agency, note); err != nil {
		err = fmt.Errorf("store: unable to describe wave: %w", err)
		l.fail(err)
		return err
	}
	for _, c := range []struct{ col, val string }{{"agency", agency}, {"design_note", note}} {
		if c.val == "" {
			continue
		}
		if err := l.tx.exec(l.ctx, "UPDATE waves SET "+c.col+" = ? WHERE id = ?", c.val, l.imp.WaveID); err != nil {
			err = fmt.Errorf("store: unable to describe wave: %w", err)
			l.fail(err)
			return err
		}
	}
	return nil
}

// DescribeWave sets a wave's agency and design note (an empty one clears
// it); ErrNotFound when the wave is gone.
func (s *Surveys) DescribeWave(ctx context.Context, id int64, agency, note string) error {
	agency, note = strings.TrimSpace(agency), strings.TrimSpace(note)
	if err := CheckWaveDescription(agency, note); err != nil {
		return fmt.Errorf("store: unable to describe wave %d: %w", id, err)
	}
	res := s.db.WithContext(ctx).Model(&model.Wave{}).Where("id = ?", id).
		Updates(map[string]any{"agency": agency, "design_note": note})
	if res.Error != nil {
		return fmt.Errorf("store: unable to describe wave %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: wave %d: %w", id, ErrNotFound)
	}
	return nil
}
