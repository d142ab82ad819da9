package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/cube"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/charts"
)

// TestComparePages: the comparison's page, JSON, CSV and XLSX accept 2–4
// 시도 in any spelling, refuse other counts and unknown 시도 in Korean, and
// are reached from the dashboard's chips and every region page's link.
func TestComparePages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ts := newServer(t, s, "2026-H1", map[string]int{"11": 12, "26": 8, "41": 9})
		tests := []struct {
			path, mime string
			status     int
			has        []string
		}{
			{"/compare?wave=2026-H1&regions=11,부산", "text/html", 200, []string{"서울 · 부산 비교", `id="fig-compare-measures"`,
				`id="fig-compare-trend"`, `id="fig-compare-barriers"`, `id="fig-compare-use-areas"`, `id="compare-sentences"`,
				`value="11" checked`, `value="26" checked`, "/compare.xlsx?regions=11%2C26&amp;wave=2026-H1"}},
			{"/compare?regions=11&regions=42", "text/html", 200, []string{"서울 · 강원 비교"}}, // 강원's old code, a checkbox each
			{"/compare?regions=11", "text/html", 200, []string{`id="compare-ask"`, "지금 1곳", `value="11" checked`}},
			{"/compare?regions=11,26,41,48,27", "text/html", 400, []string{"4곳까지 비교할 수 있습니다"}},
			{"/compare?regions=11,99", "text/html", 400, []string{"비교할 시도를 알 수 없습니다: regions=99"}},
			{"/api/v1/compare?regions=11,26", "application/json", 200, []string{`"regions":[{"code":"11","name":"서울"},{"code":"26","name":"부산"}]`,
				`"id":"compare-measures"`, `"id":"compare-trend"`, `"id":"compare-barriers"`, `"id":"compare-use-areas"`}},
			{"/api/v1/compare?regions=11", "application/json", 400, []string{"비교할 시도를 2–4곳 고르세요"}},
			{"/compare.csv?regions=11,26", "text/csv", 200, []string{"시도 비교: 주요 지표", "전국", "부산"}},
			{"/compare.xlsx?regions=11,26", "application/vnd.openxmlformats", 200, nil},
			{"/compare.csv?regions=26", "", 400, []string{"지금 1곳"}},
			{"/", "text/html", 200, []string{`action="/compare"`, `name="regions" value="48"`}},
			{"/regions/26?wave=2026-H1", "text/html", 200, []string{`href="/compare?regions=26&amp;wave=2026-H1">다른 시도와 비교</a>`}},
		}
		for _, tt := range tests {
			res, body := get(t, ts.URL+tt.path)
			if res.StatusCode != tt.status || !strings.HasPrefix(res.Header.Get("Content-Type"), tt.mime) {
				t.Errorf("GET %s = %d %s, want %d %s: %.300s", tt.path, res.StatusCode, res.Header.Get("Content-Type"), tt.status, tt.mime, body)
				continue
			}
			for _, want := range tt.has {
				if !strings.Contains(body, want) {
					t.Errorf("GET %s lacks %q", tt.path, want)
				}
			}
		}
	})
}

// compareAnswer is the part of /api/v1/compare the tests read.
type compareAnswer struct {
	Sentences []string
	Tables    []struct {
		ID      string
		Columns []string
		Rows    [][]any
		Status  []string
	}
}

// TestCompareViews: the comparison reads the view's source. An anonymous
// visitor gets the public numbers with 부산's 3 firms withheld (n too,
// with the reason) in the JSON, CSV and XLSX; an analyst gets the cube's,
// labelled (files and page), and asking first does not leak them into the
// public cache. The measures' rows hold the view's
// estimates with their intervals.
func TestCompareViews(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		base, views, st := protectedServer(t, s)
		analyst := loginClient(t, base, "kim.analyst", newUser(t, st, "kim.analyst", model.RoleAnalyst))
		for _, cl := range []struct {
			name   string
			c      *http.Client
			public bool
		}{{"analyst", analyst, false}, {"anonymous", newClient(t), true}} {
			t.Run(cl.name, func(t *testing.T) {
				var ans compareAnswer
				if err := json.Unmarshal(fetchView(t, cl.c, base, "/api/v1/compare?wave=W&regions=11,26", cl.public), &ans); err != nil {
					t.Fatal(err)
				}
				m := ans.Tables[0]
				col := func(key string) int {
					for i, c := range m.Columns {
						if c == key {
							return i
						}
					}
					t.Fatalf("no column %s in %v", key, m.Columns)
					return -1
				}
				for i, code := range []string{charts.NationCode, "11", "26"} {
					f := model.Filter{WaveID: 1}
					if code != charts.NationCode {
						f.Region = code
					}
					cell, err := views[cl.public].CellTotal(context.Background(), f)
					if err != nil {
						t.Fatal(err)
					}
					row := m.Rows[i]
					if row[0] != code {
						t.Fatalf("row %d = %v, want %s", i, row, code)
					}
					if cell.Hidden {
						if row[col("n")] != nil || row[col("adoption_rate")] != nil || !strings.HasPrefix(m.Status[i], charts.Withheld) {
							t.Errorf("%s = %v (%q), want withheld with its reason", code, row, m.Status[i])
						}
						continue
					}
					e := cell.Est.Of(cube.MeasureAdoption)
					rate, _ := row[col("adoption_rate")].(float64)
					low, _ := row[col("adoption_rate_"+charts.StatLow)].(float64)
					if row[col("n")] != float64(cell.N) || math.Abs(rate-100*e.Value) > 1e-9 || math.Abs(low-100*e.Low) > 1e-9 {
						t.Errorf("%s = %v, want n %d rate %v low %v", code, row, cell.N, 100*e.Value, 100*e.Low)
					}
				}
				if hidden := m.Rows[2][col("n")] == nil; hidden != cl.public {
					t.Errorf("부산's n withheld %t, want %t", hidden, cl.public)
				}
				checkCompareFiles(t, cl.c, base, cl.public)
				page := string(fetchView(t, cl.c, base, "/compare?wave=W&regions=11,26", cl.public))
				if banner := strings.Contains(page, charts.InternalNotice); banner == cl.public {
					t.Errorf("comparison page: internal banner %t", banner)
				}
			})
		}
	})
}

// checkCompareFiles: the CSV and the workbook start with the internal
// label exactly in the internal view, and blank 부산's n in the public one.
func checkCompareFiles(t *testing.T, c *http.Client, base string, public bool) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(fetchView(t, c, base, "/compare.csv?wave=W&regions=11,26", public), []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if labelled := recs[0][0] == charts.InternalNotice; labelled == public {
		t.Errorf("CSV first line %q, internal label %t", recs[0], labelled)
	}
	busan := 0
	for _, rec := range recs {
		if strings.HasPrefix(rec[0], "시도 비교: ") && busan > 0 {
			break // the next table's title: the measures table has ended
		}
		if len(rec) > 2 && rec[0] == "26" && rec[1] == "부산" {
			busan++
			if (rec[2] == "") != public {
				t.Errorf("CSV 부산 row %q: n blank %t, want %t", rec, rec[2] == "", public)
			}
		}
	}
	if busan != 1 {
		t.Errorf("CSV has %d 부산 rows in the measures table, want 1", busan)
	}
	f, err := excelize.OpenReader(bytes.NewReader(fetchView(t, c, base, "/compare.xlsx?wave=W&regions=11,26", public)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 4 {
		t.Fatalf("sheets = %v, want the 4 tables", sheets)
	}
	first, _ := f.GetCellValue(sheets[0], "A1")
	if labelled := first == charts.InternalNotice; labelled == public {
		t.Errorf("XLSX A1 %q, internal label %t", first, labelled)
	}
}
