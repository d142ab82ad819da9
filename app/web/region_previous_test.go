package web_test

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// commitSurveyed stores a wave of n firms in 경남 and 서울, adopted of them
// at 도입, with its survey period starting at start.
func commitSurveyed(t *testing.T, s *store.DB, wave string, start time.Time, n, adopted int) {
	t.Helper()
	ctx := context.Background()
	l, err := s.Surveys.BeginLoad(ctx, store.LoadInput{Wave: wave,
		Import: model.Import{FileName: "t.xlsx", Format: "xlsx", SHA256: wave}})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Rollback()
	if err := l.SetPeriod(model.Period{Start: start, End: start.AddDate(0, 1, 0)}); err != nil {
		t.Fatal(err)
	}
	for _, region := range []string{"48", "11"} {
		for i := range n {
			stage := "미도입"
			if i < adopted {
				stage = "도입"
			}
			r := model.FirmResponse{Response: model.Response{FirmName: fmt.Sprint("기업", i), Region: region, Industry: "C",
				Employees: 12, SizeBand: "10-49", Stage: stage, Weight: 1, Sigungu: "중구"}}
			if err := l.Add(r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := l.Commit(model.Import{FileName: "t.xlsx", Format: "xlsx", SHA256: wave, Rows: 2 * n, Valid: 2 * n}, nil); err != nil {
		t.Fatal(err)
	}
}

// TestRegionPagePreviousWave: the region page and the region briefing set
// each measure against the same 시도 in the previous wave, the wave
// surveyed before (by period, not by name or creation), and say whether
// the change is significant.
func TestRegionPagePreviousWave(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		// Created first and named first, surveyed last.
		commitSurveyed(t, s, "2025-H2", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), 30, 24)
		commitSurveyed(t, s, "2026-H1", time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), 30, 6)
		ts := newServer(t, s, "", nil)
		adoption := regexp.MustCompile(`(?s)<tr><th scope="row">AI 도입률</th>(.*?)</tr>`)
		tests := []struct {
			name, path string
			prev       string // "" for no previous-wave column
			has        []string
		}{
			{"region page, latest wave", "/regions/48", "2026-H1", []string{">20.0%<", "+60.0%p (유의)"}},
			{"region page, first wave", "/regions/48?wave=2026-H1", "", nil},
			{"region briefing", "/briefing?region=48", "2026-H1", []string{">20.0%<", "+60.0%p (유의)"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res, body := get(t, ts.URL+tt.path)
				if res.StatusCode != 200 {
					t.Fatalf("%s = %d", tt.path, res.StatusCode)
				}
				column := "이전 차수(" + tt.prev + ")"
				if got := strings.Contains(body, "이전 차수("); got != (tt.prev != "") || tt.prev != "" && !strings.Contains(body, column) {
					t.Errorf("%s: previous-wave column %t, want %q", tt.path, got, column)
				}
				row := adoption.FindStringSubmatch(body)
				if row == nil {
					t.Fatalf("%s has no AI 도입률 row", tt.path)
				}
				text := regexp.MustCompile(`<span class="sig">|</span>`).ReplaceAllString(html.UnescapeString(row[1]), "")
				for _, want := range tt.has {
					if !strings.Contains(text, want) {
						t.Errorf("%s: AI 도입률 row %q lacks %q", tt.path, text, want)
					}
				}
			})
		}
	})
}
