package web_test

import (
	"encoding/json"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/charts"
)

// TestTrendHighlightPage: the trend page takes highlight= as codes or
// names, ticks the chosen 시도 in the filter form, keeps them in its links
// and draws only them (and 전국) with end labels; a fourth 시도 is a 400
// that says what to do.
func TestTrendHighlightPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ts := newServer(t, s, "2026-H1", map[string]int{"11": 12, "26": 8, "41": 9})
		tests := []struct {
			query  string
			status int
			ticked []string // checkbox values ticked
			full   []string // lines with an end label
		}{
			{"", http.StatusOK, nil, []string{"서울", "부산", "경기", "전국"}},
			{"highlight=26", http.StatusOK, []string{"26"}, []string{"부산", "전국"}},
			{"highlight=서울&highlight=Gyeonggi", http.StatusOK, []string{"11", "41"}, []string{"서울", "경기", "전국"}},
			{"highlight=11,26,41,48", http.StatusBadRequest, nil, nil},
		}
		for _, tt := range tests {
			res, body := get(t, ts.URL+"/figures/adoption-trend?"+tt.query)
			if res.StatusCode != tt.status {
				t.Errorf("%s: status %d, want %d", tt.query, res.StatusCode, tt.status)
				continue
			}
			if tt.status != http.StatusOK {
				if !strings.Contains(body, "3곳까지") {
					t.Errorf("%s: the error does not say the limit: %.300s", tt.query, body)
				}
				continue
			}
			var ticked []string
			for _, m := range regexp.MustCompile(`name="highlight" value="(\d+)" checked`).FindAllStringSubmatch(body, -1) {
				ticked = append(ticked, m[1])
			}
			if strings.Join(ticked, ",") != strings.Join(tt.ticked, ",") {
				t.Errorf("%s: ticked %v, want %v", tt.query, ticked, tt.ticked)
			}
			if len(tt.ticked) > 0 && !strings.Contains(body, "highlight="+strings.Join(tt.ticked, "%2C")) {
				t.Errorf("%s: links drop the highlight", tt.query)
			}
			m := regexp.MustCompile(`(?s)<script type="application/json" id="option-adoption-trend">(.*?)</script>`).FindStringSubmatch(body)
			if m == nil {
				t.Fatalf("%s: no trend option", tt.query)
			}
			var opt struct {
				Series []struct {
					Name     string `json:"name"`
					EndLabel struct {
						Show bool `json:"show"`
					} `json:"endLabel"`
				} `json:"series"`
			}
			if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &opt); err != nil {
				t.Fatal(err)
			}
			var full []string
			lines := 0
			for _, s := range opt.Series {
				if s.Name != charts.IntervalSeries {
					lines++
				}
				if s.EndLabel.Show {
					full = append(full, s.Name)
				}
			}
			if strings.Join(full, ",") != strings.Join(tt.full, ",") && !(tt.query == "" && len(full) == lines) {
				t.Errorf("%s: lines in full %v, want %v", tt.query, full, tt.full)
			}
		}
	})
}

// TestFigureTableNamesBlanks: a figure page's table names a withheld rate
// 비공개 and a region without responses 자료 없음, never an empty cell.
func TestFigureTableNamesBlanks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		// 부산 is under the threshold; 경기 is published (no second blank).
		ts := newServer(t, s, "2026-H1", map[string]int{"11": 12, "26": 3, "41": 9})
		_, body := get(t, ts.URL+"/figures/adoption-by-region")
		for _, tt := range []struct{ region, want string }{{"부산", "비공개"}, {"경기", "55.6"}, {"대구", "자료 없음"}} {
			row := regexp.MustCompile(`<tr><td>\d+</td><td>` + tt.region + `</td>.*?</tr>`).FindString(body)
			// A published rate may carry its caution mark and ± margin.
			if !regexp.MustCompile(`<td class="num">` + regexp.QuoteMeta(tt.want) + `[^<]*</td></tr>$`).MatchString(row) {
				t.Errorf("%s's row %q does not end in %s", tt.region, row, tt.want)
			}
		}
	})
}
