package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

func names(firms []model.ExemplarFirm) []string {
	var out []string
	for _, f := range firms {
		out = append(out, f.FirmName)
	}
	slices.Sort(out)
	return out
}

// commitExemplars stores a wave of the firms as exemplars beside one
// response that is none (storetest.ExemplarRows), its file named by the
// wave, and returns the wave.
func commitExemplars(t *testing.T, s *store.DB, wave string, firms ...storetest.Exemplar) *model.Wave {
	t.Helper()
	if _, err := commit(t, s, wave, wave, storetest.ExemplarRows(firms, 1), false); err != nil {
		t.Fatal(err)
	}
	w, err := s.Surveys.WaveByName(context.Background(), wave)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestSearchExemplars(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		wave := commitExemplars(t, s, "W",
			storetest.NewExemplar("가온정밀", "1000000001", "11", "고객응대", "챗봇 상담 도입 후 고객 응대 시간 40% 절감", true),
			storetest.NewExemplar("나래식품", "1000000002", "26", "생산공정", "스마트공장 공정 데이터로 불량률 12% 감소", true),
			storetest.NewExemplar("다온_물류", "1000000003", "26", "재고물류", "AI 수요예측으로 재고 100% 정리", false),
			storetest.NewExemplar("CHATBOT Lab", "1000000004", "11", "고객응대", "", true))
		for _, tt := range []struct {
			name string
			q    model.ExemplarQuery
			want []string
		}{
			{"korean substring of the case text", model.ExemplarQuery{Search: "챗봇"}, []string{"가온정밀"}},
			{"inside a word", model.ExemplarQuery{Search: "마트공"}, []string{"나래식품"}},
			{"the name", model.ExemplarQuery{Search: "나래"}, []string{"나래식품"}},
			{"case-insensitive latin", model.ExemplarQuery{Search: "chatbot"}, []string{"CHATBOT Lab"}},
			{"% is literal", model.ExemplarQuery{Search: "100%"}, []string{"다온_물류"}},
			{"% is no wildcard", model.ExemplarQuery{Search: "40%절"}, nil},
			{"_ is literal", model.ExemplarQuery{Search: "_"}, []string{"다온_물류"}},
			{"_ is no wildcard", model.ExemplarQuery{Search: "다온_물"}, []string{"다온_물류"}},
			{"_ matches no other character", model.ExemplarQuery{Search: "가_정"}, nil},
			{"backslash is literal", model.ExemplarQuery{Search: `\%`}, nil}, // not an escaped %, which "100%" would match
			{"region", model.ExemplarQuery{Filter: model.Filter{Region: "26"}}, []string{"나래식품", "다온_물류"}},
			{"use area", model.ExemplarQuery{UseArea: "고객응대"}, []string{"CHATBOT Lab", "가온정밀"}},
			{"use area and search", model.ExemplarQuery{UseArea: "고객응대", Search: "lab"}, []string{"CHATBOT Lab"}},
			{"industry", model.ExemplarQuery{Filter: model.Filter{Industry: "J"}}, nil},
			{"size", model.ExemplarQuery{Filter: model.Filter{Size: "10-49"}, Search: "식품"}, []string{"나래식품"}},
			{"public: consenting only", model.ExemplarQuery{Filter: model.Filter{Region: "26"}, Consented: true}, []string{"나래식품"}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				tt.q.Filter.WaveID, tt.q.Limit = wave.ID, 10
				firms, total, err := s.Surveys.SearchExemplars(ctx, tt.q)
				if err != nil {
					t.Fatal(err)
				}
				if got := names(firms); !slices.Equal(got, tt.want) || total != len(tt.want) {
					t.Errorf("%+v = %q (total %d), want %q", tt.q, got, total, tt.want)
				}
			})
		}
	})
}

// TestExemplarsEarlierWave: a firm is marked when its business number was
// an exemplar in a wave surveyed before, by period rather than by name or
// creation, and for the public only when it agreed to publish that case.
func TestExemplarsEarlierWave(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		// Created first, surveyed last.
		commitExemplars(t, s, "A-later",
			storetest.NewExemplar("가온", "1000000001", "11", "고객응대", "", true),
			storetest.NewExemplar("나래", "1000000002", "11", "고객응대", "", true),
			storetest.NewExemplar("다온", "1000000003", "11", "고객응대", "", true),
			storetest.NewExemplar("라온", "", "11", "고객응대", "", true))
		commitExemplars(t, s, "B-earlier",
			storetest.NewExemplar("가온 옛이름", "1000000001", "11", "고객응대", "", true),
			storetest.NewExemplar("나래", "1000000002", "11", "고객응대", "", false),
			storetest.NewExemplar("라온", "", "11", "고객응대", "", true))
		db := store.DBForTest(s)
		for name, start := range map[string]time.Time{"A-later": time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
			"B-earlier": time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)} {
			if err := db.Exec("UPDATE waves SET period_start = ? WHERE name = ?", start, name).Error; err != nil {
				t.Fatal(err)
			}
		}
		for _, tt := range []struct {
			wave      string
			consented bool
			want      []string
		}{
			{"A-later", false, []string{"가온", "나래"}},
			{"A-later", true, []string{"가온"}},
			{"B-earlier", false, nil},
		} {
			w, err := s.Surveys.WaveByName(ctx, tt.wave)
			if err != nil {
				t.Fatal(err)
			}
			firms, _, err := s.Surveys.SearchExemplars(ctx, model.ExemplarQuery{Filter: model.Filter{WaveID: w.ID},
				Limit: 10, Consented: tt.consented})
			if err != nil {
				t.Fatal(err)
			}
			var marked []string
			for _, f := range firms {
				if f.Earlier {
					marked = append(marked, f.FirmName)
				}
			}
			if slices.Sort(marked); !slices.Equal(marked, tt.want) {
				t.Errorf("%s (public %t): marked %q, want %q", tt.wave, tt.consented, marked, tt.want)
			}
		}
	})
}
