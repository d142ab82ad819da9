package web_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/store/storetest"
)

// TestFigureCSV compares every figure's CSV with its JSON under the same
// filters.
func TestFigureCSV(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "2026-H1", map[string]int{"11": 6, "26": 8, "50": 2})
	for _, q := range []string{"?wave=2026-H1", "?wave=2026-H1&region=26", "?industry=C&size=10-49"} {
		for _, id := range []string{"adoption-by-region", "cost-by-size", "barriers", "exemplar-firms", "adoption-trend"} {
			res, body := get(t, ts.URL+"/api/v1/figures/"+id+".csv"+q)
			if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
				t.Fatalf("%s%s = %d %s", id, q, res.StatusCode, res.Header.Get("Content-Type"))
			}
			if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, `filename="`+id+"_2026-H1") {
				t.Errorf("Content-Disposition = %q", cd)
			}
			if !strings.HasPrefix(body, "\uFEFF") {
				t.Fatalf("%s: no BOM", id)
			}
			recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			_, jbody := get(t, ts.URL+"/api/v1/figures/"+id+q)
			var fig struct {
				Labels []string `json:"labels"`
				Units  []string `json:"units"`
				Rows   [][]any  `json:"rows"`
			}
			if err := json.Unmarshal([]byte(jbody), &fig); err != nil {
				t.Fatal(err)
			}
			// A by-region figure over every region ends with its 전국 row.
			if total := id == "adoption-by-region" && !strings.Contains(q, "region="); total {
				if last := recs[len(recs)-1]; last[1] != "전국" {
					t.Errorf("%s%s: last line %q, want the 전국 row", id, q, last)
				}
				recs = recs[:len(recs)-1]
			}
			if len(recs) != len(fig.Rows)+1 {
				t.Fatalf("%s%s: %d CSV lines for %d rows", id, q, len(recs), len(fig.Rows))
			}
			for i, label := range fig.Labels {
				if !strings.HasPrefix(recs[0][i], label) {
					t.Errorf("%s header %q, want label %q", id, recs[0][i], label)
				}
			}
			for r, row := range fig.Rows {
				for i, v := range row {
					got := recs[r+1][i]
					switch x := v.(type) {
					case nil:
						if got != "" {
							t.Errorf("%s row %d col %d: null written as %q", id, r, i, got)
						}
					case float64:
						if fig.Units[i] == "원" {
							x /= 1e6
						}
						// Rounded to the published precision: within half its last digit.
						if f, err := strconv.ParseFloat(got, 64); err != nil || math.Abs(f-x) > 0.05 {
							t.Errorf("%s row %d col %d = %q, want %v", id, r, i, got, x)
						}
					case string:
						if strings.HasPrefix(x, "</script>") && !strings.HasPrefix(got, "<") {
							t.Errorf("%s row %d: %q became %q", id, r, x, got)
						}
					}
				}
			}
		}
	}
}

func TestFigureXLSX(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "2026-H1", map[string]int{"11": 6, "26": 8})
	res, body := get(t, ts.URL+"/api/v1/figures/exemplar-firms.xlsx?size=10-49")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("xlsx = %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="exemplar-firms_2026-H1_10-49.xlsx"` {
		t.Errorf("Content-Disposition = %q", cd)
	}
	x, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet := x.GetSheetList()[0]
	rows, _ := x.GetRows(sheet)
	found := false
	for r, row := range rows {
		for c, v := range row {
			if strings.HasPrefix(v, "</script>") {
				found = true
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if typ, _ := x.GetCellType(sheet, cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("hostile name in %s is %v, not text", cell, typ)
				}
			}
		}
	}
	if !found {
		t.Error("the hostile firm name is missing from the workbook")
	}
	for _, path := range []string{"/api/v1/figures/nope.csv", "/api/v1/figures/nope.xlsx", "/api/v1/figures/barriers.csv?wave=nope"} {
		if res, _ := get(t, ts.URL+path); res.StatusCode != 404 {
			t.Errorf("GET %s = %d, want 404", path, res.StatusCode)
		}
	}
	if res, _ := get(t, ts.URL+"/api/v1/figures/barriers.xlsx?region=99"); res.StatusCode != 400 {
		t.Errorf("bad region = %d, want 400", res.StatusCode)
	}
}

func TestImageNameOnPages(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "2026-H1", map[string]int{"11": 6, "26": 8})
	_, body := get(t, ts.URL+"/figures/cost-by-size?region=26&size=10-49")
	if !strings.Contains(body, `"name":"cost-by-size_2026-H1_26_10-49"`) {
		t.Error("the figure page's saveAsImage name lacks the wave and filters")
	}
}

func TestDownloadLinks(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "2026-H1", map[string]int{"11": 6, "26": 8})
	cases := []struct{ path, want string }{
		{"/?region=11", `href="/api/v1/figures/barriers.csv?region=11&amp;wave=2026-H1"`},
		{"/?region=11", `href="/api/v1/figures/barriers.xlsx?region=11&amp;wave=2026-H1"`},
		{"/?region=11", `href="/briefing?region=11&amp;wave=2026-H1"`},
		{"/?region=11", `href="/briefing.xlsx?region=11&amp;wave=2026-H1"`},
		{"/figures/cost-by-size?size=10-49", `href="/api/v1/figures/cost-by-size.xlsx?size=10-49&amp;wave=2026-H1"`},
	}
	for _, tc := range cases {
		_, body := get(t, ts.URL+tc.path)
		if !strings.Contains(body, tc.want) {
			t.Errorf("%s lacks %s", tc.path, tc.want)
		}
	}
}
