package web_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/charts"
)

// directoryServer serves two waves: in W1 가온정밀 (agreed) and 다온기계
// (did not) were exemplars; in W2 the directory's firms.
func directoryServer(t *testing.T, s *store.DB) (string, *http.Client) {
	t.Helper()
	for _, w := range []struct {
		name  string
		firms []storetest.Exemplar
	}{
		{"W1", []storetest.Exemplar{storetest.NewExemplar("가온정밀", "1000000001", "11", "고객응대", "", true),
			storetest.NewExemplar("다온기계", "1000000003", "11", "고객응대", "", false)}},
		{"W2", []storetest.Exemplar{
			storetest.NewExemplar("가온정밀", "1000000001", "11", "고객응대", "챗봇 상담 도입 후 고객 응대 시간 40% 절감", true),
			storetest.NewExemplar("나래식품", "1000000002", "26", "생산공정", "스마트공장 공정 데이터로 불량률 12% 감소", true),
			storetest.NewExemplar("다온기계", "1000000003", "11", "고객응대", "챗봇으로 주문 접수 자동화", false)}},
	} {
		if _, err := commitRows(s, w.name, storetest.ExemplarRows(w.firms, 10)); err != nil {
			t.Fatal(err)
		}
	}
	ts := newServer(t, s, "", nil) // no wave of its own: the two above
	return ts.URL, loginClient(t, ts.URL, "kim.analyst", newUser(t, s, "kim.analyst", model.RoleAnalyst))
}

// directoryCSV downloads path and returns its notice lines and its table
// (header first).
func directoryCSV(t *testing.T, c *http.Client, base, path string, public bool) (notices []string, table [][]string) {
	t.Helper()
	body := fetchView(t, c, base, path, public)
	for _, no := range []string{"1000000001", "1000000002", "1000000003", "10000-", "100-00-"} {
		if bytes.Contains(body, []byte(no)) {
			t.Errorf("%s holds a business number (%s)", path, no)
		}
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for len(recs) > 0 && recs[0][0] != "기업명" {
		notices, recs = append(notices, recs[0][0]), recs[1:]
	}
	return notices, recs
}

// TestExemplarDirectoryDownload: the CSV holds the list under the page's
// search and filters, the published fields only (no business number or
// contact), for the public only the consenting firms, for analysts every
// exemplar under the internal label, and the earlier-wave mark.
func TestExemplarDirectoryDownload(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		base, analyst := directoryServer(t, s)
		for _, tt := range []struct {
			query    string
			internal bool
			want     []string // firm names, in list order
			earlier  []string
		}{
			{"", false, []string{"가온정밀", "나래식품"}, []string{"가온정밀"}},
			{"", true, []string{"가온정밀", "나래식품", "다온기계"}, []string{"가온정밀", "다온기계"}},
			{"q=%EC%B1%97%EB%B4%87", false, []string{"가온정밀"}, []string{"가온정밀"}}, // 챗봇
			{"q=%EC%B1%97%EB%B4%87", true, []string{"가온정밀", "다온기계"}, []string{"가온정밀", "다온기계"}},
			{"q=40%25", false, []string{"가온정밀"}, []string{"가온정밀"}},
			{"q=4_%25", false, nil, nil}, // _ is no wildcard
			{"use_area=%EC%83%9D%EC%82%B0%EA%B3%B5%EC%A0%95", false, []string{"나래식품"}, nil}, // 생산공정
			{"region=26", false, []string{"나래식품"}, nil},
			{"industry=J", true, nil, nil},
		} {
			c := newClient(t)
			if tt.internal {
				c = analyst
			}
			notices, table := directoryCSV(t, c, base, "/exemplars.csv?wave=W2&"+tt.query, !tt.internal)
			if labelled := slices.Contains(notices, charts.InternalNotice); labelled != tt.internal {
				t.Errorf("%s (internal %t): notices %q", tt.query, tt.internal, notices)
			}
			header := table[0]
			if !slices.Contains(header, "우수사례 내용") || header[len(header)-1] != charts.EarlierExemplar {
				t.Errorf("header %q lacks the case text or ends not with the mark", header)
			}
			for _, h := range header {
				if strings.Contains(h, "사업자") || strings.Contains(h, "연락") || strings.Contains(h, "담당") {
					t.Errorf("header %q has a field no firm agreed to publish: %q", header, h)
				}
			}
			var got, marked []string
			for _, r := range table[1:] {
				got = append(got, r[0])
				if r[len(r)-1] != "" {
					marked = append(marked, r[0])
				}
			}
			if !slices.Equal(got, tt.want) || !slices.Equal(marked, tt.earlier) {
				t.Errorf("%s (internal %t): firms %q marked %q, want %q marked %q", tt.query, tt.internal, got, marked, tt.want, tt.earlier)
			}
		}
	})
}

// TestExemplarDirectoryXLSX: the workbook is the CSV's list, the internal
// label in A1 for analysts only, and no business number anywhere.
func TestExemplarDirectoryXLSX(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		base, analyst := directoryServer(t, s)
		for _, internal := range []bool{false, true} {
			c := newClient(t)
			if internal {
				c = analyst
			}
			x, err := excelize.OpenReader(bytes.NewReader(fetchView(t, c, base, "/exemplars.xlsx?wave=W2&q=%EC%B1%97%EB%B4%87", !internal)))
			if err != nil {
				t.Fatal(err)
			}
			rows, err := x.GetRows(x.GetSheetList()[0])
			x.Close()
			if err != nil {
				t.Fatal(err)
			}
			if labelled := rows[0][0] == charts.InternalNotice; labelled != internal {
				t.Errorf("internal %t: A1 %q", internal, rows[0][0])
			}
			var names []string
			header := false
			for _, r := range rows {
				if strings.Contains(strings.Join(r, "|"), "100000000") {
					t.Errorf("internal %t: row %q holds a business number", internal, r)
				}
				if len(r) > 0 && header {
					names = append(names, r[0])
				}
				header = header || len(r) > 0 && r[0] == "기업명"
			}
			want := map[bool][]string{false: {"가온정밀"}, true: {"가온정밀", "다온기계"}}[internal]
			if !slices.Equal(names, want) {
				t.Errorf("internal %t: firms %q, want %q", internal, names, want)
			}
		}
	})
}

// TestExemplarDirectoryPage: the page finds a case text, marks an earlier
// exemplar, links the downloads with its search and filters, and refuses
// an unknown use area in Korean.
func TestExemplarDirectoryPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		base, _ := directoryServer(t, s)
		for _, tt := range []struct {
			path   string
			status int
			has    []string
		}{
			{"/exemplars?wave=W2&q=%EC%B1%97%EB%B4%87", 200, []string{"가온정밀 <span class=\"mark-earlier\">" + charts.EarlierExemplar,
				"1개 기업", `href="/exemplars.csv?q=%EC%B1%97%EB%B4%87&amp;wave=W2"`}},
			{"/exemplars?wave=W2&use_area=%EC%83%9D%EC%82%B0%EA%B3%B5%EC%A0%95", 200, []string{"나래식품", "1개 기업",
				`<option value="생산공정" selected>`}},
			{"/exemplars?wave=W2&use_area=nope", 400, []string{"알 수 없는 AI 활용분야"}},
		} {
			res, body := get(t, base+tt.path)
			if res.StatusCode != tt.status {
				t.Errorf("GET %s = %d, want %d", tt.path, res.StatusCode, tt.status)
			}
			for _, want := range tt.has {
				if !strings.Contains(body, want) {
					t.Errorf("GET %s lacks %q", tt.path, want)
				}
			}
		}
	})
}

// TestExemplarDirectoryBare: under a filter whose cell the public may not
// see (부산, three firms, with the disclosure control as shipped) the
// download names a consenting firm and its case only.
func TestExemplarDirectoryBare(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		// 부산: the exemplar and two more; 서울: thirty.
		rows := storetest.ExemplarRows([]storetest.Exemplar{
			storetest.NewExemplar("나래식품", "1000000002", "26", "생산공정", "스마트공장 도입", true)}, 2)
		rows[1].Response.Region = "26"
		for i := range 30 {
			rows = append(rows, model.FirmResponse{Response: model.Response{FirmName: "기업", Region: "11", Industry: "C",
				Employees: 12, SizeBand: "10-49", Stage: []string{"도입", "미도입"}[i%2], Weight: 1}})
		}
		if _, err := commitRows(s, "W", rows); err != nil {
			t.Fatal(err)
		}
		base, _ := serveShipped(t, s)
		_, table := directoryCSV(t, newClient(t), base, "/exemplars.csv?wave=W&region=26", true)
		if len(table) != 2 {
			t.Fatalf("rows %q, want the header and 나래식품", table)
		}
		for i, v := range table[1] {
			if bare := table[0][i] == "기업명" || table[0][i] == "우수사례 내용"; !bare && v != "" {
				t.Errorf("column %q = %q under a withheld cell, want it empty", table[0][i], v)
			}
		}
		if table[1][0] != "나래식품" || !slices.Contains(table[1], "스마트공장 도입") {
			t.Errorf("row %q, want the name and the case", table[1])
		}
	})
}
