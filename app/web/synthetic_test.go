package web_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

const syntheticBadge = "합성 자료 — 통계로 인용하지 마십시오"

// TestSyntheticWaves: a demo wave carries its badge on every page that
// shows it and none on a real wave's, is never the real wave's comparison,
// is flagged in the API's wave list, and an admin deletes all demo waves
// at once after typing the confirmation word.
func TestSyntheticWaves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		var rows []model.FirmResponse
		for i := 0; i < 6; i++ {
			rows = append(rows, model.FirmResponse{Response: model.Response{FirmName: "가상", Region: "11", Industry: "C",
				Employees: 12, SizeBand: "10-49", Stage: "도입", Weight: 1}})
		}
		if _, err := s.Surveys.CommitImport(t.Context(), store.CommitInput{Wave: "D1", Rows: rows, Synthetic: true,
			Import: model.Import{FileName: "demo.xlsx", Format: "xlsx", SHA256: "D1"}}); err != nil {
			t.Fatal(err)
		}
		base := authServer(t, s, nil, nil) // adds the real wave W after D1
		pages := []string{"/", "/figures/adoption-by-region", "/regions/11", "/briefing"}
		for _, p := range pages {
			for _, c := range []struct {
				wave  string
				badge bool
			}{{"D1", true}, {"W", false}} {
				res, body := get(t, base+p+"?wave="+c.wave)
				if res.StatusCode != 200 {
					t.Fatalf("GET %s?wave=%s: %d", p, c.wave, res.StatusCode)
				}
				if got := strings.Contains(body, syntheticBadge); got != c.badge {
					t.Errorf("GET %s?wave=%s: badge shown %v, want %v", p, c.wave, got, c.badge)
				}
			}
		}
		if _, body := get(t, base+"/?wave=W"); strings.Contains(body, "비교: D1") {
			t.Error("the real wave W is compared with the demo wave D1")
		}
		// Unless the user asks for it; the choice survives the page's links.
		if _, body := get(t, base+"/?wave=W&compare=D1"); !strings.Contains(body, "비교: D1") || !strings.Contains(body, "compare=D1") {
			t.Error("the user's choice to compare W with D1 is not taken")
		}
		// The trend reads each wave's flag from the store (TrendBy).
		for _, c := range []struct {
			wave string
			demo bool
		}{{"W", false}, {"D1", true}} {
			var trend struct{ Rows [][]any }
			_, body := get(t, base+"/api/v1/figures/adoption-trend?wave="+c.wave)
			if err := json.Unmarshal([]byte(body), &trend); err != nil {
				t.Fatal(err)
			}
			hasDemo := false
			for _, r := range trend.Rows {
				hasDemo = hasDemo || r[0] == "D1"
			}
			if hasDemo != c.demo || len(trend.Rows) == 0 {
				t.Errorf("trend of %s: D1 shown %v, want %v (%d rows)", c.wave, hasDemo, c.demo, len(trend.Rows))
			}
		}
		var api struct {
			Waves []struct {
				Name      string `json:"name"`
				Synthetic bool   `json:"synthetic"`
			} `json:"waves"`
		}
		_, body := get(t, base+"/api/v1/waves")
		if err := json.Unmarshal([]byte(body), &api); err != nil {
			t.Fatal(err)
		}
		if len(api.Waves) != 2 || api.Waves[0].Name != "D1" || !api.Waves[0].Synthetic || api.Waves[1].Synthetic {
			t.Errorf("API waves: %+v, want D1 synthetic then W real", api.Waves)
		}
		admin := loginClient(t, base, "boss", newUser(t, s, "boss", model.RoleAdmin))
		res, err := admin.Get(base + "/admin/waves")
		if err != nil {
			t.Fatal(err)
		}
		if page := readBody(t, res); !strings.Contains(page, `id="delete-demo"`) || !strings.Contains(page, "합성 자료</strong>") {
			t.Error("the admin's waves page neither marks D1 nor offers to delete the demo waves")
		}
		steps := []struct {
			confirm string
			want    int
			has     string
		}{
			{"D1", 400, "합성 자료 삭제"},
			{"합성 자료 삭제", see, ""},
		}
		for _, st := range steps {
			postExpect(t, admin, base, "/admin/waves/demo/delete", url.Values{"confirm": {st.confirm}}, st.want, st.has)
		}
		if states, _ := s.Surveys.WaveStates(t.Context()); len(states) != 1 || states[0].Name != "W" {
			t.Errorf("waves after deleting the demo waves: %+v", states)
		}
		if res, _ := get(t, base+"/?wave=D1"); res.StatusCode != 404 {
			t.Errorf("the deleted demo wave still answers: %d", res.StatusCode)
		}
	})
}
