package web_test

import (
	"bytes"
	"encoding/csv"
	"html"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
	"axdash/app/store/storetest"
)

// leadingControls are firm names as the importer stores them: a leading
// tab or CR kept as typed (issue 4), in front of a formula.
var leadingControls = []string{"\t=1+1 기업", "\r=HYPERLINK(1)", "\t\r@SUM(A1)"}

// TestLeadingTabAndCRAreNeutralised: every export of a name stored with a
// leading tab or CR neutralises it: the CSV cell starts with an apostrophe,
// the figure and briefing workbooks hold it as text, never as a formula,
// and the pages escape it.
func TestLeadingTabAndCRAreNeutralised(t *testing.T) {
	s := storetest.SQLite(t)
	var rows []model.FirmResponse
	for i := 0; i < 12; i++ {
		rows = append(rows, model.FirmResponse{Response: model.Response{FirmName: "보통 기업", Region: "11",
			Industry: "C", Employees: 12, SizeBand: "10-49", Stage: "도입", Weight: 1}})
	}
	for i, name := range leadingControls {
		rows[i].Response.FirmName, rows[i].Response.Exemplar, rows[i].Response.ExemplarConsent = name, true, true
	}
	if _, err := commitRows(s, "2026-H1", rows); err != nil {
		t.Fatal(err)
	}
	ts := newServer(t, s, "2026-H2", nil)
	q := "?wave=2026-H1"

	_, body := get(t, ts.URL+"/api/v1/figures/exemplar-firms.csv"+q)
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, rec := range recs[1:] {
		if strings.Contains(rec[0], "보통") {
			continue
		}
		seen++
		if !strings.HasPrefix(rec[0], "'") {
			t.Errorf("CSV cell %q is not neutralised", rec[0])
		}
	}
	if seen != len(leadingControls) {
		t.Errorf("CSV holds %d of the %d names", seen, len(leadingControls))
	}

	for _, path := range []string{"/api/v1/figures/exemplar-firms.xlsx" + q, "/briefing.xlsx" + q} {
		_, body := get(t, ts.URL+path)
		if n := textCellsLike(t, []byte(body), "=1+1", "=HYPERLINK", "@SUM"); n < len(leadingControls) {
			t.Errorf("%s: %d of the %d names found as text cells", path, n, len(leadingControls))
		}
	}

	for _, page := range []string{"/exemplars" + q, "/figures/exemplar-firms" + q} {
		_, body := get(t, ts.URL+page)
		if !strings.Contains(body, html.EscapeString("=HYPERLINK(1)")) || strings.Contains(body, "\r=HYPERLINK") {
			t.Errorf("%s does not show the name escaped", page)
		}
	}
}

// textCellsLike counts the cells of every sheet whose value contains one of
// subs, failing the test for any that is not a plain string cell.
func textCellsLike(t *testing.T, book []byte, subs ...string) int {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	n := 0
	for _, sheet := range x.GetSheetList() {
		rows, _ := x.GetRows(sheet)
		for r, row := range rows {
			for c, v := range row {
				if !containsAny(v, subs) {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				typ, _ := x.GetCellType(sheet, cell)
				f, _ := x.GetCellFormula(sheet, cell)
				if f != "" || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
					t.Errorf("%s!%s = %q is type %v, formula %q; want plain text", sheet, cell, v, typ, f)
				}
				n++
			}
		}
	}
	return n
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
