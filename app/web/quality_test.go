package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// qualityRows are 130 firms: every one breaks the stage/cost rule, every
// tenth also has an outlier cost, and the first has a hostile name and a
// value that a spreadsheet would take for a formula.
func qualityRows() []model.FirmResponse {
	var rows []model.FirmResponse
	for i := range 130 {
		row := 5 + i
		r := model.FirmResponse{Response: model.Response{FirmName: fmt.Sprintf("기업%03d", i), Region: "11", Industry: "C",
			Employees: 12, SizeBand: "10-49", Stage: "검토", Weight: 1, SourceRow: row}}
		value := "500"
		if i == 0 {
			r.Response.FirmName, value = hostile, "=HYPERLINK(\"http://x\")"
		}
		r.Findings = []model.Issue{{Severity: "warning", Code: "rule.cost_without_adoption", Sheet: "조사표",
			Cell: fmt.Sprintf("J%d", row), Row: row, Header: "AI도입비용(만원)", Value: value, Message: "단계가 검토인데 비용이 있습니다."}}
		if i%10 == 0 {
			r.Findings = append(r.Findings, model.Issue{Severity: "warning", Code: "adoption_cost.outlier", Sheet: "조사표",
				Cell: fmt.Sprintf("J%d", row), Row: row, Value: "5000000000000", Message: "예상 범위 1~100 백만원"})
		}
		rows = append(rows, r)
	}
	return rows
}

func TestQualityPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		base, analyst := qualityServer(t, s)
		tests := []struct {
			path  string
			has   []string
			lacks []string
		}{
			{"/quality?wave=2026-H1", []string{"데이터 품질 점검", "rule.cost_without_adoption</a>", "<td class=\"num\">130</td>",
				"adoption_cost.outlier</a>", "<td class=\"num\">13</td>", "AI도입비용 이상값", "143건", "1/2쪽",
				`href="/quality.xlsx?wave=2026-H1"`, `rel="next"`, "기업089", "J5"},
				[]string{"기업091", `rel="prev"`}},
			{"/quality?wave=2026-H1&page=2", []string{"2/2쪽", "기업091", "기업129", `rel="prev"`}, []string{`rel="next"`}},
			{"/quality?wave=2026-H1&code=adoption_cost.outlier", []string{"13건 (adoption_cost.outlier)", "기업120", "전체 보기"},
				[]string{"기업001"}},
			{"/quality?wave=2026-H1&code=nope", []string{"143건"}, nil}, // an unknown code filters nothing
			{"/quality?wave=2026-H1&page=99999999999999999", []string{"143건", `rel="prev"`}, []string{"기업001", "기업091"}},
			{"/", []string{`<a href="/quality">데이터 품질</a>`}, nil}, // in the analyst's session bar
		}
		for _, tt := range tests {
			res, body := clientGet(t, analyst, base+tt.path)
			if res.StatusCode != 200 {
				t.Fatalf("GET %s = %d: %.300s", tt.path, res.StatusCode, body)
			}
			for _, w := range tt.has {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s lacks %q", tt.path, w)
				}
			}
			for _, w := range append(tt.lacks, "<script>window.pwned", "<img src=x") {
				if strings.Contains(body, w) {
					t.Errorf("GET %s contains %q", tt.path, w)
				}
			}
		}
		if res, _ := clientGet(t, analyst, base+"/quality?wave=nope"); res.StatusCode != 404 && res.StatusCode != 400 {
			t.Errorf("unknown wave: %d", res.StatusCode)
		}
	})
}

func TestQualityXLSX(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		base, analyst := qualityServer(t, s)
		res, body := clientGet(t, analyst, base+"/quality.xlsx?wave=2026-H1")
		if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), ".xlsx") {
			t.Fatalf("status %d, disposition %q", res.StatusCode, res.Header.Get("Content-Disposition"))
		}
		f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows("행별 문제")
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1+143 || rows[0][1] != "기업명" {
			t.Fatalf("%d rows, header %v", len(rows), rows[0])
		}
		first := rows[1]
		if first[0] != "5" || first[3] != "J5" || first[5] != `=HYPERLINK("http://x")` || first[7] != "rule.cost_without_adoption" {
			t.Errorf("first finding %q", first)
		}
		for _, cell := range []string{"B2", "F2"} {
			if formula, _ := f.GetCellFormula("행별 문제", cell); formula != "" {
				t.Errorf("%s became a formula %q", cell, formula)
			}
		}
		summary, _ := f.GetRows("요약")
		joined := fmt.Sprint(summary)
		for _, w := range []string{"2026-H1", "rule.cost_without_adoption", "130", "adoption_cost.outlier", "13", "문제 143건"} {
			if !strings.Contains(joined, w) {
				t.Errorf("summary lacks %q: %v", w, summary)
			}
		}
	})
}

// qualityServer serves the wave of qualityRows to a signed-in analyst: the
// findings are closed to viewers and strangers.
func qualityServer(t *testing.T, s *store.DB) (string, *http.Client) {
	t.Helper()
	if _, err := commitRows(s, "2026-H1", qualityRows()); err != nil {
		t.Fatal(err)
	}
	base := authServer(t, s, nil, nil)
	return base, loginClient(t, base, "ana", newUser(t, s, "ana", model.RoleAnalyst))
}

func clientGet(t *testing.T, c *http.Client, url string) (*http.Response, string) {
	t.Helper()
	res, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	return res, readBody(t, res)
}
