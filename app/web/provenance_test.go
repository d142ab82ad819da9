package web_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// TestWaveProvenance: an admin records a wave's agency and design note on
// the waves page; /api/v1/waves gives them with the files and counts; the
// figures' notes, their CSV and the briefing name the agency at once (no
// cached page keeps the old text); and setting the wave against one three
// times smaller or of another design warns on the headlines, the trend and
// the briefing, never for the first wave.
func TestWaveProvenance(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		var rows []model.FirmResponse
		for range 20 {
			rows = append(rows, model.FirmResponse{Response: model.Response{FirmName: "기업", Region: "11", Industry: "C",
				Employees: 12, SizeBand: "10-49", Stage: "도입", Weight: 1}})
		}
		if _, err := commitRows(s, "A", rows); err != nil {
			t.Fatal(err)
		}
		base := authServer(t, s, nil, nil) // adds W, 6 responses, after A
		waves, err := s.Surveys.Waves(t.Context())
		if err != nil || len(waves) != 2 {
			t.Fatalf("waves %+v, %v", waves, err)
		}
		ids := map[string]string{}
		for _, w := range waves {
			ids[w.Name] = itoa(int(w.ID))
		}
		const note = "조사기관: 기관 갑"
		figure := "/api/v1/figures/adoption-by-region"
		if _, body := get(t, base+figure); strings.Contains(body, note) {
			t.Fatal("a note names an agency before one is recorded")
		}
		admin := loginClient(t, base, "boss", newUser(t, s, "boss", model.RoleAdmin))
		steps := []struct {
			wave         string
			agency, note string
			want         int
			has          string
		}{
			{"W", "기관\x01갑", "", 400, "제어 문자"},
			{"W", "기관 갑", strings.Repeat("가", store.MaxNoteLen+1), 400, "2000자"},
			{"W", " 기관 갑 ", "층화 추출", see, ""},
			{"A", "", "전수 조사", see, ""},
		}
		for _, st := range steps {
			postExpect(t, admin, base, "/admin/waves/"+ids[st.wave]+"/describe",
				url.Values{"agency": {st.agency}, "note": {st.note}}, st.want, st.has)
		}
		res, err := admin.Get(base + "/admin/waves")
		if err != nil {
			t.Fatal(err)
		}
		if page := readBody(t, res); !strings.Contains(page, `value="기관 갑"`) || !strings.Contains(page, ">층화 추출</textarea>") {
			t.Error("the waves page does not show the recorded agency and note")
		}

		var api struct {
			Waves []struct {
				Name, Agency, Note string
				Responses          int64
				Synthetic          bool
				Files              []store.WaveFile
			}
		}
		_, body := get(t, base+"/api/v1/waves")
		if err := json.Unmarshal([]byte(body), &api); err != nil {
			t.Fatal(err)
		}
		wantAPI := []struct {
			name, agency, note string
			n                  int64
		}{{"A", "", "전수 조사", 20}, {"W", "기관 갑", "층화 추출", 6}}
		if len(api.Waves) != len(wantAPI) {
			t.Fatalf("API waves %+v", api.Waves)
		}
		for i, w := range wantAPI {
			got := api.Waves[i]
			if got.Name != w.name || got.Agency != w.agency || got.Note != w.note || got.Responses != w.n ||
				len(got.Files) != 1 || got.Files[0].SHA256 != w.name || got.Files[0].Responses != w.n || got.Files[0].Name != "t.xlsx" {
				t.Errorf("API wave %d: %+v, want %+v with its file", i, got, w)
			}
		}

		const size = "두 차수(A, W)의 응답 수가 3배 넘게 다릅니다(20 대 6)"
		const design = "두 차수(A, W)의 표본 설계가 다릅니다"
		pages := []struct {
			path      string
			has       []string
			hasNot    []string
			whatIsNot string
		}{
			{path: figure, has: []string{note}},
			{path: figure + ".csv", has: []string{note}},
			{path: "/api/v1/figures/adoption-trend", has: []string{note, size, design}},
			{path: "/", has: []string{size, design, note}},
			{path: "/briefing", has: []string{size, design, note}},
			{path: "/?wave=A", hasNot: []string{size, design, note}},
			{path: "/api/v1/figures/adoption-trend?wave=A", hasNot: []string{size, design}},
		}
		// The briefing workbook's cover carries the warnings (its change
		// column), its sheets the provenance.
		if cover := workbookText(t, base+"/briefing.xlsx"); !strings.Contains(cover, size) || !strings.Contains(cover, note) {
			t.Errorf("the briefing workbook lacks the warning or the provenance: %.300s", cover)
		}
		for _, p := range pages {
			res, body := get(t, base+p.path)
			if res.StatusCode != 200 {
				t.Fatalf("GET %s: %d", p.path, res.StatusCode)
			}
			for _, h := range p.has {
				if !strings.Contains(body, h) {
					t.Errorf("GET %s does not say %q", p.path, h)
				}
			}
			for _, h := range p.hasNot {
				if strings.Contains(body, h) {
					t.Errorf("GET %s says %q", p.path, h)
				}
			}
		}
	})
}

// workbookText is every cell of the workbook at url, sheet after sheet.
func workbookText(t *testing.T, url string) string {
	t.Helper()
	_, body := get(t, url)
	x, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	var out strings.Builder
	for _, sheet := range x.GetSheetList() {
		rows, err := x.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			out.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return out.String()
}
