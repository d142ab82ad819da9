package demo

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
)

// writeBook generates and writes n rows and opens the result.
func writeBook(t *testing.T, opts Options) ([]Row, *excelize.File, []byte) {
	t.Helper()
	rows, err := Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, rows, opts); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return rows, f, buf.Bytes()
}

func TestWriteReadBack(t *testing.T) {
	opts := Options{Rows: 300, Seed: 42, Year: 2025}
	rows, f, _ := writeBook(t, opts)
	if got := f.GetSheetList(); len(got) != 2 || got[0] != DataSheet || got[1] != GuideSheet {
		t.Fatalf("sheets = %v", got)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet %d, want the data sheet", f.GetActiveSheetIndex())
	}
	sheet, err := f.GetRows(DataSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(sheet) != HeaderRow+len(rows) {
		t.Fatalf("%d sheet rows, want %d", len(sheet), HeaderRow+len(rows))
	}
	if title := sheet[0][0]; !strings.Contains(title, "합성") || !strings.Contains(title, "2025년") {
		t.Errorf("title %q", title)
	}
	if len(sheet[2]) != 0 {
		t.Errorf("row 3 not blank: %q", sheet[2])
	}
	want := []string{"기업명", "사업자등록번호", "시도", "시군구", "업종", "종업원수(명)", "매출액(백만원)",
		"AI도입단계", "AI활용분야", "AI도입비용(만원)", "정부지원금(만원)", "애로사항", "AI인력현원(명)",
		"AI인력필요(명)", "생산성향상률(%)", "우수사례여부", "우수사례내용", "가중치", "조사일", "사례공개동의"}
	if got := strings.Join(sheet[HeaderRow-1], "|"); got != strings.Join(want, "|") {
		t.Fatalf("header\n got %s\nwant %s", got, strings.Join(want, "|"))
	}
	cells, err := f.GetMergeCells(DataSheet)
	if err != nil || len(cells) != 2 || cells[0].GetStartAxis() != "A1" || cells[0].GetEndAxis() != "T1" {
		t.Errorf("merged cells = %v, %v", cells, err)
	}
}

// cell reads one data cell of row i (0-based) in column col (1-based).
func cell(t *testing.T, f *excelize.File, col, i int) (string, excelize.CellType) {
	t.Helper()
	ref, _ := excelize.CoordinatesToCellName(col, FirstRow+i)
	v, err := f.GetCellValue(DataSheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	typ, err := f.GetCellType(DataSheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	return v, typ
}

func TestWriteCellValues(t *testing.T) {
	rows, f, _ := writeBook(t, Options{Rows: 200, Seed: 9})
	first := -1
	for i, r := range rows {
		if model.Adopted(r.Stage) {
			first = i
			break
		}
	}
	if first < 0 {
		t.Fatal("no adopter in 200 rows")
	}
	r := rows[first]
	tests := []struct {
		name string
		col  int
		want string
		typ  excelize.CellType
	}{
		{"firm name", 1, r.FirmName, excelize.CellTypeInlineString},
		{"business no", 2, r.BusinessNo[:3] + "-" + r.BusinessNo[3:5] + "-" + r.BusinessNo[5:], excelize.CellTypeInlineString},
		{"employees", 6, strconv.Itoa(r.Employees), excelize.CellTypeUnset},
		{"revenue 백만원", 7, strconv.FormatFloat(float64(r.Revenue)/1e6, 'f', -1, 64), excelize.CellTypeUnset},
		{"cost 만원", 10, strconv.FormatInt(r.AdoptionCost/1e4, 10), excelize.CellTypeUnset},
		{"gov 만원", 11, strconv.FormatInt(r.GovSupport/1e4, 10), excelize.CellTypeUnset},
		{"use areas", 9, strings.Join(r.UseAreas, ";"), excelize.CellTypeInlineString},
		{"weight", 18, strconv.FormatFloat(r.Weight, 'f', -1, 64), excelize.CellTypeUnset},
		{"surveyed on", 19, r.SurveyedOn.Format(time.DateOnly), excelize.CellTypeUnset},
	}
	for _, tt := range tests {
		got, typ := cell(t, f, tt.col, first)
		if got != tt.want || typ != tt.typ {
			t.Errorf("%s = %q (type %v), want %q (type %v)", tt.name, got, typ, tt.want, tt.typ)
		}
	}
	// A firm that never spent anything leaves the cost cells empty.
	for i, r := range rows {
		if r.AdoptionCost == 0 && !model.Adopted(r.Stage) {
			if got, _ := cell(t, f, 10, i); got != "" {
				t.Errorf("row %d: cost cell %q, want empty", i, got)
			}
			break
		}
	}
}

func TestWriteMarksSynthetic(t *testing.T) {
	_, f, _ := writeBook(t, Options{Rows: 10, Seed: 1234})
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(props.Title, "합성") || !strings.Contains(strings.ToLower(props.Description), "synthetic") {
		t.Errorf("doc props title %q description %q", props.Title, props.Description)
	}
	guide, err := f.GetRows(GuideSheet)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, row := range guide {
		text.WriteString(strings.Join(row, " "))
	}
	for _, want := range []string{"합성", "axdash demo-workbook", "seed 1234"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("guide sheet lacks %q", want)
		}
	}
}

func TestWriteDeterministicBytes(t *testing.T) {
	_, _, a := writeBook(t, Options{Rows: 100, Seed: 5})
	_, _, b := writeBook(t, Options{Rows: 100, Seed: 5})
	if !bytes.Equal(a, b) {
		t.Fatal("same options gave different workbook bytes")
	}
}

func TestWriteRejectsUnknownRegion(t *testing.T) {
	rows, _ := Generate(Options{Rows: 2, Seed: 1})
	rows[1].Region = "99"
	var buf bytes.Buffer
	if err := Write(&buf, rows, Options{}); err == nil || !strings.Contains(err.Error(), "row 2") {
		t.Fatalf("err = %v, want an error naming row 2", err)
	}
}

func TestWriteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.xlsx")
	rows, err := WriteFile(path, Options{Rows: 50, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := f.GetCellValue(DataSheet, "A5")
	if err != nil || got != rows[0].FirmName {
		t.Fatalf("A5 = %q, %v; want %q", got, err, rows[0].FirmName)
	}
	if _, err := WriteFile(filepath.Join(t.TempDir(), "x.xlsx"), Options{Rows: -1}); err == nil {
		t.Fatal("negative rows accepted")
	}
}

// StreamFile writes the very bytes WriteFile does, rows made one at a time
// instead of all first, and refuses what WriteFile refuses.
func TestStreamFileSameAsWriteFile(t *testing.T) {
	for _, opts := range []Options{
		{Rows: 0, Seed: 1},
		{Rows: 1, Seed: 9},
		{Rows: 700, Seed: 11},
		{Rows: 300, Seed: 4, Year: 2024, Lift: 1.6},
	} {
		t.Run(strconv.Itoa(opts.Rows)+"-"+strconv.FormatInt(opts.Seed, 10), func(t *testing.T) {
			dir := t.TempDir()
			whole, streamed := filepath.Join(dir, "whole.xlsx"), filepath.Join(dir, "streamed.xlsx")
			if _, err := WriteFile(whole, opts); err != nil {
				t.Fatal(err)
			}
			if err := StreamFile(streamed, opts); err != nil {
				t.Fatal(err)
			}
			a, errA := os.ReadFile(whole)
			b, errB := os.ReadFile(streamed)
			if errA != nil || errB != nil {
				t.Fatal(errA, errB)
			}
			if !bytes.Equal(a, b) {
				t.Fatalf("StreamFile wrote %d bytes unlike WriteFile's %d", len(b), len(a))
			}
		})
	}
	for _, bad := range []Options{{Rows: -1}, {Rows: maxRows + 1}, {Rows: 1, Year: 1800}} {
		path := filepath.Join(t.TempDir(), "bad.xlsx")
		if err := StreamFile(path, bad); err == nil {
			t.Errorf("StreamFile(%+v) accepted", bad)
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("StreamFile(%+v) left %s behind: %v", bad, path, err)
		}
	}
}

func TestBusinessNoUnique(t *testing.T) {
	const n = 300000
	seen := make(map[string]bool, n)
	for i := 0; i < n; i++ {
		b := businessNo(77, i, i%2 == 0, i)
		if seen[b[:3]+b[5:9]] || !model.BusinessNoValid(b) {
			t.Fatalf("row %d: %s repeated or invalid", i, b)
		}
		seen[b[:3]+b[5:9]] = true
	}
}

func BenchmarkWrite(b *testing.B) {
	rows, _ := Generate(Options{Rows: 10000, Seed: 1})
	for b.Loop() {
		if err := Write(&bytes.Buffer{}, rows, Options{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
