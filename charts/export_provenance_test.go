package charts

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestExportProvenance: a wave's provenance line is a line of the CSV
// before its header and one meta row of the XLSX (the table's note that
// repeats it is not written twice); without one, neither has it.
func TestExportProvenance(t *testing.T) {
	const line = "조사기관: 기관 갑, 조사기간: 2026-01-01–2026-06-30"
	for _, provenance := range []string{line, ""} {
		t.Run("provenance="+provenance, func(t *testing.T) {
			tab := hostileTable()
			if provenance != "" {
				tab.Notes = append(tab.Notes, provenance) // as report.Reporter.Figure adds it
			}
			meta := ExportMeta{Wave: "2026-H1", Source: "테스트", Provenance: provenance}
			var csvBuf bytes.Buffer
			if err := WriteCSV(&csvBuf, tab, meta); err != nil {
				t.Fatal(err)
			}
			recs := readCSV(t, csvBuf.Bytes())
			header := CSVLabel(tab.Columns[0])
			lines := 0
			for i, rec := range recs {
				if rec[0] == line {
					lines++
					if recs[i+1][0] != header && recs[i+1][0] != NeutraliseFormula(header) {
						t.Errorf("CSV: the provenance line is not followed by the header: %q", recs[i+1])
					}
				}
			}
			if want := map[bool]int{true: 1, false: 0}[provenance != ""]; lines != want {
				t.Errorf("CSV: provenance line %d times, want %d", lines, want)
			}
			var xlsxBuf bytes.Buffer
			if err := WriteXLSX(&xlsxBuf, tab, meta); err != nil {
				t.Fatal(err)
			}
			x, err := excelize.OpenReader(bytes.NewReader(xlsxBuf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			rows, err := x.GetRows(x.GetSheetName(0))
			if err != nil {
				t.Fatal(err)
			}
			cells, labelled := 0, false
			for _, r := range rows {
				for i, cell := range r {
					if strings.Contains(cell, line) {
						cells++
						labelled = labelled || i == 1 && r[0] == "조사 정보"
					}
				}
			}
			if want := map[bool]int{true: 1, false: 0}[provenance != ""]; cells != want || labelled != (want == 1) {
				t.Errorf("XLSX: provenance in %d cells (labelled 조사 정보: %v), want %d", cells, labelled, want)
			}
		})
	}
}
