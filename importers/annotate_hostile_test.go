package importers

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"axdash/app/model"
	"axdash/importers/importerstest"
)

// TestAnnotateHostileBook: the annotated copy of a macro-enabled workbook
// full of live content is a plain .xlsx of values, whether excelize loaded
// and rewrote the marked sheet or passed every part on as it was; and
// LibreOffice opens the copy and shows the cached values.
func TestAnnotateHostileBook(t *testing.T) {
	src := writeRaw(t, "hostile.xlsm", importerstest.Hostile(t))
	res := readPath(t, src, Options{})
	if len(res.Report.Issues) == 0 {
		t.Fatal("no issue to mark on the hostile sheet")
	}
	tests := []struct {
		name   string
		issues []model.Issue
		office bool
	}{
		{"marked sheet", res.Report.Issues, true},
		{"nothing marked", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := res.Report
			rep.Issues = tt.issues
			out := filepath.Join(t.TempDir(), "annotated.xlsx")
			if err := Annotate(src, &rep, out); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			importerstest.Check(t, b)
			if !tt.office {
				return
			}
			conv, err := os.ReadFile(convert(t, sofficeOrSkip(t), out, "xlsx", ""))
			if err != nil {
				t.Fatal(err)
			}
			importerstest.CheckValues(t, conv)
		})
	}
}

// TestReadHostileBookByCachedValues: the importer reads formula cells by
// their cached values, the annotated copy's values: a HYPERLINK's text,
// a shared formula's dependants.
func TestReadHostileBookByCachedValues(t *testing.T) {
	res := readPath(t, writeRaw(t, "hostile.xlsm", importerstest.Hostile(t)), Options{})
	want := map[string]string{}
	for _, c := range importerstest.Cells {
		if c.Sheet == importerstest.Sheet {
			want[c.Ref] = c.Want.Text
		}
	}
	if res.Report.Status != model.StatusChecked || len(res.Records) != 2 {
		t.Fatalf("status %s, %d records: %v", res.Report.Status, len(res.Records), codes(res))
	}
	first, second := res.Records[0].Response, res.Records[1].Response
	if first.FirmName != want["A2"] || fmt.Sprint(first.Employees) != want["D2"] || fmt.Sprint(second.Employees) != want["D4"] {
		t.Errorf("firm %q with %d employees, then %d; want %q, %s, %s", first.FirmName, first.Employees, second.Employees,
			want["A2"], want["D2"], want["D4"])
	}
}
