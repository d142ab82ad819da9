package store_test

import (
	"bytes"
	"context"
	"testing"

	"axdash/app/cube"
	"axdash/app/disclosure"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// keyedRows are n responses in one cell, the first half exemplars and the
// even ones of those consenting to publication.
func keyedRows(n int) []model.FirmResponse {
	var rows []model.FirmResponse
	for i := range n {
		rows = append(rows, model.FirmResponse{Response: model.Response{FirmName: "기업", Region: "11", Industry: "C",
			Employees: 12, SizeBand: "10-49", Stage: "도입", Weight: 1, Exemplar: i < n/2, ExemplarConsent: i < n/2 && i%2 == 0}})
	}
	return rows
}

// storedKeys are the wave's record keys in response id order and their
// cube's national key sum.
func storedKeys(t *testing.T, s *store.DB) ([]int, int64) {
	t.Helper()
	var keys []int
	if err := store.DBForTest(s).Raw("SELECT record_key FROM responses ORDER BY id").Scan(&keys).Error; err != nil {
		t.Fatal(err)
	}
	var sum int64
	for c := range cubes(t, s).Waves()[0].Cells() {
		if c.Key == (cube.Key{Region: cube.All, Industry: cube.All, Size: cube.All}) {
			sum = c.Sums.Keys
		}
	}
	return keys, sum
}

// A load gives every row the next record key of its source, in arrival
// order (four bytes each, little-endian, the top bit masked off), and the
// cube adds them up; migration 0140's step gives rows stored without keys
// random ones of 31 bits and rebuilds the cube to match.
func TestRecordKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		// A byte 255 at a key's top: its key must lose the sign bit.
		source := bytes.Repeat([]byte{7, 200, 31, 0, 255}, 2000) // a source runs a block at a time
		s.Surveys.SetRecordKeySource(bytes.NewReader(source))
		if _, err := s.Surveys.CommitImport(context.Background(), store.CommitInput{Wave: "W", Rows: keyedRows(40),
			Import: model.Import{FileName: "t.xlsx", Format: "xlsx", SHA256: "W"}}); err != nil {
			t.Fatal(err)
		}
		keys, sum := storedKeys(t, s)
		var want int64
		for i, k := range keys {
			b := source[4*i : 4*i+4]
			w := int(b[0]) | int(b[1])<<8 | int(b[2])<<16 | int(b[3]&0x7f)<<24
			if k != w {
				t.Fatalf("response %d has key %d, want the source's %d", i, k, w)
			}
			want += int64(k)
		}
		if sum != want {
			t.Fatalf("cube's key sum %d, want %d", sum, want)
		}
		if err := store.DBForTest(s).Exec("UPDATE responses SET record_key = 0").Error; err != nil {
			t.Fatal(err)
		}
		if err := store.KeyAllResponsesForTest(s, context.Background()); err != nil {
			t.Fatal(err)
		}
		keys, sum = storedKeys(t, s)
		distinct, total, wide := map[int]bool{}, int64(0), 0
		for _, k := range keys {
			if k < 0 || k >= disclosure.KeyRange {
				t.Fatalf("key %d out of [0, 2³¹)", k)
			}
			if k >= 1<<24 { // all 40 below 2²⁴ by chance: 2⁻²⁸⁰
				wide++
			}
			distinct[k], total = true, total+int64(k)
		}
		if len(distinct) < 30 || wide == 0 || sum != total {
			t.Errorf("after the migration: %d distinct keys of 40, %d of 2²⁴ or more, cube's sum %d, keys' %d",
				len(distinct), wide, sum, total)
		}
	})
}

// The public exemplar list is the consenting firms only.
func TestExemplarsConsented(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		if _, err := s.Surveys.CommitImport(context.Background(), store.CommitInput{Wave: "W", Rows: keyedRows(8),
			Import: model.Import{FileName: "t.xlsx", Format: "xlsx", SHA256: "W"}}); err != nil {
			t.Fatal(err)
		}
		f := model.Filter{WaveID: cubes(t, s).Waves()[0].ID}
		for _, tt := range []struct {
			consented bool
			want      int
		}{{false, 4}, {true, 2}} {
			firms, total, err := s.Surveys.SearchExemplars(context.Background(), model.ExemplarQuery{Filter: f, Limit: 10, Consented: tt.consented})
			if err != nil {
				t.Fatal(err)
			}
			for _, fm := range firms {
				if tt.consented && !fm.Consent {
					t.Errorf("%+v listed without consent", fm)
				}
			}
			if len(firms) != tt.want || total != tt.want {
				t.Errorf("consented only %t: %d firms (total %d), want %d", tt.consented, len(firms), total, tt.want)
			}
		}
	})
}
