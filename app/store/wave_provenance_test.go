package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// TestWaveProvenance: each load records the agency and design note it is
// given, and one without them keeps the wave's; the wave lists read them
// back, and each wave's state names the file its responses came from (a
// replaced file's rows are gone) with its SHA-256 and response count.
func TestWaveProvenance(t *testing.T) {
	loads := []struct {
		wave, agency, note string
		rows               int
		replace            bool
	}{
		{"2025-H2", "기관 갑", "층화 추출", 2, false},
		{"2026-H1", "기관 을", "", 3, false},
		{"2026-H1", "", "전수 조사", 1, true}, // keeps the agency, adds a note
	}
	want := map[string]struct {
		agency, note string
		file         int   // the load whose file the wave's rows are from
		responses    int64 // stored from it
	}{
		"2025-H2": {"기관 갑", "층화 추출", 0, 2},
		"2026-H1": {"기관 을", "전수 조사", 2, 1},
	}
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		var shas []string
		for i, ld := range loads {
			content := []byte{byte(i), 'p'}
			sum := sha256.Sum256(content)
			sha := hex.EncodeToString(sum[:])
			shas = append(shas, sha)
			l, err := s.Surveys.BeginLoad(ctx, store.LoadInput{Wave: ld.wave, Replace: ld.replace,
				Import: model.Import{FileName: ld.wave + ".xlsx", Format: "xlsx", SHA256: sha}})
			if err != nil {
				t.Fatalf("load %d: %v", i, err)
			}
			for range ld.rows {
				if err := l.Add(resp("11", "C", 20, "도입", 1, 1000, 1, 2)); err != nil {
					t.Fatal(err)
				}
			}
			if err := l.Describe(ld.agency, ld.note); err != nil {
				t.Fatal(err)
			}
			if _, err := l.Commit(model.Import{Rows: ld.rows, Valid: ld.rows, Format: "xlsx"}, bytes.NewReader(content)); err != nil {
				t.Fatal(err)
			}
		}
		waves, states := wavesAndStates(t, s, len(want))
		for i, w := range waves {
			wt := want[w.Name]
			if w.Agency != wt.agency || w.Note != wt.note || states[i].Agency != wt.agency || states[i].Note != wt.note {
				t.Errorf("wave %s: agency %q note %q (state %q %q), want %q %q", w.Name, w.Agency, w.Note,
					states[i].Agency, states[i].Note, wt.agency, wt.note)
			}
			want := store.WaveFile{Name: w.Name + ".xlsx", SHA256: shas[wt.file], Responses: wt.responses}
			if got := states[i].Files; len(got) != 1 || got[0] != want {
				t.Errorf("wave %s: files %+v, want %+v", w.Name, got, want)
			}
		}
	})
}

// TestDescribeWave: the admin's edit sets or clears the agency and note,
// refuses text the columns cannot keep, and names a missing wave.
func TestDescribeWave(t *testing.T) {
	cases := []struct {
		name, agency, note string
		missing            bool
		want               error // nil: stored (trimmed)
		invalid            bool
	}{
		{name: "set", agency: " 한국지능정보사회진흥원 ", note: "시도·업종 층화\n목표 1,500개"},
		{name: "clear", agency: "", note: ""},
		{name: "agency too long", agency: strings.Repeat("가", store.MaxAgencyLen+1), invalid: true},
		{name: "note too long", note: strings.Repeat("a", store.MaxNoteLen+1), invalid: true},
		{name: "control in agency", agency: "기관\n이름", invalid: true},
		{name: "control in note", note: "메모\x00", invalid: true},
		{name: "not UTF-8", agency: "\xff", invalid: true},
		{name: "no such wave", agency: "기관", missing: true, want: store.ErrNotFound},
	}
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		loadN(t, s, "2026-H1", strings.Repeat("d", 64), 1, false)
		states, err := s.Surveys.WaveStates(ctx)
		if err != nil || len(states) != 1 {
			t.Fatalf("states %v, %v", states, err)
		}
		id := states[0].ID
		if err := s.Surveys.DescribeWave(ctx, id, "기관 전", "메모 전"); err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				target := id
				if c.missing {
					target = id + 1000
				}
				prev, _ := s.Surveys.WaveStates(ctx)
				err := s.Surveys.DescribeWave(ctx, target, c.agency, c.note)
				switch {
				case c.want != nil && !errors.Is(err, c.want):
					t.Fatalf("err %v, want %v", err, c.want)
				case c.invalid && (err == nil || store.CheckWaveDescription(c.agency, c.note) == nil):
					t.Fatalf("err %v: stored text the check refuses", err)
				case c.want == nil && !c.invalid && err != nil:
					t.Fatal(err)
				}
				got, err := s.Surveys.WaveStates(ctx)
				if err != nil {
					t.Fatal(err)
				}
				wantAgency, wantNote := strings.TrimSpace(c.agency), strings.TrimSpace(c.note)
				if c.invalid || c.missing { // nothing changed
					wantAgency, wantNote = prev[0].Agency, prev[0].Note
				}
				if got[0].Agency != wantAgency || got[0].Note != wantNote {
					t.Errorf("agency %q note %q, want %q %q", got[0].Agency, got[0].Note, wantAgency, wantNote)
				}
			})
		}
	})
}

// TestJobKeepsDescription: an upload's agency and note wait with its job
// for the commit, which hands them to the load.
func TestJobKeepsDescription(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		content := []byte("provenance")
		sum := sha256.Sum256(content)
		job, err := s.Jobs.CreateJob(ctx, store.NewJob{Wave: "2026-H1", FileName: "a.xlsx", Size: int64(len(content)),
			SHA256: hex.EncodeToString(sum[:]), Agency: "기관 갑", Note: "층화 추출"}, bytes.NewReader(content))
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Jobs.Job(ctx, job.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Agency != "기관 갑" || got.Note != "층화 추출" {
			t.Errorf("job agency %q note %q, want 기관 갑, 층화 추출", got.Agency, got.Note)
		}
	})
}
