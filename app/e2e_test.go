package main

import (
	"encoding/json"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"axdash/app/demo"
	"axdash/app/model"
	"axdash/configs"
)

type figureResponse struct {
	ID      string   `json:"id"`
	Wave    string   `json:"wave"`
	N       int      `json:"n"`
	Columns []string `json:"columns"`
	Rows    [][]any  `json:"rows"`
	Status  []string `json:"status"`
}

// expectedAdoption computes, in Go from the generated rows, what
// adoption-by-region must answer: weighted rate per region, n, and nil
// below the suppression threshold.
func expectedAdoption(rows []demo.Row, suppressBelow int) map[string][2]any {
	type acc struct {
		n      int
		wt, wa float64
	}
	by := map[string]*acc{}
	for _, r := range rows {
		a := by[r.Region]
		if a == nil {
			a = &acc{}
			by[r.Region] = a
		}
		a.n++
		a.wt += r.Weight
		if model.Adopted(r.Stage) {
			a.wa += r.Weight
		}
	}
	out := map[string][2]any{}
	for code, a := range by {
		var rate any
		if a.n >= suppressBelow {
			rate = 100 * a.wa / a.wt
		}
		out[code] = [2]any{a.n, rate}
	}
	return out
}

func TestEndToEndDemoWorkbookImportFigure(t *testing.T) {
	eachDB(t, func(t *testing.T) {
		// 120 firms leave some small regions under the threshold of 5, so
		// suppression is exercised as well as the weighted rates.
		opts := demo.Options{Rows: 120, Seed: 7}
		file := filepath.Join(t.TempDir(), "survey.xlsx")
		if code, _, errOut := cli(t, "demo-workbook", "--rows", "120", "--seed", "7", "--out", file); code != 0 {
			t.Fatalf("demo-workbook exit %d: %s", code, errOut)
		}
		code, out, errOut := cli(t, "import", file, "--wave", "2026-H1", "--json")
		if code != 0 {
			t.Fatalf("import exit %d: %s\n%s", code, out, errOut)
		}
		var rep model.ImportReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("import --json is not JSON: %v\n%s", err, out)
		}
		if rep.Status != model.StatusStored || rep.Rows != 120 || rep.Stored != 120 || rep.HeaderRow != 4 {
			t.Fatalf("report = status %s rows %d stored %d header %d; issues %v", rep.Status, rep.Rows, rep.Stored, rep.HeaderRow, rep.Issues)
		}
		rows, err := demo.Generate(opts)
		if err != nil {
			t.Fatal(err)
		}
		want := expectedAdoption(rows, 5)
		// The disclosure layer's thresholds without its noise: exact
		// numbers where published (app/web's disclosure test checks the
		// noise reaches every format).
		for _, v := range []string{"AXDASH_DISCLOSURE_COUNT_NOISE", "AXDASH_DISCLOSURE_RATE_NOISE", "AXDASH_DISCLOSURE_MAGNITUDE_NOISE"} {
			t.Setenv(v, "0")
		}
		base, _ := startServer(t)
		var fig figureResponse
		getJSON(t, base+"/api/v1/figures/adoption-by-region?wave=2026-H1", 200, &fig)
		checkAdoption(t, fig, want)
	})
}

func checkAdoption(t *testing.T, fig figureResponse, want map[string][2]any) {
	t.Helper()
	regions, err := configs.LoadRegions()
	if err != nil {
		t.Fatal(err)
	}
	if len(fig.Rows) != 17 || fig.Columns[0] != "region" || fig.Columns[2] != "n" || fig.Columns[3] != "adoption_rate" {
		t.Fatalf("figure shape: columns %v, %d rows", fig.Columns, len(fig.Rows))
	}
	suppressed, total, imprecise, published := 0, 0, 0, 0
	for i, row := range fig.Rows {
		code := row[0].(string)
		if code != regions.Regions[i].Code {
			t.Errorf("row %d is region %s, want %s (code order)", i, code, regions.Regions[i].Code)
		}
		exp := want[code]
		wantN, _ := exp[0].(int)
		switch wantRate := exp[1].(type) {
		case nil:
			if wantN > 0 {
				suppressed++
			}
			if (wantN > 0 && row[2] != nil) || row[3] != nil {
				t.Errorf("region %s (n=%d): n %v, rate %v shown, want withheld (null)", code, wantN, row[2], row[3])
			}
		case float64:
			total += wantN
			if n := int(row[2].(float64)); n != wantN {
				t.Errorf("region %s: n = %d, want %d", code, n, wantN)
			}
			if row[3] == nil && strings.Contains(fig.Status[i], "상대표준오차") {
				imprecise++ // withheld by the precision rule (issue 17), n still shown
				continue
			}
			published++
			got, ok := row[3].(float64)
			if !ok || math.Abs(got-wantRate) > 1e-9 {
				t.Errorf("region %s: rate = %v, want %s", code, row[3], strconv.FormatFloat(wantRate, 'f', 6, 64))
			}
		}
	}
	if fig.N != total {
		t.Errorf("figure n = %d, want %d", fig.N, total)
	}
	if suppressed == 0 {
		t.Error("no region was suppressed; the test data should leave some under the threshold")
	}
	if published < 5 {
		t.Errorf("only %d regions published a rate (%d withheld as imprecise): too few to check the rates", published, imprecise)
	}
}
