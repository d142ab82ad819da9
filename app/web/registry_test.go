package web_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/charts"
)

// filterQuery is a view narrowed by one dimension a figure accepts.
var filterQuery = map[string]string{charts.ByRegion: "region=11", charts.ByIndustry: "industry=C", charts.BySize: "size=10-49"}

// TestEveryRegisteredFigure walks the figure registry: every figure is
// listed by /api/v1/figures in registry order, renders as a page and as
// JSON, and exports as CSV and as a workbook with a native chart, unfiltered
// and under each filter it accepts; region pages and the briefing show
// exactly the figures the registry puts there.
func TestEveryRegisteredFigure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ts := newServer(t, s, "W", map[string]int{"11": 7, "26": 8, "50": 6})
		cat := testDeps(t, s).Catalogue
		var list struct {
			Figures []struct{ ID, Title, Description string } `json:"figures"`
		}
		_, body := get(t, ts.URL+"/api/v1/figures")
		if err := json.Unmarshal([]byte(body), &list); err != nil {
			t.Fatalf("/api/v1/figures: %v", err)
		}
		var ids []string
		for _, f := range list.Figures {
			ids = append(ids, f.ID)
		}
		if want := figureIDs(cat.Figures()); !slices.Equal(ids, want) {
			t.Errorf("/api/v1/figures lists %v, want the registry's %v", ids, want)
		}
		for _, fig := range cat.Figures() {
			if len(fig.Filters) == 0 {
				t.Errorf("%s accepts no filter", fig.ID)
			}
			queries := []string{"wave=W"}
			for _, dim := range fig.Filters {
				queries = append(queries, "wave=W&"+filterQuery[dim])
			}
			for i, q := range queries {
				checkFigure(t, ts.URL, fig, q, i == 0)
			}
		}
		checkShows(t, ts.URL+"/regions/11?wave=W", cat.Figures(), figureIDs(cat.RegionFigures()))
		checkShows(t, ts.URL+"/briefing?wave=W", cat.Figures(), figureIDs(cat.BriefingCharts(false)))
		checkShows(t, ts.URL+"/briefing?wave=W&region=11", cat.Figures(), figureIDs(cat.BriefingCharts(true)))
		checkBriefingSheets(t, ts.URL+"/briefing.xlsx?wave=W", cat.BriefingFigures())
	})
}

func figureIDs(figs []charts.Figure) []string {
	var out []string
	for _, f := range figs {
		out = append(out, f.ID)
	}
	return out
}

// checkFigure fetches fig's page, JSON, CSV and workbook for the query;
// withChart asks for the workbook's native chart too (a filtered view may
// have no rows to draw).
func checkFigure(t *testing.T, base string, fig charts.Figure, query string, withChart bool) {
	t.Helper()
	if res, body := get(t, base+"/figures/"+fig.ID+"?"+query); res.StatusCode != 200 || !strings.Contains(body, `id="chart-`+fig.ID+`"`) {
		t.Errorf("page %s?%s = %d without its chart", fig.ID, query, res.StatusCode)
	}
	res, body := get(t, base+"/api/v1/figures/"+fig.ID+"?"+query)
	var js struct{ ID, Title string }
	if err := json.Unmarshal([]byte(body), &js); res.StatusCode != 200 || err != nil || js.ID != fig.ID || js.Title != fig.Title {
		t.Errorf("JSON %s?%s = %d, %v, id %q title %q", fig.ID, query, res.StatusCode, err, js.ID, js.Title)
	}
	res, body = get(t, base+"/api/v1/figures/"+fig.ID+".csv?"+query)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || !strings.Contains(body, "\n") {
		t.Errorf("CSV %s?%s = %d %q: %.100q", fig.ID, query, res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	res, body = get(t, base+"/api/v1/figures/"+fig.ID+".xlsx?"+query)
	z, err := zip.NewReader(strings.NewReader(body), int64(len(body)))
	if res.StatusCode != 200 || err != nil {
		t.Errorf("XLSX %s?%s = %d, %v", fig.ID, query, res.StatusCode, err)
		return
	}
	if withChart && !slices.ContainsFunc(z.File, func(f *zip.File) bool { return f.Name == "xl/charts/chart1.xml" }) {
		t.Errorf("XLSX %s?%s has no chart", fig.ID, query)
	}
}

// checkShows asserts the page at url draws exactly the figures in want.
func checkShows(t *testing.T, url string, all []charts.Figure, want []string) {
	t.Helper()
	if len(want) == 0 {
		t.Errorf("%s: the registry puts no figure there", url)
	}
	res, body := get(t, url)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s = %d", url, res.StatusCode)
	}
	for _, fig := range all {
		shown := strings.Contains(body, `id="chart-`+fig.ID+`"`)
		if wanted := slices.Contains(want, fig.ID); shown != wanted {
			t.Errorf("%s shows %s: %v, want %v", url, fig.ID, shown, wanted)
		}
	}
}

// checkBriefingSheets asserts the briefing workbook has a cover and one
// sheet per briefing figure, in registry order.
func checkBriefingSheets(t *testing.T, url string, figs []charts.Figure) {
	t.Helper()
	res, body := get(t, url)
	x, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if res.StatusCode != 200 || err != nil {
		t.Fatalf("GET %s = %d, %v", url, res.StatusCode, err)
	}
	defer x.Close()
	want := []string{"요약"}
	for _, f := range figs {
		want = append(want, charts.SheetName(f.Title))
	}
	if got := x.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("briefing sheets = %q, want %q", got, want)
	}
}
