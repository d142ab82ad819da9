package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/cube"
	"axdash/app/disclosure"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/app/web"
	"axdash/charts"
	"axdash/configs"
)

// protectedServer serves a wave with a thin cell (부산, 3 firms) with the
// configuration's disclosure control as shipped, and gives the public and
// internal views the layer computes from the same cubes, to compare with.
func protectedServer(t *testing.T, s *store.DB) (base string, views map[bool]*disclosure.View, st *store.DB) {
	t.Helper()
	s.Surveys.SetRecordKeySource(rand.NewChaCha8([32]byte{16}))
	var rows []model.FirmResponse
	for code, n := range map[string]int{"11": 30, "26": 3, "41": 20} {
		for i := range n {
			stage, cost, staff, need := "미도입", (*int64)(nil), 0, 1+i%3
			if i%3 == 0 {
				c := int64(1_000_000 * (1 + i%5))
				stage, cost, staff = "도입", &c, i%2
			}
			rows = append(rows, model.FirmResponse{Response: model.Response{FirmName: "기업", Region: code, Industry: "C",
				Employees: 12, SizeBand: "10-49", Stage: stage, Weight: 1 + float64(i%4), AdoptionCost: cost,
				AIStaffCurrent: &staff, AIStaffNeeded: &need}})
		}
	}
	if _, err := commitRows(s, "W", rows); err != nil {
		t.Fatal(err)
	}
	base, deps := serveShipped(t, s)
	ctx := context.Background()
	states, err := s.Surveys.WaveStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set, err := s.Surveys.Cubes(ctx, states, configs.DefaultDesign())
	if err != nil {
		t.Fatal(err)
	}
	p := disclosure.New(deps.Config.Figures)
	return base, map[bool]*disclosure.View{true: p.ViewOf(set, true), false: p.ViewOf(set, false)}, s
}

// serveShipped serves s with the configuration's disclosure control as
// shipped, and gives the server's deps.
func serveShipped(t *testing.T, s *store.DB) (string, web.Deps) {
	t.Helper()
	shipped, err := configs.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	var deps web.Deps
	ts := newServerWith(t, s, "", nil, func(d *web.Deps) {
		d.Config.Figures.Disclosure = shipped.Figures.Disclosure
		deps = *d
	})
	return ts.URL, deps
}

// TestViewsInEveryFormat: an anonymous visitor and a viewer get the public
// view's numbers (the layer's, not the cube's) in JSON, CSV, XLSX, the
// region page, the tile map, the trend, the briefing page and workbook,
// and nothing labelled internal; an analyst gets the cube's numbers,
// labelled 내부용 on every page and as every file's first line, never
// cacheable outside the server. The analyst asks first, so a shared cache
// would hand the public the internal numbers.
func TestViewsInEveryFormat(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		base, views, st := protectedServer(t, s)
		f := model.Filter{WaveID: 1, Region: "11"}
		pub, _ := views[true].CellTotal(context.Background(), f)
		in, _ := views[false].CellTotal(context.Background(), f)
		if pub.AdoptedWeight()/pub.Weight == in.AdoptedWeight()/in.Weight {
			t.Fatal("the public view's 서울 rate is the cube's: nothing is protected")
		}
		analyst := loginClient(t, base, "kim.analyst", newUser(t, st, "kim.analyst", model.RoleAnalyst))
		viewer := loginClient(t, base, "lee.viewer", newUser(t, st, "lee.viewer", model.RoleViewer))
		clients := []struct {
			name   string
			c      *http.Client
			public bool
		}{{"analyst", analyst, false}, {"anonymous", newClient(t), true}, {"viewer", viewer, true}}
		for _, cl := range clients {
			t.Run(cl.name, func(t *testing.T) {
				v := views[cl.public]
				want := func(region string) model.Cell {
					c, err := v.CellTotal(context.Background(), model.Filter{WaveID: 1, Region: region})
					if err != nil {
						t.Fatal(err)
					}
					return c
				}
				checkFigureJSON(t, cl.c, base, cl.public, want)
				checkFiles(t, cl.c, base, cl.public, want)
				checkPages(t, cl.c, base, cl.public, want)
			})
		}
	})
}

// fetch GETs path and checks the internal view's caching.
func fetchView(t *testing.T, c *http.Client, base, path string, public bool) []byte {
	t.Helper()
	res, err := c.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %d %.200s", path, res.StatusCode, b)
	}
	if cc := res.Header.Get("Cache-Control"); !public && cc != "private, no-store" {
		t.Errorf("GET %s: Cache-Control %q, want private, no-store", path, cc)
	}
	return b
}

// checkFigureJSON: the rate by region, the tile map and the trend give the
// view's n and rate for 서울 and 부산 (withheld, n too, in the public view).
func checkFigureJSON(t *testing.T, c *http.Client, base string, public bool, want func(string) model.Cell) {
	for _, id := range []string{"adoption-by-region", "region-tiles", "adoption-trend"} {
		var fig struct{ Rows [][]any }
		if err := json.Unmarshal(fetchView(t, c, base, "/api/v1/figures/"+id+"?wave=W", public), &fig); err != nil {
			t.Fatal(err)
		}
		nc, rc := 2, 3
		if id != "adoption-trend" {
			rc = 3
		}
		for _, region := range []string{"11", "26"} {
			cell := want(region)
			var row []any
			for _, r := range fig.Rows {
				if r[0] == region || (id == "adoption-trend" && r[1] == region) {
					row = r
				}
			}
			if row == nil {
				t.Fatalf("%s: no row of %s in %v", id, region, fig.Rows)
			}
			if cell.Hidden {
				if row[nc] != nil || row[rc] != nil {
					t.Errorf("%s %s = %v, want withheld", id, region, row)
				}
				continue
			}
			rate, _ := row[rc].(float64)
			if row[nc] != float64(cell.N) || math.Abs(rate-100*cell.AdoptedWeight()/cell.Weight) > 1e-9 {
				t.Errorf("%s %s = %v, want n %d rate %v", id, region, row, cell.N, 100*cell.AdoptedWeight()/cell.Weight)
			}
		}
	}
	if !public && want("26").Hidden {
		t.Error("the internal view hides 부산")
	}
	if public && (!want("26").Hidden || want("11").Est.Of(cube.MeasureAdoption) == (model.Estimate{})) {
		t.Error("the public view publishes 부산's 3 firms, or has no estimates")
	}
}

// checkFiles: the CSV and XLSX of a figure and the briefing workbook start
// with the internal label exactly in the internal view, and hold the
// view's numbers.
func checkFiles(t *testing.T, c *http.Client, base string, public bool, want func(string) model.Cell) {
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(fetchView(t, c, base, "/api/v1/figures/adoption-by-region.csv?wave=W", public),
		[]byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if labelled := recs[0][0] == charts.InternalNotice; labelled == public {
		t.Errorf("CSV first line %q, internal label %t", recs[0], labelled)
	}
	for _, r := range recs {
		if r[0] == "26" && (r[2] == "") != public {
			t.Errorf("CSV 부산 row %q: n blank %t, want %t", r, r[2] == "", public)
		}
		cell := want("11")
		rate := strconv.FormatFloat(math.Round(1000*cell.AdoptedWeight()/cell.Weight)/10, 'f', 1, 64)
		if r[0] == "11" && (r[2] != strconv.Itoa(cell.N) || r[3] != rate) {
			t.Errorf("CSV 서울 row %q, want n %d rate %s", r, cell.N, rate)
		}
	}
	for _, path := range []string{"/api/v1/figures/adoption-by-region.xlsx?wave=W", "/briefing.xlsx?wave=W"} {
		x, err := excelize.OpenReader(bytes.NewReader(fetchView(t, c, base, path, public)))
		if err != nil {
			t.Fatal(err)
		}
		first, _ := x.GetCellValue(x.GetSheetList()[0], "A1")
		if labelled := first == charts.InternalNotice; labelled == public {
			t.Errorf("%s: A1 %q, internal label %t", path, first, labelled)
		}
		x.Close()
	}
}

// checkPages: the region page's measures are the view's, and every page
// with a figure shows the internal banner exactly in the internal view.
func checkPages(t *testing.T, c *http.Client, base string, public bool, want func(string) model.Cell) {
	region := string(fetchView(t, c, base, "/regions/11?wave=W", public))
	cell := want("11")
	rate := `<th scope="row">AI 도입률</th><td class="num">` + charts.FormatValue("%", 100*cell.AdoptedWeight()/cell.Weight) + "</td>"
	n := `<th scope="row">응답 기업 수</th><td class="num">` + charts.FormatValue("개", float64(cell.N)) + "</td>"
	if !strings.Contains(region, rate) || !strings.Contains(region, n) {
		t.Errorf("region page lacks %q or %q", rate, n)
	}
	for _, path := range []string{"/?wave=W", "/regions/11?wave=W", "/figures/adoption-by-region?wave=W", "/briefing?wave=W", "/exemplars?wave=W"} {
		page := string(fetchView(t, c, base, path, public))
		if banner := strings.Contains(page, charts.InternalNotice); banner == public {
			t.Errorf("%s: internal banner %t", path, banner)
		}
	}
}
